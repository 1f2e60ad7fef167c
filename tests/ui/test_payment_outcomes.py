"""Where a payment that did not simply go through leaves the shopper, against the real store: an outcome
still being checked (the store gone, then back), and a declined payment paid again, the same way or the
other, with help for staff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cloudstore.models import StoreOrder
from kiosk.db.models import OrderState
from kiosk.ui.app import KioskUi
from kiosk.ui.demo.payment import phone_action
from tests.ui.conftest import prop, tap
from tests.ui.restartable_store import restartable_store
from tests.ui.test_checkout_flow import fill_cart, order, shops, to_payment
from tests.unit.cloudstore.harness import LiveStore

pytestmark = pytest.mark.gui

PAID_STATES = (OrderState.PAID, OrderState.SYNCED)


@pytest.fixture
def shop_factory(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., KioskUi]]:
    with shops(qtbot, tmp_path) as make:
        yield make


def force_later(store: LiveStore, ui: KioskUi, order_no: str, outcome: str, delay_s: float) -> None:
    """The phone has paid (or declined); the provider's word reaches the store `delay_s` later."""
    assert ui.services is not None
    payment_id = ui.services.orders.payment_id_of(order(ui, order_no).order_uuid)
    response = store.plain().post(f"/sandbox/payments/{payment_id}/force",
                                  json={"outcome": outcome, "delay_s": delay_s})
    assert response.status_code == 200, response.text


def store_orders(store: LiveStore) -> list[str]:
    with store.db.read() as session:
        return list(session.scalars(select(StoreOrder.order_no)))


def assert_checking(ui: KioskUi, order_no: str) -> None:
    """Still asking the store: the order number in sight, nothing to cancel or finish, the cart kept."""
    assert ui.navigator.screen == "payment"
    assert prop(ui, "paymentSpinner", "visible")
    assert prop(ui, "paymentCheckingOrderNo", "visible")
    assert prop(ui, "paymentCheckingOrderNo", "text") == f"订单号：{order_no}"
    assert not prop(ui, "paymentCancel", "visible")
    assert ui.shopper.state.item_count == 1


def test_checking_shows_the_order_then_paid_once_the_store_is_back(
        qtbot: Any, shop_factory: Callable[..., KioskUi], tmp_path: Path) -> None:
    with restartable_store(tmp_path / "store.sqlite3") as store:
        ui = shop_factory(store.live)
        payment = ui.shopper.payment
        payment.timeout_s, payment.checking_s = 2.0, 30.0
        fill_cart(qtbot, ui)
        to_payment(qtbot, ui)
        order_no = str(payment.orderNo)
        force_later(store.live, ui, order_no, "pay", delay_s=2.5)  # paid on the phone; the word is slow
        store.stop()
        qtbot.waitUntil(lambda: payment.phase == "checking", timeout=10_000)
        assert_checking(ui, order_no)
        assert order(ui, order_no).state is OrderState.PAYMENT_UNKNOWN
        store.start()
        qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=15_000)
        assert prop(ui, "doneOrderNo", "text") == order_no
        assert order(ui, order_no).state in PAID_STATES
        assert ui.shopper.state.item_count == 0
        qtbot.waitUntil(lambda: store_orders(store.live) == [order_no], timeout=15_000)


def test_checking_then_unpaid_gives_the_cart_back(
        qtbot: Any, shop_factory: Callable[..., KioskUi], tmp_path: Path) -> None:
    with restartable_store(tmp_path / "store.sqlite3") as store:
        ui = shop_factory(store.live)
        payment = ui.shopper.payment
        payment.timeout_s, payment.checking_s = 1.0, 30.0
        fill_cart(qtbot, ui)
        lines = list(ui.shopper.state.lines)
        to_payment(qtbot, ui)
        order_no = str(payment.orderNo)
        store.stop()
        qtbot.waitUntil(lambda: payment.phase == "checking", timeout=10_000)
        assert_checking(ui, order_no)
        store.start()  # the store says: not paid, and now closed
        qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=15_000)
        assert ui.shopper.state.lines == lines
        assert prop(ui, "cartNoticeText", "text") == "这笔支付没有完成，未扣款。购物车已为您保留。"
        assert order(ui, order_no).state is OrderState.CANCELLED


def test_checking_then_declined_can_still_be_paid_the_other_way(
        qtbot: Any, shop_factory: Callable[..., KioskUi], tmp_path: Path) -> None:
    with restartable_store(tmp_path / "store.sqlite3") as store:
        ui = shop_factory(store.live)
        payment = ui.shopper.payment
        payment.timeout_s, payment.checking_s = 2.0, 30.0
        fill_cart(qtbot, ui)
        to_payment(qtbot, ui)
        order_no = str(payment.orderNo)
        force_later(store.live, ui, order_no, "decline", delay_s=2.5)
        store.stop()
        qtbot.waitUntil(lambda: payment.phase == "checking", timeout=10_000)
        assert_checking(ui, order_no)
        store.start()
        qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem", timeout=15_000)
        assert prop(ui, "problemTitle", "text") == "支付被拒绝"
        assert order(ui, order_no).state is OrderState.PAYMENT_FAILED
        tap(qtbot, ui, ui.item("problemOtherMethod"))
        qtbot.waitUntil(lambda: payment.phase == "awaiting_payment", timeout=10_000)
        assert payment.orderNo == order_no
        assert phone_action(str(payment.codeUrl), "pay") == "paid"
        qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
        assert order(ui, order_no).state in PAID_STATES


def test_checking_that_never_settles_is_unknown(qtbot: Any, shop_factory: Callable[..., KioskUi],
                                                tmp_path: Path) -> None:
    with restartable_store(tmp_path / "store.sqlite3") as store:
        ui = shop_factory(store.live)
        payment = ui.shopper.payment
        payment.timeout_s, payment.checking_s = 1.0, 1.5
        fill_cart(qtbot, ui)
        to_payment(qtbot, ui)
        order_no = str(payment.orderNo)
        store.stop()
        qtbot.waitUntil(lambda: payment.phase == "checking", timeout=10_000)
        assert_checking(ui, order_no)
        qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem", timeout=10_000)
        assert prop(ui, "problemTitle", "text") == "无法确认您的支付结果"
        assert prop(ui, "problemOrderNo", "text") == order_no
        assert order(ui, order_no).state is OrderState.PAYMENT_UNKNOWN


def test_declined_then_pay_another_way_pays_the_same_order(
        qtbot: Any, shop_factory: Callable[..., KioskUi], tmp_path: Path) -> None:
    with restartable_store(tmp_path / "store.sqlite3") as rig:
        store = rig.live
        ui = shop_factory(store)
        fill_cart(qtbot, ui)
        code_url = to_payment(qtbot, ui)  # WeChat Pay
        order_no = str(ui.shopper.payment.orderNo)
        assert ui.services is not None
        declined_payment = ui.services.orders.payment_id_of(order(ui, order_no).order_uuid)
        assert phone_action(code_url, "decline") == "declined"
        qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem", timeout=10_000)
        assert prop(ui, "problemTitle", "text") == "支付被拒绝"
        # the seed's FAQ: try again, pay another way, ask for help; or go back to the cart
        assert prop(ui, "problemRetry", "text") == "重试"
        assert prop(ui, "problemOtherMethod", "text") == "改用支付宝"
        assert prop(ui, "problemHelp", "visible") and prop(ui, "problemBackToCart", "visible")
        assert ui.shopper.state.item_count == 1
        assert order(ui, order_no).state is OrderState.PAYMENT_FAILED

        # help: what to tell a member of staff
        assert not prop(ui, "problemHelpPanel", "visible")
        tap(qtbot, ui, ui.item("problemHelp"))
        qtbot.waitUntil(lambda: bool(prop(ui, "problemHelpPanel", "visible")))
        assert prop(ui, "problemHelpOrderNo", "text") == order_no
        assert prop(ui, "problemHelpReference", "text") == declined_payment
        assert "未扣款" in prop(ui, "problemHelpText", "text")
        tap(qtbot, ui, ui.item("problemHelpClose"))
        qtbot.waitUntil(lambda: not prop(ui, "problemHelpPanel", "visible"))

        tap(qtbot, ui, ui.item("problemOtherMethod"))
        qtbot.waitUntil(lambda: ui.navigator.screen == "payment")
        qtbot.waitUntil(lambda: ui.shopper.payment.phase == "awaiting_payment", timeout=10_000)
        assert ui.shopper.payment.orderNo == order_no  # the same order, paid another way
        assert prop(ui, "paymentHint", "text") == "请打开手机支付宝扫码支付"
        new_url = str(ui.shopper.payment.codeUrl)
        assert new_url != code_url
        assert phone_action(new_url, "pay") == "paid"
        qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
        assert prop(ui, "doneOrderNo", "text") == order_no
        assert "支付宝" in prop(ui, "doneAmount", "text")
        assert order(ui, order_no).state in PAID_STATES
        qtbot.waitUntil(lambda: store_orders(store) == [order_no], timeout=15_000)


def test_declined_in_english_then_try_again_the_same_way(
        qtbot: Any, shop_factory: Callable[..., KioskUi], tmp_path: Path) -> None:
    with restartable_store(tmp_path / "store.sqlite3") as rig:
        ui = shop_factory(rig.live)
        ui.shell.setLanguage("en_US")
        fill_cart(qtbot, ui)
        code_url = to_payment(qtbot, ui)
        order_no = str(ui.shopper.payment.orderNo)
        assert phone_action(code_url, "decline") == "declined"
        qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem", timeout=10_000)
        assert prop(ui, "problemOtherMethod", "text") == "Pay with Alipay instead"
        tap(qtbot, ui, ui.item("problemHelp"))
        qtbot.waitUntil(lambda: bool(prop(ui, "problemHelpPanel", "visible")))
        assert "Nothing was charged" in prop(ui, "problemHelpText", "text")
        tap(qtbot, ui, ui.item("problemHelpClose"))
        qtbot.waitUntil(lambda: not prop(ui, "problemHelpPanel", "visible"))
        tap(qtbot, ui, ui.item("problemRetry"))
        qtbot.waitUntil(lambda: ui.shopper.payment.phase == "awaiting_payment", timeout=10_000)
        assert ui.shopper.payment.orderNo == order_no
        assert prop(ui, "paymentHint", "text") == "Open WeChat on your phone and scan the code"
        assert phone_action(str(ui.shopper.payment.codeUrl), "pay") == "paid"
        qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
        assert prop(ui, "doneOrderNo", "text") == order_no
        assert order(ui, order_no).state in PAID_STATES
