"""The kiosk ↔ store wire contract: request signing, payload hashing and the JSON payload shapes.

Shared by the kiosk's sync client and the reference store (`cloudstore`), so it imports nothing but the
standard library and orjson (which both sides depend on). Every request carries `X-Device-Id`,
`X-Timestamp`, `X-Nonce` and
`X-Signature = hex(HMAC-SHA256(secret, method\\npath\\nts\\nnonce\\nhex(sha256(body))))`, where
`path` is the request target exactly as sent (path plus query string) and `ts` is Unix seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, NotRequired, TypedDict

import orjson

MAX_BATCH_ITEMS = 100
MAX_CLOCK_SKEW_S = 300

HEADER_DEVICE_ID = "X-Device-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"
SIGNED_HEADERS = (HEADER_DEVICE_ID, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)

# nonces are opaque to the store but bounded so the replay cache stays small
MAX_NONCE_LENGTH = 64

ORDER_PAID_KIND = "order.paid"


# --- signing -----------------------------------------------------------------------------------------


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def string_to_sign(method: str, target: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    return "\n".join((method.upper(), target, timestamp, nonce, body_digest(body))).encode()


def sign(secret: str, method: str, target: str, timestamp: str, nonce: str, body: bytes) -> str:
    return hmac.new(secret.encode(), string_to_sign(method, target, timestamp, nonce, body),
                    hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_hex(16)


def signed_headers(device_id: str, secret: str, method: str, target: str, body: bytes = b"", *,
                   now: float | None = None, nonce: str | None = None) -> dict[str, str]:
    """The four headers for one request; `now` is the caller's clock already corrected for offset."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = new_nonce() if nonce is None else nonce
    return {
        HEADER_DEVICE_ID: device_id,
        HEADER_TIMESTAMP: timestamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: sign(secret, method, target, timestamp, nonce, body),
    }


class SignatureError(Exception):
    """Why a signed request was refused; every case maps to HTTP 401."""


@dataclass(frozen=True)
class SignedRequest:
    """The signing headers of a request, read before the device's secret is known."""

    device_id: str
    timestamp: str
    nonce: str
    signature: str

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> SignedRequest:
        values = [headers.get(name) for name in SIGNED_HEADERS]
        missing = [name for name, value in zip(SIGNED_HEADERS, values, strict=True) if not value]
        if missing:
            raise SignatureError(f"missing header(s): {', '.join(missing)}")
        device_id, timestamp, nonce, signature = (str(v) for v in values)
        if not timestamp.isdigit():
            raise SignatureError("timestamp must be Unix seconds")
        if len(nonce) > MAX_NONCE_LENGTH:
            raise SignatureError("nonce too long")
        return cls(device_id, timestamp, nonce, signature)

    def verify(self, secret: str, method: str, target: str, body: bytes, *, now: float | None = None,
               max_skew_s: int = MAX_CLOCK_SKEW_S) -> None:
        """Raise SignatureError unless the signature matches and the timestamp is within the skew.

        Replay (a nonce seen before) is the verifier's to check: it needs shared state.
        """
        expected = sign(secret, method, target, self.timestamp, self.nonce, body)
        if not hmac.compare_digest(expected, self.signature.lower()):
            raise SignatureError("bad signature")
        current = time.time() if now is None else now
        if abs(current - int(self.timestamp)) > max_skew_s:
            raise SignatureError("timestamp outside the allowed clock skew")


# --- payload hashing -----------------------------------------------------------------------------------


def dumps(value: Any, *, sort_keys: bool = False) -> bytes:
    """Compact UTF-8 JSON, byte for byte what `json.dumps(value, separators=(",", ":"),
    ensure_ascii=False, sort_keys=…)` writes for JSON values without floats, several times faster.

    orjson refuses integers beyond 64 bits and non-string keys; the standard library writes those.
    Floats may be spelled differently (and NaN becomes null): payloads hold none, money being integer
    minor units.
    """
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False).encode()


def canonical_json(value: Any) -> bytes:
    """One byte string per JSON value: sorted keys, no spaces, UTF-8 (so zh text hashes as itself)."""
    return dumps(value, sort_keys=True)


def payload_hash(payload: Any) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()


# --- wire payloads -------------------------------------------------------------------------------------


class ItemStatus(StrEnum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


class FulfilmentStatus(StrEnum):
    """Where an order is on the store side; the kiosk shows these to the shopper."""

    ACCEPTED = "ACCEPTED"
    READY_FOR_PICKUP = "READY_FOR_PICKUP"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    PICKED_UP = "PICKED_UP"
    RETURN_REQUESTED = "RETURN_REQUESTED"
    RETURNED = "RETURNED"
    REFUNDED = "REFUNDED"


class PaymentStatus(StrEnum):
    CREATED = "CREATED"  # waiting for the shopper (WeChat NOTPAY, Alipay WAIT_BUYER_PAY)
    PAID = "PAID"
    FAILED = "FAILED"  # declined
    CLOSED = "CLOSED"


class OrderLine(TypedDict):
    position: int
    sku: str
    name_zh: str
    name_en: str
    unit_price_minor: int
    quantity: int
    line_total_minor: int
    catalog_version: NotRequired[int]


class Contact(TypedDict, total=False):
    name: str
    phone: str
    address: str


# The delivery fee. Part of the contract: the kiosk charges it and the store checks what was charged.
DELIVERY_FEE_MINOR = 1000  # 10.00 per delivery …
FREE_DELIVERY_FROM_MINOR = 9900  # … free for goods worth 99.00 or more


def delivery_fee_minor(fulfilment: str, subtotal_minor: int) -> int:
    """What getting the goods costs: pickup is free, and so is delivery of goods worth 99.00 or more."""
    if fulfilment != "delivery" or subtotal_minor >= FREE_DELIVERY_FROM_MINOR:
        return 0
    return DELIVERY_FEE_MINOR


class OrderPaymentInfo(TypedDict, total=False):
    payment_id: str
    method: str
    amount_minor: int
    reference: str


class OrderPayload(TypedDict):
    """The body of an `order.paid` outbox row; the store recomputes every total from the lines."""

    order_uuid: str
    order_no: str
    currency: str
    subtotal_minor: int
    shipping_minor: int
    total_minor: int
    lines: list[OrderLine]
    fulfilment: NotRequired[Literal["pickup", "delivery"]]
    language: NotRequired[str]
    catalog_version: NotRequired[int]
    receipt_no: NotRequired[str]
    created_at: NotRequired[str]  # ISO 8601, UTC
    paid_at: NotRequired[str]
    contact: NotRequired[Contact]
    payment: NotRequired[OrderPaymentInfo]


class BatchItem(TypedDict):
    """One outbox row as pushed; `payload_hash` is `payload_hash(payload)` and is re-checked."""

    device_seq: int
    order_uuid: str
    kind: str
    payload: dict[str, Any]
    payload_hash: NotRequired[str]


class BatchRequest(TypedDict):
    items: list[BatchItem]  # at most MAX_BATCH_ITEMS, in device_seq order


class BatchItemResult(TypedDict):
    device_seq: int
    order_uuid: str
    status: Literal["created", "duplicate", "rejected"]
    reason: NotRequired[str]


class BatchResponse(TypedDict):
    results: list[BatchItemResult]
    highest_contiguous_seq: int
    max_seq: int
    gap: bool  # some seq between the two is still missing


class CatalogChange(TypedDict):
    entity: Literal["category", "product"]
    key: str  # category code or product sku
    op: Literal["upsert", "delete"]
    version: int  # the change cursor at which this state was written
    data: NotRequired[dict[str, Any]]  # the whole document for an upsert; absent for a tombstone


class CatalogChangesResponse(TypedDict):
    changes: list[CatalogChange]
    next_cursor: int
    has_more: bool


# `GET /v1/catalog/together`: "often bought together", computed by the store over every kiosk's paid
# orders and pulled with the catalog (kiosk.sync.catalog_pull). Keyed by SKU: product ids are local.
TOGETHER_PATH = "/v1/catalog/together"
MAX_TOGETHER_TOP = 20
MAX_TOGETHER_PRODUCTS = 500_000
MAX_TOGETHER_ORDERS = 1_000_000_000
_SKU = re.compile(r"[^\s]{1,32}")


class TogetherEntry(TypedDict):
    sku: str
    orders: int  # paid orders holding both products


class CatalogTogether(TypedDict):
    top_n: int
    together: dict[str, list[TogetherEntry]]  # sku -> the SKUs bought with it, most orders first


class TogetherError(ValueError):
    pass


def check_together(value: Any) -> CatalogTogether:
    """The store's co-purchase lists checked strictly: exactly `top_n` (1..MAX_TOGETHER_TOP) and
    `together`; every SKU 1..32 characters without spaces; a list of at most top_n entries of exactly
    `sku` and `orders` (a whole number >= 1, not a boolean), never the product itself, no SKU twice,
    orders never increasing. Returns it as new plain values."""
    if not isinstance(value, dict) or set(value) != {"top_n", "together"}:
        raise TogetherError("together: must be an object with exactly 'top_n' and 'together'")
    top_n, lists = value["top_n"], value["together"]
    if type(top_n) is not int or not 1 <= top_n <= MAX_TOGETHER_TOP:
        raise TogetherError(f"together.top_n: must be a whole number 1..{MAX_TOGETHER_TOP}")
    if not isinstance(lists, dict):
        raise TogetherError("together.together: must be an object of sku: list")
    if len(lists) > MAX_TOGETHER_PRODUCTS:
        raise TogetherError(f"together.together: {len(lists)} products, at most {MAX_TOGETHER_PRODUCTS}")
    out: dict[str, list[TogetherEntry]] = {}
    for sku, entries in lists.items():
        where = f"together[{str(sku)[:40]!r}]"
        if not isinstance(sku, str) or not _SKU.fullmatch(sku):
            raise TogetherError(f"{where}: a SKU is 1..32 characters without spaces")
        if not isinstance(entries, list) or len(entries) > top_n:
            raise TogetherError(f"{where}: must be a list of at most {top_n} entries")
        checked: list[TogetherEntry] = []
        seen: set[str] = set()
        last = MAX_TOGETHER_ORDERS
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or set(entry) != {"sku", "orders"}:
                raise TogetherError(f"{where}[{i}]: must be an object with exactly 'sku' and 'orders'")
            other, orders = entry["sku"], entry["orders"]
            if not isinstance(other, str) or not _SKU.fullmatch(other):
                raise TogetherError(f"{where}[{i}].sku: a SKU is 1..32 characters without spaces")
            if other == sku or other in seen:
                raise TogetherError(f"{where}[{i}].sku: the product itself or a SKU named twice")
            if type(orders) is not int or not 1 <= orders <= last:
                raise TogetherError(f"{where}[{i}].orders: a whole number 1..{last} (most orders first)")
            seen.add(other)
            last = orders
            checked.append({"sku": other, "orders": orders})
        out[sku] = checked
    return {"top_n": top_n, "together": out}


class PaymentCreate(TypedDict):
    order_uuid: str
    amount_minor: int
    currency: str
    method: Literal["wechat", "alipay"]
    description: NotRequired[str]
    out_trade_no: NotRequired[str]  # merchant payment number; repeating it returns the same payment
    # the kiosk's time to pay: the payment expires when it ends (WeChat time_expire, Alipay timeout_express)
    expires_in_s: NotRequired[int]


class PaymentInfo(TypedDict):
    payment_id: str
    order_uuid: str
    out_trade_no: str
    method: str
    amount_minor: int
    currency: str
    status: Literal["CREATED", "PAID", "FAILED", "CLOSED"]
    code_url: str
    expires_at: str  # ISO 8601, UTC
    expired: bool
    paid_at: str | None
    reference: str  # the provider's transaction id once paid


class PaymentList(TypedDict):
    """`GET /v1/payments?order_uuid=`: this kiosk's payments of one order, newest first (none: [])."""

    payments: list[PaymentInfo]


class DeviceStatus(TypedDict):
    status: str  # DISCONNECTED, CONNECTING, READY, BUSY, WARNING, ERROR
    detail: NotRequired[str]


# The shopping funnel, step by step: how many shopper sessions reached each step (no personal data).
# A session counts once per step; the kiosk records them (kiosk.session_events) and sends each store
# day's counts with its heartbeat, so the store's admin page shows the same funnel fleet-wide.
FUNNEL_STEPS = ("session", "product_viewed", "added_to_cart", "qr_shown", "paid", "receipt_printed")


class FunnelDay(TypedDict):
    day: str  # the store's local day, YYYY-MM-DD
    counts: dict[str, int]  # FUNNEL_STEPS → sessions that reached the step that day


# what a store accepts in a heartbeat's funnel: the kiosk sends 7 days; a month leaves room, and no more
MAX_FUNNEL_DAYS = 31
MAX_FUNNEL_COUNT = 10_000_000  # sessions of one step on one day: far above any kiosk's
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class FunnelError(ValueError):
    """A heartbeat's `funnel` that does not have the FunnelDay shape; the message says where."""


def check_funnel(value: Any) -> list[FunnelDay]:
    """A heartbeat's `funnel` checked strictly: a list of at most MAX_FUNNEL_DAYS days, each
    `{"day": "YYYY-MM-DD", "counts": {step: n}}` with a real date, no day twice, only FUNNEL_STEPS as
    steps (any subset) and whole non-negative counts (not booleans). Returns it as new plain values."""
    if not isinstance(value, list):
        raise FunnelError("funnel: must be a list of days")
    if len(value) > MAX_FUNNEL_DAYS:
        raise FunnelError(f"funnel: {len(value)} days, at most {MAX_FUNNEL_DAYS}")
    days: list[FunnelDay] = []
    seen: set[str] = set()
    for i, entry in enumerate(value):
        where = f"funnel[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"day", "counts"}:
            raise FunnelError(f"{where}: must be an object with exactly 'day' and 'counts'")
        day, counts = entry["day"], entry["counts"]
        if not isinstance(day, str) or not _DAY.fullmatch(day):
            raise FunnelError(f"{where}.day: must be YYYY-MM-DD")
        try:
            dt.date.fromisoformat(day)
        except ValueError:
            raise FunnelError(f"{where}.day: {day} is no date") from None
        if day in seen:
            raise FunnelError(f"{where}.day: {day} given twice")
        seen.add(day)
        if not isinstance(counts, dict):
            raise FunnelError(f"{where}.counts: must be an object of step: sessions")
        checked: dict[str, int] = {}
        for step, n in counts.items():
            if step not in FUNNEL_STEPS:
                raise FunnelError(f"{where}.counts: unknown step {str(step)[:40]!r}")
            if type(n) is not int or not 0 <= n <= MAX_FUNNEL_COUNT:
                raise FunnelError(f"{where}.counts.{step}: must be a whole number 0..{MAX_FUNNEL_COUNT}")
            checked[step] = n
        days.append({"day": day, "counts": checked})
    return days


class Heartbeat(TypedDict):
    queue_depth: int
    oldest_pending_age_s: float
    devices: dict[str, DeviceStatus]  # "printer", "scanner", ...
    version: str
    # the last few store days' funnel counts (repeated: the store keeps the latest per device and day)
    funnel: NotRequired[list[FunnelDay]]


class Alert(TypedDict):
    alert_id: str  # client-generated; repeating it updates the same alert
    kind: str
    severity: Literal["info", "warning", "critical"]
    message: str
    state: NotRequired[Literal["open", "resolved"]]
    order_uuid: NotRequired[str]
    raised_at: NotRequired[str]


class AlertState(TypedDict):
    """`GET /v1/devices/{id}/alerts/{alert_id}`: whether staff have dealt with a kiosk's alert."""
    alert_id: str
    state: Literal["open", "resolved"]
    raised_at: str
    resolved_at: str | None  # ISO 8601 UTC, when staff resolved it on the fleet page


# --- after the purchase: lookup, change and return requests (rules: kiosk.order_rules) ------------

ORDER_LOOKUP_PATH = "/v1/orders:lookup"  # POST OrderLookup → 200 OrderStatus | 404 | 429 (Retry-After)
# GET /v1/orders/{uuid} → OrderStatus; POST /v1/orders/{uuid}/modifications (ModificationRequest) and
# POST /v1/orders/{uuid}/returns (ReturnRequest) → 201 (200 on a repeated request_id) RequestState,
# 404 unknown (the same answer whatever the reason), 409 refused by the rules ({"detail", "reason"}),
# 422 a field the rules refuse ({"detail": {"problems": {field: problem}}}), 429 too many failures

# timeline steps before the store's FulfilmentStatus ones
TIMELINE_PLACED = "PLACED"
TIMELINE_PAID = "PAID"


class OrderLookup(TypedDict):
    """Proof of an order typed on a keypad: its number (digits are enough, see
    kiosk.order_rules.order_number_key) and the last 4 digits of its phone or its receipt's code."""
    order_no: str
    code: str


class TimelineEntry(TypedDict):
    status: str  # TIMELINE_PLACED | TIMELINE_PAID | a FulfilmentStatus value
    at: str  # ISO 8601 UTC
    detail: str  # the tracking number of SHIPPED, else ""


class OrderStatusLine(TypedDict):
    sku: str
    name_zh: str
    name_en: str
    quantity: int
    line_total_minor: int


class MaskedContact(TypedDict):
    name: str  # 张*
    phone: str  # 138****8000
    address: str  # 上海市浦东新区****


class ModificationChanges(TypedDict, total=False):
    contact_name: str
    contact_phone: str
    address: str
    fulfilment: Literal["pickup", "delivery"]


class ModificationRequest(TypedDict):
    request_id: str  # client-generated: a retried request finds the first
    changes: ModificationChanges
    reason: NotRequired[str]


class ReturnLineRequest(TypedDict):
    sku: str
    quantity: int


class ReturnRequest(TypedDict):
    request_id: str
    type: Literal["return", "exchange"]
    reason: Literal["quality", "wrong_item", "damaged", "other"]
    note: NotRequired[str]  # the shopper's own words, at most kiosk.order_rules.NOTE_MAX
    lines: list[ReturnLineRequest]


class RequestState(TypedDict):
    request_id: str
    order_uuid: str
    kind: Literal["modification", "return"]
    status: Literal["PENDING", "APPROVED", "REJECTED"]
    # modification: the requested fields, contact values masked; return: type, reason, note, lines
    changes: dict[str, Any]
    reason: str
    note: str  # the merchant's note on the decision
    created_at: str
    decided_at: str | None
    fee_difference_minor: int  # modification: new delivery fee − paid one (> 0 owed by the shopper)


class OrderStatus(TypedDict):
    """An order as the store knows it, for the shopper who proved it is theirs."""
    order_uuid: str
    order_no: str
    device_id: str
    status: str  # FulfilmentStatus
    fulfilment: Literal["pickup", "delivery"]
    tracking_no: str
    currency: str
    subtotal_minor: int
    shipping_minor: int  # the delivery fee as it stands (after an approved change)
    total_minor: int
    lines: list[OrderStatusLine]
    contact: MaskedContact  # as it stands, masked
    timeline: list[TimelineEntry]  # oldest first
    requests: list[RequestState]  # oldest first
    return_deadline: str | None  # ISO 8601 UTC, once delivered or picked up
    return_window_days: int
    merchant_name: str
    merchant_phone: str  # how to reach the merchant when the order is locked ("" if none is set)
    received_at: str
    updated_at: str


# --- masking: what personal data may show on a kiosk's screen, a receipt or a store page ----------

_NOT_DIGITS = re.compile(r"\D")
# the region a Chinese address starts with: province, city, district (or county), each optional
_REGION = re.compile(r"(?:.{1,8}?(?:特别行政区|自治区|省))?(?:.{1,8}?(?:自治州|地区|市|盟))?"
                     r"(?:.{1,8}?(?:区|县|旗|市))?")
_MASK = "****"


def mask_phone(phone: str) -> str:
    """138****8000: the network prefix and the last four digits of a mobile number, nothing more;
    other numbers show only their last two digits."""
    digits = _NOT_DIGITS.sub("", phone)
    if len(digits) >= 11:
        digits = digits[-11:]
        return digits[:3] + _MASK + digits[-4:]
    if len(digits) > 2:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def mask_name(name: str) -> str:
    """张* / 张** / L*****y: enough for a shopper to recognise their own order, not to identify them."""
    name = name.strip()
    if not name:
        return ""
    if len(name) == 1:
        return name + "*"
    if name.isascii() and len(name) > 2:
        return name[0] + "*" * (len(name) - 2) + name[-1]
    return name[0] + "*" * (len(name) - 1)


def mask_address(address: str) -> str:
    """Only the region of an address: 上海市浦东新区**** for a Chinese address (up to its district,
    never a street or a number); for one written with commas, its last two parts (district, city),
    provided they hold no number. Anything else shows nothing but the mask."""
    address = address.strip()
    head = re.split(r"[\d０-９,，(（#]", address, maxsplit=1)[0]  # before any street number or detail
    region = _REGION.match(head)
    if region is not None and region.group():
        return region.group() + _MASK
    parts = [part.strip() for part in re.split(r"[,，]", address) if part.strip()]
    tail = parts[-2:] if len(parts) >= 3 else parts[-1:] if len(parts) == 2 else []
    if tail and not any(_NOT_DIGITS.sub("", part) for part in tail):
        return _MASK + ", " + ", ".join(tail)
    return _MASK
