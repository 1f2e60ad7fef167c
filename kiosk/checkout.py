"""Checkout: from a cart to a paid order, its receipt and its order number.

One attempt is one order committed as PENDING_PAYMENT before any QR code shows (so a payment always
finds it), one payment created in the store (WeChat Pay Native / Alipay precreate style) and a poller
that follows it. Every outcome lands in `OrderBook`:

- paid → PAID: payment, receipt number and outbox row in one transaction; the receipt is printed and
  the sync worker is woken to push the order now;
- declined → PAYMENT_FAILED (the shopper may try again: a new attempt, a new order);
- time up or cancelled → the final query first (a late payment wins), then the close → CANCELLED;
- the store cannot be asked → PAYMENT_UNKNOWN, kept for reconciliation (`reconcile`), never guessed.

Listeners get a `CheckoutUpdate` for every step, on the checkout's own thread: the UI bridges them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal

from kiosk.db.models import Fulfilment, Order
from kiosk.devices.ports import JobOutcome, ReceiptPrinter
from kiosk.devices.receipt import ENGLISH_LABELS, Delivery, Pickup, Receipt, ReceiptLine
from kiosk.orders import CartLine, Contact, OrderBook, OrderError, PaymentRecord
from kiosk.sync.payments import PaymentClient, PaymentError
from kiosk.sync.protocol import PaymentInfo
from kiosk.sync.worker import PaymentPoller, PaymentResult

log = logging.getLogger(__name__)

PaymentMethod = Literal["wechat", "alipay"]
METHOD_NAMES = {"wechat": "微信支付 WeChat Pay", "alipay": "支付宝 Alipay"}
RECEIPT_WAIT_S = 30.0  # a receipt that takes longer is reported as not printed; the order stands
PAYMENT_TIMEOUT_S = 120.0  # how long a shopper has to pay; reconciliation leaves younger orders alone
# the store's payment outlives the kiosk's countdown by this much: the kiosk's final query and close
# reach a payment that is still open, and the phone's page ends with the kiosk's, a moment later
CLOSE_GRACE_S = 5


class Phase(StrEnum):
    PREPARING = "preparing"  # the order is being committed and the payment created
    AWAITING_PAYMENT = "awaiting_payment"  # the QR is on screen
    PAID = "paid"
    DECLINED = "declined"
    EXPIRED = "expired"  # the time to pay ran out
    CANCELLED = "cancelled"  # the shopper cancelled
    UNAVAILABLE = "unavailable"  # no payment could be created: nothing was charged, the cart is kept
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

    @property
    def final(self) -> bool:
        return self.phase in FINAL_PHASES


@dataclass(frozen=True)
class ReceiptSettings:
    store_name: str
    device_name: str
    store_name_en: str = ""  # an English receipt's title; "": store_name
    pickup_location: str = "服务台 Service desk"
    order_url: str = "{base}/o/{order_uuid}"  # what the receipt's QR opens
    base_url: str = ""
    footer: tuple[str, ...] = ("谢谢惠顾！", "Thank you!")


Listener = Callable[[CheckoutUpdate], None]


class Checkout:
    """One shopper's checkout attempts, one at a time."""

    def __init__(self, orders: OrderBook, payments: PaymentClient, *, printer: ReceiptPrinter | None,
                 receipt: ReceiptSettings, on_update: Listener, on_paid: Callable[[], None] = lambda: None,
                 timeout_s: float = PAYMENT_TIMEOUT_S, interval_s: float = 1.0,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.orders = orders
        self.clock = clock or _utcnow  # the kiosk's own (naive UTC), which the countdown runs on
        self.payments = payments
        self.printer = printer
        self.receipt = receipt
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
        try:
            order = self.orders.create_pending(
                request.lines, fulfilment=request.fulfilment, contact=request.contact,
                language=request.language, shipping_minor=request.shipping_minor,
                catalog_version=request.catalog_version)
        except Exception as exc:
            log.exception("checkout: the order could not be created")
            self._emit(CheckoutUpdate(Phase.UNAVAILABLE, detail=f"order not created: {exc}"))
            return
        base = self._current = CheckoutUpdate(Phase.PREPARING, order.order_uuid, order.order_no,
                                              order.total_minor, order.currency)
        try:
            # the order uuid as merchant number: a create retried after a lost answer finds the same payment
            info = self.payments.create(order.order_uuid, order.total_minor, order.currency, request.method,
                                        description=f"{self.receipt.store_name} {order.order_no}",
                                        out_trade_no=order.order_uuid.replace("-", ""),
                                        expires_in_s=round(self.timeout_s) + CLOSE_GRACE_S)
        except PaymentError as exc:
            # nothing was shown to pay, so nothing can have been paid: the order is cancelled
            log.warning("checkout %s: no payment could be created: %s", order.order_no, exc)
            self.orders.cancel(order.order_uuid)
            self._emit(_with(base, Phase.UNAVAILABLE, detail=str(exc)))
            return
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
        if result.status == "PAID" and result.info is not None:
            paid = self.orders.mark_paid(uuid_, PaymentRecord(request.method, result.info["payment_id"],
                                                              result.info.get("reference", "")))
            log.info("checkout %s: paid (%s)", no, paid.state)
            self._on_paid()
            # the shopper's phone already says paid: the screen says so now, the receipt follows
            printing = self.printer is not None
            self._emit(_with(base, Phase.PAID, receipt_pending=printing))
            if printing:
                self._emit(_with(base, Phase.PAID, receipt=self._print(paid, request)))
        elif result.status == "FAILED":
            self.orders.mark_payment_failed(uuid_)
            log.info("checkout %s: payment declined", no)
            self._emit(_with(base, Phase.DECLINED))
        elif result.status == "CLOSED":
            self.orders.cancel(uuid_)
            phase = Phase.CANCELLED if self._cancelled.is_set() else Phase.EXPIRED
            log.info("checkout %s: %s, payment closed unpaid", no, phase)
            self._emit(_with(base, phase))
        else:
            self.orders.mark_payment_unknown(uuid_)
            log.warning("checkout %s: payment outcome unknown (%s); kept for reconciliation", no,
                        result.error)
            self._emit(_with(base, Phase.UNKNOWN, detail=result.error))

    def _print(self, order: Order, request: CheckoutRequest) -> JobOutcome | None:
        if self.printer is None:
            return None
        receipt = self.receipt_for(order, request)
        try:
            return self.printer.print_receipt(order.order_uuid, receipt).result(RECEIPT_WAIT_S).outcome
        except FutureTimeout:
            log.error("checkout %s: the receipt did not print within %.0f s", order.order_no, RECEIPT_WAIT_S)
        except Exception:
            log.exception("checkout %s: the receipt could not be printed", order.order_no)
        return JobOutcome.NOT_PRINTED

    def receipt_for(self, order: Order, request: CheckoutRequest) -> Receipt:
        s = self.receipt
        english = request.language != "zh_CN"
        lines = tuple(ReceiptLine((line.name_en or line.name_zh) if english else line.name_zh, line.quantity,
                                  line.unit_price_minor, line.line_total_minor) for line in order.lines)
        fulfilment: Pickup | Delivery
        if order.fulfilment is Fulfilment.DELIVERY:
            contact = request.contact
            fulfilment = Delivery(contact.name, contact.phone, contact.address)
        else:
            fulfilment = Pickup(order.order_no, s.pickup_location)
        payment = next((p for p in order.payments if p.reference or p.payment_id), None)
        store_name = (s.store_name_en or s.store_name) if english else s.store_name
        return Receipt(
            store_name=store_name, order_no=order.order_no,
            created_at=self.orders.local_time(order.paid_at or order.created_at),  # the store's time
            lines=lines, subtotal=order.subtotal_minor, shipping=order.shipping_minor,
            total=order.total_minor, currency=order.currency,
            payment_method=METHOD_NAMES.get(request.method, request.method),
            payment_ref=(payment.reference or payment.payment_id or "") if payment else "",
            fulfilment=fulfilment, qr_url=s.order_url.format(base=s.base_url, order_uuid=order.order_uuid),
            device_name=s.device_name, footer=s.footer, labels=ENGLISH_LABELS if english else None)

    def _emit(self, update: CheckoutUpdate) -> None:
        try:
            self._on_update(update)
        except Exception:
            log.exception("checkout listener failed on %s", update.phase)

    # --- after the fact ------------------------------------------------------------------------------

    def reconcile(self, *, at_boot: bool = False) -> int:
        """Ask the store about every order whose payment outcome is open (at boot, then periodically).

        Paid → PAID (and pushed); declined or closed → settled; still open → closed now (the shopper
        left long ago), where a late payment still wins. Orders younger than a checkout's time to pay
        are left alone, unless `at_boot` (no shopper was paying before the kiosk started). Returns how
        many were settled.
        """
        now = self.orders.clock()
        # at boot only what is older than this call: a shopper may start paying the moment the store is up
        before = now if at_boot else now - dt.timedelta(seconds=self.timeout_s + 60)
        settled = 0
        for order_uuid in self.orders.unresolved(before):
            payment_id = self.orders.payment_id_of(order_uuid)
            if payment_id is None:
                self.orders.cancel(order_uuid)  # no payment was ever created: nothing to ask
                settled += 1
                continue
            try:
                info: PaymentInfo = self.payments.finish(payment_id)
            except PaymentError as exc:
                # refused, unreachable or no answer: none of it says "not paid", so nothing is settled
                log.warning("reconcile %s: no definite answer (%s); asking again later", order_uuid, exc)
                continue
            if info["status"] == "PAID":
                record = PaymentRecord(info["method"], payment_id, info.get("reference", ""))
                self.orders.mark_paid(order_uuid, record)
                self._on_paid()
            elif info["status"] == "FAILED":
                self.orders.mark_payment_failed(order_uuid)
            elif info["status"] == "CLOSED":  # the one definite "not paid, and never will be"
                self.orders.cancel(order_uuid)
            else:
                log.warning("reconcile %s: still %s after a close; asking again later", order_uuid,
                            info["status"])
                continue
            settled += 1
        return settled


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
