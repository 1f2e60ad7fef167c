"""Checkout: from a cart to a paid order, its receipt and its order number.

One attempt is one order committed as PENDING_PAYMENT before any QR code shows (so a payment always
finds it), one payment created in the store (WeChat Pay Native / Alipay precreate style) and a poller
that follows it. Every outcome lands in `OrderBook`:

- paid → PAID: payment, receipt number and outbox row in one transaction; the receipt is printed
  (once: kiosk.receipts) and the sync worker is woken to push the order now;
- declined → the payment is closed at the store (a payment that lands meanwhile wins) → PAYMENT_FAILED;
  the shopper may try again, or pay the same order the other way (`CheckoutRequest.retry_order`);
- time up or cancelled → the final query first (a late payment wins), then the close → CANCELLED;
- the store cannot be asked → PAYMENT_UNKNOWN, and the screen keeps checking for a while (CHECKING);
  what stays open after that is settled by reconciliation (kiosk.reconcile), never guessed.

While an attempt runs, its order is held: reconciliation leaves it alone.

Listeners get a `CheckoutUpdate` for every step, on the checkout's own thread: the UI bridges them.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

from kiosk.db.models import Fulfilment, Order, OrderState
from kiosk.devices.ports import JobOutcome, ReceiptPrinter
from kiosk.devices.receipt import Receipt
from kiosk.orders import CartLine, Contact, OrderBook, OrderError, PaymentRecord
from kiosk.receipts import METHOD_NAMES, ReceiptDesk, ReceiptSettings
from kiosk.sync.payments import PaymentClient, PaymentError, PaymentPoller, PaymentResult
from kiosk.sync.protocol import PaymentInfo

__all__ = ["METHOD_NAMES", "Checkout", "CheckoutRequest", "CheckoutUpdate", "Phase", "ReceiptSettings"]

log = logging.getLogger(__name__)

PaymentMethod = Literal["wechat", "alipay"]
PAYMENT_TIMEOUT_S = 120.0  # how long a shopper has to pay; reconciliation leaves younger orders alone
# the store's payment outlives the kiosk's countdown by this much: the kiosk's final query and close
# reach a payment that is still open, and the phone's page ends with the kiosk's, a moment later
CLOSE_GRACE_S = 5
# an outcome the store could not give: the screen keeps asking this long before it says "unknown"
CHECKING_S = 60.0
CHECKING_INTERVAL_S = 3.0


class Phase(StrEnum):
    PREPARING = "preparing"  # the order is being committed and the payment created
    AWAITING_PAYMENT = "awaiting_payment"  # the QR is on screen
    PAID = "paid"
    DECLINED = "declined"
    EXPIRED = "expired"  # the time to pay ran out
    CANCELLED = "cancelled"  # the shopper cancelled
    UNAVAILABLE = "unavailable"  # no payment could be created: nothing was charged, the cart is kept
    CHECKING = "checking"  # the outcome could not be learnt yet: still asking the store, on screen
    UNKNOWN = "unknown"  # the outcome could not be learnt: the order is kept and checked later


FINAL_PHASES = frozenset({Phase.PAID, Phase.DECLINED, Phase.EXPIRED, Phase.CANCELLED, Phase.UNAVAILABLE,
                          Phase.UNKNOWN})


@dataclass(frozen=True)
class CheckoutRequest:
    lines: Sequence[CartLine]
    method: PaymentMethod = "wechat"
    fulfilment: Fulfilment = Fulfilment.PICKUP
    contact: Contact = field(default_factory=Contact)
    shipping_minor: int = 0
    language: str = "zh_CN"
    catalog_version: int = 0
    # pay this declined order again (e.g. the other way) instead of making a new one
    retry_order: str = ""


@dataclass(frozen=True)
class CheckoutUpdate:
    phase: Phase
    order_uuid: str = ""
    order_no: str = ""
    total_minor: int = 0
    currency: str = "CNY"
    code_url: str = ""  # what the QR encodes
    expires_at: dt.datetime | None = None  # the store's expiry of the payment (naive UTC)
    deadline: dt.datetime | None = None  # when this kiosk gives up waiting: the countdown (naive UTC)
    receipt: JobOutcome | None = None  # once paid: how the receipt print went (None: no printer)
    receipt_pending: bool = False  # PAID comes first, then PAID again with the receipt's outcome
    detail: str = ""  # for the log and the technician, never shown raw to a shopper
    method: str = ""  # wechat | alipay: how this attempt pays
    payment_ref: str = ""  # the store's payment id, for staff to find it
    order_page: str = ""  # the store's page of the order (the e-receipt), once paid

    @property
    def final(self) -> bool:
        return self.phase in FINAL_PHASES


Listener = Callable[[CheckoutUpdate], None]


class Checkout:
    """One shopper's checkout attempts, one at a time."""

    def __init__(self, orders: OrderBook, payments: PaymentClient, *, printer: ReceiptPrinter | None,
                 receipt: ReceiptSettings, on_update: Listener, on_paid: Callable[[], None] = lambda: None,
                 timeout_s: float = PAYMENT_TIMEOUT_S, interval_s: float = 1.0,
                 clock: Callable[[], dt.datetime] | None = None, checking_s: float = CHECKING_S,
                 checking_interval_s: float = CHECKING_INTERVAL_S) -> None:
        self.orders = orders
        self.clock = clock or _utcnow  # the kiosk's own (naive UTC), which the countdown runs on
        self.payments = payments
        self.printer = printer
        self.receipt = receipt
        self.receipts = ReceiptDesk(orders, printer, receipt)
        self.checking_s = checking_s
        self.checking_interval_s = checking_interval_s
        self._on_update = on_update
        self._on_paid = on_paid
        self.timeout_s = timeout_s
        self.interval_s = interval_s
        self._lock = threading.Lock()
        self._poller: PaymentPoller | None = None
        self._cancelled = threading.Event()
        self._thread: threading.Thread | None = None
        self._current = CheckoutUpdate(Phase.PREPARING)  # the attempt's order, for a last word if it breaks

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def begin(self, request: CheckoutRequest) -> None:
        """Start an attempt on a thread of its own; refuses while one is still running."""
        with self._lock:
            if self.busy:
                raise OrderError("a checkout is already in progress")
            self._cancelled.clear()
            self._poller = None
            self._thread = threading.Thread(target=self._attempt, args=(request,), name="checkout",
                                            daemon=True)
            self._thread.start()

    def cancel(self) -> None:
        """The shopper gave up: the poller does the final query and the close; a late payment still wins."""
        with self._lock:
            self._cancelled.set()
            if self._poller is not None:
                self._poller.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """For tests and shutdown: True once no attempt is running."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not self.busy

    # --- one attempt -----------------------------------------------------------------------------

    def _attempt(self, request: CheckoutRequest) -> None:
        # whatever breaks (the disk, a bug), the shopper gets an answer and a way back; an order left
        # pending is settled by reconciliation, never guessed here
        self._current = CheckoutUpdate(Phase.PREPARING)
        try:
            self._run(request)
        except Exception as exc:
            log.exception("checkout %s: the attempt failed", self._current.order_no or "(no order)")
            self._emit(_with(self._current, Phase.UNKNOWN, detail=f"{type(exc).__name__}: {exc}"))

    def _run(self, request: CheckoutRequest) -> None:
        self._emit(self._current)
        if request.retry_order:
            # held from before it is reopened: a reconciliation round never settles it in between
            with self.orders.hold(request.retry_order):
                order = self._open(request)
                if order is not None:
                    self._pay(order, request)
            return
        order = self._open(request)
        if order is not None:
            with self.orders.hold(order.order_uuid):
                self._pay(order, request)

    def _open(self, request: CheckoutRequest) -> Order | None:
        """The order to pay, committed PENDING_PAYMENT; None (and UNAVAILABLE said) when it cannot be."""
        try:
            if request.retry_order:
                return self.orders.retry_payment(request.retry_order)
            return self.orders.create_pending(
                request.lines, fulfilment=request.fulfilment, contact=request.contact,
                language=request.language, shipping_minor=request.shipping_minor,
                catalog_version=request.catalog_version)
        except Exception as exc:
            log.exception("checkout: the order could not be created")
            self._emit(CheckoutUpdate(Phase.UNAVAILABLE, detail=f"order not created: {exc}"))
            return None

    def _pay(self, order: Order, request: CheckoutRequest) -> None:
        base = self._current = CheckoutUpdate(Phase.PREPARING, order.order_uuid, order.order_no,
                                              order.total_minor, order.currency, method=request.method)
        # the order uuid as merchant number: a create retried after a lost answer finds the same payment;
        # paying a declined order again is a new payment, so a new number
        trade_no = order.order_uuid.replace("-", "")
        if request.retry_order:
            trade_no = trade_no[:24] + secrets.token_hex(4)
        try:
            info = self.payments.create(order.order_uuid, order.total_minor, order.currency, request.method,
                                        description=f"{self.receipt.store_name} {order.order_no}",
                                        out_trade_no=trade_no,
                                        expires_in_s=round(self.timeout_s) + CLOSE_GRACE_S)
        except PaymentError as exc:
            # nothing was shown to pay, so nothing can have been paid: the order is cancelled
            log.warning("checkout %s: no payment could be created: %s", order.order_no, exc)
            self.orders.cancel(order.order_uuid)
            self._emit(_with(base, Phase.UNAVAILABLE, detail=str(exc)))
            return
        base = self._current = replace(base, payment_ref=info["payment_id"])
        expires_at = _parse_time(info["expires_at"])
        self.orders.record_payment(order.order_uuid, PaymentRecord(request.method, info["payment_id"]),
                                   code_url=info["code_url"], expires_at=expires_at)
        timeout = self.timeout_s
        if expires_at is not None:
            # the store's expiry against the store's clock, learnt from its answers: a kiosk clock that is
            # off must not cut the shopper's time to pay (the countdown below runs on the kiosk's clock)
            store_now = dt.datetime.fromtimestamp(self.payments.client.now(), dt.UTC).replace(tzinfo=None)
            timeout = min(timeout, max(1.0, (expires_at - store_now).total_seconds()))
        deadline = self.clock() + dt.timedelta(seconds=timeout)
        log.info("checkout %s: awaiting payment %s of %d %s", order.order_no, info["payment_id"],
                 order.total_minor, order.currency)
        awaiting = _with(base, Phase.AWAITING_PAYMENT, code_url=info["code_url"], expires_at=expires_at,
                         deadline=deadline)
        self._emit(awaiting)

        def trouble(error: str | None) -> None:  # the QR stays: a phone may still pay it
            log.warning("checkout %s: %s", order.order_no,
                        f"the store cannot be reached ({error})" if error else "the store answers again")
            self._emit(replace(awaiting, detail=error or ""))

        poller = PaymentPoller(self.payments, info["payment_id"], timeout_s=timeout,
                               interval_s=self.interval_s, on_trouble=trouble)
        with self._lock:
            self._poller = poller
            if self._cancelled.is_set():
                poller.cancel()
        result = poller.start().wait()
        assert result is not None
        self._settle(order, request, base, result)

    def _settle(self, order: Order, request: CheckoutRequest, base: CheckoutUpdate,
                result: PaymentResult) -> None:
        uuid_, no = order.order_uuid, order.order_no
        if result.status == "FAILED" and result.info is not None:
            closed = self._close_declined(order, result.info)
            if closed is not None and closed["status"] == "PAID":
                result = PaymentResult("PAID", closed)
            else:
                self.orders.mark_payment_failed(uuid_, closed=closed["payment_id"] if closed else None)
                log.info("checkout %s: payment declined", no)
                self._emit(_with(base, Phase.DECLINED))
                return
        if result.status == "PAID" and result.info is not None:
            self._paid(order, base, result.info)
        elif result.status == "FAILED":  # declined with no payment to close
            self.orders.mark_payment_failed(uuid_)
            log.info("checkout %s: payment declined", no)
            self._emit(_with(base, Phase.DECLINED))
        elif result.status == "CLOSED":
            self.orders.cancel(uuid_, closed=result.info["payment_id"] if result.info else None)
            phase = Phase.CANCELLED if self._cancelled.is_set() else Phase.EXPIRED
            log.info("checkout %s: %s, payment closed unpaid", no, phase)
            self._emit(_with(base, phase))
        else:
            self.orders.mark_payment_unknown(uuid_)
            log.warning("checkout %s: payment outcome unknown (%s); still asking", no, result.error)
            self._keep_checking(order, base, result.error)

    def _close_declined(self, order: Order, info: PaymentInfo) -> PaymentInfo | None:
        """A declined payment is closed at the store, so nothing can pay it later; the answer may say
        PAID (a second try on the phone landed first: it wins). None: not closed yet."""
        try:
            closed = self.payments.close(info["payment_id"])
        except PaymentError as exc:
            log.warning("checkout %s: the declined payment could not be closed yet (%s); reconciliation "
                        "closes it", order.order_no, exc)
            return None
        if closed["status"] == "PAID":
            log.info("checkout %s: declined, then paid before the close: paid", order.order_no)
        return closed

    def _keep_checking(self, order: Order, base: CheckoutUpdate, error: str) -> None:
        """The store could not say: keep asking on screen for a while; once it answers, settle as it
        says (unpaid: the shopper keeps the cart). After that, the order waits for reconciliation."""
        self._emit(_with(base, Phase.CHECKING, detail=error))
        payment_id = self.orders.payment_id_of(order.order_uuid)
        until = time.monotonic() + self.checking_s
        while payment_id is not None and time.monotonic() < until:
            time.sleep(min(self.checking_interval_s, max(0.0, until - time.monotonic())))
            try:
                info = self.payments.finish(payment_id)
            except PaymentError as exc:
                error = str(exc)
                continue
            if info["status"] == "PAID":
                self._paid(order, base, info)
            elif info["status"] in ("FAILED", "CLOSED"):
                if info["status"] == "FAILED":
                    self.orders.mark_payment_failed(order.order_uuid, closed=payment_id)
                else:
                    self.orders.cancel(order.order_uuid, closed=payment_id)
                log.info("checkout %s: the store settled it unpaid (%s)", order.order_no, info["status"])
                self._emit(_with(base, Phase.DECLINED if info["status"] == "FAILED" else Phase.EXPIRED))
            else:
                continue
            return
        log.warning("checkout %s: outcome still unknown (%s); kept for reconciliation", order.order_no,
                    error)
        self._emit(_with(base, Phase.UNKNOWN, detail=error))

    def _paid(self, order: Order, base: CheckoutUpdate, info: PaymentInfo) -> None:
        paid = self.orders.mark_paid(order.order_uuid, PaymentRecord(
            info.get("method", base.method), info["payment_id"], info.get("reference", "")))
        log.info("checkout %s: paid (%s)", order.order_no, paid.state)
        self._on_paid()
        # the shopper's phone already says paid: the screen says so now, the receipt follows
        done = _with(base, Phase.PAID, payment_ref=info.get("reference") or info["payment_id"],
                     order_page=self.receipt.order_page(order.order_uuid))
        printing = self.printer is not None and paid.state is OrderState.PAID
        self._emit(replace(done, receipt_pending=printing))
        if printing:
            self._emit(replace(done, receipt=self.receipts.print_once(order.order_uuid)))

    def receipt_for(self, order: Order) -> Receipt:
        return self.receipts.build(order)

    def _emit(self, update: CheckoutUpdate) -> None:
        try:
            self._on_update(update)
        except Exception:
            log.exception("checkout listener failed on %s", update.phase)


def _with(base: CheckoutUpdate, phase: Phase, **changes: object) -> CheckoutUpdate:
    return replace(base, phase=phase, **changes)  # type: ignore[arg-type]


def _parse_time(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
