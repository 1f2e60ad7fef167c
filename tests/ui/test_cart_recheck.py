"""The cart re-checked at the moment the shopper pays: the merchant changes a price, lowers stock or takes
a product off sale in the store between "add to cart" and "pay", the kiosk's catalog pull brings it in,
and the shopper is shown each change and confirms it before anything is charged.

Real parts as in test_checkout_flow: the store on loopback with the demo catalog, changed through its
admin API; the kiosk's own catalog puller; the order book; the QML by touch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPointF
from sqlalchemy import select

from cloudstore.models import StoreOrder
from kiosk.db.models import OrderState
from kiosk.money import Money, format_money
from kiosk.ui.app import KioskUi
from kiosk.ui.demo.payment import phone_action
from tests.ui.conftest import prop, tap
from tests.ui.test_checkout_flow import fill_cart, go, order, pay_with, shop, shop_factory, store
from tests.unit.cloudstore.harness import LiveStore

pytestmark = pytest.mark.gui

__all__ = ["shop", "shop_factory", "store"]  # fixtures, shared with the checkout flow


def yuan(minor: int) -> str:
    return format_money(Money(minor), "zh_CN")


def change_at_store(store: LiveStore, ui: KioskUi, sku: str, **values: int) -> None:
    """The merchant changes a product in the store's admin; the kiosk's next catalog pull brings it in."""
    admin_change(store, sku, **values)
    pull(ui)


def admin_change(store: LiveStore, sku: str, **values: int) -> None:
    """A new price or stock through the store's admin API; no values: the product is deleted."""
    admin = store.admin()
    if values:
        response = admin.patch(f"/admin/api/catalog/products/{sku}", json=values)
    else:
        response = admin.delete(f"/admin/api/catalog/products/{sku}")
    assert response.status_code == 200, response.text


def pull(ui: KioskUi) -> None:
    """The kiosk's own catalog pull from the store, now rather than at its next interval."""
    assert ui.services is not None and ui.services.sync is not None
    assert ui.services.sync.puller.pull().changed


def tap_pay(qtbot: Any, ui: KioskUi, button: str = "payWechat") -> None:
    """Tap a way to pay; wait for what comes of it: the changes to confirm, or a QR."""
    tap(qtbot, ui, ui.item(button))
    qtbot.waitUntil(lambda: bool(prop(ui, "cartChanges", "visible"))
                    or ui.shopper.payment.phase == "awaiting_payment", timeout=10_000)


def stored_lines(store: LiveStore, order_no: str) -> tuple[list[tuple[str, int, int]], str]:
    """The order's lines as the store ingested them (sku, unit price, quantity), and its audit flags."""
    with store.db.read() as session:
        found = session.scalar(select(StoreOrder).where(StoreOrder.order_no == order_no))
        assert found is not None
        lines = [(line["sku"], line["unit_price_minor"], line["quantity"]) for line in found.payload["lines"]]
        return lines, found.audit_flags


def test_a_new_price_is_confirmed_before_paying_and_charged(qtbot: Any, shop: KioskUi,
                                                             store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    [line] = ui.shopper.state.lines
    old, new = line.unit_price.minor, line.unit_price.minor + 50
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    change_at_store(store, ui, line.sku, price_minor=new)  # while the shopper is choosing pickup

    tap_pay(qtbot, ui)
    charged = ui.shopper.payment.property("amountText")
    assert prop(ui, "cartChanges", "visible"), f"the new price was never shown: the QR asks for {charged}"
    assert ui.navigator.screen == "fulfilment" and ui.shopper.payment.phase == ""  # nothing ordered yet
    assert prop(ui, "cartChangeName_0", "text") == line.name_zh
    assert prop(ui, "cartChangeText_0", "text") == f"价格由 {yuan(old)} 调整为 {yuan(new)}"
    assert prop(ui, "cartChangesTotal", "text") == yuan(new)
    assert prop(ui, "cartChangesWas", "text") == f"原为 {yuan(old)}"
    assert ui.shopper.state.lines == [line]  # shown, not applied

    tap(qtbot, ui, ui.item("cartChangesConfirm"))
    qtbot.waitUntil(lambda: ui.shopper.payment.phase == "awaiting_payment", timeout=10_000)
    assert ui.navigator.screen == "payment" and prop(ui, "paymentAmount", "text") == yuan(new)
    order_no = str(ui.shopper.payment.orderNo)
    assert phone_action(str(ui.shopper.payment.codeUrl), "pay") == "paid"
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    paid = order(ui, order_no)
    assert paid.state in (OrderState.PAID, OrderState.SYNCED) and paid.total_minor == new
    # the store has the confirmed price, and finds nothing to flag
    qtbot.waitUntil(lambda: bool(stored(store, order_no)), timeout=10_000)
    assert stored_lines(store, order_no) == ([(line.sku, new, 1)], "")


def stored(store: LiveStore, order_no: str) -> bool:
    with store.db.read() as session:
        return session.scalar(select(StoreOrder.id).where(StoreOrder.order_no == order_no)) is not None


def test_nothing_changed_pays_at_once(qtbot: Any, shop: KioskUi) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    assert pay_with(qtbot, ui)
    assert not prop(ui, "cartChanges", "visible")
    tap(qtbot, ui, ui.item("paymentCancel"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=10_000)



def test_fewer_left_and_a_product_gone_back_to_the_cart_shows_them_applied(
        qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui, products=2)
    go(qtbot, ui, "cartButton", "cart")
    for _ in range(2):
        tap(qtbot, ui, ui.item("cartPlus_0"))
    qtbot.waitUntil(lambda: ui.shopper.state.lines[0].quantity == 3)
    first, second = ui.shopper.state.lines
    go(qtbot, ui, "cartCheckout", "fulfilment")
    price = first.unit_price.minor + 100
    admin_change(store, first.sku, stock=2, price_minor=price)
    admin_change(store, second.sku)  # taken out of the catalog
    pull(ui)

    tap_pay(qtbot, ui, "payAlipay")
    assert prop(ui, "cartChanges", "visible") and ui.navigator.screen == "fulfilment"
    assert prop(ui, "cartChangeName_0", "text") == first.name_zh
    assert prop(ui, "cartChangeText_0", "text") == (
        f"价格由 {yuan(first.unit_price.minor)} 调整为 {yuan(price)}\n仅剩 2 件，数量改为 2")
    assert prop(ui, "cartChangeName_1", "text") == second.name_zh
    assert prop(ui, "cartChangeText_1", "text") == "已下架，将从购物车移除"
    new_total = price * 2
    assert prop(ui, "cartChangesTotal", "text") == yuan(new_total)
    assert prop(ui, "cartChangesWas", "text") == f"原为 {yuan(first.total.minor + second.total.minor)}"
    assert ui.shopper.state.lines == [first, second]  # shown, not applied

    # back to the cart: the old stock cannot be sold any more, so the cart takes the changes and says so
    tap(qtbot, ui, ui.item("cartChangesBack"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart")
    assert not prop(ui, "cartChanges", "visible") and ui.shopper.payment.phase == ""
    assert [(line.sku, line.quantity) for line in ui.shopper.state.lines] == [(first.sku, 2)]
    assert prop(ui, "cartNoticeText", "text") == "\n".join([
        "商品价格或库存有变，您的购物车已更新：",
        f"{first.name_zh}：价格由 {yuan(first.unit_price.minor)} 调整为 {yuan(price)}；仅剩 2 件，数量改为 2",
        f"{second.name_zh}：已下架，已从购物车移除"])
    assert prop(ui, "cartTotal", "text") == yuan(new_total)
    assert not prop(ui, "cartLineProblem_0", "visible") and prop(ui, "cartCheckout", "enabled")

    # and paying now asks nothing more: the cart is what the catalog sells
    go(qtbot, ui, "cartCheckout", "fulfilment")
    assert pay_with(qtbot, ui)
    assert prop(ui, "paymentAmount", "text") == yuan(new_total)
    tap(qtbot, ui, ui.item("paymentCancel"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=10_000)


def test_nothing_left_goes_back_to_the_cart_saying_why(qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    ui.shell.setLanguage("en_US")
    fill_cart(qtbot, ui, products=2)
    first, second = ui.shopper.state.lines
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    admin_change(store, first.sku, stock=0)
    admin_change(store, second.sku)
    pull(ui)

    tap(qtbot, ui, ui.item("payWechat"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart")
    assert ui.shopper.state.lines == [] and ui.shopper.payment.phase == ""  # nothing ordered
    assert not prop(ui, "cartChanges", "visible")
    assert prop(ui, "cartNoticeText", "text") == "\n".join([
        "Nothing in your cart can be bought now, and nothing was charged:",
        f"{first.name_en}: Sold out, so it was removed from your cart",
        f"{second.name_en}: No longer sold, so it was removed from your cart"])
    assert prop(ui, "cartEmpty", "visible")


def test_buy_now_with_delivery_the_fee_follows_the_new_price(qtbot: Any, shop: KioskUi,
                                                             store: LiveStore) -> None:
    ui = shop
    go(qtbot, ui, "attractScreen", "home")
    go(qtbot, ui, "featuredCard_0", "product")
    go(qtbot, ui, "buyNow", "fulfilment")  # one tap from the product to paying
    [line] = ui.shopper.state.lines
    assert line.unit_price.minor < 9900
    tap(qtbot, ui, ui.item("deliveryOption"))
    fulfilment = ui.shopper.fulfilment
    fulfilment.setName("张伟")
    fulfilment.setPhone("13800138000")
    fulfilment.setAddress("北京市朝阳区建国路88号")
    assert prop(ui, "summaryShipping", "text") == "¥10.00"
    change_at_store(store, ui, line.sku, price_minor=10_000)  # goods now worth 99.00 or more: delivery free

    tap_pay(qtbot, ui)
    assert prop(ui, "cartChangeText_0", "text") == f"价格由 {yuan(line.unit_price.minor)} 调整为 ¥100.00"
    assert prop(ui, "cartChangesSubtotal", "text") == "¥100.00"
    assert prop(ui, "cartChangesShipping", "text") == "免费"
    assert prop(ui, "cartChangesTotal", "text") == "¥100.00"
    assert prop(ui, "cartChangesWas", "text") == f"原为 {yuan(line.unit_price.minor + 1000)}"

    tap(qtbot, ui, ui.item("cartChangesConfirm"))
    qtbot.waitUntil(lambda: ui.shopper.payment.phase == "awaiting_payment", timeout=10_000)
    order_no = str(ui.shopper.payment.orderNo)
    assert phone_action(str(ui.shopper.payment.codeUrl), "pay") == "paid"
    qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
    paid = order(ui, order_no)
    assert (paid.shipping_minor, paid.total_minor) == (0, 10_000)
    qtbot.waitUntil(lambda: stored(store, order_no), timeout=10_000)
    assert stored_lines(store, order_no) == ([(line.sku, 10_000, 1)], "")


def test_a_wipe_with_the_changes_on_screen_forgets_them(qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    [line] = ui.shopper.state.lines
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    change_at_store(store, ui, line.sku, price_minor=line.unit_price.minor + 100)
    tap_pay(qtbot, ui)
    assert prop(ui, "cartChanges", "visible")
    ui.shopper.session.wipe()  # the shopper walked away: the idle timeout
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")
    assert not ui.shopper.fulfilment.property("reviewing") and ui.shopper.fulfilment.changes.count == 0
    assert ui.shopper.state.lines == [] and ui.shopper.payment.phase == ""


def test_the_cart_says_a_price_changed_and_keeps_it_until_the_shopper_confirms(
        qtbot: Any, shop: KioskUi, store: LiveStore) -> None:
    ui = shop
    fill_cart(qtbot, ui)
    [line] = ui.shopper.state.lines
    new = line.unit_price.minor - 100
    change_at_store(store, ui, line.sku, price_minor=new)  # a price cut, pulled while shopping
    go(qtbot, ui, "cartButton", "cart")
    assert prop(ui, "cartLinePriceNote_0", "text") == f"现价 {yuan(new)}，付款时请确认新价格"
    assert prop(ui, "cartTotal", "text") == yuan(line.unit_price.minor)  # nothing changes by itself
    assert prop(ui, "cartCheckout", "enabled")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    tap_pay(qtbot, ui)
    assert prop(ui, "cartChangeText_0", "text") == f"价格由 {yuan(line.unit_price.minor)} 调整为 {yuan(new)}"
    tap(qtbot, ui, ui.item("cartChangesBack"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart")
    assert not prop(ui, "cartLinePriceNote_0", "visible")  # the cart has the new price now
    assert prop(ui, "cartTotal", "text") == yuan(new)


def test_a_long_list_of_changes_says_it_scrolls(qtbot: Any, shop_factory: Callable[..., KioskUi],
                                                store: LiveStore) -> None:
    ui = shop_factory(store, orientation="landscape")
    fill_cart(qtbot, ui, products=6)
    lines = list(ui.shopper.state.lines)
    go(qtbot, ui, "cartButton", "cart")
    go(qtbot, ui, "cartCheckout", "fulfilment")
    for line in lines:
        admin_change(store, line.sku, price_minor=line.unit_price.minor + 10)
    pull(ui)
    tap_pay(qtbot, ui)
    more = ui.item("cartChangesMore")
    assert more.isVisible() and more.property("text") == "请滑动列表查看全部变动（共 6 项）。"
    changes = ui.item("cartChangeList")
    changes.setProperty("contentY", changes.property("contentHeight") - changes.height())
    qtbot.waitUntil(lambda: more.property("text") == "以上为全部变动。")
    # every change is in the list, and the choice stays in sight beside it
    confirm = ui.item("cartChangesConfirm")
    corner = confirm.mapToScene(QPointF(confirm.width(), confirm.height()))
    assert corner.y() <= ui.window.contentItem().height() and confirm.isVisible()
    tap(qtbot, ui, confirm)
    qtbot.waitUntil(lambda: ui.shopper.payment.phase == "awaiting_payment", timeout=10_000)
    total = sum(line.total.minor + 10 * line.quantity for line in lines)
    assert prop(ui, "paymentAmount", "text") == yuan(total)
    tap(qtbot, ui, ui.item("paymentCancel"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart", timeout=10_000)
