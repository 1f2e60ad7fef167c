"""Orders: the one module that creates them and moves them between states.

`PENDING_PAYMENT` is committed before a QR code is shown; `PAID` is one transaction with the payment,
the receipt number and the outbox row that carries the order to the store (its `device_seq` is the
next gap-free number). The sync worker later marks it `SYNCED`. A payment that arrives after the
shopper's session ended makes the order `PAID_ORPHAN`: still delivered, and flagged for staff.

Contact details are stored only encrypted (kiosk.pii), in the order row and in the outbox payload;
`OrderBook.decode_payload` turns a stored payload into the wire payload just before it is sent.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.analytics import shopper_hash
from kiosk.config import IdentityConfig, store_timezone
from kiosk.db.engine import Database
from kiosk.db.models import (
    AuditEntry,
    Fulfilment,
    Order,
    OrderLine,
    OrderState,
    OutboxRow,
    Payment,
    PaymentState,
    Product,
    Setting,
    utcnow,
)
from kiosk.errors import KioskError
from kiosk.order_rules import UNPAID_EDITABLE, Locked
from kiosk.pii import PiiCipher, PiiError
from kiosk.sync.protocol import (
    ORDER_PAID_KIND,
    OrderPayload,
    canonical_json,
    delivery_fee_minor,
    mask_phone,
    payload_hash,
)

log = logging.getLogger(__name__)

S = OrderState
# every allowed move; anything else is a bug or a race, refused loudly
TRANSITIONS: dict[OrderState, frozenset[OrderState]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.PAYMENT_FAILED, S.PAYMENT_UNKNOWN, S.CANCELLED}),
    S.PAYMENT_UNKNOWN: frozenset({S.PAID, S.PAYMENT_FAILED, S.CANCELLED}),
    S.PAYMENT_FAILED: frozenset({S.PENDING_PAYMENT, S.CANCELLED, S.PAID_ORPHAN}),
    # the bank says paid after all: never lose it; or, its payment closed for good, paid again (see
    # OrderBook.retry_payment: only then, so no earlier payment of it can still land)
    S.CANCELLED: frozenset({S.PAID_ORPHAN, S.PENDING_PAYMENT}),
    S.PAID: frozenset({S.SYNCED}),
    S.PAID_ORPHAN: frozenset(),
    S.SYNCED: frozenset(),
}
_CONTACT_FIELDS = ("name", "phone", "address")
RECEIPT_SENDING = "sending"
RECEIPT_NOT_PRINTED = "not_printed"  # JobOutcome.NOT_PRINTED: refused before a byte was sent


class OrderError(KioskError):
    pass


class InvalidTransition(OrderError):
    def __init__(self, order_no: str, current: OrderState, target: OrderState) -> None:
        super().__init__(f"order {order_no}: {current.value} cannot become {target.value}")


@dataclass(frozen=True)
class CartLine:
    """A cart line as the shopper confirmed it: price and names are snapshots."""

    sku: str
    name_zh: str
    name_en: str
    unit_price_minor: int
    quantity: int
    product_id: int | None = None
    catalog_version: int = 0


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class PaymentRecord:
    method: str  # wechat | alipay
    payment_id: str
    reference: str = ""  # the provider's transaction id


DEFAULT_TIMEZONE = store_timezone(IdentityConfig())


class OrderBook:
    def __init__(self, db: Database, cipher: PiiCipher, device_name: str, currency: str = "CNY",
                 clock: Callable[[], dt.datetime] = utcnow,
                 timezone: dt.tzinfo = DEFAULT_TIMEZONE, shopper_salt: bytes = b"") -> None:
        self.db = db
        # repeat shoppers in the reports: orders keep HMAC(salt, phone), never the number (kiosk.analytics)
        self.shopper_salt = shopper_salt
        self.cipher = cipher
        self.device_name = device_name
        self.currency = currency
        self.clock = clock  # naive UTC
        self.timezone = timezone  # the store's: its day names the order
        self._held: set[str] = set()  # orders a live checkout is working on: reconciliation keeps off
        self._held_lock = threading.Lock()

    # --- live checkouts -----------------------------------------------------------------------------

    @contextmanager
    def hold(self, order_uuid: str) -> Iterator[None]:
        """While a live checkout works on an order, reconciliation leaves it alone."""
        with self._held_lock:
            self._held.add(order_uuid)
        try:
            yield
        finally:
            with self._held_lock:
                self._held.discard(order_uuid)

    def held(self, order_uuid: str) -> bool:
        with self._held_lock:
            return order_uuid in self._held

    # --- creation ----------------------------------------------------------------------------------

    def create_pending(self, lines: Sequence[CartLine], *, fulfilment: Fulfilment = Fulfilment.PICKUP,
                       contact: Contact | None = None, language: str = "zh_CN", shipping_minor: int = 0,
                       catalog_version: int = 0) -> Order:
        """Commit the order before any QR code is shown, so a payment always finds it."""
        if not lines:
            raise OrderError("an order needs at least one line")
        for line in lines:
            if line.quantity <= 0 or line.unit_price_minor < 0:
                raise OrderError(f"line {line.sku}: quantity must be positive and price not negative")
        contact = contact or Contact()
        order_uuid = str(uuid.uuid4())
        subtotal = sum(line.unit_price_minor * line.quantity for line in lines)
        fee = delivery_fee_minor(fulfilment.value, subtotal)
        if shipping_minor != fee:
            # what the shopper saw on screen must be what is charged, never silently another figure
            raise OrderError(f"a {fulfilment.value} fee of {shipping_minor} was shown; the fee is {fee}")
        now = self.clock()
        with self.db.write() as session:
            order = Order(order_uuid=order_uuid, order_no=self._next_order_no(session, now),
                          state=S.PENDING_PAYMENT, fulfilment=fulfilment, currency=self.currency,
                          subtotal_minor=subtotal, shipping_minor=shipping_minor,
                          total_minor=subtotal + shipping_minor, language=language,
                          catalog_version=catalog_version, phone_masked=mask_phone(contact.phone),
                          shopper_hash=shopper_hash(self.shopper_salt, contact.phone),
                          created_at=now, updated_at=now, **self._encrypted_contact(order_uuid, contact))
            # a product the catalog dropped since the cart was checked keeps its line (sku, names, price)
            # without the link: the order is still the one the shopper confirmed
            ids = {line.product_id for line in lines if line.product_id is not None}
            known = set(session.scalars(select(Product.id).where(Product.id.in_(ids)))) if ids else set()
            for position, line in enumerate(lines):
                order.lines.append(OrderLine(
                    position=position, product_id=line.product_id if line.product_id in known else None,
                    sku=line.sku, name_zh=line.name_zh,
                    name_en=line.name_en, unit_price_minor=line.unit_price_minor, quantity=line.quantity,
                    line_total_minor=line.unit_price_minor * line.quantity,
                    catalog_version=line.catalog_version))
            session.add(order)
            self._audit(session, "order.created", order)
        return order

    def local_time(self, moment: dt.datetime) -> dt.datetime:
        """A naive UTC time as the store's wall clock shows it (what a receipt prints)."""
        return moment.replace(tzinfo=dt.UTC).astimezone(self.timezone).replace(tzinfo=None)

    def _next_order_no(self, session: Session, now: dt.datetime) -> str:
        """K01-1126-0042: kiosk, the store's month and day, and a count: short enough to type.

        The number shows no year, so the count of a date runs on from year to year: a number never
        repeats in the life of the device (a count kept per year made every order fail on the unique
        number a year after a busy day)."""
        day = f"{self.local_time(now):%m%d}"
        key = f"order_count:{day}"
        row = session.get(Setting, key)
        count = (int(row.value) if row else self._highest_count(session, day)) + 1
        session.merge(Setting(key=key, value=str(count)))
        return f"{self.device_name}-{day}-{count:04d}"

    def _highest_count(self, session: Session, day: str) -> int:
        """The highest count already issued for this date (counters were once kept per year)."""
        prefix = f"{self.device_name}-{day}-"
        numbers = session.scalars(select(Order.order_no).where(Order.order_no.startswith(prefix)))
        return max((int(n[len(prefix):]) for n in numbers if n[len(prefix):].isdigit()), default=0)

    def _encrypted_contact(self, order_uuid: str, contact: Contact) -> dict[str, bytes | None]:
        def enc(name: str, value: str) -> bytes | None:
            return self.cipher.encrypt(value, context=f"order:{order_uuid}:{name}") if value else None

        return {"contact_name_enc": enc("name", contact.name),
                "contact_phone_enc": enc("phone", contact.phone),
                "address_enc": enc("address", contact.address)}

    # --- transitions -------------------------------------------------------------------------------

    def _load(self, session: Session, order_uuid: str) -> Order:
        order = session.scalar(select(Order).where(Order.order_uuid == order_uuid))
        if order is None:
            raise OrderError(f"no order {order_uuid}")
        return order

    def _move(self, session: Session, order: Order, target: OrderState) -> None:
        if target not in TRANSITIONS[order.state]:
            raise InvalidTransition(order.order_no, order.state, target)
        order.state = target
        order.updated_at = self.clock()
        self._audit(session, f"order.{target.value.lower()}", order)

    def mark_paid(self, order_uuid: str, payment: PaymentRecord) -> Order:
        """Payment, receipt number and outbox row in one transaction; repeating it changes nothing."""
        with self.db.write() as session:
            order = self._load(session, order_uuid)
            if order.state in (S.PAID, S.SYNCED, S.PAID_ORPHAN):
                return order  # a late duplicate notification: already recorded exactly once
            # the shopper was told it failed or was cancelled, and has gone: staff must hand it over
            target = S.PAID_ORPHAN if order.state in (S.CANCELLED, S.PAYMENT_FAILED) else S.PAID
            self._move(session, order, target)
            now = self.clock()
            order.paid_at = now
            seq = (session.scalar(select(func.max(OutboxRow.device_seq))) or 0) + 1
            order.receipt_no = f"R{self.device_name}{seq:08d}"
            # the payment row exists when checkout recorded the QR; a late or external one may not
            row = next((p for p in order.payments if p.payment_id == payment.payment_id), None)
            if row is None:
                row = Payment(payment_id=payment.payment_id, method=payment.method,
                              amount_minor=order.total_minor, currency=order.currency, created_at=now)
                order.payments.append(row)
            row.state, row.reference, row.updated_at = PaymentState.PAID, payment.reference, now
            self._take_from_stock(session, order)
            session.flush()
            try:
                wire = self.wire_payload(order, payment)
            except PiiError as exc:
                # its contact sealed with a lost key: the payment is recorded all the same (money is never
                # refused); the row keeps the sealed contact, so the outbox quarantines it with an alert
                log.error("order %s paid, but its contact details do not decrypt: %s", order.order_no, exc)
                wire = self.wire_payload(order, payment, with_contact=False)
            stored = self._stored_payload(order, wire)
            session.add(OutboxRow(device_seq=seq, kind=ORDER_PAID_KIND, order_uuid=order.order_uuid,
                                  payload=canonical_json(stored).decode(), payload_hash=payload_hash(wire),
                                  created_at=now))
        return order

    @staticmethod
    def _take_from_stock(session: Session, order: Order) -> None:
        """What was paid for leaves this kiosk's stock at once (in the payment's transaction): the next
        shopper cannot buy the last unit again before the store's catalog catches up."""
        for line in order.lines:
            which = Product.id == line.product_id if line.product_id is not None else Product.sku == line.sku
            session.execute(update(Product).where(which)
                            # stock is no search text: the search index need not be rebuilt at the next start
                            .values(stock=func.max(Product.stock - line.quantity, 0),
                                    updated_at=Product.updated_at))

    def record_payment(self, order_uuid: str, payment: PaymentRecord, *, code_url: str,
                       expires_at: dt.datetime | None) -> None:
        """The payment created for a pending order, before its QR is shown (for reconciliation)."""
        now = self.clock()
        with self.db.write() as session:
            order = self._load(session, order_uuid)
            if any(p.payment_id == payment.payment_id for p in order.payments):
                return
            order.payments.append(Payment(payment_id=payment.payment_id, method=payment.method,
                                          amount_minor=order.total_minor, currency=order.currency,
                                          code_url=code_url, expires_at=expires_at, created_at=now))

    def payment_id_of(self, order_uuid: str) -> str | None:
        """The store's id of the order's newest payment, or None when none was created."""
        with self.db.read() as session:
            return session.scalar(select(Payment.payment_id).join(Order).where(Order.order_uuid == order_uuid)
                                  .order_by(Payment.id.desc()).limit(1))

    def mark_payment_failed(self, order_uuid: str, *, closed: str | None = None) -> Order:
        """Declined; `closed`: the payment the store has since closed (nothing more can come of it)."""
        return self._transition(order_uuid, S.PAYMENT_FAILED, closed=closed)

    def mark_payment_unknown(self, order_uuid: str) -> Order:
        """The bank could not be asked: reconciled on reconnect and at boot, never guessed."""
        return self._transition(order_uuid, S.PAYMENT_UNKNOWN)

    def retry_payment(self, order_uuid: str) -> Order:
        """Pay a declined or cancelled order again (a new payment). A cancelled one only when every
        payment it had is closed at the store and it is from the store's business day: then no earlier
        payment of it can still be paid, so it is paid at most once."""
        with self.db.write() as session:
            order = self._load(session, order_uuid)
            if order.state is S.CANCELLED:
                why = self._why_not_editable(order)
                if why is not Locked.NONE:
                    raise OrderError(f"order {order.order_no} cannot be paid again: {why.value}")
            self._move(session, order, S.PENDING_PAYMENT)
        return order

    def why_not_editable(self, order_uuid: str) -> Locked:
        """Locked.NONE when the unpaid order may be edited and paid again now (kiosk.order_rules'
        Stage.EDIT); else why not: a payment of it still open or being checked (PAYING), an order of
        an earlier business day whose prices are gone (EXPIRED), a paid or paying order (UNKNOWN)."""
        with self.db.read() as session:
            order = self._load(session, order_uuid)
            return Locked.PAYING if self.held(order_uuid) else self._why_not_editable(order)

    def _why_not_editable(self, order: Order) -> Locked:
        """As why_not_editable, a live checkout's hold aside (the checkout's own retry holds it)."""
        if order.state.value not in UNPAID_EDITABLE:
            return Locked.UNKNOWN
        if any(p.state is not PaymentState.CLOSED for p in order.payments):
            return Locked.PAYING  # a phone could still pay it: reconciliation closes it first
        if self.local_time(order.created_at).date() != self.local_time(self.clock()).date():
            return Locked.EXPIRED
        return Locked.NONE

    def amend_unpaid(self, order_uuid: str, fulfilment: Fulfilment, contact: Contact,
                     shipping_minor: int) -> Order:
        """The shopper edits an unpaid order's fulfilment and contact before paying it again: the contact
        is sealed again, the delivery fee and total follow. Only while `why_not_editable` is NONE; the
        fee shown must be the fee by the rule, and a delivery needs a name, a phone and an address."""
        with self.db.write() as session:
            order = self._load(session, order_uuid)
            why = Locked.PAYING if self.held(order_uuid) else self._why_not_editable(order)
            if why is not Locked.NONE:
                raise OrderError(f"order {order.order_no} cannot be edited: {why.value}")
            fee = delivery_fee_minor(fulfilment.value, order.subtotal_minor)
            if shipping_minor != fee:
                raise OrderError(f"a {fulfilment.value} fee of {shipping_minor} was shown; the fee is {fee}")
            if fulfilment is Fulfilment.DELIVERY and not (contact.name and contact.phone and contact.address):
                raise OrderError("a delivery needs a name, a phone and an address")
            before = f"{order.fulfilment.value} {order.total_minor}"
            for column, blob in self._encrypted_contact(order_uuid, contact).items():
                setattr(order, column, blob)
            order.phone_masked = mask_phone(contact.phone)
            order.shopper_hash = shopper_hash(self.shopper_salt, contact.phone)
            order.fulfilment = fulfilment
            order.shipping_minor = shipping_minor
            order.total_minor = order.subtotal_minor + shipping_minor
            order.updated_at = self.clock()
            # what changed, never the contact itself
            session.add(AuditEntry(at=self.clock(), actor="shopper", action="order.amended",
                                   subject=order.order_uuid, result="ok",
                                   detail=f"{order.order_no} {before} -> {fulfilment.value} "
                                          f"{order.total_minor} {order.currency}"))
        return order

    def cancel(self, order_uuid: str, *, closed: str | None = None) -> Order:
        """Not paid; `closed`: the payment the store says is closed."""
        return self._transition(order_uuid, S.CANCELLED, closed=closed)

    def _transition(self, order_uuid: str, target: OrderState, *, closed: str | None = None) -> Order:
        with self.db.write() as session:
            order = self._load(session, order_uuid)
            self._move(session, order, target)
            if closed is not None:
                self._close_payment(order, closed)
        return order

    def _close_payment(self, order: Order, payment_id: str) -> None:
        for payment in order.payments:
            if payment.payment_id == payment_id and payment.state is not PaymentState.PAID:
                payment.state, payment.updated_at = PaymentState.CLOSED, self.clock()

    def payment_closed(self, order_uuid: str, payment_id: str) -> None:
        """The store closed this payment of a declined or cancelled order: nothing more can come of it."""
        with self.db.write() as session:
            self._close_payment(self._load(session, order_uuid), payment_id)

    def payment_unanswerable(self, order_uuid: str, payment_id: str) -> None:
        """The store does not know this payment: stop asking (maintenance may still settle it)."""
        with self.db.write() as session:
            for payment in self._load(session, order_uuid).payments:
                if payment.payment_id == payment_id and payment.state is not PaymentState.PAID:
                    payment.state = PaymentState.UNKNOWN

    def purge_contact_details(self, retention: dt.timedelta) -> int:
        """Erase the contact details of orders the store has had for longer than `retention`.

        The order row and its outbox payload both lose their ciphertexts; totals, lines and the masked
        phone stay for receipts and look-ups. Returns how many orders were purged.
        """
        now = self.clock()
        with self.db.write() as session:
            orders = session.scalars(select(Order).where(
                Order.state == S.SYNCED, Order.paid_at < now - retention, Order.pii_purged_at.is_(None),
            )).all()
            for order in orders:
                order.contact_name_enc = order.contact_phone_enc = order.address_enc = None
                order.pii_purged_at = now
                for row in session.scalars(select(OutboxRow).where(OutboxRow.order_uuid == order.order_uuid)):
                    stored = json.loads(row.payload)
                    if stored.pop("contact_enc", None) is not None:
                        row.payload = canonical_json(stored).decode()
                self._audit(session, "order.pii_purged", order)
        return len(orders)

    def unresolved(self, created_before: dt.datetime | None = None) -> list[str]:
        """Orders whose payment outcome is open, to reconcile with the store; `created_before` leaves
        out the ones a shopper may still be paying, and an order a live checkout holds is left out."""
        stmt = select(Order.order_uuid).where(Order.state.in_([S.PENDING_PAYMENT, S.PAYMENT_UNKNOWN]))
        if created_before is not None:
            stmt = stmt.where(Order.created_at < created_before)
        with self.db.read() as session:
            return [u for u in session.scalars(stmt.order_by(Order.id)) if not self.held(u)]

    def unclosed_payments(self, created_before: dt.datetime | None = None) -> list[tuple[str, str]]:
        """(order, payment) of declined or cancelled orders whose payment the store has not confirmed
        closed: a phone could still pay them, so reconciliation closes them (a late payment wins)."""
        stmt = (select(Order.order_uuid, Payment.payment_id).join(Payment)
                .where(Order.state.in_([S.PAYMENT_FAILED, S.CANCELLED]),
                       Payment.state.in_([PaymentState.CREATED, PaymentState.FAILED]),
                       Payment.payment_id.is_not(None)))
        if created_before is not None:
            stmt = stmt.where(Order.created_at < created_before)
        with self.db.read() as session:
            rows = session.execute(stmt.order_by(Order.id, Payment.id)).all()
        return [(u, p) for u, p in rows if p is not None and not self.held(u)]

    # --- the receipt's print, at most once ---------------------------------------------------------

    def claim_receipt(self, order_uuid: str) -> bool:
        """True once per paid order: the caller may send its receipt now. Committed before a byte goes to
        the printer, so no retry or restart ever prints it again; a print refused before a byte was sent
        (`not_printed`) may be claimed again."""
        with self.db.write() as session:
            claimed = session.execute(
                update(Order).where(Order.order_uuid == order_uuid,
                                    Order.state.in_([S.PAID, S.SYNCED, S.PAID_ORPHAN]),
                                    Order.receipt_state.in_(["", RECEIPT_NOT_PRINTED]))
                .values(receipt_state=RECEIPT_SENDING, receipt_sent_at=self.clock()))
            return bool(getattr(claimed, "rowcount", 0))

    def receipt_outcome(self, order_uuid: str, outcome: str) -> None:
        with self.db.write() as session:
            session.execute(update(Order).where(Order.order_uuid == order_uuid)
                            .values(receipt_state=outcome[:16]))

    def receipts_owed(self, paid_since: dt.datetime) -> list[str]:
        """Paid orders since then whose receipt was never sent (a crash between PAID and the print)."""
        with self.db.read() as session:
            return list(session.scalars(select(Order.order_uuid).where(
                Order.state.in_([S.PAID, S.SYNCED]), Order.receipt_state == "",
                Order.paid_at >= paid_since).order_by(Order.id)))

    def receipts_uncertain(self, paid_since: dt.datetime) -> list[str]:
        """Paid orders since then whose receipt was being sent when the kiosk stopped."""
        with self.db.read() as session:
            return list(session.scalars(select(Order.order_uuid).where(
                Order.state.in_([S.PAID, S.SYNCED]), Order.receipt_state == RECEIPT_SENDING,
                Order.paid_at >= paid_since).order_by(Order.id)))

    # --- look-ups for staff -------------------------------------------------------------------------

    def local_day_bounds(self, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """The store's local day around a naive UTC moment, as naive UTC [start, end)."""
        day = self.local_time(moment).date()
        start = dt.datetime.combine(day, dt.time(), tzinfo=self.timezone)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=self.timezone)
        return (start.astimezone(dt.UTC).replace(tzinfo=None), end.astimezone(dt.UTC).replace(tzinfo=None))

    def created_between(self, start: dt.datetime, end: dt.datetime, limit: int = 500) -> list[Order]:
        """Orders created in [start, end) (naive UTC), newest first, detached (without lines)."""
        return self._listed(select(Order).where(Order.created_at >= start, Order.created_at < end), limit)

    def find_by_number(self, typed: str, limit: int = 50) -> list[Order]:
        """Orders whose number ends with what was typed, dashes aside: "0042", "1207-0042" and
        "K01-1207-0042" all find K01-1207-0042. Newest first, detached (without lines)."""
        wanted = "".join(ch for ch in typed.upper() if ch.isalnum())
        if not wanted:
            return []
        bare = func.upper(func.replace(Order.order_no, "-", ""))
        return self._listed(select(Order).where(bare.endswith(wanted, autoescape=True)), limit)

    def _listed(self, stmt: Any, limit: int) -> list[Order]:
        with self.db.read() as session:
            newest = stmt.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit)
            orders = list(session.scalars(newest))
            session.expunge_all()
            return orders

    def get(self, order_uuid: str) -> Order:
        """The order with its lines and payments, detached for reading."""
        with self.db.read() as session:
            order = self._load(session, order_uuid)
            _ = order.lines, order.payments
            session.expunge(order)
            return order

    # --- payloads ----------------------------------------------------------------------------------

    def contact(self, order: Order) -> Contact:
        def dec(name: str, blob: bytes | None) -> str:
            return self.cipher.decrypt(blob, context=f"order:{order.order_uuid}:{name}") if blob else ""

        return Contact(dec("name", order.contact_name_enc), dec("phone", order.contact_phone_enc),
                       dec("address", order.address_enc))

    def wire_payload(self, order: Order, payment: PaymentRecord, *,
                     with_contact: bool = True) -> OrderPayload:
        """What the store receives: totals, price snapshots, fulfilment, contact in clear."""
        payload: OrderPayload = {
            "order_uuid": order.order_uuid, "order_no": order.order_no, "currency": order.currency,
            "subtotal_minor": order.subtotal_minor, "shipping_minor": order.shipping_minor,
            "total_minor": order.total_minor, "fulfilment": order.fulfilment.value,
            "language": order.language, "catalog_version": order.catalog_version,
            "receipt_no": order.receipt_no or "", "created_at": _iso(order.created_at),
            "lines": [{"position": line.position, "sku": line.sku, "name_zh": line.name_zh,
                       "name_en": line.name_en, "unit_price_minor": line.unit_price_minor,
                       "quantity": line.quantity, "line_total_minor": line.line_total_minor,
                       "catalog_version": line.catalog_version} for line in order.lines],
            "payment": {"payment_id": payment.payment_id, "method": payment.method,
                        "amount_minor": order.total_minor, "reference": payment.reference},
        }
        if order.paid_at is not None:
            payload["paid_at"] = _iso(order.paid_at)
        contact = self.contact(order) if with_contact else Contact()
        fields = {name: getattr(contact, name) for name in _CONTACT_FIELDS if getattr(contact, name)}
        if fields:
            payload["contact"] = fields  # type: ignore[typeddict-item]
        return payload

    def _stored_payload(self, order: Order, wire: OrderPayload) -> dict[str, Any]:
        """The wire payload with its contact replaced by the order's own ciphertexts."""
        stored: dict[str, Any] = dict(wire)
        if stored.pop("contact", None) or any((order.contact_name_enc, order.contact_phone_enc,
                                                order.address_enc)):
            blobs = {"name": order.contact_name_enc, "phone": order.contact_phone_enc,
                     "address": order.address_enc}
            stored["contact_enc"] = {name: base64.b64encode(blob).decode("ascii")
                                     for name, blob in blobs.items() if blob}
        return stored

    def decode_payload(self, text: str) -> dict[str, Any]:
        """Stored outbox payload → wire payload; the clear contact exists only in this request."""
        payload: dict[str, Any] = json.loads(text)
        blobs = payload.pop("contact_enc", None)
        if blobs:
            order_uuid = payload["order_uuid"]
            payload["contact"] = {name: self.cipher.decrypt(base64.b64decode(blob),
                                                            context=f"order:{order_uuid}:{name}")
                                  for name, blob in blobs.items()}
        return payload

    def _audit(self, session: Session, action: str, order: Order) -> None:
        session.add(AuditEntry(at=self.clock(), actor="system", action=action, subject=order.order_uuid,
                               detail=f"{order.order_no} {order.total_minor} {order.currency}"))


def _iso(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=None).isoformat() + "Z"
