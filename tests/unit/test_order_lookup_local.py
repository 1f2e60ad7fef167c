"""Order lookup with no store to ask (none configured, or nothing listening where it was): what this kiosk
knows of its own orders, the store's last answer with its age, unpaid orders found and edited here,
wrong proofs counted and throttled here across a restart, requests checked by the rules before anything
is sent, and the store's answers checked field by field. Real SQLite file, real OrderBook."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment, OrderStatusCache, Setting
from kiosk.order_rules import (
    LOOKUP_FAILURES_PER_KIOSK,
    LOOKUP_FAILURES_PER_ORDER,
    LOOKUP_WINDOW_S,
    Locked,
    ReturnRefusal,
    Stage,
    lookup_code,
)
from kiosk.orders import CartLine, OrderBook, PaymentRecord
from kiosk.sync.client import SyncClient
from kiosk.sync.order_lookup import (
    BadAnswer,
    OrderLookup,
    Outcome,
    Sent,
    Source,
    checked_status,
)
from kiosk.sync.protocol import TIMELINE_PAID, TIMELINE_PLACED
from tests.unit.cloudstore.harness import free_socket
from tests.unit.sync.helpers import make_client
from tests.unit.sync.orders import CONTACT, book_paid_order

LINES = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)]


@pytest.fixture
def dead_store() -> Iterator[SyncClient]:
    """A client of a store that has gone: nothing listens on its port."""
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    with make_client(f"http://127.0.0.1:{port}", ("K01", "secret")) as client:
        yield client


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def __call__(self) -> dt.datetime:
        return self.now


def _cancelled(book: OrderBook, *, closed: bool = True) -> str:
    """An order of this kiosk for delivery whose QR timed out: unpaid, cancelled."""
    order = book.create_pending(LINES, fulfilment=Fulfilment.DELIVERY, contact=CONTACT, shipping_minor=1000)
    payment = f"pay-{order.order_uuid[:8]}"
    book.record_payment(order.order_uuid, PaymentRecord("wechat", payment), code_url="u", expires_at=None)
    book.cancel(order.order_uuid, closed=payment if closed else None)
    return order.order_uuid


def _answer(order_uuid: str, order_no: str = "K07-1207-0042", *, status: str = "ACCEPTED",
            handed_over: dt.datetime | None = None, phone: str = "139****1111",
            **extra: Any) -> dict[str, Any]:
    """What the store answers about an order (protocol.OrderStatus)."""
    at = (handed_over or dt.datetime.now(dt.UTC).replace(tzinfo=None)) - dt.timedelta(hours=1)
    timeline = [{"status": TIMELINE_PLACED, "at": at.isoformat() + "Z", "detail": ""},
                {"status": TIMELINE_PAID, "at": at.isoformat() + "Z", "detail": ""},
                {"status": "ACCEPTED", "at": at.isoformat() + "Z", "detail": ""}]
    if handed_over is not None:
        timeline.append({"status": status, "at": handed_over.isoformat() + "Z", "detail": ""})
    answer = {"order_uuid": order_uuid, "order_no": order_no, "device_id": "dev-7", "status": status,
              "fulfilment": "delivery", "tracking_no": "", "currency": "CNY", "subtotal_minor": 700,
              "shipping_minor": 1000, "total_minor": 1700,
              "lines": [{"sku": "D00001", "name_zh": "经典可乐", "name_en": "Classic Cola", "quantity": 2,
                         "line_total_minor": 700}],
              "contact": {"name": "李*", "phone": phone, "address": "北京市海淀区****"},
              "timeline": timeline, "requests": [], "return_deadline": None, "return_window_days": 7,
              "merchant_name": "云商城", "merchant_phone": "400-800-1234",
              "received_at": at.isoformat() + "Z", "updated_at": at.isoformat() + "Z"}
    answer.update(extra)
    return answer


def _failures(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(Setting.key).where(Setting.key.startswith("lookup_failures"))))


def test_what_is_no_receipt_or_no_order_number_asks_nothing_and_counts_nothing(
        db: Database, book: OrderBook, dead_store: SyncClient) -> None:
    lookup = OrderLookup(db, book, dead_store)
    for scanned in ("6901234567890", "https://mall.example/p/D00001", "/o/not-a-uuid", ""):
        assert lookup.by_receipt(scanned).outcome is Outcome.INVALID
    for number, code in (("", "1234"), ("K-", "1234"), ("K01-1207-0042", "12a4"), ("0112070042", "123"),
                         ("0112070042", "12345"), ("0112070042", "")):
        assert lookup.by_number(number, code).outcome is Outcome.INVALID
    assert _failures(db) == []


def test_an_order_paid_here_is_shown_from_what_this_kiosk_knows(db: Database, book: OrderBook,
                                                                dead_store: SyncClient) -> None:
    order_uuid = book_paid_order(book, CONTACT)
    order_no = book.get(order_uuid).order_no
    lookup = OrderLookup(db, book, dead_store)
    for result in (lookup.by_receipt(f"https://mall.example/o/{order_uuid}"),
                   lookup.by_number(order_no, CONTACT.phone[-4:]),
                   lookup.by_number(order_no.replace("-", "")[1:], lookup_code(order_uuid)),
                   lookup.refresh(order_uuid)):
        assert result.outcome is Outcome.FOUND and result.order is not None
        view = result.order
        assert (view.order_uuid, view.order_no, view.source, view.status) == (order_uuid, order_no,
                                                                              Source.LOCAL, "PAID")
        assert (view.contact_name, view.contact_phone, view.contact_address) == ("李*", "139****1111",
                                                                                 "北京市海淀区****")
        assert [step.status for step in view.timeline] == [TIMELINE_PLACED, TIMELINE_PAID]
        assert (view.total_minor, view.shipping_minor) == (1700, 1000)
        assert [x.sku for x in view.lines] == ["D00001"]
        assert view.lookup_code == lookup_code(order_uuid)
        assert view.modification.stage is Stage.REQUEST and view.returns.refusal is ReturnRefusal.NOT_YET
    assert lookup.by_receipt(f"https://mall.example/o/{uuid.uuid4()}").outcome is Outcome.UNREACHABLE
    assert OrderLookup(db, book, None).by_receipt(f"/o/{order_uuid}").order is not None  # no store at all


def test_an_unpaid_order_is_found_here_only_and_may_be_edited(db: Database, book: OrderBook,
                                                              dead_store: SyncClient) -> None:
    order_uuid = _cancelled(book)
    order_no = book.get(order_uuid).order_no
    lookup = OrderLookup(db, book, dead_store)
    by_phone = lookup.by_number(order_no, CONTACT.phone[-4:])
    by_code = lookup.by_number(order_no.lower(), lookup_code(order_uuid))
    for result in (by_phone, by_code, lookup.by_receipt(f"/o/{order_uuid}")):
        assert result.order is not None and result.order.source is Source.LOCAL
        assert result.order.status == "CANCELLED" and result.order.modification.stage is Stage.EDIT
        assert [step.status for step in result.order.timeline] == [TIMELINE_PLACED]
    assert lookup.request_change(order_uuid, {"fulfilment": "pickup"}).reason == "edit"  # edited, not asked

    still_open = _cancelled(book, closed=False)  # a phone could still pay its QR: wait for it
    found = lookup.by_number(book.get(still_open).order_no, CONTACT.phone[-4:]).order
    assert found is not None and (found.modification.stage, found.modification.locked) == (
        Stage.LOCKED, Locked.PAYING)


def test_an_unpaid_order_of_an_earlier_business_day_is_expired(db: Database, book: OrderBook) -> None:
    order_uuid = _cancelled(book)
    clock = Clock()
    clock.now += dt.timedelta(days=1)
    book.clock = clock
    lookup = OrderLookup(db, book, None)
    found = lookup.by_number(book.get(order_uuid).order_no, lookup_code(order_uuid)).order
    assert found is not None and found.modification.locked is Locked.EXPIRED
    with pytest.raises(Exception, match="expired"):
        OrderLookup(db, book, None).amend_unpaid(order_uuid, "pickup", CONTACT)


def test_wrong_codes_are_not_found_then_throttled_even_after_a_restart(db: Database, book: OrderBook,
                                                                       dead_store: SyncClient) -> None:
    clock = Clock()
    order_uuid = book_paid_order(book, CONTACT)
    order_no = book.get(order_uuid).order_no
    right = CONTACT.phone[-4:]
    wrong = [code for code in ("0000", "1234", "5678", "9999", "4321", "2468") if code != right and
             code != lookup_code(order_uuid)]
    lookup = OrderLookup(db, book, dead_store, clock=clock)
    for code in wrong[:LOOKUP_FAILURES_PER_ORDER]:
        assert lookup.by_number(order_no, code).outcome is Outcome.NOT_FOUND
    throttled = lookup.by_number(order_no, right)  # even the right code waits now
    assert throttled.outcome is Outcome.THROTTLED and 0 < throttled.retry_after_s <= LOOKUP_WINDOW_S
    restarted = OrderLookup(db, book, dead_store, clock=clock)
    assert restarted.by_number(order_no, right).outcome is Outcome.THROTTLED
    clock.now += dt.timedelta(seconds=throttled.retry_after_s + 1)
    assert restarted.by_number(order_no, right).outcome is Outcome.FOUND


def test_wrong_codes_over_many_orders_throttle_the_kiosk(db: Database, book: OrderBook,
                                                         dead_store: SyncClient) -> None:
    lookup = OrderLookup(db, book, dead_store)
    numbers = []
    for _ in range(LOOKUP_FAILURES_PER_KIOSK // (LOOKUP_FAILURES_PER_ORDER - 1) + 1):
        order_uuid = book_paid_order(book, CONTACT)
        numbers.append((book.get(order_uuid).order_no, order_uuid))
    failures = 0
    for order_no, order_uuid in numbers[:-1]:
        for code in ("0000", "2222", "3333", "4444")[:LOOKUP_FAILURES_PER_ORDER - 1]:
            if code not in (CONTACT.phone[-4:], lookup_code(order_uuid)):
                assert lookup.by_number(order_no, code).outcome is Outcome.NOT_FOUND
                failures += 1
    assert failures >= LOOKUP_FAILURES_PER_KIOSK - 3
    while failures < LOOKUP_FAILURES_PER_KIOSK:  # top up on the last order
        assert lookup.by_number(numbers[-1][0], "0000").outcome is Outcome.NOT_FOUND
        failures += 1
    last_no, last_uuid = numbers[-1]
    assert lookup.by_number(last_no, lookup_code(last_uuid)).outcome is Outcome.THROTTLED


def test_the_stores_last_answer_is_shown_with_its_age(db: Database, book: OrderBook,
                                                      dead_store: SyncClient) -> None:
    clock = Clock()
    other_kiosks = str(uuid.uuid4())  # an order bought at another kiosk of the store, seen here once
    lookup = OrderLookup(db, book, dead_store, clock=clock)
    fetched = clock.now
    lookup._checked(_answer(other_kiosks, phone="13900001111"))  # as a store answer is kept
    with db.read() as session:
        kept = session.scalars(select(OrderStatusCache.answer)).one()
    assert "13900001111" not in kept and "139****1111" in kept  # never a clear phone in the cache
    clock.now += dt.timedelta(minutes=42)
    for result in (lookup.by_receipt(f"/o/{other_kiosks}"), lookup.by_number("K07-1207-0042", "1111")):
        assert result.outcome is Outcome.FOUND and result.order is not None
        assert (result.order.source, result.order.as_of, result.order.status) == (Source.CACHE, fetched,
                                                                                  "ACCEPTED")
        assert result.order.lookup_code == ""  # not this kiosk's order: its receipt code is not ours to show
        assert result.order.merchant_phone == "400-800-1234"
    assert lookup.by_number("K07-1207-0042", "0000").outcome is Outcome.NOT_FOUND
    assert _failures(db) != []


def test_requests_are_checked_by_the_rules_before_anything_is_sent(db: Database, book: OrderBook,
                                                                   dead_store: SyncClient) -> None:
    lookup = OrderLookup(db, book, dead_store)
    accepted, shipped, delivered = (str(uuid.uuid4()) for _ in range(3))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    lookup._checked(_answer(accepted, "K07-1207-0001"))
    lookup._checked(_answer(shipped, "K07-1207-0002", status="SHIPPED", tracking_no="SF123"))
    lookup._checked(_answer(delivered, "K07-1207-0003", status="DELIVERED",
                            handed_over=now - dt.timedelta(days=1)))

    assert lookup.request_change(shipped, {"fulfilment": "pickup"}).reason == Locked.SHIPPED.value
    assert lookup.request_change(accepted, {"contact_phone": "123"}).problems == {"contact_phone": "phone"}
    assert lookup.request_change(accepted, {"fulfilment": "delivery"}).problems == {"changes": "nothing"}
    assert lookup.request_change(accepted, {"fulfilment": "pickup"}).outcome is Sent.UNREACHABLE

    assert lookup.request_return(accepted, "return", "quality", {"D00001": 1}, "").reason == "not_yet"
    assert lookup.request_return(delivered, "return", "quality", {"D00001": 3}, "").problems == {
        "lines": "D00001: between 1 and 2"}
    assert lookup.request_return(delivered, "swap", "quality", {"D00001": 1}, "").problems == {
        "kind": "unknown kind"}
    assert lookup.request_return(delivered, "exchange", "damaged", {"D00001": 1, "D00042": 0},
                                 "box crushed").outcome is Sent.UNREACHABLE  # a line left at 0: not asked
    assert lookup.request_return(delivered, "return", "other", {"D00001": 0}, "").problems == {
        "lines": "no lines"}
    assert lookup.request_change(str(uuid.uuid4()), {"fulfilment": "pickup"}).outcome is Sent.UNREACHABLE

    late = str(uuid.uuid4())
    lookup._checked(_answer(late, "K07-1207-0004", status="PICKED_UP",
                            handed_over=now - dt.timedelta(days=8)))
    assert lookup.request_return(late, "return", "quality", {"D00001": 1}, "").reason == "window_over"


def test_a_kiosk_clock_that_is_off_still_judges_the_return_window_by_the_stores_time(
        db: Database, book: OrderBook) -> None:
    wrong = Clock()
    wrong.now += dt.timedelta(days=3)  # the kiosk thinks it is three days later than it is
    order_uuid = str(uuid.uuid4())
    handed_over = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=6)
    answer = _answer(order_uuid, status="DELIVERED", handed_over=handed_over)

    class Offset:  # the offset a SyncClient learns from the store's Date header
        offset_s = -3 * 86400.0

    naive = OrderLookup(db, book, None, clock=wrong)
    assert naive.refresh(order_uuid).outcome is Outcome.UNREACHABLE
    naive._checked(answer)
    view = naive.refresh(order_uuid).order
    assert view is not None and view.returns.refusal is ReturnRefusal.WINDOW_OVER  # the wrong clock's verdict
    corrected = OrderLookup(db, book, Offset(), clock=wrong)  # type: ignore[arg-type]
    view = corrected._store_view(corrected._cached(order_uuid), Source.CACHE)  # type: ignore[arg-type]
    assert view.returns.allowed and view.returns.deadline == handed_over + dt.timedelta(days=7)


@pytest.mark.parametrize("change", [
    {"order_uuid": "not-a-uuid"},
    {"total_minor": True},
    {"total_minor": "1700"},
    {"subtotal_minor": -1},
    {"fulfilment": "drone"},
    {"currency": "YUAN"},
    {"order_no": "K" * 40},
    {"lines": [{"sku": "D00001", "name_zh": "x" * 300, "name_en": "", "quantity": 1, "line_total_minor": 1}]},
    {"lines": [{"sku": "D00001", "name_zh": "", "name_en": "", "quantity": 0, "line_total_minor": 1}]},
    {"lines": "D00001"},
    {"contact": None},
    {"timeline": [{"status": "PAID", "at": "yesterday", "detail": ""}]},
    {"requests": [{"request_id": "r1", "kind": "refund", "status": "PENDING", "changes": {},
                   "created_at": "2026-12-07T00:00:00Z"}]},
    {"return_deadline": 12},
    {"return_window_days": -1},
])
def test_a_malformed_answer_is_refused_field_by_field(change: dict[str, Any]) -> None:
    order_uuid = str(uuid.uuid4())
    assert checked_status(_answer(order_uuid))["order_uuid"] == order_uuid
    with pytest.raises(BadAnswer):
        checked_status({**_answer(order_uuid), **change})
    with pytest.raises(BadAnswer):
        checked_status(_answer(order_uuid), str(uuid.uuid4()))  # another order than the one asked for


def test_the_log_says_the_outcome_and_the_order_number_only(db: Database, book: OrderBook,
                                                            dead_store: SyncClient,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    order_uuid = book_paid_order(book, CONTACT)
    order_no = book.get(order_uuid).order_no
    lookup = OrderLookup(db, book, dead_store)
    with caplog.at_level(logging.INFO, logger="kiosk.sync.order_lookup"):
        lookup.by_number(order_no, "9753")
        lookup.by_number(order_no, CONTACT.phone[-4:])
        lookup.by_receipt(f"/o/{order_uuid}")
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.sync.order_lookup"]
    assert any("not_found" in line for line in lines)
    assert sum(f"found {order_no} (local" in line for line in lines) == 2
    text = "\n".join(lines)
    for secret in ("9753", CONTACT.phone, CONTACT.phone[-4:], CONTACT.name, CONTACT.address, order_uuid):
        assert secret not in text


def test_the_services_lookup_follows_the_store_once_it_is_known(tmp_path: Path,
                                                               dead_store: SyncClient) -> None:
    from kiosk.app import build_services
    from kiosk.config import load_config
    from kiosk.services import data_paths
    from kiosk.sync.payments import PaymentClient

    config = load_config(environ={}, overrides={"data_dir": str(tmp_path / "data")})
    services = build_services(config, data_paths(config), with_devices=False, with_store=False)
    try:
        before = services.order_lookup
        assert before.client is None and services.order_lookup is before  # built once
        order_uuid = book_paid_order(services.orders, CONTACT)
        assert before.refresh(order_uuid).order is not None  # what this kiosk knows, with no store
        services.payments = PaymentClient(dead_store)  # demo: the store has started
        assert services.order_lookup.client is dead_store and services.order_lookup is not before
    finally:
        services.payments = None  # the client is the fixture's to close
        services.close()


@pytest.mark.parametrize("language", ["zh_CN", "en_US"])
def test_the_receipt_prints_the_lookup_code_under_the_order_number(book: OrderBook, language: str) -> None:
    from kiosk.devices.receipt import ENGLISH_LABELS, ReceiptLabels, receipt_text_lines
    from kiosk.receipts import ReceiptDesk, ReceiptSettings

    order = book.create_pending(LINES, language=language)
    book.mark_paid(order.order_uuid, PaymentRecord("wechat", "pay-1", "WX1"))
    receipt = ReceiptDesk(book, None, ReceiptSettings("云商城", "K01")).build(book.get(order.order_uuid))
    labels = ENGLISH_LABELS if language == "en_US" else ReceiptLabels()
    lines = [line.strip() for line in receipt_text_lines(receipt, labels=labels)]
    at = lines.index(order.order_no)
    label = "Lookup code" if language == "en_US" else "查询码"
    assert lines[at + 1] == f"{label} {lookup_code(order.order_uuid)}"
