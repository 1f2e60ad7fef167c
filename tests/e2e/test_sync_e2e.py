"""The whole chain with real processes: `cloudstore serve` seeded with the demo catalog, a kiosk data
dir seeded with its bundled catalog, and the sync worker between them."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.catalog.search import search
from kiosk.db.engine import Database
from kiosk.db.models import Product
from kiosk.db.seed import seed_demo
from kiosk.events import Event, EventBus
from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.outbox import queue_stats
from kiosk.sync.worker import SyncIntervals, SyncWorker
from tests.unit.cloudstore.harness import MERCHANT_NAME, MERCHANT_PASSWORD, free_socket, staff_client
from tests.unit.sync.orders import create_paid_orders

pytestmark = pytest.mark.e2e



def _cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "cloudstore", *args], capture_output=True, text=True,
                          timeout=60, check=True)
    return done.stdout


@pytest.fixture
def served_store(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    device = json.loads(_cli("add-device", "K01", "--db", db))
    password_file = tmp_path / "merchant.password"
    password_file.write_text(MERCHANT_PASSWORD + "\n", encoding="utf-8")
    _cli("add-user", MERCHANT_NAME, "--role", "merchant", "--password-file", str(password_file), "--db", db)
    _cli("seed-demo", "--db", db)
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    proc = subprocess.Popen([sys.executable, "-m", "cloudstore", "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--db", db, "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "store did not come up"
            time.sleep(0.05)
        yield base, device
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _until(condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_kiosk_syncs_orders_and_catalog_with_a_served_store(tmp_path: Path,
                                                            served_store: tuple[str, dict[str, str]]) -> None:
    base, device = served_store
    data_dir = tmp_path / "kiosk"
    data_dir.mkdir()
    from kiosk.db.migrate import upgrade

    db = Database(data_dir / "kiosk.sqlite3")
    upgrade(db)
    seed_demo(db)
    create_paid_orders(db, 25)  # taken while the store was out of reach
    admin = staff_client(base)  # signed in through the login form as the merchant the CLI added
    lamp = {"category": "drinks", "name": {"zh": "斑马 冰镇酸梅汤", "en": "Zebra Iced Plum Drink"},
            "brand": {"zh": "斑马", "en": "Zebra"}, "price_minor": 650, "stock": 40, "popularity": 1,
            "images": ["catalog/images/p0001.png"], "barcodes": ["6901000008886"]}
    assert admin.put("/admin/api/catalog/products/Z00001", json=lamp).status_code == 200

    bus = EventBus()
    events: list[Event] = []
    bus.subscribe("sync.", events.append)
    client = SyncClient(StoreEndpoint(base, device["device_id"], device["secret"]))
    worker = SyncWorker(data_dir, db, client, events=bus, version="e2e",
                        intervals=SyncIntervals(push_s=0.1, catalog_s=0.3, heartbeat_s=0.3))
    try:
        worker.start()
        _until(lambda: queue_stats(db).depth == 0 and any(e.topic == "sync.catalog" for e in events))
        create_paid_orders(db, 5)  # a new sale while online
        worker.wake()
        _until(lambda: queue_stats(db).depth == 0)
        _until(lambda: admin.get("/admin/api/fleet").json()[0]["version"] == "e2e")
    finally:
        worker.stop()
        client.close()
    orders = admin.get("/admin/api/orders", params={"device_id": device["device_id"]}).json()
    assert len(orders) == 30 and len({o["order_uuid"] for o in orders}) == 30
    hits = [h.product_id for h in search(db, "酸梅")]
    with db.read() as session:
        assert "Z00001" in {session.get(Product, pid).sku for pid in hits}  # type: ignore[union-attr]
    admin.close()
    db.close()
