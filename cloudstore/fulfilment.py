"""Order status on the store side, merchant transitions, and modification / return requests.

The rules are seed FAQ 3, in `kiosk.order_rules`: the kiosk and the order page ask them before they
offer a button, and the store asks them again here before it accepts a request and again before the
merchant's approval takes effect (the order may have shipped in between).

- a paid order that has not shipped may change its contact, address and fulfilment only through a
  request the merchant approves; one request at a time;
- a delivered or picked-up order may ask for a return or exchange within the store's window.

The pushed payload is never rewritten (its hash is the order's identity in ingest). An approved
modification changes the order's fulfilment on its row; its contact fields (cleaned as the form cleans
them) are kept on the request, and `standing()` reads the order's contact and delivery fee as they
stand: the payload with every approved modification applied, oldest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

import kiosk.order_rules as rules
from cloudstore import order_events, pii
from cloudstore.models import OrderRequest, StoreOrder
from cloudstore.schemas import ModificationIn, OrderStatusOut, RequestOut, ReturnIn
from cloudstore.timefmt import iso, iso_or_none
from kiosk.order_rules import ContactNow, Stage
from kiosk.sync.protocol import FulfilmentStatus as S
from kiosk.sync.protocol import mask_address, mask_name

# what a merchant may move an order to, from where
TRANSITIONS: dict[str, set[str]] = {
    S.ACCEPTED: {S.READY_FOR_PICKUP, S.SHIPPED},
    S.READY_FOR_PICKUP: {S.PICKED_UP},
    S.SHIPPED: {S.DELIVERED},
    S.RETURNED: {S.REFUNDED},
}

# the contact fields of a modification, and the key each has in the payload's contact
CONTACT_KEYS = {"contact_name": "name", "contact_phone": "phone", "address": "address"}
_MASKS = {"contact_name": mask_name, "contact_phone": pii.mask_phone, "address": mask_address}


class RequestRefused(Exception):
    """The order's state does not allow this; maps to 409 {"detail", "reason"} where `reason` is a
    kiosk.order_rules.Locked or ReturnRefusal value ("" for a request that is not the rules' business)."""

    def __init__(self, detail: str, reason: str = "") -> None:
        super().__init__(detail)
        self.reason = reason


class RequestInvalid(Exception):
    """A field the rules refuse; maps to 422 {"detail": {"problems": {field: problem}}}."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = dict(problems)


@dataclass(frozen=True)
class Standing:
    """An order's contact, fulfilment and delivery fee as they stand (approved changes applied)."""

    contact: ContactNow
    subtotal_minor: int
    shipping_minor: int


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _standing(session: Session, order: StoreOrder, approved: list[OrderRequest]) -> Standing:
    contact = pii.contact(session, order.order_uuid, order.payload)  # unsealed here, and only here
    shipping = _int(order.payload.get("shipping_minor"))
    for req in approved:  # oldest first
        changes = pii.request_changes(session, req)
        for field, key in CONTACT_KEYS.items():
            value = changes.get(field)
            if isinstance(value, str):
                contact[key] = value
        shipping += req.fee_difference_minor
    return Standing(ContactNow(name=contact["name"], phone=contact["phone"], address=contact["address"],
                               fulfilment=order.fulfilment),
                    _int(order.payload.get("subtotal_minor")), shipping)


def _approved_modifications(session: Session, order_uuids: list[str]) -> dict[str, list[OrderRequest]]:
    found: dict[str, list[OrderRequest]] = {uuid: [] for uuid in order_uuids}
    for chunk in range(0, len(order_uuids), 500):
        for req in session.execute(select(OrderRequest).where(
                OrderRequest.order_uuid.in_(order_uuids[chunk:chunk + 500]),
                OrderRequest.kind == "modification", OrderRequest.status == "APPROVED")
                .order_by(OrderRequest.id)).scalars():
            found[req.order_uuid].append(req)
    return found


def standing(session: Session, order: StoreOrder) -> Standing:
    """The order's contact, fulfilment and delivery fee as they stand."""
    return _standing(session, order, _approved_modifications(session, [order.order_uuid])[order.order_uuid])


def standings(session: Session, orders: list[StoreOrder]) -> dict[str, Standing]:
    """`standing` of many orders in one query (a list page)."""
    approved = _approved_modifications(session, [o.order_uuid for o in orders])
    return {o.order_uuid: _standing(session, o, approved[o.order_uuid]) for o in orders}


def ordered_lines(order: StoreOrder) -> dict[str, int]:
    """sku → quantity bought, from the pushed payload."""
    ordered: dict[str, int] = {}
    for line in order.payload.get("lines") or []:
        if isinstance(line, dict) and isinstance(line.get("sku"), str):
            ordered[line["sku"]] = ordered.get(line["sku"], 0) + _int(line.get("quantity"))
    return ordered


def has_pending(session: Session, order_uuid: str) -> bool:
    return session.execute(select(OrderRequest.id).where(
        OrderRequest.order_uuid == order_uuid, OrderRequest.status == "PENDING").limit(1)).first() is not None


def handed_over_at(session: Session, order: StoreOrder) -> dt.datetime | None:
    """When the order became DELIVERED or PICKED_UP (None while it is not)."""
    if order.status not in rules.HANDED_OVER:
        return None
    return order_events.handed_over_at(session, order)


def modification_check(session: Session, order: StoreOrder) -> rules.ModificationCheck:
    return rules.modification_check(order.status, pending_request=has_pending(session, order.order_uuid))


def return_check(session: Session, order: StoreOrder, now: dt.datetime,
                 window_days: int) -> rules.ReturnCheck:
    return rules.return_check(order.status, handed_over_at(session, order), now, window_days=window_days,
                              pending_request=has_pending(session, order.order_uuid))


def masked_changes(req: OrderRequest) -> dict[str, Any]:
    """What a request asks, fit for a screen: a modification's contact values masked (the stored
    masked forms of sealed values: no key needed, no ciphertext shown)."""
    if req.kind != "modification":
        return dict(req.changes)
    return {field: _MASKS[field](value) if field in _MASKS and isinstance(value, str) else value
            for field, value in req.changes.items() if field not in ("sealed", "erased")}


def request_out(r: OrderRequest) -> RequestOut:
    return RequestOut(request_id=r.request_id, order_uuid=r.order_uuid, kind=r.kind,  # type: ignore[arg-type]
                      status=r.status, changes=masked_changes(r), reason=r.reason,  # type: ignore[arg-type]
                      note=r.note, created_at=iso(r.created_at), decided_at=iso_or_none(r.decided_at),
                      fee_difference_minor=r.fee_difference_minor)


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


def _existing(session: Session, request_id: str, order_uuid: str, kind: str) -> OrderRequest | None:
    found = session.execute(select(OrderRequest).where(
        OrderRequest.request_id == request_id)).scalar_one_or_none()
    if found is not None and (found.order_uuid, found.kind) != (order_uuid, kind):
        raise RequestRefused("request_id already used for another request")
    return found


_LOCKED_DETAIL = {
    rules.Locked.PAYING: "the order's payment is still open",
    rules.Locked.SHIPPED: "the order has shipped: it can no longer be changed",
    rules.Locked.HANDED_OVER: "the order was handed over: ask for a return instead",
    rules.Locked.RETURNS: "the order is in the return flow",
    rules.Locked.PENDING: "a request of this order is already waiting for the merchant",
    rules.Locked.UNKNOWN: "the order's status does not allow changes",
}
_RETURN_DETAIL = {
    rules.ReturnRefusal.NOT_YET: "the order has not been delivered or picked up yet",
    rules.ReturnRefusal.WINDOW_OVER: "the return window is over",
    rules.ReturnRefusal.ALREADY: "a return of this order is already under way",
}


def _refuse_modification(check: rules.ModificationCheck, status: str) -> RequestRefused:
    detail = _LOCKED_DETAIL.get(check.locked, "the order cannot be changed")
    return RequestRefused(f"{detail} (order is {status})", str(check.locked or rules.Locked.UNKNOWN))


def request_modification(session: Session, order: StoreOrder, device_id: str, body: ModificationIn,
                         now: dt.datetime) -> tuple[OrderRequest, bool]:
    """The request and whether it is new (a repeated request_id returns the first)."""
    found = _existing(session, body.request_id, order.order_uuid, "modification")
    if found is not None:
        return found, False
    check = modification_check(session, order)
    if check.stage is not Stage.REQUEST:
        raise _refuse_modification(check, order.status)
    changes = body.changes.model_dump(exclude_none=True)
    now_standing = standing(session, order)
    problems = rules.check_changes(changes, now_standing.contact)
    if problems:
        raise RequestInvalid(problems)
    after = rules.applied(changes, now_standing.contact)
    cleaned = {"contact_name": after.name, "contact_phone": after.phone, "address": after.address,
               "fulfilment": after.fulfilment}
    fee = rules.fee_change(now_standing.subtotal_minor, now_standing.shipping_minor, after.fulfilment)
    asked = {field: cleaned[field] for field in rules.CHANGE_FIELDS if field in changes}
    req = OrderRequest(request_id=body.request_id, order_uuid=order.order_uuid, device_id=device_id,
                       kind="modification", status="PENDING",
                       changes=pii.seal_changes(pii.cipher_of(session), asked, body.request_id),
                       reason=body.reason, prior_status=order.status, created_at=now,
                       fee_difference_minor=fee.difference_minor)
    session.add(req)
    session.flush()
    return req, True


def request_return(session: Session, order: StoreOrder, device_id: str, body: ReturnIn, now: dt.datetime,
                   window_days: int = rules.RETURN_WINDOW_DAYS) -> tuple[OrderRequest, bool]:
    found = _existing(session, body.request_id, order.order_uuid, "return")
    if found is not None:
        return found, False
    check = return_check(session, order, now, window_days)
    if not check.allowed:
        raise RequestRefused(f"{_RETURN_DETAIL[check.refusal]} (order is {order.status})", str(check.refusal))
    problem = rules.check_return(body.type, body.reason, body.note)
    if problem:
        field = "type" if "kind" in problem else "reason" if "reason" in problem else "note"
        raise RequestInvalid({field: problem})
    asked: dict[str, int] = {}
    for line in body.lines:
        asked[line.sku] = asked.get(line.sku, 0) + line.quantity
    problem = rules.check_return_lines(ordered_lines(order), asked)
    if problem:
        raise RequestInvalid({"lines": problem})
    req = OrderRequest(request_id=body.request_id, order_uuid=order.order_uuid, device_id=device_id,
                       kind="return", status="PENDING",
                       changes={"type": body.type, "reason": body.reason, "note": body.note,
                                "lines": [{"sku": sku, "quantity": qty} for sku, qty in asked.items()]},
                       reason=body.reason, prior_status=order.status, created_at=now)
    order.status = S.RETURN_REQUESTED
    order.updated_at = now
    order_events.record(session, order.order_uuid, order.status, now)
    session.add(req)
    session.flush()
    return req, True


def _approve_modification(session: Session, order: StoreOrder, req: OrderRequest) -> None:
    """Make every requested field the order's, after asking the rules again: the order may have
    shipped since the request was made."""
    check = rules.modification_check(order.status)
    if check.stage is not Stage.REQUEST:
        raise RequestRefused(f"{_LOCKED_DETAIL.get(check.locked, 'locked')} (order is {order.status} now): "
                             "reject the request instead", str(check.locked))
    now_standing = standing(session, order)
    changes = {field: value for field, value in pii.request_changes(session, req).items()
               if field in rules.CHANGE_FIELDS}
    problems = rules.check_changes(changes, now_standing.contact)
    if problems:
        raise RequestRefused("the change no longer applies (" + ", ".join(
            f"{k}: {v}" for k, v in problems.items()) + "): reject the request instead", "")
    after = rules.applied(changes, now_standing.contact)
    order.fulfilment = after.fulfilment
    req.fee_difference_minor = rules.fee_change(now_standing.subtotal_minor, now_standing.shipping_minor,
                                                after.fulfilment).difference_minor


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
        if approve:
            _approve_modification(session, order, req)
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
