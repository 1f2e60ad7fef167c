"""Pickup in store or home delivery: the delivery form, its messages, the fee, and the way to pay.

The form lives in the shopper session (`form_fields`), so a wipe forgets it with the cart. Messages
appear once the shopper tries to pay and then follow every keystroke until the field is right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk import display_text
from kiosk.money import Money, format_money
from kiosk.session import ShopperSession
from kiosk.ui.viewmodels.contact_rules import (
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

if TYPE_CHECKING:
    from kiosk.orders import Contact  # with SQLAlchemy: loaded when the first shopper pays

FIELDS = ("name", "phone", "address")
MODE_KEY = "fulfilment"
PICKUP, DELIVERY = "pickup", "delivery"  # kiosk.db.models.Fulfilment values

# (pickup | delivery, contact, shipping in minor units, payment method) → the payment starts
StartPayment = Callable[[str, "Contact", int, str], None]


def _message(field: str, problem: Problem) -> str:
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


class FulfilmentViewModel(QObject):
    changed = Signal()  # mode, amounts
    fieldsChanged = Signal()
    messagesChanged = Signal()
    refused = Signal()  # paying was asked for with the form not right: the screen shows where

    def __init__(self, session: ShopperSession, start_payment: StartPayment, currency: str = "CNY",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._start_payment = start_payment
        self._currency = currency
        self._language = "zh_CN"
        self._checked = False  # messages show once the shopper has tried to pay
        session.on_change(self._on_session_changed)

    def _on_session_changed(self) -> None:
        if not self._session.form_fields:
            self._checked = False  # wiped: a new shopper starts with a clean form
        self.changed.emit()
        self.fieldsChanged.emit()
        self.messagesChanged.emit()

    def set_language(self, language: str) -> None:
        self._language = language
        self.changed.emit()
        self.messagesChanged.emit()

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
        return _message(name, self._problem(name))

    # --- amounts --------------------------------------------------------------------------------

    def subtotal(self) -> Money:
        return self._session.total(self._currency)

    def shipping(self) -> Money:
        return self._fee("delivery" if self.delivery else "pickup")

    def _fee(self, fulfilment: str) -> Money:
        # the rule is the store contract's (the store checks it); imported here, as that module brings
        # orjson along, which the first frame does not need
        from kiosk.sync.protocol import delivery_fee_minor

        return Money(delivery_fee_minor(fulfilment, self.subtotal().minor), self._currency)

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
        """Check the form; if it is right, start paying with `method` (wechat | alipay)."""
        self._checked = True
        self.messagesChanged.emit()
        if not self.valid() or not self._session.lines:
            self.refused.emit()
            return False
        mode = DELIVERY if self.delivery else PICKUP
        self._start_payment(mode, self.contact(), self.shipping().minor, method)
        return True
