"""Store ingest through the signed HTTP API vs raw `INSERT … ON CONFLICT` of the same rows.

10,000 orders in batches of 100, over loopback to a real Uvicorn, against SQLite and (when
CLOUDSTORE_TEST_PG_URL or CLOUDSTORE_BENCH_PG_URL names a server) PostgreSQL. The raw baseline inserts
the very rows the store writes, 100 to a transaction, through the DB driver with no HTTP, no signing,
no validation and no bookkeeping, in the same run. As in a real sale, each order was paid first: the
store holds its payment as PAID (seeded before the clock starts) and checks it on ingest.

    .venv/bin/python bench/sync_store.py [--orders 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import secrets
import socket
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import orjson
import uvicorn
from sqlalchemy import create_engine, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cloudstore.app import create_app
from cloudstore.db import StoreDB
from cloudstore.devices import add_device
from cloudstore.migrate import upgrade
from cloudstore.models import SandboxPayment
from cloudstore.settings import Settings
from kiosk.sync.client import encode_json
from kiosk.sync.protocol import ORDER_PAID_KIND, canonical_json, payload_hash, signed_headers

BATCH = 100


class HmacAuth(httpx.Auth):
    requires_request_body = True

    def __init__(self, device_id: str, secret: str) -> None:
        self.device_id, self.secret = device_id, secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(signed_headers(self.device_id, self.secret, request.method,
                                              request.url.raw_path.decode("ascii"), request.content))
        yield request


def make_items(n: int) -> list[dict[str, Any]]:
    """Paid orders as a kiosk pushes them; `seed_payments` gives the store their payments."""
    items = []
    for seq in range(1, n + 1):
        order_uuid = str(uuid.uuid4())
        qty, price = 1 + seq % 3, 990 + seq % 50
        payload = {
            "order_uuid": order_uuid, "order_no": f"K01-{seq:06d}", "currency": "CNY",
            "subtotal_minor": qty * price, "shipping_minor": 0, "total_minor": qty * price,
            "fulfilment": "pickup", "lines": [{"position": 0, "sku": f"D{seq % 150:05d}", "name_zh": "商品",
                                               "name_en": "Item", "unit_price_minor": price, "quantity": qty,
                                               "line_total_minor": qty * price}],
            "payment": {"method": "wechat", "amount_minor": qty * price}}
        items.append({"device_seq": seq, "order_uuid": order_uuid, "kind": ORDER_PAID_KIND,
                      "payload": payload, "payload_hash": payload_hash(payload)})
    return items


def seed_payments(db_url: str, device_id: str, payloads: list[dict[str, Any]]) -> None:
    """The store's PAID payment of each order, as the phone left it before the kiosk pushed the order."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [{"id": f"pay_{p['order_uuid']}"[:40], "token": p["order_uuid"], "out_trade_no": p["order_uuid"],
             "device_id": device_id, "order_uuid": p["order_uuid"], "method": p["payment"]["method"],
             "amount_minor": p["total_minor"], "currency": p["currency"], "description": "", "status": "PAID",
             "reference": "SBX" + p["order_uuid"][:8], "created_at": now, "expires_at": now, "paid_at": now}
            for p in payloads]
    db = StoreDB(db_url)
    try:
        with db.write() as session:
            session.execute(insert(SandboxPayment), rows)
    finally:
        db.close()


@contextmanager
def serve(db_url: str) -> Iterator[tuple[str, str, str]]:
    db = StoreDB(db_url)
    upgrade(db)
    with db.write() as session:
        device = add_device(session, "bench")
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY on accepted connections only when the
    # listening socket says so, and without it every response waits out a delayed ACK
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_url=db_url), db),
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", device["device_id"], device["secret"]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        db.close()


def batch_bodies(items: list[dict[str, Any]]) -> list[bytes]:
    """The request bodies, encoded before any clock starts (the raw baseline builds its rows first too)."""
    return [encode_json({"items": items[i:i + BATCH]}) for i in range(0, len(items), BATCH)]


def post_bodies(base_url: str, device_id: str, secret: str, bodies: list[bytes]) -> float:
    """POST the bodies back to back on one kept-alive connection; seconds taken, every item created.

    A lean client (http.client, one send per request) so that the figure is the store's time: httpx
    costs about 0.6 ms of client CPU per request here, which would be counted against the store.
    Signing, HTTP and reading and checking every response stay inside the clock.
    """
    url = urlsplit(base_url)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    conn.connect()
    assert conn.sock is not None
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    target = "/v1/orders:batch"
    try:
        start = time.perf_counter()
        for body in bodies:
            headers = signed_headers(device_id, secret, "POST", target, body)
            headers["Content-Type"] = "application/json"
            conn.request("POST", target, body=body, headers=headers)
            response = conn.getresponse()
            answer = response.read()
            if response.status != 200:
                raise RuntimeError(f"store answered {response.status}: {answer[:300]!r}")
            if any(r["status"] != "created" for r in orjson.loads(answer)["results"]):
                raise RuntimeError(f"an item was not created: {answer[:300]!r}")
        return time.perf_counter() - start
    finally:
        conn.close()


def http_ingest(db_url: str, items: list[dict[str, Any]]) -> float:
    bodies = batch_bodies(items)
    with serve(db_url) as (base, device_id, secret):
        seed_payments(db_url, device_id, [i["payload"] for i in items])
        return post_bodies(base, device_id, secret, bodies)


_COLUMNS = ("order_uuid", "device_id", "device_seq", "order_no", "kind", "payload", "payload_hash",
            "currency", "total_minor", "computed_total_minor", "audit_flags", "fulfilment", "status",
            "tracking_no", "received_at", "updated_at", "paid_at", "shopper_hash")


def raw_rows(items: list[dict[str, Any]], device_id: str) -> list[tuple[Any, ...]]:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return [(i["order_uuid"], device_id, i["device_seq"], i["payload"]["order_no"], i["kind"],
             canonical_json(i["payload"]).decode(), i["payload_hash"], "CNY", i["payload"]["total_minor"],
             i["payload"]["total_minor"], "", "pickup", "ACCEPTED", "", now, now, now, "") for i in items]


def raw_ingest(db_url: str, items: list[dict[str, Any]], connect: Callable[[], Any],
               transaction: Callable[[Any], Any], placeholder: str) -> float:
    """The same rows into the same (migrated) table, straight through the driver."""
    db = StoreDB(db_url)
    upgrade(db)
    with db.write() as session:
        device_id = add_device(session, "raw")["device_id"]
    db.close()
    rows = raw_rows(items, device_id)
    sql = (f"INSERT INTO orders ({', '.join(_COLUMNS)}) VALUES ({', '.join([placeholder] * len(_COLUMNS))}) "
           "ON CONFLICT DO NOTHING")
    conn = connect()
    try:
        start = time.perf_counter()
        for i in range(0, len(rows), BATCH):
            with transaction(conn):  # one transaction per batch, as the store does
                conn.cursor().executemany(sql, rows[i:i + BATCH])
        return time.perf_counter() - start
    finally:
        conn.close()


@contextmanager
def pg_schema(base_url: str) -> Iterator[tuple[str, str]]:
    schema = "bench_" + secrets.token_hex(4)
    engine = create_engine(base_url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        sep = "&" if "?" in base_url else "?"
        yield f"{base_url}{sep}options={quote(f'-csearch_path={schema}')}", schema
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def bench_sqlite(items: list[dict[str, Any]], tmp: Path) -> tuple[float, float]:
    api = http_ingest(f"sqlite:///{tmp / 'api.sqlite3'}", items)
    raw_path = tmp / "raw.sqlite3"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(raw_path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    raw = raw_ingest(f"sqlite:///{raw_path}", items, connect, lambda conn: conn, "?")
    return api, raw


def bench_postgres(items: list[dict[str, Any]], base_url: str) -> tuple[float, float]:
    import psycopg

    with pg_schema(base_url) as (url, _schema):
        api = http_ingest(url, items)
    with pg_schema(base_url) as (url, schema):
        dsn = base_url.replace("postgresql+psycopg://", "postgresql://")

        def connect() -> Any:
            return psycopg.connect(dsn, options=f"-csearch_path={schema}")

        raw = raw_ingest(url, items, connect, lambda conn: conn.transaction(), "%s")
    return api, raw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    args = parser.parse_args()
    results: dict[str, tuple[float, float] | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = bench_sqlite(make_items(args.orders), Path(tmp))
    pg_url = os.environ.get("CLOUDSTORE_BENCH_PG_URL") or os.environ.get("CLOUDSTORE_TEST_PG_URL")
    pg_note = ""
    if pg_url:
        try:
            results["postgres"] = bench_postgres(make_items(args.orders), pg_url)
        except Exception as exc:  # the figure says "unavailable" rather than the bench failing
            results["postgres"], pg_note = None, f"{type(exc).__name__}: {exc}"
    else:
        results["postgres"], pg_note = None, "set CLOUDSTORE_TEST_PG_URL (tools/postgres.sh prints it)"

    print(f"{args.orders} orders in batches of {BATCH}; raw = same rows via the driver, "
          "INSERT … ON CONFLICT DO NOTHING, one transaction per batch")
    print(f"{'backend':<10} {'HTTP API s':>11} {'orders/s':>10} {'raw SQL s':>10} {'orders/s':>10} "
          f"{'API/raw rate':>13}")
    for backend, result in results.items():
        if result is None:
            print(f"{backend:<10} {'unavailable':>11}  {pg_note}")
            continue
        api, raw = result
        print(f"{backend:<10} {api:>11.2f} {args.orders / api:>10.0f} {raw:>10.2f} "
              f"{args.orders / raw:>10.0f} {raw / api:>12.2f}x")
    pg = results["postgres"]
    value = f"{pg[1] / pg[0]:.2f}" if pg else "unavailable"
    # the figure itself comes from bench/sync.py, which drives the store as a kiosk does
    print(f"store-side ingest / raw PostgreSQL rate: {value}x (figure: bench/sync.py)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
