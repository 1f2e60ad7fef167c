"""A paid order goes to the real store with its contact decrypted only for the request."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cloudstore.models import StoreOrder
from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment, Order, OrderState
from kiosk.orders import CartLine, Contact, OrderBook, PaymentRecord
from kiosk.pii import PiiCipher
from kiosk.sync.client import SyncClient
from kiosk.sync.outbox import OutboxPusher
from tests.unit.cloudstore.harness import LiveStore


def test_paid_order_reaches_the_store_with_contact_and_audit_clean(
        db: Database, tmp_path: Path, store: LiveStore, client: SyncClient) -> None:
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K01")
    lines = [CartLine("D00001", "经典可乐", "Classic Cola", 350, 2),
             CartLine("D00042", "红烧牛肉面", "Beef Noodles", 590, 1)]
    contact = Contact("李四", "13900001111", "北京市海淀区")
    order = book.create_pending(lines, fulfilment=Fulfilment.DELIVERY, contact=contact, shipping_minor=1000)
    book.mark_paid(order.order_uuid, PaymentRecord("alipay", "pay-9", "ALI9"))

    report = OutboxPusher(db, client, decode_payload=book.decode_payload).drain()
    assert (report.sent, report.quarantined) == (1, 0)
    with store.db.read() as session:
        stored = session.scalars(select(StoreOrder)).one()
        assert stored.order_uuid == order.order_uuid
        assert stored.payload["contact"]["phone"] == "13900001111"
        assert stored.payload["total_minor"] == 2290
        assert stored.audit_flags == ""  # the store's own arithmetic agrees with the kiosk's
    with db.read() as session:
        state = session.scalar(select(Order.state).where(Order.order_uuid == order.order_uuid))
    assert state == OrderState.SYNCED
