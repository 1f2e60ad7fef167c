"""End to end: the PII key file is lost with paid orders still unsent. The kiosk restarts as it does
in the field (kiosk.app.build_services, the real reference store under Uvicorn on 127.0.0.1) and keeps
working: the rows the new key cannot open are quarantined with an alert at the store, the loss itself is
alerted, a later order is ingested, and heartbeat, catalog pull, purge and reconciliation all run."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

import kiosk.app
from cloudstore.__main__ import demo_catalog_path
from cloudstore.catalog import load_catalog
from cloudstore.models import Device
from kiosk.app import Services, build_services, data_paths
from kiosk.config import load_config
from kiosk.db.models import Fulfilment, Order, OrderState, OutboxRow, OutboxState, Product
from kiosk.orders import CartLine, Contact, PaymentRecord
from kiosk.sync.payments import PaymentClient
from tests.unit.cloudstore.harness import LiveStore, running_store
from tests.unit.sync.helpers import make_client, store_alerts, store_orders

pytestmark = pytest.mark.e2e

CONTACT = Contact("李四", "13900001111", "北京市海淀区")
COLA = CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)
PLUM = {"category": "drinks", "name": {"zh": "斑马 冰镇酸梅汤", "en": "Zebra Iced Plum Drink"},
        "brand": {"zh": "斑马", "en": "Zebra"}, "price_minor": 650, "stock": 40, "popularity": 1,
        "images": ["catalog/images/p0001.png"], "barcodes": ["6901000008886"]}


def _until(condition: Callable[[], object], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _start(data_dir: Path, store: dict[str, str] | None = None, retention_days: int = 30) -> Services:
    overrides: dict[str, Any] = {"data_dir": str(data_dir), "privacy": {"retention_days": retention_days}}
    if store:
        overrides["store"] = store
    config = load_config(environ={}, overrides=overrides)
    return build_services(config, data_paths(config), with_devices=False, with_store=False)


def _paid(services: Services, contact: Contact | None = None) -> str:
    order = services.orders.create_pending(
        [COLA], fulfilment=Fulfilment.DELIVERY if contact else Fulfilment.PICKUP, contact=contact,
        shipping_minor=1000 if contact else 0)
    services.orders.mark_paid(order.order_uuid, PaymentRecord("wechat", f"pay-{order.order_uuid}", "WX1"))
    if services.sync is not None:
        services.sync.wake()
    return order.order_uuid


def _state(services: Services, order_uuid: str) -> OrderState:
    with services.db.read() as session:
        state = session.scalar(select(Order.state).where(Order.order_uuid == order_uuid))
        assert state is not None
        return state


def _purged(services: Services, order_uuid: str) -> bool:
    with services.db.read() as session:
        return session.scalar(select(Order.pii_purged_at).where(Order.order_uuid == order_uuid)) is not None


def _has_product(services: Services, sku: str) -> bool:
    with services.db.read() as session:
        return session.scalar(select(Product.id).where(Product.sku == sku)) is not None


def _outbox_state(services: Services, order_uuid: str) -> OutboxState | None:
    with services.db.read() as session:
        return session.scalar(select(OutboxRow.state).where(OutboxRow.order_uuid == order_uuid))


def _paid_at_the_store_while_the_kiosk_was_down(services: Services, store: LiveStore,
                                                device: tuple[str, str]) -> str:
    """A pickup order whose QR the shopper paid by phone just before the kiosk went down."""
    order = services.orders.create_pending([COLA])
    with make_client(store.base_url, device) as client:
        info = PaymentClient(client).create(order.order_uuid, order.total_minor, "CNY", "wechat")
    services.orders.record_payment(order.order_uuid, PaymentRecord("wechat", info["payment_id"]),
                                   code_url=info["code_url"], expires_at=None)
    assert store.plain().post(f"{urlsplit(info['code_url']).path}/pay").status_code in (200, 303)
    return order.order_uuid


def test_sync_keeps_running_after_the_pii_key_is_lost(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    reconciles: list[bool] = []
    real_reconcile = kiosk.app.reconcile

    def watched_reconcile(services: Services, *, at_boot: bool) -> None:
        reconciles.append(at_boot)
        real_reconcile(services, at_boot=at_boot)

    monkeypatch.setattr(kiosk.app, "reconcile", watched_reconcile)  # watched, not changed
    data_dir = tmp_path / "kiosk"
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}", sandbox_controls=True) as store:
        with store.db.write() as session:  # the demo catalog, as demo mode loads it
            load_catalog(session, json.loads(demo_catalog_path().read_text(encoding="utf-8")))
        device = store.add_device("K01")
        online = {"url": store.base_url, "device_id": device[0], "secret": device[1]}

        # a day online: one delivery order reaches the store
        services = _start(data_dir, online)
        try:
            synced = _paid(services, CONTACT)
            _until(lambda: _state(services, synced) is OrderState.SYNCED)
        finally:
            services.close()

        # the store out of reach: two deliveries and a pickup are paid and wait in the outbox, and one
        # payment is made at the store just before the kiosk goes down
        services = _start(data_dir)
        try:
            lost = [_paid(services, CONTACT), _paid(services, CONTACT)]
            plain = _paid(services)
            settled_later = _paid_at_the_store_while_the_kiosk_was_down(services, store, device)
        finally:
            services.close()

        # the key file is gone; meanwhile the merchant adds a product
        services.paths.key_file.unlink()
        assert store.admin().put("/admin/api/catalog/products/Z00001", json=PLUM).status_code == 200
        restarted = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        reconciles.clear()

        # back online, retention 0: the first housekeeping purges the delivery synced yesterday
        services = _start(data_dir, online, retention_days=0)
        try:
            later = _paid(services, Contact("王五", "13700002222", "上海市徐汇区"))
            _until(lambda: {later, plain, settled_later} <= {u for u, _ in store_orders(store.db, device[0])})
            _until(lambda: len(store_alerts(store.db, device[0], "outbox.quarantined")) == 2)
            _until(lambda: store_alerts(store.db, device[0], "pii.key_missing"))
            _until(lambda: _purged(services, synced))
            _until(lambda: False in reconciles)  # the housekeeping's reconciliation, not only the boot's
            _until(lambda: _has_product(services, "Z00001"))
            states = {u: (_state(services, u), _outbox_state(services, u)) for u in lost}
        finally:
            services.close()

    # the rows the new key cannot open: kept on the kiosk, paid, each with an alert at the store
    assert states == {u: (OrderState.PAID, OutboxState.QUARANTINED) for u in lost}
    quarantined = store_alerts(store.db, device[0], "outbox.quarantined")
    assert sorted(a.order_uuid for a in quarantined) == sorted(lost)
    assert all("does not decrypt" in a.message and a.state == "open" for a in quarantined)
    [missing] = store_alerts(store.db, device[0], "pii.key_missing")
    assert (missing.severity, missing.state) == ("critical", "open")
    # everything else reached the store, the later order with its contact sealed by the new key
    assert sorted(u for u, _ in store_orders(store.db, device[0])) == sorted(
        [synced, plain, settled_later, later])
    with store.db.read() as session:
        beat = session.get(Device, device[0])
        assert beat is not None and beat.last_heartbeat_at is not None
        assert beat.last_heartbeat_at >= restarted - dt.timedelta(seconds=1)
        assert beat.max_seq == 6 and beat.contiguous_seq < 6  # the store sees the hole and why
