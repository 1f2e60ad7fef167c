"""The cart screen: lines in the shopper's language, quantity steppers bounded by stock, the total.

Stock is read again each time the cart opens (the store may have sold some since the product was
added): a line that no longer fits what is left says so and holds the checkout until it is fixed. A
line whose price has changed since keeps the price it was added at and says what it costs now: the
shopper confirms the new price when they pay (see viewmodels/fulfilment.py), never before or silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk import display_text
from kiosk.money import Money, format_money
from kiosk.session import MAX_LINE_QUANTITY, CartLine, ShopperSession
from kiosk.ui.navigator import Navigator
from kiosk.ui.viewmodels import queries
from kiosk.ui.viewmodels.catalog_text import image_url, pick
from kiosk.ui.viewmodels.rows import RowsModel

if TYPE_CHECKING:
    from kiosk.db.engine import Database

log = logging.getLogger(__name__)

LINE_ROLES = ("productId", "name", "unitPrice", "quantity", "lineTotal", "image", "canIncrease",
              "canDecrease", "problem", "priceNote")


@dataclass(frozen=True)
class _Row:
    line: CartLine
    room: int  # the most this line may hold: stock (and the cap) less the product's other lines
    image: str
    data_root: Path | None
    price_now: Money | None = None  # the catalog's price when the cart opened (None: not read)


def _present(row: _Row, language: str) -> dict[str, Any]:
    line = row.line
    if row.room <= 0:
        problem = QCoreApplication.translate("CartScreen", "No longer available: please remove it")
    elif line.quantity > row.room:
        problem = QCoreApplication.translate("CartScreen", "Only %n left: please lower the quantity", "",
                                             row.room)
    else:
        problem = ""
    note = ""
    if row.price_now is not None and row.price_now != line.unit_price and row.room > 0:
        note = QCoreApplication.translate(
            "CartScreen", "Now %1: you confirm the new price when you pay").replace(
            "%1", format_money(row.price_now, language))
    return {
        "productId": line.product_id,
        "name": display_text.shown(pick(line.name_zh, line.name_en, language), display_text.NAME),
        "unitPrice": format_money(line.unit_price, language),
        "quantity": line.quantity,
        "lineTotal": format_money(line.total, language),
        "image": image_url(row.image, row.data_root),
        "canIncrease": line.quantity < row.room,
        "canDecrease": line.quantity > 1,
        "problem": problem,
        "priceNote": note,
    }


class CartViewModel(QObject):
    changed = Signal()
    noticeChanged = Signal()

    def __init__(self, session: ShopperSession, navigator: Navigator, currency: str = "CNY",
                 toast: Callable[[str], None] = lambda _text: None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._navigator = navigator
        self._toast = toast
        self._currency = currency
        self._language = "zh_CN"
        self._db: Database | None = None
        self._data_root: Path | None = None
        self._stock: dict[int, int] = {}
        self._images: dict[int, str] = {}
        self._prices: dict[int, Money] = {}
        self._notice = ""
        self._lines = RowsModel(LINE_ROLES, _present, self)
        session.on_change(self._on_cart_changed)

    def attach(self, db: Database, data_root: Path) -> None:
        self._db, self._data_root = db, data_root

    def set_language(self, language: str) -> None:
        self._language = language
        self._lines.set_language(language)
        self.changed.emit()

    def _on_cart_changed(self) -> None:
        self._rebuild()

    def refresh_stock(self) -> None:
        """Read what is left of each product in the cart (a few primary-key reads)."""
        ids = sorted({line.product_id for line in self._session.lines})
        if self._db is None or not ids:
            return
        cards = {card.id: card for card in queries.cards(self._db, ids)}  # inactive ones are missing
        self._stock = {i: cards[i].stock if i in cards else 0 for i in ids}
        self._images = {i: cards[i].image for i in ids if i in cards}
        self._prices = {i: Money(cards[i].price_minor, cards[i].currency) for i in ids if i in cards}
        self._rebuild()

    def _stock_of(self, product_id: int) -> int:
        # not read yet (no database): trust the cart, it was bounded by stock when filled
        return self._stock.get(product_id, MAX_LINE_QUANTITY)

    def _room(self, line: CartLine) -> int:
        others = self._session.quantity_of(line.product_id) - line.quantity
        return min(self._stock_of(line.product_id), MAX_LINE_QUANTITY) - others

    def _rebuild(self) -> None:
        rows = [_Row(line, self._room(line), self._images.get(line.product_id, ""), self._data_root,
                     self._prices.get(line.product_id)) for line in self._session.lines]
        self._lines.update_rows(rows)
        self.changed.emit()

    def _line(self, row: int) -> CartLine | None:
        lines = self._session.lines
        return lines[row] if 0 <= row < len(lines) else None

    # --- bound by QML ---------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def lines(self) -> RowsModel:
        return self._lines

    @Property(int, notify=changed)
    def itemCount(self) -> int:
        return self._session.item_count

    @Property(bool, notify=changed)
    def empty(self) -> bool:
        return not self._session.lines

    @Property(str, notify=changed)
    def totalText(self) -> str:
        return format_money(self._session.total(self._currency), self._language)

    @Property(bool, notify=changed)
    def problems(self) -> bool:
        return any(line.quantity > self._room(line) for line in self._session.lines)

    @Property(bool, notify=changed)
    def canCheckout(self) -> bool:
        return bool(self._session.lines) and not self.problems

    @Property(str, notify=noticeChanged)
    def notice(self) -> str:
        """Why the shopper is back here (the payment was cancelled, timed out, or could not start)."""
        return self._notice

    def set_notice(self, text: str) -> None:
        if text != self._notice:
            self._notice = text
            self.noticeChanged.emit()

    @Slot()
    def open(self) -> None:
        self.refresh_stock()
        self.set_notice("")
        self._navigator.push("cart")

    def show_with_notice(self, text: str) -> None:
        """Back to the cart with a word on why: a payment that did not happen (the cart is as it was), or
        the catalog's changes the shopper was shown at checkout, now in the cart."""
        self.refresh_stock()
        self._navigator.push("cart")
        self.set_notice(text)

    @Slot(int)
    def increase(self, row: int) -> None:
        self._step(row, +1)

    @Slot(int)
    def decrease(self, row: int) -> None:
        self._step(row, -1)

    def _step(self, row: int, delta: int) -> None:
        line = self._line(row)
        if line is None:
            return
        self.set_notice("")
        if delta > 0 and line.quantity >= self._room(line):
            self._toast(self._why_no_more(line))
            return
        self._session.set_quantity(line.product_id, line.quantity + delta, self._stock_of(line.product_id),
                                   unit_price=line.unit_price)

    def _why_no_more(self, line: CartLine) -> str:
        """The "+" is spent: say whether the stock or the per-line cap stopped it."""
        stock = self._stock_of(line.product_id)
        if stock < MAX_LINE_QUANTITY:
            return QCoreApplication.translate("CartScreen", "Only %n in stock", "", stock)
        return QCoreApplication.translate("CartScreen", "At most %n of one product", "", MAX_LINE_QUANTITY)

    @Slot(int)
    def remove(self, row: int) -> None:
        line = self._line(row)
        if line is not None:
            self.set_notice("")
            self._session.remove(line.product_id, unit_price=line.unit_price)

    @Slot()
    def checkout(self) -> None:
        if self.canCheckout:
            self.set_notice("")
            self._navigator.push("fulfilment")

    @Slot()
    def keepShopping(self) -> None:
        self._navigator.home()
