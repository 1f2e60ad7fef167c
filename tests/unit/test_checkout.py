"""Checkout against the real reference store and the fake printer on a real socket: every outcome of a
payment lands in the order book exactly once, and a paid order is pushed, printed and never lost."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import select

from cloudstore.models import SandboxPayment
from kiosk.checkout import CLOSE_GRACE_S, Checkout, CheckoutRequest, CheckoutUpdate, Phase, ReceiptSettings
from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment, Order, OrderState, OutboxRow
from kiosk.devices.escpos_printer import EscposReceiptPrinter
from kiosk.devices.ports import JobOutcome
from kiosk.devices.sim.fake_printer import FakePrinter
from kiosk.orders import CartLine, Contact, OrderBook, PaymentRecord
from kiosk.pii import PiiCipher
from kiosk.reconcile import Reconciler
from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.payments import PaymentClient
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.fault_proxy import Fault, fault_proxy
from tests.unit.sync.helpers import make_client

LINES = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2),
         CartLine("D00042", "红烧牛肉面", "Beef Noodles", 590, 1)]


class Updates:
    """Every update of a checkout, with a way to wait for a phase."""

    def __init__(self) -> None:
        self.seen: list[CheckoutUpdate] = []
        self._cond = threading.Condition()

    def __call__(self, update: CheckoutUpdate) -> None:
        with self._cond:
            self.seen.append(update)
            self._cond.notify_all()

    def wait_for(self, phase: Phase, timeout: float = 10.0) -> CheckoutUpdate:
        with self._cond:
            assert self._cond.wait_for(lambda: any(u.phase is phase for u in self.seen), timeout), \
                f"no {phase} in {[u.phase for u in self.seen]}"
            return next(u for u in self.seen if u.phase is phase)

    def receipt(self, timeout: float = 10.0) -> CheckoutUpdate:
        """The PAID update that says how the receipt went (the first PAID says paid, at once)."""
        with self._cond:
            assert self._cond.wait_for(lambda: any(
                u.phase is Phase.PAID and not u.receipt_pending for u in self.seen), timeout)
            return next(u for u in self.seen if u.phase is Phase.PAID and not u.receipt_pending)

    def phases(self) -> list[Phase]:
        return [u.phase for u in self.seen]


_clients: list[SyncClient] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _clients:
        _clients.pop().close()


def _checkout(store_url: str, device: tuple[str, str], book: OrderBook, updates: Updates,
              printer: EscposReceiptPrinter | None = None, woken: list[int] | None = None,
              timeout_s: float = 20.0) -> Checkout:
    client = make_client(store_url, device)
    _clients.append(client)
    receipt = ReceiptSettings("云商城", "K01", store_name_en="Cloud Mall", base_url=store_url)
    return Checkout(book, PaymentClient(client), printer=printer, receipt=receipt, on_update=updates,
                    on_paid=lambda: woken.append(1) if woken is not None else None, timeout_s=timeout_s,
                    interval_s=0.05, checking_s=1.0, checking_interval_s=0.1)


def _reconciler(checkout: Checkout) -> Reconciler:
    return Reconciler(checkout.orders, checkout.payments, pay_window_s=checkout.timeout_s)


def _phone(store: LiveStore, code_url: str, action: str) -> None:
    """What the phone's Pay / Decline button does on the store's /pay page."""
    response = store.plain().post(f"{urlsplit(code_url).path}/{action}")
    assert response.status_code in (200, 303), response.text


def _order(db: Database, order_uuid: str) -> tuple[OrderState, int]:
    with db.read() as session:
        state = session.scalar(select(Order.state).where(Order.order_uuid == order_uuid))
        outbox = len(session.scalars(select(OutboxRow).where(OutboxRow.order_uuid == order_uuid)).all())
    assert state is not None
    return state, outbox


def test_paid_by_phone_records_prints_and_wakes_sync(
        store: LiveStore, book: OrderBook, db: Database,
        printer: tuple[FakePrinter, EscposReceiptPrinter]) -> None:
    fake, adapter = printer
    updates, woken = Updates(), []
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates, adapter, woken)
    checkout.begin(CheckoutRequest(LINES, method="alipay"))
    shown = updates.wait_for(Phase.AWAITING_PAYMENT)
    assert shown.code_url.startswith(store.base_url + "/pay/") and shown.total_minor == 1290
    assert shown.expires_at is not None and shown.order_no.startswith("K01-")
    assert _order(db, shown.order_uuid) == (OrderState.PENDING_PAYMENT, 0)  # committed before the QR shows
    assert shown.deadline is not None and shown.deadline <= shown.expires_at
    _phone(store, shown.code_url, "pay")
    assert updates.wait_for(Phase.PAID).receipt_pending  # said at once, before the printer is done
    paid = updates.receipt()
    assert checkout.wait(5)
    assert paid.receipt is JobOutcome.PRINTED and woken == [1]
    assert _order(db, paid.order_uuid) == (OrderState.PAID, 1)
    text = fake.wait_for_jobs(1)[0].text
    assert paid.order_no in text and "经典可乐" in text and "12.90" in text
    assert updates.phases() == [Phase.PREPARING, Phase.AWAITING_PAYMENT, Phase.PAID, Phase.PAID]


def test_an_english_shopper_gets_an_english_receipt(
        store: LiveStore, book: OrderBook, printer: tuple[FakePrinter, EscposReceiptPrinter]) -> None:
    fake, adapter = printer
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates, adapter)
    checkout.begin(CheckoutRequest(LINES, language="en_US"))
    _phone(store, updates.wait_for(Phase.AWAITING_PAYMENT).code_url, "pay")
    assert updates.receipt().receipt is JobOutcome.PRINTED
    text = fake.wait_for_jobs(1)[0].text
    assert "Order no." in text and "Classic Cola" in text and "Pickup in store" in text
    assert "Cloud Mall" in text
    assert "订单号" not in text and "经典可乐" not in text and "云商城" not in text


def test_declined_fails_the_order_and_a_new_attempt_can_pay(store: LiveStore, book: OrderBook,
                                                            db: Database) -> None:
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates)
    checkout.begin(CheckoutRequest(LINES))
    first = updates.wait_for(Phase.AWAITING_PAYMENT)
    _phone(store, first.code_url, "decline")
    updates.wait_for(Phase.DECLINED)
    assert checkout.wait(5)
    assert _order(db, first.order_uuid) == (OrderState.PAYMENT_FAILED, 0)

    updates.seen.clear()
    checkout.begin(CheckoutRequest(LINES))  # "Try again": a new order and a new payment
    second = updates.wait_for(Phase.AWAITING_PAYMENT)
    assert second.order_uuid != first.order_uuid and second.code_url != first.code_url
    _phone(store, second.code_url, "pay")
    updates.wait_for(Phase.PAID)
    assert _order(db, second.order_uuid) == (OrderState.PAID, 1)


def test_cancel_closes_the_payment_and_cancels_the_order(store: LiveStore, book: OrderBook,
                                                         db: Database) -> None:
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates)
    checkout.begin(CheckoutRequest(LINES))
    shown = updates.wait_for(Phase.AWAITING_PAYMENT)
    checkout.cancel()
    updates.wait_for(Phase.CANCELLED)
    assert checkout.wait(5)
    assert _order(db, shown.order_uuid) == (OrderState.CANCELLED, 0)
    with store.db.read() as session:
        assert session.scalars(select(SandboxPayment.status)).one() == "CLOSED"
    _phone(store, shown.code_url, "pay")  # the phone is too late: the closed payment cannot be paid
    with store.db.read() as session:
        assert session.scalars(select(SandboxPayment.status)).one() == "CLOSED"


def test_a_payment_landing_as_the_shopper_cancels_wins(store: LiveStore, book: OrderBook,
                                                       db: Database) -> None:
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates)
    checkout.interval_s = 30.0  # the poller sees CREATED once, then only the final query can notice
    checkout.begin(CheckoutRequest(LINES))
    shown = updates.wait_for(Phase.AWAITING_PAYMENT)
    _phone(store, shown.code_url, "pay")
    checkout.cancel()
    updates.wait_for(Phase.PAID)
    assert _order(db, shown.order_uuid) == (OrderState.PAID, 1)


def test_time_up_expires_the_attempt(store: LiveStore, book: OrderBook, db: Database) -> None:
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates, timeout_s=0.3)
    checkout.begin(CheckoutRequest(LINES))
    shown = updates.wait_for(Phase.AWAITING_PAYMENT)
    updates.wait_for(Phase.EXPIRED)
    assert _order(db, shown.order_uuid) == (OrderState.CANCELLED, 0)


def test_no_store_means_unavailable_and_nothing_charged(book: OrderBook, db: Database) -> None:
    updates = Updates()
    checkout = _checkout("http://127.0.0.1:9", ("nobody", "secret"), book, updates)  # discard port: refused
    checkout.begin(CheckoutRequest(LINES))
    gone = updates.wait_for(Phase.UNAVAILABLE)
    assert _order(db, gone.order_uuid) == (OrderState.CANCELLED, 0)


def test_store_lost_mid_payment_is_unknown_then_reconciled_as_paid(store: LiveStore, book: OrderBook,
                                                                    db: Database) -> None:
    updates = Updates()
    device = store.add_device("K01")
    with fault_proxy(urlsplit(store.base_url).port or 0) as proxy:
        checkout = _checkout(proxy.url, device, book, updates, timeout_s=0.5)
        checkout.begin(CheckoutRequest(LINES, fulfilment=Fulfilment.DELIVERY, shipping_minor=1000,
                                       contact=Contact("张三", "13800001234", "上海市浦东新区")))
        shown = updates.wait_for(Phase.AWAITING_PAYMENT)
        proxy.set_rates({Fault.RESET: 1.0})  # the network goes: every query and the close fail
        _phone(store, shown.code_url, "pay")  # …while the shopper's phone pays
        updates.wait_for(Phase.UNKNOWN)
        assert _order(db, shown.order_uuid) == (OrderState.PAYMENT_UNKNOWN, 0)
        assert _reconciler(checkout).run(at_boot=True) == 0  # still unreachable: kept, not guessed
        proxy.heal()
        assert _reconciler(checkout).run() == 0  # too young: a shopper could still be paying it
        assert _reconciler(checkout).run(at_boot=True) == 1
    assert _order(db, shown.order_uuid) == (OrderState.PAID, 1)
    assert book.unresolved() == []


def test_paper_out_still_pays_and_says_the_receipt_did_not_print(
        store: LiveStore, book: OrderBook, db: Database,
        printer: tuple[FakePrinter, EscposReceiptPrinter]) -> None:
    fake, adapter = printer
    fake.set_paper("out")
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates, adapter)
    checkout.begin(CheckoutRequest(LINES))
    _phone(store, updates.wait_for(Phase.AWAITING_PAYMENT).code_url, "pay")
    paid = updates.receipt()
    assert paid.receipt is JobOutcome.NOT_PRINTED
    assert _order(db, paid.order_uuid) == (OrderState.PAID, 1)


class BrokenBook(OrderBook):
    def record_payment(self, *args: object, **kwargs: object) -> None:
        raise OSError("disk full")


def test_a_broken_step_still_ends_the_attempt_and_keeps_the_order(store: LiveStore, db: Database,
                                                                   tmp_path: Path) -> None:
    book = BrokenBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K01")
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates)
    checkout.begin(CheckoutRequest(LINES))
    lost = updates.wait_for(Phase.UNKNOWN)
    assert "disk full" in lost.detail and lost.order_no.startswith("K01-")  # the shopper keeps the number
    assert checkout.wait(5)
    assert _order(db, lost.order_uuid) == (OrderState.PENDING_PAYMENT, 0)  # for reconciliation to settle
    assert book.unresolved() == [lost.order_uuid]


def test_a_second_attempt_while_one_runs_is_refused(store: LiveStore, book: OrderBook) -> None:
    updates = Updates()
    checkout = _checkout(store.base_url, store.add_device("K01"), book, updates)
    checkout.begin(CheckoutRequest(LINES))
    updates.wait_for(Phase.AWAITING_PAYMENT)
    with pytest.raises(Exception, match="already in progress"):
        checkout.begin(CheckoutRequest(LINES))
    checkout.cancel()
    assert checkout.wait(5)


def test_a_kiosk_clock_ten_minutes_off_at_boot_settles_a_paid_order_as_paid_once(
        store: LiveStore, book: OrderBook, db: Database) -> None:
    device = store.add_device("K01")
    # before the restart: the order, its payment at the store, and the phone pays; then the kiosk dies
    accurate = make_client(store.base_url, device)
    _clients.append(accurate)
    order = book.create_pending(LINES)
    info = PaymentClient(accurate).create(order.order_uuid, order.total_minor, "CNY", "wechat")
    book.record_payment(order.order_uuid, PaymentRecord("wechat", info["payment_id"]),
                        code_url=info["code_url"], expires_at=None)
    _phone(store, info["code_url"], "pay")

    # the kiosk comes back with its clock ten minutes slow: its first request is refused (401)
    device_id, secret = device
    skewed = SyncClient(StoreEndpoint(store.base_url, device_id, secret), clock=lambda: time.time() - 600)
    _clients.append(skewed)
    checkout = Checkout(book, PaymentClient(skewed), printer=None, receipt=ReceiptSettings("云商城", "K01"),
                        on_update=Updates(), on_paid=lambda: None)
    assert _reconciler(checkout).run(at_boot=True) == 1
    assert _order(db, order.order_uuid) == (OrderState.PAID, 1)
    assert _reconciler(checkout).run(at_boot=True) == 0  # settled once: nothing left to settle
    assert _order(db, order.order_uuid) == (OrderState.PAID, 1)


def _stub_store(status: int, body: bytes) -> httpx.MockTransport:
    """A store that answers every payment request alike (what the real one never sends)."""
    return httpx.MockTransport(lambda _request: httpx.Response(status, content=body))


@pytest.mark.parametrize(("status", "body"), [
    (401, b'{"detail": "bad signature"}'), (403, b'{"detail": "revoked"}'), (500, b"oops"),
    (502, b""), (200, b"[]"), (200, b"{}"), (200, b'{"status": "CLOSED"}'), (200, b"<html>"),
    (200, b'{"payment_id": "p1", "method": "wechat", "status": "NOTPAY"}'),
    (404, b'{"detail": "no such payment"}'),
])
def test_only_a_definite_closed_cancels_an_order(book: OrderBook, db: Database, status: int,
                                                 body: bytes) -> None:
    order = book.create_pending(LINES)
    book.record_payment(order.order_uuid, PaymentRecord("wechat", "p1"), code_url="", expires_at=None)
    client = SyncClient(StoreEndpoint("http://store.test", "K01", "s"), transport=_stub_store(status, body))
    _clients.append(client)
    checkout = Checkout(book, PaymentClient(client), printer=None, receipt=ReceiptSettings("云商城", "K01"),
                        on_update=Updates(), on_paid=lambda: None)
    assert _reconciler(checkout).run(at_boot=True) == 0
    assert _order(db, order.order_uuid) == (OrderState.PENDING_PAYMENT, 0)
    assert book.unresolved() == [order.order_uuid]


@pytest.mark.parametrize("skew_s", [600, -600])
def test_a_kiosk_clock_ten_minutes_off_still_gives_the_whole_time_to_pay(
        store: LiveStore, book: OrderBook, skew_s: int) -> None:
    device_id, secret = store.add_device("K01")
    client = SyncClient(StoreEndpoint(store.base_url, device_id, secret), clock=lambda: time.time() + skew_s)
    _clients.append(client)

    def kiosk_now() -> dt.datetime:
        return (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=skew_s)).replace(tzinfo=None)

    updates = Updates()
    checkout = Checkout(book, PaymentClient(client), printer=None, receipt=ReceiptSettings("云商城", "K01"),
                        on_update=updates, timeout_s=30, interval_s=0.05, clock=kiosk_now)
    checkout.begin(CheckoutRequest(LINES))
    shown = updates.wait_for(Phase.AWAITING_PAYMENT)
    assert shown.deadline is not None and (shown.deadline - kiosk_now()).total_seconds() > 25
    with store.db.read() as session:  # the phone's page counts down to the same end, and the close fits
        payment = session.scalars(select(SandboxPayment)).one()
        assert abs((payment.expires_at - payment.created_at).total_seconds() - (30 + CLOSE_GRACE_S)) < 1
    checkout.cancel()
    updates.wait_for(Phase.CANCELLED)
