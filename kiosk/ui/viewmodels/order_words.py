"""An order after the purchase in words (kiosk.ui.viewmodels.my_order): its status, why it is locked,
its requests, what a change of fulfilment costs. Each sentence is a literal translate() call, for lupdate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from kiosk import display_text
from kiosk.money import Money, format_money
from kiosk.order_rules import Locked

if TYPE_CHECKING:
    from kiosk.sync.order_lookup import OrderView


def group_number(digits: str) -> str:
    """0112070042 → 01 1207 0042: as printed (kiosk, day, count), grouped from the left so the
    groups stay put while the shopper types; digits past the tenth stay with the last group."""
    return " ".join(part for part in (digits[:2], digits[2:6], digits[6:]) if part)


def status_text(status: str) -> str:
    """An order's status in words: the store's FulfilmentStatus, or this kiosk's own order state."""
    words = {
        "PENDING_PAYMENT": QCoreApplication.translate("MyOrder", "Waiting for payment"),
        "PAYMENT_UNKNOWN": QCoreApplication.translate("MyOrder", "Payment being checked"),
        "PAYMENT_FAILED": QCoreApplication.translate("MyOrder", "Not paid: the payment failed"),
        "CANCELLED": QCoreApplication.translate("MyOrder", "Not paid"),
        "PAID": QCoreApplication.translate("MyOrder", "Paid, not yet received by the store"),
        "PAID_ORPHAN": QCoreApplication.translate("MyOrder", "Paid, not yet received by the store"),
        "SYNCED": QCoreApplication.translate("MyOrder", "Paid, sent to the store"),
        "PLACED": QCoreApplication.translate("MyOrder", "Order placed"),
        "ACCEPTED": QCoreApplication.translate("MyOrder", "Accepted by the store"),
        "READY_FOR_PICKUP": QCoreApplication.translate("MyOrder", "Ready for pickup"),
        "SHIPPED": QCoreApplication.translate("MyOrder", "Shipped"),
        "DELIVERED": QCoreApplication.translate("MyOrder", "Delivered"),
        "PICKED_UP": QCoreApplication.translate("MyOrder", "Picked up"),
        "RETURN_REQUESTED": QCoreApplication.translate("MyOrder", "Return requested"),
        "RETURNED": QCoreApplication.translate("MyOrder", "Returned"),
        "REFUNDED": QCoreApplication.translate("MyOrder", "Refunded"),
    }
    return words.get(status) or QCoreApplication.translate(
        "MyOrder", "Status not known here; please ask a member of staff")


def locked_text(order: OrderView) -> str:
    locked = order.modification.locked
    merchant = display_text.shown(order.merchant_name, display_text.NAME) or QCoreApplication.translate(
        "MyOrder", "the store")
    phone = display_text.shown(order.merchant_phone, display_text.CODE)
    if locked is Locked.SHIPPED:
        if phone:
            return QCoreApplication.translate(
                "MyOrder", "Your order has shipped, so it can no longer be changed. You can refuse the "
                     "parcel, or contact %1 at %2.").replace("%1", merchant).replace("%2", phone)
        return QCoreApplication.translate(
            "MyOrder", "Your order has shipped, so it can no longer be changed. You can refuse the "
                 "parcel, or contact %1.").replace("%1", merchant)
    if locked is Locked.HANDED_OVER and order.returns.allowed:
        return QCoreApplication.translate(
            "MyOrder", "Your order has been handed over, so it can no longer be changed; you can "
                 "request a return.")
    if locked is Locked.HANDED_OVER:
        return QCoreApplication.translate(
            "MyOrder", "Your order has been handed over, so it can no longer be changed.")
    if locked is Locked.RETURNS:
        return QCoreApplication.translate(
            "MyOrder", "Your order is being returned, so it can no longer be changed.")
    if locked is Locked.PENDING:
        return QCoreApplication.translate("MyOrder", "Your change request is waiting for the store.")
    if locked is Locked.PAYING:
        return QCoreApplication.translate(
            "MyOrder", "A payment for this order is still being checked. Please wait a moment, then "
                 "tap Refresh.")
    if locked is Locked.EXPIRED:
        return QCoreApplication.translate(
            "MyOrder", "This order was not paid, and its prices held only on the day it was placed. "
                 "Please shop again.")
    if phone:
        return QCoreApplication.translate(
            "MyOrder", "This order cannot be changed here. Please contact %1 at %2.").replace(
            "%1", merchant).replace("%2", phone)
    return QCoreApplication.translate(
        "MyOrder", "This order cannot be changed here. Please ask a member of staff.")


def request_state(status: str) -> str:
    if status == "APPROVED":
        return QCoreApplication.translate("MyOrder", "Approved")
    if status == "REJECTED":
        return QCoreApplication.translate("MyOrder", "Rejected")
    return QCoreApplication.translate("MyOrder", "Waiting for the store")


def reason_text(reason: str) -> str:
    return {"quality": QCoreApplication.translate("MyOrder", "Quality problem"),
            "wrong_item": QCoreApplication.translate("MyOrder", "Wrong item"),
            "damaged": QCoreApplication.translate("MyOrder", "Damaged"),
            "other": QCoreApplication.translate("MyOrder", "Other reason")}.get(reason, "")


def fulfilment_text(fulfilment: str) -> str:
    if fulfilment == "delivery":
        return QCoreApplication.translate("MyOrder", "Home delivery")
    return QCoreApplication.translate("MyOrder", "Pick up in store")


def fee_text(difference_minor: int, currency: str, language: str) -> str:
    """What a change of fulfilment costs or gives back ("" when nothing)."""
    amount = format_money(Money(abs(difference_minor), currency), language)
    if difference_minor > 0:
        return QCoreApplication.translate("MyOrder", "+%1 delivery fee to pay on delivery").replace(
            "%1", amount)
    if difference_minor < 0:
        return QCoreApplication.translate("MyOrder", "%1 to be refunded").replace("%1", amount)
    return ""


def request_words(kind: str, changes: Mapping[str, Any]) -> str:
    """A request in a few words: a return's kind, items and reason; a change's new fulfilment and fields."""
    if kind == "return":
        head = (QCoreApplication.translate("MyOrder", "Exchange") if changes.get("type") == "exchange"
                else QCoreApplication.translate("MyOrder", "Return"))
        reason = reason_text(str(changes.get("reason", "")))
        count = sum(int(line.get("quantity", 0)) for line in changes.get("lines", ())
                    if isinstance(line, Mapping))
        items = QCoreApplication.translate("MyOrder", "%n item(s)", "", count)
        return " · ".join(part for part in (head, items, reason) if part)
    parts = []
    if "fulfilment" in changes:
        parts.append(fulfilment_text(str(changes["fulfilment"])))
    labels = {"contact_name": QCoreApplication.translate("MyOrder", "name"),
              "contact_phone": QCoreApplication.translate("MyOrder", "phone"),
              "address": QCoreApplication.translate("MyOrder", "address")}
    changed = [labels[key] for key in ("contact_name", "contact_phone", "address") if key in changes]
    if changed:
        between_fields = QCoreApplication.translate("MyOrder", ", ", "between the names of changed fields")
        fields = between_fields.join(changed)
        parts.append(QCoreApplication.translate("MyOrder", "new %1").replace("%1", fields))
    between_parts = QCoreApplication.translate("MyOrder", "; ", "between the parts of one change")
    return QCoreApplication.translate("MyOrder", "Change: %1").replace("%1", between_parts.join(parts))
