"""OrderLookup through the signed client when the store misbehaves: a proxy on loopback between the kiosk
and the real store answers 500 or 429 (with Retry-After) or loses an answer after the store took the
request; a stub answers what no real store should (HTML, another order, wrong types). Every such answer
is logged and taken as no answer: the cached answer, else this kiosk's own order, and a request sent
again after a lost answer carries the same request_id, so the store takes it once."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from kiosk.checkout import Checkout, CheckoutRequest, Phase, ReceiptSettings
from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment
from kiosk.orders import CartLine, OrderBook
from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.order_lookup import OrderLookup, Outcome, Sent, Source
from kiosk.sync.outbox import OutboxPusher
from kiosk.sync.payments import PaymentClient
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.fault_proxy import Fault, FaultProxy, fault_proxy
from tests.unit.sync.helpers import make_client
from tests.unit.sync.orders import CONTACT, book_paid_order
from tests.unit.test_checkout import Updates

LINES = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)]


def sell(store: LiveStore, client: SyncClient, book: OrderBook, db: Database) -> tuple[str, str]:
    """A delivery order sold as a shopper buys it (the phone pays the sandbox) and pushed to the store."""
    updates = Updates()
    checkout = Checkout(book, PaymentClient(client), printer=None, receipt=ReceiptSettings("云商城", "K01"),
                        on_update=updates, timeout_s=20.0, interval_s=0.05)
    checkout.begin(CheckoutRequest(LINES, fulfilment=Fulfilment.DELIVERY, contact=CONTACT,
                                   shipping_minor=1000))
    shown = updates.wait_for(Phase.AWAITING_PAYMENT)
    assert store.plain().post(f"{urlsplit(shown.code_url).path}/pay").status_code in (200, 303)
    updates.wait_for(Phase.PAID)
    assert checkout.wait(5)
    OutboxPusher(db, client, decode_payload=book.decode_payload).drain()
    return shown.order_uuid, shown.order_no


@pytest.fixture
def proxy(store: LiveStore) -> Iterator[FaultProxy]:
    with fault_proxy(urlsplit(store.base_url).port or 0, retry_after="37") as rig:
        yield rig


@pytest.fixture
def proxied(proxy: FaultProxy, device: tuple[str, str]) -> Iterator[SyncClient]:
    with make_client(proxy.url, device) as sync_client:
        yield sync_client


def test_a_500_shows_the_cached_answer_and_a_429_waits_as_the_store_says(
        store: LiveStore, client: SyncClient, proxied: SyncClient, proxy: FaultProxy, book: OrderBook,
        db: Database) -> None:
    order_uuid, order_no = sell(store, client, book, db)
    lookup = OrderLookup(db, book, proxied)
    fresh = lookup.refresh(order_uuid)
    assert fresh.order is not None and fresh.order.source is Source.STORE
    proxy.script(Fault.ERROR_500)
    cached = lookup.refresh(order_uuid)
    assert cached.order is not None and (cached.order.source, cached.order.as_of) == (Source.CACHE,
                                                                                      fresh.order.as_of)
    proxy.script(Fault.ERROR_429)
    assert (lookup.refresh(order_uuid).outcome, lookup.refresh(order_uuid).outcome) == (Outcome.THROTTLED,
                                                                                        Outcome.FOUND)
    proxy.script(Fault.ERROR_429)
    assert lookup.by_number(order_no, CONTACT.phone[-4:]).retry_after_s == 37
    proxy.script(Fault.RESET)
    assert lookup.by_number(order_no, CONTACT.phone[-4:]).order.source is Source.CACHE  # type: ignore[union-attr]


def test_a_request_whose_answer_was_lost_is_sent_again_with_the_same_id(
        store: LiveStore, client: SyncClient, proxied: SyncClient, proxy: FaultProxy, book: OrderBook,
        db: Database) -> None:
    order_uuid, _ = sell(store, client, book, db)
    lookup = OrderLookup(db, book, proxied)
    assert lookup.refresh(order_uuid).outcome is Outcome.FOUND
    proxy.script(Fault.DROP_RESPONSE)  # the store takes it; the answer never comes back
    change: Any = {"fulfilment": "pickup"}
    assert lookup.request_change(order_uuid, change).outcome is Sent.UNREACHABLE
    again = lookup.request_change(order_uuid, change)
    assert again.outcome is Sent.SENT and again.request is not None
    view = lookup.refresh(order_uuid).order
    assert view is not None and [r.request_id for r in view.requests] == [again.request.request_id]
    # answered: the next request is a new one (the store refuses a second while one is pending)
    assert lookup.request_change(order_uuid, {"fulfilment": "pickup"}).outcome is Sent.REFUSED


def _stub(answers: list[httpx.Response], seen: list[httpx.Request]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers.pop(0)

    return httpx.MockTransport(handle)


def _json(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(),
                          headers={"content-type": "application/json"})


@pytest.mark.parametrize("answer", ["html", "another_order", "total_as_text", "not_json_500"])
def test_an_answer_no_store_should_give_is_logged_and_taken_as_none(
        db: Database, book: OrderBook, tmp_path: Path, caplog: pytest.LogCaptureFixture, answer: str) -> None:
    order_uuid = book_paid_order(book, CONTACT)
    body: dict[str, Any] = {"order_uuid": order_uuid, "order_no": "K01-1207-0001", "status": "ACCEPTED",
                            "fulfilment": "delivery", "currency": "CNY", "subtotal_minor": 700,
                            "shipping_minor": 1000, "total_minor": "17.00", "lines": [], "contact": {},
                            "timeline": [], "requests": []}
    response = {"html": httpx.Response(200, content=b"<html>captive portal</html>"),
                "another_order": _json({**body, "order_uuid": str(uuid.uuid4()), "total_minor": 1700}),
                "total_as_text": _json(body),
                "not_json_500": httpx.Response(502, content=b"bad gateway")}[answer]
    seen: list[httpx.Request] = []
    stub = SyncClient(StoreEndpoint("http://store.invalid", "K01", "secret"),
                      transport=_stub([response], seen))
    with caplog.at_level(logging.WARNING, logger="kiosk.sync.order_lookup"):
        result = OrderLookup(db, book, stub).refresh(order_uuid)
    assert [r.url.path for r in seen] == [f"/v1/orders/{order_uuid}"]
    assert result.outcome is Outcome.FOUND and result.order is not None
    assert (result.order.source, result.order.total_minor) == (Source.LOCAL, 1700)
    assert any("malformed" in r.getMessage() or "HTTP 502" in r.getMessage() for r in caplog.records)


def test_the_request_answers_map_to_outcomes_and_never_raise(db: Database, book: OrderBook) -> None:
    order_uuid = book_paid_order(book, CONTACT)
    state = {"request_id": "x", "order_uuid": order_uuid, "kind": "modification", "status": "PENDING",
             "changes": {"fulfilment": "pickup"}, "reason": "", "note": "",
             "created_at": "2026-12-07T05:00:00Z", "decided_at": None, "fee_difference_minor": -1000}
    answers = [_json(state, 201), _json({"detail": "shipped", "reason": "shipped"}, 409),
               _json({"detail": {"problems": {"address": "tooShort"}}}, 422), _json({"detail": "no"}, 404),
               httpx.Response(429, headers={"retry-after": "12"}), httpx.Response(503), _json([], 201)]
    seen: list[httpx.Request] = []
    stub = SyncClient(StoreEndpoint("http://store.invalid", "K01", "secret"), transport=_stub(answers, seen))
    lookup = OrderLookup(db, book, stub)
    results = [lookup.request_change(order_uuid, {"fulfilment": "pickup"}) for _ in range(len(answers))]
    assert [(r.outcome, r.reason, r.problems, r.retry_after_s) for r in results] == [
        (Sent.SENT, "", {}, 0), (Sent.REFUSED, "shipped", {}, 0),
        (Sent.INVALID, "", {"address": "tooShort"}, 0), (Sent.NOT_FOUND, "", {}, 0),
        (Sent.THROTTLED, "", {}, 12), (Sent.UNREACHABLE, "", {}, 0), (Sent.SENT, "", {}, 0)]
    assert results[0].request is not None and results[0].request.fee_difference_minor == -1000
    ids = [json.loads(r.content)["request_id"] for r in seen]
    # a new id after each answer; the 503 said nothing, so the request after it kept its id
    assert len(set(ids[:6])) == 6 and ids[6] == ids[5]
