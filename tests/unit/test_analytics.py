"""The merchant's figures against an order and event history built through the real order book and
recorder on a real SQLite file: sales, hours, days, categories, top products, AOV, repeat shoppers,
the funnel, and the CSV files."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.analytics import (
    SALE_STATES,
    Period,
    build_report,
    export_csv,
    normalised_phone,
    read_csv,
    shopper_hash,
)
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.db.models import Category, Order, OrderState, Product
from kiosk.orders import CartLine, Contact, OrderBook, PaymentRecord
from kiosk.pii import PiiCipher, secret_file
from kiosk.session_events import Event, SessionEvents, funnel_of
from kiosk.sync.protocol import FUNNEL_STEPS

TZ = ZoneInfo("Asia/Shanghai")
DAY0 = dt.date(2026, 12, 1)
PHONES = ("13800000001", "+86 138-0000-0002", "13800000003")
S = OrderState


def add_catalog(db: Database) -> list[CartLine]:
    """Two categories, three products; cart lines for each."""
    with db.write() as session:
        drinks = Category(code="drinks", name_zh="饮料", name_en="Drinks")
        snacks = Category(code="snacks", name_zh="零食", name_en="Snacks")
        session.add_all([drinks, snacks])
        session.flush()
        rows = [Product(sku="D1", category_id=drinks.id, name_zh="可乐", name_en="Cola", price_minor=350,
                        stock=999),
                Product(sku="D2", category_id=drinks.id, name_zh="绿茶", name_en="Green tea", price_minor=400,
                        stock=999),
                Product(sku="S1", category_id=snacks.id, name_zh="薯片", name_en="Crisps", price_minor=790,
                        stock=999)]
        session.add_all(rows)
        session.flush()
        return [CartLine(sku=p.sku, name_zh=p.name_zh, name_en=p.name_en, unit_price_minor=p.price_minor,
                         quantity=1, product_id=p.id) for p in rows]


class History:
    """Orders made through the order book at chosen times and ended in chosen states."""

    def __init__(self, db: Database, key_dir: Path, salt: bytes = b"salt" * 8) -> None:
        self.db = db
        self.now = dt.datetime(2026, 1, 1)
        self.book = OrderBook(db, PiiCipher.from_key_file(key_dir / "pii.key"), "K01", clock=lambda: self.now,
                              timezone=TZ, shopper_salt=salt)
        self.products = add_catalog(db)
        self._payments = 0

    def order(self, at: dt.datetime, items: list[tuple[int, int]], state: OrderState = S.PAID,
              phone: str = "") -> Order:
        """`items`: (product index, quantity); `at`: the store's local time of creation and payment."""
        self.now = at.replace(tzinfo=TZ).astimezone(dt.UTC).replace(tzinfo=None)
        lines = [CartLine(**{**self.products[i].__dict__, "quantity": q}) for i, q in items]
        order = self.book.create_pending(lines, contact=Contact(phone=phone) if phone else None)
        uuid = order.order_uuid
        self._payments += 1
        paid = PaymentRecord("wechat", f"pay-{self._payments}")
        if state in (S.PAID, S.SYNCED):
            self.book.mark_paid(uuid, paid)
        if state is S.SYNCED:
            with self.db.write() as session:
                stored = session.scalar(select(Order).where(Order.order_uuid == uuid))
                assert stored is not None
                self.book._move(session, stored, S.SYNCED)
        if state is S.PAID_ORPHAN:
            self.book.cancel(uuid)
            self.book.mark_paid(uuid, paid)
        if state is S.CANCELLED:
            self.book.cancel(uuid)
        if state is S.PAYMENT_FAILED:
            self.book.mark_payment_failed(uuid)
        if state is S.PAYMENT_UNKNOWN:
            self.book.mark_payment_unknown(uuid)
        got = self.book.get(uuid)
        assert got.state is state
        return got


@pytest.fixture
def history(db: Database, tmp_path: Path) -> History:
    return History(db, tmp_path)


def local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY0 + dt.timedelta(days=day), dt.time(hour, minute))


def test_a_constructed_week_gives_the_figures_by_hand(history: History, db: Database, tmp_path: Path) -> None:
    h = history
    # day 0: a repeat shopper twice (the same phone typed two ways), a stranger; day 2 late at night
    h.order(local(0, 9, 15), [(0, 2)], phone=PHONES[0])  # 700
    h.order(local(0, 9, 50), [(2, 1), (1, 1)], phone="+86 13800000001")  # 1190
    h.order(local(0, 13), [(1, 3)], S.SYNCED, phone=PHONES[1])  # 1200
    h.order(local(2, 23, 59), [(2, 2)], S.PAID_ORPHAN)  # 1580: paid after the shopper left, still a sale
    # not sales: cancelled, failed, unknown; and a paid order the day after the period
    h.order(local(1, 10), [(0, 9)], S.CANCELLED, phone=PHONES[2])
    h.order(local(1, 11), [(0, 9)], S.PAYMENT_FAILED)
    h.order(local(1, 12), [(0, 9)], S.PAYMENT_UNKNOWN)
    h.order(local(3, 0, 1), [(0, 9)])

    report = build_report(db, Period(DAY0, DAY0 + dt.timedelta(days=3)), TZ, language="en_US")
    assert (report.sales_minor, report.orders, report.aov_minor) == (4670, 4, 4670 // 4)
    assert report.by_hour[9] == 1890 and report.by_hour[13] == 1200 and report.by_hour[23] == 1580
    assert report.orders_by_hour[9] == 2 and sum(report.orders_by_hour) == 4
    assert report.by_day == [(DAY0, 3090, 3), (DAY0 + dt.timedelta(days=1), 0, 0),
                             (DAY0 + dt.timedelta(days=2), 1580, 1)]
    assert [(c.name, c.quantity, c.revenue_minor) for c in report.by_category] == [
        ("Snacks", 3, 2370), ("Drinks", 6, 2300)]
    assert [(p.sku, p.name, p.quantity, p.revenue_minor) for p in report.top_products] == [
        ("D2", "Green tea", 4, 1600), ("S1", "Crisps", 3, 2370), ("D1", "Cola", 2, 700)]
    assert (report.shoppers, report.repeat_shoppers, report.repeat_share) == (2, 1, 0.5)
    assert report.money(report.aov_minor) == "CN¥11.67"
    zh = build_report(db, Period(DAY0, DAY0 + dt.timedelta(days=3)), TZ, language="zh_CN")
    assert [c.name for c in zh.by_category] == ["零食", "饮料"] and zh.money(4670) == "¥46.70"

    # the CSV files: the period in their names, a BOM, Chinese intact, sums that match
    (tmp_path / "stick").mkdir()
    written = export_csv(zh, tmp_path / "stick", "K01")
    names = sorted(p.name for p in written)
    assert names == sorted(f"K01-{t}_2026-12-01_2026-12-03.csv" for t in (
        "summary", "sales_by_hour", "sales_by_day", "sales_by_category", "top_products", "funnel"))
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in written)
    by_name = {p.name.split("_2026")[0].removeprefix("K01-"): read_csv(p) for p in written}
    assert sum(float(r[2]) for r in by_name["sales_by_hour"][1:]) == pytest.approx(46.70)
    assert sum(float(r[2]) for r in by_name["sales_by_day"][1:]) == pytest.approx(46.70)
    assert by_name["sales_by_category"][1] == ["零食", "3", "23.70"]
    assert ["sales_CNY", "46.70"] in by_name["summary"]


def test_the_shopper_hash_is_keyed_by_the_salt_and_never_the_number(history: History, db: Database,
                                                                    tmp_path: Path) -> None:
    salt = secret_file(tmp_path / "shopper.salt", "shopper-hash salt")
    assert salt == secret_file(tmp_path / "shopper.salt", "shopper-hash salt") and len(salt) == 32
    assert normalised_phone("+86 138-0000-0002") == "13800000002"
    same = shopper_hash(salt, "13800000002")
    assert same == shopper_hash(salt, "+86 138 0000 0002") and len(same) == 64
    assert same != shopper_hash(salt, "13800000003")
    assert same != shopper_hash(secret_file(tmp_path / "other.salt", "shopper-hash salt"), "13800000002")
    assert shopper_hash(salt, "") == "" and shopper_hash(b"", "13800000002") == ""

    order = history.order(local(0, 10), [(0, 1)], phone="13800000002")
    plain = history.order(local(0, 11), [(0, 1)])
    assert order.shopper_hash == shopper_hash(b"salt" * 8, "13800000002") and plain.shopper_hash == ""
    with db.read() as session:  # the number is nowhere in the column
        column = list(session.scalars(select(Order.shopper_hash)))
    assert sorted(column) == ["", order.shopper_hash]
    assert all(value == "" or (len(value) == 64 and int(value, 16) >= 0) for value in column)
    assert not any("13800000002" in value for value in column)
    # the contact details go after their retention; the hash stays for the report
    with db.write() as session:
        stored = session.scalar(select(Order).where(Order.id == order.id))
        assert stored is not None
        stored.state = S.SYNCED
    history.now += dt.timedelta(days=400)
    assert history.book.purge_contact_details(dt.timedelta(days=30)) >= 1
    purged = history.book.get(order.order_uuid)
    assert purged.contact_phone_enc is None and purged.shopper_hash == order.shopper_hash


# --- the properties ---------------------------------------------------------------------------------

_ORDER = st.tuples(
    st.integers(0, 6),  # day
    st.integers(0, 23),  # hour
    st.lists(st.tuples(st.integers(0, 2), st.integers(1, 4)), min_size=1, max_size=3,
             unique_by=lambda t: t[0]),
    st.sampled_from(list(S)),
    st.sampled_from(("", *PHONES)),
)
_SESSION = st.tuples(st.integers(0, 6), st.integers(0, 23), st.sets(st.sampled_from(FUNNEL_STEPS)))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database file, copied for each example (a migration per example is slow)."""
    path = tmp_path_factory.mktemp("template") / "kiosk.sqlite3"
    database = Database(path)
    upgrade(database)
    database.close()
    return path


@contextmanager
def copied(template: Path) -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kiosk.sqlite3"
        shutil.copyfile(template, path)
        database = Database(path)
        try:
            yield database
        finally:
            database.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(orders=st.lists(_ORDER, max_size=12), sessions=st.lists(_SESSION, max_size=15),
       span=st.integers(1, 7))
def test_totals_add_up_and_the_funnel_never_grows(template: Path, orders: list, sessions: list,
                                                  span: int) -> None:
    with copied(template) as db:
        h = History(db, db.path.parent)
        made = [h.order(local(day, hour), items, state, phone) for day, hour, items, state, phone in orders]
        recorder = SessionEvents(db)
        events: list[Event] = []
        for i, (day, hour, steps) in enumerate(sessions):
            at = local(day, hour).replace(tzinfo=TZ).astimezone(dt.UTC).replace(tzinfo=None)
            # each step a minute apart, in a shuffled order: the funnel must not care
            events += [Event(at + dt.timedelta(minutes=k), f"s{i:031d}", step, "")
                       for k, step in enumerate(sorted(steps, reverse=bool(i % 2)))]
        assert recorder.write(events)

        period = Period(DAY0, DAY0 + dt.timedelta(days=span))
        report = build_report(db, period, TZ)
        sold = [o for o, (day, *_rest) in zip(made, orders, strict=True)
                if o.state.value in SALE_STATES and day < span]
        assert report.sales_minor == sum(o.total_minor for o in sold)
        assert report.orders == len(sold)
        assert sum(report.by_hour) == report.sales_minor == sum(s for _, s, _ in report.by_day)
        assert sum(n for _, _, n in report.by_day) == report.orders == sum(report.orders_by_hour)
        assert [day for day, _, _ in report.by_day] == period.days
        assert report.aov_minor == (report.sales_minor // report.orders if report.orders else 0)
        goods = sum(o.subtotal_minor for o in sold)
        assert sum(c.revenue_minor for c in report.by_category) == goods
        # repeat shoppers, counted here from the phones themselves
        phones = Counter(normalised_phone(phone) for (day, _h, _i, state, phone) in orders
                         if phone and state.value in SALE_STATES and day < span)
        assert report.shoppers == len(phones)
        assert report.repeat_shoppers == sum(1 for n in phones.values() if n >= 2)

        counts = [report.funnel[step] for step in FUNNEL_STEPS]
        assert all(a >= b for a, b in itertools.pairwise(counts))  # never grows from one step to the next
        in_period = [steps for day, _h, steps in sessions if day < span]
        assert counts[0] == sum(1 for steps in in_period if "session" in steps)
        assert report.funnel == funnel_of(in_period)
        for k, step in enumerate(FUNNEL_STEPS):  # a session counts at a step only if it reached it
            assert report.funnel[step] <= sum(1 for steps in in_period if step in steps)
            assert report.funnel[step] == sum(1 for steps in in_period if set(FUNNEL_STEPS[:k + 1]) <= steps)
