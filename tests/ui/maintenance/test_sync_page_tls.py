"""A kiosk configured for an https:// store with its own CA, from the config to the technician's sync page:
without `store.ca_file` the page says the store's certificate is not trusted and the paid order waits;
with it, the order reaches the store over HTTPS and the page says the store is reachable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cloudstore.models import StoreOrder
from kiosk.db.models import Order, OrderState
from kiosk.sync.client import TLS_UNTRUSTED
from kiosk.technician import diagnostics
from kiosk.ui.app import KioskUi
from tests.ui.maintenance.test_sync_page import open_sync_page, queued, text
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.orders import book_paid_order
from tests.unit.sync.tls_certs import Ca, https_store, make_ca, register

pytestmark = pytest.mark.gui


@pytest.fixture
def ca(tmp_path: Path) -> Ca:
    return make_ca(tmp_path / "pki")


@pytest.fixture
def store(tmp_path: Path, ca: Ca) -> Iterator[LiveStore]:
    with https_store(tmp_path, ca.issue(tmp_path / "pki", "store"), ca) as live:
        yield live


def _kiosk(kiosk_factory: Callable[..., KioskUi], store: LiveStore, ca_file: str) -> KioskUi:
    device_id, secret = register(store)
    return kiosk_factory(store={"url": store.base_url, "device_id": device_id, "secret": secret,
                                "ca_file": ca_file})


def test_without_the_ca_file_the_sync_page_says_the_certificate_is_not_trusted(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi], store: LiveStore) -> None:
    ui = _kiosk(kiosk_factory, store, "")
    assert ui.services is not None
    book_paid_order(ui.services.orders)
    open_sync_page(qtbot, ui)
    qtbot.waitUntil(lambda: text(ui, "syncLink").startswith("The store's certificate is not trusted (since "),
                    timeout=10_000)
    assert "store.ca_file" in text(ui, "syncLink")
    assert "certificate not trusted" in text(ui, "syncLinkError")
    qtbot.waitUntil(lambda: text(ui, "syncDepth") == "1", timeout=5_000)
    assert queued(ui) == 1
    assert store.requests == []
    bundle = diagnostics.sync_status(ui.services)  # what the diagnostic bundle says of the store
    assert (bundle["store_url"], bundle["store_ca_file"], bundle["tls_problem"]) == (
        store.base_url, "", TLS_UNTRUSTED)


def test_with_the_ca_file_the_paid_order_reaches_the_store_over_https(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi], store: LiveStore, ca: Ca) -> None:
    ui = _kiosk(kiosk_factory, store, str(ca.cert_file))
    assert ui.services is not None
    order_uuid = book_paid_order(ui.services.orders)
    ui.services.wake_sync()
    open_sync_page(qtbot, ui)
    qtbot.waitUntil(lambda: text(ui, "syncLink").startswith("Store reachable since"), timeout=10_000)
    services = ui.services

    def synced() -> bool:
        with services.db.read() as session:
            state = session.scalar(select(Order.state).where(Order.order_uuid == order_uuid))
        return state == OrderState.SYNCED

    qtbot.waitUntil(synced, timeout=10_000)
    with store.db.read() as session:
        assert session.scalars(select(StoreOrder.order_uuid)).all() == [order_uuid]
    bundle = diagnostics.sync_status(services)
    assert (bundle["store_ca_file"], bundle["tls_problem"]) == (str(ca.cert_file), "")
