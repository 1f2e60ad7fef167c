"""What the public order page may show of an order: the receipt's QR opens it, and its uuid is the only
key, so personal data leaves here masked (the full name, phone and address never reach the page).

The order is as the kiosk pushed it, with what the store has learnt since: its status, timeline and
tracking number, the contact changes a merchant approved (`fulfilment.standing`), when its payment was
made (the store's own payment record first, the kiosk's word otherwise), the shopper's requests, and
what the rules (`kiosk.order_rules`) let the shopper ask for now.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import kiosk.order_rules as rules
from cloudstore import fulfilment, order_events
from cloudstore.models import Device, OrderRequest, SandboxPayment, StoreOrder
from cloudstore.pii import mask_phone
from cloudstore.timefmt import parse_iso
from kiosk.sync.protocol import mask_address, mask_name

MAX_UUID_LENGTH = 36


@dataclass(frozen=True)
class LineView:
    sku: str
    name_zh: str
    name_en: str
    quantity: int
    unit_price_minor: int
    line_total_minor: int


_NOTHING_TO_ASK = rules.ModificationCheck(rules.Stage.LOCKED, rules.Locked.UNKNOWN)
_NO_RETURN = rules.ReturnCheck(rules.ReturnRefusal.NOT_YET, None)


@dataclass(frozen=True)
class Step:
    """One step of the order's timeline: a TIMELINE_* or FulfilmentStatus code, when (None: reached,
    time unknown) and its detail (the tracking number of SHIPPED)."""

    status: str
    at: dt.datetime | None
    detail: str = ""


@dataclass(frozen=True)
class RequestView:
    """A request as the shopper sees it: contact values masked."""

    kind: str  # modification | return
    type: str  # return | exchange for a return, "" for a modification
    status: str  # PENDING | APPROVED | REJECTED
    changes: dict[str, Any]  # a modification's fields, masked
    reason: str  # a return's reason code
    lines: tuple[tuple[str, int], ...]  # a return's (sku, quantity)
    shopper_note: str
    merchant_note: str
    fee_difference_minor: int
    created_at: dt.datetime
    decided_at: dt.datetime | None


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
    # what the shopper may ask for now (seed FAQ 3), and what they asked before
    order_uuid: str = ""
    timeline: tuple[Step, ...] = ()
    requests: tuple[RequestView, ...] = ()
    modification: rules.ModificationCheck = _NOTHING_TO_ASK
    returns: rules.ReturnCheck = _NO_RETURN


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


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


def _timeline(session: Session, order: StoreOrder) -> tuple[Step, ...]:
    return tuple(Step(entry["status"], parse_iso(entry["at"]), entry["detail"])
                 for entry in order_events.timeline(session, order))


def _request_view(req: OrderRequest) -> RequestView:
    lines = tuple((str(line.get("sku")), _int(line.get("quantity")))
                  for line in req.changes.get("lines") or [] if isinstance(line, dict))
    changes = fulfilment.masked_changes(req) if req.kind == "modification" else {}
    is_return = req.kind == "return"
    return RequestView(kind=req.kind, type=_text(req.changes.get("type")) if is_return else "",
                       status=req.status, changes=changes, reason=req.reason if is_return else "",
                       lines=lines, shopper_note=_text(req.changes.get("note")) if is_return else "",
                       merchant_note=req.note, fee_difference_minor=req.fee_difference_minor,
                       created_at=req.created_at, decided_at=req.decided_at)


def find(session: Session, order_uuid: str, now: dt.datetime | None = None,
         window_days: int = rules.RETURN_WINDOW_DAYS) -> OrderView | None:
    """The order as its page shows it, or None when the store has no such order."""
    if not order_uuid or len(order_uuid) > MAX_UUID_LENGTH:
        return None
    order = session.execute(
        select(StoreOrder).where(StoreOrder.order_uuid == order_uuid)).scalar_one_or_none()
    if order is None:
        return None
    payload = order.payload
    lines = tuple(
        LineView(_text(line.get("sku")), _text(line.get("name_zh")), _text(line.get("name_en")),
                 _int(line.get("quantity")),
                 _int(line.get("unit_price_minor")), _int(line.get("line_total_minor")))
        for line in payload.get("lines") or [] if isinstance(line, dict))
    standing = fulfilment.standing(session, order)
    contact = standing.contact
    # an approved change of fulfilment moves the delivery fee, and the total with it (as the kiosk shows)
    fee_change = standing.shipping_minor - _int(payload.get("shipping_minor"))
    device = session.get(Device, order.device_id)
    paid_at = _paid_at(session, order)
    requests = session.execute(select(OrderRequest).where(OrderRequest.order_uuid == order.order_uuid)
                               .order_by(OrderRequest.id)).scalars()
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return OrderView(
        order_no=order.order_no, status=order.status, fulfilment=order.fulfilment, currency=order.currency,
        lines=lines, subtotal_minor=_int(payload.get("subtotal_minor")),
        shipping_minor=standing.shipping_minor,
        discount_minor=_int(payload.get("discount_minor")),
        total_minor=order.total_minor + fee_change, paid_at=paid_at, tracking_no=order.tracking_no,
        pickup_point=_text(payload.get("pickup_location")) or (device.name if device is not None else ""),
        name=mask_name(contact.name), phone=mask_phone(contact.phone) if contact.phone else "",
        address=mask_address(contact.address) if contact.address else "",
        order_uuid=order.order_uuid, timeline=_timeline(session, order),
        requests=tuple(_request_view(r) for r in requests),
        modification=fulfilment.modification_check(session, order),
        returns=fulfilment.return_check(session, order, now, window_days))


def contact_now(session: Session, order: StoreOrder) -> dict[str, str]:
    """The order's name, phone and address as they stand (approved modifications applied), UNMASKED
    (opened from their sealed form, `cloudstore.pii`): for the store's own checks (the proof of an order
    by its phone), never for a page or an answer. The one function a merchant-only unmasked view would
    call; every other reader shows the masked forms."""
    contact = fulfilment.standing(session, order).contact
    return {"name": contact.name, "phone": contact.phone, "address": contact.address}


def paid_time(session: Session, order: StoreOrder) -> dt.datetime | None:
    """When the order was paid: the store's own payment record first, else the kiosk's word."""
    return _paid_at(session, order)
