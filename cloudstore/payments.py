"""Payment sandbox modelled on WeChat Pay Native / Alipay precreate.

create → a `code_url` the kiosk shows as a QR and an expiry; the phone opens `/pay/{token}` and pays
or declines; the kiosk polls the status and closes the payment when it gives up. Paying twice is a
no-op (success is idempotent). After expiry the phone page refuses, but a sandbox control can still
force a late success: the kiosk must query once more before it closes, and a late payment wins.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudstore.models import SandboxPayment
from cloudstore.schemas import PaymentCreateIn, PaymentOut
from cloudstore.timefmt import iso, iso_or_none

CREATED, PAID, FAILED, CLOSED = "CREATED", "PAID", "FAILED", "CLOSED"


class PaymentConflict(Exception):
    def __init__(self, message: str, payment: SandboxPayment | None = None) -> None:
        super().__init__(message)
        self.payment = payment


def _settle(p: SandboxPayment, outcome: str, now: dt.datetime) -> None:
    if outcome == PAID:
        p.status, p.paid_at = PAID, now
        p.reference = p.reference or ("SBX" + secrets.token_hex(10).upper())
    else:
        p.status = FAILED
    p.pending_outcome = p.outcome_at = None


def resolve(p: SandboxPayment, now: dt.datetime) -> None:
    """Apply a delayed outcome whose time has come (a slow provider notification)."""
    if p.pending_outcome is not None and p.outcome_at is not None and p.outcome_at <= now \
            and p.status == CREATED:
        _settle(p, p.pending_outcome, p.outcome_at)


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
            resolve(existing, now)
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
    resolve(p, now)
    return p


def close(p: SandboxPayment, now: dt.datetime) -> None:
    resolve(p, now)
    if p.status == PAID:
        raise PaymentConflict("payment already succeeded", p)
    if p.status == CREATED:
        p.status, p.closed_at = CLOSED, now
        p.pending_outcome = p.outcome_at = None


def by_token(session: Session, token: str, now: dt.datetime) -> SandboxPayment | None:
    p = session.execute(select(SandboxPayment).where(SandboxPayment.token == token)).scalar_one_or_none()
    if p is not None:
        resolve(p, now)
    return p


def phone_action(p: SandboxPayment, action: str, now: dt.datetime) -> str:
    """What the phone's Pay / Decline does; returns the state to show: paid, declined, closed,
    expired or pending (a delayed outcome is on its way)."""
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
    _settle(p, PAID if action == "pay" else FAILED, now)
    return "paid" if p.status == PAID else "declined"


def force(p: SandboxPayment, outcome: str, delay_s: float, now: dt.datetime) -> None:
    """Sandbox control: settle now or after a delay, regardless of expiry (never after close)."""
    if p.status != CREATED:
        raise PaymentConflict(f"payment is {p.status}", p)
    final = PAID if outcome == "pay" else FAILED
    if delay_s > 0:
        p.pending_outcome, p.outcome_at = final, now + dt.timedelta(seconds=delay_s)
    else:
        _settle(p, final, now)


def summary(p: SandboxPayment) -> dict[str, Any]:
    return {"payment_id": p.id, "status": p.status, "amount_minor": p.amount_minor, "currency": p.currency}
