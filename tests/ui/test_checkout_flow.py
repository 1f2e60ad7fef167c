"""The whole checkout by touch against a real reference store on loopback: cart → pickup or delivery →
pay by QR (paid as a phone would) → order number; declined, cancelled, timed out, unknown.

Real parts throughout: the store (FastAPI under uvicorn, SQLite), the kiosk's services with its SQLite
file, sync worker and payment client, the simulated ESC/POS printer, and the QML on the offscreen
platform. The payment poll runs every 50 ms so a test waits on the outcome, not on a clock.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow
from sqlalchemy import select

from cloudstore.__main__ import demo_catalog_path
from cloudstore.catalog import load_catalog
from cloudstore.db import StoreDB
from cloudstore.models import StoreOrder
from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.db.models import Order, OrderState, OutboxRow
from kiosk.orders import Contact
from kiosk.services import data_paths
from kiosk.sync.catalog_pull import load_cursor
from kiosk.ui.app import KioskUi
from kiosk.ui.demo.payment import PaymentSection, phone_action
from kiosk.ui.demo.store import StoreSection
from tests.ui.conftest import prop, tap
from tests.ui.keyboard import Keyboard
from tests.unit.cloudstore.harness import LiveStore, form_csrf, running_store, staff_client

pytestmark = pytest.mark.gui

ORDER_NO = re.compile(r"K01-\d{4}-\d{4}")
POLL_S = 0.05


@contextmanager
def demo_store(path: Path) -> Iterator[LiveStore]:
    """The reference store with the demo catalog, as demo mode runs it: the kiosk's first catalog pull
    is a snapshot, and a store without the catalog would empty the kiosk's shelves."""
    with running_store(f"sqlite:///{path}", sandbox_controls=True) as live:
        with live.db.write() as session:
            load_catalog(session, json.loads(demo_catalog_path().read_text(encoding="utf-8")))
        yield live


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LiveStore]:
    with demo_store(tmp_path / "store.sqlite3") as live:
        yield live


@contextmanager
def shops(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., KioskUi]]:
    """Makes demo kiosks with the simulated printer (no scanner), each signed up with a store if one is
    given; closes them at the end."""
    made: list[KioskUi] = []

    def make(store: LiveStore | None = None, orientation: str = "portrait") -> KioskUi:
        overrides: dict[str, Any] = {
            "data_dir": str(tmp_path / f"kiosk{len(made)}"), "scanner": {"kind": "none"},
            "ui": {"windowed": True, "lockdown": False, "orientation": orientation}}
        if store is not None:
            device_id, secret = store.add_device("K01")
            overrides["store"] = {"url": store.base_url, "device_id": device_id, "secret": secret}
        config = load_config(environ={}, overrides=overrides)
        services = build_services(config, data_paths(config), with_store=False)
        if store is not None:  # the first catalog pull (a snapshot) is in before the shopper comes
            deadline = time.monotonic() + 10
            while load_cursor(services.db)[0] == 0 and time.monotonic() < deadline:
                time.sleep(0.02)
        ui = KioskUi(config, services.events)
        made.append(ui)
        ui.attach(services)
        ui.shopper.payment.interval_s = POLL_S
        ui.shopper.payment.checking_s = 1.0
        # half the design size: the stage is scaled, as on a real screen
        ui.window.resize(*((540, 960) if orientation == "portrait" else (960, 540)))
        ui.window.show()
        qtbot.waitExposed(ui.window)
        qtbot.waitUntil(lambda: ui.shopper.catalog.property("loaded"))
        return ui

    try:
        yield make
    finally:
        for ui in made:
            ui.close()
            if ui.services is not None:
                ui.services.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def shop_factory(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., KioskUi]]:
    """A demo kiosk with the simulated printer (no scanner), signed up with `store` if one is given."""
    with shops(qtbot, tmp_path) as make:
        yield make


@pytest.fixture
def shop(store: LiveStore, shop_factory: Callable[..., KioskUi]) -> KioskUi:  # the kiosk ends first
    return shop_factory(store)


def go(qtbot: Any, ui: KioskUi, name: str, screen: str) -> None:
    qtbot.waitUntil(lambda: prop(ui, name, "visible") is not None)  # rows fill in beside the screen
    tap(qtbot, ui, ui.item(name))
    qtbot.waitUntil(lambda: ui.navigator.screen == screen)


def fill_cart(qtbot: Any, ui: KioskUi, products: int = 1) -> None:
    go(qtbot, ui, "attractScreen", "home")
    for i in range(products):
        if portrait(ui):
            go(qtbot, ui, f"featuredCard_{i}", "product")
        else:  # the home rows are below the fold of a landscape screen: open it as a scan would
            ui.shopper.catalog.openProduct(int(ui.shopper.catalog.property("featured").raw(i).id))
            qtbot.waitUntil(lambda: ui.navigator.screen == "product")
        tap(qtbot, ui, ui.item("addToCart"))
        qtbot.waitUntil(lambda n=i: ui.shopper.state.item_count == n + 1)
        go(qtbot, ui, "homeButton", "home")


def portrait(ui: KioskUi) -> bool:
    return ui.shell.property("orientation") == "portrait"


def pay_with(qtbot: Any, ui: KioskUi, button: str = "payWechat") -> str:
    """From the fulfilment screen to a QR on screen; returns the code's URL."""
    payment = ui.shopper.payment
    go(qtbot, ui, button, "payment")
    qtbot.waitUntil(lambda: payment.phase == "awaiting_payment", timeout=10_000)
    assert prop(ui, "paymentOrderNo", "text").endswith(payment.orderNo)
    return str(payment.codeUrl)


def to_payment(qtbot: Any, ui: KioskUi) -> str:
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    return pay_with(qtbot, ui)


@dataclass(frozen=True)
class Stored:
    order_uuid: str
    state: OrderState
    total_minor: int
    shipping_minor: int
    receipt_no: str | None
    contact: Contact


def order(ui: KioskUi, order_no: str) -> Stored:
    """The order as the kiosk's database has it, contact details decrypted."""
    assert ui.services is not None
    with ui.services.db.read() as session:
        found = session.scalar(select(Order).where(Order.order_no == order_no))
        assert found is not None
        return Stored(found.order_uuid, found.state, found.total_minor, found.shipping_minor,
                      found.receipt_no, ui.services.orders.contact(found))


def outbox_rows(ui: KioskUi, order_uuid: str) -> int:
    assert ui.services is not None
    with ui.services.db.read() as session:
        return len(session.scalars(select(OutboxRow).where(OutboxRow.order_uuid == order_uuid)).all())


def to_pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes("L", (image.width(), image.height()), data, "raw", "L", image.bytesPerLine())


def decoded(ui: KioskUi) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(to_pil(ui.window.grabWindow()))]


def demo_item(window: QQuickWindow, name: str) -> QQuickItem:
    stack = [window.contentItem()]
    while stack:
        item = stack.pop()
        if item.objectName() == name:
            return item
        stack.extend(item.childItems())
    raise LookupError(name)


def force(store: LiveStore, ui: KioskUi, order_no: str, outcome: str = "pay") -> None:
    """Settle the order's payment through the store's sandbox controls (as the bank would)."""
    assert ui.services is not None
    payment_id = ui.services.orders.payment_id_of(order(ui, order_no).order_uuid)
    response = store.plain().post(f"/sandbox/payments/{payment_id}/force", json={"outcome": outcome})
    assert response.status_code == 200, response.text


def test_pickup_paid_by_phone_shows_the_order_number(qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui, products=2)
    subtotal = ui.shopper.state.total().minor
    code_url = to_payment(qtbot, ui)
    assert code_url.startswith(f"{store.base_url}/pay/")
    payment = ui.shopper.payment
    order_no = str(payment.orderNo)
    assert ORDER_NO.fullmatch(order_no)
    assert order(ui, order_no).state is OrderState.PENDING_PAYMENT  # committed before the QR showed
    # what a phone's camera would read: the code decoded from the rendered window
    qtbot.waitUntil(lambda: decoded(ui) == [code_url], timeout=5000)
    assert prop(ui, "paymentAmount", "text") == f"¥{subtotal // 100}.{subtotal % 100:02d}"  # pickup: free

    # the demo controls pay it as the phone's pay page does
    assert ui.demo_controls is not None
    section = ui.demo_controls.section(PaymentSection)
    assert section.codeUrl == code_url
    window = ui.demo_controls.window
    button = demo_item(window, "demoPayButton")
    qtbot.waitUntil(lambda: button.isEnabled())
    with qtbot.waitSignal(section.finished, timeout=10_000) as paid:
        centre = button.mapToScene(QPointF(button.width() / 2, button.height() / 2)).toPoint()
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=centre)
    assert paid.args == ["pay: the pay page says paid"]
    assert demo_item(window, "demoPaymentResult").property("text") == "pay: the pay page says paid"
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)

    assert prop(ui, "doneOrderNo", "text") == order_no
    assert prop(ui, "doneStatus", "text") == "支付成功"
    assert "服务台" in prop(ui, "doneFulfilment", "text")
    # "paid" shows at once; the receipt's outcome follows once the simulated printer has printed it
    qtbot.waitUntil(lambda: prop(ui, "doneReceipt", "text") == "小票已打印，请取走。", timeout=10_000)
    assert ui.shopper.state.lines == [] and ui.shopper.session.cartCount == 0  # bought: out of the cart
    assert ui.services is not None and ui.services.devices is not None
    fake = ui.services.devices.fake_printer
    assert fake is not None and fake.last_job is not None and order_no in fake.last_job.text

    paid_order = order(ui, order_no)
    assert paid_order.state in (OrderState.PAID, OrderState.SYNCED) and paid_order.receipt_no
    assert paid_order.total_minor == subtotal and paid_order.shipping_minor == 0
    assert outbox_rows(ui, paid_order.order_uuid) == 1
    # the sync worker was woken: the store has the order, once
    def stored() -> list[str]:
        with store.db.read() as session:
            return list(session.scalars(select(StoreOrder.order_no)))
    qtbot.waitUntil(lambda: stored() == [order_no], timeout=10_000)
    # …and the merchant sees it on the admin page, beside this kiosk in the fleet view
    assert order_no in store.admin(follow_redirects=True).get("/admin").text

    go(qtbot, ui, "doneFinish", "attract")
    assert payment.orderNo == "" and ui.shopper.state.form_fields == {}


def test_declined_then_try_again_then_paid(qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    code_url = to_payment(qtbot, ui)
    first = str(ui.shopper.payment.orderNo)
    assert phone_action(code_url, "decline") == "declined"
    qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem", timeout=10_000)
    assert prop(ui, "problemTitle", "text") == "支付被拒绝"
    assert prop(ui, "problemRetry", "visible") and prop(ui, "problemBackToCart", "visible")
    assert ui.shopper.state.item_count == 1  # nothing bought: the cart is kept
    assert order(ui, first).state is OrderState.PAYMENT_FAILED

    tap(qtbot, ui, ui.item("problemRetry"))  # the same order again, with a new code
    qtbot.waitUntil(lambda: ui.navigator.screen == "payment")
    qtbot.waitUntil(lambda: ui.shopper.payment.phase == "awaiting_payment", timeout=10_000)
    assert ui.shopper.payment.orderNo == first and ui.shopper.payment.codeUrl != code_url
    force(store, ui, first)
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    assert prop(ui, "doneOrderNo", "text") == first
    assert order(ui, first).state in (OrderState.PAID, OrderState.SYNCED)
    assert ui.shopper.state.lines == []


def test_cancel_goes_back_to_the_cart_as_it_was(qtbot: Any, shop: KioskUi) -> None:
    ui = shop
    fill_cart(qtbot, ui, products=2)
    lines = list(ui.shopper.state.lines)
    to_payment(qtbot, ui)
    order_no = str(ui.shopper.payment.orderNo)
    tap(qtbot, ui, ui.item("paymentCancel"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=10_000)
    assert ui.shopper.state.lines == lines
    assert prop(ui, "cartNoticeText", "text") == "支付已取消，未扣款。购物车已为您保留。"
    assert order(ui, order_no).state is OrderState.CANCELLED
    assert decoded(ui) == []  # the code is gone
    # and paying again works from here
    go(qtbot, ui, "cartCheckout", "fulfilment")
    assert pay_with(qtbot, ui, "payAlipay")
    assert prop(ui, "paymentHint", "text") == "请打开手机支付宝扫码支付"
    tap(qtbot, ui, ui.item("paymentCancel"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=10_000)


def test_time_up_returns_to_the_cart(qtbot: Any, shop: KioskUi) -> None:
    ui = shop
    ui.shell.setLanguage("en_US")
    ui.shopper.payment.timeout_s = 1.0
    fill_cart(qtbot, ui)
    to_payment(qtbot, ui)
    order_no = str(ui.shopper.payment.orderNo)
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=10_000)
    assert "time to pay ran out" in prop(ui, "cartNoticeText", "text")
    assert ui.shopper.state.item_count == 1
    assert order(ui, order_no).state is OrderState.CANCELLED


def test_delivery_form_refuses_a_bad_phone_then_pays_with_the_fee(qtbot: Any, shop: KioskUi,
                                                                  store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    subtotal = ui.shopper.state.total().minor
    assert subtotal < 9900  # one product: delivery costs 10.00
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    assert prop(ui, "summaryShipping", "text") == "免费"  # pickup is the default
    tap(qtbot, ui, ui.item("deliveryOption"))
    qtbot.waitUntil(lambda: bool(prop(ui, "deliveryName", "visible")))
    assert prop(ui, "summaryShipping", "text") == "¥10.00"

    keyboard = Keyboard(qtbot, ui)
    qtbot.waitUntil(lambda: bool(ui.item("keyboardLoader").property("item")))
    type_into(qtbot, ui, "deliveryName")
    qtbot.waitUntil(lambda: keyboard.locale() == "zh_CN")
    keyboard.type("zhangwei")
    qtbot.waitUntil(lambda: bool(keyboard.candidates()))
    assert keyboard.candidates()[0] == "张伟"
    qtbot.wait(300)  # let the candidate list finish creating its rows before it is cleared
    keyboard.select(0)
    qtbot.waitUntil(lambda: ui.shopper.fulfilment.name == "张伟")
    type_into(qtbot, ui, "deliveryPhone")
    keyboard.type("12345")
    qtbot.waitUntil(lambda: ui.shopper.fulfilment.phone == "12345")
    type_into(qtbot, ui, "deliveryAddress")
    keyboard.type("beijing")
    qtbot.waitUntil(lambda: bool(keyboard.candidates()))
    qtbot.wait(300)
    keyboard.select(0)
    qtbot.waitUntil(lambda: ui.shopper.fulfilment.address == "北京")
    ui.shopper.fulfilment.setAddress("北京市朝阳区建国路88号")  # the rest of it, as typed

    tap(qtbot, ui, ui.item("payWechat"))
    qtbot.waitUntil(lambda: bool(prop(ui, "deliveryPhoneError", "visible")))
    assert ui.navigator.screen == "fulfilment"  # refused: nothing was ordered
    assert prop(ui, "deliveryPhoneError", "text") == "请输入以 1 开头的 11 位手机号码，例如 13800138000"
    assert not prop(ui, "deliveryNameError", "visible") and not prop(ui, "deliveryAddressError", "visible")

    type_into(qtbot, ui, "deliveryPhone")
    ui.item("deliveryPhone").setProperty("text", "")
    keyboard.type("13800138000")
    qtbot.waitUntil(lambda: ui.shopper.fulfilment.phone == "13800138000")
    qtbot.waitUntil(lambda: not prop(ui, "deliveryPhoneError", "visible"))  # fixed: the message goes
    code_url = pay_with(qtbot, ui)
    # the keyboard that was up for the phone number never covers the QR
    qtbot.waitUntil(lambda: not ui.item("inputPanel").isVisible())
    order_no = str(ui.shopper.payment.orderNo)
    assert phone_action(code_url, "pay") == "paid"
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    assert "138****8000" in prop(ui, "doneFulfilment", "text") and "13800138000" not in prop(
        ui, "doneFulfilment", "text")

    paid = order(ui, order_no)
    assert (paid.shipping_minor, paid.total_minor) == (1000, subtotal + 1000)
    contact = paid.contact
    assert (contact.name, contact.phone, contact.address) == ("张伟", "13800138000", "北京市朝阳区建国路88号")


def type_into(qtbot: Any, ui: KioskUi, name: str) -> None:
    """Tap a form field as a finger would, scrolled into view first."""
    field = ui.item(name)
    flick = ui.item("fulfilmentFlick")
    top = field.mapToItem(flick.property("contentItem"), QPointF(0, 0)).y()
    flick.setProperty("contentY", max(0.0, min(top - 40, flick.property("contentHeight") - flick.height())))
    tap(qtbot, ui, field)
    qtbot.waitUntil(lambda: field.hasActiveFocus())
    qtbot.waitUntil(lambda: bool(ui.item("inputPanel").property("active")))


def test_the_qr_decodes_in_landscape_too(qtbot: Any, shop_factory: Callable[..., KioskUi],
                                         store: LiveStore) -> None:
    ui = shop_factory(store, orientation="landscape")
    fill_cart(qtbot, ui)
    code_url = to_payment(qtbot, ui)
    image: QQuickItem = ui.item("qrImage")
    qtbot.waitUntil(lambda: image.isVisible() and image.property("progress") == 1.0)
    qtbot.waitUntil(lambda: decoded(ui) == [code_url], timeout=5000)
    tap(qtbot, ui, ui.item("paymentCancel"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=10_000)


def test_store_gone_while_waiting_is_unknown_not_failed(qtbot: Any, shop_factory: Callable[..., KioskUi],
                                                       tmp_path: Path) -> None:
    with demo_store(tmp_path / "gone.sqlite3") as store:
        ui = shop_factory(store)
        fill_cart(qtbot, ui)
        to_payment(qtbot, ui)
    order_no = str(ui.shopper.payment.orderNo)  # the store has stopped: its answer cannot be known
    # the shopper is told at once, and the code stays: a phone may still pay it
    qtbot.waitUntil(lambda: bool(prop(ui, "paymentTrouble", "visible")), timeout=5_000)
    assert str(prop(ui, "paymentTrouble", "text")).startswith("暂时无法连接支付服务")
    assert prop(ui, "paymentQr", "visible") and ui.navigator.screen == "payment"
    ui.shopper.payment.cancel()
    qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem", timeout=10_000)
    assert prop(ui, "problemTitle", "text") == "无法确认您的支付结果"
    assert prop(ui, "problemOrderNo", "text") == order_no
    assert not prop(ui, "problemRetry", "visible")  # paying twice for one cart is not offered
    assert order(ui, order_no).state is OrderState.PAYMENT_UNKNOWN  # kept for reconciliation
    go(qtbot, ui, "problemFinish", "attract")
    assert ui.shopper.state.lines == []


def test_no_store_yet_means_paying_is_unavailable_and_the_cart_stays(
        qtbot: Any, shop_factory: Callable[..., KioskUi]) -> None:
    ui = shop_factory()
    fill_cart(qtbot, ui)
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    go(qtbot, ui, "payWechat", "paymentProblem")
    assert prop(ui, "problemTitle", "text") == "暂时无法支付"
    go(qtbot, ui, "problemBackToCart", "cart")
    assert ui.shopper.state.item_count == 1


def test_the_idle_timer_waits_for_the_payment_then_wipes_the_done_screen(
        qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    idle, config = ui.shopper.idle, ui.config.idle
    now = [1000.0]
    idle.clock = lambda: now[0]
    idle.poke()
    fill_cart(qtbot, ui)
    code_url = to_payment(qtbot, ui)
    now[0] += 10 * (config.other_s + config.countdown_s)  # the shopper is busy with their phone
    idle.tick()
    assert not idle.warning and ui.navigator.screen == "payment"
    assert phone_action(code_url, "pay") == "paid"
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    assert ui.shopper.state.lines == []  # emptied at once, not when the shopper taps Finish
    now[0] += config.other_s
    idle.tick()
    assert idle.warning
    now[0] += config.countdown_s
    idle.tick()
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")
    assert ui.shopper.payment.orderNo == ""


@pytest.mark.e2e
def test_demo_mode_pays_into_the_store_it_starts(qtbot: Any, tmp_path: Path) -> None:
    """`make run` end to end: the kiosk starts its own store in a child process, the demo controls pay the
    QR as a phone would, and the order is on that store's merchant admin API."""
    config = load_config(environ={}, overrides={
        "data_dir": str(tmp_path / "demo"), "scanner": {"kind": "none"},
        "ui": {"windowed": True, "lockdown": False}})
    services = build_services(config, data_paths(config))  # demo mode: local store, simulated printer
    ui = KioskUi(config, services.events)
    try:
        ui.attach(services)
        ui.shopper.payment.interval_s = POLL_S
        ui.shopper.payment.checking_s = 1.0
        ui.window.resize(540, 960)
        ui.window.show()
        qtbot.waitExposed(ui.window)
        qtbot.waitUntil(lambda: services.payments is not None, timeout=60_000)  # the store is up, signed in
        qtbot.waitUntil(lambda: ui.shopper.catalog.property("loaded"))
        fill_cart(qtbot, ui)
        to_payment(qtbot, ui)
        assert ui.demo_controls is not None
        window = ui.demo_controls.window
        button = demo_item(window, "demoPayButton")
        qtbot.waitUntil(lambda: button.isEnabled())
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton,
                         pos=button.mapToScene(QPointF(button.width() / 2, button.height() / 2)).toPoint())
        qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=15_000)
        order_no = str(ui.shopper.payment.orderNo)
        assert services.store is not None and services.store.credentials is not None
        creds = services.store.credentials

        assert services.store is not None
        store_db = StoreDB(services.store.db_url)  # a merchant of our own, beside the demo's
        merchant = staff_client(creds.url, store_db, name="checker")
        store_db.close()

        def listed() -> bool:
            orders = merchant.get("/admin/api/orders", timeout=5).json()
            return order_no in [o["order_no"] for o in orders]

        qtbot.waitUntil(listed, timeout=15_000)
        merchant.close()
        # the demo controls link the admin's one-time code form and show a code: typed there, it signs
        # the demo merchant in, and the order is on the page
        store_section = ui.demo_controls.section(StoreSection)
        assert store_section.storeUrl == creds.url
        assert store_section.adminUrl == f"{creds.url}/admin/login/code"
        store_section.newLoginCode()
        qtbot.waitUntil(lambda: store_section.loginCode != "", timeout=15_000)
        assert store_section.loginCode[:4] in store_section.loginCodeText
        with httpx.Client(timeout=5, follow_redirects=True) as browser:
            form = browser.get(store_section.adminUrl)
            page = browser.post(store_section.adminUrl, data={"code": store_section.loginCode,
                                                              "csrf_token": form_csrf(form.text)})
        assert page.status_code == 200 and order_no in page.text
        qtbot.waitUntil(lambda: "0 order(s) waiting" in store_section.syncText, timeout=15_000)
    finally:
        ui.close()
        services.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
