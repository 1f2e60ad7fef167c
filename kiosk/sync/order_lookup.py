"""A shopper's order after the purchase: find it (a scanned receipt QR, or its number plus the last 4
digits of the phone or the receipt's lookup code), follow it, ask for a change or a return.

The store is asked first (an order bought at another kiosk of the store is found there too); when it
cannot be reached, the last answer cached here is shown with its age, or, for an order made at this
kiosk, what this kiosk knows. Unpaid orders never reach the store: they are found here only, and
edited directly before they are paid (kiosk.order_rules says which is which).

Every method blocks on the network: the UI calls them from a worker thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.order_rules import ModificationCheck, ReturnCheck


class Source(StrEnum):
    STORE = "store"  # the store's answer, just now
    CACHE = "cache"  # the store's last answer, kept here: `as_of` says how old
    LOCAL = "local"  # only what this kiosk knows (the store never had it, or never answered)


@dataclass(frozen=True)
class TimelineStep:
    status: str  # protocol.TIMELINE_PLACED | TIMELINE_PAID | a FulfilmentStatus value
    at: dt.datetime  # naive UTC
    detail: str = ""  # the tracking number of SHIPPED


@dataclass(frozen=True)
class LineView:
    sku: str
    name_zh: str
    name_en: str
    quantity: int
    line_total_minor: int


@dataclass(frozen=True)
class RequestView:
    request_id: str
    kind: str  # modification | return
    status: str  # PENDING | APPROVED | REJECTED
    changes: dict[str, Any]  # as protocol.RequestState (contact values masked)
    note: str  # the merchant's
    created_at: dt.datetime
    decided_at: dt.datetime | None
    fee_difference_minor: int = 0


@dataclass(frozen=True)
class OrderView:
    """One order as the lookup screens show it; personal data masked."""

    order_uuid: str
    order_no: str
    status: str  # the store's FulfilmentStatus; for LOCAL orders the kiosk's OrderState value
    fulfilment: str  # pickup | delivery
    currency: str
    subtotal_minor: int
    shipping_minor: int
    total_minor: int
    lines: tuple[LineView, ...]
    contact_name: str  # masked
    contact_phone: str  # masked
    contact_address: str  # masked
    timeline: tuple[TimelineStep, ...]
    requests: tuple[RequestView, ...]
    tracking_no: str
    return_deadline: dt.datetime | None
    merchant_name: str
    merchant_phone: str
    source: Source
    as_of: dt.datetime  # naive UTC: when this was true (the store's answer, or now for LOCAL)
    modification: ModificationCheck  # kiosk.order_rules, on this view
    returns: ReturnCheck
    lookup_code: str = ""  # only for an order of this kiosk (it is printed on the receipt)


class Outcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"  # wrong number or code, or no such order: the same answer for both
    THROTTLED = "throttled"  # too many wrong tries: `retry_after_s`
    UNREACHABLE = "unreachable"  # the store did not answer and nothing is known here
    INVALID = "invalid"  # not an order number or code at all (nothing was asked)


@dataclass(frozen=True)
class LookupResult:
    outcome: Outcome
    order: OrderView | None = None
    retry_after_s: int = 0


class Sent(StrEnum):
    SENT = "sent"  # the store has the request (or had it already: same request_id)
    INVALID = "invalid"  # a field the rules refuse: `problems`
    REFUSED = "refused"  # the order's state does not allow it (`reason`): refresh and show why
    NOT_FOUND = "not_found"
    THROTTLED = "throttled"
    UNREACHABLE = "unreachable"  # nothing was changed; the shopper may try again


@dataclass(frozen=True)
class RequestResult:
    outcome: Sent
    request: RequestView | None = None
    problems: dict[str, str] = field(default_factory=dict)  # field → kiosk.contact_rules.Problem value
    reason: str = ""
