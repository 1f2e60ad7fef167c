"""Proof of an order at a kiosk, the throttle on failed proofs, and what a kiosk then sees of the order.

A kiosk's secret alone opens no order (DESIGN, "Sync contract"): a device asks about an order with
proof of it, either its uuid (the receipt's QR) or its number plus the last 4 digits of its phone or
the receipt's lookup code (kiosk.order_rules). Any order of the store is found from any of its kiosks
that way (bought at one, looked up at another), and in no other way: there is no listing.

Failed proofs are counted in the database (`lookup_failures`, so the count holds across store workers
and restarts), per device and per order number (its digits, `order_key`), over
LOOKUP_WINDOW_S. A wrong code and an unknown number are the same failure with the same answer, and
both count against the number, whether or not an order has it, so neither the answer nor the throttle
tells a guesser which numbers exist. A scope over its limit is refused (429, Retry-After: when its
oldest counted failure ages out) before any proof is checked; a refused attempt is not counted, and a
right proof clears nobody's failures. An unknown uuid counts against the device.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from cloudstore import fulfilment, order_events, order_view
from cloudstore.models import LookupFailure, OrderRequest, StoreOrder
from cloudstore.pii import mask_phone
from cloudstore.settings import Settings
from cloudstore.timefmt import iso, iso_or_none
from kiosk.order_rules import (
    LOOKUP_FAILURES_PER_KIOSK,
    LOOKUP_FAILURES_PER_ORDER,
    LOOKUP_WINDOW_S,
    order_number_key,
    proof_matches,
)
from kiosk.sync.protocol import (
    MaskedContact,
    OrderStatus,
    OrderStatusLine,
    RequestState,
    mask_address,
    mask_name,
)

NOT_FOUND = "no order matches"  # the one answer to every failed proof
TOO_MANY = "too many failed lookups: try again later"
MAX_UUID_LENGTH = 36
WINDOW = dt.timedelta(seconds=LOOKUP_WINDOW_S)


@dataclass(frozen=True)
class Throttled:
    """Too many failed proofs in a scope: ask again in `retry_after_s` seconds."""

    retry_after_s: int


def device_scope(device_id: str) -> str:
    return f"device:{device_id}"


def order_scope(order_key: str) -> str:
    return f"order:{order_key}"


# --- the throttle ----------------------------------------------------------------------------------


def _wait(session: Session, scope: str, limit: int, now: dt.datetime) -> int:
    """Seconds until `scope` is under its limit again (0: it is now)."""
    counted = list(session.execute(
        select(LookupFailure.at).where(LookupFailure.scope == scope, LookupFailure.at > now - WINDOW)
        .order_by(LookupFailure.at.desc()).limit(limit)).scalars())
    if len(counted) < limit:
        return 0
    # the limit-th newest failure: once it ages out, fewer than `limit` count
    return max(1, math.ceil((counted[-1] + WINDOW - now).total_seconds()))


def _serialise(session: Session, scopes: list[str]) -> None:
    """Hold each scope until the transaction ends, so concurrent attempts (other store workers) count
    and check one after the other. SQLite's writes are serialised already (one writer, BEGIN
    IMMEDIATE); PostgreSQL takes a transaction-level advisory lock per scope, in one order."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for scope in sorted(set(scopes)):
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:scope))"), {"scope": scope})


def throttled(session: Session, limits: list[tuple[str, int]], now: dt.datetime) -> Throttled | None:
    """Throttled when any scope has failed `limit` times within the window. Call it in the write
    transaction that will record the attempt's failure."""
    _serialise(session, [scope for scope, _ in limits])
    wait = max((_wait(session, scope, limit, now) for scope, limit in limits), default=0)
    return Throttled(wait) if wait else None


def record_failure(session: Session, scopes: Iterable[str], now: dt.datetime) -> None:
    """Count a failed proof against each scope, and forget failures older than the window."""
    session.execute(delete(LookupFailure).where(LookupFailure.at <= now - WINDOW))
    session.add_all(LookupFailure(scope=scope, at=now) for scope in scopes)
    session.flush()


def failures(session: Session, scope: str, now: dt.datetime) -> int:
    """How many failures count against `scope` now."""
    count: int = session.execute(select(func.count()).select_from(LookupFailure).where(
        LookupFailure.scope == scope, LookupFailure.at > now - WINDOW)).scalar_one()
    return count


# --- finding an order by its proof -----------------------------------------------------------------


def find_by_proof(session: Session, device_id: str, order_no: str, code: str,
                  now: dt.datetime) -> StoreOrder | Throttled | None:
    """The order with this number (digits are enough) whose phone ends in `code` or whose receipt
    code it is; None (counted as a failure) when there is none; Throttled when the device or the
    number has failed too often. Call inside a write session: a failure is written."""
    key = order_number_key(order_no)
    limits = [(device_scope(device_id), LOOKUP_FAILURES_PER_KIOSK),
              (order_scope(key), LOOKUP_FAILURES_PER_ORDER)]
    refused = throttled(session, limits, now)
    if refused is not None:
        return refused
    if key:
        # kiosks' prefixes differ, so several orders may share the digits: the proof picks the one
        candidates = session.execute(select(StoreOrder).where(StoreOrder.order_key == key)
                                     .order_by(StoreOrder.id)).scalars()
        for order in candidates:
            if proof_matches(order.order_uuid, order_view.contact_now(session, order)["phone"], code):
                return order
    record_failure(session, [scope for scope, _ in limits], now)
    return None


def find_by_uuid(session: Session, device_id: str, order_uuid: str, now: dt.datetime, *,
                 lock: bool = False) -> StoreOrder | Throttled | None:
    """The order with this uuid (the uuid is its proof); None, counted against the device, when there
    is none; Throttled when the device has failed too often."""
    refused = throttled(session, [(device_scope(device_id), LOOKUP_FAILURES_PER_KIOSK)], now)
    if refused is not None:
        return refused
    order = None
    if 0 < len(order_uuid) <= MAX_UUID_LENGTH:
        stmt = select(StoreOrder).where(StoreOrder.order_uuid == order_uuid)
        order = session.execute(stmt.with_for_update() if lock else stmt).scalar_one_or_none()
    if order is None:
        record_failure(session, [device_scope(device_id)], now)
    return order


def too_many(refused: Throttled) -> HTTPException:
    return HTTPException(429, detail=TOO_MANY, headers={"Retry-After": str(refused.retry_after_s)})


def not_found() -> HTTPException:
    return HTTPException(404, detail=NOT_FOUND)


def order_or_404(session: Session, device_id: str, order_uuid: str, now: dt.datetime, *,
                 lock: bool = False) -> StoreOrder:
    """For every device route about one order by its uuid (status, modification, return), inside its
    write session (`db.write()`): the order, or HTTPException 404 (unknown: counted against the device)
    or 429 (the device failed too often, with Retry-After). Before raising 404 it commits the session,
    so the failure counts although the exception rolls the block back: call it first in the block
    (whatever was written before it is committed with the failure)."""
    found = find_by_uuid(session, device_id, order_uuid, now, lock=lock)
    if isinstance(found, Throttled):
        raise too_many(found)
    if found is None:
        session.commit()
        raise not_found()
    return found


# --- what the shopper who proved the order sees of it -------------------------------------------------


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""




def request_state(request: OrderRequest) -> RequestState:
    return RequestState(
        request_id=request.request_id, order_uuid=request.order_uuid,
        kind="return" if request.kind == "return" else "modification",
        status="APPROVED" if request.status == "APPROVED" else "REJECTED" if request.status == "REJECTED"
        else "PENDING",
        changes=fulfilment.masked_changes(request), reason=request.reason, note=request.note,
        created_at=iso(request.created_at), decided_at=iso_or_none(request.decided_at),
        fee_difference_minor=request.fee_difference_minor)


def _lines(payload: dict[str, Any]) -> list[OrderStatusLine]:
    return [OrderStatusLine(sku=_text(line.get("sku")), name_zh=_text(line.get("name_zh")),
                                     name_en=_text(line.get("name_en")), quantity=_int(line.get("quantity")),
                                     line_total_minor=_int(line.get("line_total_minor")))
            for line in payload.get("lines") or [] if isinstance(line, dict)]


def status_of(session: Session, order: StoreOrder, now: dt.datetime,
              settings: Settings) -> OrderStatus:
    """The order as the shopper who proved it may see it (OrderStatus): personal data masked,
    the contact, fulfilment and delivery fee as they stand after the merchant's approved changes."""
    requests = list(session.execute(select(OrderRequest).where(OrderRequest.order_uuid == order.order_uuid)
                                    .order_by(OrderRequest.id)).scalars())
    fee_changes = sum(r.fee_difference_minor for r in requests
                      if r.kind == "modification" and r.status == "APPROVED")
    contact = order_view.contact_now(session, order)
    handed_over = order_events.handed_over_at(session, order)
    deadline = None if handed_over is None else handed_over + dt.timedelta(days=settings.return_window_days)
    payload = order.payload
    return OrderStatus(
        order_uuid=order.order_uuid, order_no=order.order_no, device_id=order.device_id, status=order.status,
        fulfilment="delivery" if order.fulfilment == "delivery" else "pickup", tracking_no=order.tracking_no,
        currency=order.currency, subtotal_minor=_int(payload.get("subtotal_minor")),
        shipping_minor=_int(payload.get("shipping_minor")) + fee_changes,
        total_minor=order.total_minor + fee_changes, lines=_lines(payload),
        contact=MaskedContact(
            name=mask_name(contact["name"]), phone=mask_phone(contact["phone"]) if contact["phone"] else "",
            address=mask_address(contact["address"]) if contact["address"] else ""),
        timeline=order_events.timeline(session, order),
        requests=[request_state(r) for r in requests],
        return_deadline=iso_or_none(deadline), return_window_days=settings.return_window_days,
        merchant_name=settings.merchant_name, merchant_phone=settings.merchant_phone,
        received_at=iso(order.received_at), updated_at=iso(order.updated_at))
