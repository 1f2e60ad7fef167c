"""Fleet figures (cloudstore.analytics) against a constructed set of orders ingested as kiosks push them,
on SQLite and PostgreSQL; the funnel upsert; the shopper hash and its salt file."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import os
import stat
import uuid
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from cloudstore import analytics, catalog, fleet
from cloudstore.analytics import Period
from cloudstore.batch_body import check_items
from cloudstore.db import StoreDB
from cloudstore.devices import add_device
from cloudstore.ingest import ingest_batch
from cloudstore.migrate import alembic_config, upgrade
from cloudstore.models import FunnelCount, StoreOrder
from cloudstore.pii import KEY_BYTES, PiiCipher
from cloudstore.shoppers import SaltFileError, backfill, load_salt, normalise_phone, shopper_hash
from kiosk.sync.protocol import FUNNEL_STEPS, FunnelError, check_funnel
from tests.unit.cloudstore.harness import batch_item, paid_payment

TZ = "Asia/Shanghai"
NOW = dt.datetime(2026, 11, 26, 12, 0, 0)  # naive UTC: 20:00 in Shanghai
SALT = bytes(range(32))
FIXTURE = Path(__file__).with_name("catalog_fixture.json")
PRICES = {"D00001": 1590, "D00002": 200, "S00001": 850, "X99999": 999}  # X99999: not in the catalog
CATEGORY = {"D00001": "drinks", "D00002": "drinks", "S00001": "snacks", "X99999": ""}


@dataclass
class Sale:
    """One constructed order: when it was paid (store local time), by whom, what, and what became of it."""

    kiosk: int
    local: dt.datetime
    lines: list[tuple[str, int]]
    phone: str = ""
    delivery: bool = False
    status: str = "ACCEPTED"
    paid: bool = True  # False: the store holds no payment for it

    @property
    def paid_utc(self) -> dt.datetime:
        return self.local.replace(tzinfo=ZoneInfo(TZ)).astimezone(dt.UTC).replace(tzinfo=None)

    @property
    def goods(self) -> int:
        return sum(PRICES[sku] * qty for sku, qty in self.lines)

    @property
    def shipping(self) -> int:
        return 1000 if self.delivery and self.goods < 9900 else 0

    @property
    def total(self) -> int:
        return self.goods + self.shipping

    @property
    def counted(self) -> bool:
        return self.paid and self.status not in ("RETURNED", "REFUNDED")


def _payload(sale: Sale) -> dict[str, Any]:
    order_uuid = str(uuid.uuid4())
    lines = [{"position": i, "sku": sku, "name_zh": f"商品{sku}", "name_en": f"Product {sku}",
              "unit_price_minor": PRICES[sku], "quantity": qty, "line_total_minor": PRICES[sku] * qty}
             for i, (sku, qty) in enumerate(sale.lines)]
    payload: dict[str, Any] = {
        "order_uuid": order_uuid, "order_no": f"K{sale.kiosk}-{order_uuid[:8]}", "currency": "CNY",
        "subtotal_minor": sale.goods, "shipping_minor": sale.shipping, "total_minor": sale.total,
        "fulfilment": "delivery" if sale.delivery else "pickup", "lines": lines,
        "paid_at": sale.paid_utc.isoformat() + "Z",
        "payment": {"method": "wechat", "amount_minor": sale.total},
    }
    if sale.phone:
        payload["contact"] = {"name": "张三", "phone": sale.phone, "address": "上海市浦东新区世纪大道1号"}
    return payload


def _store(db: StoreDB, kiosks: int = 2) -> list[str]:
    with db.write() as session:
        catalog.load_catalog(session, json.loads(FIXTURE.read_text(encoding="utf-8")))
        return [add_device(session, f"K{i + 1:02d}")["device_id"] for i in range(kiosks)]


def _ingest(db: StoreDB, devices: list[str], sales: list[Sale], *, received: dt.datetime = NOW) -> None:
    seqs: Counter[str] = Counter()
    with db.read() as session:
        for device in devices:
            seqs[device] = max(session.execute(select(StoreOrder.device_seq)
                                               .where(StoreOrder.device_id == device)).scalars(), default=0)
    for sale in sales:
        device = devices[sale.kiosk]
        payload = _payload(sale)
        if sale.paid:
            paid_payment(db, device, payload)
        seqs[device] += 1
        with db.write() as session:
            out = ingest_batch(session, device, check_items([batch_item(seqs[device], payload)]), received,
                               shopper_salt=SALT)
            assert out["results"][0]["status"] == "created", out
            if sale.status != "ACCEPTED":
                session.execute(update(StoreOrder).where(StoreOrder.order_uuid == payload["order_uuid"])
                                .values(status=sale.status))


def _local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute)


PERIOD = Period(dt.date(2026, 11, 20), dt.date(2026, 11, 27), TZ)  # seven store days up to the 26th

SALES = [
    Sale(0, _local(20, 0, 5), [("D00001", 2)], phone="13800001234"),  # first minute of the period
    Sale(1, _local(21, 9), [("S00001", 1), ("D00002", 3)], phone="+86 138-0000-1234"),  # same shopper
    Sale(0, _local(22, 13), [("D00001", 1)], phone="13900005678", delivery=True),
    Sale(1, _local(23, 13, 30), [("X99999", 4)]),  # no phone, a product the store does not sell
    Sale(0, _local(24, 18), [("S00001", 2)], phone="13900005678"),  # second order of the second shopper
    Sale(1, _local(25, 23, 59), [("D00001", 1)], phone="13700000000"),  # a one-time shopper
    Sale(0, _local(26, 8), [("D00002", 5)], phone="13700000000", status="REFUNDED"),  # refunded: no sale
    Sale(1, _local(26, 10), [("S00001", 1)], phone="13700000000", paid=False),  # no payment at the store
    Sale(0, _local(19, 23, 59), [("D00001", 9)], phone="13800001234"),  # the day before the period
    Sale(1, _local(26, 19, 59), [("D00002", 1)], phone="13600000000"),  # the period's last hour so far
]


def test_figures_match_the_constructed_orders(store_db: StoreDB) -> None:
    devices = _store(store_db)
    _ingest(store_db, devices, SALES)
    with store_db.read() as session:
        rep = analytics.report(session, PERIOD)
    inside = [s for s in SALES if PERIOD.start <= s.local.date() < PERIOD.end]
    counted = [s for s in inside if s.counted]
    assert len(counted) == 7
    assert rep.order_count == len(counted)
    assert rep.revenue_minor == sum(s.total for s in counted)
    assert rep.goods_minor == sum(s.goods for s in counted)
    assert rep.average_order_minor == int((Decimal(rep.revenue_minor) / len(counted)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP))
    # by hour and by day: each as constructed, and each sums to the total
    hours = [0] * 24
    for s in counted:
        hours[s.local.hour] += s.total
    assert rep.revenue_by_hour == hours
    assert sum(rep.revenue_by_hour) == rep.revenue_minor == sum(d.revenue_minor for d in rep.by_day)
    assert sum(rep.orders_by_hour) == rep.order_count == sum(d.orders for d in rep.by_day)
    assert [d.day for d in rep.by_day] == PERIOD.days
    assert {d.day: d.revenue_minor for d in rep.by_day} == {
        day: sum(s.total for s in counted if s.local.date() == day) for day in PERIOD.days}
    # categories and products: goods only, by the catalog's category of each sku
    expected_categories: Counter[str] = Counter()
    expected_products: Counter[str] = Counter()
    quantities: Counter[str] = Counter()
    for s in counted:
        for sku, qty in s.lines:
            expected_categories[CATEGORY[sku]] += PRICES[sku] * qty
            expected_products[sku] += PRICES[sku] * qty
            quantities[sku] += qty
    assert {c.code: c.revenue_minor for c in rep.by_category} == dict(expected_categories)
    assert sum(c.revenue_minor for c in rep.by_category) == rep.goods_minor
    assert [c.revenue_minor for c in rep.by_category] == sorted(expected_categories.values(), reverse=True)
    names = {c.code: (c.name_zh, c.name_en) for c in rep.by_category}
    assert names["drinks"] == ("饮料酒水", "Drinks") and names[""] == ("未分类", "Uncategorised")
    assert {p.sku: (p.quantity, p.revenue_minor) for p in rep.top_products} == {
        sku: (quantities[sku], revenue) for sku, revenue in expected_products.items()}
    assert rep.top_products[0].revenue_minor == max(expected_products.values())
    # shoppers: 138…1234 bought at both kiosks (written two ways); 139…5678 twice at one; 137… and 136…
    # once each (137's other orders were refunded or unconfirmed)
    assert (rep.shoppers, rep.repeat_shoppers) == (4, 2)
    assert rep.repeat_share == 0.5
    # what was left out, and why
    assert rep.returned_orders == 1
    assert (rep.unconfirmed_orders, rep.unconfirmed_minor) == (1, PRICES["S00001"])


def test_one_kiosk_and_the_fleet_add_up(store_db: StoreDB) -> None:
    devices = _store(store_db)
    _ingest(store_db, devices, SALES)
    with store_db.read() as session:
        fleet_rep = analytics.report(session, PERIOD)
        per_kiosk = [analytics.report(session, PERIOD, device) for device in devices]
    assert sum(r.order_count for r in per_kiosk) == fleet_rep.order_count
    assert sum(r.revenue_minor for r in per_kiosk) == fleet_rep.revenue_minor
    expected = sum(s.total for s in SALES if s.kiosk == 0 and s.counted and s.local.date() >= PERIOD.start)
    assert per_kiosk[0].revenue_minor == expected
    # the shopper seen at both kiosks repeats only fleet-wide
    assert fleet_rep.repeat_shoppers == 2 and per_kiosk[1].repeat_shoppers == 0


def test_the_hash_column_holds_no_phone_number(store_db: StoreDB) -> None:
    devices = _store(store_db)
    _ingest(store_db, devices, SALES[:3])
    with store_db.read() as session:
        hashes = list(session.execute(select(StoreOrder.shopper_hash).order_by(StoreOrder.id)).scalars())
    expected = hmac.new(SALT, b"13800001234", hashlib.sha256).hexdigest()
    assert hashes[0] == hashes[1] == expected  # two kiosks, two spellings, one shopper
    assert hashes[2] not in ("", expected)
    for h in hashes:
        assert len(h) == 64 and "1380000" not in h and "5678" not in h
        assert h != hashlib.sha256(b"13800001234").hexdigest()  # not an unsalted hash either


def test_an_order_pushed_late_counts_when_it_was_paid(store_db: StoreDB) -> None:
    devices = _store(store_db)
    late = Sale(0, _local(21, 10), [("D00001", 1)])
    _ingest(store_db, devices, [late], received=NOW)  # pushed five days after the sale
    with store_db.read() as session:
        rep = analytics.report(session, PERIOD)
        stored = session.execute(select(StoreOrder.paid_at, StoreOrder.received_at)).one()
    assert stored == (late.paid_utc, NOW)
    assert [d.orders for d in rep.by_day if d.day == dt.date(2026, 11, 21)] == [1]
    assert rep.orders_by_hour[10] == 1


def test_a_kiosk_clock_ahead_cannot_sell_in_the_future(store_db: StoreDB) -> None:
    devices = _store(store_db)
    ahead = Sale(0, _local(28, 10), [("D00001", 1)])  # two days after the store received it
    _ingest(store_db, devices, [ahead], received=NOW)
    with store_db.read() as session:
        assert session.execute(select(StoreOrder.paid_at)).scalar_one() == NOW


def test_csv_sums_match_the_report(store_db: StoreDB) -> None:
    devices = _store(store_db)
    _ingest(store_db, devices, SALES)
    with store_db.read() as session:
        rep = analytics.report(session, PERIOD)
    raw = analytics.report_csv(rep)
    assert raw.startswith(b"\xef\xbb\xbf")
    blocks = _csv_blocks(raw)
    summary = blocks["summary"][0]
    money = Decimal(summary["revenue"])
    assert money * 100 == rep.revenue_minor
    assert int(summary["orders"]) == rep.order_count
    for block, column in (("by day", "revenue"), ("by hour", "revenue"), ("by category", "revenue")):
        assert sum(Decimal(row[column]) for row in blocks[block]) * 100 == (
            rep.goods_minor if block == "by category" else rep.revenue_minor), block
    assert sum(int(row["orders"]) for row in blocks["by day"]) == rep.order_count
    assert len(blocks["by hour"]) == 24 and len(blocks["by day"]) == 7
    assert [row["step"] for row in blocks["funnel"]] == list(FUNNEL_STEPS)
    assert {row["name zh"] for row in blocks["by category"]} >= {"饮料酒水", "休闲零食"}


def _csv_blocks(raw: bytes) -> dict[str, list[dict[str, str]]]:
    """The CSV's blocks by name: each a header row (the block's name first) and its rows."""
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    blocks: dict[str, list[dict[str, str]]] = {}
    header: list[str] | None = None
    for row in rows:
        if not row:
            header = None
        elif header is None:
            header = row
            blocks[row[0]] = []
        else:
            blocks[header[0]].append(dict(zip(header, row, strict=True)))
    return blocks


def test_csv_names_never_become_formulas() -> None:
    rep = analytics.Report(PERIOD, "")
    rep.top_products = [analytics.ProductSales("S1", "=HYPERLINK(\"x\")", "+cmd", "", 1, 100)]
    text = analytics.report_csv(rep).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+cmd" in text


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = StoreDB(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'store.sqlite3'}")
    upgrade(db)
    db.pii = PiiCipher(os.urandom(KEY_BYTES))  # as the app sets it
    _store(db, kiosks=0)
    yield db
    db.close()


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 23), st.integers(0, 59),
                          st.lists(st.tuples(st.sampled_from(sorted(PRICES)), st.integers(1, 20)), min_size=1,
                                   max_size=3),
                          st.sampled_from(["", "13800000001", "13800000002", "13800000003"]), st.booleans()),
                max_size=12))
def test_totals_always_add_up(shared_db: StoreDB, orders: list[Any]) -> None:
    with shared_db.write() as session:  # a kiosk of its own per example: its report sees only its orders
        device = add_device(session, "prop")["device_id"]
    sales = [Sale(0, _local(20 + day, hour, minute), lines, phone=phone, delivery=delivery)
             for day, hour, minute, lines, phone, delivery in orders]
    _ingest(shared_db, [device], sales)
    with shared_db.read() as session:
        rep = analytics.report(session, PERIOD, device)
    assert rep.order_count == len(sales)
    assert rep.revenue_minor == sum(s.total for s in sales)
    assert sum(rep.revenue_by_hour) == sum(d.revenue_minor for d in rep.by_day) == rep.revenue_minor
    assert sum(c.revenue_minor for c in rep.by_category) == sum(p.revenue_minor for p in rep.top_products) \
        == rep.goods_minor == sum(s.goods for s in sales)
    by_phone = Counter(normalise_phone(s.phone) for s in sales if s.phone)
    assert rep.shoppers == len(by_phone)
    assert rep.repeat_shoppers == sum(1 for n in by_phone.values() if n >= 2)


# --- funnel --------------------------------------------------------------------------------------------


def _day(day: str, **counts: int) -> dict[str, Any]:
    return {"day": day, "counts": counts}


def _funnel_rows(db: StoreDB) -> dict[tuple[str, str, str], int]:
    with db.read() as session:
        rows = session.execute(select(FunnelCount)).scalars()
        return {(r.device_id, r.day, r.step): r.sessions for r in rows}


def test_funnel_upsert_is_idempotent_and_the_latest_wins(store_db: StoreDB) -> None:
    a, b = _store(store_db)
    first = check_funnel([_day("2026-11-25", session=10, product_viewed=7, paid=2),
                          _day("2026-11-26", session=3)])
    for _ in range(2):
        with store_db.write() as session:
            fleet.record_funnel(session, a, first, NOW)
    rows = _funnel_rows(store_db)
    assert len(rows) == 4 and rows[(a, "2026-11-25", "session")] == 10
    later = check_funnel([_day("2026-11-26", session=5, product_viewed=4)])
    with store_db.write() as session:
        fleet.record_funnel(session, a, later, NOW + dt.timedelta(minutes=1))
        fleet.record_funnel(session, b, check_funnel([_day("2026-11-26", session=1)]), NOW)
    rows = _funnel_rows(store_db)
    assert rows[(a, "2026-11-26", "session")] == 5 and rows[(a, "2026-11-26", "product_viewed")] == 4
    assert rows[(a, "2026-11-25", "session")] == 10  # a day the heartbeat no longer repeats is kept
    with store_db.read() as session:
        summed = analytics.funnel(session, PERIOD)
        only_b = analytics.funnel(session, PERIOD, b)
        before = analytics.funnel(session, Period(dt.date(2026, 11, 1), dt.date(2026, 11, 25), TZ))
    assert summed == {"session": 16, "product_viewed": 11, "added_to_cart": 0, "qr_shown": 0, "paid": 2,
                      "receipt_printed": 0}
    assert only_b["session"] == 1 and sum(before.values()) == 0


@pytest.mark.parametrize(("funnel", "why"), [
    ({"day": "2026-11-26"}, "must be a list"),
    ([_day("2026-11-26", session=1)] * 2, "twice"),
    ([_day("26/11/2026", session=1)], "YYYY-MM-DD"),
    ([_day("2026-02-30", session=1)], "no date"),
    ([_day("２０２６-11-26", session=1)], "YYYY-MM-DD"),
    ([_day("2026-11-26", sessions=1)], "unknown step"),
    ([_day("2026-11-26", session=-1)], "whole number"),
    ([_day("2026-11-26", session=True)], "whole number"),
    ([_day("2026-11-26", session=1.5)], "whole number"),
    ([_day("2026-11-26", session=10**9)], "whole number"),
    ([{"day": "2026-11-26", "counts": {}, "extra": 1}], "exactly"),
    ([{"day": "2026-11-26", "counts": [1, 2]}], "counts"),
    ([_day((dt.date(2026, 1, 1) + dt.timedelta(days=i)).isoformat()) for i in range(32)], "at most 31"),
])
def test_malformed_funnels_are_refused(funnel: Any, why: str) -> None:
    with pytest.raises(FunnelError, match=why):
        check_funnel(funnel)


# --- the salt file -------------------------------------------------------------------------------------


def test_salt_file_is_made_once_owner_only_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "shopper-salt.key"
    salt = load_salt(path)
    assert len(salt) == 32 and load_salt(path) == salt
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert shopper_hash(salt, "138 0000 1234") == shopper_hash(salt, "+8613800001234") != ""
    assert shopper_hash(salt, "12") == shopper_hash(None, "13800001234") == ""


def test_a_damaged_salt_file_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "shopper-salt.key"
    path.write_bytes(b"short")
    with pytest.raises(SaltFileError, match="not 32"):
        load_salt(path)
    assert path.read_bytes() == b"short"


_OLD_ORDER = (  # an order as the store at revision 0001 stored it
    "INSERT INTO orders (order_uuid, device_id, device_seq, order_no, kind, payload, payload_hash, "
    "currency, total_minor, computed_total_minor, audit_flags, fulfilment, status, tracking_no, received_at, "
    "updated_at) "
    "VALUES (:u, :d, :s, :n, 'order.paid', :p, 'h', 'CNY', :t, :t, '', 'pickup', 'ACCEPTED', '', :r, :r)")


def test_orders_from_before_the_upgrade_get_their_hash_and_paid_time(store_url: str) -> None:
    db = StoreDB(store_url)
    try:
        with db.writer.begin() as conn:  # the schema as it was before the reports
            command.upgrade(alembic_config(conn), "0001")
        with db.write() as session:
            device = add_device(session, "K01")["device_id"]
        old = [Sale(0, _local(21, 9), [("D00001", 1)], phone="13800001234"),
               Sale(0, _local(22, 9), [("D00001", 1)])]
        payloads = [_payload(s) for s in old]
        with db.writer.begin() as conn:
            for seq, payload in enumerate(payloads, 1):
                conn.execute(text(_OLD_ORDER),
                    {"u": payload["order_uuid"], "d": device, "s": seq, "n": payload["order_no"],
                     "p": json.dumps(payload), "t": payload["total_minor"], "r": NOW})
        upgrade(db)
        with db.read() as session:
            pending = list(session.execute(select(StoreOrder.shopper_hash)).scalars())
        assert pending == ["?", "?"]
        assert backfill(db, SALT) == 2 and backfill(db, SALT) == 0
        with db.read() as session:
            rows = session.execute(select(StoreOrder.shopper_hash, StoreOrder.paid_at, StoreOrder.updated_at)
                                   .order_by(StoreOrder.device_seq)).all()
        assert [r[0] for r in rows] == [shopper_hash(SALT, "13800001234"), ""]
        assert all(r[1] == NOW and r[2] == NOW for r in rows)  # paid when received; otherwise untouched
    finally:
        db.close()
