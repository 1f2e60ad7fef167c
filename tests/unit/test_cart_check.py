"""The cart re-checked against the catalog before paying: price, stock and products taken off sale are
found and listed; the cart changes only when the checked changes are applied to the very cart checked."""

from __future__ import annotations

from sqlalchemy import delete, update

from kiosk.cart_check import Change, Current, apply, check_cart, compare
from kiosk.db.engine import Database
from kiosk.db.models import Category, Product
from kiosk.money import Money
from kiosk.session import MAX_LINE_QUANTITY, CartLine, ShopperSession


def line(product_id: int = 1, quantity: int = 1, price: int = 350, version: int = 3) -> CartLine:
    return CartLine(product_id=product_id, sku=f"D{product_id:05d}", name_zh="经典可乐",
                    name_en="Classic Cola", unit_price=Money(price), catalog_version=version,
                    quantity=quantity)


def now(product_id: int = 1, price: int = 350, stock: int = 10, version: int = 3) -> Current:
    return Current(product_id, Money(price), stock, version)


def test_a_cart_that_matches_the_catalog_has_nothing_to_confirm() -> None:
    lines = [line(1, 2), line(2, 1, price=590)]
    check = compare(lines, {1: now(1), 2: now(2, price=590, stock=1)})
    assert check.unchanged and not check.nothing_left
    assert check.after == check.before == tuple(lines)


def test_a_new_price_reprices_the_line_at_the_catalogs_version() -> None:
    check = compare([line(1, 2, price=350, version=3)], {1: now(1, price=400, version=9)})
    [change] = check.changes
    assert change.changes == (Change.PRICE,) and change.before.unit_price == Money(350)
    assert change.after == line(1, 2, price=400, version=9)
    assert check.after == (line(1, 2, price=400, version=9),)
    assert (check.subtotal_before().minor, check.subtotal_after().minor) == (700, 800)


def test_less_stock_lowers_the_quantity_and_none_left_removes_the_line() -> None:
    check = compare([line(1, 5), line(2, 3)], {1: now(1, stock=2), 2: now(2, stock=0)})
    fewer, sold_out = check.changes
    assert fewer.changes == (Change.FEWER,) and fewer.after == line(1, 2) and fewer.stock == 2
    assert sold_out.changes == (Change.SOLD_OUT,) and sold_out.removed and sold_out.stock == 0
    assert check.after == (line(1, 2),)


def test_a_product_off_sale_or_gone_leaves_the_cart() -> None:
    check = compare([line(1), line(2)], {2: now(2)})
    [gone] = check.changes
    assert gone.changes == (Change.GONE,) and gone.removed and gone.before == line(1)
    assert check.after == (line(2),)


def test_every_line_gone_leaves_nothing_to_pay_for() -> None:
    check = compare([line(1), line(2, 2)], {2: now(2, stock=0)})
    assert check.nothing_left and [c.changes for c in check.changes] == [(Change.GONE,), (Change.SOLD_OUT,)]
    assert check.subtotal_after() == Money(0)


def test_price_and_stock_both_change_on_one_line() -> None:
    check = compare([line(1, 4)], {1: now(1, price=300, stock=1, version=7)})
    [change] = check.changes
    assert change.changes == (Change.PRICE, Change.FEWER)
    assert change.after == line(1, 1, price=300, version=7)


def test_a_products_lines_share_its_stock_and_merge_at_the_new_price() -> None:
    # added before and after a price change: two lines of one product
    lines = [line(1, 2, price=350, version=3), line(1, 2, price=400, version=9)]
    check = compare(lines, {1: now(1, price=400, stock=3, version=9)})
    repriced, fewer = check.changes
    assert repriced.changes == (Change.PRICE,) and repriced.after == line(1, 2, price=400, version=9)
    assert fewer.changes == (Change.FEWER,) and fewer.after == line(1, 1, price=400, version=9)
    assert check.after == (line(1, 3, price=400, version=9),)  # one line, within the stock


def test_stock_beyond_the_per_line_cap_is_no_change() -> None:
    check = compare([line(1, MAX_LINE_QUANTITY)], {1: now(1, stock=10_000)})
    assert check.unchanged


def test_apply_changes_only_the_cart_that_was_checked() -> None:
    session = ShopperSession()
    session.add(line(1, 2), stock=10)
    session.add(line(2, 1), stock=10)
    told: list[int] = []
    session.on_change(lambda: told.append(session.item_count))
    check = compare(session.lines, {1: now(1, price=400, version=9)})
    assert session.lines == [line(1, 2), line(2, 1)]  # looking changes nothing
    assert apply(session, check)
    assert session.lines == [line(1, 2, price=400, version=9)] and told == [2]

    stale = compare([line(1, 5)], {1: now(1, stock=1)})
    assert not apply(session, stale)  # made for another cart: refused, nothing changes
    assert session.lines == [line(1, 2, price=400, version=9)] and told == [2]
    assert apply(session, compare(session.lines, {1: now(1, price=400, version=9)}))  # no change: no-op
    assert told == [2]


def test_check_cart_reads_the_catalog_in_the_database(db: Database) -> None:
    with db.write() as session:
        drinks = Category(code="drinks", name_zh="饮料", name_en="Drinks")
        session.add_all([drinks] + [
            Product(id=i, sku=f"D{i:05d}", category=drinks, name_zh="经典可乐", name_en="Classic Cola",
                    price_minor=350, stock=5, catalog_version=3) for i in (1, 2, 3, 4)])
    lines = [line(1, 2), line(2, 3), line(3, 1), line(4, 1)]
    assert check_cart(db, lines).unchanged

    # as a catalog pull would leave it: a new price, fewer left, one taken off sale, one deleted
    with db.write() as session:
        session.execute(update(Product).where(Product.id == 1).values(price_minor=400, catalog_version=12))
        session.execute(update(Product).where(Product.id == 2).values(stock=2, catalog_version=12))
        session.execute(update(Product).where(Product.id == 3).values(active=False, catalog_version=12))
        session.execute(delete(Product).where(Product.id == 4))
    check = check_cart(db, lines)
    assert [(c.before.product_id, c.changes) for c in check.changes] == [
        (1, (Change.PRICE,)), (2, (Change.FEWER,)), (3, (Change.GONE,)), (4, (Change.GONE,))]
    assert check.after == (line(1, 2, price=400, version=12), line(2, 2))
    assert check_cart(db, []).unchanged
