"""Order lookup against the real reference store under Uvicorn on loopback: orders sold through the real
checkout (the sandbox paid as a phone pays it) and pushed by the real outbox pusher, then found by the
receipt's QR text and by the typed number + last 4 phone digits, at this kiosk and at another kiosk of
the same store; wrong codes refused like unknown numbers, then throttled; the store stopped → the cached
answer with its age; change and return requests round-tripped through the merchant's admin API, and a
shipped order's change refused."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from kiosk.checkout import Checkout, CheckoutRequest, Phase, ReceiptSettings
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.db.models import Fulfilment, OrderStatusCache
from kiosk.order_rules import (
    LOOKUP_FAILURES_PER_ORDER,
    LOOKUP_WINDOW_S,
    Locked,
    ReturnRefusal,
    Stage,
    lookup_code,
)
from kiosk.orders import CartLine, Contact, OrderBook
from kiosk.pii import PiiCipher
from kiosk.receipts import ReceiptDesk
from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.order_lookup import OrderLookup, Outcome, Sent, Source
from kiosk.sync.outbox import OutboxPusher
from kiosk.sync.payments import PaymentClient
from kiosk.sync.protocol import TIMELINE_PAID, TIMELINE_PLACED
from tests.ui.restartable_store import RestartableStore, restartable_store
from tests.unit.sync.helpers import TEST_TIMEOUTS, make_client
from tests.unit.test_checkout import Updates

pytestmark = pytest.mark.e2e

LINES = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)]
CONTACT = Contact("李四", "13900001111", "北京市海淀区中关村大街1号")


@dataclass
class Kiosk:
    """One kiosk of the store: its own database, order book, signed client and lookup."""

    name: str
    device: tuple[str, str]
    db: Database
    book: OrderBook
    client: SyncClient
    lookup: OrderLookup
    receipt: ReceiptSettings

    def sell(self, store: RestartableStore, *, contact: Contact | None = CONTACT) -> tuple[str, str]:
        """A sale as the shopper makes it: checkout, the phone pays, the order is pushed to the store."""
        updates = Updates()
        delivery = contact is not None
        checkout = Checkout(self.book, PaymentClient(self.client), printer=None, receipt=self.receipt,
                            on_update=updates, timeout_s=20.0, interval_s=0.05)
        fulfilment = Fulfilment.DELIVERY if delivery else Fulfilment.PICKUP
        checkout.begin(CheckoutRequest(LINES, fulfilment=fulfilment, contact=contact or Contact(),
                                       shipping_minor=1000 if delivery else 0))
        shown = updates.wait_for(Phase.AWAITING_PAYMENT)
        assert store.live.plain().post(f"{urlsplit(shown.code_url).path}/pay").status_code in (200, 303)
        updates.wait_for(Phase.PAID)
        assert checkout.wait(5)
        report = OutboxPusher(self.db, self.client, decode_payload=self.book.decode_payload).drain()
        assert report is not None
        return shown.order_uuid, shown.order_no

    def receipt_qr(self, order_uuid: str) -> str:
        """The text the receipt's QR holds, as the kiosk's scanner reads it back."""
        return ReceiptDesk(self.book, None, self.receipt).build(self.book.get(order_uuid)).qr_url


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RestartableStore]:
    with restartable_store(tmp_path / "store.sqlite3") as rig:
        yield rig


def _kiosk(store: RestartableStore, tmp_path: Path, name: str) -> Iterator[Kiosk]:
    db = Database(tmp_path / f"{name}.sqlite3")
    upgrade(db)
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / f"{name}.key"), name)
    device = store.live.add_device(name)
    client = make_client(store.live.base_url, device)
    try:
        yield Kiosk(name, device, db, book, client, OrderLookup(db, book, client),
                    ReceiptSettings("云商城", name, base_url=store.live.base_url))
    finally:
        client.close()
        db.close()


@pytest.fixture
def k01(store: RestartableStore, tmp_path: Path) -> Iterator[Kiosk]:
    yield from _kiosk(store, tmp_path, "K01")


@pytest.fixture
def k02(store: RestartableStore, tmp_path: Path) -> Iterator[Kiosk]:
    yield from _kiosk(store, tmp_path, "K02")


def _merchant(store: RestartableStore, order_uuid: str, status: str, tracking_no: str = "") -> None:
    response = store.live.admin().post(f"/admin/api/orders/{order_uuid}/status",
                                       json={"status": status, "tracking_no": tracking_no})
    assert response.status_code == 200, response.text


def _decide(store: RestartableStore, request_id: str, approve: bool) -> None:
    response = store.live.admin().post(f"/admin/api/requests/{request_id}/decision",
                                       json={"approve": approve, "note": "ok" if approve else "no"})
    assert response.status_code == 200, response.text


def test_a_scanned_receipt_finds_the_order_at_the_store(store: RestartableStore, k01: Kiosk) -> None:
    order_uuid, order_no = k01.sell(store)
    found = k01.lookup.by_receipt(k01.receipt_qr(order_uuid))
    assert found.outcome is Outcome.FOUND and found.order is not None
    view = found.order
    assert (view.order_uuid, view.order_no) == (order_uuid, order_no)
    assert (view.source, view.status) == (Source.STORE, "ACCEPTED")
    assert (view.contact_name, view.contact_phone) == ("李*", "139****1111")
    assert CONTACT.address not in view.contact_address and view.contact_address.endswith("****")
    assert (view.total_minor, view.shipping_minor, [(x.sku, x.quantity) for x in view.lines]) == (
        1700, 1000, [("D00001", 2)])
    assert [step.status for step in view.timeline][:2] == [TIMELINE_PLACED, TIMELINE_PAID]
    assert view.lookup_code == lookup_code(order_uuid)  # this kiosk's order: its receipt's code
    assert view.modification.stage is Stage.REQUEST and view.returns.refusal is ReturnRefusal.NOT_YET
    with k01.db.read() as session:
        kept = session.scalars(select(OrderStatusCache.answer)).one()
    assert CONTACT.phone not in kept and CONTACT.name not in kept and CONTACT.address not in kept


def test_a_typed_number_and_last_4_find_an_order_of_another_kiosk(store: RestartableStore, k01: Kiosk,
                                                                  k02: Kiosk) -> None:
    order_uuid, order_no = k01.sell(store)
    for number, code in ((order_no, CONTACT.phone[-4:]),
                         (order_no.replace("-", "")[1:], lookup_code(order_uuid))):
        found = k02.lookup.by_number(number, code)
        assert found.outcome is Outcome.FOUND and found.order is not None
        assert (found.order.order_uuid, found.order.source) == (order_uuid, Source.STORE)
        assert found.order.lookup_code == ""  # not K02's order


def test_wrong_codes_are_not_found_like_unknown_numbers_then_throttled(store: RestartableStore, k01: Kiosk,
                                                                        k02: Kiosk) -> None:
    order_uuid, order_no = k01.sell(store)
    unknown = k02.lookup.by_number("K01-0101-9999", "1234")
    assert unknown.outcome is Outcome.NOT_FOUND and unknown.order is None
    wrong = [c for c in ("0000", "1234", "2345", "3456", "4567", "5678", "6789")
             if c not in (CONTACT.phone[-4:], lookup_code(order_uuid))]
    for code in wrong[:LOOKUP_FAILURES_PER_ORDER]:
        answer = k02.lookup.by_number(order_no, code)
        assert (answer.outcome, answer.order) == (Outcome.NOT_FOUND, None)
    answer = k02.lookup.by_number(order_no, CONTACT.phone[-4:])
    assert answer.outcome is Outcome.THROTTLED and 0 < answer.retry_after_s <= LOOKUP_WINDOW_S
    # the store holds it for every kiosk of the store, the right code included
    assert k01.lookup.by_number(order_no, CONTACT.phone[-4:]).outcome is Outcome.THROTTLED
    # the receipt's QR is proof enough: it still opens the order
    assert k01.lookup.by_receipt(k01.receipt_qr(order_uuid)).outcome is Outcome.FOUND


def test_the_store_stopped_shows_the_cached_answer_with_its_age(store: RestartableStore, k01: Kiosk,
                                                                k02: Kiosk) -> None:
    order_uuid, order_no = k01.sell(store)
    mine = k01.lookup.by_receipt(k01.receipt_qr(order_uuid)).order
    theirs = k02.lookup.by_number(order_no, CONTACT.phone[-4:]).order
    assert mine is not None and theirs is not None
    store.stop()
    for kiosk, seen in ((k01, mine), (k02, theirs)):
        for result in (kiosk.lookup.refresh(order_uuid),
                       kiosk.lookup.by_number(order_no, CONTACT.phone[-4:])):
            assert result.outcome is Outcome.FOUND and result.order is not None
            assert (result.order.source, result.order.as_of) == (Source.CACHE, seen.as_of)
            assert result.order.status == "ACCEPTED"
            assert dt.timedelta(0) <= kiosk.lookup.now() - result.order.as_of < dt.timedelta(minutes=1)
    assert k02.lookup.by_number(order_no, "0000").outcome is Outcome.NOT_FOUND  # offline: proof checked here
    assert k02.lookup.request_change(order_uuid, {"fulfilment": "pickup"}).outcome is Sent.UNREACHABLE
    store.start()
    fresh = k02.lookup.refresh(order_uuid).order
    assert fresh is not None and fresh.source is Source.STORE and fresh.as_of > theirs.as_of


def test_a_change_request_round_trip_and_a_shipped_order_refused(store: RestartableStore, k01: Kiosk,
                                                                 k02: Kiosk) -> None:
    order_uuid, order_no = k01.sell(store)
    assert k02.lookup.by_number(order_no, CONTACT.phone[-4:]).order is not None
    new_address = "上海市浦东新区世纪大道100号"
    sent = k02.lookup.request_change(order_uuid, {"address": new_address, "contact_phone": "13800008888"})
    assert sent.outcome is Sent.SENT and sent.request is not None and sent.request.status == "PENDING"
    assert new_address not in str(sent.request.changes) and "13800008888" not in str(sent.request.changes)
    pending = k02.lookup.refresh(order_uuid).order
    assert pending is not None and (pending.modification.stage, pending.modification.locked) == (
        Stage.LOCKED, Locked.PENDING)
    assert [(r.kind, r.status) for r in pending.requests] == [("modification", "PENDING")]
    _decide(store, sent.request.request_id, approve=True)
    approved = k01.lookup.refresh(order_uuid).order  # the answer shows at every kiosk's next lookup
    assert approved is not None and [r.status for r in approved.requests] == ["APPROVED"]
    assert approved.contact_phone == "138****8888" and approved.contact_address.startswith("上海市")
    assert approved.modification.stage is Stage.REQUEST
    # the order then ships: the kiosk that saw it last as accepted asks, and the store refuses
    _merchant(store, order_uuid, "SHIPPED", "SF1234567890")
    refused = k01.lookup.request_change(order_uuid, {"fulfilment": "pickup"})
    assert refused.outcome is Sent.REFUSED and refused.reason
    shipped = k01.lookup.refresh(order_uuid).order
    assert shipped is not None and (shipped.status, shipped.tracking_no) == ("SHIPPED", "SF1234567890")
    assert (shipped.modification.stage, shipped.modification.locked) == (Stage.LOCKED, Locked.SHIPPED)
    assert shipped.timeline[-1].status == "SHIPPED" and shipped.timeline[-1].detail == "SF1234567890"
    # now the kiosk knows: refused by the rules, nothing sent
    again = k01.lookup.request_change(order_uuid, {"fulfilment": "pickup"})
    assert (again.outcome, again.reason) == (Sent.REFUSED, Locked.SHIPPED.value)


def test_a_return_request_round_trip(store: RestartableStore, k01: Kiosk) -> None:
    order_uuid, _ = k01.sell(store, contact=None)  # pickup
    early = k01.lookup.request_return(order_uuid, "return", "quality", {"D00001": 1}, "")
    assert (early.outcome, early.reason) == (Sent.REFUSED, ReturnRefusal.NOT_YET.value)
    _merchant(store, order_uuid, "READY_FOR_PICKUP")
    _merchant(store, order_uuid, "PICKED_UP")
    picked = k01.lookup.refresh(order_uuid).order
    assert picked is not None and picked.returns.allowed and picked.return_deadline is not None
    assert picked.modification.locked is Locked.HANDED_OVER
    sent = k01.lookup.request_return(order_uuid, "exchange", "damaged", {"D00001": 1}, "瓶子漏了")
    assert sent.outcome is Sent.SENT and sent.request is not None
    asked = k01.lookup.refresh(order_uuid).order
    assert asked is not None and asked.returns.refusal is ReturnRefusal.ALREADY
    assert [(r.kind, r.status) for r in asked.requests] == [("return", "PENDING")]
    _decide(store, sent.request.request_id, approve=True)
    done = k01.lookup.refresh(order_uuid).order
    assert done is not None and [r.status for r in done.requests] == ["APPROVED"]
    assert done.status in ("RETURNED", "REFUNDED")


def test_a_kiosk_clock_days_off_still_judges_the_return_window_by_the_stores_time(
        store: RestartableStore, k01: Kiosk) -> None:
    order_uuid, _ = k01.sell(store, contact=None)
    _merchant(store, order_uuid, "READY_FOR_PICKUP")
    _merchant(store, order_uuid, "PICKED_UP")
    off = dt.timedelta(days=8)  # past the 7-day window by the kiosk's clock, one minute in by the store's

    def kiosk_now() -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None) + off

    device_id, secret = k01.device
    with SyncClient(StoreEndpoint(store.live.base_url, device_id, secret), timeouts=TEST_TIMEOUTS,
                    clock=lambda: time.time() + off.total_seconds()) as skewed:
        lookup = OrderLookup(k01.db, k01.book, skewed, clock=kiosk_now)
        found = lookup.refresh(order_uuid)  # signed with the wrong time first: 401, resynced, asked again
        assert found.outcome is Outcome.FOUND and found.order is not None
        assert found.order.source is Source.STORE and found.order.returns.allowed
        assert abs(lookup.now() - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(seconds=5)
        assert abs(found.order.as_of - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(seconds=5)


def test_an_approved_change_to_pickup_shows_the_fee_difference_and_the_new_totals(
        store: RestartableStore, k01: Kiosk) -> None:
    order_uuid, _ = k01.sell(store)
    assert k01.lookup.refresh(order_uuid).order is not None
    sent = k01.lookup.request_change(order_uuid, {"fulfilment": "pickup"})
    assert sent.outcome is Sent.SENT and sent.request is not None
    assert sent.request.fee_difference_minor == -1000  # the delivery fee is owed back
    _decide(store, sent.request.request_id, approve=True)
    view = k01.lookup.refresh(order_uuid).order
    assert view is not None and (view.fulfilment, view.shipping_minor, view.total_minor) == ("pickup", 0, 700)
    assert [(r.status, r.fee_difference_minor) for r in view.requests] == [("APPROVED", -1000)]


def test_a_rejected_change_and_a_rejected_return_flow_back_and_change_nothing(
        store: RestartableStore, k01: Kiosk) -> None:
    order_uuid, order_no = k01.sell(store)
    before = k01.lookup.by_number(order_no, CONTACT.phone[-4:]).order
    assert before is not None
    sent = k01.lookup.request_change(order_uuid, {"fulfilment": "pickup",
                                                   "address": "上海市浦东新区世纪大道100号"})
    assert sent.outcome is Sent.SENT and sent.request is not None
    _decide(store, sent.request.request_id, approve=False)
    after = k01.lookup.refresh(order_uuid).order
    assert after is not None
    assert [(r.kind, r.status, r.note) for r in after.requests] == [("modification", "REJECTED", "no")]
    assert (after.fulfilment, after.contact_address, after.total_minor, after.shipping_minor) == (
        before.fulfilment, before.contact_address, before.total_minor, before.shipping_minor)
    assert after.modification.stage is Stage.REQUEST  # a rejection does not lock: the shopper may ask again
    # handed over, a return is asked for and rejected: the order is back where it was, the request says no
    _merchant(store, order_uuid, "SHIPPED", "SF1")
    _merchant(store, order_uuid, "DELIVERED")
    delivered = k01.lookup.refresh(order_uuid).order  # the shopper looks again, and sees it delivered
    assert delivered is not None and delivered.returns.allowed
    asked = k01.lookup.request_return(order_uuid, "return", "other", {"D00001": 1}, "")
    assert asked.outcome is Sent.SENT and asked.request is not None
    _decide(store, asked.request.request_id, approve=False)
    back = k01.lookup.refresh(order_uuid).order
    assert back is not None and back.status == "DELIVERED"
    assert [(r.kind, r.status) for r in back.requests][-1] == ("return", "REJECTED")
