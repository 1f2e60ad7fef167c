"""`cloudstore serve --workers 2` on one PostgreSQL: the real store as its own process tree, started by
the CLI on a free port, and signed kiosks and phones whose connections are pinned to one worker each.

A keep-alive connection stays with the worker process that accepted it, and the sandbox's `/worker`
answers that process's id, so a test can open connections until it holds one to each worker and then
send "the same request to the other worker" for certain. Each test checks afterwards that its pins
held (the same connection still answers with the same process).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import func, select

from cloudstore.__main__ import parser
from cloudstore.db import StoreDB
from cloudstore.models import Device, QuarantinedItem, SandboxPayment, StoreOrder
from kiosk.sync.protocol import signed_headers
from tests.unit.cloudstore.harness import (
    MERCHANT_NAME,
    MERCHANT_PASSWORD,
    HmacAuth,
    batch_item,
    free_socket,
    login,
    order_payload,
    paid_payment,
    pg_base_url,
    postgres_schema,
    staff_client,
)

ROOT = Path(__file__).resolve().parents[3]
WORKERS = 2
KIOSKS = 4
ORDERS_PER_KIOSK = 30


@dataclass
class Workers:
    base_url: str
    db: StoreDB
    proc: subprocess.Popen[bytes]
    clients: list[httpx.Client]

    def admin(self) -> httpx.Client:
        """A merchant signed in through the real login form (on whichever worker answers)."""
        client = staff_client(self.base_url, self.db)
        self.clients.append(client)
        return client

    def add_device(self, name: str) -> tuple[str, str]:
        created = self.admin().post("/admin/api/devices", json={"name": name}).json()
        return created["device_id"], created["secret"]

    def pinned(self) -> dict[int, httpx.Client]:
        """One client per worker process, each holding its own keep-alive connection to it."""
        found: dict[int, httpx.Client] = {}
        for _ in range(200):
            client = httpx.Client(base_url=self.base_url, timeout=10,
                                  limits=httpx.Limits(max_connections=1, keepalive_expiry=60))
            pid = worker_of(client)
            if pid in found:
                client.close()
            else:
                found[pid] = client
                self.clients.append(client)
                if len(found) == WORKERS:
                    return found
        raise AssertionError(f"200 new connections reached only the workers {sorted(found)}")


def worker_of(client: httpx.Client) -> int:
    response = client.get("/sandbox/worker")
    assert response.status_code == 200, response.text
    pid: int = response.json()["pid"]
    return pid


def assert_still_pinned(pins: dict[int, httpx.Client]) -> None:
    for pid, client in pins.items():
        assert worker_of(client) == pid, "a pinned client reached another worker: the test proves nothing"


@pytest.fixture(scope="module")
def workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workers]:
    """One store for the module's tests (each uses kiosks of its own): starting it costs seconds."""
    tmp_path = tmp_path_factory.mktemp("workers")
    with postgres_schema(pg_base_url()) as url:
        sock = free_socket()
        port = sock.getsockname()[1]
        sock.close()  # the store binds it; a port taken meanwhile shows as "did not start"
        env = dict(os.environ)
        log = (tmp_path / "store.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "cloudstore", "serve", "--workers", str(WORKERS), "--db", url,
             "--host", "127.0.0.1", "--port", str(port), "--sandbox-controls", "--log-level", "warning",
             "--shopper-salt-file", str(tmp_path / "salt.key")],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        db = StoreDB(url)
        store = Workers(base, db, proc, [])
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"store did not start: {(tmp_path / 'store.log').read_text()[-2000:]}")
                time.sleep(0.05)
            yield store
        finally:
            for client in store.clients:
                client.close()
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
            db.close()


@pytest.mark.postgres
def test_a_staff_session_made_on_one_worker_holds_on_the_other_and_ends_on_both(workers: Workers) -> None:
    """Sessions live in the database: a merchant signed in through one worker is known to the other,
    and a logout through the other ends the session for both."""
    workers.admin()  # makes the merchant
    (pid_a, on_a), (pid_b, on_b) = workers.pinned().items()
    assert login(on_a, MERCHANT_NAME, MERCHANT_PASSWORD).status_code == 303
    on_b.cookies = on_a.cookies
    seen = on_b.get("/admin/api/session")
    assert seen.status_code == 200, f"worker {pid_b} does not know the session made on worker {pid_a}"
    out = on_b.post("/admin/logout", data={"csrf_token": seen.json()["csrf_token"]})
    assert out.status_code == 200
    assert on_a.get("/admin/api/session").status_code == 401
    assert_still_pinned({pid_a: on_a, pid_b: on_b})


@pytest.mark.postgres
def test_overlapping_batches_pushed_to_both_workers_store_every_order_once(workers: Workers) -> None:
    kiosks = []
    for k in range(KIOSKS):
        device_id, secret = workers.add_device(f"W{k}")
        payloads = [order_payload() for _ in range(ORDERS_PER_KIOSK)]
        for payload in payloads:
            paid_payment(workers.db, device_id, payload)
        items = [batch_item(seq, p) for seq, p in enumerate(payloads, 1)]
        # overlapping windows of 10, every 5 seqs: each order travels in two batches
        windows = [items[i:i + 10] for i in range(0, ORDERS_PER_KIOSK - 5, 5)]
        kiosks.append((device_id, secret, payloads, windows))

    # every kiosk pushes from a thread per worker: one worker's thread oldest first, the other's newest
    # first, so the same orders reach both workers at the same time
    plans = []
    for device_id, secret, _payloads, windows in kiosks:
        pins = workers.pinned()
        for i, (pid, client) in enumerate(pins.items()):
            plans.append((pid, client, HmacAuth(device_id, secret), windows if i == 0 else windows[::-1]))
    answers: list[tuple[str, dict[str, Any]]] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(plans))

    def push(client: httpx.Client, auth: HmacAuth, windows: list[list[dict[str, Any]]]) -> None:
        barrier.wait()
        for window in windows:
            response = client.post("/v1/orders:batch", json={"items": window}, auth=auth)
            with lock:
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.text[:200]}")
                else:
                    answers.append((auth.device_id, response.json()))

    threads = [threading.Thread(target=push, args=(client, auth, windows))
               for _, client, auth, windows in plans]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    for pid, client, _, _ in plans:
        assert worker_of(client) == pid
    assert len({pid for pid, *_ in plans}) == WORKERS

    created: dict[str, int] = {}
    for _device, answer in answers:
        for result in answer["results"]:
            assert result["status"] in {"created", "duplicate"}, result
            if result["status"] == "created":
                created[result["order_uuid"]] = created.get(result["order_uuid"], 0) + 1
    every_uuid = {p["order_uuid"] for _, _, payloads, _ in kiosks for p in payloads}
    assert created == dict.fromkeys(every_uuid, 1), "each order answered 'created' exactly once"

    with workers.db.read() as session:
        for device_id, _secret, payloads, _windows in kiosks:
            rows = session.execute(select(StoreOrder.order_uuid, StoreOrder.device_seq)
                                   .where(StoreOrder.device_id == device_id)).all()
            assert sorted(rows, key=lambda r: r[1]) == [(p["order_uuid"], seq)
                                                        for seq, p in enumerate(payloads, 1)]
            device = session.get(Device, device_id)
            assert device is not None
            assert (device.contiguous_seq, device.max_seq) == (ORDERS_PER_KIOSK, ORDERS_PER_KIOSK)
        assert session.scalar(select(func.count()).select_from(QuarantinedItem)) == 0

    # whichever worker answers next, it tells the kiosk the same bookkeeping
    device_id, secret, payloads, windows = kiosks[0]
    for client in workers.pinned().values():
        again = client.post("/v1/orders:batch", json={"items": windows[0]}, auth=HmacAuth(device_id, secret))
        assert again.status_code == 200
        body = again.json()
        assert (body["highest_contiguous_seq"], body["max_seq"], body["gap"]) == (ORDERS_PER_KIOSK,
                                                                                 ORDERS_PER_KIOSK, False)
        assert {r["status"] for r in body["results"]} == {"duplicate"}


def race(on_a: httpx.Client, on_b: httpx.Client, kiosk_b: httpx.Client, auth: HmacAuth, payment_id: str,
         token: str) -> dict[str, Any]:
    """At the same moment: a phone pays through each worker, and the kiosk, on a connection of its own
    to the second one, queries then closes the payment (as it does when it gives up waiting)."""
    seen: dict[str, Any] = {}
    barrier = threading.Barrier(3)

    def phone(name: str, client: httpx.Client) -> None:
        barrier.wait()
        seen[name] = client.post(f"/pay/{token}/pay").status_code

    def kiosk() -> None:
        barrier.wait()
        queried = kiosk_b.get(f"/v1/payments/{payment_id}", auth=auth)
        closed = kiosk_b.post(f"/v1/payments/{payment_id}/close", auth=auth)
        seen["query"], seen["close"] = queried.json(), (closed.status_code, closed.json())

    threads = [threading.Thread(target=phone, args=("phone_a", on_a)),
               threading.Thread(target=phone, args=("phone_b", on_b)), threading.Thread(target=kiosk)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return seen


@pytest.mark.postgres
def test_a_payment_raced_by_phones_and_the_kiosk_on_both_workers_is_settled_once(workers: Workers) -> None:
    device_id, secret = workers.add_device("race")
    auth = HmacAuth(device_id, secret)
    for _round in range(8):
        (pid_a, on_a), (pid_b, on_b) = workers.pinned().items()
        kiosk_b = workers.pinned()[pid_b]
        payload = order_payload()
        created = on_a.post("/v1/payments", auth=auth, json={
            "order_uuid": payload["order_uuid"], "currency": "CNY", "amount_minor": payload["total_minor"],
            "method": "wechat"})
        assert created.status_code == 201, created.text
        payment_id, token = created.json()["payment_id"], created.json()["code_url"].rsplit("/", 1)[1]
        seen = race(on_a, on_b, kiosk_b, auth, payment_id, token)
        assert (seen["phone_a"], seen["phone_b"]) == (303, 303)
        assert_still_pinned({pid_a: on_a, pid_b: on_b})
        assert_still_pinned({pid_b: kiosk_b})

        with workers.db.read() as session:
            row = session.get(SandboxPayment, payment_id)
            assert row is not None
            final = (row.status, row.reference, row.paid_at, row.closed_at)
        close_status, close_body = seen["close"]
        if final[0] == "PAID":
            # the payment won: the kiosk's close was refused with the payment as it was paid, once
            assert close_status == 409 and close_body["status"] == "PAID"
            assert close_body["reference"] == final[1] and final[3] is None
            if seen["query"]["status"] == "PAID":
                assert seen["query"]["reference"] == final[1]
        else:
            # the close won: no phone paid it, whatever the phones' pages were shown
            assert final[0] == "CLOSED" and final[1] is None and final[2] is None
            assert close_status == 200 and close_body["status"] == "CLOSED"
            assert seen["query"]["status"] == "CREATED"
        for client in (on_a, on_b):
            page = client.get(f"/pay/{token}").text
            assert f'data-state="{"paid" if final[0] == "PAID" else "closed"}"' in page
            answer = client.get(f"/v1/payments/{payment_id}", auth=auth).json()
            assert (answer["status"], answer["reference"]) == final[:2]


@pytest.mark.postgres
def test_a_nonce_replayed_to_the_other_worker_is_refused(workers: Workers) -> None:
    device_id, secret = workers.add_device("replay")
    (pid_a, on_a), (pid_b, on_b) = workers.pinned().items()

    target = f"/v1/payments?order_uuid={uuid.uuid4()}"
    headers = signed_headers(device_id, secret, "GET", target, b"")
    assert on_a.get(target, headers=headers).status_code == 200
    replay = on_b.get(target, headers=headers)
    assert replay.status_code == 401 and replay.json()["detail"] == "nonce already used"

    # the batch endpoint records its nonce in its own transaction: the same holds there
    payload = order_payload()
    paid_payment(workers.db, device_id, payload)
    body = orjson.dumps({"items": [batch_item(1, payload)]})
    headers = signed_headers(device_id, secret, "POST", "/v1/orders:batch", body) | {
        "Content-Type": "application/json"}
    first = on_b.post("/v1/orders:batch", content=body, headers=headers)
    assert first.status_code == 200 and first.json()["results"][0]["status"] == "created"
    replay = on_a.post("/v1/orders:batch", content=body, headers=headers)
    assert replay.status_code == 401 and replay.json()["detail"] == "nonce already used"
    assert_still_pinned({pid_a: on_a, pid_b: on_b})


def test_several_workers_on_sqlite_are_refused_with_the_reason(tmp_path: Path) -> None:
    db_file = tmp_path / "store.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "cloudstore", "serve", "--workers", "2", "--db", f"sqlite:///{db_file}",
         "--port", "1", "--shopper-salt-file", str(tmp_path / "salt.key")],
        cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "--workers 2 needs PostgreSQL" in result.stderr
    assert "Serve SQLite with one worker" in result.stderr
    assert not db_file.exists(), "refused before it touched the database"


@pytest.mark.postgres
def test_a_worker_that_dies_is_replaced_and_the_store_keeps_serving(workers: Workers) -> None:
    device_id, secret = workers.add_device("survivor")
    pins = workers.pinned()
    victim, survivor = list(pins)
    os.kill(victim, signal.SIGKILL)

    # the other worker answers meanwhile, with what the dead one stored
    auth = HmacAuth(device_id, secret)
    payload = order_payload()
    paid_payment(workers.db, device_id, payload)
    pushed = pins[survivor].post("/v1/orders:batch", json={"items": [batch_item(1, payload)]}, auth=auth)
    assert pushed.status_code == 200 and pushed.json()["results"][0]["status"] == "created"

    deadline = time.monotonic() + 20
    while True:
        fresh = httpx.Client(base_url=workers.base_url, timeout=10)
        pid = worker_of(fresh)
        if pid not in pins:
            break  # a new process took the dead one's place
        fresh.close()
        assert time.monotonic() < deadline, "no worker replaced the killed one"
        time.sleep(0.05)
    workers.clients.append(fresh)
    again = fresh.post("/v1/orders:batch", json={"items": [batch_item(1, payload)]}, auth=auth)
    assert again.status_code == 200 and again.json()["results"][0]["status"] == "duplicate"
    assert workers.proc.poll() is None


def test_workers_and_connections_are_checked_on_the_command_line(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert parser().parse_args(["serve"]).workers == 1
    monkeypatch.setenv("CLOUDSTORE_WORKERS", "3")
    assert parser().parse_args(["serve"]).workers == 3
    assert parser().parse_args(["serve", "--workers", "2"]).workers == 2
    for bad in (["--workers", "0"], ["--workers", "many"], ["--db-connections", "3"]):
        with pytest.raises(SystemExit):
            parser().parse_args(["serve", *bad])
    errors = capsys.readouterr().err
    assert "between 1 and 64 workers, not 0" in errors
    assert "not a number of workers: 'many'" in errors
    assert "at least 4 connections, not 3" in errors
