"""Order status on the store side, merchant transitions, and modification / return requests.

Rules (DESIGN "Modification rules"): a paid order that has not shipped may be modified only through a
request the merchant approves; once shipped (or handed over) it is locked. Returns can be requested
for any order not already in the return flow. The pushed payload is never rewritten (its hash is the
order's identity in ingest); approved modifications are kept on the request and shown beside it.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from cloudstore import order_events
from cloudstore.models import OrderRequest, StoreOrder
from cloudstore.schemas import ModificationIn, OrderStatusOut, RequestOut, ReturnIn
from cloudstore.timefmt import iso, iso_or_none
from kiosk.sync.protocol import FulfilmentStatus as S

# what a merchant may move an order to, from where
TRANSITIONS: dict[str, set[str]] = {
    S.ACCEPTED: {S.READY_FOR_PICKUP, S.SHIPPED},
    S.READY_FOR_PICKUP: {S.PICKED_UP},
    S.SHIPPED: {S.DELIVERED},
    S.RETURNED: {S.REFUNDED},
}
LOCKED_FOR_MODIFICATION = {S.SHIPPED, S.DELIVERED, S.PICKED_UP, S.RETURN_REQUESTED, S.RETURNED, S.REFUNDED}
IN_RETURN_FLOW = {S.RETURN_REQUESTED, S.RETURNED, S.REFUNDED}


class RequestRefused(Exception):
    """The order's state does not allow this; maps to 409 with the reason."""


def request_out(r: OrderRequest) -> RequestOut:
    return RequestOut(request_id=r.request_id, order_uuid=r.order_uuid, kind=r.kind,  # type: ignore[arg-type]
                      status=r.status, changes=r.changes, reason=r.reason,  # type: ignore[arg-type]
                      note=r.note, created_at=iso(r.created_at), decided_at=iso_or_none(r.decided_at))


def order_out(session: Session, order: StoreOrder) -> OrderStatusOut:
    requests = session.execute(select(OrderRequest).where(OrderRequest.order_uuid == order.order_uuid)
                               .order_by(OrderRequest.id)).scalars()
    return OrderStatusOut(
        order_uuid=order.order_uuid, order_no=order.order_no, device_id=order.device_id,
        status=order.status, fulfilment=order.fulfilment, tracking_no=order.tracking_no,
        currency=order.currency, total_minor=order.computed_total_minor,
        received_at=iso(order.received_at), updated_at=iso(order.updated_at),
        requests=[request_out(r) for r in requests])


def find_order(session: Session, order_uuid: str, *, lock: bool = False) -> StoreOrder | None:
    stmt = select(StoreOrder).where(StoreOrder.order_uuid == order_uuid)
    if lock:
        stmt = stmt.with_for_update()
    return session.execute(stmt).scalar_one_or_none()


def _existing(session: Session, request_id: str | None, order_uuid: str, kind: str) -> OrderRequest | None:
    if request_id is None:
        return None
    found = session.execute(select(OrderRequest).where(
        OrderRequest.request_id == request_id)).scalar_one_or_none()
    if found is not None and (found.order_uuid, found.kind) != (order_uuid, kind):
        raise RequestRefused("request_id already used for another request")
    return found


def request_modification(session: Session, order: StoreOrder, device_id: str, body: ModificationIn,
                         now: dt.datetime) -> tuple[OrderRequest, bool]:
    """The request and whether it is new (a repeated request_id returns the first)."""
    found = _existing(session, body.request_id, order.order_uuid, "modification")
    if found is not None:
        return found, False
    if order.status in LOCKED_FOR_MODIFICATION:
        raise RequestRefused(f"order is {order.status}: it can no longer be modified")
    changes = body.changes.model_dump(exclude_none=True)
    if not changes:
        raise RequestRefused("nothing to change")
    req = OrderRequest(request_id=body.request_id or secrets.token_hex(12), order_uuid=order.order_uuid,
                       device_id=device_id, kind="modification", status="PENDING", changes=changes,
                       reason=body.reason, prior_status=order.status, created_at=now)
    session.add(req)
    session.flush()
    return req, True


def request_return(session: Session, order: StoreOrder, device_id: str, body: ReturnIn,
                   now: dt.datetime) -> tuple[OrderRequest, bool]:
    found = _existing(session, body.request_id, order.order_uuid, "return")
    if found is not None:
        return found, False
    if order.status in IN_RETURN_FLOW:
        raise RequestRefused(f"order is already {order.status}")
    req = OrderRequest(request_id=body.request_id or secrets.token_hex(12), order_uuid=order.order_uuid,
                       device_id=device_id, kind="return", status="PENDING",
                       changes={"lines": [line.model_dump() for line in body.lines]}, reason=body.reason,
                       prior_status=order.status, created_at=now)
    order.status = S.RETURN_REQUESTED
    order_events.record(session, order.order_uuid, order.status, now)
    session.add(req)
    session.flush()
    return req, True


def decide(session: Session, request_id: str, approve: bool, note: str, now: dt.datetime) -> OrderRequest:
    req = session.execute(select(OrderRequest).where(OrderRequest.request_id == request_id)
                          .with_for_update()).scalar_one_or_none()
    if req is None:
        raise LookupError(request_id)
    if req.status != "PENDING":
        if req.status == ("APPROVED" if approve else "REJECTED"):
            return req  # the same decision twice is fine
        raise RequestRefused(f"request already {req.status}")
    order = find_order(session, req.order_uuid, lock=True)
    assert order is not None  # FK
    if req.kind == "modification":
        if approve and order.status in LOCKED_FOR_MODIFICATION:
            raise RequestRefused(f"order is {order.status} now: reject the request instead")
        if approve and "fulfilment" in req.changes:
            order.fulfilment = str(req.changes["fulfilment"])
    else:
        order.status = S.RETURNED if approve else req.prior_status
        order_events.record(session, order.order_uuid, order.status, now)
    req.status, req.note, req.decided_at = ("APPROVED" if approve else "REJECTED"), note, now
    order.updated_at = now
    return req


def set_status(order: StoreOrder, status: str, tracking_no: str, now: dt.datetime) -> None:
    if status not in TRANSITIONS.get(order.status, set()):
        raise RequestRefused(f"cannot go from {order.status} to {status}")
    if status == S.SHIPPED:
        if not tracking_no.strip():
            raise RequestRefused("a shipped order needs a tracking number")
        if order.fulfilment != "delivery":
            raise RequestRefused("only delivery orders ship")
    if status == S.READY_FOR_PICKUP and order.fulfilment != "pickup":
        raise RequestRefused("only pickup orders are collected")
    order.status = status
    if tracking_no.strip():
        order.tracking_no = tracking_no.strip()
    order.updated_at = now
    session = object_session(order)
    assert session is not None, "set_status on an order of a session"
    order_events.record(session, order.order_uuid, status, now,
                        order.tracking_no if status == S.SHIPPED else "")
