"""The technician's orders desk: today's orders, a search by number, one order's detail, and the three
things staff do to an order — reprint its receipt as a copy, settle it with the store, cancel it.

Nothing here decides a payment: settling and cancelling go through the reconciliation
(`Reconciler.settle_one` / `cancel_one`), which asks the store and moves the order only on a definite
answer (a late payment wins over a cancel). The one exception is a PAID_ORPHAN order (paid after its
shopper was told otherwise and had gone): it is paid and stays paid — the order state machine has no
move out of it — so "settling" it is staff saying they handed the goods over or refunded the money at
the store. That is recorded in the audit log under `ORPHAN_SETTLED` (the page writes it), the staff
alert about it is resolved on the store's fleet page, and the list shows the order as settled.

Contact details leave this module masked (`kiosk.sync.protocol.mask_*`): the clear text exists only
inside `detail` while it is masked.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select

from kiosk.db.models import AuditEntry, Order, OrderState
from kiosk.money import Money
from kiosk.orders import OrderBook
from kiosk.pii import PiiError
from kiosk.receipts import ReceiptDesk
from kiosk.reconcile import CANCELLABLE_STATES, OneOrder, Reconciler
from kiosk.sync.protocol import Alert, mask_address, mask_name, mask_phone

log = logging.getLogger(__name__)

S = OrderState
ORPHAN_SETTLED = "orders.orphan_settled"  # audit action: staff handed a paid orphan over or refunded it
HANDED_OVER, REFUNDED = "handed_over", "refunded"
PAID_STATES = frozenset({S.PAID, S.SYNCED, S.PAID_ORPHAN})
SETTLEABLE_STATES = frozenset({S.PAYMENT_UNKNOWN, S.PAID_ORPHAN})
# what a reprint may answer besides the printer's own outcome
NO_PRINTER, BUSY, NOT_PAID = "no_printer", "busy", "not_paid"
NO_STORE = "no_store"  # OneOrder.why: settle and cancel need the store, and none is configured yet


@dataclass(frozen=True)
class OrderSummary:
    order_uuid: str
    order_no: str
    created: dt.datetime  # the store's local time
    state: OrderState
    store_status: str  # the store's fulfilment status when known (ACCEPTED, SHIPPED, ...), else ""
    total: Money
    receipt_state: str  # "" none yet, "sending", or the printer's outcome (JobOutcome), "uncertain"
    settled_by_staff: bool  # a PAID_ORPHAN order staff have handed over or refunded


@dataclass(frozen=True)
class LineView:
    name_zh: str
    name_en: str
    quantity: int
    unit: Money
    total: Money


@dataclass(frozen=True)
class PaymentView:
    method: str
    state: str
    reference: str  # the provider's transaction id, else the store's payment id
    amount: Money


@dataclass(frozen=True)
class MaskedContact:
    name: str = ""
    phone: str = ""
    address: str = ""
    purged: bool = False  # erased after its retention: only the masked phone kept on the order
    unreadable: bool = False  # sealed with a key this kiosk no longer has


@dataclass(frozen=True)
class OrderDetail:
    summary: OrderSummary
    fulfilment: str  # pickup | delivery
    tracking_no: str
    receipt_no: str
    paid: dt.datetime | None  # the store's local time
    lines: tuple[LineView, ...]
    subtotal: Money
    shipping: Money
    payments: tuple[PaymentView, ...]
    contact: MaskedContact

    @property
    def can_reprint(self) -> bool:
        return self.summary.state in PAID_STATES

    @property
    def can_settle(self) -> bool:
        return self.summary.state in SETTLEABLE_STATES and not self.summary.settled_by_staff

    @property
    def can_cancel(self) -> bool:
        return self.summary.state in CANCELLABLE_STATES


class OrderDesk:
    def __init__(self, orders: OrderBook, receipts: Callable[[], ReceiptDesk],
                 reconciler: Callable[[], Reconciler | None],
                 send_alert: Callable[[Alert], object] | None = None) -> None:
        self.orders = orders
        self._receipts = receipts  # built per use: the printer may come and go
        self._reconciler = reconciler  # None until the store is known
        self._send_alert = send_alert
        self._printing: set[str] = set()
        self._printing_lock = threading.Lock()

    # --- listing -----------------------------------------------------------------------------------

    def today(self) -> list[OrderSummary]:
        """The orders of the store's current local day, newest first."""
        start, end = self.orders.local_day_bounds(self.orders.clock())
        return self._summaries(self.orders.created_between(start, end))

    def search(self, typed: str) -> list[OrderSummary]:
        """Orders by number: the last digits ("0042") or the whole number ("K01-1207-0042")."""
        return self._summaries(self.orders.find_by_number(typed))

    def _summaries(self, orders: Iterable[Order]) -> list[OrderSummary]:
        orders = list(orders)
        settled = self._settled_by_staff([o.order_uuid for o in orders if o.state is S.PAID_ORPHAN])
        return [self._summary(o, o.order_uuid in settled) for o in orders]

    def _summary(self, order: Order, settled: bool) -> OrderSummary:
        return OrderSummary(order.order_uuid, order.order_no, self.orders.local_time(order.created_at),
                            order.state, order.store_status, Money(order.total_minor, order.currency),
                            order.receipt_state, settled)

    def _settled_by_staff(self, order_uuids: list[str]) -> set[str]:
        if not order_uuids:
            return set()
        with self.orders.db.read() as session:
            return set(session.scalars(select(AuditEntry.subject).where(
                AuditEntry.action == ORPHAN_SETTLED, AuditEntry.result == "ok",
                AuditEntry.subject.in_(order_uuids))))

    # --- one order ---------------------------------------------------------------------------------

    def detail(self, order_uuid: str) -> OrderDetail:
        order = self.orders.get(order_uuid)
        summary = self._summary(order, bool(self._settled_by_staff([order_uuid])))
        currency = order.currency
        lines = tuple(LineView(line.name_zh, line.name_en, line.quantity,
                               Money(line.unit_price_minor, currency), Money(line.line_total_minor, currency))
                      for line in order.lines)
        payments = tuple(PaymentView(p.method, p.state.value, p.reference or p.payment_id or "",
                                     Money(p.amount_minor, p.currency)) for p in order.payments)
        return OrderDetail(summary, order.fulfilment.value, order.tracking_no, order.receipt_no or "",
                           self.orders.local_time(order.paid_at) if order.paid_at else None, lines,
                           Money(order.subtotal_minor, currency), Money(order.shipping_minor, currency),
                           payments, self._masked_contact(order))

    def _masked_contact(self, order: Order) -> MaskedContact:
        if order.pii_purged_at is not None:
            return MaskedContact(phone=order.phone_masked, purged=True)
        try:
            clear = self.orders.contact(order)
        except PiiError:
            log.error("order %s: its contact details do not decrypt", order.order_no)
            return MaskedContact(phone=order.phone_masked, unreadable=True)
        return MaskedContact(mask_name(clear.name), mask_phone(clear.phone) if clear.phone else "",
                             mask_address(clear.address) if clear.address else "")

    # --- actions (each may wait on the store or the printer: call them off the GUI thread) ----------

    def reprint(self, order_uuid: str) -> str:
        """One copy of a paid order's receipt, marked as a copy. A second call for the same order while
        the first is printing prints nothing and answers BUSY. Returns the printer's outcome
        (JobOutcome value), NO_PRINTER or NOT_PAID."""
        if self.orders.get(order_uuid).state not in PAID_STATES:
            return NOT_PAID
        with self._printing_lock:
            if order_uuid in self._printing:
                return BUSY
            self._printing.add(order_uuid)
        try:
            outcome = self._receipts().reprint(order_uuid)
        finally:
            with self._printing_lock:
                self._printing.discard(order_uuid)
        return NO_PRINTER if outcome is None else outcome.value

    def settle(self, order_uuid: str) -> OneOrder:
        """A PAYMENT_UNKNOWN order (or a pending one): asked of the store now, as reconciliation would."""
        reconciler = self._reconciler()
        if reconciler is None:
            return OneOrder(self.orders.get(order_uuid).state, False, "no store is configured", NO_STORE)
        return reconciler.settle_one(order_uuid)

    def cancel(self, order_uuid: str) -> OneOrder:
        """An unpaid order: its payments closed at the store first (a late payment wins), then cancelled."""
        reconciler = self._reconciler()
        if reconciler is None:
            return OneOrder(self.orders.get(order_uuid).state, False, "no store is configured", NO_STORE)
        return reconciler.cancel_one(order_uuid)

    def settle_orphan(self, order_uuid: str, how: str) -> OrderSummary:
        """Staff handed a PAID_ORPHAN order over, or refunded it at the store: the order stays paid; its
        staff alert is resolved on the store's fleet page. The caller audits `ORPHAN_SETTLED`, which is
        what marks it settled. Raises ValueError for any other order or way."""
        order = self.orders.get(order_uuid)
        if order.state is not S.PAID_ORPHAN or how not in (HANDED_OVER, REFUNDED):
            raise ValueError(f"order {order.order_no} ({order.state.value}) cannot be settled {how!r}")
        if self._send_alert is not None:
            # the alert kiosk.reconcile raised for it, by its id: resolved (kept and resent until taken)
            self._send_alert({"alert_id": f"orphan-{order.order_no}"[:64], "kind": "order.paid_orphan",
                              "severity": "critical", "state": "resolved", "order_uuid": order_uuid,
                              "message": f"Order {order.order_no}: settled by staff ({how})."})
        return self._summary(order, True)

