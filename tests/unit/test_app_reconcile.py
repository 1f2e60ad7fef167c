"""At start-up the kiosk settles payments a crash left open: paid in the store → PAID, pushed, once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from cloudstore.models import StoreOrder
from kiosk.app import build_services, start_sync
from kiosk.config import load_config
from kiosk.db.models import Order, OrderState
from kiosk.orders import CartLine, PaymentRecord
from kiosk.services import Services, data_paths
from kiosk.sync.payments import PaymentClient
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.helpers import make_client


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    config = load_config(environ={}, overrides={"data_dir": str(tmp_path / "data")})
    built = build_services(config, data_paths(config), with_devices=False, with_store=False)
    yield built
    built.close()


def _state(services: Services, order_uuid: str) -> OrderState | None:
    with services.db.read() as session:
        return session.scalar(select(Order.state).where(Order.order_uuid == order_uuid))


def test_a_payment_made_while_the_kiosk_was_down_is_recorded_and_pushed(store: LiveStore,
                                                                        services: Services) -> None:
    device = store.add_device("K01")
    # the kiosk showed a QR, the shopper paid on the phone, and the kiosk crashed before it noticed
    order = services.orders.create_pending([CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)])
    with make_client(store.base_url, device) as client:
        info = PaymentClient(client).create(order.order_uuid, order.total_minor, "CNY", "wechat")
    services.orders.record_payment(order.order_uuid, PaymentRecord("wechat", info["payment_id"]),
                                   code_url=info["code_url"], expires_at=None)
    assert store.plain().post(f"{urlsplit(info['code_url']).path}/pay").status_code in (200, 303)
    abandoned = services.orders.create_pending([CartLine("D00002", "矿泉水", "Water", 200, 1)])  # no payment

    start_sync(services, store.base_url, *device)
    deadline = time.monotonic() + 15
    # the two are settled one after the other, in either order: wait for both
    while (_state(services, order.order_uuid), _state(services, abandoned.order_uuid)) != (
            OrderState.SYNCED, OrderState.CANCELLED) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _state(services, order.order_uuid) is OrderState.SYNCED
    assert _state(services, abandoned.order_uuid) is OrderState.CANCELLED
    with store.db.read() as session:
        assert session.scalars(select(StoreOrder.order_uuid)).all() == [order.order_uuid]


def test_a_receipt_sent_as_the_kiosk_stopped_is_reported_to_staff_once(services: Services) -> None:
    from kiosk.app import recover_receipts

    order = services.orders.create_pending([CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)])
    services.orders.mark_paid(order.order_uuid, PaymentRecord("wechat", "p1", "WX1"))
    assert services.orders.claim_receipt(order.order_uuid)  # …the kiosk was killed as the bytes went out
    alerts: list[dict[str, object]] = []
    services.events.subscribe("orders.alert", lambda event: alerts.append(event.data))
    recover_receipts(services)
    recover_receipts(services)  # the next restart: told already
    assert [a["kind"] for a in alerts] == ["receipt.uncertain"]
    assert order.order_no in str(alerts[0]["message"])
    assert services.orders.get(order.order_uuid).receipt_state == "uncertain"
