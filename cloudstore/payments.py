"""Payment sandbox modelled on WeChat Pay Native / Alipay precreate.

create → a `code_url` the kiosk shows as a QR and an expiry; the phone opens `/pay/{token}` and pays
or declines; the kiosk polls the status and closes the payment when it gives up. Paying twice is a
no-op (success is idempotent). After expiry the phone page refuses, but a sandbox control can still
force a late success: the kiosk must query once more before it closes, and a late payment wins.

Settling and closing race: the phone's Pay, the kiosk's close, a sandbox force and a delayed outcome
coming due can all reach one payment at the same moment, from different requests (and processes).
Every move out of CREATED is therefore one conditional `UPDATE … WHERE status = 'CREATED'` (`_move`):
the first to commit wins, and the others, which PostgreSQL makes wait for that commit and then finds
the row no longer CREATED, update nothing, re-read the payment and answer from what the winner did.
SQLite serialises writers anyway (BEGIN IMMEDIATE); the same statement is right there too.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, select, update
from sqlalchemy.orm import Session

from cloudstore.models import SandboxPayment
from cloudstore.schemas import PaymentCreateIn, PaymentOut
from cloudstore.timefmt import iso, iso_or_none

CREATED, PAID, FAILED, CLOSED = "CREATED", "PAID", "FAILED", "CLOSED"


class PaymentConflict(Exception):
    def __init__(self, message: str, payment: SandboxPayment | None = None) -> None:
        super().__init__(message)
        self.payment = payment


def _move(session: Session, p: SandboxPayment, values: dict[str, Any], *also: ColumnElement[bool]) -> bool:
    """Set `values` on the payment only while it is still CREATED (and `also` holds), then re-read it.

    Returns whether this request made the move. False: another request settled, closed or changed it
    first, and `p` now shows what that request did.
    """
    result = cast(CursorResult[Any], session.execute(
        update(SandboxPayment).where(SandboxPayment.id == p.id, SandboxPayment.status == CREATED, *also)
        .values(**values).execution_options(synchronize_session=False)))
    session.refresh(p)
    return result.rowcount == 1


def _settled(p: SandboxPayment, outcome: str, when: dt.datetime) -> dict[str, Any]:
    """The column values of a payment that has just been paid or declined."""
    values: dict[str, Any] = {"pending_outcome": None, "outcome_at": None}
    if outcome == PAID:
        values |= {"status": PAID, "paid_at": when,
                   "reference": p.reference or ("SBX" + secrets.token_hex(10).upper())}
    else:
        values["status"] = FAILED
    return values


def resolve(session: Session, p: SandboxPayment, now: dt.datetime) -> None:
    """Apply a delayed outcome whose time has come (a slow provider notification)."""
    pending, due = p.pending_outcome, p.outcome_at
    if pending is not None and due is not None and due <= now and p.status == CREATED:
        _move(session, p, _settled(p, pending, due), SandboxPayment.pending_outcome == pending)


def to_out(p: SandboxPayment, base_url: str, now: dt.datetime) -> PaymentOut:
    return PaymentOut(
        payment_id=p.id, order_uuid=p.order_uuid, out_trade_no=p.out_trade_no, method=p.method,
        amount_minor=p.amount_minor, currency=p.currency, status=p.status,  # type: ignore[arg-type]
        code_url=f"{base_url.rstrip('/')}/pay/{p.token}", expires_at=iso(p.expires_at),
        expired=p.status == CREATED and now >= p.expires_at, paid_at=iso_or_none(p.paid_at),
        reference=p.reference)


def create(session: Session, device_id: str, body: PaymentCreateIn, now: dt.datetime,
           ttl_s: int) -> tuple[SandboxPayment, bool]:
    """Returns the payment and whether it is new; repeating an out_trade_no returns the same one."""
    if body.out_trade_no is not None:
        existing = session.execute(select(SandboxPayment).where(
            SandboxPayment.out_trade_no == body.out_trade_no)).scalar_one_or_none()
        if existing is not None:
            same = (existing.device_id, existing.order_uuid, existing.amount_minor, existing.currency,
                    existing.method) == (device_id, body.order_uuid, body.amount_minor, body.currency,
                                         body.method)
            if not same:
                raise PaymentConflict("out_trade_no already used for another payment")
            resolve(session, existing, now)
            return existing, False
    payment_id = "pay_" + secrets.token_hex(12)
    payment = SandboxPayment(
        id=payment_id, token=secrets.token_urlsafe(18), out_trade_no=body.out_trade_no or payment_id,
        device_id=device_id, order_uuid=body.order_uuid, method=body.method,
        amount_minor=body.amount_minor, currency=body.currency.upper(), description=body.description,
        status=CREATED, created_at=now, expires_at=now + dt.timedelta(seconds=ttl_s))
    session.add(payment)
    session.flush()
    return payment, True


def get_for_device(session: Session, device_id: str, payment_id: str,
                   now: dt.datetime) -> SandboxPayment | None:
    p = session.get(SandboxPayment, payment_id)
    if p is None or p.device_id != device_id:
        return None
    resolve(session, p, now)
    return p


def of_order(session: Session, device_id: str, order_uuid: str, now: dt.datetime) -> list[SandboxPayment]:
    """A device's payments of one order, newest first (what a kiosk that lost a payment's id asks for)."""
    found = session.execute(select(SandboxPayment).where(
        SandboxPayment.order_uuid == order_uuid, SandboxPayment.device_id == device_id)
        .order_by(SandboxPayment.created_at.desc(), SandboxPayment.id)).scalars().all()
    for p in found:
        resolve(session, p, now)
    return list(found)


def close(session: Session, p: SandboxPayment, now: dt.datetime) -> None:
    """Close an unpaid payment (a declined or closed one stays as it is); PaymentConflict when it was
    paid, even by a request that won the race against this one."""
    resolve(session, p, now)
    if p.status == CREATED:
        _move(session, p, {"status": CLOSED, "closed_at": now, "pending_outcome": None, "outcome_at": None})
    if p.status == PAID:
        raise PaymentConflict("payment already succeeded", p)


def by_token(session: Session, token: str, now: dt.datetime) -> SandboxPayment | None:
    p = session.execute(select(SandboxPayment).where(SandboxPayment.token == token)).scalar_one_or_none()
    if p is not None:
        resolve(session, p, now)
    return p


def phone_state(p: SandboxPayment, now: dt.datetime) -> str | None:
    """What the phone's page shows: paid, declined, closed, pending (a delayed outcome is on its way),
    expired, or None while the payment can still be paid."""
    if p.status == PAID:
        return "paid"
    if p.status == FAILED:
        return "declined"
    if p.status == CLOSED:
        return "closed"
    if p.pending_outcome is not None:
        return "pending"
    if now >= p.expires_at:
        return "expired"
    return None


def phone_action(session: Session, p: SandboxPayment, action: str, now: dt.datetime) -> str:
    """What the phone's Pay / Decline does; returns the state to show (`phone_state`)."""
    state = phone_state(p, now)
    if state is None:
        _move(session, p, _settled(p, PAID if action == "pay" else FAILED, now),
              SandboxPayment.pending_outcome.is_(None), SandboxPayment.expires_at > now)
        state = phone_state(p, now) or "pending"  # None only if it changed and changed back meanwhile
    return state


def force(session: Session, p: SandboxPayment, outcome: str, delay_s: float, now: dt.datetime) -> None:
    """Sandbox control: settle now or after a delay, regardless of expiry (never after close)."""
    if p.status != CREATED:
        raise PaymentConflict(f"payment is {p.status}", p)
    final = PAID if outcome == "pay" else FAILED
    if delay_s > 0:
        values = {"pending_outcome": final, "outcome_at": now + dt.timedelta(seconds=delay_s)}
    else:
        values = _settled(p, final, now)
    if not _move(session, p, values):
        raise PaymentConflict(f"payment is {p.status}", p)


def summary(p: SandboxPayment) -> dict[str, Any]:
    return {"payment_id": p.id, "status": p.status, "amount_minor": p.amount_minor, "currency": p.currency}
