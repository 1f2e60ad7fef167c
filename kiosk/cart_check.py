"""The cart, checked against the catalog as it is now, the moment before the shopper pays.

Cart lines keep the price and catalog version they were added at (`kiosk.session`). The catalog moves
on under them: a pull from the store reprices a product, lowers its stock or takes it off sale, and a
paid order on this kiosk takes stock. `check_cart` compares the cart with the catalog and returns a
`CartCheck`: each line that would change, and the cart as it would be afterwards. Nothing here changes
a cart by itself: `apply` brings it in line only once the shopper has been shown the changes, and only
if the cart is still the one that was checked.

Afterwards every line carries the catalog's price and version (a repriced line takes the product's
current version, so the store's price audit reads it as priced at that version), quantities fit the
stock, and a product has one line: lines of one product at two prices merge once both have the new one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.money import Money
from kiosk.session import MAX_LINE_QUANTITY, CartLine, ShopperSession

if TYPE_CHECKING:
    from kiosk.db.engine import Database


class Change(StrEnum):
    PRICE = "price"  # the catalog's unit price is not the cart's
    FEWER = "fewer"  # less stock than the cart holds: the quantity goes down to it
    SOLD_OUT = "sold_out"  # on sale, none left: the line goes
    GONE = "gone"  # taken off sale or out of the catalog: the line goes


@dataclass(frozen=True)
class Current:
    """A product on sale, as the catalog has it now."""

    product_id: int
    price: Money
    stock: int
    catalog_version: int


@dataclass(frozen=True)
class LineChange:
    before: CartLine
    after: CartLine | None  # None: the line leaves the cart
    changes: tuple[Change, ...]
    stock: int  # what is left of the product (0 when it is gone)

    @property
    def removed(self) -> bool:
        return self.after is None


@dataclass(frozen=True)
class CartCheck:
    before: tuple[CartLine, ...]  # the cart as checked
    after: tuple[CartLine, ...]  # the cart once the changes are applied
    changes: tuple[LineChange, ...]

    @property
    def unchanged(self) -> bool:
        return not self.changes

    @property
    def nothing_left(self) -> bool:
        """Every line would go: there is nothing to pay for."""
        return not self.after

    def subtotal_before(self, currency: str = "CNY") -> Money:
        return Money.total((line.total for line in self.before), currency)

    def subtotal_after(self, currency: str = "CNY") -> Money:
        return Money.total((line.total for line in self.after), currency)


def read_current(db: Database, product_ids: Sequence[int]) -> dict[int, Current]:
    """Price, stock and version of these products, those still on sale only (a few primary-key reads)."""
    # SQLAlchemy is loaded when a shopper first pays, not with the first frame
    from sqlalchemy import select

    from kiosk.db.models import Product

    ids = sorted(set(product_ids))
    if not ids:
        return {}
    with db.read() as session:
        rows = session.execute(
            select(Product.id, Product.price_minor, Product.currency, Product.stock, Product.catalog_version)
            .where(Product.id.in_(ids), Product.active.is_(True))).all()
    return {pid: Current(pid, Money(price, currency), stock, version)
            for pid, price, currency, stock, version in rows}


def compare(lines: Sequence[CartLine], current: Mapping[int, Current]) -> CartCheck:
    """What the cart would become at the catalog's `current` prices and stock (no I/O)."""
    left = {pid: min(max(product.stock, 0), MAX_LINE_QUANTITY) for pid, product in current.items()}
    changes: list[LineChange] = []
    kept: list[CartLine] = []
    for line in lines:
        product = current.get(line.product_id)
        if product is None:
            changes.append(LineChange(line, None, (Change.GONE,), 0))
            continue
        found: list[Change] = []
        new = line
        if line.unit_price != product.price:
            found.append(Change.PRICE)
            new = replace(new, unit_price=product.price, catalog_version=product.catalog_version)
        # stock is shared by the product's lines, taken in cart order
        quantity = min(line.quantity, left[line.product_id])
        left[line.product_id] -= quantity
        if quantity < line.quantity:
            found.append(Change.SOLD_OUT if product.stock <= 0 else Change.FEWER)
            new = replace(new, quantity=quantity)
        after = new if new.quantity > 0 else None
        if found:
            changes.append(LineChange(line, after, tuple(found), max(product.stock, 0)))
        if after is not None:
            kept.append(after)
    return CartCheck(tuple(lines), tuple(_merged(kept)), tuple(changes))


def _merged(lines: list[CartLine]) -> list[CartLine]:
    """One line per product and price, where the first of them stood."""
    out: list[CartLine] = []
    for line in lines:
        for i, existing in enumerate(out):
            if existing.product_id == line.product_id and existing.unit_price == line.unit_price:
                out[i] = replace(existing, quantity=existing.quantity + line.quantity,
                                 catalog_version=max(existing.catalog_version, line.catalog_version))
                break
        else:
            out.append(line)
    return out


def check_cart(db: Database, lines: Sequence[CartLine]) -> CartCheck:
    return compare(lines, read_current(db, [line.product_id for line in lines]))


def apply(session: ShopperSession, check: CartCheck) -> bool:
    """Make the cart what the shopper was shown; refused (False) if the cart is no longer the one that was
    checked (a wipe, another tap), so a change is never applied to a cart it was not made for."""
    if tuple(session.lines) != check.before:
        return False
    if not check.unchanged:
        session.replace_lines(check.after)
    return True
