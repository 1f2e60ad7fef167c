"""Test helper: paid orders written locally the way checkout will write them.

Each order is one write transaction: the Order (PAID) with its lines and payment, and its outbox row
with the next gap-free `device_seq`, the protocol's order payload as JSON and its `payload_hash`.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.db.engine import Database
from kiosk.db.models import (
    Fulfilment,
    Order,
    OrderLine,
    OrderState,
    OutboxRow,
    Payment,
    PaymentState,
    utcnow,
)
from kiosk.orders import CartLine, Contact, OrderBook, PaymentRecord
from kiosk.sync.protocol import ORDER_PAID_KIND, OrderPayload, canonical_json, payload_hash

DEVICE_CODE = "K01"


def order_payload(order: Order) -> OrderPayload:
    payload: OrderPayload = {
        "order_uuid": order.order_uuid, "order_no": order.order_no, "currency": order.currency,
        "subtotal_minor": order.subtotal_minor, "shipping_minor": order.shipping_minor,
        "total_minor": order.total_minor, "fulfilment": order.fulfilment.value, "language": order.language,
        "catalog_version": order.catalog_version, "receipt_no": order.receipt_no or "",
        "created_at": order.created_at.isoformat() + "Z",
        "lines": [{"position": line.position, "sku": line.sku, "name_zh": line.name_zh,
                   "name_en": line.name_en, "unit_price_minor": line.unit_price_minor,
                   "quantity": line.quantity, "line_total_minor": line.line_total_minor,
                   "catalog_version": line.catalog_version} for line in order.lines],
    }
    if order.paid_at is not None:
        payload["paid_at"] = order.paid_at.isoformat() + "Z"
    return payload


def add_paid_order(session: Session, *, quantity: int = 1, price_minor: int = 1590,
                   sku: str = "D00001", payload_override: dict[str, Any] | None = None) -> tuple[str, int]:
    """One paid order plus its outbox row inside the caller's write transaction; (uuid, seq)."""
    seq = (session.scalar(select(func.max(OutboxRow.device_seq))) or 0) + 1
    now = utcnow()
    total = quantity * price_minor
    order = Order(order_uuid=str(uuid.uuid4()), order_no=f"{DEVICE_CODE}-{seq:06d}", state=OrderState.PAID,
                  fulfilment=Fulfilment.PICKUP, currency="CNY", subtotal_minor=total, shipping_minor=0,
                  total_minor=total, receipt_no=f"R{DEVICE_CODE}{seq:08d}", created_at=now, paid_at=now)
    order.lines.append(OrderLine(position=0, sku=sku, name_zh="经典可乐", name_en="Classic Cola",
                                 unit_price_minor=price_minor, quantity=quantity, line_total_minor=total))
    order.payments.append(Payment(method="wechat", amount_minor=total, currency="CNY",
                                  state=PaymentState.PAID, reference=f"SBX{seq:08d}"))
    session.add(order)
    session.flush()
    payload: dict[str, Any] = dict(order_payload(order))
    payload.update(payload_override or {})
    session.add(OutboxRow(device_seq=seq, kind=ORDER_PAID_KIND, order_uuid=order.order_uuid,
                          payload=canonical_json(payload).decode(), payload_hash=payload_hash(payload)))
    return order.order_uuid, seq


def create_paid_orders(db: Database, count: int, **kwargs: Any) -> list[tuple[str, int]]:
    """`count` paid orders, one write transaction each (as checkout commits them)."""
    created = []
    for _ in range(count):
        with db.write() as session:
            created.append(add_paid_order(session, **kwargs))
    return created


def kiosk_orders(db: Database) -> dict[str, int]:
    """order_uuid → device_seq of every outbox row on the kiosk."""
    with db.read() as session:
        return {u: s for u, s in session.execute(select(OutboxRow.order_uuid, OutboxRow.device_seq))}


CONTACT = Contact("李四", "13900001111", "北京市海淀区")


def book_paid_order(book: OrderBook, contact: Contact | None = None) -> str:
    """One order paid through the real order book (delivery with its contact encrypted when given)."""
    fulfilment = Fulfilment.DELIVERY if contact else Fulfilment.PICKUP
    lines = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)]
    order = book.create_pending(lines, fulfilment=fulfilment, contact=contact,
                                shipping_minor=1000 if contact else 0)
    book.mark_paid(order.order_uuid, PaymentRecord("wechat", f"pay-{order.order_uuid}", "WX1"))
    return order.order_uuid
