"""Orders: created before the QR, paid in one transaction with a gap-free outbox row, PII encrypted."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select

from kiosk.db.engine import Database
from kiosk.db.models import AuditEntry, Category, Fulfilment, Order, OrderState, OutboxRow, Product, Setting
from kiosk.orders import CartLine, Contact, InvalidTransition, OrderBook, OrderError, PaymentRecord
from kiosk.pii import PiiCipher
from kiosk.sync.protocol import payload_hash

COLA = CartLine(sku="D00001", name_zh="经典可乐", name_en="Classic Cola", unit_price_minor=350, quantity=2)
NOODLES = CartLine(sku="D00042", name_zh="红烧牛肉面", name_en="Beef Noodles", unit_price_minor=590,
                   quantity=1)
ZHANG = Contact(name="张三", phone="13812345678", address="上海市浦东新区世纪大道100号")
WECHAT = PaymentRecord(method="wechat", payment_id="pay-1", reference="WX42")


@pytest.fixture
def book(db: Database, tmp_path: Path) -> OrderBook:
    clock = iter(dt.datetime(2026, 11, 26, 9, 0) + dt.timedelta(seconds=i) for i in range(10_000))
    return OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K03", clock=lambda: next(clock))


def test_pending_order_is_committed_with_totals_and_a_typeable_number(book: OrderBook, db: Database) -> None:
    first = book.create_pending([COLA, NOODLES], fulfilment=Fulfilment.DELIVERY, shipping_minor=1000)
    second = book.create_pending([COLA])
    assert (first.order_no, second.order_no) == ("K03-1126-0001", "K03-1126-0002")
    with db.read() as session:
        stored = session.scalar(select(Order).where(Order.order_uuid == first.order_uuid))
        assert stored is not None and stored.state == OrderState.PENDING_PAYMENT
        assert (stored.subtotal_minor, stored.shipping_minor, stored.total_minor) == (1290, 1000, 2290)
        assert [line.line_total_minor for line in stored.lines] == [700, 590]


def test_contact_is_encrypted_at_rest_and_masked(book: OrderBook, db: Database) -> None:
    order = book.create_pending([COLA], contact=ZHANG)
    book.mark_paid(order.order_uuid, WECHAT)
    raw = db.path.read_bytes() + Path(f"{db.path}-wal").read_bytes()
    for secret in (ZHANG.phone, ZHANG.name, ZHANG.address):
        assert secret.encode() not in raw
    with db.read() as session:
        stored = session.scalar(select(Order).where(Order.order_uuid == order.order_uuid))
        assert stored is not None and stored.phone_masked == "138****5678"
        assert book.contact(stored) == ZHANG


def test_paid_is_one_transaction_with_a_gap_free_outbox_row(book: OrderBook, db: Database) -> None:
    orders = [book.create_pending([COLA], contact=ZHANG) for _ in range(3)]
    book.mark_paid(orders[2].order_uuid, PaymentRecord("alipay", "pay-2"))
    book.mark_paid(orders[0].order_uuid, WECHAT)
    with db.read() as session:
        rows = session.scalars(select(OutboxRow).order_by(OutboxRow.device_seq)).all()
        assert [(r.device_seq, r.order_uuid) for r in rows] == [
            (1, orders[2].order_uuid), (2, orders[0].order_uuid)]
        paid = session.scalar(select(Order).where(Order.order_uuid == orders[0].order_uuid))
        assert paid is not None and paid.state == OrderState.PAID and paid.receipt_no == "RK0300000002"
        assert paid.payments[0].payment_id == "pay-1"


def test_stored_payload_holds_ciphertext_and_decodes_to_the_hashed_wire_payload(
        book: OrderBook, db: Database) -> None:
    order = book.create_pending([COLA, NOODLES], contact=ZHANG)
    book.mark_paid(order.order_uuid, WECHAT)
    with db.read() as session:
        stored, stored_hash = session.execute(select(OutboxRow.payload, OutboxRow.payload_hash)).one()
    assert ZHANG.phone not in stored and "contact_enc" in stored
    wire = book.decode_payload(stored)
    assert wire["contact"] == {"name": ZHANG.name, "phone": ZHANG.phone, "address": ZHANG.address}
    assert payload_hash(wire) == stored_hash
    assert [line["line_total_minor"] for line in wire["lines"]] == [700, 590]
    assert wire["payment"] == {"payment_id": "pay-1", "method": "wechat", "amount_minor": 1290,
                               "reference": "WX42"}


def test_a_repeated_payment_notification_records_nothing_twice(book: OrderBook, db: Database) -> None:
    order = book.create_pending([COLA])
    book.mark_paid(order.order_uuid, WECHAT)
    book.mark_paid(order.order_uuid, WECHAT)
    with db.read() as session:
        assert len(session.scalars(select(OutboxRow)).all()) == 1


def test_payment_after_cancel_is_kept_as_an_orphan_for_staff(book: OrderBook, db: Database) -> None:
    order = book.create_pending([COLA])
    book.cancel(order.order_uuid)
    paid = book.mark_paid(order.order_uuid, WECHAT)
    assert paid.state == OrderState.PAID_ORPHAN
    with db.read() as session:
        assert session.scalars(select(OutboxRow.order_uuid)).all() == [order.order_uuid]
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.subject == order.order_uuid))
        assert list(actions) == ["order.created", "order.cancelled", "order.paid_orphan"]


def test_unknown_payment_is_reconciled_later_and_bad_moves_are_refused(book: OrderBook) -> None:
    order = book.create_pending([COLA])
    book.mark_payment_unknown(order.order_uuid)
    assert book.unresolved() == [order.order_uuid]
    book.mark_paid(order.order_uuid, WECHAT)
    assert book.unresolved() == []
    with pytest.raises(InvalidTransition, match="PAID cannot become CANCELLED"):
        book.cancel(order.order_uuid)


@pytest.mark.parametrize("lines", [[], [CartLine("X", "x", "x", 100, 0)], [CartLine("X", "x", "x", -1, 1)]])
def test_bad_carts_are_refused_and_nothing_is_written(book: OrderBook, db: Database,
                                                      lines: list[CartLine]) -> None:
    with pytest.raises(OrderError):
        book.create_pending(lines)
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,)


def test_contact_details_are_purged_after_sync_and_retention(book: OrderBook, db: Database) -> None:
    kept, purged, unsynced = (book.create_pending([COLA], contact=ZHANG) for _ in range(3))
    for order in (kept, purged, unsynced):
        book.mark_paid(order.order_uuid, PaymentRecord("wechat", f"pay-{order.order_no}"))
    with db.write() as session:  # the store acknowledged two of them; one was paid long ago
        for order in session.scalars(select(Order).where(Order.order_uuid.in_([kept.order_uuid,
                                                                                purged.order_uuid]))):
            order.state = OrderState.SYNCED
            if order.order_uuid == purged.order_uuid:
                order.paid_at = dt.datetime(2026, 10, 1)
    assert book.purge_contact_details(dt.timedelta(days=30)) == 1
    assert book.purge_contact_details(dt.timedelta(days=30)) == 0  # once only
    with db.read() as session:
        rows = {o.order_uuid: o for o in session.scalars(select(Order))}
        assert rows[purged.order_uuid].contact_phone_enc is None
        assert rows[purged.order_uuid].phone_masked == "138****5678"  # still there for look-ups
        assert rows[kept.order_uuid].contact_phone_enc is not None
        assert rows[unsynced.order_uuid].contact_phone_enc is not None  # not yet at the store: kept
        payloads = dict(session.execute(select(OutboxRow.order_uuid, OutboxRow.payload)).all())
    assert "contact_enc" not in payloads[purged.order_uuid]
    assert "contact_enc" in payloads[kept.order_uuid]


def test_order_numbers_never_repeat_when_the_year_turns(db: Database, tmp_path: Path) -> None:
    now = [dt.datetime(2026, 11, 26, 2, 0)]  # UTC; 10:00 in the store
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K03", clock=lambda: now[0])
    first_year = [book.create_pending([COLA]).order_no for _ in range(3)]
    now[0] = dt.datetime(2027, 11, 26, 2, 0)
    next_year = [book.create_pending([COLA]).order_no for _ in range(2)]
    assert first_year == ["K03-1126-0001", "K03-1126-0002", "K03-1126-0003"]
    assert len(set(first_year + next_year)) == 5
    assert all(number.startswith("K03-1126-") for number in next_year)


def test_the_order_number_carries_the_store_s_day_not_utc(db: Database, tmp_path: Path) -> None:
    now = [dt.datetime(2026, 11, 26, 15, 30)]  # UTC: 23:30 on the 26th in Shanghai
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K03", clock=lambda: now[0],
                     timezone=ZoneInfo("Asia/Shanghai"))
    assert book.create_pending([COLA]).order_no == "K03-1126-0001"
    now[0] = dt.datetime(2026, 11, 26, 16, 30)  # still the 26th in UTC, already the 27th in the store
    assert book.create_pending([COLA]).order_no == "K03-1127-0001"


def test_a_count_kept_per_year_before_runs_on_after_its_highest_number(db: Database, tmp_path: Path) -> None:
    cipher = PiiCipher.from_key_file(tmp_path / "pii.key")
    now = [dt.datetime(2026, 11, 26, 2, 0)]
    book = OrderBook(db, cipher, "K03", clock=lambda: now[0])
    book.create_pending([COLA])
    book.create_pending([COLA])
    with db.write() as session:  # as an earlier version left it: its counter keyed by the year
        session.execute(delete(Setting).where(Setting.key.startswith("order_count:")))
        session.add(Setting(key="order_count:20261126", value="2"))
    now[0] = dt.datetime(2027, 11, 26, 2, 0)
    assert book.create_pending([COLA]).order_no == "K03-1126-0003"


@pytest.mark.parametrize(("fulfilment", "lines", "shown"), [
    (Fulfilment.PICKUP, [COLA], 800),  # pickup is free
    (Fulfilment.DELIVERY, [COLA], 0),  # 7.00 of goods: delivery costs 10.00
    (Fulfilment.DELIVERY, [CartLine("X1", "礼盒", "Gift box", 9900, 1)], 1000),  # free from 99.00
])
def test_a_fee_other_than_the_rule_is_never_charged(book: OrderBook, fulfilment: Fulfilment,
                                                  lines: list[CartLine], shown: int) -> None:
    with pytest.raises(OrderError, match="fee"):
        book.create_pending(lines, fulfilment=fulfilment, contact=ZHANG, shipping_minor=shown)


def test_a_paid_order_takes_its_goods_from_local_stock_once(book: OrderBook, db: Database) -> None:
    with db.write() as session:
        category = Category(code="drinks", name_zh="饮料", name_en="Drinks")
        session.add_all([category, Product(sku="D00001", category=category, name_zh="经典可乐",
                                           name_en="Classic Cola", price_minor=350, stock=3)])
    order = book.create_pending([COLA])  # 2 of them
    book.mark_paid(order.order_uuid, WECHAT)
    book.mark_paid(order.order_uuid, WECHAT)  # a repeated notification takes nothing more

    def stock() -> int:
        with db.read() as session:
            return int(session.scalar(select(Product.stock).where(Product.sku == "D00001")) or 0)

    assert stock() == 1
    last_two = book.create_pending([COLA])
    book.mark_paid(last_two.order_uuid, PaymentRecord("wechat", "pay-2"))
    assert stock() == 0  # never below nothing: the order is paid, the shelf is empty


def test_a_product_the_catalog_dropped_after_the_cart_check_still_makes_an_order(book: OrderBook,
                                                                                  db: Database) -> None:
    with db.write() as session:
        category = Category(code="drinks", name_zh="饮料", name_en="Drinks")
        cola = Product(sku="D00001", category=category, name_zh="经典可乐", name_en="Classic Cola",
                       price_minor=350, stock=3)
        session.add_all([category, cola])
        session.flush()
        product_id = cola.id
    with db.write() as session:  # a catalog pull deletes it between the shopper's confirm and the order
        session.delete(session.get(Product, product_id))
    order = book.create_pending([replace(COLA, product_id=product_id)])
    assert [(line.sku, line.product_id, line.quantity) for line in order.lines] == [("D00001", None, 2)]
