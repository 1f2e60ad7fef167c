"""The shopper session: cart lines snapshot the price, stay within stock, and wipe() forgets it all."""

from __future__ import annotations

from kiosk.money import Money
from kiosk.session import MAX_LINE_QUANTITY, CartLine, ShopperSession


def line(product_id: int = 1, quantity: int = 1, price: int = 1590) -> CartLine:
    return CartLine(product_id=product_id, sku=f"S{product_id}", name_zh="可乐", name_en="Cola",
                    unit_price=Money(price), catalog_version=3, quantity=quantity)


def test_add_merges_same_product_and_price_and_is_bounded_by_stock() -> None:
    session = ShopperSession()
    assert session.add(line(quantity=2), stock=5) == 2
    assert session.add(line(quantity=9), stock=5) == 3  # only what is left
    assert session.add(line(), stock=5) == 0
    assert len(session.lines) == 1 and session.item_count == 5
    assert session.total() == Money(5 * 1590)


def test_a_new_price_is_a_new_line_and_quantities_are_capped() -> None:
    session = ShopperSession()
    session.add(line(quantity=1), stock=500)
    session.add(line(quantity=1, price=1490), stock=500)
    assert [(entry.unit_price.minor, entry.quantity) for entry in session.lines] == [(1590, 1), (1490, 1)]
    assert session.add(line(quantity=500), stock=500) == MAX_LINE_QUANTITY - 2


def test_wipe_forgets_cart_search_and_forms_and_tells_listeners() -> None:
    session = ShopperSession()
    calls: list[int] = []
    session.on_change(lambda: calls.append(session.item_count))
    session.add(line(), stock=3)
    session.search_text = "kele"
    session.form_fields["phone"] = "13800001234"
    session.wipe()
    assert session.lines == [] and session.search_text == "" and session.form_fields == {}
    assert calls == [1, 0]


def test_set_quantity_stays_between_one_and_what_stock_and_the_cap_allow() -> None:
    session = ShopperSession()
    calls: list[int] = []
    session.add(line(quantity=2), stock=5)
    session.on_change(lambda: calls.append(session.item_count))
    assert session.set_quantity(1, 4, stock=5) == 4
    assert session.set_quantity(1, 9, stock=5) == 5  # never above stock
    assert session.set_quantity(1, 0, stock=5) == 1  # never below one: removing is its own action
    assert session.set_quantity(1, 500, stock=500) == MAX_LINE_QUANTITY
    assert session.set_quantity(1, MAX_LINE_QUANTITY, stock=500) == MAX_LINE_QUANTITY  # no change, no call
    assert session.set_quantity(2, 3, stock=5) == 0  # not in the cart
    assert calls == [4, 5, 1, MAX_LINE_QUANTITY]


def test_set_quantity_counts_the_products_other_lines() -> None:
    session = ShopperSession()
    session.add(line(quantity=2), stock=6)
    session.add(line(quantity=1, price=1490), stock=6)
    assert session.set_quantity(1, 9, stock=6, unit_price=Money(1490)) == 4  # 2 on the other line
    assert [entry.quantity for entry in session.lines] == [2, 4]
    assert session.item_count == 6


def test_remove_takes_the_product_out_and_clear_cart_keeps_the_forms() -> None:
    session = ShopperSession()
    session.add(line(1), stock=5)
    session.add(line(1, price=1490), stock=5)
    session.add(line(2), stock=5)
    assert session.remove(1, unit_price=Money(1490))
    assert [(entry.product_id, entry.unit_price.minor) for entry in session.lines] == [(1, 1590), (2, 1590)]
    assert session.remove(1) and not session.remove(1)
    assert [entry.product_id for entry in session.lines] == [2]
    session.form_fields["phone"] = "13800001234"
    calls: list[int] = []
    session.on_change(lambda: calls.append(session.item_count))
    session.clear_cart()
    session.clear_cart()  # already empty: nothing to tell
    assert session.lines == [] and session.form_fields == {"phone": "13800001234"} and calls == [0]
