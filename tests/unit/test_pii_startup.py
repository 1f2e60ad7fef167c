"""The PII key at start-up, as the kiosk builds its services: a damaged key stops the start with a
message that says what to do; a lost key over stored personal data is logged and alerted, never silent."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.app import Services, build_services, data_paths
from kiosk.config import KioskConfig, load_config
from kiosk.db.models import Fulfilment, Order
from kiosk.errors import KioskError
from kiosk.orders import CartLine, Contact, PaymentRecord
from kiosk.pii import PiiKeyError
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.helpers import store_alerts


def _config(data_dir: Path, **overrides: object) -> KioskConfig:
    return load_config(environ={}, overrides={"data_dir": str(data_dir), **overrides})


def test_a_damaged_key_file_stops_the_start_with_what_to_do(tmp_path: Path) -> None:
    config = _config(tmp_path / "data")
    paths = data_paths(config)
    paths.key_file.write_bytes(b"\x00" * 31)
    with pytest.raises(PiiKeyError) as refused:
        build_services(config, paths, with_devices=False, with_store=False)
    # the start-up path logs the message and shows "out of service", then tries again: no traceback on
    # screen, and the key file is left as it is for a technician
    assert isinstance(refused.value, KioskError)
    assert str(paths.key_file) in str(refused.value) and "31 bytes" in str(refused.value)
    assert paths.key_file.read_bytes() == b"\x00" * 31


def _build(config: KioskConfig) -> Services:
    return build_services(config, data_paths(config), with_devices=False, with_store=False)


def _paid_delivery(services: Services, phone: str = "13900001111") -> str:
    orders = services.orders
    contact = Contact("李四", phone, "北京市海淀区")
    order = orders.create_pending([CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)],
                                  fulfilment=Fulfilment.DELIVERY, contact=contact, shipping_minor=1000)
    orders.mark_paid(order.order_uuid, PaymentRecord("wechat", f"pay-{order.order_uuid}", "WX1"))
    return order.order_uuid


def test_a_lost_key_over_stored_contact_details_is_logged_and_alerted_and_the_kiosk_runs_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = _config(tmp_path / "data")
    services = _build(config)
    try:
        _paid_delivery(services)
        _paid_delivery(services)
    finally:
        services.close()
    services.paths.key_file.unlink()  # restored from a backup without it, deleted by hand, a disk fault

    with caplog.at_level(logging.INFO, logger="kiosk.pii"):
        services = _build(config)
    try:
        [error] = [r for r in caplog.records if r.name == "kiosk.pii" and r.levelno >= logging.ERROR]
        assert str(services.paths.key_file) in error.getMessage()
        assert "2 order(s) and 2 outbox row(s)" in error.getMessage()
        [alert] = services.orders.cipher.startup_alerts
        assert (alert["kind"], alert["severity"], alert["message"]) == (
            "pii.key_missing", "critical", error.getMessage())
        # the kiosk still sells: new orders are sealed with the new key
        later = _paid_delivery(services, phone="13700002222")
        with services.db.read() as session:
            order = session.scalar(select(Order).where(Order.order_uuid == later))
            assert order is not None
            assert services.orders.contact(order).phone == "13700002222"
    finally:
        services.close()


def test_a_first_start_makes_its_key_without_alarm(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = _config(tmp_path / "data")
    with caplog.at_level(logging.INFO, logger="kiosk.pii"):
        services = _build(config)
    try:
        assert services.orders.cipher.startup_alerts == []
        assert [r.levelname for r in caplog.records if r.name == "kiosk.pii"] == ["INFO"]
    finally:
        services.close()
    services.paths.key_file.unlink()  # no personal data stored yet: a new key loses nothing
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="kiosk.pii"):
        services = _build(config)
    services.close()
    assert services.orders.cipher.startup_alerts == []
    assert [r.levelname for r in caplog.records if r.name == "kiosk.pii"] == ["INFO"]


def test_the_sync_worker_delivers_the_start_up_alerts_to_the_store(tmp_path: Path, store: LiveStore) -> None:
    device_id, secret = store.add_device("K01")
    offline = _config(tmp_path / "data")
    services = _build(offline)
    try:
        _paid_delivery(services)  # taken while the store was out of reach
    finally:
        services.close()
    services.paths.key_file.unlink()

    online = _config(tmp_path / "data", store={"url": store.base_url, "device_id": device_id,
                                               "secret": secret})
    services = _build(online)
    try:
        deadline = time.monotonic() + 10
        while not store_alerts(store.db, device_id, "pii.key_missing") and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        services.close()
    [alert] = store_alerts(store.db, device_id, "pii.key_missing")
    assert (alert.severity, alert.state) == ("critical", "open")
    assert "1 order(s)" in alert.message
