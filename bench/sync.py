"""Kiosk → store sync: drain 10,000 queued orders, store ingest vs raw PostgreSQL, a fleet of 100 kiosks.

The store runs as a real `cloudstore serve` process on 127.0.0.1 (its own interpreter, as on a real
server), against a SQLite file and, when CLOUDSTORE_TEST_PG_URL names a reachable server, PostgreSQL.

- drain: 10,000 paid orders queued in a real kiosk SQLite outbox, pushed by `OutboxPusher.drain()`
  (batches of 100, per-item bookkeeping, orders marked SYNCED). Same-run baseline: the very same
  batches POSTed by a bare signed httpx loop to a fresh store, with no outbox reads or writes.
- ingest vs raw: the PostgreSQL store's ingest rate over HTTP (bodies encoded beforehand, a lean
  signed client, every response checked) against a raw `INSERT … ON CONFLICT DO NOTHING` of the same
  rows through the driver (bench/sync_store.py), alternating over 5 rounds after an untimed warm-up of
  1,000 orders on each side; the figure is the median.
- fleet: 100 registered devices, one thread and one signed client each, pushing 10 batches of 10
  orders concurrently to the PostgreSQL store: orders/s overall and p95 request latency.
- fleet by workers: the same fleet against `cloudstore serve --workers N` for N = 1, 2 and 4 on the same
  PostgreSQL server (a fresh schema each run), the counts alternating over FLEET_ROUNDS rounds so a slow
  spell of a shared machine falls on all of them; the figure per count is the median round. Each kiosk
  keeps one connection, which stays with the worker that accepted it: the table shows how the kernel
  spread them over the workers. The kiosks' 100 threads run in this process, on the same cores.

    .venv/bin/python bench/sync.py
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.sync_store import (  # noqa: E402
    HmacAuth,
    batch_bodies,
    make_items,
    pg_schema,
    post_bodies,
    raw_ingest,
    seed_payments,
)
from kiosk.db.engine import Database  # noqa: E402
from kiosk.db.migrate import upgrade  # noqa: E402
from kiosk.db.models import Order, OrderLine, OrderState, OutboxRow, utcnow  # noqa: E402
from kiosk.sync.client import StoreEndpoint, SyncClient, encode_json  # noqa: E402
from kiosk.sync.outbox import OutboxPusher  # noqa: E402
from kiosk.sync.protocol import ORDER_PAID_KIND, canonical_json, payload_hash  # noqa: E402

ORDERS = 10_000
BATCH = 100
FLEET = 100
FLEET_BATCHES = 10
FLEET_BATCH_SIZE = 10
FLEET_ROUNDS = 2
WORKER_COUNTS = (1, 2, 4)
ADMIN_USER, ADMIN_PASSWORD = "bench", "bench-admin-password"
PG_ENV = "CLOUDSTORE_TEST_PG_URL"


# --- the store process ---------------------------------------------------------------------------------


@dataclass
class Store:
    base_url: str
    admin: httpx.Client
    db_url: str
    workers: int = 1

    def add_device(self, name: str) -> tuple[str, str]:
        created = self.admin.post("/admin/api/devices", json={"name": name}).json()
        return created["device_id"], created["secret"]

    def paid_device(self, name: str, payloads: list[dict[str, Any]]) -> tuple[str, str]:
        """A new device whose orders' payments the store holds as PAID, as the phones left them."""
        device = self.add_device(name)
        seed_payments(self.db_url, device[0], payloads)
        return device


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sign_in(admin: httpx.Client) -> None:
    """The admin API's session: the login form (its CSRF field), then the session's CSRF header."""
    form = admin.get("/admin/login").text
    csrf = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    signed = admin.post("/admin/login",
                        data={"name": ADMIN_USER, "password": ADMIN_PASSWORD, "csrf_token": csrf})
    if signed.status_code != 303:
        raise RuntimeError(f"bench sign-in refused: {signed.status_code}")
    admin.headers["X-CSRF-Token"] = admin.get("/admin/api/session").json()["csrf_token"]


@contextmanager
def store_process(db_url: str, workers: int = 1) -> Iterator[Store]:
    """`cloudstore serve` on a free port; with several workers, the sandbox's `/worker` (which process
    answered) is mounted so that the run can wait for all of them and see how kiosks spread."""
    port = _free_port()
    env = dict(os.environ)
    subprocess.run([sys.executable, "-m", "cloudstore", "add-user", ADMIN_USER, "--role", "merchant", "--db",
                    db_url], input=ADMIN_PASSWORD + "\n", text=True, cwd=ROOT, env=env, capture_output=True,
                   check=False)  # fails harmlessly when a reused database has the user already
    several = ["--workers", str(workers), "--sandbox-controls"] if workers > 1 else []
    proc = subprocess.Popen([sys.executable, "-m", "cloudstore", "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--db", db_url, "--log-level", "warning", *several], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    admin = httpx.Client(base_url=base, timeout=30)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if admin.get("/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                errors = proc.stderr.read().decode()[-2000:] if proc.stderr else ""
                raise RuntimeError(f"store did not start: {errors}")
            time.sleep(0.05)
        if workers > 1:
            _wait_for_workers(base, workers)
        _sign_in(admin)
        yield Store(base, admin, db_url, workers)
    finally:
        admin.close()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_for_workers(base: str, workers: int) -> None:
    """Until a new connection has reached each worker (every one has started)."""
    seen: set[int] = set()
    deadline = time.monotonic() + 30
    while len(seen) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(seen)} of {workers} store workers answered")
        with httpx.Client(base_url=base, timeout=5) as probe:
            seen.add(probe.get("/sandbox/worker").json()["pid"])


# --- the kiosk side ------------------------------------------------------------------------------------


def queue_orders(db: Database, count: int) -> None:
    """`count` PAID orders with their outbox rows (seq 1..count), inserted in bulk for the setup."""
    now = utcnow()
    orders, lines, outbox = [], [], []
    for seq in range(1, count + 1):
        order_uuid = str(uuid.uuid4())
        qty, price = 1 + seq % 3, 990 + seq % 50
        total = qty * price
        orders.append({"id": seq, "order_uuid": order_uuid, "order_no": f"K01-{seq:06d}",
                       "state": OrderState.PAID, "currency": "CNY", "subtotal_minor": total,
                       "shipping_minor": 0, "total_minor": total, "receipt_no": f"RK01{seq:08d}",
                       "created_at": now, "updated_at": now, "paid_at": now})
        line = {"position": 0, "sku": f"D{seq % 150:05d}", "name_zh": "商品", "name_en": "Item",
                "unit_price_minor": price, "quantity": qty, "line_total_minor": total}
        lines.append({"order_id": seq, **line})
        payload = {"order_uuid": order_uuid, "order_no": f"K01-{seq:06d}", "currency": "CNY",
                   "subtotal_minor": total, "shipping_minor": 0, "total_minor": total, "fulfilment": "pickup",
                   "receipt_no": f"RK01{seq:08d}", "lines": [line],
                   "payment": {"method": "wechat", "amount_minor": total}}
        outbox.append({"device_seq": seq, "kind": ORDER_PAID_KIND, "order_uuid": order_uuid,
                       "payload": canonical_json(payload).decode(), "payload_hash": payload_hash(payload),
                       "created_at": now})
    with db.write() as session:
        session.execute(insert(Order), orders)
        session.execute(insert(OrderLine), lines)
        session.execute(insert(OutboxRow), outbox)


def outbox_batches(db: Database) -> list[list[dict[str, Any]]]:
    with db.read() as session:
        rows = session.execute(select(OutboxRow.device_seq, OutboxRow.order_uuid, OutboxRow.kind,
                                      OutboxRow.payload, OutboxRow.payload_hash)
                               .order_by(OutboxRow.device_seq)).all()
    items = [{"device_seq": s, "order_uuid": u, "kind": k, "payload": json.loads(p), "payload_hash": h}
             for s, u, k, p, h in rows]
    return [items[i:i + BATCH] for i in range(0, len(items), BATCH)]


def drain(store: Store, db: Database, payloads: list[dict[str, Any]]) -> float:
    with SyncClient(StoreEndpoint(store.base_url, *store.paid_device("drain", payloads))) as client:
        pusher = OutboxPusher(db, client)
        started = time.perf_counter()
        report = pusher.drain()
        elapsed = time.perf_counter() - started
    if report.sent != ORDERS or report.remaining or report.retries:
        raise RuntimeError(f"drain incomplete: {report}")
    with db.read() as session:
        synced = session.scalar(select(Order.id).where(Order.state != OrderState.SYNCED).limit(1))
    if synced is not None:
        raise RuntimeError("an order was left unsynced")
    return elapsed


def bare_loop(store: Store, batches: list[list[dict[str, Any]]]) -> float:
    """The baseline: the same batches, signed and POSTed back to back, nothing recorded."""
    device_id, secret = store.paid_device("bare", [item["payload"] for batch in batches for item in batch])
    transport = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
    with httpx.Client(base_url=store.base_url, auth=HmacAuth(device_id, secret), transport=transport,
                      timeout=30) as client:
        started = time.perf_counter()
        for batch in batches:
            response = client.post("/v1/orders:batch", content=encode_json({"items": batch}),
                                   headers={"Content-Type": "application/json"})
            response.raise_for_status()
        return time.perf_counter() - started


@dataclass
class DrainFigures:
    drain_s: float
    bare_s: float


def bench_backend(kiosk_dir: Path, url_for: Any) -> DrainFigures:
    """Drain into one fresh store, the bare loop into another; `url_for(name)` yields a store URL."""
    db = Database(kiosk_dir / f"kiosk-{uuid.uuid4().hex[:6]}.sqlite3")
    upgrade(db)
    try:
        queue_orders(db, ORDERS)
        batches = outbox_batches(db)
        with url_for("drain") as url, store_process(url) as store:
            drain_s = drain(store, db, [item["payload"] for batch in batches for item in batch])
        with url_for("bare") as url, store_process(url) as store:
            bare_s = bare_loop(store, batches)
    finally:
        db.close()
    return DrainFigures(drain_s, bare_s)


# --- raw PostgreSQL and the fleet ----------------------------------------------------------------------


INGEST_ROUNDS = 5
WARM_UP_ORDERS = 1_000


@dataclass
class IngestRound:
    store_s: float
    raw_s: float


def ingest_vs_raw(pg_url: str) -> list[IngestRound]:
    """The store's ingest against raw inserts of the same rows, round by round on fresh orders.

    The two alternate so that a slow spell of this shared machine falls on both sides of a round's
    ratio. The store runs as its own process on a fresh schema; the raw side inserts into another.
    """
    import psycopg

    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://")
    rounds: list[IngestRound] = []
    with pg_schema(pg_url) as (store_url, _), store_process(store_url) as store, \
            pg_schema(pg_url) as (raw_url, raw_schema):

        def raw(items: list[dict[str, Any]]) -> float:
            return raw_ingest(raw_url, items,
                              lambda: psycopg.connect(dsn, options=f"-csearch_path={raw_schema}"),
                              lambda conn: conn.transaction(), "%s")

        # untimed: both sides warm their connections, plans and caches on 1,000 other orders first
        warm = make_items(WARM_UP_ORDERS)
        post_bodies(store.base_url, *store.paid_device("warm-up", [i["payload"] for i in warm]),
                    batch_bodies(warm))
        raw(warm)
        for r in range(INGEST_ROUNDS):
            items = make_items(ORDERS)
            bodies = batch_bodies(items)
            device = store.paid_device(f"ingest-{r}", [i["payload"] for i in items])
            store_s = post_bodies(store.base_url, *device, bodies)
            raw_s = raw(items)
            rounds.append(IngestRound(store_s, raw_s))
    return rounds


@dataclass
class FleetFigures:
    orders: int
    wall_s: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    failures: int
    # how many kiosk connections each worker accepted, most first (one worker: [FLEET])
    spread: list[int]

    @property
    def per_s(self) -> float:
        return self.orders / self.wall_s


def _fleet_batches() -> list[list[dict[str, Any]]]:
    """One fleet kiosk's paid orders, FLEET_BATCHES batches of FLEET_BATCH_SIZE."""
    batches = []
    for b in range(FLEET_BATCHES):
        items = []
        for i in range(FLEET_BATCH_SIZE):
            seq = b * FLEET_BATCH_SIZE + i + 1
            order_uuid = str(uuid.uuid4())
            line = {"position": 0, "sku": "D00001", "name_zh": "可乐", "name_en": "Cola",
                    "unit_price_minor": 1590, "quantity": 1, "line_total_minor": 1590}
            payload = {"order_uuid": order_uuid, "order_no": f"F-{seq:06d}", "currency": "CNY",
                       "subtotal_minor": 1590, "shipping_minor": 0, "total_minor": 1590, "lines": [line],
                       "payment": {"method": "wechat", "amount_minor": 1590}}
            items.append({"device_seq": seq, "order_uuid": order_uuid, "kind": ORDER_PAID_KIND,
                          "payload": payload, "payload_hash": payload_hash(payload)})
        batches.append(items)
    return batches


def fleet(store: Store) -> FleetFigures:
    plans = [_fleet_batches() for _ in range(FLEET)]
    devices = [store.paid_device(f"F{i:03d}", [item["payload"] for batch in plan for item in batch])
               for i, plan in enumerate(plans)]
    latencies: list[float] = []
    failures: list[str] = []
    pids: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(FLEET + 1)

    def kiosk(device: tuple[str, str], batches: list[list[dict[str, Any]]]) -> None:
        mine: list[float] = []
        with SyncClient(StoreEndpoint(store.base_url, *device)) as client:
            # connect before the clock starts (and learn which worker holds the connection)
            if store.workers > 1:
                pid = client.get("/sandbox/worker").json()["pid"]
                with lock:
                    pids.append(pid)
            else:
                client.get("/v1/orders/warm-up")
            barrier.wait()
            for items in batches:
                started = time.perf_counter()
                response = client.post("/v1/orders:batch", json_body={"items": items})
                mine.append(time.perf_counter() - started)
                if response.status_code != 200 or any(r["status"] != "created"
                                                       for r in response.json()["results"]):
                    with lock:
                        failures.append(f"{response.status_code}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=kiosk, args=(d, plan), daemon=True) for d, plan in zip(devices, plans,
                                                                                              strict=True)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    spread = sorted((pids.count(pid) for pid in set(pids)), reverse=True) if pids else [FLEET]
    return FleetFigures(FLEET * FLEET_BATCHES * FLEET_BATCH_SIZE, wall, statistics.median(ordered) * 1000,
                        p95 * 1000, ordered[-1] * 1000, len(failures), spread)


def fleet_by_workers(pg_url: str) -> dict[int, list[FleetFigures]]:
    """The fleet against 1, 2 and 4 workers on the same server, alternating, FLEET_ROUNDS rounds."""
    runs: dict[int, list[FleetFigures]] = {n: [] for n in WORKER_COUNTS}
    for _round in range(FLEET_ROUNDS):
        for n in WORKER_COUNTS:
            with pg_schema(pg_url) as (url, _schema), store_process(url, workers=n) as store:
                runs[n].append(fleet(store))
    return runs


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- main ----------------------------------------------------------------------------------------------


def _pg_available(url: str | None) -> str | None:
    """None when usable, else why not."""
    if not url:
        return f"{PG_ENV} is not set (tools/postgres.sh prints it)"
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to reach it makes the figure "unavailable"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return None


def main() -> int:
    started = time.perf_counter()
    pg_url = os.environ.get(PG_ENV)
    pg_problem = _pg_available(pg_url)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)

        @contextmanager
        def sqlite_url(name: str) -> Iterator[str]:
            yield f"sqlite:///{tmp / f'store-{name}.sqlite3'}"

        @contextmanager
        def postgres_url(_name: str) -> Iterator[str]:
            assert pg_url is not None
            with pg_schema(pg_url) as (url, _schema):
                yield url

        results: dict[str, DrainFigures | None] = {"sqlite": bench_backend(tmp, sqlite_url), "postgres": None}
        rounds: list[IngestRound] = []
        fleet_figures: FleetFigures | None = None
        by_workers: dict[int, list[FleetFigures]] = {}
        if pg_problem is None and pg_url is not None:
            results["postgres"] = bench_backend(tmp, postgres_url)
            rounds = ingest_vs_raw(pg_url)
            with postgres_url("fleet") as url, store_process(url) as store:
                fleet_figures = fleet(store)
            by_workers = fleet_by_workers(pg_url)

    print(f"{ORDERS} queued orders drained over loopback to `cloudstore serve` (its own process), batches of "
          f"{BATCH}; baseline = the same batches POSTed by a bare signed httpx loop (no outbox bookkeeping)")
    print(f"{'store':<10} {'drain s':>8} {'orders/s':>9} {'bare s':>8} {'orders/s':>9} {'drain/bare':>11}")
    for backend, fig in results.items():
        if fig is None:
            print(f"{backend:<10} {'unavailable':>8}  PostgreSQL server unavailable: {pg_problem}")
            continue
        print(f"{backend:<10} {fig.drain_s:>8.2f} {ORDERS / fig.drain_s:>9.0f} {fig.bare_s:>8.2f} "
              f"{ORDERS / fig.bare_s:>9.0f} {fig.drain_s / fig.bare_s:>10.2f}x")
    pg = results["postgres"]
    ratio: str = "unavailable"
    if rounds:
        print(f"\nstore ingest over HTTP (PostgreSQL store, {ORDERS} fresh orders a round, batches of "
              f"{BATCH}, signed, one connection) vs raw INSERT … ON CONFLICT of the same rows through "
              f"psycopg, {BATCH} per transaction, into the same table; rounds alternate")
        print(f"{'round':<6} {'store s':>8} {'orders/s':>9} {'raw s':>7} {'orders/s':>9} {'raw/store':>10}")
        for i, r in enumerate(rounds, 1):
            print(f"{i:<6} {r.store_s:>8.2f} {ORDERS / r.store_s:>9.0f} {r.raw_s:>7.2f} "
                  f"{ORDERS / r.raw_s:>9.0f} {r.raw_s / r.store_s:>9.2f}x")
        ratio = f"{statistics.median(r.raw_s / r.store_s for r in rounds):.2f}"
        print(f"median ratio {ratio}")
    if fleet_figures is not None:
        f = fleet_figures
        print(f"\nfleet: {FLEET} devices x {FLEET_BATCHES} batches of {FLEET_BATCH_SIZE}, one thread + "
              f"signed client each, PostgreSQL store: {f.orders} orders in {f.wall_s:.2f} s = "
              f"{f.orders / f.wall_s:.0f} orders/s; request latency p50 {f.p50_ms:.0f} ms, "
              f"p95 {f.p95_ms:.0f} ms, max {f.max_ms:.0f} ms; failures {f.failures}")
    median_per_s: dict[int, float | None] = dict.fromkeys(WORKER_COUNTS)
    if by_workers:
        print(f"\nfleet by store workers: the same fleet against `cloudstore serve --workers N`, same "
              f"PostgreSQL server, a fresh schema each run, counts alternating over {FLEET_ROUNDS} rounds; "
              f"{cores()} CPU cores for the kiosks' threads, the workers and PostgreSQL together")
        print(f"{'workers':<8} {'round':>5} {'orders/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
              f"{'failures':>8}  kiosk connections per worker")
        for n, runs in by_workers.items():
            for i, run in enumerate(runs, 1):
                print(f"{n:<8} {i:>5} {run.per_s:>9.0f} {run.p50_ms:>7.0f} {run.p95_ms:>7.0f} "
                      f"{run.max_ms:>7.0f} {run.failures:>8}  {'/'.join(map(str, run.spread))}")
            median_per_s[n] = statistics.median(run.per_s for run in runs)
        print("median orders/s " + ", ".join(f"w{n} {v:.0f}" for n, v in median_per_s.items() if v))
    print(f"\ntotal bench time {time.perf_counter() - started:.0f} s")

    def value(x: float | None, fmt: str = "{:.2f}") -> str:
        return "unavailable" if x is None else fmt.format(x)

    sqlite_fig = results["sqlite"]
    print(f"FIGURE drain_10k_sqlite_s {value(sqlite_fig.drain_s if sqlite_fig else None)} s target <= 10")
    print(f"FIGURE drain_10k_postgres_s {value(pg.drain_s if pg else None)} s target <= 10")
    print(f"FIGURE ingest_vs_raw_pg_ratio {ratio} x target >= 0.5")
    print(f"FIGURE fleet100_orders_per_s "
          f"{value(fleet_figures.orders / fleet_figures.wall_s if fleet_figures else None, '{:.0f}')} "
          f"orders/s target >= 0")
    print(f"FIGURE fleet100_p95_ms {value(fleet_figures.p95_ms if fleet_figures else None, '{:.0f}')} "
          f"ms target >= 0")
    for n in WORKER_COUNTS:
        print(f"FIGURE fleet_orders_per_s_w{n} {value(median_per_s[n], '{:.0f}')} orders/s target >= 0")
    w1, w2 = median_per_s[1], median_per_s[2]
    print(f"FIGURE fleet_scaling_w2_over_w1 {value(w2 / w1 if w1 and w2 else None)} x target >= 1.5 "
          f"({cores()} cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
