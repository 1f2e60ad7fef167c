"""After the purchase, by touch, against the real reference store under Uvicorn on loopback: an order
bought through the real checkout (paid by the sandbox's pay page, as a phone would) is found again by
its number and code typed on the keypad, or by its receipt's QR read through the pty scanner; a wrong
code is refused in the same words as an unknown number, and repeated wrong codes are throttled; a
shipped order shows why it is locked; a change request and a return request sent from the screens
reach the store's database, and the merchant's answer shows at the next refresh; an unpaid order is
edited and paid on the payment screen.

Real parts throughout: the store's app and SQLite file, the kiosk's services with its SQLite file, sync
worker, payment client and simulated devices (fake printer, pty scanner), and the QML offscreen.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from sqlalchemy import select

from cloudstore.__main__ import demo_catalog_path
from cloudstore.catalog import load_catalog
from cloudstore.models import OrderRequest, StoreOrder
from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.db.models import OrderState
from kiosk.order_rules import LOOKUP_FAILURES_PER_ORDER, lookup_code, order_number_key
from kiosk.services import data_paths
from kiosk.sync.catalog_pull import load_cursor
from kiosk.ui.app import KioskUi
from kiosk.ui.demo.payment import phone_action
from tests.ui.conftest import prop, tap
from tests.ui.restartable_store import restartable_store
from tests.ui.test_checkout_flow import fill_cart, go, order, pay_with
from tests.unit.cloudstore.harness import LiveStore, running_store

pytestmark = pytest.mark.gui

PHONE, NAME, ADDRESS = "13912345678", "Zhang Wei", "Beijing Chaoyang District, Jianguo Road 88, Room 1203"
POLL_S = 0.05


MERCHANT_PHONE = "400-820-8820"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LiveStore]:
    """The reference store with the demo catalog and a merchant phone to call about a locked order."""
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}", sandbox_controls=True,
                       merchant_phone=MERCHANT_PHONE) as live:
        with live.db.write() as session:
            load_catalog(session, json.loads(demo_catalog_path().read_text(encoding="utf-8")))
        yield live


@contextmanager
def signed_up_kiosk(qtbot: Any, data_dir: Path, store: LiveStore) -> Iterator[KioskUi]:
    """A kiosk signed up with the store, with the simulated printer and the pty scanner."""
    device_id, secret = store.add_device("K01")
    config = load_config(environ={}, overrides={
        "data_dir": str(data_dir), "scanner": {"kind": "sim"},
        "ui": {"windowed": True, "lockdown": False, "language": "en_US"},
        "store": {"url": store.base_url, "device_id": device_id, "secret": secret}})
    services = build_services(config, data_paths(config), with_store=False)
    deadline = time.monotonic() + 10
    while load_cursor(services.db)[0] == 0 and time.monotonic() < deadline:  # the catalog is in
        time.sleep(0.02)
    ui = KioskUi(config, services.events)
    try:
        ui.attach(services)
        ui.shopper.payment.interval_s = POLL_S
        ui.shopper.payment.checking_s = 1.0
        ui.window.resize(540, 960)
        ui.window.show()
        qtbot.waitExposed(ui.window)
        qtbot.waitUntil(lambda: ui.shopper.catalog.property("loaded"))
        yield ui
    finally:
        ui.close()
        services.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def kiosk(qtbot: Any, tmp_path: Path, store: LiveStore) -> Iterator[KioskUi]:
    with signed_up_kiosk(qtbot, tmp_path / "kiosk", store) as ui:
        yield ui


def in_store(store: LiveStore, order_no: str) -> StoreOrder | None:
    with store.db.read() as session:
        return session.scalar(select(StoreOrder).where(StoreOrder.order_no == order_no))


def buy(qtbot: Any, ui: KioskUi, store: LiveStore, *, delivery: bool) -> tuple[str, str]:
    """One product through the real checkout, paid by the sandbox's pay page; back to the attract
    screen once the store has the order. Returns its number and uuid."""
    fill_cart(qtbot, ui)
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    if delivery:
        tap(qtbot, ui, ui.item("deliveryOption"))
        form = ui.shopper.fulfilment  # what the form's fields hand over as the shopper types
        form.setName(NAME)
        form.setPhone(PHONE)
        form.setAddress(ADDRESS)
    code_url = pay_with(qtbot, ui)
    order_no = str(ui.shopper.payment.orderNo)
    assert phone_action(code_url, "pay") == "paid"
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    qtbot.waitUntil(lambda: in_store(store, order_no) is not None, timeout=10_000)
    go(qtbot, ui, "doneFinish", "attract")
    return order_no, order(ui, order_no).order_uuid


def keypad(qtbot: Any, ui: KioskUi, digits: str) -> None:
    for digit in digits:
        tap(qtbot, ui, ui.item(f"keypad_{digit}"))


def look_up(qtbot: Any, ui: KioskUi, order_no: str, code: str) -> None:
    """From the attract screen: My order, the number and code on the keypad, Find."""
    if ui.navigator.screen != "orderLookup":
        go(qtbot, ui, "attractMyOrder", "orderLookup")
        qtbot.waitUntil(lambda: bool(prop(ui, "orderLookupScreen", "visible")))
    tap(qtbot, ui, ui.item("lookupNumberField"))
    while ui.shopper.my_order.property("numberText"):
        tap(qtbot, ui, ui.item("keypadDelete"))
    keypad(qtbot, ui, order_number_key(order_no))
    tap(qtbot, ui, ui.item("lookupCodeField"))
    while ui.shopper.my_order.property("codeText"):
        tap(qtbot, ui, ui.item("keypadDelete"))
    keypad(qtbot, ui, code)
    tap(qtbot, ui, ui.item("lookupFind"))
    qtbot.waitUntil(lambda: not ui.shopper.my_order.property("busy"), timeout=10_000)


def test_typed_number_and_phone_digits_find_the_order(qtbot: Any, kiosk: KioskUi, store: LiveStore) -> None:
    ui = kiosk
    order_no, _uuid = buy(qtbot, ui, store, delivery=True)
    look_up(qtbot, ui, order_no, PHONE[-4:])
    qtbot.waitUntil(lambda: ui.navigator.screen == "order")
    qtbot.waitUntil(lambda: bool(prop(ui, "orderScreen", "visible")))
    assert prop(ui, "orderNumber", "text") == order_no
    assert prop(ui, "orderStatus", "text") == "Accepted by the store"
    assert prop(ui, "orderStale", "text") == ""  # the store's answer, just now
    contact = prop(ui, "orderContact", "text")
    assert "139****5678" in contact and PHONE not in contact and "Jianguo" not in contact
    steps = [step["status"] for step in ui.shopper.my_order.property("timeline")]
    assert steps[:2] == ["PLACED", "PAID"] and "ACCEPTED" in steps
    assert ui.item("orderRequestChange").isVisible() and not ui.item("orderReturn").isVisible()
    tap(qtbot, ui, ui.item("orderRefresh"))
    qtbot.waitUntil(lambda: not ui.shopper.my_order.property("busy"), timeout=10_000)
    assert prop(ui, "orderNumber", "text") == order_no
    tap(qtbot, ui, ui.item("orderDone"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    assert not ui.shopper.my_order.property("hasOrder")


def test_a_wrong_code_is_refused_like_an_unknown_number_then_throttled(
        qtbot: Any, kiosk: KioskUi, store: LiveStore) -> None:
    ui = kiosk
    order_no, uuid = buy(qtbot, ui, store, delivery=True)
    wrong = next(code for code in ("0000", "1111", "2222")
                 if code not in (PHONE[-4:], lookup_code(uuid)))
    look_up(qtbot, ui, order_no, wrong)
    refusal = prop(ui, "lookupMessage", "text")
    assert refusal.startswith("No order matches this number and code")
    assert ui.navigator.screen == "orderLookup"
    # a number no order has gets the very same words: nothing says which part was wrong
    look_up(qtbot, ui, "K01-0101-9999", PHONE[-4:])
    assert prop(ui, "lookupMessage", "text") == refusal
    tries = 1
    while not ui.shopper.my_order.property("throttled") and tries <= LOOKUP_FAILURES_PER_ORDER:
        look_up(qtbot, ui, order_no, wrong)
        tries += 1
    assert ui.shopper.my_order.property("throttled"), "never throttled"
    assert tries >= LOOKUP_FAILURES_PER_ORDER
    assert "Too many tries. Please try again in" in prop(ui, "lookupMessage", "text")
    assert not ui.item("keypad_1").isEnabled()  # the keypad waits too
    tap(qtbot, ui, ui.item("keypad_1"))
    assert ui.shopper.my_order.property("codeText") == wrong
    tap(qtbot, ui, ui.item("backButton"))  # the way back stays open
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")


def test_a_scanned_receipt_opens_a_shipped_order_which_says_why_it_is_locked(
        qtbot: Any, kiosk: KioskUi, store: LiveStore) -> None:
    ui = kiosk
    assert ui.services is not None and ui.services.devices is not None
    order_no, uuid = buy(qtbot, ui, store, delivery=True)
    shipped = store.admin().post(f"/admin/api/orders/{uuid}/status",
                                 json={"status": "SHIPPED", "tracking_no": "SF1234567890"})
    assert shipped.status_code == 200, shipped.text
    pty = ui.services.devices.pty_scanner
    assert pty is not None
    states = ui.services.device_states
    qtbot.waitUntil(lambda: str(states.get("scanner", {}).get("status", "")).lower() == "ready",
                    timeout=10_000)
    ui.shopper.catalog.openProduct(int(ui.shopper.catalog.property("featured").raw(0).id))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    assert pty.scan(ui.services.receipt_settings().order_page(uuid))  # the receipt under the scanner
    qtbot.waitUntil(lambda: ui.navigator.screen == "order", timeout=10_000)
    qtbot.waitUntil(lambda: bool(prop(ui, "orderScreen", "visible")))
    assert prop(ui, "orderNumber", "text") == order_no
    assert prop(ui, "orderStatus", "text") == "Shipped"
    locked = prop(ui, "orderLocked", "text")
    assert "has shipped, so it can no longer be changed" in locked and "refuse the parcel" in locked
    assert locked.endswith(f"at {MERCHANT_PHONE}.")
    whats = [step["what"] for step in ui.shopper.my_order.property("timeline")]
    assert "Shipped, tracking number SF1234567890" in whats
    for name in ("orderRequestChange", "orderEdit", "orderReturn"):
        assert not ui.item(name).isVisible(), name


def requests_in_store(store: LiveStore, uuid: str) -> list[OrderRequest]:
    with store.db.read() as session:
        return list(session.scalars(select(OrderRequest).where(OrderRequest.order_uuid == uuid)))


def test_a_change_request_by_touch_reaches_the_store_and_its_answer_comes_back(
        qtbot: Any, kiosk: KioskUi, store: LiveStore) -> None:
    ui = kiosk
    mine = ui.shopper.my_order
    order_no, uuid = buy(qtbot, ui, store, delivery=False)  # pickup, no phone: the receipt's code
    look_up(qtbot, ui, order_no, lookup_code(uuid))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order")
    go(qtbot, ui, "orderRequestChange", "orderChange")
    qtbot.waitUntil(lambda: bool(prop(ui, "orderChangeScreen", "visible")))
    tap(qtbot, ui, ui.item("changeDelivery"))
    subtotal = order(ui, order_no).total_minor  # pickup: the goods alone
    if subtotal < 9900:
        qtbot.waitUntil(lambda: prop(ui, "changeFee", "text") == "+CN¥10.00 delivery fee to pay on delivery")
    mine.setName(NAME)
    mine.setPhone(PHONE)
    mine.setAddress(ADDRESS)
    tap(qtbot, ui, ui.item("changeSend"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order", timeout=10_000)
    assert prop(ui, "orderNotice", "text").startswith("Request sent. The store will confirm")
    [request] = requests_in_store(store, uuid)
    assert (request.kind, request.status) == ("modification", "PENDING")
    assert request.changes["fulfilment"] == "delivery"
    assert set(request.changes) >= {"fulfilment", "contact_name", "contact_phone", "address"}
    # the refreshed order shows the request waiting, and no second one can be asked for
    qtbot.waitUntil(lambda: [r["status"] for r in mine.property("requests")] == ["PENDING"], timeout=10_000)
    assert prop(ui, "orderNotice", "text").startswith("Request sent.")  # said until the shopper refreshes
    assert prop(ui, "orderLocked", "text") == "Your change request is waiting for the store."
    assert not ui.item("orderRequestChange").isVisible()
    # the merchant approves it on the admin page; the shopper refreshes
    decided = store.admin().post(f"/admin/api/requests/{request.request_id}/decision",
                                 json={"approve": True, "note": "OK, delivered tomorrow"})
    assert decided.status_code == 200, decided.text
    tap(qtbot, ui, ui.item("orderRefresh"))
    qtbot.waitUntil(lambda: [r["status"] for r in mine.property("requests")] == ["APPROVED"], timeout=10_000)
    shown = mine.property("requests")[0]
    assert shown["note"] == "The store's note: OK, delivered tomorrow"
    assert prop(ui, "orderRequestState_0", "text").startswith("Approved")
    assert prop(ui, "orderNotice", "text") == ""  # "request sent" was news before the refresh, not after
    assert shown["what"] == "Change: Home delivery; new name, phone, address"
    if subtotal < 9900:
        assert shown["fee"] == "+CN¥10.00 delivery fee to pay on delivery"


def test_a_return_request_by_touch_reaches_the_store(qtbot: Any, kiosk: KioskUi, store: LiveStore) -> None:
    ui = kiosk
    order_no, uuid = buy(qtbot, ui, store, delivery=False)
    admin = store.admin()
    for status in ("READY_FOR_PICKUP", "PICKED_UP"):
        moved = admin.post(f"/admin/api/orders/{uuid}/status", json={"status": status})
        assert moved.status_code == 200, moved.text
    look_up(qtbot, ui, order_no, lookup_code(uuid))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order")
    assert prop(ui, "orderStatus", "text") == "Picked up"
    go(qtbot, ui, "orderReturn", "orderReturn")
    qtbot.waitUntil(lambda: bool(prop(ui, "orderReturnScreen", "visible")))
    tap(qtbot, ui, ui.item("returnKindExchange"))
    tap(qtbot, ui, ui.item("returnReason_damaged"))
    tap(qtbot, ui, ui.item("returnMore_0"))
    ui.shopper.my_order.setNote("The box was crushed")
    tap(qtbot, ui, ui.item("returnSend"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order", timeout=10_000)
    [request] = requests_in_store(store, uuid)
    sku = ui.shopper.my_order.order.lines[0].sku  # type: ignore[union-attr]
    assert (request.kind, request.status) == ("return", "PENDING")
    assert request.changes["type"] == "exchange" and request.changes["reason"] == "damaged"
    assert request.changes["lines"] == [{"sku": sku, "quantity": 1}]
    qtbot.waitUntil(lambda: prop(ui, "orderStatus", "text") == "Return requested", timeout=10_000)
    assert not ui.item("orderReturn").isVisible()


def test_an_unpaid_order_is_edited_and_paid_by_touch(qtbot: Any, kiosk: KioskUi, store: LiveStore) -> None:
    ui = kiosk
    fill_cart(qtbot, ui)
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    code_url = pay_with(qtbot, ui)
    order_no = str(ui.shopper.payment.orderNo)
    assert phone_action(code_url, "decline") == "declined"
    qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem", timeout=10_000)
    uuid = order(ui, order_no).order_uuid
    qtbot.waitUntil(lambda: order(ui, order_no).state is OrderState.PAYMENT_FAILED, timeout=10_000)
    ui.shopper.session.wipe()  # the shopper walked away; they come back with the receipt's number
    look_up(qtbot, ui, order_no, lookup_code(uuid))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order")
    assert prop(ui, "orderStatus", "text") == "Not paid: the payment failed"
    go(qtbot, ui, "orderEdit", "orderChange")
    qtbot.waitUntil(lambda: bool(prop(ui, "orderChangeScreen", "visible")))
    tap(qtbot, ui, ui.item("changeDelivery"))
    mine = ui.shopper.my_order
    mine.setName(NAME)
    mine.setPhone(PHONE)
    mine.setAddress(ADDRESS)
    before = order(ui, order_no)
    payment = ui.shopper.payment
    # a first try given up: back to the order (no cart was involved), nothing charged
    tap(qtbot, ui, ui.item("changePayAlipay"))
    qtbot.waitUntil(lambda: payment.phase == "awaiting_payment", timeout=10_000)
    tap(qtbot, ui, ui.item("paymentCancel"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order", timeout=10_000)
    assert "nothing was charged" in prop(ui, "orderNotice", "text")
    qtbot.waitUntil(lambda: not mine.property("busy") and mine.property("canEdit"), timeout=10_000)
    go(qtbot, ui, "orderEdit", "orderChange")
    tap(qtbot, ui, ui.item("changeDelivery"))
    mine.setName(NAME)
    mine.setPhone(PHONE)
    mine.setAddress(ADDRESS)
    tap(qtbot, ui, ui.item("changePayWechat"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "payment", timeout=10_000)
    qtbot.waitUntil(lambda: payment.phase == "awaiting_payment", timeout=10_000)
    assert payment.orderNo == order_no  # the same order, paid again
    assert phone_action(str(payment.codeUrl), "pay") == "paid"
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    paid = order(ui, order_no)
    assert paid.state in (OrderState.PAID, OrderState.SYNCED)
    assert before.state is OrderState.PAYMENT_FAILED
    assert (paid.contact.name, paid.contact.phone, paid.contact.address) == (NAME, PHONE, ADDRESS)
    fee = 0 if before.total_minor >= 9900 else 1000
    assert paid.shipping_minor == fee and paid.total_minor == before.total_minor + fee
    qtbot.waitUntil(lambda: in_store(store, order_no) is not None, timeout=10_000)
    stored = in_store(store, order_no)
    assert stored is not None and stored.fulfilment == "delivery" and stored.total_minor == paid.total_minor


def test_with_the_store_away_the_last_answer_shows_with_its_age(qtbot: Any, tmp_path: Path) -> None:
    with restartable_store(tmp_path / "store.sqlite3") as rig, \
            signed_up_kiosk(qtbot, tmp_path / "kiosk", rig.live) as ui:
        order_no, _uuid = buy(qtbot, ui, rig.live, delivery=True)
        look_up(qtbot, ui, order_no, PHONE[-4:])
        qtbot.waitUntil(lambda: ui.navigator.screen == "order")
        assert prop(ui, "orderStale", "text") == ""
        rig.stop()  # the store goes away while the shopper looks
        tap(qtbot, ui, ui.item("orderRefresh"))
        qtbot.waitUntil(lambda: not ui.shopper.my_order.property("busy"), timeout=20_000)
        stale = prop(ui, "orderStale", "text")
        assert stale.startswith("As of ") and stale.endswith("the store cannot be reached right now.")
        assert prop(ui, "orderNumber", "text") == order_no
        assert prop(ui, "orderStatus", "text") == "Accepted by the store"
        # a new lookup at the keypad finds the same cached answer, saying so
        go(qtbot, ui, "orderDone", "home")
        ui.shopper.session.wipe()
        look_up(qtbot, ui, order_no, PHONE[-4:])
        qtbot.waitUntil(lambda: ui.navigator.screen == "order", timeout=20_000)
        assert "the store cannot be reached" in prop(ui, "orderStale", "text")
