"""The cart screen by touch: quantity steppers within stock and 99, removal, the empty state, the total."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from kiosk.db.models import Product
from kiosk.money import Money, format_money
from kiosk.session import MAX_LINE_QUANTITY
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap

pytestmark = pytest.mark.gui


def products(ui: KioskUi, count: int) -> list[tuple[int, str, str, int]]:
    """(id, zh name, en name, price) of in-stock products, cheapest first (a total stays under 99.00)."""
    assert ui.services is not None
    with ui.services.db.read() as s:
        rows = s.execute(select(Product.id, Product.name_zh, Product.name_en, Product.price_minor)
                         .where(Product.active, Product.stock >= 10)
                         .order_by(Product.price_minor, Product.id).limit(count)).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def set_stock(ui: KioskUi, product_id: int, stock: int) -> None:
    assert ui.services is not None
    with ui.services.db.write() as s:
        product = s.get(Product, product_id)
        assert product is not None
        product.stock = stock


def add(qtbot: Any, ui: KioskUi, product_id: int) -> None:
    before = ui.shopper.state.item_count
    ui.shopper.catalog.openProduct(product_id)
    qtbot.waitUntil(lambda: ui.navigator.screen == "product" and ui.shopper.product.productId == product_id)
    tap(qtbot, ui, ui.item("addToCart"))
    qtbot.waitUntil(lambda: ui.shopper.state.item_count == before + 1)


def open_cart(qtbot: Any, ui: KioskUi) -> None:
    tap(qtbot, ui, ui.item("cartButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart")


def text(ui: KioskUi, name: str) -> str:
    return str(prop(ui, name, "text"))


def yuan(minor: int) -> str:
    return format_money(Money(minor), "zh_CN")


@pytest.fixture
def shopping(qtbot: Any, kiosk_ui: KioskUi) -> KioskUi:
    tap(qtbot, kiosk_ui, kiosk_ui.item("attractScreen"))
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "home")
    return kiosk_ui


def test_lines_show_name_price_quantity_and_the_total(qtbot: Any, shopping: KioskUi) -> None:
    ui = shopping
    (a, a_zh, a_en, a_price), (b, _b_zh, _b_en, b_price) = products(ui, 2)
    add(qtbot, ui, a)
    add(qtbot, ui, b)
    open_cart(qtbot, ui)
    qtbot.waitUntil(lambda: prop(ui, "cartLineName_1", "text") is not None)
    assert text(ui, "cartLineName_0") == a_zh
    assert text(ui, "cartLinePrice_0") == f"单价 {yuan(a_price)}"
    assert text(ui, "cartQuantity_0") == "1"
    assert text(ui, "cartTotal") == yuan(a_price + b_price)
    assert text(ui, "cartItemCount") == "合计（2 件）"
    assert not prop(ui, "cartMinus_0", "enabled")  # never below one

    tap(qtbot, ui, ui.item("cartPlus_0"))
    qtbot.waitUntil(lambda: text(ui, "cartQuantity_0") == "2")
    assert text(ui, "cartLineTotal_0") == yuan(2 * a_price)
    assert text(ui, "cartTotal") == yuan(2 * a_price + b_price)
    assert prop(ui, "cartBadgeText", "text") == "3"
    tap(qtbot, ui, ui.item("cartMinus_0"))
    qtbot.waitUntil(lambda: text(ui, "cartQuantity_0") == "1")
    tap(qtbot, ui, ui.item("cartMinus_0"))  # disabled at one: nothing happens
    assert ui.shopper.state.lines[0].quantity == 1

    # the shopper's language, live
    tap(qtbot, ui, ui.item("languageSwitch"))
    qtbot.waitUntil(lambda: text(ui, "cartLineName_0") == a_en)
    assert text(ui, "cartTotal") == format_money(Money(a_price + b_price), "en_US")
    assert text(ui, "cartItemCount") == "Total (2 items)"
    for name in ("cartMinus_0", "cartPlus_0", "cartRemove_0", "cartCheckout", "backButton", "cartButton"):
        item = ui.item(name)
        assert item.width() >= 64 and item.height() >= 64, name


def test_plus_stops_at_the_stock_and_a_stock_drop_holds_the_checkout(qtbot: Any, shopping: KioskUi) -> None:
    ui = shopping
    a = one_in_the_cart(qtbot, ui, 3)
    for expected in ("2", "3"):
        tap(qtbot, ui, ui.item("cartPlus_0"))
        qtbot.waitUntil(lambda e=expected: text(ui, "cartQuantity_0") == e)
    assert prop(ui, "cartPlus_0", "dimmed")
    tap(qtbot, ui, ui.item("cartPlus_0"))
    assert ui.shopper.state.lines[0].quantity == 3

    # sold meanwhile: the cart says so when it opens again and waits for the shopper to fix it
    set_stock(ui, a, 2)
    tap(qtbot, ui, ui.item("homeButton"))
    open_cart(qtbot, ui)
    qtbot.waitUntil(lambda: bool(prop(ui, "cartLineProblem_0", "visible")))
    assert text(ui, "cartLineProblem_0") == "仅剩 2 件，请减少数量"
    assert not prop(ui, "cartCheckout", "enabled")
    tap(qtbot, ui, ui.item("cartMinus_0"))
    qtbot.waitUntil(lambda: not prop(ui, "cartLineProblem_0", "visible"))
    assert text(ui, "cartQuantity_0") == "2" and prop(ui, "cartCheckout", "enabled")

    set_stock(ui, a, 0)
    tap(qtbot, ui, ui.item("homeButton"))
    open_cart(qtbot, ui)
    qtbot.waitUntil(lambda: text(ui, "cartLineProblem_0") == "该商品已无货，请移除")
    assert not prop(ui, "cartCheckout", "enabled")


def one_in_the_cart(qtbot: Any, ui: KioskUi, stock: int) -> int:
    """One of a product with `stock` in store in the cart, the cart on screen; returns the product."""
    [(a, *_)] = products(ui, 1)
    set_stock(ui, a, stock)
    add(qtbot, ui, a)
    open_cart(qtbot, ui)
    return a


def a_line_of(qtbot: Any, ui: KioskUi, quantity: int) -> None:
    """One product in plenty, `quantity` of it in the cart, the cart on screen."""
    a = one_in_the_cart(qtbot, ui, 500)
    line = ui.shopper.state.lines[0]
    ui.shopper.state.set_quantity(a, quantity, 500, unit_price=line.unit_price)
    qtbot.waitUntil(lambda: text(ui, "cartQuantity_0") == str(quantity))


def test_never_more_than_99_of_a_line(qtbot: Any, shopping: KioskUi) -> None:
    ui = shopping
    a_line_of(qtbot, ui, MAX_LINE_QUANTITY - 1)
    tap(qtbot, ui, ui.item("cartPlus_0"))
    qtbot.waitUntil(lambda: text(ui, "cartQuantity_0") == str(MAX_LINE_QUANTITY))
    assert prop(ui, "cartPlus_0", "dimmed")


def test_remove_down_to_the_empty_cart_and_back_to_shopping(qtbot: Any, shopping: KioskUi) -> None:
    ui = shopping
    (a, *_), (b, b_zh, _b_en, b_price) = products(ui, 2)
    add(qtbot, ui, a)
    add(qtbot, ui, b)
    open_cart(qtbot, ui)
    qtbot.waitUntil(lambda: prop(ui, "cartRemove_0", "visible") is not None)
    tap(qtbot, ui, ui.item("cartRemove_0"))
    qtbot.waitUntil(lambda: ui.shopper.state.item_count == 1)
    qtbot.waitUntil(lambda: text(ui, "cartLineName_0") == b_zh)
    assert text(ui, "cartTotal") == yuan(b_price)
    tap(qtbot, ui, ui.item("cartRemove_0"))
    qtbot.waitUntil(lambda: bool(prop(ui, "cartEmpty", "visible")))
    assert text(ui, "cartEmptyText") == "购物车是空的"
    assert not prop(ui, "cartLines", "visible") and not prop(ui, "cartBadge", "visible")
    tap(qtbot, ui, ui.item("cartStartShopping"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")


def test_the_empty_cart_from_the_toolbar_and_checkout_goes_to_fulfilment(qtbot: Any,
                                                                          shopping: KioskUi) -> None:
    ui = shopping
    open_cart(qtbot, ui)
    assert prop(ui, "cartEmpty", "visible") and not prop(ui, "cartCheckout", "visible")
    [(a, *_)] = products(ui, 1)
    add(qtbot, ui, a)
    open_cart(qtbot, ui)
    tap(qtbot, ui, ui.item("cartCheckout"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "fulfilment")
    assert prop(ui, "pickupOption", "selected")  # pickup is the default
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart")


def test_plus_at_the_stock_limit_says_why(qtbot: Any, shopping: KioskUi) -> None:
    ui = shopping
    one_in_the_cart(qtbot, ui, 2)
    tap(qtbot, ui, ui.item("cartPlus_0"))
    qtbot.waitUntil(lambda: text(ui, "cartQuantity_0") == "2")
    assert prop(ui, "toast", "visible") is False
    assert prop(ui, "cartPlus_0", "dimmed")  # looks spent, but still answers a tap
    tap(qtbot, ui, ui.item("cartPlus_0"))
    qtbot.waitUntil(lambda: bool(prop(ui, "toast", "visible")))
    assert text(ui, "toastText") == "库存仅剩 2 件"
    assert ui.shopper.state.lines[0].quantity == 2

    tap(qtbot, ui, ui.item("languageSwitch"))
    tap(qtbot, ui, ui.item("cartPlus_0"))
    qtbot.waitUntil(lambda: text(ui, "toastText") == "Only 2 in stock")


def test_plus_at_99_says_it_is_the_most_per_line(qtbot: Any, shopping: KioskUi) -> None:
    ui = shopping
    a_line_of(qtbot, ui, MAX_LINE_QUANTITY)
    tap(qtbot, ui, ui.item("cartPlus_0"))
    qtbot.waitUntil(lambda: bool(prop(ui, "toast", "visible")))
    assert text(ui, "toastText") == f"每件商品最多 {MAX_LINE_QUANTITY} 件"
