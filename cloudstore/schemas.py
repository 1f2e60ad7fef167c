"""Pydantic models of the HTTP API. They mirror the TypedDicts of `kiosk.sync.protocol` (a test keeps
the field names in step) and give FastAPI its validation and the published OpenAPI schema."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

from kiosk.sync.protocol import FUNNEL_STEPS, MAX_BATCH_ITEMS, MAX_FUNNEL_COUNT, MAX_FUNNEL_DAYS

Money = Field(ge=0, le=10**12)


class _Open(BaseModel):
    # kiosks newer than the store may send more fields; they are kept in the payload, not refused
    model_config = ConfigDict(extra="allow")


# --- orders ingest -------------------------------------------------------------------------------------


# The order payload is validated as TypedDicts, not models: on the ingest route that is six times
# faster, and the checked payload stays the plain dict that is hashed and stored.
_PayloadConfig = ConfigDict(extra="allow", strict=True)
MoneyInt = Annotated[int, Money]


@with_config(_PayloadConfig)
class OrderLineIn(TypedDict):
    position: Annotated[int, Field(ge=0)]
    sku: Annotated[str, Field(min_length=1, max_length=32)]
    name_zh: NotRequired[str]
    name_en: NotRequired[str]
    unit_price_minor: MoneyInt
    quantity: Annotated[int, Field(gt=0, le=10_000)]
    line_total_minor: MoneyInt
    catalog_version: NotRequired[int]


@with_config(_PayloadConfig)
class OrderPayloadIn(TypedDict):
    order_uuid: Annotated[str, Field(min_length=1, max_length=36)]
    order_no: Annotated[str, Field(min_length=1, max_length=24)]
    currency: Annotated[str, Field(min_length=3, max_length=3)]
    subtotal_minor: MoneyInt
    shipping_minor: NotRequired[MoneyInt]
    total_minor: MoneyInt
    lines: Annotated[list[OrderLineIn], Field(min_length=1, max_length=500)]
    fulfilment: NotRequired[Literal["pickup", "delivery"]]
    language: NotRequired[str]
    catalog_version: NotRequired[int]
    receipt_no: NotRequired[str]
    created_at: NotRequired[str]
    paid_at: NotRequired[str]
    contact: NotRequired[dict[str, str]]
    payment: NotRequired[dict[str, Any]]


# a chunk of payloads in one call; an error's loc starts with the payload's index in the chunk
order_payloads = TypeAdapter(list[OrderPayloadIn])


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
    """Wire shape: kiosk.sync.protocol.RequestState."""
    request_id: str
    order_uuid: str
    kind: Literal["modification", "return"]
    status: Literal["PENDING", "APPROVED", "REJECTED"]
    changes: dict[str, Any]
    reason: str
    note: str
    created_at: str
    decided_at: str | None
    fee_difference_minor: int = 0


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


# The fields' lengths are generous on purpose: kiosk.order_rules checks what a shopper typed and answers
# 422 {"detail": {"problems": {field: problem}}}; these limits only bound the size of a body.
class ModificationChanges(BaseModel):
    """Wire shape: kiosk.sync.protocol.ModificationChanges."""
    model_config = ConfigDict(extra="forbid")

    contact_name: str | None = Field(default=None, max_length=1000)
    contact_phone: str | None = Field(default=None, max_length=1000)
    address: str | None = Field(default=None, max_length=1000)
    fulfilment: Literal["pickup", "delivery"] | None = None


class ModificationIn(BaseModel):
    """Wire shape: kiosk.sync.protocol.ModificationRequest."""
    request_id: str = Field(min_length=1, max_length=64)
    changes: ModificationChanges
    reason: str = Field(default="", max_length=500)


class ReturnLineIn(BaseModel):
    """Wire shape: kiosk.sync.protocol.ReturnLineRequest."""
    sku: str = Field(min_length=1, max_length=32)
    quantity: int = Field(gt=0, le=10_000)


class ReturnIn(BaseModel):
    """Wire shape: kiosk.sync.protocol.ReturnRequest."""
    request_id: str = Field(min_length=1, max_length=64)
    type: Literal["return", "exchange"]
    reason: Literal["quality", "wrong_item", "damaged", "other"]
    note: str = Field(default="", max_length=1000)
    lines: list[ReturnLineIn] = Field(max_length=500)


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


class TogetherEntryOut(BaseModel):
    sku: str
    orders: int


class CatalogTogetherOut(BaseModel):
    """`GET /v1/catalog/together` (kiosk.sync.protocol.CatalogTogether)."""

    top_n: int
    together: dict[str, list[TogetherEntryOut]]


# --- payments --------------------------------------------------------------------------------------


class PaymentCreateIn(BaseModel):
    order_uuid: str = Field(min_length=1, max_length=36)
    amount_minor: int = Field(gt=0, le=10**12)
    currency: str = Field(min_length=3, max_length=3)
    method: Literal["wechat", "alipay"]
    description: str = Field(default="", max_length=128)
    out_trade_no: str | None = Field(default=None, min_length=1, max_length=64)
    expires_in_s: int | None = Field(default=None, ge=1, le=3600)  # else the store's payment_ttl_s


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


class PaymentListOut(BaseModel):
    payments: list[PaymentOut]  # newest first


# --- fleet -----------------------------------------------------------------------------------------


class DeviceStatusIn(_Open):
    status: str = Field(min_length=1, max_length=24)
    detail: str = Field(default="", max_length=255)


_FUNNEL_SCHEMA: dict[str, Any] = {
    "type": "array", "maxItems": MAX_FUNNEL_DAYS,
    "items": {"type": "object", "required": ["day", "counts"], "additionalProperties": False, "properties": {
        "day": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
        "counts": {"type": "object", "additionalProperties": False, "properties": {
            step: {"type": "integer", "minimum": 0, "maximum": MAX_FUNNEL_COUNT} for step in FUNNEL_STEPS}}}}}


class HeartbeatIn(BaseModel):
    queue_depth: int = Field(ge=0)
    oldest_pending_age_s: float = Field(ge=0)
    devices: dict[str, DeviceStatusIn] = Field(default_factory=dict, max_length=32)
    version: str = Field(default="", max_length=32)
    # checked by `kiosk.sync.protocol.check_funnel` in the handler, not here: a malformed funnel loses
    # the funnel only (the answer's funnel_error says why), never the kiosk's health report
    funnel: Any = Field(default=None, json_schema_extra=_FUNNEL_SCHEMA,
                        description="The last few store days' funnel counts (FunnelDay list)")


class HeartbeatOut(BaseModel):
    ok: bool
    server_time: str
    funnel_error: str | None = None  # why the heartbeat's funnel was not stored (the rest was)


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


# --- after the purchase: an order a kiosk proved (kiosk.sync.protocol, "after the purchase") --------


class OrderLookupIn(BaseModel):
    """Wire shape: kiosk.sync.protocol.OrderLookup."""
    order_no: str = Field(min_length=1, max_length=64)  # as typed: only its digits count
    code: str = Field(min_length=1, max_length=16)  # last 4 of the phone, or the receipt's lookup code


class TimelineEntryOut(BaseModel):
    """Wire shape: kiosk.sync.protocol.TimelineEntry."""
    status: str
    at: str
    detail: str


class OrderStatusLineOut(BaseModel):
    """Wire shape: kiosk.sync.protocol.OrderStatusLine."""
    sku: str
    name_zh: str
    name_en: str
    quantity: int
    line_total_minor: int


class MaskedContactOut(BaseModel):
    """Wire shape: kiosk.sync.protocol.MaskedContact."""
    name: str
    phone: str
    address: str


class ShopperOrderOut(BaseModel):
    """Wire shape: kiosk.sync.protocol.OrderStatus: the order as the shopper who proved it sees it."""
    order_uuid: str
    order_no: str
    device_id: str
    status: str
    fulfilment: Literal["pickup", "delivery"]
    tracking_no: str
    currency: str
    subtotal_minor: int
    shipping_minor: int
    total_minor: int
    lines: list[OrderStatusLineOut]
    contact: MaskedContactOut
    timeline: list[TimelineEntryOut]
    requests: list[RequestOut]
    return_deadline: str | None
    return_window_days: int
    merchant_name: str
    merchant_phone: str
    received_at: str
    updated_at: str
