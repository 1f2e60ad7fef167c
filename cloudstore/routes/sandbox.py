"""Test-only payment controls, mounted only with `--sandbox-controls` (or CLOUDSTORE_SANDBOX_CONTROLS=1).

They stand in for what a real provider does on its own: a decline, a slow notification, a payment
that lands after the QR expired.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path
from pydantic import BaseModel, Field
from sqlalchemy import select

from cloudstore import payments
from cloudstore.models import SandboxPayment, utcnow
from cloudstore.routes.deps import DB

router = APIRouter(prefix="/sandbox", tags=["sandbox (test only)"])

PaymentId = Annotated[str, Path(min_length=1, max_length=40)]


class ForceIn(BaseModel):
    outcome: Literal["pay", "decline"]
    delay_s: float = Field(default=0, ge=0, le=3600)


def _find(session: Any, payment_id: str) -> SandboxPayment:
    p: SandboxPayment | None = session.get(SandboxPayment, payment_id)
    if p is None:
        raise HTTPException(404, detail="no such payment")
    return p


@router.post("/payments/{payment_id}/force")
def force(payment_id: PaymentId, body: ForceIn, db: DB) -> dict[str, Any]:
    """Settle as paid or declined now, or after `delay_s`; ignores expiry (a late payment)."""
    now = utcnow()
    with db.write() as session:
        p = _find(session, payment_id)
        payments.resolve(session, p, now)
        try:
            payments.force(session, p, body.outcome, body.delay_s, now)
        except payments.PaymentConflict as exc:
            raise HTTPException(409, detail=str(exc)) from None
        return payments.summary(p)


@router.post("/payments/{payment_id}/expire")
def expire(payment_id: PaymentId, db: DB) -> dict[str, Any]:
    """Make the QR expire now, so expiry paths need no waiting."""
    with db.write() as session:
        p = _find(session, payment_id)
        p.expires_at = min(p.expires_at, utcnow() - dt.timedelta(seconds=1))
        return payments.summary(p)


@router.get("/payments/by-order/{order_uuid}")
def by_order(order_uuid: Annotated[str, Path(max_length=36)], db: DB) -> list[dict[str, Any]]:
    """The payments of an order with their pay-page tokens (what a phone would read from the QR)."""
    with db.read() as session:
        rows = session.execute(select(SandboxPayment).where(SandboxPayment.order_uuid == order_uuid)
                               .order_by(SandboxPayment.created_at)).scalars()
        return [{**payments.summary(p), "token": p.token} for p in rows]


@router.get("/worker")
def worker() -> dict[str, int]:
    """Which store process answered: a keep-alive connection stays with one worker, so a test can pin a
    client to each of `serve --workers N`'s processes and send the same request to two of them."""
    return {"pid": os.getpid()}
