"""Receipts: built from the order as it was paid, printed at most once, reprinted as a marked copy.

The print is claimed in the order book before a byte goes to the printer (`OrderBook.claim_receipt`),
so neither a retry nor a restart prints a receipt twice. A print that may have half happened (a crash
mid-print, an interrupted job) is never repeated by itself: the shopper's e-receipt (the order page the
receipt's QR opens) and a technician's reprint, marked as a copy, cover it.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from kiosk.db.models import Fulfilment, Order, PaymentState
from kiosk.devices.ports import JobOutcome, ReceiptPrinter
from kiosk.devices.receipt import ENGLISH_LABELS, Delivery, Pickup, Receipt, ReceiptLine
from kiosk.order_rules import lookup_code
from kiosk.orders import RECEIPT_NOT_PRINTED, Contact, OrderBook
from kiosk.pii import PiiError

log = logging.getLogger(__name__)

METHOD_NAMES = {"wechat": "微信支付 WeChat Pay", "alipay": "支付宝 Alipay"}
RECEIPT_WAIT_S = 30.0  # a receipt that takes longer is reported as not printed; the order stands


@dataclass(frozen=True)
class ReceiptSettings:
    store_name: str
    device_name: str
    store_name_en: str = ""  # an English receipt's title; "": store_name
    pickup_location: str = "服务台 Service desk"
    order_url: str = "{base}/o/{order_uuid}"  # what the receipt's QR opens: the store's order page
    base_url: str = ""
    footer: tuple[str, ...] = ("谢谢惠顾！", "Thank you!")

    def order_page(self, order_uuid: str) -> str:
        return self.order_url.format(base=self.base_url.rstrip("/"), order_uuid=order_uuid)


class ReceiptDesk:
    def __init__(self, orders: OrderBook, printer: ReceiptPrinter | None, settings: ReceiptSettings,
                 *, wait_s: float = RECEIPT_WAIT_S) -> None:
        self.orders = orders
        self.printer = printer
        self.settings = settings
        self.wait_s = wait_s

    def build(self, order: Order, *, copy: bool = False) -> Receipt:
        """The receipt of a paid order, in the language the shopper used."""
        s = self.settings
        english = order.language != "zh_CN"
        lines = tuple(ReceiptLine((line.name_en or line.name_zh) if english else line.name_zh, line.quantity,
                                  line.unit_price_minor, line.line_total_minor) for line in order.lines)
        fulfilment: Pickup | Delivery
        if order.fulfilment is Fulfilment.DELIVERY:
            try:
                contact = self.orders.contact(order)
            except PiiError:  # sealed with a lost key: the receipt still prints, the order page has it
                log.error("receipt %s: the delivery details do not decrypt", order.order_no)
                contact = Contact(order.phone_masked or "-", "", "-")
            fulfilment = Delivery(contact.name, contact.phone, contact.address)
        else:
            fulfilment = Pickup(order.order_no, s.pickup_location)
        paid = [p for p in order.payments if p.state is PaymentState.PAID]
        known = paid or [p for p in order.payments if p.reference or p.payment_id]
        payment = known[-1] if known else None
        method = payment.method if payment is not None else ""
        return Receipt(
            store_name=(s.store_name_en or s.store_name) if english else s.store_name,
            order_no=order.order_no,
            created_at=self.orders.local_time(order.paid_at or order.created_at),  # the store's time
            lines=lines, subtotal=order.subtotal_minor, shipping=order.shipping_minor,
            total=order.total_minor, currency=order.currency,
            payment_method=METHOD_NAMES.get(method, method),
            payment_ref=(payment.reference or payment.payment_id or "") if payment else "",
            fulfilment=fulfilment, qr_url=s.order_page(order.order_uuid), device_name=s.device_name,
            footer=s.footer, labels=ENGLISH_LABELS if english else None, copy=copy,
            lookup_code=lookup_code(order.order_uuid))

    def print_once(self, order_uuid: str) -> JobOutcome | None:
        """Print the receipt of a paid order unless it was ever sent; None without a printer. An order
        whose receipt was already sent answers DUPLICATE and prints nothing.

        The claim is committed on the printer's thread once it is ready, just before the first byte:
        a crash before it leaves the receipt owed (printed at restart), a crash after it leaves it
        "sending" (it may be on paper: never sent again by itself, and reported for staff)."""
        if self.printer is None:
            return None
        order = self.orders.get(order_uuid)
        if order.receipt_state not in ("", RECEIPT_NOT_PRINTED):
            log.info("receipt %s: already sent to the printer once; not printed again", order.order_no)
            return JobOutcome.DUPLICATE
        claimed: list[bool] = []

        def claim() -> bool:
            claimed.append(self.orders.claim_receipt(order_uuid))
            return claimed[-1]

        outcome = self._send(order.order_uuid, order, self.build(order), before_send=claim)
        if not claimed:
            return outcome  # refused before the claim (printer not ready): still owed as it was
        if not claimed[-1]:
            return JobOutcome.DUPLICATE  # another print of it claimed it first
        self.orders.receipt_outcome(order_uuid, outcome.value)
        return outcome

    def reprint(self, order_uuid: str) -> JobOutcome | None:
        """A copy, marked as one, for a technician (a lost or half-printed receipt)."""
        if self.printer is None:
            return None
        order = self.orders.get(order_uuid)
        return self._send(f"{order_uuid}-copy-{uuid.uuid4().hex[:8]}", order, self.build(order, copy=True))

    def print_owed(self, paid_since: dt.datetime) -> list[str]:
        """At start-up: orders paid since then whose receipt never went out (a crash between the payment
        and the print) are printed now, once. Returns their uuids."""
        owed = self.orders.receipts_owed(paid_since)
        for order_uuid in owed:
            outcome = self.print_once(order_uuid)
            log.info("receipt %s owed since a restart: %s", order_uuid, outcome)
        return owed

    def uncertain(self, paid_since: dt.datetime) -> list[str]:
        """Paid orders whose receipt went to the printer just as the kiosk stopped: it may or may not
        be on paper. They are never printed again by themselves; staff reprint a copy if it is not."""
        return self.orders.receipts_uncertain(paid_since)

    def _send(self, job_id: str, order: Order, receipt: Receipt,
              before_send: Callable[[], bool] | None = None) -> JobOutcome:
        assert self.printer is not None
        try:
            outcome = self.printer.print_receipt(job_id, receipt, before_send=before_send).result(
                self.wait_s).outcome
        except FutureTimeout:
            log.error("receipt %s: not printed within %.0f s", order.order_no, self.wait_s)
            return JobOutcome.INTERRUPTED  # it may still come out: never sent again by itself
        except Exception:
            log.exception("receipt %s: could not be printed", order.order_no)
            return JobOutcome.INTERRUPTED  # whether a byte went out is unknown: never sent again by itself
        if outcome is not JobOutcome.PRINTED:
            log.error("receipt %s: %s", order.order_no, outcome.value)
        return outcome
