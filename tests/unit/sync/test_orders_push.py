"""A paid order goes to the real store with its contact decrypted only for the request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from cloudstore import pii as store_pii
from cloudstore.models import StoreOrder
from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment, Order, OrderState, OutboxRow, OutboxState
from kiosk.events import EventBus
from kiosk.orders import CartLine, OrderBook, PaymentRecord
from kiosk.pii import PiiCipher
from kiosk.sync.client import SyncClient
from kiosk.sync.outbox import OutboxPusher
from kiosk.sync.payments import PaymentClient
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.conftest import Recorder
from tests.unit.sync.helpers import store_alerts
from tests.unit.sync.orders import CONTACT, book_paid_order


def test_paid_order_reaches_the_store_with_contact_and_audit_clean(
        db: Database, tmp_path: Path, store: LiveStore, client: SyncClient) -> None:
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K01")
    lines = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2),
             CartLine("D00042", "红烧牛肉面", "Beef Noodles", 590, 1)]
    contact = CONTACT
    order = book.create_pending(lines, fulfilment=Fulfilment.DELIVERY, contact=contact, shipping_minor=1000)
    payment = PaymentClient(client).create(order.order_uuid, order.total_minor, order.currency, "alipay")
    assert httpx.post(f"{payment['code_url']}/pay").status_code == 303  # the shopper's phone pays
    paid = PaymentClient(client).query(payment["payment_id"])
    book.mark_paid(order.order_uuid, PaymentRecord("alipay", paid["payment_id"], paid["reference"]))

    report = OutboxPusher(db, client, decode_payload=book.decode_payload).drain()
    assert (report.sent, report.quarantined) == (1, 0)
    with store.db.read() as session:
        stored = session.scalars(select(StoreOrder)).one()
        assert stored.order_uuid == order.order_uuid
        # the store keeps the contact sealed: clear only through its key
        assert "13900001111" not in str(stored.payload)
        assert store_pii.contact(session, stored.order_uuid, stored.payload)["phone"] == "13900001111"
        assert stored.payload["total_minor"] == 2290
        # the store's own arithmetic agrees with the kiosk's, and so does its payment
        assert stored.audit_flags == ""
    with db.read() as session:
        state = session.scalar(select(Order.state).where(Order.order_uuid == order.order_uuid))
    assert state == OrderState.SYNCED


def test_rows_the_key_no_longer_opens_are_quarantined_and_later_orders_still_push(
        db: Database, tmp_path: Path, store: LiveStore, client: SyncClient, device: tuple[str, str],
        bus: EventBus, recorder: Recorder) -> None:
    contact = CONTACT
    old_book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "old.key"), "K01")
    lost = [book_paid_order(old_book, contact), book_paid_order(old_book, contact)]
    plain = book_paid_order(old_book)  # no contact, nothing encrypted: still readable
    # the key file is gone: the kiosk starts with a new key, and the stored contact details no longer open
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "new.key"), "K01")
    later = book_paid_order(book, contact)

    report = OutboxPusher(db, client, events=bus, decode_payload=book.decode_payload).drain()
    assert (report.sent, report.quarantined, report.remaining) == (2, 2, 0)
    with db.read() as session:
        rows = {r.order_uuid: (r.state, r.last_error) for r in session.scalars(select(OutboxRow))}
        states = {u: s for u, s in session.execute(select(Order.order_uuid, Order.state))}
    assert [rows[u][0] for u in lost] == [OutboxState.QUARANTINED] * 2
    assert all("does not decrypt" in rows[u][1] for u in lost)
    assert [states[u] for u in lost] == [OrderState.PAID] * 2  # kept, for staff: never dropped
    assert (states[plain], states[later]) == (OrderState.SYNCED, OrderState.SYNCED)
    with store.db.read() as session:
        ingested = {u: p for u, p in session.execute(select(StoreOrder.order_uuid, StoreOrder.payload))}
        assert set(ingested) == {plain, later}
        assert store_pii.contact(session, later, ingested[later])["phone"] == "13900001111"
    assert sorted(e.data["order_uuid"] for e in recorder.of("sync.quarantined")) == sorted(lost)
    alerts = store_alerts(store.db, device[0], "outbox.quarantined")
    assert sorted(a.order_uuid for a in alerts) == sorted(lost)
    assert all(a.state == "open" and "does not decrypt" in a.message for a in alerts)


@pytest.mark.parametrize("damage", [
    lambda p: p.replace('"contact_enc":{"', '"contact_enc":{"x":"not base64!","'),
    lambda p: p.replace('"order_uuid":', '"order_id":'),
    lambda p: p[:-1],
], ids=["bad-base64", "no-order-uuid", "cut-short"])
def test_a_stored_payload_that_does_not_decode_is_quarantined_not_raised(
        db: Database, tmp_path: Path, store: LiveStore, client: SyncClient,
        damage: Callable[[str], str]) -> None:
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K01")
    bad = book_paid_order(book, CONTACT)
    good = book_paid_order(book)
    with db.write() as session:
        row = session.scalars(select(OutboxRow).where(OutboxRow.order_uuid == bad)).one()
        row.payload = damage(row.payload)
    report = OutboxPusher(db, client, decode_payload=book.decode_payload).drain()
    assert (report.sent, report.quarantined, report.remaining) == (1, 1, 0)
    with store.db.read() as session:
        assert session.scalars(select(StoreOrder.order_uuid)).all() == [good]
