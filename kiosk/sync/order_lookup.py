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
import json
import logging
import math
import re
import threading
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import httpx
from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from kiosk.contact_rules import Problem, check_address, check_name, check_phone, clean, phone_digits
from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment, Order, OrderStatusCache, Setting
from kiosk.order_rules import (
    FULFILMENTS,
    HANDED_OVER,
    LOOKUP_CODE_DIGITS,
    LOOKUP_FAILURES_PER_KIOSK,
    LOOKUP_FAILURES_PER_ORDER,
    LOOKUP_WINDOW_S,
    PAID_LOCAL,
    RETURN_WINDOW_DAYS,
    ContactNow,
    Locked,
    ModificationCheck,
    ReturnCheck,
    Stage,
    check_changes,
    check_return,
    check_return_lines,
    lookup_code,
    modification_check,
    order_number_key,
    order_uuid_from_scan,
    proof_matches,
    return_check,
)
from kiosk.orders import Contact, OrderBook, OrderError
from kiosk.pii import PiiError
from kiosk.sync import protocol
from kiosk.sync.client import SyncClient, retry_after_s
from kiosk.sync.protocol import (
    ORDER_LOOKUP_PATH,
    TIMELINE_PAID,
    TIMELINE_PLACED,
    canonical_json,
    delivery_fee_minor,
    mask_address,
    mask_name,
    mask_phone,
)

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT_S = 8.0  # a shopper waits at the screen: an answer later than this counts as none
CACHE_KEEP_DAYS = 180  # the store's answers older than this are dropped from the cache
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_FAILURES_KIOSK = "lookup_failures:kiosk"
_FAILURES_ORDER = "lookup_failures:order:"  # + kiosk.order_rules.order_number_key


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
    retry_after_s: int = 0  # THROTTLED: when to try again


@dataclass(frozen=True)
class _Reply:
    """One answer of the store: its status code (0: none came) and JSON body (None: none, or not JSON)."""

    code: int
    body: Any = None
    retry_after_s: int = 0
    detail: str = ""  # for the log


@dataclass(frozen=True)
class _Known:
    """The store's answer about an order: fresh, or from the cache with the time it was fetched."""

    status: protocol.OrderStatus
    fetched_at: dt.datetime


class OrderLookup:
    """Find, follow and change a shopper's order (see the module's docstring). Safe to share between
    threads; every method blocks on the network and none raises for network trouble or odd answers."""

    def __init__(self, db: Database, orders: OrderBook, client: SyncClient | None, *,
                 clock: Callable[[], dt.datetime] | None = None, timeout_s: float = LOOKUP_TIMEOUT_S) -> None:
        self.db = db
        self.orders = orders
        self.client = client
        self.clock = clock or orders.clock  # the kiosk's own clock, naive UTC
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        # request ids of requests sent without an answer: the same request sent again reuses its id, so
        # the store takes it once however often the answer was lost
        self._unanswered: dict[str, str] = {}

    def now(self) -> dt.datetime:
        """The store's time as this kiosk knows it: its own clock corrected by the offset learnt from the
        store's `Date` header (kiosk.sync.client), so return windows hold on a kiosk whose clock is off."""
        offset = self.client.offset_s if self.client is not None else 0.0
        return self.clock() + dt.timedelta(seconds=offset)

    # --- finding an order ------------------------------------------------------------------------

    def by_receipt(self, scanned: str) -> LookupResult:
        order_uuid = order_uuid_from_scan(scanned)
        if order_uuid is None:
            return self._logged("receipt", LookupResult(Outcome.INVALID))
        return self._logged("receipt", self._by_uuid(order_uuid))

    def refresh(self, order_uuid: str) -> LookupResult:
        order_uuid = order_uuid.strip().lower()
        if not _UUID.fullmatch(order_uuid):
            return self._logged("refresh", LookupResult(Outcome.INVALID))
        return self._logged("refresh", self._by_uuid(order_uuid))

    def by_number(self, order_no: str, code: str) -> LookupResult:
        key = order_number_key(order_no)
        typed = unicodedata.normalize("NFKC", code).strip()
        if not key or len(typed) != LOOKUP_CODE_DIGITS or not (typed.isascii() and typed.isdigit()):
            return self._logged("number", LookupResult(Outcome.INVALID))
        return self._logged("number", self._by_number(key, typed))

    def _by_uuid(self, order_uuid: str) -> LookupResult:
        local = self._local(order_uuid)
        if local is not None and local.state.value not in PAID_LOCAL:
            return self._found_local(local)  # unpaid: the store never hears of it
        reply = self._call("GET", f"/v1/orders/{order_uuid}")
        if reply.code == 200:
            known = self._checked(reply.body, order_uuid)
            if known is not None:
                return LookupResult(Outcome.FOUND, self._store_view(known, Source.STORE))
        elif reply.code == 404:
            # a paid order the store has not received yet is still this kiosk's to show
            return self._found_local(local) if local is not None else LookupResult(Outcome.NOT_FOUND)
        elif reply.code == 429:
            return LookupResult(Outcome.THROTTLED, retry_after_s=reply.retry_after_s)
        return self._offline(order_uuid, local)

    def _by_number(self, key: str, code: str) -> LookupResult:
        locals_ = self._local_by_key(key)
        cached = self._cached_by_key(key)
        mine = bool(locals_ or cached)  # this kiosk can check the proof itself: it counts wrong ones
        if mine:
            wait_s = self._throttled(key)
            if wait_s:
                return LookupResult(Outcome.THROTTLED, retry_after_s=wait_s)
        proven = [o for o in locals_ if self._proves(o, code)]
        unpaid = next((o for o in proven if o.state.value not in PAID_LOCAL), None)
        if unpaid is not None:
            return self._found_local(unpaid)  # the store never has an unpaid order
        reply = self._call("POST", ORDER_LOOKUP_PATH, {"order_no": key, "code": code})
        if reply.code == 200:
            known = self._checked(reply.body)
            if known is not None and order_number_key(known.status["order_no"]) == key:
                return LookupResult(Outcome.FOUND, self._store_view(known, Source.STORE))
            if known is not None:
                log.warning("order lookup: the store answered another order's number; taken as no answer")
        elif reply.code == 404:
            if proven:  # paid here, not at the store yet
                return self._found_local(proven[0])
            if mine:
                self._count_failure(key)
            return LookupResult(Outcome.NOT_FOUND)
        elif reply.code == 429:
            return LookupResult(Outcome.THROTTLED, retry_after_s=reply.retry_after_s)
        # the store cannot say: what this kiosk knows, with the same proof
        for known in cached:
            if proof_matches(known.status["order_uuid"], known.status["contact"]["phone"], code) or any(
                    o.order_uuid == known.status["order_uuid"] for o in proven):
                return LookupResult(Outcome.FOUND, self._store_view(known, Source.CACHE))
        if proven:
            return self._found_local(proven[0])
        if mine:
            self._count_failure(key)
            return LookupResult(Outcome.NOT_FOUND)
        return LookupResult(Outcome.UNREACHABLE)

    def _offline(self, order_uuid: str, local: Order | None) -> LookupResult:
        known = self._cached(order_uuid)
        if known is not None:
            return LookupResult(Outcome.FOUND, self._store_view(known, Source.CACHE))
        if local is not None:
            return self._found_local(local)
        return LookupResult(Outcome.UNREACHABLE)

    def _found_local(self, order: Order) -> LookupResult:
        return LookupResult(Outcome.FOUND, self._local_view(order))

    def _proves(self, order: Order, code: str) -> bool:
        try:
            phone = self.orders.contact(order).phone
        except PiiError:  # sealed with a lost key: its masked phone still shows the last 4 digits
            phone = order.phone_masked
        return proof_matches(order.order_uuid, phone or order.phone_masked, code)

    @staticmethod
    def _logged(how: str, result: LookupResult) -> LookupResult:
        """One line per lookup: how, the outcome, the order number once known (never a code, a phone or
        a name)."""
        order = result.order
        found = f" {order.order_no} ({order.source.value}, {order.status})" if order is not None else ""
        wait = f" for {result.retry_after_s} s" if result.outcome is Outcome.THROTTLED else ""
        log.info("order lookup by %s: %s%s%s", how, result.outcome.value, found, wait)
        return result

    # --- requests --------------------------------------------------------------------------------

    def request_change(self, order_uuid: str, changes: protocol.ModificationChanges) -> RequestResult:
        view = self._current(order_uuid)
        if isinstance(view, RequestResult):
            return self._sent_log("change", view)
        check = view.modification
        if check.stage is Stage.EDIT:  # unpaid: edited directly (amend_unpaid), never requested
            return self._sent_log("change", RequestResult(Sent.REFUSED, reason=Stage.EDIT.value))
        if check.stage is Stage.LOCKED:
            return self._sent_log("change", RequestResult(Sent.REFUSED, reason=check.locked.value))
        current = ContactNow(view.contact_name, view.contact_phone, view.contact_address, view.fulfilment)
        problems = check_changes(changes, current)
        if problems:
            return self._sent_log("change", RequestResult(Sent.INVALID, problems=problems))
        wanted = {name: value for name, value in changes.items()}
        body: dict[str, Any] = {"changes": wanted}
        return self._sent_log("change", self._send(order_uuid, "modifications", body))

    def request_return(self, order_uuid: str, kind: str, reason: str, lines: dict[str, int],
                       note: str) -> RequestResult:
        view = self._current(order_uuid)
        if isinstance(view, RequestResult):
            return self._sent_log("return", view)
        if not view.returns.allowed:
            return self._sent_log("return", RequestResult(Sent.REFUSED, reason=view.returns.refusal.value))
        lines = {sku: n for sku, n in lines.items() if n != 0}  # a line left at 0 is not asked for
        problems = _return_problems(check_return(kind, reason, note))
        ordered: dict[str, int] = {}
        for line in view.lines:
            ordered[line.sku] = ordered.get(line.sku, 0) + line.quantity
        wrong_lines = check_return_lines(ordered, lines)
        if wrong_lines:
            problems["lines"] = wrong_lines
        if problems:
            return self._sent_log("return", RequestResult(Sent.INVALID, problems=problems))
        body: dict[str, Any] = {"type": kind, "reason": reason, "note": note,
                                "lines": [{"sku": sku, "quantity": n} for sku, n in sorted(lines.items())]}
        return self._sent_log("return", self._send(order_uuid, "returns", body))

    def _send(self, order_uuid: str, what: str, body: dict[str, Any]) -> RequestResult:
        """POST the request with its client-made id; a request sent again after a lost answer (the same
        order, kind and content) keeps the id, so the store takes it once."""
        key = f"{order_uuid}:{what}:{protocol.payload_hash(body)}"
        with self._lock:
            request_id = self._unanswered.setdefault(key, f"kiosk-{uuid.uuid4().hex}")
        reply = self._call("POST", f"/v1/orders/{order_uuid}/{what}", {"request_id": request_id, **body})
        if reply.code == 0 or reply.code >= 500:
            return RequestResult(Sent.UNREACHABLE)  # the id is kept for the next try
        with self._lock:
            self._unanswered.pop(key, None)
        if reply.code in (200, 201):
            try:
                return RequestResult(Sent.SENT, _request_view(_checked_request(reply.body, "answer",
                                                                               order_uuid)))
            except BadAnswer as exc:
                log.warning("order request: the store took it, but its answer is malformed (%s)", exc)
                return RequestResult(Sent.SENT)
        body_ = reply.body if isinstance(reply.body, dict) else {}
        if reply.code == 409:
            why = body_.get("reason")
            return RequestResult(Sent.REFUSED, reason=why[:64] if isinstance(why, str) and why else "refused")
        if reply.code == 422:
            return RequestResult(Sent.INVALID, problems=_problems_of(body_.get("detail")))
        if reply.code == 404:
            return RequestResult(Sent.NOT_FOUND)
        if reply.code == 429:
            return RequestResult(Sent.THROTTLED, retry_after_s=reply.retry_after_s)
        log.warning("order request: the store answered HTTP %d", reply.code)
        return RequestResult(Sent.UNREACHABLE)

    @staticmethod
    def _sent_log(what: str, result: RequestResult) -> RequestResult:
        reason = f" ({result.reason})" if result.reason else ""
        fields = f" ({', '.join(sorted(result.problems))})" if result.problems else ""
        log.info("order %s request: %s%s%s", what, result.outcome.value, reason, fields)
        return result

    def _current(self, order_uuid: str) -> OrderView | RequestResult:
        """The order as last seen (the cache, else this kiosk's own), else as the store says now; or the
        RequestResult to give when it cannot be known."""
        order_uuid = order_uuid.lower()
        local = self._local(order_uuid)
        if local is not None and local.state.value not in PAID_LOCAL:
            return self._local_view(local)
        known = self._cached(order_uuid)
        if known is not None:
            return self._store_view(known, Source.CACHE)
        if local is not None:
            return self._local_view(local)
        found = self.refresh(order_uuid)
        if found.order is not None:
            return found.order
        return RequestResult({Outcome.THROTTLED: Sent.THROTTLED, Outcome.UNREACHABLE: Sent.UNREACHABLE}.get(
            found.outcome, Sent.NOT_FOUND), retry_after_s=found.retry_after_s)

    # --- an unpaid order, edited here ------------------------------------------------------------

    def amend_unpaid(self, order_uuid: str, fulfilment: str, contact: Contact) -> OrderView:
        """Edit an unpaid order of this kiosk (Stage.EDIT) before it is paid with
        CheckoutRequest(retry_order=uuid): fulfilment and contact, the delivery fee by the rule on its
        subtotal. Raises AmendRefused when the rules refuse it (the order is unchanged then)."""
        local = self._local(order_uuid.lower())
        if local is None:
            raise AmendRefused("no such unpaid order here", reason=Locked.UNKNOWN.value)
        check = self._local_view(local).modification
        if check.stage is not Stage.EDIT:
            why = check.locked.value or check.stage.value  # paid: Stage.REQUEST, a change request instead
            raise AmendRefused(f"order {local.order_no} cannot be edited: {why}", reason=why)
        if fulfilment not in FULFILMENTS:
            raise AmendRefused("unknown fulfilment", problems={"fulfilment": "unknown"})
        cleaned = Contact(clean(contact.name), phone_digits(contact.phone), clean(contact.address))
        problems: dict[str, str] = {}
        for name, value, rule in (("contact_name", cleaned.name, check_name),
                                  ("contact_phone", cleaned.phone, check_phone),
                                  ("address", cleaned.address, check_address)):
            if value or fulfilment == "delivery":  # pickup needs none, but what is given must be right
                problem = rule(value)
                if problem is not Problem.NONE:
                    problems[name] = problem.value
        if problems:
            raise AmendRefused("the contact is not right", problems=problems)
        fee = delivery_fee_minor(fulfilment, local.subtotal_minor)
        self.orders.amend_unpaid(local.order_uuid, Fulfilment(fulfilment), cleaned, fee)
        log.info("order %s: unpaid order edited (%s, delivery fee %d)", local.order_no, fulfilment, fee)
        return self._local_view(self.orders.get(local.order_uuid))

    # --- views -----------------------------------------------------------------------------------

    def _store_view(self, known: _Known, source: Source) -> OrderView:
        s = known.status
        timeline = tuple(TimelineStep(e["status"], _time(e["at"], "at"), e["detail"]) for e in s["timeline"])
        requests = tuple(_request_view(r) for r in s["requests"])
        pending = {r.kind for r in requests if r.status == "PENDING"}
        handed_over = next((step.at for step in reversed(timeline) if step.status in HANDED_OVER), None)
        returns = return_check(s["status"], handed_over, self.now(), window_days=s["return_window_days"],
                               pending_request="return" in pending)
        deadline = s["return_deadline"]
        local = self._local(s["order_uuid"])
        return OrderView(
            order_uuid=s["order_uuid"], order_no=s["order_no"], status=s["status"],
            fulfilment=s["fulfilment"], currency=s["currency"], subtotal_minor=s["subtotal_minor"],
            shipping_minor=s["shipping_minor"],
            total_minor=s["total_minor"],
            lines=tuple(LineView(x["sku"], x["name_zh"], x["name_en"], x["quantity"], x["line_total_minor"])
                        for x in s["lines"]),
            contact_name=s["contact"]["name"], contact_phone=s["contact"]["phone"],
            contact_address=s["contact"]["address"], timeline=timeline, requests=requests,
            tracking_no=s["tracking_no"],
            return_deadline=_time(deadline, "return_deadline") if deadline else returns.deadline,
            merchant_name=s["merchant_name"], merchant_phone=s["merchant_phone"], source=source,
            as_of=known.fetched_at,
            modification=modification_check(s["status"], pending_request="modification" in pending),
            returns=returns, lookup_code=lookup_code(s["order_uuid"]) if local is not None else "")

    def _local_view(self, order: Order) -> OrderView:
        """What this kiosk knows of its own order: the store never had it, or cannot be asked."""
        try:
            contact = self.orders.contact(order)
        except PiiError:
            log.error("order %s: its contact details do not decrypt; shown masked as kept", order.order_no)
            contact = Contact()
        steps = [TimelineStep(TIMELINE_PLACED, order.created_at)]
        if order.paid_at is not None:
            steps.append(TimelineStep(TIMELINE_PAID, order.paid_at))
        status = order.state.value
        check = modification_check(status)
        if check.stage is Stage.EDIT:
            why = self.orders.why_not_editable(order.order_uuid)
            if why is not Locked.NONE:
                check = ModificationCheck(Stage.LOCKED, why)
        now = self.now()
        return OrderView(
            order_uuid=order.order_uuid, order_no=order.order_no, status=status,
            fulfilment=order.fulfilment.value, currency=order.currency, subtotal_minor=order.subtotal_minor,
            shipping_minor=order.shipping_minor, total_minor=order.total_minor,
            lines=tuple(LineView(x.sku, x.name_zh, x.name_en, x.quantity, x.line_total_minor)
                        for x in order.lines),
            contact_name=mask_name(contact.name),
            contact_phone=mask_phone(contact.phone) if contact.phone else order.phone_masked,
            contact_address=mask_address(contact.address) if contact.address else "",
            timeline=tuple(steps), requests=(), tracking_no=order.tracking_no, return_deadline=None,
            merchant_name="", merchant_phone="", source=Source.LOCAL, as_of=now, modification=check,
            returns=return_check(status, None, now), lookup_code=lookup_code(order.order_uuid))

    # --- the store, this kiosk's orders, the cache ---------------------------------------------------

    def _call(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> _Reply:
        if self.client is None:
            return _Reply(0, detail="no store configured")
        try:
            response = self.client.request(method, path, json_body=body, timeout=self.timeout_s)
            if response.status_code == 401:
                # a kiosk clock past the store's window: the client has just learnt the store's time from
                # this answer, so one more try is signed right (nothing was done on a 401)
                response = self.client.request(method, path, json_body=body, timeout=self.timeout_s)
        except (httpx.HTTPError, OSError) as exc:
            log.warning("order lookup: the store cannot be reached (%s)", type(exc).__name__)
            return _Reply(0, detail=type(exc).__name__)
        try:
            parsed = response.json() if response.content else None
        except ValueError:
            parsed = None
        wait = 0
        if response.status_code == 429:
            after = retry_after_s(response, now=self.client.now())
            wait = max(1, math.ceil(after)) if after is not None else LOOKUP_WINDOW_S
            wait = min(wait, LOOKUP_WINDOW_S)
        if response.status_code >= 500:
            log.warning("order lookup: the store answered HTTP %d", response.status_code)
        return _Reply(response.status_code, parsed, wait)

    def _checked(self, body: object, order_uuid: str | None = None) -> _Known | None:
        """The store's answer checked and kept in the cache; None (logged) when it is malformed."""
        try:
            status = checked_status(body, order_uuid)
        except BadAnswer as exc:
            log.warning("order lookup: the store's answer is malformed (%s); taken as no answer", exc)
            return None
        known = _Known(status, self.now())
        self._keep(known)
        return known

    def _keep(self, known: _Known) -> None:
        status = known.status
        try:
            with self.db.write() as session:
                session.merge(OrderStatusCache(order_uuid=status["order_uuid"],
                                               order_key=order_number_key(status["order_no"]),
                                               answer=canonical_json(status).decode(),
                                               fetched_at=known.fetched_at))
                session.execute(delete(OrderStatusCache).where(
                    OrderStatusCache.fetched_at < known.fetched_at - dt.timedelta(days=CACHE_KEEP_DAYS)))
        except SQLAlchemyError:
            log.exception("order lookup: the store's answer could not be cached")

    def _cached(self, order_uuid: str) -> _Known | None:
        with self.db.read() as session:
            row = session.get(OrderStatusCache, order_uuid)
            return self._from_cache(row) if row is not None else None

    def _cached_by_key(self, key: str) -> list[_Known]:
        with self.db.read() as session:
            rows = session.scalars(select(OrderStatusCache).where(OrderStatusCache.order_key == key)
                                   .order_by(OrderStatusCache.fetched_at.desc()).limit(20)).all()
            return [known for row in rows if (known := self._from_cache(row)) is not None]

    @staticmethod
    def _from_cache(row: OrderStatusCache) -> _Known | None:
        try:
            return _Known(checked_status(json.loads(row.answer), row.order_uuid), row.fetched_at)
        except (ValueError, BadAnswer) as exc:
            log.warning("order lookup: a cached answer is unreadable (%s); ignored", exc)
            return None

    def _local(self, order_uuid: str) -> Order | None:
        try:
            return self.orders.get(order_uuid)
        except OrderError:
            return None

    def _local_by_key(self, key: str) -> list[Order]:
        return [self.orders.get(o.order_uuid) for o in self.orders.find_by_number(key)
                if order_number_key(o.order_no) == key]

    # --- wrong proofs, counted here too (kept in the database: a restart does not reset them) --------

    def _throttled(self, key: str) -> int:
        """Seconds until a lookup of this number may be tried again here (0: now)."""
        now = _epoch(self.clock())
        with self.db.read() as session:
            kiosk = self._failures(session, _FAILURES_KIOSK, now)
            order = self._failures(session, _FAILURES_ORDER + key, now)
        return max(self._wait(kiosk, LOOKUP_FAILURES_PER_KIOSK, now),
                   self._wait(order, LOOKUP_FAILURES_PER_ORDER, now))

    def _count_failure(self, key: str) -> None:
        now = _epoch(self.clock())
        try:
            with self.db.write() as session:
                for name, limit in ((_FAILURES_KIOSK, LOOKUP_FAILURES_PER_KIOSK),
                                    (_FAILURES_ORDER + key, LOOKUP_FAILURES_PER_ORDER)):
                    kept = [*self._failures(session, name, now), now][-limit:]
                    session.merge(Setting(key=name[:64], value=json.dumps(kept)))
        except SQLAlchemyError:
            log.exception("order lookup: a wrong proof could not be counted")

    @staticmethod
    def _failures(session: Any, name: str, now: float) -> list[float]:
        row = session.get(Setting, name[:64])
        try:
            values = json.loads(row.value) if row is not None else []
        except ValueError:
            values = []
        return [float(v) for v in values if isinstance(v, (int, float)) and now - LOOKUP_WINDOW_S < v <= now]

    @staticmethod
    def _wait(failures: list[float], limit: int, now: float) -> int:
        if len(failures) < limit:
            return 0
        return max(1, math.ceil(sorted(failures)[-limit] + LOOKUP_WINDOW_S - now))


class AmendRefused(OrderError):
    """An unpaid order's edit the rules refuse: `problems` by field (kiosk.contact_rules.Problem values),
    or `reason` (a kiosk.order_rules.Locked value) when the order may not be edited at all."""

    def __init__(self, message: str, *, problems: dict[str, str] | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.problems = problems or {}
        self.reason = reason


# --- the store's answer, checked before anything of it is used or kept ------------------------------

_ISO_MAX = 40
_TEXT_MAX = 256
_LIST_MAX = 200
_CHANGE_MASKS: dict[str, Callable[[str], str]] = {
    "contact_name": mask_name, "contact_phone": mask_phone, "address": mask_address}


class BadAnswer(ValueError):
    """The store's answer is not what the protocol says: logged, and treated as no answer."""


def _text(value: object, where: str, *, max_len: int = _TEXT_MAX, allow_empty: bool = True) -> str:
    if not isinstance(value, str) or len(value) > max_len or (not allow_empty and not value):
        raise BadAnswer(f"{where}: not a text of at most {max_len} characters")
    return value


def _int(value: object, where: str, *, low: int = 0, high: int = 10 ** 12) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadAnswer(f"{where}: not an integer in [{low}, {high}]")
    return value


def _time(value: object, where: str) -> dt.datetime:
    moment = _parse_time(_text(value, where, max_len=_ISO_MAX, allow_empty=False))
    if moment is None:
        raise BadAnswer(f"{where}: not an ISO 8601 time")
    return moment


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list) or len(value) > _LIST_MAX:
        raise BadAnswer(f"{where}: not a list of at most {_LIST_MAX}")
    return value


def _dict(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise BadAnswer(f"{where}: not an object")
    return value


def _masked(value: str, mask: Callable[[str], str]) -> str:
    """The store masks the contact; a value that came unmasked is masked here, so no screen and no cache
    ever holds it in clear."""
    return value if not value or "*" in value else mask(value)


def checked_status(body: object, order_uuid: str | None = None) -> protocol.OrderStatus:
    """The store's OrderStatus with every field this kiosk uses checked (types, lengths, times) and the
    contact masked; raises BadAnswer. `order_uuid`: the order that was asked for."""
    d = _dict(body, "answer")
    uuid_ = _text(d.get("order_uuid"), "order_uuid", max_len=36, allow_empty=False).lower()
    if not _UUID.fullmatch(uuid_) or (order_uuid is not None and uuid_ != order_uuid.lower()):
        raise BadAnswer("order_uuid: not the order asked for")
    fulfilment = d.get("fulfilment")
    if fulfilment not in FULFILMENTS:
        raise BadAnswer("fulfilment: unknown")
    currency = _text(d.get("currency"), "currency", max_len=3, allow_empty=False)
    lines: list[protocol.OrderStatusLine] = []
    for i, raw in enumerate(_list(d.get("lines"), "lines")):
        line = _dict(raw, f"lines[{i}]")
        lines.append({"sku": _text(line.get("sku"), f"lines[{i}].sku", max_len=64, allow_empty=False),
                      "name_zh": _text(line.get("name_zh"), f"lines[{i}].name_zh"),
                      "name_en": _text(line.get("name_en"), f"lines[{i}].name_en"),
                      "quantity": _int(line.get("quantity"), f"lines[{i}].quantity", low=1, high=10 ** 6),
                      "line_total_minor": _int(line.get("line_total_minor"), f"lines[{i}].line_total_minor")})
    contact = _dict(d.get("contact"), "contact")
    masked: protocol.MaskedContact = {
        "name": _masked(_text(contact.get("name", ""), "contact.name"), mask_name),
        "phone": _masked(_text(contact.get("phone", ""), "contact.phone"), mask_phone),
        "address": _masked(_text(contact.get("address", ""), "contact.address"), mask_address)}
    timeline: list[protocol.TimelineEntry] = []
    for i, raw in enumerate(_list(d.get("timeline"), "timeline")):
        step = _dict(raw, f"timeline[{i}]")
        _time(step.get("at"), f"timeline[{i}].at")
        timeline.append({"status": _text(step.get("status"), f"timeline[{i}].status", max_len=24,
                                         allow_empty=False),
                         "at": step["at"], "detail": _text(step.get("detail", ""), f"timeline[{i}].detail",
                                                           max_len=64)})
    requests = [_checked_request(raw, f"requests[{i}]", uuid_)
                for i, raw in enumerate(_list(d.get("requests"), "requests"))]
    deadline = d.get("return_deadline")
    if deadline is not None:
        _time(deadline, "return_deadline")
    status: protocol.OrderStatus = {
        "order_uuid": uuid_,
        "order_no": _text(d.get("order_no"), "order_no", max_len=32, allow_empty=False),
        "device_id": _text(d.get("device_id", ""), "device_id", max_len=64),
        "status": _text(d.get("status"), "status", max_len=24, allow_empty=False),
        "fulfilment": fulfilment,
        "tracking_no": _text(d.get("tracking_no") or "", "tracking_no", max_len=64),
        "currency": currency,
        "subtotal_minor": _int(d.get("subtotal_minor"), "subtotal_minor"),
        "shipping_minor": _int(d.get("shipping_minor"), "shipping_minor"),
        "total_minor": _int(d.get("total_minor"), "total_minor"),
        "lines": lines, "contact": masked, "timeline": timeline, "requests": requests,
        "return_deadline": deadline,
        "return_window_days": _int(d.get("return_window_days", RETURN_WINDOW_DAYS), "return_window_days",
                                   high=3650),
        "merchant_name": _text(d.get("merchant_name") or "", "merchant_name", max_len=128),
        "merchant_phone": _text(d.get("merchant_phone") or "", "merchant_phone", max_len=32),
        "received_at": _text(d.get("received_at") or "", "received_at", max_len=_ISO_MAX),
        "updated_at": _text(d.get("updated_at") or "", "updated_at", max_len=_ISO_MAX),
    }
    return status


def _checked_request(raw: object, where: str, order_uuid: str) -> protocol.RequestState:
    r = _dict(raw, where)
    kind = r.get("kind")
    state = r.get("status")
    if kind not in ("modification", "return") or state not in ("PENDING", "APPROVED", "REJECTED"):
        raise BadAnswer(f"{where}: unknown kind or status")
    changes = dict(_dict(r.get("changes", {}), f"{where}.changes"))
    if len(changes) > 16:
        raise BadAnswer(f"{where}.changes: too many")
    for key, mask in _CHANGE_MASKS.items():
        if isinstance(changes.get(key), str):
            changes[key] = _masked(changes[key], mask)
    _time(r.get("created_at"), f"{where}.created_at")
    decided = r.get("decided_at")
    if decided is not None:
        _time(decided, f"{where}.decided_at")
    request: protocol.RequestState = {
        "request_id": _text(r.get("request_id"), f"{where}.request_id", max_len=64, allow_empty=False),
        "order_uuid": order_uuid, "kind": kind, "status": state, "changes": changes,
        "reason": _text(r.get("reason") or "", f"{where}.reason", max_len=_TEXT_MAX),
        "note": _text(r.get("note") or "", f"{where}.note", max_len=500),
        "created_at": r["created_at"], "decided_at": decided,
        "fee_difference_minor": _int(r.get("fee_difference_minor", 0), f"{where}.fee_difference_minor",
                                     low=-10 ** 9, high=10 ** 9),
    }
    return request


def _parse_time(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _request_view(request: protocol.RequestState) -> RequestView:
    decided = request["decided_at"]
    return RequestView(request["request_id"], request["kind"], request["status"], dict(request["changes"]),
                       request["note"], _time(request["created_at"], "created_at"),
                       _time(decided, "decided_at") if decided else None, request["fee_difference_minor"])


def _return_problems(message: str) -> dict[str, str]:
    """kiosk.order_rules.check_return's sentence as problems by field."""
    if not message:
        return {}
    field_ = "kind" if "kind" in message else "reason" if "reason" in message else "note"
    return {field_: message}


def _problems_of(detail: object) -> dict[str, str]:
    """A 422's {"detail": {"problems": {field: problem}}} (anything else: one problem for the request)."""
    if isinstance(detail, dict) and isinstance(detail.get("problems"), dict):
        return {str(k)[:64]: str(v)[:64] for k, v in list(detail["problems"].items())[:16]}
    return {"request": "invalid"}


def _epoch(moment: dt.datetime) -> float:
    return moment.replace(tzinfo=dt.UTC).timestamp()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
