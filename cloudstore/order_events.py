"""An order's timeline: where it has been, oldest first, as a lookup and the order page show it.

The first three steps come from the order itself: PLACED (the kiosk's created_at, else when the store
received it), PAID (the store's own payment record first, the kiosk's word otherwise) and ACCEPTED
(when the store received it). Every later status is an `order_events` row, recorded where the status
changes (`cloudstore.fulfilment`): a merchant's transition (SHIPPED with its tracking number), a return
request, a decision on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudstore import order_view
from cloudstore.models import OrderEvent, StoreOrder
from cloudstore.timefmt import iso, parse_iso
from kiosk.sync.protocol import TIMELINE_PAID, TIMELINE_PLACED, TimelineEntry
from kiosk.sync.protocol import FulfilmentStatus as S

DETAIL_MAX = 64  # OrderEvent.detail
HANDED_OVER = (S.DELIVERED, S.PICKED_UP)


def record(session: Session, order_uuid: str, status: str, at: dt.datetime, detail: str = "") -> None:
    """The order moved to `status` at `at` (naive UTC); `detail` is SHIPPED's tracking number."""
    session.add(OrderEvent(order_uuid=order_uuid, status=status, at=at, detail=detail[:DETAIL_MAX]))


def events(session: Session, order_uuid: str) -> list[OrderEvent]:
    return list(session.execute(select(OrderEvent).where(OrderEvent.order_uuid == order_uuid)
                                .order_by(OrderEvent.id)).scalars())  # as they happened


def placed_at(order: StoreOrder) -> dt.datetime:
    claimed = order.payload.get("created_at")
    if isinstance(claimed, str) and claimed:
        with contextlib.suppress(ValueError, OverflowError):  # a kiosk's odd timestamp: the store's own
            return parse_iso(claimed)
    return order.received_at


def timeline(session: Session, order: StoreOrder) -> list[TimelineEntry]:
    """PLACED, PAID, ACCEPTED, then every recorded status, oldest first. A kiosk's clock may be off: a
    step of the order never shows after the one that follows it (paid by the time the store received
    it, placed by the time it was paid)."""
    paid = min(order_view.paid_time(session, order) or order.paid_at, order.received_at)
    entries = [
        TimelineEntry(status=TIMELINE_PLACED, at=iso(min(placed_at(order), paid)), detail=""),
        TimelineEntry(status=TIMELINE_PAID, at=iso(paid), detail=""),
        TimelineEntry(status=S.ACCEPTED, at=iso(order.received_at), detail=""),
    ]
    entries += [TimelineEntry(status=e.status, at=iso(e.at), detail=e.detail)
                for e in events(session, order.order_uuid)]
    return entries


def handed_over_at(session: Session, order: StoreOrder) -> dt.datetime | None:
    """When the order was first delivered or picked up (None: not yet): what the return window counts
    from, through a return request and its decision (a rejected return puts it back to DELIVERED, which
    gives the shopper no new window)."""
    return session.execute(select(OrderEvent.at).where(
        OrderEvent.order_uuid == order.order_uuid, OrderEvent.status.in_(HANDED_OVER))
        .order_by(OrderEvent.id)).scalars().first()
