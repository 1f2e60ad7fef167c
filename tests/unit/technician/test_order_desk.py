"""The technician's orders desk on a real SQLite file, the real reference store on loopback and the fake
ESC/POS printer on a real socket: today's orders in the store's local day, a search by number, a detail
that holds masked contact details only, one copy per reprint, and settle / cancel where the store
decides (a late payment wins over a cancel)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment, OrderState
from kiosk.devices.escpos_printer import EscposReceiptPrinter
from kiosk.devices.ports import JobOutcome
from kiosk.devices.sim.fake_printer import FakePrinter
from kiosk.orders import CartLine, Contact, OrderBook, PaymentRecord
from kiosk.pii import PiiCipher
from kiosk.receipts import ReceiptDesk, ReceiptSettings
from kiosk.reconcile import Reconciler
from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.payments import PaymentClient
from kiosk.sync.protocol import Alert
from kiosk.technician.order_desk import BUSY, HANDED_OVER, NOT_PAID, ORPHAN_SETTLED, OrderDesk
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.helpers import make_client

LINES = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)]
PHONE, NAME, ADDRESS = "13812345678", "张三丰", "上海市浦东新区世纪大道100号5楼"
# 2026-12-07 in Shanghai (UTC+8) starts at 2026-12-06 16:00 UTC
MIDNIGHT_UTC = dt.datetime(2026, 12, 6, 16, 0)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(MIDNIGHT_UTC + dt.timedelta(hours=10))


@pytest.fixture
def timed_book(db: Database, tmp_path: Path, clock: Clock) -> OrderBook:
    return OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K01", clock=clock)


_clients: list[SyncClient] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _clients:
        _clients.pop().close()


def desk_for(book: OrderBook, payments: PaymentClient | None = None,
             printer: EscposReceiptPrinter | None = None, alerts: list[Alert] | None = None) -> OrderDesk:
    reconciler = Reconciler(book, payments, pay_window_s=120) if payments is not None else None
    settings = ReceiptSettings("云商城", "K01", store_name_en="Cloud Mall")
    return OrderDesk(book, lambda: ReceiptDesk(book, printer, settings), lambda: reconciler,
                     alerts.append if alerts is not None else None)


def store_payments(store: LiveStore) -> PaymentClient:
    client = make_client(store.base_url, store.add_device("K01"))
    _clients.append(client)
    return PaymentClient(client)


def pending_with_payment(book: OrderBook, payments: PaymentClient) -> tuple[str, str, str]:
    """A pending order whose payment the store created and the kiosk recorded: (uuid, payment, code_url)."""
    order = book.create_pending(LINES)
    info = payments.create(order.order_uuid, order.total_minor, "CNY", "wechat",
                           out_trade_no=order.order_uuid.replace("-", ""))
    book.record_payment(order.order_uuid, PaymentRecord("wechat", info["payment_id"]),
                        code_url=info["code_url"], expires_at=None)
    return order.order_uuid, info["payment_id"], info["code_url"]


def phone(store: LiveStore, code_url: str, action: str = "pay") -> None:
    response = store.plain().post(f"{urlsplit(code_url).path}/{action}")
    assert response.status_code in (200, 303), response.text


def test_today_is_the_store_s_local_day_newest_first(timed_book: OrderBook, clock: Clock) -> None:
    clock.now = MIDNIGHT_UTC - dt.timedelta(minutes=30)  # 23:30 yesterday in Shanghai, the same UTC date
    yesterday = timed_book.create_pending(LINES)
    clock.now = MIDNIGHT_UTC + dt.timedelta(minutes=30)  # 00:30 today
    early = timed_book.create_pending(LINES)
    clock.now = MIDNIGHT_UTC + dt.timedelta(hours=9)
    late = timed_book.create_pending(LINES)
    clock.now = MIDNIGHT_UTC + dt.timedelta(hours=12)
    today = desk_for(timed_book).today()
    assert [o.order_no for o in today] == [late.order_no, early.order_no]
    assert yesterday.order_no not in {o.order_no for o in today}
    assert today[1].created == dt.datetime(2026, 12, 7, 0, 30)  # shown in the store's time
    assert today[0].total.minor == 700 and today[0].state is OrderState.PENDING_PAYMENT
    clock.now = MIDNIGHT_UTC + dt.timedelta(days=1, hours=1)  # the next day: nothing yet
    assert desk_for(timed_book).today() == []


def test_search_finds_an_order_by_its_last_digits_or_its_whole_number(timed_book: OrderBook,
                                                                       clock: Clock) -> None:
    made = [timed_book.create_pending(LINES) for _ in range(12)]
    clock.now += dt.timedelta(days=1)
    next_day = timed_book.create_pending(LINES)
    desk = desk_for(timed_book)
    twelfth = made[11].order_no
    assert twelfth.endswith("-1207-0012")
    assert [o.order_no for o in desk.search(twelfth)] == [twelfth]
    assert [o.order_no for o in desk.search("0012")] == [twelfth]
    assert [o.order_no for o in desk.search("12070012")] == [twelfth]  # dashes are optional
    assert [o.order_no for o in desk.search("0001")] == [next_day.order_no, made[0].order_no]  # newest first
    assert {o.order_no for o in desk.search("2")} == {made[1].order_no, twelfth}
    assert desk.search("0099") == [] and desk.search("") == [] and desk.search("%") == []


def test_the_detail_holds_the_contact_masked_only(timed_book: OrderBook) -> None:
    order = timed_book.create_pending(LINES, fulfilment=Fulfilment.DELIVERY, shipping_minor=1000,
                                      contact=Contact(NAME, PHONE, ADDRESS))
    detail = desk_for(timed_book).detail(order.order_uuid)
    assert detail.contact.phone == "138****5678"
    assert detail.contact.name == "张**" and detail.contact.address == "上海市浦东新区****"
    shown = repr(detail)
    for secret in (PHONE, NAME, "世纪大道", "100号"):
        assert secret not in shown
    assert detail.fulfilment == "delivery" and detail.shipping.minor == 1000
    lines = [(line.name_en, line.quantity, line.total.minor) for line in detail.lines]
    assert lines == [("Classic Cola", 2, 700)]
    assert detail.can_cancel and not detail.can_reprint and not detail.can_settle


def test_a_reprint_prints_one_marked_copy_and_a_second_tap_meanwhile_prints_nothing(
        timed_book: OrderBook, printer: tuple[FakePrinter, EscposReceiptPrinter]) -> None:
    fake, adapter = printer
    order = timed_book.create_pending(LINES)
    desk = desk_for(timed_book, printer=adapter)
    assert desk.reprint(order.order_uuid) == NOT_PAID and fake.jobs == []
    timed_book.mark_paid(order.order_uuid, PaymentRecord("wechat", "p1", "WX1"))
    fake.set_slow(0.05)  # the first copy is still printing when the second tap comes
    first: list[str] = []
    thread = threading.Thread(target=lambda: first.append(desk.reprint(order.order_uuid)))
    thread.start()
    while not desk._printing:  # the first is at the printer
        thread.join(0.005)
    assert desk.reprint(order.order_uuid) == BUSY
    thread.join(30)
    assert first == [JobOutcome.PRINTED.value]
    jobs = fake.wait_for_jobs(1)
    assert len(fake.jobs) == 1 and "COPY" in jobs[0].text and order.order_no in jobs[0].text
    fake.set_slow(0)
    assert desk.reprint(order.order_uuid) == JobOutcome.PRINTED.value  # a later tap: one more copy
    assert len(fake.wait_for_jobs(2)) == 2


def test_settling_an_unknown_order_the_store_has_as_paid_makes_it_paid(store: LiveStore,
                                                                      book: OrderBook) -> None:
    payments = store_payments(store)
    order_uuid, _payment_id, code_url = pending_with_payment(book, payments)
    book.mark_payment_unknown(order_uuid)
    phone(store, code_url)
    result = desk_for(book, payments).settle(order_uuid)
    assert result.answered and result.state is OrderState.PAID
    assert book.get(order_uuid).state is OrderState.PAID


def test_settling_an_unknown_order_the_store_has_unpaid_closes_it(store: LiveStore, book: OrderBook) -> None:
    payments = store_payments(store)
    order_uuid, payment_id, _code_url = pending_with_payment(book, payments)
    book.mark_payment_unknown(order_uuid)
    result = desk_for(book, payments).settle(order_uuid)
    assert result.answered and result.state is OrderState.CANCELLED
    assert payments.query(payment_id)["status"] == "CLOSED"


def test_settling_with_no_store_to_ask_changes_nothing(book: OrderBook) -> None:
    client = SyncClient(StoreEndpoint("http://127.0.0.1:9", "K01", "s"))  # nothing listens there
    _clients.append(client)
    order = book.create_pending(LINES)
    book.record_payment(order.order_uuid, PaymentRecord("wechat", "p1"), code_url="", expires_at=None)
    book.mark_payment_unknown(order.order_uuid)
    result = desk_for(book, PaymentClient(client, timeout_s=1)).settle(order.order_uuid)
    assert not result.answered and result.why == "unreachable" and result.state is OrderState.PAYMENT_UNKNOWN
    assert book.get(order.order_uuid).state is OrderState.PAYMENT_UNKNOWN
    assert desk_for(book).settle(order.order_uuid).why == "no_store"


def test_cancelling_an_unpaid_order_closes_its_payment_at_the_store_first(store: LiveStore,
                                                                         book: OrderBook) -> None:
    payments = store_payments(store)
    order_uuid, payment_id, _code_url = pending_with_payment(book, payments)
    result = desk_for(book, payments).cancel(order_uuid)
    assert result.answered and result.state is OrderState.CANCELLED
    assert payments.query(payment_id)["status"] == "CLOSED"  # no phone can pay it any more
    assert book.get(order_uuid).payments[0].state.value == "CLOSED"


def test_cancelling_an_order_the_store_has_as_paid_makes_it_paid_never_cancelled(
        store: LiveStore, book: OrderBook) -> None:
    payments = store_payments(store)
    order_uuid, _payment_id, code_url = pending_with_payment(book, payments)
    phone(store, code_url)  # the shopper paid just as staff came to cancel it
    result = desk_for(book, payments).cancel(order_uuid)
    assert result.answered and result.state is OrderState.PAID
    assert book.get(order_uuid).state is OrderState.PAID


def test_only_unpaid_orders_are_cancelled(store: LiveStore, book: OrderBook) -> None:
    payments = store_payments(store)
    order_uuid, _payment_id, code_url = pending_with_payment(book, payments)
    phone(store, code_url)
    desk = desk_for(book, payments)
    assert desk.settle(order_uuid).state is OrderState.PAID
    refused = desk.cancel(order_uuid)
    assert not refused.answered and refused.why == "not_applicable"
    assert book.get(order_uuid).state is OrderState.PAID


def test_a_paid_orphan_is_settled_by_staff_and_its_alert_resolved(book: OrderBook, db: Database) -> None:
    from kiosk.audit import AuditLog

    order = book.create_pending(LINES)
    book.mark_payment_failed(order.order_uuid)
    book.mark_paid(order.order_uuid, PaymentRecord("wechat", "p1", "WX1"))  # paid after all: an orphan
    alerts: list[Alert] = []
    desk = desk_for(book, alerts=alerts)
    assert desk.detail(order.order_uuid).can_settle and not desk.detail(order.order_uuid).can_cancel
    with pytest.raises(ValueError):
        desk.settle_orphan(order.order_uuid, "lost")
    desk.settle_orphan(order.order_uuid, HANDED_OVER)
    assert [(a["alert_id"], a.get("state")) for a in alerts] == [(f"orphan-{order.order_no}", "resolved")]
    AuditLog(db).write(ORPHAN_SETTLED, subject=order.order_uuid, detail=HANDED_OVER)  # as the page does
    listed = desk.search(order.order_no)
    assert listed[0].settled_by_staff and listed[0].state is OrderState.PAID_ORPHAN  # it stays paid
    assert not desk.detail(order.order_uuid).can_settle
    other = book.create_pending(LINES)
    with pytest.raises(ValueError):
        desk.settle_orphan(other.order_uuid, HANDED_OVER)
