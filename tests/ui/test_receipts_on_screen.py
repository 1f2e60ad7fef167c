"""Receipts a shopper can always get, against the real store and the simulated printer: paper by default
or the e-receipt QR (the store's order page) on request; the QR by itself when the paper did not print;
a printer known not to print is said before paying. And an order paid just before a crash shows its
order screen to a shopper still standing there.

The QR is read from a real screenshot, as a phone's camera would read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import recover_receipts
from kiosk.db.models import OrderState
from kiosk.devices.sim.fake_printer import FakePrinter, MidJobFault, PaperLevel
from kiosk.orders import CartLine, PaymentRecord
from kiosk.ui.app import KioskUi
from kiosk.ui.demo.payment import phone_action
from tests.ui.conftest import prop, tap
from tests.ui.test_checkout_flow import decoded, demo_store, fill_cart, go, order, pay_with, shops, to_payment
from tests.unit.cloudstore.harness import LiveStore

pytestmark = pytest.mark.gui

PRINTED = "小票已打印，请取走。"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LiveStore]:
    with demo_store(tmp_path / "store.sqlite3") as live:
        yield live


@pytest.fixture
def shop(qtbot: Any, tmp_path: Path, store: LiveStore) -> Iterator[KioskUi]:
    with shops(qtbot, tmp_path) as make:
        yield make(store)


def fake_printer(ui: KioskUi) -> FakePrinter:
    assert ui.services is not None and ui.services.devices is not None
    fake = ui.services.devices.fake_printer
    assert fake is not None
    return fake


def order_page(store: LiveStore, ui: KioskUi, order_no: str) -> str:
    return f"{store.base_url}/o/{order(ui, order_no).order_uuid}"


def printer_problem(ui: KioskUi) -> bool:
    return bool(ui.shopper.payment.receipt.property("printerProblem"))


def pay_on_the_phone(qtbot: Any, ui: KioskUi, code_url: str) -> str:
    order_no = str(ui.shopper.payment.orderNo)
    assert phone_action(code_url, "pay") == "paid"
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    assert prop(ui, "doneOrderNo", "text") == order_no
    return order_no


def test_paper_by_default_and_the_receipt_on_the_phone_opens_the_order_page(
        qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    order_no = pay_on_the_phone(qtbot, ui, to_payment(qtbot, ui))
    qtbot.waitUntil(lambda: prop(ui, "doneReceipt", "text") == PRINTED, timeout=10_000)
    assert prop(ui, "doneReceiptChoice", "visible")
    assert prop(ui, "doneReceiptPaper", "checked") and not prop(ui, "doneReceiptPhone", "checked")
    assert not prop(ui, "doneEReceipt", "visible") and decoded(ui) == []

    tap(qtbot, ui, ui.item("doneReceiptPhone"))
    qtbot.waitUntil(lambda: bool(prop(ui, "doneEReceipt", "visible")))
    assert prop(ui, "doneReceiptPhone", "checked")
    qtbot.waitUntil(lambda: decoded(ui) == [order_page(store, ui, order_no)], timeout=5000)
    assert "扫码" in prop(ui, "doneReceiptCaption", "text")

    tap(qtbot, ui, ui.item("doneReceiptPaper"))  # changed their mind: the code goes
    qtbot.waitUntil(lambda: not prop(ui, "doneEReceipt", "visible"))
    assert decoded(ui) == []
    go(qtbot, ui, "doneFinish", "attract")


def test_printer_out_of_paper_is_said_before_paying_and_the_receipt_comes_on_the_phone(
        qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    fake = fake_printer(ui)
    fill_cart(qtbot, ui)
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    assert not prop(ui, "fulfilmentPrinterNotice", "visible")
    fake.set_paper(PaperLevel.OUT)  # the kiosk learns it from the printer's status, as a technician would
    qtbot.waitUntil(lambda: printer_problem(ui), timeout=10_000)
    notice = "打印机缺纸：支付后请用手机扫码获取电子小票。"
    qtbot.waitUntil(lambda: bool(prop(ui, "fulfilmentPrinterNotice", "visible")))
    assert prop(ui, "printerNoticeText", "text") == notice
    code_url = pay_with(qtbot, ui)
    assert prop(ui, "paymentPrinterNotice", "visible")
    jobs = len(fake.jobs)
    order_no = pay_on_the_phone(qtbot, ui, code_url)

    # the e-receipt by itself: paper cannot be chosen
    qtbot.waitUntil(lambda: bool(prop(ui, "doneEReceipt", "visible")))
    assert not prop(ui, "doneReceiptChoice", "visible")
    qtbot.waitUntil(lambda: prop(ui, "doneReceipt", "text")
                    == "打印机缺纸，请扫描下方二维码，在手机上查看电子小票。", timeout=10_000)
    qtbot.waitUntil(lambda: decoded(ui) == [order_page(store, ui, order_no)], timeout=5000)
    assert order(ui, order_no).state in (OrderState.PAID, OrderState.SYNCED)
    assert len(fake.jobs) == jobs  # nothing came out

    ui.shell.setLanguage("en_US")  # the same, in English
    assert prop(ui, "doneReceipt", "text") == ("The printer is out of paper: scan the code below for your "
                                               "receipt on your phone.")
    fake.set_paper(PaperLevel.OK)
    qtbot.waitUntil(lambda: not printer_problem(ui), timeout=10_000)
    go(qtbot, ui, "doneFinish", "attract")


def test_a_print_that_fails_shows_the_e_receipt_by_itself(qtbot: Any, shop: KioskUi,
                                                          store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    code_url = to_payment(qtbot, ui)
    fake_printer(ui).fault_after(16, MidJobFault.PAPER_OUT)  # the paper runs out half way through
    order_no = pay_on_the_phone(qtbot, ui, code_url)
    qtbot.waitUntil(lambda: prop(ui, "doneReceipt", "text")
                    == "纸质小票未能打印，请扫描下方二维码，在手机上查看电子小票。", timeout=15_000)
    assert prop(ui, "doneEReceipt", "visible") and not prop(ui, "doneReceiptChoice", "visible")
    qtbot.waitUntil(lambda: decoded(ui) == [order_page(store, ui, order_no)], timeout=5000)
    assert order(ui, order_no).state in (OrderState.PAID, OrderState.SYNCED)  # the order stands


def paid_without_receipt(ui: KioskUi) -> tuple[str, str]:
    """An order paid a moment before a crash, its receipt never printed (as the order book holds it)."""
    assert ui.services is not None
    orders = ui.services.orders
    pending = orders.create_pending([CartLine(sku="DEMO-1", name_zh="可乐", name_en="Cola",
                                              unit_price_minor=350, quantity=2)])
    paid = orders.mark_paid(pending.order_uuid, PaymentRecord("alipay", "pay_recovered", "SBX42"))
    assert paid.state is OrderState.PAID and paid.receipt_state == ""
    return paid.order_uuid, paid.order_no


def test_an_order_paid_before_a_crash_shows_its_confirmation(qtbot: Any, shop: KioskUi,
                                                            store: LiveStore) -> None:
    ui = shop
    go(qtbot, ui, "attractScreen", "home")  # a shopper is there when the kiosk comes back
    order_uuid, order_no = paid_without_receipt(ui)
    assert ui.services is not None
    recover_receipts(ui.services)  # what the start-up does once the store is reached
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    assert prop(ui, "doneOrderNo", "text") == order_no
    assert prop(ui, "doneStatus", "text") == "支付成功"
    assert prop(ui, "doneAmount", "text") == "实付 ¥7.00（支付宝）"
    assert prop(ui, "doneReceipt", "text") == PRINTED  # printed at the restart, once
    fake = fake_printer(ui)
    assert fake.last_job is not None and order_no in fake.last_job.text
    tap(qtbot, ui, ui.item("doneReceiptPhone"))
    qtbot.waitUntil(lambda: decoded(ui) == [f"{store.base_url}/o/{order_uuid}"], timeout=5000)
    go(qtbot, ui, "doneFinish", "attract")
    assert ui.shopper.payment.orderNo == ""


def test_a_recovered_order_whose_receipt_did_not_print_shows_the_qr_until_the_idle_wipe(
        qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    idle, config = ui.shopper.idle, ui.config.idle
    now = [1000.0]
    idle.clock = lambda: now[0]
    idle.poke()
    order_uuid, order_no = paid_without_receipt(ui)
    assert ui.services is not None
    ui.services.events.publish("checkout.recovered", order_uuid=order_uuid, order_no=order_no,
                               total_minor=700, currency="CNY", receipt_state="not_printed")
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    assert prop(ui, "doneOrderNo", "text") == order_no
    assert prop(ui, "doneEReceipt", "visible") and not prop(ui, "doneReceiptChoice", "visible")
    assert prop(ui, "doneReceipt", "text") == "纸质小票未能打印，请扫描下方二维码，在手机上查看电子小票。"
    qtbot.waitUntil(lambda: decoded(ui) == [f"{store.base_url}/o/{order_uuid}"], timeout=5000)
    # nobody there after all: the idle timer wipes it like any order screen
    now[0] += config.other_s
    idle.tick()
    assert idle.warning
    now[0] += config.countdown_s
    idle.tick()
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")
    assert ui.shopper.payment.orderNo == "" and decoded(ui) == []


def test_a_recovered_order_never_takes_the_screen_from_a_shopper_paying(
        qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    to_payment(qtbot, ui)
    order_uuid, order_no = paid_without_receipt(ui)
    assert ui.services is not None
    ui.services.events.publish("checkout.recovered", order_uuid=order_uuid, order_no=order_no,
                               total_minor=700, currency="CNY", receipt_state="printed")
    qtbot.wait(300)
    assert ui.navigator.screen == "payment" and ui.shopper.payment.orderNo != order_no
    tap(qtbot, ui, ui.item("paymentCancel"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=10_000)


def test_the_printer_problem_is_known_from_the_states_at_start(
        qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    """A status reported before the shopper screens were attached is not lost."""
    ui = shop
    assert ui.services is not None
    ui.services.device_states["printer"] = {"status": "ERROR", "detail": "cover_open"}
    ui.shopper.payment.attach(ui.services)
    assert printer_problem(ui)
    assert ui.shopper.payment.receipt.property("printerNotice") == (
        "小票打印机暂时无法使用：支付后请用手机扫码获取电子小票。")
    ui.shopper.payment.receipt.printer_status("ready", [])
    assert not printer_problem(ui)
