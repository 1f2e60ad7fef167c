"""SQLAlchemy 2 models of the kiosk's local store.

Money is always integer minor units plus an ISO currency code. Personal data (contact name, phone,
address) is stored only encrypted (`*_enc` columns, AES-GCM, key outside the database) with a masked
copy for screens and receipts.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class ShipProfile(enum.StrEnum):
    IN_STOCK = "in_stock"
    PREORDER = "preorder"
    MADE_TO_ORDER = "made_to_order"


class OrderState(enum.StrEnum):
    PENDING_PAYMENT = "PENDING_PAYMENT"
    PAID = "PAID"
    SYNCED = "SYNCED"
    PAYMENT_FAILED = "PAYMENT_FAILED"
    PAYMENT_UNKNOWN = "PAYMENT_UNKNOWN"
    CANCELLED = "CANCELLED"
    PAID_ORPHAN = "PAID_ORPHAN"


class Fulfilment(enum.StrEnum):
    PICKUP = "pickup"
    DELIVERY = "delivery"


class PaymentState(enum.StrEnum):
    CREATED = "CREATED"
    PAID = "PAID"
    FAILED = "FAILED"
    CLOSED = "CLOSED"
    UNKNOWN = "UNKNOWN"


class OutboxState(enum.StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    QUARANTINED = "QUARANTINED"  # the store refused it: kept for staff, never dropped


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    # stored as the plain value; a CHECK keeps foreign strings out
    return Enum(cls, name=name, native_enum=False, values_callable=lambda e: [m.value for m in e],
                validate_strings=True, length=24)


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    icon: Mapped[str] = mapped_column(String(255), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    products: Mapped[list[Product]] = relationship(back_populates="category")


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price_minor >= 0", name="ck_products_price"),
        CheckConstraint("stock >= 0", name="ck_products_stock"),
        CheckConstraint("ship_min_days >= 0 AND ship_max_days >= ship_min_days",
                        name="ck_products_ship_days"),
        Index("ix_products_category_popularity", "category_id", "popularity"),
        Index("ix_products_category_price", "category_id", "price_minor"),
        Index("ix_products_category_rating", "category_id", "rating_avg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    name_zh: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128))
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    brand: Mapped[str] = mapped_column(String(64), default="")
    price_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    stock: Mapped[int] = mapped_column(Integer, default=0)
    ship_profile: Mapped[ShipProfile] = mapped_column(_enum(ShipProfile, "ship_profile"),
                                                      default=ShipProfile.IN_STOCK)
    ship_min_days: Mapped[int] = mapped_column(Integer, default=1)
    ship_max_days: Mapped[int] = mapped_column(Integer, default=3)
    popularity: Mapped[int] = mapped_column(Integer, default=0)
    # kept in step with reviews so sorting by rating never scans them
    rating_avg: Mapped[float] = mapped_column(default=0.0)
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    catalog_version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    category: Mapped[Category] = relationship(back_populates="products")
    specs: Mapped[list[ProductSpec]] = relationship(
        order_by="ProductSpec.position", cascade="all, delete-orphan", back_populates="product")
    images: Mapped[list[ProductImage]] = relationship(
        order_by="ProductImage.position", cascade="all, delete-orphan", back_populates="product")
    barcodes: Mapped[list[ProductBarcode]] = relationship(
        cascade="all, delete-orphan", back_populates="product")
    reviews: Mapped[list[Review]] = relationship(
        order_by="Review.created_on.desc()", cascade="all, delete-orphan", back_populates="product")


class ProductSpec(Base):
    """One row of the ordered key/value parameter table."""

    __tablename__ = "product_specs"
    __table_args__ = (UniqueConstraint("product_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key_zh: Mapped[str] = mapped_column(String(64))
    key_en: Mapped[str] = mapped_column(String(64))
    value_zh: Mapped[str] = mapped_column(String(255))
    value_en: Mapped[str] = mapped_column(String(255))

    product: Mapped[Product] = relationship(back_populates="specs")


class ProductImage(Base):
    __tablename__ = "product_images"
    __table_args__ = (UniqueConstraint("product_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    # "catalog/images/x.png" is relative to the shipped assets; "data:images/x.png" to the data dir
    path: Mapped[str] = mapped_column(String(255))

    product: Mapped[Product] = relationship(back_populates="images")


class ProductBarcode(Base):
    __tablename__ = "product_barcodes"

    gtin: Mapped[str] = mapped_column(String(14), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)

    product: Mapped[Product] = relationship(back_populates="barcodes")


class Review(Base):
    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="ck_reviews_rating"),
        Index("ix_reviews_product_date", "product_id", "created_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="zh_CN")
    created_on: Mapped[dt.date] = mapped_column(Date)
    author_masked: Mapped[str] = mapped_column(String(32))  # masked before it is stored

    product: Mapped[Product] = relationship(back_populates="reviews")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("total_minor >= 0", name="ck_orders_total"),
        Index("ix_orders_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    order_no: Mapped[str] = mapped_column(String(24), unique=True)
    state: Mapped[OrderState] = mapped_column(_enum(OrderState, "order_state"),
                                              default=OrderState.PENDING_PAYMENT)
    fulfilment: Mapped[Fulfilment] = mapped_column(_enum(Fulfilment, "fulfilment"), default=Fulfilment.PICKUP)
    store_status: Mapped[str] = mapped_column(String(24), default="")  # ACCEPTED, SHIPPED, ... from the store
    tracking_no: Mapped[str] = mapped_column(String(64), default="")
    currency: Mapped[str] = mapped_column(String(3))
    subtotal_minor: Mapped[int] = mapped_column(Integer)
    shipping_minor: Mapped[int] = mapped_column(Integer, default=0)
    total_minor: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(5), default="zh_CN")
    catalog_version: Mapped[int] = mapped_column(Integer, default=0)
    receipt_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    contact_name_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    contact_phone_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    address_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_masked: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    paid_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)  # newest first: recommendations
    pii_purged_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # the receipt's print, at most once: "" never tried, "sending" (a crash here leaves it unknown, so
    # it is never sent again by itself), then the printer's outcome (kiosk.devices.ports.JobOutcome)
    receipt_state: Mapped[str] = mapped_column(String(16), default="", server_default="")
    receipt_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # repeat shoppers in the reports: a salted hash of the phone (kiosk.analytics), never the number
    shopper_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")

    lines: Mapped[list[OrderLine]] = relationship(
        order_by="OrderLine.position", cascade="all, delete-orphan", back_populates="order")
    payments: Mapped[list[Payment]] = relationship(cascade="all, delete-orphan", back_populates="order")


class OrderLine(Base):
    """A cart line frozen at checkout: price and names are snapshots, not references."""

    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "position"),
        CheckConstraint("quantity > 0", name="ck_order_lines_quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    sku: Mapped[str] = mapped_column(String(32))
    name_zh: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128))
    unit_price_minor: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    line_total_minor: Mapped[int] = mapped_column(Integer)
    catalog_version: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[Order] = relationship(back_populates="lines")


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    payment_id: Mapped[str | None] = mapped_column(String(64), unique=True)  # the store's id
    method: Mapped[str] = mapped_column(String(16))  # wechat | alipay
    amount_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    state: Mapped[PaymentState] = mapped_column(_enum(PaymentState, "payment_state"),
                                                default=PaymentState.CREATED)
    code_url: Mapped[str] = mapped_column(String(512), default="")
    reference: Mapped[str] = mapped_column(String(64), default="")  # the provider's transaction id
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    order: Mapped[Order] = relationship(back_populates="payments")


class OutboxRow(Base):
    """One message for the store; `device_seq` is gap-free and assigned in the order's transaction."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_seq", "state", "device_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    device_seq: Mapped[int] = mapped_column(Integer, unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # e.g. order.paid
    order_uuid: Mapped[str] = mapped_column(String(36), index=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON, PII encrypted
    payload_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[OutboxState] = mapped_column(_enum(OutboxState, "outbox_state"),
                                               default=OutboxState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who did what and when; never personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(32))  # system | shopper | technician | store
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(64), default="")  # e.g. an order_uuid
    detail: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(16), default="", server_default="")  # ok | failed | refused


class SessionEvent(Base):
    """One step of a shopper session for the funnel report: an anonymous session id, never personal
    data (kinds in kiosk.session_events)."""

    __tablename__ = "session_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    session_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(64), default="")  # e.g. a product id


class Setting(Base):
    """Runtime settings and bookkeeping (catalog cursor, device seq counters, technician changes)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Together(Base):
    """"Often bought together": for a product, the products most often in the same order, best first
    (rank 0 ..). Derived data: the store computes it over every kiosk's orders and the catalog pull
    replaces it whole (kiosk.sync.catalog_pull); a removed product takes its rows with it."""

    __tablename__ = "together"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    orders: Mapped[int] = mapped_column(Integer, default=0)  # orders holding both


class OrderStatusCache(Base):
    """The store's last answer about an order looked up at this kiosk (kiosk.sync.order_lookup), shown
    with its age when the store cannot be reached. `answer` is protocol.OrderStatus as JSON with the
    contact already masked by the store: never personal data in clear."""

    __tablename__ = "order_status_cache"

    order_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    # kiosk.order_rules.order_number_key of its number: a typed number finds it offline
    order_key: Mapped[str] = mapped_column(String(32), index=True)
    answer: Mapped[str] = mapped_column(Text)
    # naive UTC: the store's clock as this kiosk knows it (its own, corrected by the learnt offset)
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime)
