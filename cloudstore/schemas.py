"""Pydantic models of the HTTP API. They mirror the TypedDicts of `kiosk.sync.protocol` (a test keeps
the field names in step) and give FastAPI its validation and the published OpenAPI schema."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kiosk.sync.protocol import MAX_BATCH_ITEMS

Money = Field(ge=0, le=10**12)


class _Open(BaseModel):
    # kiosks newer than the store may send more fields; they are kept in the payload, not refused
    model_config = ConfigDict(extra="allow")


# --- orders ingest -------------------------------------------------------------------------------------


class OrderLineIn(_Open):
    position: int = Field(ge=0)
    sku: str = Field(min_length=1, max_length=32)
    name_zh: str = ""
    name_en: str = ""
    unit_price_minor: int = Money
    quantity: int = Field(gt=0, le=10_000)
    line_total_minor: int = Money
    catalog_version: int = 0


class OrderPayloadIn(_Open):
    order_uuid: str = Field(min_length=1, max_length=36)
    order_no: str = Field(min_length=1, max_length=24)
    currency: str = Field(min_length=3, max_length=3)
    subtotal_minor: int = Money
    shipping_minor: int = Field(default=0, ge=0, le=10**12)
    total_minor: int = Money
    lines: list[OrderLineIn] = Field(min_length=1, max_length=500)
    fulfilment: Literal["pickup", "delivery"] = "pickup"
    language: str = "zh_CN"
    catalog_version: int = 0
    receipt_no: str = ""
    created_at: str = ""
    paid_at: str = ""
    contact: dict[str, str] = Field(default_factory=dict)
    payment: dict[str, Any] = Field(default_factory=dict)


class BatchItemIn(BaseModel):
    device_seq: int = Field(ge=1, le=2**31 - 1)
    order_uuid: str = Field(min_length=1, max_length=64)
    kind: str = Field(min_length=1, max_length=32)
    payload: dict[str, Any]
    payload_hash: str | None = Field(default=None, max_length=64)


class BatchIn(BaseModel):
    items: list[BatchItemIn] = Field(min_length=1, max_length=MAX_BATCH_ITEMS)


class BatchItemOut(BaseModel):
    device_seq: int
    order_uuid: str
    status: Literal["created", "duplicate", "rejected"]
    reason: str | None = None


class BatchOut(BaseModel):
    results: list[BatchItemOut]
    highest_contiguous_seq: int
    max_seq: int
    gap: bool


# --- order status and requests ---------------------------------------------------------------------


class RequestOut(BaseModel):
    request_id: str
    order_uuid: str
    kind: Literal["modification", "return"]
    status: Literal["PENDING", "APPROVED", "REJECTED"]
    changes: dict[str, Any]
    reason: str
    note: str
    created_at: str
    decided_at: str | None


class OrderStatusOut(BaseModel):
    order_uuid: str
    order_no: str
    device_id: str
    status: str
    fulfilment: str
    tracking_no: str
    currency: str
    total_minor: int
    received_at: str
    updated_at: str
    requests: list[RequestOut]


class ModificationChanges(BaseModel):
    model_config = ConfigDict(extra="forbid")

    contact_name: str | None = Field(default=None, max_length=64)
    contact_phone: str | None = Field(default=None, max_length=32)
    address: str | None = Field(default=None, max_length=255)
    fulfilment: Literal["pickup", "delivery"] | None = None


class ModificationIn(BaseModel):
    request_id: str | None = Field(default=None, min_length=1, max_length=64)
    changes: ModificationChanges
    reason: str = Field(default="", max_length=500)


class ReturnLineIn(BaseModel):
    sku: str = Field(min_length=1, max_length=32)
    quantity: int = Field(gt=0, le=10_000)


class ReturnIn(BaseModel):
    request_id: str | None = Field(default=None, min_length=1, max_length=64)
    reason: str = Field(default="", max_length=500)
    lines: list[ReturnLineIn] = Field(default_factory=list, max_length=500)


# --- catalog ---------------------------------------------------------------------------------------


class CatalogChangeOut(BaseModel):
    entity: Literal["category", "product"]
    key: str
    op: Literal["upsert", "delete"]
    version: int
    data: dict[str, Any] | None = None


class CatalogChangesOut(BaseModel):
    changes: list[CatalogChangeOut]
    next_cursor: int
    has_more: bool


# --- payments --------------------------------------------------------------------------------------


class PaymentCreateIn(BaseModel):
    order_uuid: str = Field(min_length=1, max_length=36)
    amount_minor: int = Field(gt=0, le=10**12)
    currency: str = Field(min_length=3, max_length=3)
    method: Literal["wechat", "alipay"]
    description: str = Field(default="", max_length=128)
    out_trade_no: str | None = Field(default=None, min_length=1, max_length=64)


class PaymentOut(BaseModel):
    payment_id: str
    order_uuid: str
    out_trade_no: str
    method: str
    amount_minor: int
    currency: str
    status: Literal["CREATED", "PAID", "FAILED", "CLOSED"]
    code_url: str
    expires_at: str
    expired: bool
    paid_at: str | None
    reference: str


# --- fleet -----------------------------------------------------------------------------------------


class DeviceStatusIn(_Open):
    status: str = Field(min_length=1, max_length=24)
    detail: str = Field(default="", max_length=255)


class HeartbeatIn(BaseModel):
    queue_depth: int = Field(ge=0)
    oldest_pending_age_s: float = Field(ge=0)
    devices: dict[str, DeviceStatusIn] = Field(default_factory=dict, max_length=32)
    version: str = Field(default="", max_length=32)


class HeartbeatOut(BaseModel):
    ok: bool
    server_time: str


class AlertIn(BaseModel):
    alert_id: str = Field(min_length=1, max_length=64)
    kind: str = Field(min_length=1, max_length=64)
    severity: Literal["info", "warning", "critical"]
    message: str = Field(default="", max_length=2000)
    state: Literal["open", "resolved"] = "open"
    order_uuid: str = Field(default="", max_length=36)
    raised_at: str | None = None


class AlertOut(BaseModel):
    alert_id: str
    state: str


# --- admin -----------------------------------------------------------------------------------------


class DeviceCreateIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)


class DeviceCreatedOut(BaseModel):
    device_id: str
    name: str
    secret: str


class StatusChangeIn(BaseModel):
    status: str
    tracking_no: str = Field(default="", max_length=64)


class DecisionIn(BaseModel):
    approve: bool
    note: str = Field(default="", max_length=500)


class PurgeIn(BaseModel):
    through: int | None = Field(default=None, ge=0)
