"""What a shopper may do with an order after buying it (seed FAQ 3), in one place: the kiosk and the
order page ask these rules before they offer a button, and the store asks them again before it
accepts a request, so no screen can promise what the store would refuse.

- unpaid → the shopper edits contact, address and fulfilment directly and pays now (at the kiosk
  that holds the order: the store never hears of an unpaid order);
- paid, not shipped → a change request that the merchant approves or rejects;
- shipped, handed over, or in the return flow → locked, with the reason in plain words;
- delivered or picked up → a return or exchange may be requested within a window.

Proof of an order: its uuid (the receipt's QR), or its number plus the last 4 digits of the phone
or the 4-digit lookup code printed on the receipt. Pure Python: the store imports this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from kiosk.contact_rules import Problem, check_address, check_name, check_phone, clean, phone_digits
from kiosk.sync.protocol import FulfilmentStatus as F
from kiosk.sync.protocol import delivery_fee_minor

# --- the rules' vocabulary ---------------------------------------------------------------------------

# kiosk-side states of an order (kiosk.db.models.OrderState values), as plain strings: the store
# has no such enum, and these are what a lookup at the kiosk that made the order may show
UNPAID_EDITABLE = frozenset({"PAYMENT_FAILED", "CANCELLED"})  # no money taken, the payment closed
PAYING = frozenset({"PENDING_PAYMENT", "PAYMENT_UNKNOWN"})  # a payment is open or being checked
PAID_LOCAL = frozenset({"PAID", "SYNCED", "PAID_ORPHAN"})  # paid; the store's status says the rest

NOT_SHIPPED = frozenset({F.ACCEPTED, F.READY_FOR_PICKUP})
SHIPPED = frozenset({F.SHIPPED})
HANDED_OVER = frozenset({F.DELIVERED, F.PICKED_UP})
RETURN_FLOW = frozenset({F.RETURN_REQUESTED, F.RETURNED, F.REFUNDED})

CHANGE_FIELDS = ("contact_name", "contact_phone", "address", "fulfilment")
FULFILMENTS = ("pickup", "delivery")
RETURN_TYPES = ("return", "exchange")
RETURN_REASONS = ("quality", "wrong_item", "damaged", "other")
NOTE_MAX = 200  # what a shopper may add to a return in their own words

RETURN_WINDOW_DAYS = 7  # the default; kiosk `[after_sales] return_window_days`, store setting alike


class Stage(StrEnum):
    """What the shopper may do to the order's details now."""

    EDIT = "edit"  # unpaid: edit directly, then pay now
    REQUEST = "request"  # paid, not shipped: ask; the merchant decides
    LOCKED = "locked"  # see Locked for why


class Locked(StrEnum):
    """Why nothing can be changed; each has a plain sentence on every screen that shows it."""

    NONE = ""
    PAYING = "paying"  # a payment is open or being checked: wait for its outcome
    SHIPPED = "shipped"  # on its way: contact the merchant (or refuse the parcel)
    HANDED_OVER = "handed_over"  # delivered or picked up: a return is the way
    RETURNS = "returns"  # in the return flow
    PENDING = "pending"  # a change request is already waiting for the merchant
    EXPIRED = "expired"  # unpaid from an earlier business day: its prices are gone, shop again
    UNKNOWN = "unknown"  # a status this version does not know: change nothing


@dataclass(frozen=True)
class ModificationCheck:
    stage: Stage
    locked: Locked = Locked.NONE

    @property
    def allowed(self) -> bool:
        return self.stage is not Stage.LOCKED


def modification_check(status: str, *, pending_request: bool = False) -> ModificationCheck:
    """May the order's contact, address and fulfilment change, and how. `status` is the store's
    FulfilmentStatus when it is known, else the kiosk's own order state."""
    if status in UNPAID_EDITABLE:
        return ModificationCheck(Stage.EDIT)
    if status in PAYING:
        return ModificationCheck(Stage.LOCKED, Locked.PAYING)
    if status in RETURN_FLOW:
        return ModificationCheck(Stage.LOCKED, Locked.RETURNS)
    if status in SHIPPED:
        return ModificationCheck(Stage.LOCKED, Locked.SHIPPED)
    if status in HANDED_OVER:
        return ModificationCheck(Stage.LOCKED, Locked.HANDED_OVER)
    if status in NOT_SHIPPED or status in PAID_LOCAL:
        if pending_request:
            return ModificationCheck(Stage.LOCKED, Locked.PENDING)
        return ModificationCheck(Stage.REQUEST)
    return ModificationCheck(Stage.LOCKED, Locked.UNKNOWN)


class ReturnRefusal(StrEnum):
    NONE = ""
    NOT_YET = "not_yet"  # not delivered or picked up yet (before that, a change or a cancel is the way)
    WINDOW_OVER = "window_over"
    ALREADY = "already"  # in the return flow, or a return request is waiting


@dataclass(frozen=True)
class ReturnCheck:
    refusal: ReturnRefusal
    deadline: dt.datetime | None  # naive UTC: the last moment a return may be asked for

    @property
    def allowed(self) -> bool:
        return self.refusal is ReturnRefusal.NONE


def return_check(status: str, handed_over_at: dt.datetime | None, now: dt.datetime, *,
                 window_days: int = RETURN_WINDOW_DAYS, pending_request: bool = False) -> ReturnCheck:
    """May a return or exchange be asked for now. Times are naive UTC; `handed_over_at` is when the
    order became DELIVERED or PICKED_UP (None: not known, which counts as not yet)."""
    if status in RETURN_FLOW or pending_request:
        return ReturnCheck(ReturnRefusal.ALREADY, None)
    if status not in HANDED_OVER or handed_over_at is None:
        return ReturnCheck(ReturnRefusal.NOT_YET, None)
    deadline = handed_over_at + dt.timedelta(days=window_days)
    return ReturnCheck(ReturnRefusal.NONE if now <= deadline else ReturnRefusal.WINDOW_OVER, deadline)


# --- what a request may carry ------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactNow:
    """The order's contact and fulfilment as they stand (before the change)."""

    name: str = ""
    phone: str = ""
    address: str = ""
    fulfilment: str = "pickup"


def check_changes(changes: Mapping[str, object], current: ContactNow) -> dict[str, str]:
    """The problems of a change, by field ({} when it may be asked for): each given field is checked
    with the delivery form's own rules, and an order that will be delivered must end up with a name,
    a phone and an address. A change that changes nothing is refused too."""
    problems: dict[str, str] = {}
    unknown = set(changes) - set(CHANGE_FIELDS)
    for field in sorted(unknown):
        problems[field] = "unknown"
    checks = {"contact_name": check_name, "contact_phone": check_phone, "address": check_address}
    for field, check in checks.items():
        value = changes.get(field)
        if value is None:
            continue
        problem = check(value) if isinstance(value, str) else Problem.REQUIRED
        if problem is not Problem.NONE:
            problems[field] = str(problem)
    fulfilment = changes.get("fulfilment")
    if fulfilment is not None and fulfilment not in FULFILMENTS:
        problems["fulfilment"] = "unknown"
    if problems:
        return problems
    after = applied(changes, current)
    if after.fulfilment == "delivery":
        for field, value in (("contact_name", after.name), ("contact_phone", after.phone),
                             ("address", after.address)):
            if not value:
                problems[field] = str(Problem.REQUIRED)
    if not problems and after == current:
        problems["changes"] = "nothing"
    return problems


def applied(changes: Mapping[str, object], current: ContactNow) -> ContactNow:
    """The contact and fulfilment once the (checked) change is made, cleaned as the form cleans."""
    def text(field: str, old: str) -> str:
        value = changes.get(field)
        return value if isinstance(value, str) else old

    fulfilment = changes.get("fulfilment")
    return ContactNow(
        name=clean(text("contact_name", current.name)),
        phone=phone_digits(text("contact_phone", current.phone)),
        address=clean(text("address", current.address)),
        fulfilment=fulfilment if isinstance(fulfilment, str) and fulfilment in FULFILMENTS
        else current.fulfilment)


@dataclass(frozen=True)
class FeeChange:
    paid_minor: int  # the delivery fee the order was paid with
    new_minor: int  # the fee by the rule for the new fulfilment, on the same goods

    @property
    def difference_minor(self) -> int:
        """> 0: the shopper owes it; < 0: the store owes it back."""
        return self.new_minor - self.paid_minor


def fee_change(subtotal_minor: int, paid_shipping_minor: int, fulfilment_after: str) -> FeeChange:
    return FeeChange(paid_shipping_minor, delivery_fee_minor(fulfilment_after, subtotal_minor))


def check_return_lines(ordered: Mapping[str, int], asked: Mapping[str, int]) -> str:
    """"" when the lines may be returned: at least one, each a product of the order, at most as many
    as were bought."""
    if not asked:
        return "no lines"
    for sku, quantity in asked.items():
        if sku not in ordered:
            return f"{sku} is not in the order"
        if not 0 < quantity <= ordered[sku]:
            return f"{sku}: between 1 and {ordered[sku]}"
    return ""


def check_return(kind: str, reason: str, note: str) -> str:
    """"" when the return's kind, reason and note may be sent."""
    if kind not in RETURN_TYPES:
        return "unknown kind"
    if reason not in RETURN_REASONS:
        return "unknown reason"
    if len(note) > NOTE_MAX:
        return "note too long"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in note):
        return "note has control characters"
    return ""


# --- proof of an order ---------------------------------------------------------------------------

LOOKUP_CODE_DIGITS = 4
# repeated wrong proofs: per order number, and per kiosk (both sides count; the store's count is the
# one that holds across kiosks)
LOOKUP_FAILURES_PER_ORDER = 5
LOOKUP_FAILURES_PER_KIOSK = 20
LOOKUP_WINDOW_S = 15 * 60  # failures count for this long, and a throttled lookup waits this long at most

_RECEIPT_LINK = re.compile(r"/o/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
                           r"/?(?:[?#].*)?$")


def order_uuid_from_scan(text: str) -> str | None:
    """The order uuid in a scanned receipt QR (…/o/{uuid}, with or without a query), else None."""
    match = _RECEIPT_LINK.search(text.strip())
    return match.group(1).lower() if match else None


def order_number_key(typed: str) -> str:
    """What identifies a typed order number: its digits (K01-1207-0042 → 0112070042), so a shopper
    can type it on a digit keypad, with or without the letters and dashes."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", typed) if ch.isdigit())[:32]


def lookup_code(order_uuid: str) -> str:
    """The 4-digit code a receipt prints beside the order number, for orders without a phone; both
    sides derive it from the uuid (no one without the uuid can)."""
    digest = hashlib.sha256(f"order-lookup:{order_uuid.lower()}".encode()).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10 ** LOOKUP_CODE_DIGITS:0{LOOKUP_CODE_DIGITS}d}"


def proof_matches(order_uuid: str, phone: str, typed_code: str) -> bool:
    """True when `typed_code` is the last 4 digits of the order's phone or its lookup code."""
    typed = "".join(ch for ch in unicodedata.normalize("NFKC", typed_code) if ch.isdigit())
    if len(typed) != LOOKUP_CODE_DIGITS:
        return False
    digits = phone_digits(phone)
    by_phone = len(digits) >= LOOKUP_CODE_DIGITS and hmac.compare_digest(digits[-4:], typed)
    by_code = hmac.compare_digest(lookup_code(order_uuid), typed)
    return by_phone or by_code
