"""An unpaid order edited before it is paid again (seed FAQ 3, "unpaid → edit directly and pay now"):
the order book's rules on the real SQLite file, and the whole path through the real Checkout against the
real store's sandbox payments: edit → pay → paid once, with the new contact and total."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from cloudstore.models import SandboxPayment
from kiosk.checkout import Checkout, CheckoutRequest, Phase, ReceiptSettings
from kiosk.db.engine import Database
from kiosk.db.models import AuditEntry, Fulfilment, Order, OrderState, OutboxRow, Payment, PaymentState
from kiosk.order_rules import Locked, Stage
from kiosk.orders import CartLine, Contact, OrderBook, OrderError, PaymentRecord
from kiosk.sync.order_lookup import AmendRefused, OrderLookup
from kiosk.sync.payments import PaymentClient
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.helpers import make_client
from tests.unit.test_checkout import Updates

LINES = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)]  # 7.00: delivery costs 10.00 on top
NEW = Contact("王小明", "13912345678", "上海市浦东新区世纪大道100号")


def _cancelled(book: OrderBook, *, closed: bool = True) -> str:
    """A pickup order whose QR timed out: cancelled, its payment closed at the store (or not yet)."""
    order = book.create_pending(LINES)
    book.record_payment(order.order_uuid, PaymentRecord("wechat", f"pay-{order.order_uuid[:8]}"),
                        code_url="https://store/pay/x", expires_at=None)
    book.cancel(order.order_uuid, closed=f"pay-{order.order_uuid[:8]}" if closed else None)
    return order.order_uuid


def _row(db: Database, order_uuid: str) -> Order:
    with db.read() as session:
        order = session.scalars(select(Order).where(Order.order_uuid == order_uuid)).one()
        session.expunge(order)
        return order


def test_an_unpaid_order_takes_the_new_contact_fulfilment_fee_and_total(book: OrderBook,
                                                                          db: Database) -> None:
    order_uuid = _cancelled(book)
    assert book.why_not_editable(order_uuid) is Locked.NONE
    book.amend_unpaid(order_uuid, Fulfilment.DELIVERY, NEW, 1000)
    order = _row(db, order_uuid)
    assert (order.state, order.fulfilment) == (OrderState.CANCELLED, Fulfilment.DELIVERY)
    assert (order.subtotal_minor, order.shipping_minor, order.total_minor) == (700, 1000, 1700)
    assert book.contact(order) == NEW and order.phone_masked == "139****5678"
    assert NEW.phone.encode() not in (order.contact_phone_enc or b"")  # sealed again, not in clear
    with db.read() as session:
        audit = session.execute(select(AuditEntry.subject, AuditEntry.detail)
                                .where(AuditEntry.action == "order.amended")).one()
    assert audit.subject == order_uuid and "pickup 700 -> delivery 1700" in audit.detail
    assert not any(secret in audit.detail for secret in (NEW.name, NEW.phone, NEW.address))

    book.amend_unpaid(order_uuid, Fulfilment.PICKUP, Contact(), 0)  # and back: no fee, no contact
    order = _row(db, order_uuid)
    assert (order.fulfilment, order.total_minor, order.contact_phone_enc) == (Fulfilment.PICKUP, 700, None)


@pytest.mark.parametrize("why", ["paid", "paying", "open_payment", "wrong_fee", "no_address", "yesterday"])
def test_what_may_not_be_edited_is_refused_and_left_as_it_was(book: OrderBook, db: Database,
                                                                why: str) -> None:
    fee, contact = 1000, NEW
    if why == "paid":
        order_uuid = _cancelled(book)
        book.mark_paid(order_uuid, PaymentRecord("wechat", "late", "WX1"))  # a late payment won
    elif why == "paying":
        order_uuid = book.create_pending(LINES).order_uuid
    elif why == "open_payment":  # a phone could still pay it
        order_uuid = _cancelled(book, closed=False)
    elif why == "yesterday":  # the store's business day is over: its prices are gone
        order_uuid = _cancelled(book)
        book.clock = lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)
    else:
        order_uuid = _cancelled(book)
        fee = 0 if why == "wrong_fee" else fee
        contact = Contact(NEW.name, NEW.phone, "") if why == "no_address" else contact
    before = _row(db, order_uuid)
    with pytest.raises(OrderError):
        book.amend_unpaid(order_uuid, Fulfilment.DELIVERY, contact, fee)
    after = _row(db, order_uuid)
    assert (after.fulfilment, after.total_minor, after.contact_phone_enc, after.state) == (
        before.fulfilment, before.total_minor, before.contact_phone_enc, before.state)
    expected = {"paid": Locked.UNKNOWN, "paying": Locked.UNKNOWN, "open_payment": Locked.PAYING,
                "yesterday": Locked.EXPIRED}.get(why, Locked.NONE)
    assert book.why_not_editable(order_uuid) is expected


def test_an_order_a_live_checkout_holds_is_not_edited(book: OrderBook) -> None:
    order_uuid = _cancelled(book)
    with book.hold(order_uuid):
        assert book.why_not_editable(order_uuid) is Locked.PAYING
        with pytest.raises(OrderError, match="paying"):
            book.amend_unpaid(order_uuid, Fulfilment.DELIVERY, NEW, 1000)
    assert book.why_not_editable(order_uuid) is Locked.NONE


def test_a_cancelled_order_is_paid_again_only_once_its_payment_is_closed(book: OrderBook) -> None:
    open_uuid = _cancelled(book, closed=False)
    with pytest.raises(OrderError, match="paying"):
        book.retry_payment(open_uuid)
    assert book.get(open_uuid).state is OrderState.CANCELLED
    book.payment_closed(open_uuid, f"pay-{open_uuid[:8]}")  # reconciliation closed it at the store
    assert book.retry_payment(open_uuid).state is OrderState.PENDING_PAYMENT
    # a declined order is paid again as before (the declined payment is closed by the checkout)
    declined = book.create_pending(LINES).order_uuid
    book.mark_payment_failed(declined)
    assert book.retry_payment(declined).state is OrderState.PENDING_PAYMENT


def test_the_lookup_checks_the_contact_before_the_order_is_touched(book: OrderBook, db: Database) -> None:
    lookup = OrderLookup(db, book, None)
    order_uuid = _cancelled(book)
    with pytest.raises(AmendRefused) as refused:
        lookup.amend_unpaid(order_uuid, "delivery", Contact("王小明", "12345", ""))
    assert refused.value.problems == {"contact_phone": "phone", "address": "required"}
    with pytest.raises(AmendRefused) as refused:
        lookup.amend_unpaid(order_uuid, "drone", NEW)
    assert refused.value.problems == {"fulfilment": "unknown"}
    assert _row(db, order_uuid).total_minor == 700
    view = lookup.amend_unpaid(order_uuid, "delivery", Contact(" 王小明 ", "139 1234 5678", NEW.address))
    assert (view.fulfilment, view.shipping_minor, view.total_minor) == ("delivery", 1000, 1700)
    assert (view.contact_name, view.contact_phone) == ("王**", "139****5678")
    assert NEW.address not in view.contact_address and view.modification.stage is Stage.EDIT
    assert book.contact(_row(db, order_uuid)) == NEW  # stored as the form cleans it

    book.mark_paid(order_uuid, PaymentRecord("wechat", "late", "WX1"))
    with pytest.raises(AmendRefused) as refused:
        lookup.amend_unpaid(order_uuid, "pickup", Contact())
    assert refused.value.reason == Stage.REQUEST.value  # paid: a change request, never an edit


def test_edit_then_pay_with_the_real_checkout_pays_the_new_total_once(store: LiveStore, book: OrderBook,
                                                                       db: Database) -> None:
    updates = Updates()
    client = make_client(store.base_url, store.add_device("K01"))
    checkout = Checkout(book, PaymentClient(client), printer=None, receipt=ReceiptSettings("云商城", "K01"),
                        on_update=updates, timeout_s=20.0, interval_s=0.05, checking_s=1.0,
                        checking_interval_s=0.1)
    try:
        checkout.begin(CheckoutRequest(LINES))
        first = updates.wait_for(Phase.AWAITING_PAYMENT)
        checkout.cancel()
        updates.wait_for(Phase.CANCELLED)
        assert checkout.wait(5)
        order_uuid = first.order_uuid
        with db.read() as session:
            assert list(session.scalars(select(Payment.state))) == [PaymentState.CLOSED]

        lookup = OrderLookup(db, book, client)
        view = lookup.amend_unpaid(order_uuid, "delivery", NEW)
        assert view.total_minor == 1700 and view.modification.stage is Stage.EDIT

        updates.seen.clear()  # what the UI does next: pay the same order
        checkout.begin(CheckoutRequest((), fulfilment=Fulfilment.DELIVERY, contact=NEW,
                                       shipping_minor=view.shipping_minor, retry_order=order_uuid))
        second = updates.wait_for(Phase.AWAITING_PAYMENT)
        assert second.order_uuid == order_uuid and second.total_minor == 1700
        assert second.code_url != first.code_url
        phone = store.plain()
        # the old QR is closed for good: a phone that still has it cannot pay it
        phone.post(f"{urlsplit(first.code_url).path}/pay")
        assert phone.post(f"{urlsplit(second.code_url).path}/pay").status_code in (200, 303)
        updates.wait_for(Phase.PAID)
        assert checkout.wait(5)
    finally:
        client.close()

    with store.db.read() as session:
        payments = {p.amount_minor: p.status for p in session.scalars(select(SandboxPayment))}
    assert payments == {700: "CLOSED", 1700: "PAID"}
    order = _row(db, order_uuid)
    assert (order.state, order.total_minor, order.fulfilment) == (OrderState.PAID, 1700, Fulfilment.DELIVERY)
    with db.read() as session:
        rows = list(session.scalars(select(OutboxRow.payload).where(OutboxRow.order_uuid == order_uuid)))
    assert len(rows) == 1  # paid once
    wire = book.decode_payload(rows[0])
    assert wire["contact"] == {"name": NEW.name, "phone": NEW.phone, "address": NEW.address}
    assert (wire["total_minor"], wire["shipping_minor"]) == (1700, 1000)
    assert wire["payment"]["amount_minor"] == 1700
    assert json.loads(rows[0]).get("contact") is None  # kept sealed in the outbox

