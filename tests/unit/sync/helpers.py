"""Shared pieces of the sync tests: clients with test timeouts and the exactly-once check."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from cloudstore.db import StoreDB
from cloudstore.models import Device, DeviceAlert, StoreOrder
from kiosk.db.engine import Database
from kiosk.db.models import Order, OrderState, OutboxRow, OutboxState
from kiosk.sync.client import StoreEndpoint, SyncClient, Timeouts
from kiosk.sync.outbox import BackoffPolicy
from tests.unit.sync.orders import kiosk_orders

# Generous: no test here depends on a timeout firing, and a shared 2-core CI machine once took over 1 s
# to answer one catalog page.
TEST_TIMEOUTS = Timeouts(connect_s=5.0, read_s=10.0, write_s=5.0, pool_s=5.0)
FAST_BACKOFF = BackoffPolicy(base_s=0.005, cap_s=0.05, max_retry_after_s=2.0)


def make_client(base_url: str, device: tuple[str, str], *, timeouts: Timeouts = TEST_TIMEOUTS) -> SyncClient:
    device_id, secret = device
    return SyncClient(StoreEndpoint(base_url, device_id, secret), timeouts=timeouts)


def store_orders(store_db: StoreDB, device_id: str) -> list[tuple[str, int]]:
    with store_db.read() as session:
        return [(u, s) for u, s in session.execute(
            select(StoreOrder.order_uuid, StoreOrder.device_seq).where(StoreOrder.device_id == device_id))]


def store_alerts(store_db: StoreDB, device_id: str, kind: str) -> list[DeviceAlert]:
    """The alerts of one kind the store holds for a device, oldest first (detached, fields loaded)."""
    with store_db.read() as session:
        rows = list(session.scalars(select(DeviceAlert).where(DeviceAlert.device_id == device_id,
                                                              DeviceAlert.kind == kind)
                                    .order_by(DeviceAlert.id)))
        session.expunge_all()
        return rows


def assert_exactly_once(kiosk_db: Database, store_db: StoreDB, device_id: str) -> None:
    """Store orders == kiosk orders, each once, seq contiguous; every kiosk row SENT, orders SYNCED."""
    local = kiosk_orders(kiosk_db)
    remote = store_orders(store_db, device_id)
    counts = Counter(u for u, _ in remote)
    assert [u for u, c in counts.items() if c > 1] == []
    assert dict(remote) == local
    assert sorted(s for _, s in remote) == list(range(1, len(local) + 1))
    with store_db.read() as session:
        device = session.get(Device, device_id)
        assert device is not None
        assert (device.contiguous_seq, device.max_seq) == (len(local), len(local))
    with kiosk_db.read() as session:
        states = Counter(session.scalars(select(OutboxRow.state)))
        orders = Counter(session.scalars(select(Order.state)))
    assert states == Counter({OutboxState.SENT: len(local)}) if local else not states
    assert orders == Counter({OrderState.SYNCED: len(local)}) if local else not orders
