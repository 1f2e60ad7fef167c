"""Pickup in store or home delivery: the delivery form, its messages, the fee, and the way to pay.

The form lives in the shopper session (`form_fields`), so a wipe forgets it with the cart. Messages
appear once the shopper tries to pay and then follow every keystroke until the field is right.

Paying starts with the cart re-checked against the catalog (`kiosk.cart_check`): prices, stock and
products taken off sale may have changed since the goods went into the cart. A change is never applied
silently: the shopper sees each one with the new total and either confirms and pays, or goes back to
the cart, which then shows the changes made (the old price and the missing stock cannot be sold any
more). A cart with nothing left goes back to the cart at once, saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk import display_text
from kiosk.cart_check import CartCheck, Change, LineChange, apply, check_cart
from kiosk.contact_rules import (
    ADDRESS_MAX,
    ADDRESS_MIN,
    NAME_MAX,
    Problem,
    check_address,
    check_name,
    check_phone,
    clean,
    phone_digits,
)
from kiosk.money import Money, format_money
from kiosk.session import ShopperSession
from kiosk.ui.viewmodels.catalog_text import pick
from kiosk.ui.viewmodels.rows import RowsModel

if TYPE_CHECKING:
    from kiosk.db.engine import Database
    from kiosk.orders import Contact  # with SQLAlchemy: loaded when the first shopper pays

FIELDS = ("name", "phone", "address")
MODE_KEY = "fulfilment"
PICKUP, DELIVERY = "pickup", "delivery"  # kiosk.db.models.Fulfilment values

# (pickup | delivery, contact, shipping in minor units, payment method) → the payment starts
StartPayment = Callable[[str, "Contact", int, str], None]
# the cart screen, with a notice that says why the shopper is there
BackToCart = Callable[[str], None]

CHANGE_ROLES = ("name", "detail")


def field_message(field: str, problem: Problem) -> str:
    """The sentence for a problem, in the current language (literal strings, for lupdate)."""
    if problem is Problem.NONE:
        return ""
    if problem is Problem.REQUIRED:
        if field == "name":
            return QCoreApplication.translate("FulfilmentScreen", "Please enter the receiver's name")
        if field == "phone":
            return QCoreApplication.translate("FulfilmentScreen", "Please enter a mobile number")
        return QCoreApplication.translate("FulfilmentScreen", "Please enter the delivery address")
    if problem is Problem.PHONE:
        return QCoreApplication.translate(
            "FulfilmentScreen", "Enter an 11-digit mobile number starting with 1, e.g. 13800138000")
    if problem is Problem.TOO_SHORT:
        text = QCoreApplication.translate(
            "FulfilmentScreen", "Please enter the full address: at least %1 characters")
        return text.replace("%1", str(ADDRESS_MIN))
    if problem is Problem.TOO_LONG:
        limit = NAME_MAX if field == "name" else ADDRESS_MAX
        text = QCoreApplication.translate("FulfilmentScreen", "Too long: at most %1 characters")
        return text.replace("%1", str(limit))
    if field == "name":
        return QCoreApplication.translate(
            "FulfilmentScreen", "Please use letters only: no emoji, digits or symbols")
    return QCoreApplication.translate("FulfilmentScreen", "Please remove emoji and special symbols")


_CHECKS = {"name": check_name, "phone": check_phone, "address": check_address}


def _line_name(change: LineChange, language: str) -> str:
    line = change.before
    return display_text.shown(pick(line.name_zh, line.name_en, language), display_text.NAME)


def _sentences(change: LineChange, language: str, done: bool) -> list[str]:
    """What changes on one cart line, in plain words: `done` once it has been applied to the cart."""
    said: list[str] = []
    for kind in change.changes:
        if kind is Change.PRICE and change.after is not None:
            text = QCoreApplication.translate("FulfilmentScreen", "Price changed from %1 to %2")
            said.append(text.replace("%1", format_money(change.before.unit_price, language))
                        .replace("%2", format_money(change.after.unit_price, language)))
        elif kind is Change.FEWER and change.after is not None:
            said.append(QCoreApplication.translate(
                "FulfilmentScreen", "Only %n left, so the quantity is now %n", "", change.stock))
        elif kind is Change.FEWER and done:  # the product's other line holds what is left
            said.append(QCoreApplication.translate(
                "FulfilmentScreen", "Only %n left, so this line was removed", "", change.stock))
        elif kind is Change.FEWER:
            said.append(QCoreApplication.translate(
                "FulfilmentScreen", "Only %n left, so this line will be removed", "", change.stock))
        elif kind is Change.SOLD_OUT and done:
            said.append(QCoreApplication.translate(
                "FulfilmentScreen", "Sold out, so it was removed from your cart"))
        elif kind is Change.SOLD_OUT:
            said.append(QCoreApplication.translate(
                "FulfilmentScreen", "Sold out, so it will be removed from your cart"))
        elif kind is Change.GONE and done:
            said.append(QCoreApplication.translate(
                "FulfilmentScreen", "No longer sold, so it was removed from your cart"))
        elif kind is Change.GONE:
            said.append(QCoreApplication.translate(
                "FulfilmentScreen", "No longer sold, so it will be removed from your cart"))
    return said


def _present_change(change: LineChange, language: str) -> dict[str, Any]:
    return {"name": _line_name(change, language), "detail": "\n".join(_sentences(change, language, False))}


def changes_notice(check: CartCheck, language: str) -> str:
    """For the cart screen, once the changes are in the cart: why it looks different."""
    if check.nothing_left:
        head = QCoreApplication.translate(
            "FulfilmentScreen", "Nothing in your cart can be bought now, and nothing was charged:")
    else:
        head = QCoreApplication.translate(
            "FulfilmentScreen", "Prices or stock changed since you chose these, so your cart was updated:")
    # typography, not words: full-width punctuation beside Chinese
    colon, semicolon = ("：", "；") if language == "zh_CN" else (": ", "; ")
    lines = [_line_name(change, language) + colon + semicolon.join(_sentences(change, language, True))
             for change in check.changes]
    return "\n".join([head, *lines])


class FulfilmentViewModel(QObject):
    changed = Signal()  # mode, amounts
    fieldsChanged = Signal()
    messagesChanged = Signal()
    refused = Signal()  # paying was asked for with the form not right: the screen shows where
    reviewChanged = Signal()  # the cart's changes to confirm before paying: shown, changed or gone

    def __init__(self, session: ShopperSession, start_payment: StartPayment, currency: str = "CNY",
                 back_to_cart: BackToCart = lambda _notice: None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._start_payment = start_payment
        self._back_to_cart = back_to_cart
        self._currency = currency
        self._language = "zh_CN"
        self._checked = False  # messages show once the shopper has tried to pay
        self._db: Database | None = None
        self._review: tuple[CartCheck, str] | None = None  # the changes on screen, and the way to pay
        self._changes = RowsModel(CHANGE_ROLES, _present_change, self)
        session.on_change(self._on_session_changed)

    def attach(self, db: Database) -> None:
        self._db = db

    def _on_session_changed(self) -> None:
        if not self._session.form_fields:
            self._checked = False  # wiped: a new shopper starts with a clean form
        if self._review is not None and tuple(self._session.lines) != self._review[0].before:
            self._close_review()  # the changes were for a cart that is no longer there (a wipe)
        self.changed.emit()
        self.fieldsChanged.emit()
        self.messagesChanged.emit()

    def set_language(self, language: str) -> None:
        self._language = language
        self._changes.set_language(language)
        self.changed.emit()
        self.messagesChanged.emit()
        self.reviewChanged.emit()

    def _field(self, name: str) -> str:
        return self._session.form_fields.get(name, "")

    def _set_field(self, name: str, text: str) -> None:
        # a paste or a wedge scanner may type control bytes: the field shows them as placeholders,
        # which the checks then reject like any other symbol
        safe = display_text.typed(text)
        if safe != self._field(name):
            self._session.form_fields[name] = safe
            self.fieldsChanged.emit()
            if self._checked:
                self.messagesChanged.emit()
        elif safe != text:
            self.fieldsChanged.emit()  # the field holds what was made safe here: it takes the safe text

    def _problem(self, name: str) -> Problem:
        return _CHECKS[name](self._field(name))

    def _message_for(self, name: str) -> str:
        if not self._checked or not self.delivery:
            return ""
        return field_message(name, self._problem(name))

    # --- amounts --------------------------------------------------------------------------------

    def subtotal(self) -> Money:
        return self._session.total(self._currency)

    def shipping(self) -> Money:
        return self._fee("delivery" if self.delivery else "pickup")

    def _fee(self, fulfilment: str, subtotal: Money | None = None) -> Money:
        # the rule is the store contract's (the store checks it); imported here, as that module brings
        # orjson along, which the first frame does not need
        from kiosk.sync.protocol import delivery_fee_minor

        goods = self.subtotal() if subtotal is None else subtotal
        return Money(delivery_fee_minor(fulfilment, goods.minor), self._currency)

    def _with_fee(self, subtotal: Money) -> Money:
        return subtotal + self._fee("delivery" if self.delivery else "pickup", subtotal)

    def _money(self, amount: Money) -> str:
        return format_money(amount, self._language)

    # --- bound by QML ---------------------------------------------------------------------------

    @Property(bool, notify=changed)
    def delivery(self) -> bool:
        return self._field(MODE_KEY) == DELIVERY

    @Slot(bool)
    def setDelivery(self, delivery: bool) -> None:
        mode = DELIVERY if delivery else PICKUP
        if self._field(MODE_KEY) != mode:
            self._session.form_fields[MODE_KEY] = mode
            self.changed.emit()
            self.messagesChanged.emit()

    @Property(str, notify=fieldsChanged)
    def name(self) -> str:
        return self._field("name")

    @Property(str, notify=fieldsChanged)
    def phone(self) -> str:
        return self._field("phone")

    @Property(str, notify=fieldsChanged)
    def address(self) -> str:
        return self._field("address")

    @Slot(str)
    def setName(self, text: str) -> None:
        self._set_field("name", text)

    @Slot(str)
    def setPhone(self, text: str) -> None:
        self._set_field("phone", text)

    @Slot(str)
    def setAddress(self, text: str) -> None:
        self._set_field("address", text)

    @Property(int, constant=True)
    def nameMaxLength(self) -> int:
        return NAME_MAX

    @Property(int, constant=True)
    def addressMaxLength(self) -> int:
        return ADDRESS_MAX

    @Property(str, notify=messagesChanged)
    def nameError(self) -> str:
        return self._message_for("name")

    @Property(str, notify=messagesChanged)
    def phoneError(self) -> str:
        return self._message_for("phone")

    @Property(str, notify=messagesChanged)
    def addressError(self) -> str:
        return self._message_for("address")

    @Property(str, notify=changed)
    def subtotalText(self) -> str:
        return self._money(self.subtotal())

    @Property(str, notify=changed)
    def shippingText(self) -> str:
        fee = self.shipping()
        return self._money(fee) if fee.minor else QCoreApplication.translate("FulfilmentScreen", "Free")

    @Property(str, notify=changed)
    def totalText(self) -> str:
        return self._money(self.subtotal() + self.shipping())

    @Property(str, notify=changed)
    def deliveryFeeNote(self) -> str:
        """How delivery is charged, shown beside the choice before the shopper picks it."""
        from kiosk.sync.protocol import FREE_DELIVERY_FROM_MINOR

        free_from = self._money(Money(FREE_DELIVERY_FROM_MINOR, self._currency))
        fee = self._fee("delivery")
        if fee.minor == 0:
            return QCoreApplication.translate("FulfilmentScreen", "Free delivery for orders from %1").replace(
                "%1", free_from)
        return QCoreApplication.translate("FulfilmentScreen", "%1, free for orders from %2").replace(
            "%1", self._money(fee)).replace("%2", free_from)

    def valid(self) -> bool:
        return not self.delivery or all(self._problem(f) is Problem.NONE for f in FIELDS)

    def contact(self) -> Contact:
        from kiosk.orders import Contact

        if not self.delivery:
            return Contact()
        return Contact(clean(self._field("name")), phone_digits(self._field("phone")),
                       clean(self._field("address")))

    @Slot(str, result=bool)
    def pay(self, method: str) -> bool:
        """Check the form; if it is right, check the cart against the catalog and start paying with
        `method` (wechat | alipay); returns whether the payment started (False: refused, or the cart's
        changes are on screen to confirm first)."""
        self._checked = True
        self.messagesChanged.emit()
        if not self.valid() or not self._session.lines:
            self.refused.emit()
            return False
        return self._check_then_pay(method)

    def _check_then_pay(self, method: str) -> bool:
        check = check_cart(self._db, self._session.lines) if self._db is not None else None
        if check is None or check.unchanged:
            mode = DELIVERY if self.delivery else PICKUP
            # the fee by the rule, on the cart as it is now (and as the shopper confirmed it)
            self._start_payment(mode, self.contact(), self.shipping().minor, method)
            return True
        if check.nothing_left:  # nothing to confirm: the cart says what went
            apply(self._session, check)
            self._back_to_cart(changes_notice(check, self._language))
            return False
        self._review = (check, method)
        self._changes.set_rows(check.changes)
        self.reviewChanged.emit()
        return False

    def _close_review(self) -> None:
        self._review = None
        self._changes.set_rows([])
        self.reviewChanged.emit()

    # --- the cart's changes, to confirm -------------------------------------------------------------

    @Property(bool, notify=reviewChanged)
    def reviewing(self) -> bool:
        return self._review is not None

    @Property(QObject, constant=True)
    def changes(self) -> RowsModel:
        return self._changes

    def _review_totals(self) -> tuple[Money, Money, Money] | None:
        """Goods, fee and total once the changes are in, and the total before them."""
        if self._review is None:
            return None
        check = self._review[0]
        goods = check.subtotal_after(self._currency)
        return goods, self._with_fee(goods), self._with_fee(check.subtotal_before(self._currency))

    @Property(str, notify=reviewChanged)
    def reviewSubtotalText(self) -> str:
        totals = self._review_totals()
        return self._money(totals[0]) if totals else ""

    @Property(str, notify=reviewChanged)
    def reviewShippingText(self) -> str:
        totals = self._review_totals()
        if totals is None:
            return ""
        fee = totals[1] - totals[0]
        return self._money(fee) if fee.minor else QCoreApplication.translate("FulfilmentScreen", "Free")

    @Property(str, notify=reviewChanged)
    def reviewTotalText(self) -> str:
        totals = self._review_totals()
        return self._money(totals[1]) if totals else ""

    @Property(str, notify=reviewChanged)
    def reviewWasText(self) -> str:
        """The total the shopper saw before ("" when it is the same)."""
        totals = self._review_totals()
        if totals is None or totals[2] == totals[1]:
            return ""
        return QCoreApplication.translate("FulfilmentScreen", "was %1").replace("%1", self._money(totals[2]))

    @Slot()
    def confirmChanges(self) -> None:
        """The shopper accepts the changes: the cart takes them, then the payment starts on it (checked
        once more: a catalog pull may have landed while the panel was up, and is shown if so)."""
        if self._review is None:
            return
        check, method = self._review
        self._close_review()
        if apply(self._session, check):
            self._check_then_pay(method)

    @Slot()
    def reviewBackToCart(self) -> None:
        """The shopper wants to look again: the cart takes the changes (the old prices and the missing
        stock cannot be sold) and says what changed."""
        if self._review is None:
            return
        check = self._review[0]
        self._close_review()
        if apply(self._session, check):
            self._back_to_cart(changes_notice(check, self._language))
