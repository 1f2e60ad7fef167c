"""The shopper session: what one shopper has told the kiosk, and nothing that outlives them.

Cart lines snapshot the price and catalog version when added, so a later catalog change never alters
a cart silently. `wipe()` forgets everything at once (idle timeout, finished order): the cart, the
search text and any form fields; the UI resets the language and accessibility modes beside it.

The session also has an anonymous id for the funnel report (kiosk.session_events): made at the first
step the shopper reaches (the first touch after the attract screen), forgotten by `wipe()`, so the next
shopper is a new session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from kiosk.money import Money
from kiosk.session_events import SESSION, Recorder, new_session_id

MAX_LINE_QUANTITY = 99  # per cart line: no shopper buys more at a kiosk; a typo guard


@dataclass(frozen=True)
class CartLine:
    product_id: int
    sku: str
    name_zh: str
    name_en: str
    unit_price: Money  # as shown when added
    catalog_version: int
    quantity: int

    @property
    def total(self) -> Money:
        return self.unit_price * self.quantity


@dataclass
class ShopperSession:
    lines: list[CartLine] = field(default_factory=list)
    search_text: str = ""
    form_fields: dict[str, str] = field(default_factory=dict)
    _listeners: list[Callable[[], None]] = field(default_factory=list, repr=False)
    # the funnel: this visit's anonymous id ("" until the first step) and where its steps go
    session_id: str = ""
    recorder: Recorder | None = field(default=None, repr=False)
    _steps: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def step(self, kind: str, subject: str = "") -> None:
        """The shopper reached a funnel step (kiosk.session_events); the first step starts the session.
        Each step (with its subject) is recorded once per session."""
        if not self.session_id:
            self.session_id = new_session_id()
            self._record(SESSION, "")
        if kind != SESSION:
            self._record(kind, subject)

    def only_started(self) -> bool:
        """A session that reached no step beyond its start (e.g. taps on the attract screen)."""
        return bool(self.session_id) and self._steps <= {(SESSION, "")}

    def _record(self, kind: str, subject: str) -> None:
        if (kind, subject) in self._steps:
            return
        self._steps.add((kind, subject))
        if self.recorder is not None:
            self.recorder(self.session_id, kind, subject)

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    def quantity_of(self, product_id: int) -> int:
        return sum(line.quantity for line in self.lines if line.product_id == product_id)

    def add(self, line: CartLine, stock: int) -> int:
        """Add `line.quantity` of a product, never beyond `stock`; returns how many were added.

        The same product at the same snapshot price merges into one line.
        """
        room = min(stock, MAX_LINE_QUANTITY) - self.quantity_of(line.product_id)
        quantity = max(0, min(line.quantity, room))
        if quantity == 0:
            return 0
        for i, existing in enumerate(self.lines):
            if existing.product_id == line.product_id and existing.unit_price == line.unit_price:
                self.lines[i] = replace(existing, quantity=existing.quantity + quantity)
                break
        else:
            self.lines.append(replace(line, quantity=quantity))
        self._changed()
        return quantity

    def set_quantity(self, product_id: int, quantity: int, stock: int,
                     unit_price: Money | None = None) -> int:
        """Set a line's quantity within 1 … what stock (and the per-line cap) leaves beside the product's
        other lines; returns the quantity now on the line (0: no such line).

        A product whose price changed between two adds has two lines: `unit_price` picks one of them.
        """
        i = next((i for i, line in enumerate(self.lines)
                  if line.product_id == product_id and unit_price in (None, line.unit_price)), None)
        if i is None:
            return 0
        existing = self.lines[i]
        others = self.quantity_of(product_id) - existing.quantity
        room = min(stock, MAX_LINE_QUANTITY) - others
        wanted = max(1, min(quantity, room))
        if wanted != existing.quantity:
            self.lines[i] = replace(existing, quantity=wanted)
            self._changed()
        return wanted

    def remove(self, product_id: int, unit_price: Money | None = None) -> bool:
        """Take a product's lines (or only the one at `unit_price`) out of the cart."""
        kept = [line for line in self.lines
                if not (line.product_id == product_id and unit_price in (None, line.unit_price))]
        if len(kept) == len(self.lines):
            return False
        self.lines[:] = kept
        self._changed()
        return True

    def replace_lines(self, lines: Sequence[CartLine]) -> None:
        """The whole cart at once (the shopper confirmed the catalog's new prices and stock:
        kiosk.cart_check)."""
        if list(lines) != self.lines:
            self.lines[:] = list(lines)
            self._changed()

    def clear_cart(self) -> None:
        """Empty the cart but keep the rest (a paid order: the receipt screen still shows its details)."""
        if self.lines:
            self.lines.clear()
            self._changed()

    def total(self, currency: str = "CNY") -> Money:
        return Money.total((line.total for line in self.lines), currency)

    def wipe(self) -> None:
        self.session_id = ""  # the next touch is another shopper's session
        self._steps.clear()
        self.lines.clear()
        self.search_text = ""
        self.form_fields.clear()
        self._changed()
