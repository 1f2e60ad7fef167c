"""Merchant queries shared by the admin API and the admin pages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from cloudstore.models import Device, OrderRequest, QuarantinedItem, StoreOrder


@dataclass(frozen=True)
class OrderFilter:
    device_id: str = ""
    status: str = ""
    flagged: bool = False
    query: str = ""  # order no or uuid prefix
    limit: int = 200


def orders_query(f: OrderFilter) -> Select[StoreOrder]:
    stmt = select(StoreOrder)
    if f.device_id:
        stmt = stmt.where(StoreOrder.device_id == f.device_id)
    if f.status:
        stmt = stmt.where(StoreOrder.status == f.status)
    if f.flagged:
        stmt = stmt.where(StoreOrder.audit_flags != "")
    if f.query:
        like = f.query.replace("%", "").replace("_", "") + "%"
        stmt = stmt.where(or_(StoreOrder.order_no.like(like), StoreOrder.order_uuid.like(like)))
    stmt = stmt.order_by(StoreOrder.received_at.desc(), StoreOrder.id.desc())
    return stmt.limit(max(1, min(f.limit, 1000)))


def list_orders(session: Session, f: OrderFilter) -> list[StoreOrder]:
    return list(session.execute(orders_query(f)).scalars())


def pending_requests(session: Session) -> list[OrderRequest]:
    return list(session.execute(select(OrderRequest).where(OrderRequest.status == "PENDING")
                                .order_by(OrderRequest.created_at)).scalars())


def recent_requests(session: Session, limit: int = 50) -> list[OrderRequest]:
    return list(session.execute(select(OrderRequest).where(OrderRequest.status != "PENDING")
                                .order_by(OrderRequest.decided_at.desc()).limit(limit)).scalars())


def quarantined(session: Session, limit: int = 200) -> list[QuarantinedItem]:
    return list(session.execute(select(QuarantinedItem).order_by(QuarantinedItem.id.desc())
                                .limit(limit)).scalars())


def devices(session: Session) -> list[Device]:
    return list(session.execute(select(Device).order_by(Device.name)).scalars())


def order_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(StoreOrder)).scalar_one())
