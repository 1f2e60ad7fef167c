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
