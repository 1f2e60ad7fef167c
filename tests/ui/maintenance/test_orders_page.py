"""The technician's orders page on the real QML, tapped as a finger would: today's orders, a search on the
keypad, the detail with masked contact only, a reprint that prints one copy per tap even when tapped
twice, and settle / cancel against the real reference store (a payment the store has as paid always
wins). Every action leaves an audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QMetaProperty

from kiosk.audit import AuditRecord
from kiosk.db.models import Fulfilment, OrderState
from kiosk.devices.sim.fake_printer import FakePrinter
from kiosk.orders import CartLine, Contact, OrderBook, PaymentRecord
from kiosk.ui.app import KioskUi
from kiosk.ui.items import walk
from tests.ui.conftest import prop, tap
from tests.ui.maintenance.conftest import enter
from tests.ui.test_checkout_flow import demo_store, shops
from tests.unit.cloudstore.harness import LiveStore

pytestmark = pytest.mark.gui

LINES = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)]
PHONE, NAME, ADDRESS = "13812345678", "张三丰", "上海市浦东新区世纪大道100号5楼"


@pytest.fixture
def shop_factory(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., KioskUi]]:
    with shops(qtbot, tmp_path) as make:
        yield make


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LiveStore]:
    with demo_store(tmp_path / "store.sqlite3") as live:
        yield live


def book(ui: KioskUi) -> OrderBook:
    assert ui.services is not None
    return ui.services.orders


def open_orders(qtbot: Any, ui: KioskUi) -> None:
    enter(qtbot, ui)
    tap(qtbot, ui, ui.item("maintenanceTab_orders"))
    qtbot.waitUntil(lambda: prop(ui, "techOrdersPage", "visible") is True)
    qtbot.waitUntil(lambda: not ui.maintenance.orders.property("loading"))


def rows(ui: KioskUi) -> list[dict[str, Any]]:
    model = ui.maintenance.orders.property("orders")
    return [model.row_dict(i) for i in range(model.rowCount())]


def listed(ui: KioskUi) -> list[str]:
    return [row["orderNo"] for row in rows(ui)]


def open_order(qtbot: Any, ui: KioskUi, order_no: str) -> None:
    qtbot.waitUntil(lambda: order_no in listed(ui))
    shown(qtbot, ui, f"techOrderRow_{order_no}")
    tap(qtbot, ui, ui.item(f"techOrderRow_{order_no}"))
    qtbot.waitUntil(lambda: prop(ui, "techOrderNo", "text") == order_no)
    shown(qtbot, ui, "techOrderBack")


def shown(qtbot: Any, ui: KioskUi, name: str) -> None:
    """The item is on screen, laid out and drawn: where a finger would see it."""
    qtbot.waitUntil(lambda: prop(ui, name, "visible") is True)
    with qtbot.waitSignal(ui.window.frameSwapped, timeout=2000, raising=False):
        ui.window.update()


def message_after(qtbot: Any, ui: KioskUi, button: str, timeout: int = 10_000) -> str:
    """Tap an action and wait for its outcome on screen."""
    shown(qtbot, ui, button)
    tap(qtbot, ui, ui.item(button))
    qtbot.waitUntil(lambda: ui.maintenance.orders.property("busy") == "", timeout=timeout)
    return str(prop(ui, "techOrderMessage", "text"))


def audits(ui: KioskUi, action: str) -> list[AuditRecord]:
    assert ui.services is not None and ui.services.audit is not None
    return [a for a in ui.services.audit.recent(200) if a.action == action]


def state_of(ui: KioskUi, order_uuid: str) -> OrderState:
    return book(ui).get(order_uuid).state


def pending_at_store(ui: KioskUi) -> tuple[str, str, str, str]:
    """A pending order whose payment the store created and the kiosk recorded:
    (uuid, number, payment id, code url)."""
    assert ui.services is not None and ui.services.payments is not None
    order = book(ui).create_pending(LINES)
    info = ui.services.payments.create(order.order_uuid, order.total_minor, "CNY", "wechat",
                                       out_trade_no=order.order_uuid.replace("-", ""))
    book(ui).record_payment(order.order_uuid, PaymentRecord("wechat", info["payment_id"]),
                            code_url=info["code_url"], expires_at=None)
    return order.order_uuid, order.order_no, info["payment_id"], info["code_url"]


def phone_pays(store: LiveStore, code_url: str) -> None:
    response = store.plain().post(f"{urlsplit(code_url).path}/pay")
    assert response.status_code in (200, 303), response.text


def test_today_s_orders_and_a_search_on_the_keypad(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    orders = book(ui)
    now = orders.clock()
    orders.clock = lambda: now - dt.timedelta(days=1)  # an order of yesterday
    yesterday = orders.create_pending(LINES)
    orders.clock = lambda: now
    made = [orders.create_pending(LINES) for _ in range(3)]
    open_orders(qtbot, ui)
    qtbot.waitUntil(lambda: len(listed(ui)) == 3)
    assert listed(ui) == [o.order_no for o in reversed(made)]  # newest first, yesterday's not among them
    assert prop(ui, "techOrdersTitle", "text") == "Today's orders"

    for key in "0002":
        tap(qtbot, ui, ui.item(f"techKey_{key}"))
    qtbot.waitUntil(lambda: listed(ui) == [made[1].order_no])
    assert prop(ui, "techKeypadTyped", "text") == "0002"

    tap(qtbot, ui, ui.item("techKey_clear"))
    tap(qtbot, ui, ui.item("techKey_prefix"))  # K01-, then the rest of yesterday's number
    for key in yesterday.order_no.split("-", 1)[1]:
        tap(qtbot, ui, ui.item("techKey_dash" if key == "-" else f"techKey_{key}"))
    assert prop(ui, "techKeypadTyped", "text") == yesterday.order_no
    qtbot.waitUntil(lambda: listed(ui) == [yesterday.order_no])

    for _ in range(4):
        tap(qtbot, ui, ui.item("techKey_erase"))
    tap(qtbot, ui, ui.item("techKey_9"))
    qtbot.waitUntil(lambda: prop(ui, "techOrdersListMessage", "visible") is True)
    assert listed(ui) == [] and "ends in" in str(prop(ui, "techOrdersListMessage", "text"))

    tap(qtbot, ui, ui.item("techOrdersToday"))
    qtbot.waitUntil(lambda: len(listed(ui)) == 3)


def all_values(obj: Any) -> str:
    """Every property of a view-model, read as QML would, as one text."""
    meta = obj.metaObject()
    values = []
    for i in range(meta.propertyCount()):
        prop_: QMetaProperty = meta.property(i)
        values.append(repr(obj.property(prop_.name())))
    return "\n".join(values)


def test_the_detail_shows_the_contact_masked_only(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    order = book(ui).create_pending(LINES, fulfilment=Fulfilment.DELIVERY, shipping_minor=1000,
                                    contact=Contact(NAME, PHONE, ADDRESS))
    open_orders(qtbot, ui)
    open_order(qtbot, ui, order.order_no)
    texts = [str(item.property("text")) for item in walk(ui.item("techOrderDetail"))
             if item.property("text") is not None]
    assert "138****5678" in texts and "张**" in texts and "上海市浦东新区****" in texts
    everything = all_values(ui.maintenance.orders) + repr(rows(ui)) + "\n".join(texts)
    for secret in (PHONE, NAME, "世纪大道", "100号"):
        assert secret not in everything
    assert prop(ui, "techOrderCancel", "visible") and not prop(ui, "techOrderReprint", "visible")
    shown(qtbot, ui, "techOrderBack")
    tap(qtbot, ui, ui.item("techOrderBack"))
    qtbot.waitUntil(lambda: prop(ui, "techOrdersList", "visible") is True)


def test_a_reprint_prints_one_copy_per_tap_even_when_tapped_twice(
        qtbot: Any, shop_factory: Callable[..., KioskUi]) -> None:
    ui = shop_factory()
    assert ui.services is not None and ui.services.devices is not None
    fake: FakePrinter | None = ui.services.devices.fake_printer
    assert fake is not None
    order = book(ui).create_pending(LINES)
    book(ui).mark_paid(order.order_uuid, PaymentRecord("wechat", "p1", "WX1"))
    open_orders(qtbot, ui)
    open_order(qtbot, ui, order.order_no)
    fake.set_slow(0.02)
    tap(qtbot, ui, ui.item("techOrderReprint"))
    tap(qtbot, ui, ui.item("techOrderReprint"))  # a double tap: the button is off until the outcome
    assert prop(ui, "techOrderReprint", "enabled") is False
    qtbot.waitUntil(lambda: ui.maintenance.orders.property("busy") == "", timeout=15_000)
    assert prop(ui, "techOrderMessage", "text") == "A copy was printed."
    jobs = fake.wait_for_jobs(1)
    assert len(fake.jobs) == 1 and "COPY" in jobs[0].text and order.order_no in jobs[0].text
    fake.set_slow(0)
    assert message_after(qtbot, ui, "techOrderReprint") == "A copy was printed."  # one more tap: one more
    assert len(fake.wait_for_jobs(2)) == 2
    entries = audits(ui, "orders.reprint")
    assert [(a.result, a.subject, a.detail) for a in entries] == [("ok", order.order_uuid, "printed")] * 2


def test_settle_an_unknown_order_the_store_has_as_paid(
        qtbot: Any, shop_factory: Callable[..., KioskUi], store: LiveStore) -> None:
    ui = shop_factory(store)
    order_uuid, order_no, _payment_id, code_url = pending_at_store(ui)
    book(ui).mark_payment_unknown(order_uuid)
    phone_pays(store, code_url)
    open_orders(qtbot, ui)
    open_order(qtbot, ui, order_no)
    assert not prop(ui, "techOrderCancel", "visible")  # an unknown outcome is settled, never cancelled
    message = message_after(qtbot, ui, "techOrderSettle")
    assert message == "The store answered. The order is now: Paid."
    assert state_of(ui, order_uuid) in (OrderState.PAID, OrderState.SYNCED)
    qtbot.waitUntil(lambda: prop(ui, "techOrderReprint", "visible") is True)  # now it has a receipt
    assert not prop(ui, "techOrderSettle", "visible")
    [entry] = audits(ui, "orders.settle")
    assert (entry.result, entry.subject, entry.detail) == ("ok", order_uuid, "PAYMENT_UNKNOWN -> PAID")


def test_cancel_asks_first_then_closes_the_payment_at_the_store(
        qtbot: Any, shop_factory: Callable[..., KioskUi], store: LiveStore) -> None:
    ui = shop_factory(store)
    assert ui.services is not None and ui.services.payments is not None
    order_uuid, order_no, payment_id, _code_url = pending_at_store(ui)
    open_orders(qtbot, ui)
    open_order(qtbot, ui, order_no)
    tap(qtbot, ui, ui.item("techOrderCancel"))
    shown(qtbot, ui, "techOrderConfirmBack")
    tap(qtbot, ui, ui.item("techOrderConfirmBack"))  # changed their mind: nothing happens
    qtbot.waitUntil(lambda: prop(ui, "techOrderConfirm", "visible") is False)
    assert state_of(ui, order_uuid) is OrderState.PENDING_PAYMENT and audits(ui, "orders.cancel") == []
    tap(qtbot, ui, ui.item("techOrderCancel"))
    qtbot.waitUntil(lambda: prop(ui, "techOrderConfirm", "visible") is True)
    assert order_no in str(prop(ui, "techOrderConfirmText", "text"))
    message = message_after(qtbot, ui, "techOrderConfirmCancel")
    assert message == "The store answered. The order is now: Cancelled."
    assert state_of(ui, order_uuid) is OrderState.CANCELLED
    assert ui.services.payments.query(payment_id)["status"] == "CLOSED"  # no phone can pay it now
    [entry] = audits(ui, "orders.cancel")
    assert (entry.result, entry.detail) == ("ok", "PENDING_PAYMENT -> CANCELLED")


def test_cancel_of_an_order_the_store_has_as_paid_leaves_it_paid(
        qtbot: Any, shop_factory: Callable[..., KioskUi], store: LiveStore) -> None:
    ui = shop_factory(store)
    order_uuid, order_no, _payment_id, code_url = pending_at_store(ui)
    open_orders(qtbot, ui)
    open_order(qtbot, ui, order_no)
    phone_pays(store, code_url)  # the shopper pays while staff are about to cancel
    tap(qtbot, ui, ui.item("techOrderCancel"))
    qtbot.waitUntil(lambda: prop(ui, "techOrderConfirm", "visible") is True)
    message = message_after(qtbot, ui, "techOrderConfirmCancel")
    assert message == "Not cancelled: the store has this order as paid. It is now: Paid."
    assert state_of(ui, order_uuid) in (OrderState.PAID, OrderState.SYNCED)
    [entry] = audits(ui, "orders.cancel")
    assert (entry.result, entry.detail) == ("ok", "PENDING_PAYMENT -> PAID")


def test_a_paid_orphan_is_settled_by_staff_and_stays_paid(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    order = book(ui).create_pending(LINES)
    book(ui).mark_payment_failed(order.order_uuid)
    book(ui).mark_paid(order.order_uuid, PaymentRecord("wechat", "p1", "WX1"))  # paid after all
    open_orders(qtbot, ui)
    open_order(qtbot, ui, order.order_no)
    tap(qtbot, ui, ui.item("techOrderSettle"))
    qtbot.waitUntil(lambda: prop(ui, "techOrderHandedOver", "visible") is True)
    assert message_after(qtbot, ui, "techOrderHandedOver") == "Recorded as handed over."
    [entry] = audits(ui, "orders.orphan_settled")
    assert (entry.result, entry.subject, entry.detail) == ("ok", order.order_uuid, "handed_over")
    assert state_of(ui, order.order_uuid) is OrderState.PAID_ORPHAN
    qtbot.waitUntil(lambda: prop(ui, "techOrderSettle", "visible") is False)
    shown(qtbot, ui, "techOrderBack")
    tap(qtbot, ui, ui.item("techOrderBack"))
    qtbot.waitUntil(lambda: "settled by staff" in rows(ui)[0]["stateText"])
