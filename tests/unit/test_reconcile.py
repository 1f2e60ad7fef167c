"""Reconciliation and the after-the-fact rules of the money path: one run at a time, hands off a live
checkout's order, a late payment wins (PAID_ORPHAN with a staff alert once the shopper has gone), a
declined payment is closed, and a receipt is printed once across retries and restarts."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from kiosk.checkout import Checkout, CheckoutRequest, Phase, ReceiptSettings
from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment, Order, OrderState, Payment, PaymentState
from kiosk.devices.escpos_printer import EscposReceiptPrinter
from kiosk.devices.ports import JobOutcome
from kiosk.devices.sim.fake_printer import FakePrinter
from kiosk.orders import Contact, OrderBook, PaymentRecord
from kiosk.pii import PiiCipher
from kiosk.receipts import ReceiptDesk
from kiosk.reconcile import Reconciler
from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.payments import PaymentClient
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.helpers import make_client
from tests.unit.test_checkout import LINES, Updates, _checkout, _clients, _order, _phone

Handler = Callable[[httpx.Request], httpx.Response]


def _bank(handler: Handler) -> PaymentClient:
    """A payment provider scripted per request: what a bank may answer and the sandbox never does."""
    client = SyncClient(StoreEndpoint("http://store.test", "K01", "s"),
                        transport=httpx.MockTransport(handler))
    _clients.append(client)
    return PaymentClient(client)


def _payment(status: str, payment_id: str = "p1", method: str = "wechat") -> httpx.Response:
    return httpx.Response(200, json={"payment_id": payment_id, "status": status, "method": method,
                                     "reference": "WX42" if status == "PAID" else ""})


def _payment_state(db: Database, payment_id: str) -> PaymentState | None:
    with db.read() as session:
        return session.scalar(select(Payment.state).where(Payment.payment_id == payment_id))


def test_reconciliation_leaves_an_order_a_live_checkout_holds_alone(book: OrderBook, db: Database) -> None:
    asked: list[str] = []

    def bank(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return _payment("CLOSED")

    order = book.create_pending(LINES)
    book.record_payment(order.order_uuid, PaymentRecord("wechat", "p1"), code_url="", expires_at=None)
    reconciler = Reconciler(book, _bank(bank), pay_window_s=120)
    with book.hold(order.order_uuid):  # a shopper is on the QR of this order right now
        assert reconciler.run(at_boot=True) == 0
    assert asked == [] and _order(db, order.order_uuid) == (OrderState.PENDING_PAYMENT, 0)
    assert reconciler.run(at_boot=True) == 1  # released: settled as the store says
    assert _order(db, order.order_uuid)[0] is OrderState.CANCELLED
    assert reconciler.run(at_boot=True) == 0  # settled already: nothing changes, nothing is asked
    assert len(asked) == 1  # the final query said closed: asked once


def test_reconciliation_runs_one_at_a_time(book: OrderBook, db: Database) -> None:
    inside, release = threading.Event(), threading.Event()
    asked: list[str] = []

    def slow_bank(request: httpx.Request) -> httpx.Response:
        asked.append(request.method)
        inside.set()
        release.wait(5)
        return _payment("PAID")

    order = book.create_pending(LINES)
    book.record_payment(order.order_uuid, PaymentRecord("wechat", "p1"), code_url="", expires_at=None)
    reconciler = Reconciler(book, _bank(slow_bank), pay_window_s=120)
    first = threading.Thread(target=reconciler.run, kwargs={"at_boot": True})
    first.start()
    assert inside.wait(5)
    assert reconciler.run() == 0  # the heartbeat's round meets the boot's: it steps aside
    release.set()
    first.join(5)
    assert asked == ["GET"] and _order(db, order.order_uuid) == (OrderState.PAID, 1)


def test_the_boot_run_waits_for_a_periodic_round_that_got_in_first(book: OrderBook, db: Database) -> None:
    inside, release = threading.Event(), threading.Event()

    def bank(request: httpx.Request) -> httpx.Response:
        inside.set()
        release.wait(5)
        return _payment("CLOSED")

    old = book.create_pending(LINES)
    book.record_payment(old.order_uuid, PaymentRecord("wechat", "p0"), code_url="", expires_at=None)
    with db.write() as session:  # old enough for a periodic round to take it up
        session.execute(update(Order).where(Order.order_uuid == old.order_uuid)
                        .values(created_at=book.clock() - dt.timedelta(hours=1)))
    young = book.create_pending(LINES)  # left open by the crash a moment ago
    book.record_payment(young.order_uuid, PaymentRecord("wechat", "p1"), code_url="", expires_at=None)
    reconciler = Reconciler(book, _bank(bank), pay_window_s=120)
    periodic = threading.Thread(target=reconciler.run)  # the sync worker's first housekeeping
    periodic.start()
    assert inside.wait(5)
    booted: list[int] = []
    boot = threading.Thread(target=lambda: booted.append(reconciler.run(at_boot=True)))
    boot.start()
    time.sleep(0.2)
    release.set()
    periodic.join(5)
    boot.join(5)
    assert booted == [1] and _order(db, young.order_uuid)[0] is OrderState.CANCELLED


@pytest.mark.parametrize("told", [OrderState.PAYMENT_FAILED, OrderState.CANCELLED])
def test_a_late_payment_for_a_declined_or_cancelled_order_is_an_orphan_with_a_staff_alert(
        book: OrderBook, db: Database, told: OrderState) -> None:
    order = book.create_pending(LINES)
    book.record_payment(order.order_uuid, PaymentRecord("wechat", "p1"), code_url="", expires_at=None)
    # the kiosk told the shopper "declined" (or "cancelled") but the store never confirmed the close
    book.mark_payment_failed(order.order_uuid) if told is OrderState.PAYMENT_FAILED else \
        book.cancel(order.order_uuid)
    alerts: list[tuple[str, ...]] = []
    reconciler = Reconciler(book, _bank(lambda _r: _payment("PAID")), pay_window_s=120,
                            alert=lambda *a: alerts.append(a))
    assert reconciler.run(at_boot=True) == 1
    assert _order(db, order.order_uuid) == (OrderState.PAID_ORPHAN, 1)  # never lost: pushed for staff
    assert [a[1] for a in alerts] == ["order.paid_orphan"] and order.order_no in alerts[0][2]
    assert reconciler.run(at_boot=True) == 0 and len(alerts) == 1


def test_a_declined_or_cancelled_order_s_payment_is_closed_once_and_then_left_alone(
        book: OrderBook, db: Database) -> None:
    asked: list[str] = []

    def bank(request: httpx.Request) -> httpx.Response:
        asked.append(f"{request.method} {request.url.path}")
        return _payment("FAILED" if request.method == "GET" else "CLOSED")

    order = book.create_pending(LINES)
    book.record_payment(order.order_uuid, PaymentRecord("wechat", "p1"), code_url="", expires_at=None)
    book.mark_payment_failed(order.order_uuid)  # the close after the decline did not get through
    reconciler = Reconciler(book, _bank(bank), pay_window_s=120)
    assert reconciler.run(at_boot=True) == 0
    assert asked == ["GET /v1/payments/p1", "POST /v1/payments/p1/close"]
    assert _payment_state(db, "p1") is PaymentState.CLOSED
    assert reconciler.run(at_boot=True) == 0 and len(asked) == 2
    assert _order(db, order.order_uuid)[0] is OrderState.PAYMENT_FAILED


def test_a_declined_payment_is_closed_at_the_store_and_a_payment_landing_before_the_close_wins(
        book: OrderBook, db: Database) -> None:
    calls: list[str] = []

    def bank(request: httpx.Request) -> httpx.Response:
        calls.append(f"{request.method} {request.url.path}")
        if request.method == "POST" and request.url.path == "/v1/payments":
            return httpx.Response(201, json={"payment_id": "p1", "status": "CREATED", "method": "wechat",
                                             "code_url": "http://store.test/pay/t", "expires_at": ""})
        if request.url.path.endswith("/close"):  # the shopper tried again on the phone, and it went through
            return httpx.Response(409, json={"payment_id": "p1", "status": "PAID", "method": "wechat",
                                             "reference": "WX7"})
        return _payment("FAILED")

    updates = Updates()
    checkout = Checkout(book, _bank(bank), printer=None, receipt=ReceiptSettings("云商城", "K01"),
                        on_update=updates, timeout_s=5, interval_s=0.05)
    checkout.begin(CheckoutRequest(LINES))
    paid = updates.wait_for(Phase.PAID)
    assert "POST /v1/payments/p1/close" in calls and Phase.DECLINED not in updates.phases()
    assert _order(db, paid.order_uuid) == (OrderState.PAID, 1)


def test_a_declined_payment_can_be_paid_the_other_way_as_the_same_order(store: LiveStore, book: OrderBook,
                                                                      db: Database) -> None:
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates)
    checkout.begin(CheckoutRequest(LINES, method="wechat"))
    first = updates.wait_for(Phase.AWAITING_PAYMENT)
    _phone(store, first.code_url, "decline")
    declined = updates.wait_for(Phase.DECLINED)
    assert declined.payment_ref and checkout.wait(5)
    assert _payment_state(db, declined.payment_ref) is PaymentState.CLOSED  # closed at the store
    updates.seen.clear()
    checkout.begin(CheckoutRequest(LINES, method="alipay", retry_order=declined.order_uuid))
    second = updates.wait_for(Phase.AWAITING_PAYMENT)
    assert second.order_no == declined.order_no and second.code_url != first.code_url
    _phone(store, second.code_url, "pay")
    assert updates.wait_for(Phase.PAID).order_no == declined.order_no
    assert _order(db, declined.order_uuid) == (OrderState.PAID, 1)


def test_an_unknown_outcome_keeps_checking_on_screen_and_settles_when_the_store_answers(
        book: OrderBook, db: Database) -> None:
    down = threading.Event()
    down.set()

    def bank(request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v1/payments":
            return httpx.Response(201, json={"payment_id": "p1", "status": "CREATED", "method": "wechat",
                                             "code_url": "http://store.test/pay/t", "expires_at": ""})
        if down.is_set():
            return httpx.Response(503, text="down")
        return _payment("CLOSED")

    updates = Updates()
    checkout = Checkout(book, _bank(bank), printer=None, receipt=ReceiptSettings("云商城", "K01"),
                        on_update=updates, timeout_s=0.3, interval_s=0.05, checking_s=10,
                        checking_interval_s=0.05)
    checkout.begin(CheckoutRequest(LINES))
    checking = updates.wait_for(Phase.CHECKING)
    assert Phase.UNKNOWN not in updates.phases()
    down.clear()  # the store answers again: not paid, closed
    expired = updates.wait_for(Phase.EXPIRED)  # the shopper gets the cart back, not a "Done"
    assert expired.order_no == checking.order_no and Phase.UNKNOWN not in updates.phases()
    assert _order(db, checking.order_uuid)[0] is OrderState.CANCELLED


def test_a_receipt_is_printed_once_across_retries_and_restarts(
        store: LiveStore, book: OrderBook, db: Database,
        printer: tuple[FakePrinter, EscposReceiptPrinter]) -> None:
    fake, adapter = printer
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates, adapter)
    checkout.begin(CheckoutRequest(LINES))
    _phone(store, updates.wait_for(Phase.AWAITING_PAYMENT).code_url, "pay")
    paid = updates.receipt()
    assert paid.receipt is JobOutcome.PRINTED and len(fake.wait_for_jobs(1)) == 1
    # a restart: a new desk on the same book asks again, and again
    desk = ReceiptDesk(book, adapter, ReceiptSettings("云商城", "K01"))
    assert desk.print_once(paid.order_uuid) is JobOutcome.DUPLICATE
    assert desk.print_owed(book.clock() - dt.timedelta(minutes=10)) == []
    time.sleep(0.3)
    assert len(fake.jobs) == 1
    copy = desk.reprint(paid.order_uuid)  # a technician's reprint: a copy, marked as one
    assert copy is JobOutcome.PRINTED and "COPY" in fake.wait_for_jobs(2)[1].text


def test_an_order_paid_just_before_a_crash_is_printed_once_at_restart(
        book: OrderBook, db: Database, printer: tuple[FakePrinter, EscposReceiptPrinter]) -> None:
    fake, adapter = printer
    order = book.create_pending(LINES)
    book.mark_paid(order.order_uuid, PaymentRecord("wechat", "p1", "WX1"))  # …and the kiosk died here
    desk = ReceiptDesk(book, adapter, ReceiptSettings("云商城", "K01"))
    assert desk.print_owed(book.clock() - dt.timedelta(minutes=10)) == [order.order_uuid]
    assert order.order_no in fake.wait_for_jobs(1)[0].text
    assert desk.print_owed(book.clock() - dt.timedelta(minutes=10)) == []  # the next restart: nothing
    with db.read() as session:
        assert session.scalar(select(Order.receipt_state).where(Order.order_uuid == order.order_uuid)) \
            == "printed"
    time.sleep(0.3)
    assert len(fake.jobs) == 1


def test_a_print_that_may_have_half_happened_is_never_sent_again_by_itself(
        book: OrderBook, db: Database, printer: tuple[FakePrinter, EscposReceiptPrinter]) -> None:
    fake, adapter = printer
    order = book.create_pending(LINES)
    book.mark_paid(order.order_uuid, PaymentRecord("wechat", "p1", "WX1"))
    assert book.claim_receipt(order.order_uuid)  # claimed, then the kiosk was killed mid-print
    desk = ReceiptDesk(book, adapter, ReceiptSettings("云商城", "K01"))
    assert desk.print_owed(book.clock() - dt.timedelta(minutes=10)) == []
    assert desk.print_once(order.order_uuid) is JobOutcome.DUPLICATE
    time.sleep(0.3)
    assert fake.jobs == []




def test_a_payment_for_an_order_sealed_with_a_lost_key_is_still_recorded(db: Database,
                                                                         tmp_path: Path) -> None:
    sealed = OrderBook(db, PiiCipher.from_key_file(tmp_path / "old.key"), "K01")
    order = sealed.create_pending(LINES, fulfilment=Fulfilment.DELIVERY, shipping_minor=1000,
                                  contact=Contact("张三", "13800001234", "上海市浦东新区世纪大道100号"))
    sealed.record_payment(order.order_uuid, PaymentRecord("wechat", "p1"), code_url="", expires_at=None)
    book = OrderBook(db, PiiCipher(os.urandom(32)), "K01")  # the key file was lost: a new key
    reconciler = Reconciler(book, _bank(lambda _r: _payment("PAID")), pay_window_s=120)
    assert reconciler.run(at_boot=True) == 1
    assert _order(db, order.order_uuid) == (OrderState.PAID, 1)  # the outbox quarantines it, with an alert
    receipt = ReceiptDesk(book, None, ReceiptSettings("云商城", "K01")).build(book.get(order.order_uuid))
    assert receipt.total == order.total_minor


def test_the_claim_is_made_on_the_printer_s_thread_and_a_withdrawn_job_sends_nothing(
        book: OrderBook, printer: tuple[FakePrinter, EscposReceiptPrinter]) -> None:
    fake, adapter = printer
    order = book.create_pending(LINES)
    book.mark_paid(order.order_uuid, PaymentRecord("wechat", "p1", "WX1"))
    desk = ReceiptDesk(book, adapter, ReceiptSettings("云商城", "K01"))
    threads: list[str] = []

    def withdrawn() -> bool:
        threads.append(threading.current_thread().name)
        return False

    receipt = desk.build(book.get(order.order_uuid))
    result = adapter.print_receipt(order.order_uuid, receipt, before_send=withdrawn).result(10)
    assert result.outcome is JobOutcome.NOT_PRINTED and threads and threads[0] != "MainThread"
    assert desk.print_once(order.order_uuid) is JobOutcome.PRINTED  # still owed: printed now, once
    assert len(fake.wait_for_jobs(1)) == 1


@pytest.mark.parametrize("phone", ["pays", "walks away"])
def test_an_order_whose_payment_was_never_recorded_is_settled_by_asking_the_store(
        store: LiveStore, book: OrderBook, db: Database, phone: str) -> None:
    device = store.add_device("K01")
    client = make_client(store.base_url, device)
    _clients.append(client)
    payments = PaymentClient(client)
    order = book.create_pending(LINES)
    # the store created the payment, and the kiosk was killed before it recorded it
    info = payments.create(order.order_uuid, order.total_minor, "CNY", "wechat",
                           out_trade_no=order.order_uuid.replace("-", ""))
    if phone == "pays":
        _phone(store, info["code_url"], "pay")
    assert Reconciler(book, payments, pay_window_s=120).run(at_boot=True) == 1
    if phone == "pays":
        assert _order(db, order.order_uuid) == (OrderState.PAID, 1)
    else:  # not cancelled blind: the store's payment is closed first, so no phone can pay it later
        assert _order(db, order.order_uuid)[0] is OrderState.CANCELLED
        assert payments.query(info["payment_id"])["status"] == "CLOSED"
