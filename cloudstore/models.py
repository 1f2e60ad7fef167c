"""SQLAlchemy 2 models of the central store.

Times are naive UTC. Money is integer minor units plus an ISO currency code. The catalog keeps a
tombstone (`deleted`) per removed row and a global change counter (`catalog_meta.head`) so kiosks can
pull deltas by cursor.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # ingest bookkeeping: every seq up to contiguous_seq has arrived (as an order or in quarantine)
    contiguous_seq: Mapped[int] = mapped_column(Integer, default=0)
    max_seq: Mapped[int] = mapped_column(Integer, default=0)
    # fleet health, from the last heartbeat
    last_heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    queue_depth: Mapped[int] = mapped_column(Integer, default=0)
    oldest_pending_age_s: Mapped[float] = mapped_column(Float, default=0.0)
    device_statuses: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[str] = mapped_column(String(32), default="")


class RequestNonce(Base):
    """Nonces seen inside the skew window; a repeat is a replay."""

    __tablename__ = "request_nonces"

    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class StoreOrder(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("device_id", "device_seq", name="uq_orders_device_seq"),
        Index("ix_orders_status_received", "status", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    device_seq: Mapped[int] = mapped_column(Integer)
    order_no: Mapped[str] = mapped_column(String(24), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]]
    payload_hash: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(Integer)  # as the kiosk claimed it
    computed_total_minor: Mapped[int] = mapped_column(Integer)  # as the store recomputed it
    audit_flags: Mapped[str] = mapped_column(String(255), default="")  # empty unless it needs a look
    fulfilment: Mapped[str] = mapped_column(String(16), default="pickup")
    status: Mapped[str] = mapped_column(String(24), default="ACCEPTED")
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # when the shopper paid, for the reports: the kiosk's paid_at, never later than received_at
    paid_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # repeat shoppers in the reports: HMAC-SHA256 of the phone under the store's salt file
    # (cloudstore.shoppers); "" when the order has no phone. Never the number itself.
    shopper_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # the digits of order_no (kiosk.order_rules.order_number_key): what a shopper types to look it up;
    # kiosks' prefixes differ, so several orders may share it and the proof picks among them
    order_key: Mapped[str] = mapped_column(String(32), index=True, default="", server_default="")


class QuarantinedItem(Base):
    """A pushed outbox row the store refused: kept for a person to look at, never dropped."""

    __tablename__ = "quarantine"
    __table_args__ = (UniqueConstraint("device_id", "device_seq", "payload_hash", name="uq_quarantine_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    device_seq: Mapped[int] = mapped_column(Integer)
    order_uuid: Mapped[str] = mapped_column(String(64), index=True)
    payload_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # as received, even when it is not a valid order
    reason: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OrderRequest(Base):
    """A shopper's modification or return request, decided by the merchant."""

    __tablename__ = "order_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[str] = mapped_column(String(64), unique=True)
    order_uuid: Mapped[str] = mapped_column(ForeignKey("orders.order_uuid"), index=True)
    device_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # modification | return
    status: Mapped[str] = mapped_column(String(16), default="PENDING", index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reason: Mapped[str] = mapped_column(Text, default="")
    prior_status: Mapped[str] = mapped_column(String(24), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # a modification: the delivery fee by the rule after the change minus the fee as it stood
    # (> 0 the shopper owes it, < 0 the store refunds it); recomputed when it is approved
    fee_difference_minor: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SandboxPayment(Base):
    __tablename__ = "payments"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # the secret part of code_url
    out_trade_no: Mapped[str] = mapped_column(String(64), unique=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    order_uuid: Mapped[str] = mapped_column(String(36), index=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    description: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[str] = mapped_column(String(16), default="CREATED")
    reference: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    paid_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # sandbox: an outcome the phone chose that becomes visible only at outcome_at (a slow notification)
    pending_outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class DeviceAlert(Base):
    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("device_id", "alert_id", name="uq_alerts_device_alert"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    alert_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    order_uuid: Mapped[str] = mapped_column(String(36), default="")
    raised_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CatalogMeta(Base):
    """One row: the last change cursor issued and how far tombstones have been purged."""

    __tablename__ = "catalog_meta"

    id: Mapped[int] = mapped_column(primary_key=True)
    head: Mapped[int] = mapped_column(Integer, default=0)
    purged_through: Mapped[int] = mapped_column(Integer, default=0)


class Category(Base):
    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    icon: Mapped[str] = mapped_column(String(255), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)  # fields the store does not interpret
    change_seq: Mapped[int] = mapped_column(Integer, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Product(Base):
    """A product document; specs, images, barcodes and reviews travel with it as JSON lists."""

    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(32), primary_key=True)
    category_code: Mapped[str] = mapped_column(String(32), index=True)
    name_zh: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    brand_zh: Mapped[str] = mapped_column(String(64), default="")
    brand_en: Mapped[str] = mapped_column(String(64), default="")
    price_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    stock: Mapped[int] = mapped_column(Integer, default=0)
    ship_profile: Mapped[str] = mapped_column(String(24), default="in_stock")
    ship_min_days: Mapped[int] = mapped_column(Integer, default=1)
    ship_max_days: Mapped[int] = mapped_column(Integer, default=3)
    popularity: Mapped[int] = mapped_column(Integer, default=0)
    rating_avg: Mapped[float] = mapped_column(Float, default=0.0)
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    specs: Mapped[list[Any]] = mapped_column(default=list)
    images: Mapped[list[Any]] = mapped_column(default=list)
    barcodes: Mapped[list[Any]] = mapped_column(default=list)
    reviews: Mapped[list[Any]] = mapped_column(default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)  # e.g. "art"; passed through untouched
    change_seq: Mapped[int] = mapped_column(Integer, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class FunnelCount(Base):
    """A kiosk's shopping funnel: sessions that reached `step` on the store's local `day`
    (YYYY-MM-DD), as its latest heartbeat reported them."""

    __tablename__ = "funnel_counts"

    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)
    step: Mapped[str] = mapped_column(String(24), primary_key=True)
    sessions: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OrderEvent(Base):
    """A status an order moved to on the store (the timeline's steps after ACCEPTED), oldest first."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_uuid: Mapped[str] = mapped_column(ForeignKey("orders.order_uuid"), index=True)
    status: Mapped[str] = mapped_column(String(24))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    detail: Mapped[str] = mapped_column(String(64), default="")  # SHIPPED: the tracking number


class LookupFailure(Base):
    """A failed proof of an order (a wrong code, an unknown number or uuid), counted per scope:
    "device:<id>" and "order:<digits>" (cloudstore.order_lookup). In the database, so the throttle
    holds across workers and restarts; rows older than the window are pruned."""

    __tablename__ = "lookup_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(80), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class StaffUser(Base):
    """A person who signs in to the admin pages: a merchant (everything) or a technician (the fleet).
    The password is an argon2id hash (cloudstore.accounts)."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class StaffSession(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is kept here, so a copy
    of the database opens no session. In the database, so any worker process serves any request."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginFailure(Base):
    """A failed sign-in, counted per scope: "user:<name>" and "addr:<client address>"."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(120), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class LoginCode(Base):
    """A one-time sign-in code (the demo controls' link): its SHA-256, its user, when it expires and
    when it was used (once)."""

    __tablename__ = "login_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """One admin action: who (the user's name, kept when the user is removed), what, on what, the
    result, when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(120), default="")
    result: Mapped[str] = mapped_column(String(200), default="")
