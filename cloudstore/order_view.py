"""What the public order page may show of an order: the receipt's QR opens it, and its uuid is the only
key, so personal data leaves here masked (the full name, phone and address never reach the page).

The order is as the kiosk pushed it, with what the store has learnt since: its status and tracking
number, the contact changes a merchant approved, and when its payment was made (the store's own
payment record first, the kiosk's word otherwise).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudstore.models import Device, OrderRequest, SandboxPayment, StoreOrder
from cloudstore.timefmt import parse_iso
from kiosk.sync.protocol import mask_address, mask_name, mask_phone

MAX_UUID_LENGTH = 36


@dataclass(frozen=True)
class LineView:
    name_zh: str
    name_en: str
    quantity: int
    unit_price_minor: int
    line_total_minor: int


@dataclass(frozen=True)
class OrderView:
    order_no: str
    status: str  # kiosk.sync.protocol.FulfilmentStatus
    fulfilment: str  # pickup | delivery
    currency: str
    lines: tuple[LineView, ...]
    subtotal_minor: int
    shipping_minor: int
    discount_minor: int
    total_minor: int
    paid_at: dt.datetime | None  # naive UTC
    tracking_no: str
    pickup_point: str
    # masked already
    name: str
    phone: str
    address: str


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _contact(session: Session, order: StoreOrder) -> dict[str, str]:
    """The order's contact with the merchant's approved modifications applied, oldest first."""
    raw = order.payload.get("contact")
    contact = {key: _text(raw.get(key)) for key in ("name", "phone", "address")} if isinstance(raw, dict) \
        else {"name": "", "phone": "", "address": ""}
    approved = session.execute(select(OrderRequest).where(
        OrderRequest.order_uuid == order.order_uuid, OrderRequest.kind == "modification",
        OrderRequest.status == "APPROVED").order_by(OrderRequest.id)).scalars()
    for request in approved:
        for field, key in (("contact_name", "name"), ("contact_phone", "phone"), ("address", "address")):
            if isinstance(request.changes.get(field), str):
                contact[key] = request.changes[field]
    return contact


def _paid_at(session: Session, order: StoreOrder) -> dt.datetime | None:
    paid = session.execute(select(SandboxPayment.paid_at).where(
        SandboxPayment.order_uuid == order.order_uuid, SandboxPayment.status == "PAID",
        SandboxPayment.paid_at.is_not(None)).order_by(SandboxPayment.paid_at)).scalars().first()
    if paid is not None:
        return paid
    with contextlib.suppress(ValueError):  # a kiosk's odd timestamp shows no time rather than failing
        claimed = _text(order.payload.get("paid_at"))
        return parse_iso(claimed) if claimed else None
    return None


def find(session: Session, order_uuid: str) -> OrderView | None:
    """The order as its page shows it, or None when the store has no such order."""
    if not order_uuid or len(order_uuid) > MAX_UUID_LENGTH:
        return None
    order = session.execute(
        select(StoreOrder).where(StoreOrder.order_uuid == order_uuid)).scalar_one_or_none()
    if order is None:
        return None
    payload = order.payload
    lines = tuple(
        LineView(_text(line.get("name_zh")), _text(line.get("name_en")), _int(line.get("quantity")),
                 _int(line.get("unit_price_minor")), _int(line.get("line_total_minor")))
        for line in payload.get("lines") or [] if isinstance(line, dict))
    contact = _contact(session, order)
    device = session.get(Device, order.device_id)
    return OrderView(
        order_no=order.order_no, status=order.status, fulfilment=order.fulfilment, currency=order.currency,
        lines=lines, subtotal_minor=_int(payload.get("subtotal_minor")),
        shipping_minor=_int(payload.get("shipping_minor")),
        discount_minor=_int(payload.get("discount_minor")),
        total_minor=order.total_minor, paid_at=_paid_at(session, order), tracking_no=order.tracking_no,
        pickup_point=_text(payload.get("pickup_location")) or (device.name if device is not None else ""),
        name=mask_name(contact["name"]), phone=mask_phone(contact["phone"]) if contact["phone"] else "",
        address=mask_address(contact["address"]) if contact["address"] else "")


def contact_now(session: Session, order: StoreOrder) -> dict[str, str]:
    """The order's name, phone and address as they stand (approved modifications applied), UNMASKED:
    for the store's own checks (the proof of an order by its phone), never for a page or an answer."""
    return _contact(session, order)


def paid_time(session: Session, order: StoreOrder) -> dt.datetime | None:
    """When the order was paid: the store's own payment record first, else the kiosk's word."""
    return _paid_at(session, order)
