"""Batch ingest straight against the database: idempotency, quarantine, seq tracking, audit."""

from __future__ import annotations

import datetime as dt
import os
import random
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from cloudstore import catalog
from cloudstore.batch_body import check_items
from cloudstore.db import StoreDB
from cloudstore.devices import add_device
from cloudstore.ingest import ingest_batch, missing_seqs
from cloudstore.models import Device, DeviceAlert, Product, QuarantinedItem, StoreOrder
from cloudstore.pii import KEY_BYTES, PiiCipher
from cloudstore.schemas import BatchOut
from tests.unit.cloudstore.harness import batch_item, order_payload, paid_payment

NOW = dt.datetime(2026, 11, 26, 12, 0, 0)


def _device(db: StoreDB) -> str:
    with db.write() as session:
        return add_device(session, "K01")["device_id"]


def _push(db: StoreDB, device_id: str, items: list[dict[str, Any]]) -> BatchOut:
    with db.write() as session:
        return BatchOut.model_validate(ingest_batch(session, device_id, check_items(items), NOW))


def _statuses(out: BatchOut) -> list[str]:
    return [r.status for r in out.results]


def test_same_batch_twice_creates_once(store_db: StoreDB) -> None:
    device = _device(store_db)
    items = [batch_item(seq, order_payload()) for seq in range(1, 6)]
    first, second = _push(store_db, device, items), _push(store_db, device, items)
    assert _statuses(first) == ["created"] * 5
    assert _statuses(second) == ["duplicate"] * 5
    assert (second.highest_contiguous_seq, second.max_seq, second.gap) == (5, 5, False)
    with store_db.read() as session:
        assert session.execute(select(func.count()).select_from(StoreOrder)).scalar_one() == 5


def test_same_uuid_with_another_payload_is_rejected_and_quarantined(store_db: StoreDB) -> None:
    device = _device(store_db)
    original = order_payload()
    _push(store_db, device, [batch_item(1, original)])
    changed = {**original, "order_no": "K01-CHANGED"}
    out = _push(store_db, device, [batch_item(1, changed), batch_item(1, changed)])
    assert _statuses(out) == ["rejected", "rejected"]
    assert "another payload" in (out.results[0].reason or "")
    with store_db.read() as session:
        kept = session.execute(select(QuarantinedItem)).scalars().all()
        stored = session.execute(select(StoreOrder)).scalar_one()
    assert len(kept) == 1  # a retried rejection is kept once
    assert kept[0].order_uuid == original["order_uuid"]
    assert stored.order_no == original["order_no"]  # the first version stands


def test_duplicate_inside_one_batch(store_db: StoreDB) -> None:
    device = _device(store_db)
    item = batch_item(1, order_payload())
    assert _statuses(_push(store_db, device, [item, item])) == ["created", "duplicate"]


def test_seq_taken_by_another_order_is_rejected(store_db: StoreDB) -> None:
    device = _device(store_db)
    _push(store_db, device, [batch_item(1, order_payload())])
    out = _push(store_db, device, [batch_item(1, order_payload())])
    assert _statuses(out) == ["rejected"]
    assert "device_seq already used" in (out.results[0].reason or "")


def test_gap_is_flagged_until_filled(store_db: StoreDB) -> None:
    device = _device(store_db)
    out = _push(store_db, device, [batch_item(s, order_payload()) for s in (1, 2, 4, 5)])
    assert (out.highest_contiguous_seq, out.max_seq, out.gap) == (2, 5, True)
    with store_db.read() as session:
        row = session.get(Device, device)
        assert row is not None
        assert missing_seqs(session, row) == [3]
    out = _push(store_db, device, [batch_item(3, order_payload())])
    assert (out.highest_contiguous_seq, out.max_seq, out.gap) == (5, 5, False)


def test_a_quarantined_seq_does_not_leave_a_gap(store_db: StoreDB) -> None:
    device = _device(store_db)
    bad = {**batch_item(2, order_payload()), "kind": "order.mystery"}
    out = _push(store_db, device, [batch_item(1, order_payload()), bad, batch_item(3, order_payload())])
    assert _statuses(out) == ["created", "rejected", "created"]
    assert (out.highest_contiguous_seq, out.gap) == (3, False)


def test_invalid_payloads_are_rejected_item_by_item(store_db: StoreDB) -> None:
    device = _device(store_db)
    no_lines = {**order_payload(), "lines": []}
    wrong_hash = {**batch_item(3, order_payload()), "payload_hash": "0" * 64}
    other_uuid = {**batch_item(4, order_payload()), "order_uuid": "not-the-payload-uuid"}
    out = _push(store_db, device, [batch_item(1, order_payload()), batch_item(2, no_lines), wrong_hash,
                                   other_uuid])
    assert _statuses(out) == ["created", "rejected", "rejected", "rejected"]
    assert "lines" in (out.results[1].reason or "")
    assert "payload_hash" in (out.results[2].reason or "")
    with store_db.read() as session:
        assert session.execute(select(func.count()).select_from(QuarantinedItem)).scalar_one() == 3


def test_totals_are_recomputed_and_mismatches_flagged(store_db: StoreDB) -> None:
    device = _device(store_db)
    honest = order_payload(qty=2, price=1590, shipping=1000)
    greedy = order_payload(qty=2, price=1590, total=1)  # claims 0.01 for 31.80 of goods
    overcharged = order_payload(qty=2, price=1590, shipping=1800)  # the delivery fee is 10.00
    free_taken = order_payload(qty=7, price=1590, shipping=1000)  # 111.30 of goods: delivery is free
    for payload in (honest, greedy, overcharged, free_taken):
        paid_payment(store_db, device, payload)  # what the kiosk claimed is what it was paid
    out = _push(store_db, device, [batch_item(1, honest), batch_item(2, greedy), batch_item(3, overcharged),
                                   batch_item(4, free_taken)])
    assert _statuses(out) == ["created"] * 4  # a paid order is never dropped: flagged instead
    with store_db.read() as session:
        rows = {o.order_uuid: o for o in session.execute(select(StoreOrder)).scalars()}
    assert rows[honest["order_uuid"]].audit_flags == ""
    assert rows[honest["order_uuid"]].computed_total_minor == 4180
    assert rows[overcharged["order_uuid"]].audit_flags == "shipping"
    assert rows[free_taken["order_uuid"]].audit_flags == "shipping"
    assert rows[greedy["order_uuid"]].audit_flags == "total"
    assert rows[greedy["order_uuid"]].computed_total_minor == 3180


def test_price_below_the_catalog_the_kiosk_had_is_flagged(store_db: StoreDB) -> None:
    device = _device(store_db)
    with store_db.write() as session:
        catalog.upsert_category(session, {"code": "drinks", "name": {"zh": "饮料", "en": "Drinks"}})
        version = catalog.upsert_product(session, {"sku": "D00001", "category": "drinks", "name": "Cola",
                                                   "price_minor": 1590})
    cheap = order_payload(price=100)
    cheap["lines"][0]["catalog_version"] = version
    stale = order_payload(price=100)  # priced before the store's current price: not the kiosk's fault
    paid_payment(store_db, device, cheap)
    paid_payment(store_db, device, stale)
    out = _push(store_db, device, [batch_item(1, cheap), batch_item(2, stale)])
    assert _statuses(out) == ["created", "created"]
    with store_db.read() as session:
        flags = {o.order_uuid: o.audit_flags for o in session.execute(select(StoreOrder)).scalars()}
    assert flags == {cheap["order_uuid"]: "price:D00001", stale["order_uuid"]: ""}


def test_an_order_that_says_it_was_paid_must_match_a_paid_payment(store_db: StoreDB) -> None:
    device = _device(store_db)
    matched = order_payload()
    no_payment = order_payload()
    short = order_payload()
    other_method = order_payload(method="alipay")
    closed, still_open, declined = order_payload(), order_payload(), order_payload()
    paid_payment(store_db, device, matched)
    paid_payment(store_db, device, short, amount_minor=short["total_minor"] - 1)
    paid_payment(store_db, device, other_method, method="wechat")
    paid_payment(store_db, device, closed, status="CLOSED", paid_at=None)
    paid_payment(store_db, device, still_open, status="CREATED", paid_at=None)
    paid_payment(store_db, device, declined, status="FAILED", paid_at=None)
    payloads = [matched, no_payment, short, other_method, closed, still_open, declined]
    items = [batch_item(seq, p) for seq, p in enumerate(payloads, start=1)]
    assert _statuses(_push(store_db, device, items)) == ["created"] * 7  # flagged, never lost
    with store_db.read() as session:
        flags = {o.order_uuid: o.audit_flags for o in session.execute(select(StoreOrder)).scalars()}
        alerts = session.execute(select(DeviceAlert).where(DeviceAlert.device_id == device)).scalars().all()
    assert flags == {matched["order_uuid"]: "", no_payment["order_uuid"]: "payment:missing",
                     short["order_uuid"]: "payment:amount", other_method["order_uuid"]: "payment:method",
                     closed["order_uuid"]: "payment:unpaid", still_open["order_uuid"]: "payment:unpaid",
                     declined["order_uuid"]: "payment:unpaid"}
    assert {a.order_uuid for a in alerts} == {p["order_uuid"] for p in payloads[1:]}
    assert {(a.kind, a.severity, a.state) for a in alerts} == {("order_payment_mismatch", "critical", "open")}
    by_order = {a.order_uuid: a.message for a in alerts}
    assert short["order_no"] in by_order[short["order_uuid"]]
    # pushed again: the same orders, not new alerts
    assert _statuses(_push(store_db, device, items)) == ["duplicate"] * 7
    with store_db.read() as session:
        assert session.execute(select(func.count()).select_from(DeviceAlert)).scalar_one() == 6


def test_a_payment_of_another_currency_does_not_pay_an_order(store_db: StoreDB) -> None:
    device = _device(store_db)
    payload = order_payload()
    paid_payment(store_db, device, payload, currency="USD")
    _push(store_db, device, [batch_item(1, payload)])
    with store_db.read() as session:
        assert session.execute(select(StoreOrder.audit_flags)).scalar_one() == "payment:amount"


def _stock(db: StoreDB) -> dict[str, tuple[int, int]]:
    with db.read() as session:
        return {p.sku: (p.stock, p.change_seq) for p in session.execute(select(Product)).scalars()}


def test_a_new_order_lowers_the_stores_stock_once_never_below_zero(store_db: StoreDB) -> None:
    device = _device(store_db)
    with store_db.write() as session:
        catalog.upsert_category(session, {"code": "drinks", "name": {"zh": "饮料", "en": "Drinks"}})
        for sku, stock in (("D00001", 10), ("D00002", 2), ("D00003", 7)):
            catalog.upsert_product(session, {"sku": sku, "category": "drinks", "name": sku,
                                             "price_minor": 1590, "stock": stock})
        head_before = catalog.head(session)
    one, two = order_payload(qty=3, sku="D00001"), order_payload(qty=4, sku="D00001")
    too_many = order_payload(qty=5, sku="D00002")
    unknown = order_payload(qty=1, sku="GONE01")  # not in the store's catalog: nothing to lower
    for payload in (one, two, too_many, unknown):
        paid_payment(store_db, device, payload)
    items = [batch_item(seq, p) for seq, p in enumerate([one, two, too_many, unknown], start=1)]
    assert _statuses(_push(store_db, device, items)) == ["created"] * 4
    stock = _stock(store_db)
    assert {sku: left for sku, (left, _) in stock.items()} == {"D00001": 3, "D00002": 0, "D00003": 7}
    with store_db.read() as session:
        head_after = catalog.head(session)
    # each changed product carries a change number of its own above what kiosks had pulled
    assert sorted(seq for sku, (_, seq) in stock.items() if sku != "D00003") == [head_before + 1,
                                                                                 head_before + 2]
    assert head_after == head_before + 2
    assert _statuses(_push(store_db, device, items)) == ["duplicate"] * 4
    assert _stock(store_db) == stock
    with store_db.read() as session:
        assert catalog.head(session) == head_after


# a batch is a run of seqs (as a kiosk sends them) or any handful of them (retries, splits, reorders)
_runs = st.tuples(st.integers(1, 30), st.integers(0, 8)).map(
    lambda t: list(range(t[0], min(30, t[0] + t[1]) + 1)))
_batches = st.lists(st.one_of(_runs, st.lists(st.integers(1, 30), min_size=1, max_size=6)), min_size=1,
                    max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_batches, st.randoms())
@example([[1, 2, 3, 4, 5], [7, 8, 9], [6]], random.Random(0))  # a run that starts past the next seq
@example([[1, 2], [2, 3, 4], [6, 5]], random.Random(0))  # a run overlapping what arrived; one reversed
def test_any_delivery_order_converges(store_url: str, deliveries: list[list[int]],
                                      rnd: random.Random) -> None:
    """Batches arrive in any order, repeated and partial: after every one the store reports exactly the
    seqs that arrived; after the drain each order is stored once, seq contiguous."""
    db = StoreDB(store_url)
    from cloudstore.migrate import upgrade
    upgrade(db)
    db.pii = PiiCipher(os.urandom(KEY_BYTES))  # as the app sets it
    try:
        with db.write() as session:
            device = add_device(session, f"K{rnd.random()}")["device_id"]
        items = {seq: batch_item(seq, order_payload()) for seq in range(1, 31)}
        arrived: set[int] = set()
        for seqs in deliveries:
            out = _push(db, device, [items[seq] for seq in seqs])
            arrived |= set(seqs)
            contiguous = 0
            while contiguous + 1 in arrived:
                contiguous += 1
            assert (out.highest_contiguous_seq, out.max_seq) == (contiguous, max(arrived))
        final = _push(db, device, list(items.values()))  # the drain after healing
        assert set(_statuses(final)) <= {"created", "duplicate"}
        assert (final.highest_contiguous_seq, final.gap) == (30, False)
        with db.read() as session:
            seqs = sorted(session.execute(select(StoreOrder.device_seq).where(
                StoreOrder.device_id == device)).scalars())
        assert seqs == list(range(1, 31))
    finally:
        db.close()
