"""Reconciliation: settles with the store every payment whose outcome the kiosk does not know.

Run at boot and at the sync worker's housekeeping cadence, one run at a time. It never touches an order
a live checkout holds (`OrderBook.hold`), and settling an order already settled changes nothing. The
store decides, the kiosk never guesses:

- an order still pending or unknown: the store's answer after the final query and close. PAID → PAID
  (pushed); FAILED → declined; CLOSED → cancelled. No answer, or an answer that is no payment, leaves
  it to be asked again. An order with no recorded payment (a crash between the store's create and the
  kiosk's record) is looked up by its id at the store, never cancelled blind;
- a declined or cancelled order whose payment the store has not confirmed closed: closed now. If the
  store says it was paid after all, the late payment wins: PAID_ORPHAN, with a staff alert, since the
  shopper was told otherwise and has gone.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kiosk.db.models import OrderState, PaymentState
from kiosk.orders import OrderBook, PaymentRecord
from kiosk.sync.payments import PaymentClient, PaymentError, PaymentRefused
from kiosk.sync.protocol import PaymentInfo

log = logging.getLogger(__name__)

BOOT_WAIT_S = 120.0  # the boot run waits this long for a periodic run that got in first
ONE_ORDER_WAIT_S = 30.0  # a technician's settle or cancel waits this long for a running round
OPEN_STATES = frozenset({OrderState.PENDING_PAYMENT, OrderState.PAYMENT_UNKNOWN})
CANCELLABLE_STATES = frozenset({OrderState.PENDING_PAYMENT, OrderState.PAYMENT_FAILED})
# why a technician's settle or cancel changed nothing (OneOrder.why)
NOT_APPLICABLE, BUSY, HELD = "not_applicable", "busy", "held"
UNREACHABLE, STILL_OPEN = "unreachable", "still_open"

# an alert for staff: (alert id, kind, message, order uuid)
Alert = Callable[[str, str, str, str], None]


@dataclass(frozen=True)
class OneOrder:
    """How a technician's settle or cancel of one order ended: the order's state after it, whether the
    store gave a definite answer, and why not when it did not (nothing was changed then)."""

    state: OrderState
    answered: bool
    error: str = ""  # for the log and the audit
    # why not, for the screen: not_applicable, busy, held, unreachable, still_open, no_store ("" answered)
    why: str = ""


class Reconciler:
    def __init__(self, orders: OrderBook, payments: PaymentClient, *, pay_window_s: float,
                 on_paid: Callable[[], None] = lambda: None, alert: Alert = lambda *_: None) -> None:
        self.orders = orders
        self.payments = payments
        self.pay_window_s = pay_window_s  # a shopper may still be paying an order this young
        self.on_paid = on_paid
        self.alert = alert
        self._running = threading.Lock()

    def run(self, *, at_boot: bool = False) -> int:
        """Settle what can be settled now; returns how many orders changed. A periodic run that finds
        another one going returns 0 at once; the boot run waits for it (it settles what a periodic run
        leaves alone: the orders younger than a time to pay, left open by the crash)."""
        if not self._running.acquire(blocking=at_boot, timeout=BOOT_WAIT_S if at_boot else -1):
            log.info("reconciliation already running; this round is skipped")
            return 0
        try:
            now = self.orders.clock()
            # at boot only what is older than this call: a shopper may start paying the moment the store is up
            before = now if at_boot else now - dt.timedelta(seconds=self.pay_window_s + 60)
            settled = sum(self._each(self._settle_open, order_uuid)
                          for order_uuid in self.orders.unresolved(before))
            settled += sum(self._each(self._close_after, order_uuid, payment_id)
                           for order_uuid, payment_id in self.orders.unclosed_payments(before))
            return settled
        finally:
            self._running.release()

    @staticmethod
    def _each(settle: Callable[..., int], order_uuid: str, *args: str) -> int:
        """One order's trouble (a bug, a disk error) never keeps the others from being settled."""
        try:
            return settle(order_uuid, *args)
        except Exception:
            log.exception("reconcile %s: failed; asking again next round", order_uuid)
            return 0

    def _settle_open(self, order_uuid: str) -> int:
        payment_id = self.orders.payment_id_of(order_uuid)
        try:
            if payment_id is None:
                return self._settle_unrecorded(order_uuid)
            info = self.payments.finish(payment_id)
        except PaymentError as exc:
            # refused, unreachable or no answer: none of it says "not paid", so nothing is settled
            log.warning("reconcile %s: no definite answer (%s); asking again later", order_uuid, exc)
            return 0
        return self._apply(order_uuid, info)

    def _settle_unrecorded(self, order_uuid: str) -> int:
        """No payment id was recorded: ask the store what it created under this order."""
        found = self.payments.for_order(order_uuid)
        if not found:
            log.info("reconcile %s: the store created no payment for it; cancelled", order_uuid)
            self.orders.cancel(order_uuid)
            return 1
        paid = next((info for info in found if info["status"] == "PAID"), None)
        if paid is not None:
            return self._apply(order_uuid, paid)
        answers = [self.payments.finish(info["payment_id"]) for info in found]
        paid = next((info for info in answers if info["status"] == "PAID"), None)
        if paid is not None:
            return self._apply(order_uuid, paid)
        if all(info["status"] in ("CLOSED", "FAILED") for info in answers):
            log.info("reconcile %s: its %d payment(s) at the store are closed; cancelled", order_uuid,
                     len(answers))
            self.orders.cancel(order_uuid)
            return 1
        return 0

    def _apply(self, order_uuid: str, info: PaymentInfo) -> int:
        status, payment_id = info["status"], info["payment_id"]
        if status == "PAID":
            self._paid(order_uuid, info)
        elif status == "FAILED":
            self.orders.mark_payment_failed(order_uuid, closed=payment_id)
        elif status == "CLOSED":  # the one definite "not paid, and never will be"
            self.orders.cancel(order_uuid, closed=payment_id)
        else:
            log.warning("reconcile %s: still %s after a close; asking again later", order_uuid, status)
            return 0
        return 1

    def _close_after(self, order_uuid: str, payment_id: str) -> int:
        """A declined or cancelled order's payment, not yet known closed: close it; a late payment wins."""
        try:
            info = self.payments.finish(payment_id)
        except PaymentRefused as exc:
            log.warning("reconcile %s: the store does not know payment %s (%s); left to staff", order_uuid,
                        payment_id, exc)
            self.orders.payment_unanswerable(order_uuid, payment_id)
            return 0
        except PaymentError as exc:
            log.warning("reconcile %s: no definite answer on %s (%s)", order_uuid, payment_id, exc)
            return 0
        if info["status"] == "PAID":
            self._paid(order_uuid, info)
            return 1
        if info["status"] in ("CLOSED", "FAILED"):
            self.orders.payment_closed(order_uuid, payment_id)
        return 0

    def _paid(self, order_uuid: str, info: PaymentInfo) -> None:
        order = self.orders.mark_paid(order_uuid, PaymentRecord(info["method"], info["payment_id"],
                                                                info.get("reference", "")))
        self.on_paid()
        if order.state.value == "PAID_ORPHAN":
            log.error("order %s was paid after its shopper was told otherwise: PAID_ORPHAN, staff alerted",
                      order.order_no)
            self.alert(f"orphan-{order.order_no}", "order.paid_orphan",
                       f"Order {order.order_no} ({order.total_minor} {order.currency}) was paid after the "
                       "shopper had left: hand it over or refund it.", order_uuid)

    # --- one order, for a technician ---------------------------------------------------------------

    def settle_one(self, order_uuid: str) -> OneOrder:
        """Settle one pending or unknown order now, as a round would (a technician's "settle with the
        store"): paid → PAID, failed → declined, closed → cancelled; no answer changes nothing."""
        state = self.orders.get(order_uuid).state
        if state not in OPEN_STATES:
            return OneOrder(state, False, f"{state.value}: nothing to settle", NOT_APPLICABLE)
        with self._one(order_uuid) as refused:
            if refused:
                return OneOrder(state, False, refused, refused)
            try:
                payment_id = self.orders.payment_id_of(order_uuid)
                if payment_id is None:
                    changed = self._settle_unrecorded(order_uuid)
                else:
                    changed = self._apply(order_uuid, self.payments.finish(payment_id))
            except PaymentError as exc:
                log.warning("settle %s: no definite answer (%s)", order_uuid, exc)
                return OneOrder(state, False, str(exc), UNREACHABLE)
            after = self.orders.get(order_uuid).state
            if not changed:
                return OneOrder(after, False, "its payment is still open at the store", STILL_OPEN)
            return OneOrder(after, True)

    def cancel_one(self, order_uuid: str) -> OneOrder:
        """A technician cancels an unpaid order: each of its payments is finished at the store first (the
        final query, then the close), and the order is cancelled only when the store says none was paid
        and all are closed. A payment the store has as paid wins: the order becomes paid, never cancelled."""
        order = self.orders.get(order_uuid)
        if order.state not in CANCELLABLE_STATES:
            return OneOrder(order.state, False, f"{order.state.value}: not an unpaid order", NOT_APPLICABLE)
        with self._one(order_uuid) as refused:
            if refused:
                return OneOrder(order.state, False, refused, refused)
            try:
                if order.payments:
                    ids = [p.payment_id for p in order.payments
                           if p.payment_id and p.state is not PaymentState.CLOSED]
                else:  # none recorded (a crash between the store's create and the record): ask the store
                    ids = [info["payment_id"] for info in self.payments.for_order(order_uuid)]
                answers = [self.payments.finish(payment_id) for payment_id in ids]
            except PaymentError as exc:
                log.warning("cancel %s: no definite answer (%s); not cancelled", order_uuid, exc)
                return OneOrder(order.state, False, str(exc), UNREACHABLE)
            paid = next((info for info in answers if info["status"] == "PAID"), None)
            if paid is not None:
                log.warning("cancel %s: the store has its payment as paid; the order is paid, not cancelled",
                            order_uuid)
                self._paid(order_uuid, paid)
                return OneOrder(self.orders.get(order_uuid).state, True)
            still = [info["status"] for info in answers if info["status"] not in ("CLOSED", "FAILED")]
            if still:
                return OneOrder(order.state, False, f"the store has its payment {still[0]}", STILL_OPEN)
            for info in answers:
                self.orders.payment_closed(order_uuid, info["payment_id"])
            self.orders.cancel(order_uuid)
            log.info("cancel %s: every payment closed at the store; cancelled", order_uuid)
            return OneOrder(OrderState.CANCELLED, True)

    @contextmanager
    def _one(self, order_uuid: str) -> Iterator[str]:
        """One order at a time with the rounds; yields why not (BUSY, HELD; "" when it may go ahead)."""
        if not self._running.acquire(timeout=ONE_ORDER_WAIT_S):
            yield BUSY
            return
        try:
            yield HELD if self.orders.held(order_uuid) else ""
        finally:
            self._running.release()
