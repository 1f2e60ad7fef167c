"""The delivery-estimate sentence in the shopper's language (the dates come from kiosk.shipping)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from kiosk.config import ShippingConfig
from kiosk.db.models import ShipProfile
from kiosk.money import format_date
from kiosk.shipping import (
    BusinessCalendar,
    DeliveryEstimate,
    EstimateMessage,
    ShippingRules,
    ShipsLikeAProduct,
    estimate_for_product,
)


def rules_from_config(config: ShippingConfig) -> ShippingRules:
    holidays, workdays = config.day_lists()
    return ShippingRules(cutoff_hour=config.cutoff_hour, transit_days=config.transit_days,
                         calendar=BusinessCalendar.from_iso(holidays, workdays))


# QCoreApplication.translate is spelled out at every call: lupdate finds no other form in Python
def sentence(estimate: DeliveryEstimate, language: str) -> str:
    arrive = format_date(estimate.arrive_by, language)
    if estimate.message is EstimateMessage.SHIPS_TODAY:
        text = QCoreApplication.translate("Delivery", "Ships today, arrives by %1")
        return _fill(text, arrive)
    if estimate.message is EstimateMessage.SHIPS_IN_DAYS:
        if estimate.max_days == 1:
            text = QCoreApplication.translate("Delivery", "Ships in 1 business day, arrives by %1")
            return _fill(text, arrive)
        text = QCoreApplication.translate("Delivery", "Ships in %1 business days, arrives by %2")
        return _fill(text, str(estimate.max_days), arrive)
    text = QCoreApplication.translate("Delivery", "Ships in %1–%2 business days, arrives by %3")
    return _fill(text, str(estimate.min_days), str(estimate.max_days), arrive)


def _fill(text: str, *args: str) -> str:
    """Qt's %1 %2 … placeholders (a translation may reorder them)."""
    for i, arg in reversed(list(enumerate(args, 1))):
        text = text.replace(f"%{i}", arg)
    return text


def profile_note(profile: ShipProfile) -> str:
    if profile is ShipProfile.PREORDER:
        return QCoreApplication.translate("Delivery", "Pre-order")
    if profile is ShipProfile.MADE_TO_ORDER:
        return QCoreApplication.translate("Delivery", "Made to order")
    return ""


def delivery_text(product: ShipsLikeAProduct, now: dt.datetime, rules: ShippingRules,
                  language: str) -> tuple[str, str]:
    """(sentence, profile note) for a product ordered `now`."""
    estimate = estimate_for_product(product, now, rules)
    return sentence(estimate, language), profile_note(estimate.profile)
