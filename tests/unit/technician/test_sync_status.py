"""The technician's sync status and the actions on quarantined outbox rows, against the real store on
loopback: a conflicting order is quarantined with its reason, exported without clear personal data,
retried with its own device_seq, and sent once the store's conflict is gone; the worker's "sync now" and
"pull catalog now" run on the one worker and say how they went."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from cloudstore.models import StoreOrder
from kiosk.audit import AuditLog
from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment, Order, OrderState, OutboxRow, OutboxState
from kiosk.events import EventBus
from kiosk.orders import CartLine, OrderBook, PaymentRecord
from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.outbox import OutboxPusher
from kiosk.sync.protocol import ORDER_PAID_KIND, payload_hash
from kiosk.sync.worker import SyncIntervals, SyncWorker
from kiosk.technician import sync_status
from kiosk.technician.sync_status import RowGone
from tests.unit.cloudstore.harness import LiveStore, free_socket, order_payload
from tests.unit.sync.conftest import Recorder
from tests.unit.sync.helpers import FAST_BACKOFF, make_client
from tests.unit.sync.orders import CONTACT, book_paid_order, create_paid_orders

SLOW = SyncIntervals(push_s=60, catalog_s=60, heartbeat_s=60, error_pause_s=0.1)  # only when asked


@pytest.fixture
def device(store: LiveStore) -> tuple[str, str]:
    return store.add_device("K01")


@pytest.fixture
def client(store: LiveStore, device: tuple[str, str]) -> Iterator[SyncClient]:
    with make_client(store.base_url, device) as sync_client:
        yield sync_client


@pytest.fixture
def bus() -> EventBus:
    return EventBus()


@pytest.fixture
def recorder(bus: EventBus) -> Recorder:
    return Recorder(bus)


def _until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _state(db: Database, row_id: int) -> tuple[OutboxState, int, int, str]:
    with db.read() as session:
        row = session.get(OutboxRow, row_id)
        assert row is not None
        return row.state, row.attempts, row.device_seq, row.last_error


def _plant_conflict(client: SyncClient, order_uuid: str, seq: int) -> None:
    """The store receives this device's seq `seq` as the same order with other contents first."""
    other = order_payload(order_uuid, qty=5)
    response = client.post("/v1/orders:batch", json_body={"items": [
        {"device_seq": seq, "order_uuid": order_uuid, "kind": ORDER_PAID_KIND, "payload": other,
         "payload_hash": payload_hash(other)}]})
    assert response.json()["results"][0]["status"] == "created", response.text


def test_a_conflicting_order_is_shown_exported_sealed_retried_and_sent(
        db: Database, book: OrderBook, store: LiveStore, device: tuple[str, str], client: SyncClient,
        tmp_path: Path) -> None:
    book_paid_order(book)  # pickup, pushed as usual
    pusher = OutboxPusher(db, client, backoff=FAST_BACKOFF, decode_payload=book.decode_payload)
    assert pusher.drain().sent == 1
    order = book.create_pending([CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)],
                                fulfilment=Fulfilment.DELIVERY, contact=CONTACT, shipping_minor=1000)
    _plant_conflict(client, order.order_uuid, seq=2)  # what the kiosk will send as seq 2
    book.mark_paid(order.order_uuid, PaymentRecord("wechat", f"pay-{order.order_uuid}", "WX2"))
    report = pusher.drain()
    assert (report.sent, report.quarantined) == (0, 1)

    snap = sync_status.snapshot(db, None)
    assert (snap.configured, snap.depth, snap.quarantined) == (False, 0, 1)
    [row] = snap.rows
    assert (row.order_uuid, row.order_no, row.device_seq) == (order.order_uuid, order.order_no, 2)
    assert row.kind == sync_status.CONFLICT_PAYLOAD
    assert "another payload" in row.detail
    assert snap.last_sent_at is not None  # the first order

    usb = tmp_path / "usb"
    usb.mkdir()
    path, exported = sync_status.export_row(db, row.row_id, usb)
    assert path.parent == usb and exported.order_uuid == order.order_uuid
    text = path.read_text(encoding="utf-8")
    for plain in (CONTACT.name, CONTACT.phone, CONTACT.address, CONTACT.phone[-8:]):
        assert plain not in text
    document = json.loads(text)
    assert document["order_uuid"] == order.order_uuid and document["device_seq"] == 2
    assert document["error"]["kind"] == sync_status.CONFLICT_PAYLOAD
    assert set(document["payload"]["contact_enc"]) == {"name", "phone", "address"}
    assert "contact" not in document["payload"]
    assert [p.name for p in usb.iterdir()] == [path.name]  # no temporary file left behind

    retried = sync_status.retry(db, row.row_id)
    assert retried.order_uuid == order.order_uuid
    assert _state(db, row.row_id) == (OutboxState.PENDING, 0, 2, "")
    with pytest.raises(RowGone):
        sync_status.retry(db, row.row_id)  # a second tap finds nothing left to retry
    with store.db.write() as session:  # the merchant removed the conflicting record
        session.execute(delete(StoreOrder).where(StoreOrder.order_uuid == order.order_uuid))
    assert pusher.drain().sent == 1
    assert _state(db, row.row_id)[:3] == (OutboxState.SENT, 1, 2)
    with store.db.read() as session:
        assert session.scalar(select(StoreOrder.total_minor)
                              .where(StoreOrder.order_uuid == order.order_uuid)) == order.total_minor
    assert book.get(order.order_uuid).state is OrderState.SYNCED
    assert sync_status.snapshot(db, None).rows == []


def test_a_retried_row_the_store_already_has_is_a_duplicate(
        db: Database, book: OrderBook, client: SyncClient) -> None:
    order_uuid = book_paid_order(book)
    pusher = OutboxPusher(db, client, backoff=FAST_BACKOFF, decode_payload=book.decode_payload)
    assert pusher.drain().sent == 1
    with db.write() as session:  # quarantined by the kiosk after all (e.g. a store bug answered 400)
        session.execute(update(OutboxRow).values(state=OutboxState.QUARANTINED, attempts=3,
                                                 last_error='store refused the row: 400: {"detail": "x"}'))
    [row] = sync_status.quarantined_rows(db)
    assert (row.kind, row.detail) == (sync_status.INVALID, "store refused the row: 400")
    sync_status.retry(db, row.row_id)
    report = pusher.drain()
    assert (report.sent, report.quarantined) == (1, 0)  # "duplicate": the store had it
    assert _state(db, row.row_id)[0] is OutboxState.SENT
    with db.read() as session:
        assert session.scalar(select(Order.state).where(Order.order_uuid == order_uuid)) is OrderState.SYNCED


def test_a_row_not_quarantined_cannot_be_retried_or_exported(db: Database, tmp_path: Path) -> None:
    [(_uuid, _seq)] = create_paid_orders(db, 1)
    with db.read() as session:
        row_id = session.scalar(select(OutboxRow.id))
    assert row_id is not None
    with pytest.raises(RowGone):
        sync_status.retry(db, row_id)
    with pytest.raises(RowGone):
        sync_status.export_row(db, row_id, tmp_path)
    assert _state(db, row_id)[0] is OutboxState.PENDING


@pytest.mark.parametrize(("raw", "kind"), [
    ("order_uuid already received with another payload", sync_status.CONFLICT_PAYLOAD),
    ("device_seq already used by order 1234", sync_status.CONFLICT_SEQ),
    ("order_uuid already received as dev_x seq 4", sync_status.CONFLICT_ELSEWHERE),
    ("payload_hash does not match the payload", sync_status.DAMAGED),
    ("unreadable payload: PiiError: contact does not decrypt", sync_status.UNDECRYPTABLE),
    ("unreadable payload: JSONDecodeError: x", sync_status.UNREADABLE),
    ("invalid payload: lines.0.sku: String should have at most 32 characters", sync_status.INVALID),
    ("something new", sync_status.REFUSED),
])
def test_each_store_reason_has_its_plain_kind(raw: str, kind: str) -> None:
    assert sync_status.error_kind(raw) == kind


def test_sync_now_and_pull_now_run_on_the_worker_and_say_how_it_went(
        tmp_path: Path, db: Database, book: OrderBook, client: SyncClient, bus: EventBus,
        recorder: Recorder) -> None:
    worker = SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=SLOW, backoff=FAST_BACKOFF,
                        decode_payload=book.decode_payload).start()
    try:
        _until(lambda: worker.status().last_pull is not None)  # the first round at start
        for _ in range(3):
            book_paid_order(book)
        assert sync_status.snapshot(db, worker).depth == 3  # the worker waits a minute between looks
        ticket = worker.push_now()
        _until(lambda: bool(recorder.of("sync.done")))
        [done] = recorder.of("sync.done")
        assert {k: done.data[k] for k in ("job", "tickets", "ok", "sent", "quarantined", "remaining")} == {
            "job": "push", "tickets": [ticket], "ok": True, "sent": 3, "quarantined": 0, "remaining": 0}
        assert worker.pull_now() > ticket
        _until(lambda: len(recorder.of("sync.done")) == 2)
        pulled = recorder.of("sync.done")[1].data
        assert (pulled["job"], pulled["ok"], pulled["error"]) == ("pull", True, "")
        status = worker.status()
        assert status.online is True and status.link_since is not None
        assert status.last_push is not None and status.last_push.ok
        assert not (status.pushing or status.pulling)
        snap = sync_status.snapshot(db, worker, AuditLog(db))
        assert (snap.configured, snap.depth, snap.catalog_cursor) == (True, 0, pulled["cursor"])
        assert snap.last_sent_at is not None
    finally:
        worker.stop()


def test_sync_now_against_a_store_that_is_gone_says_so(tmp_path: Path, db: Database, book: OrderBook,
                                                      bus: EventBus, recorder: Recorder) -> None:
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here
    gone = make_client(f"http://127.0.0.1:{port}", ("dev", "secret"))
    worker = SyncWorker(tmp_path, db, gone, events=bus, version="t", intervals=SLOW, backoff=FAST_BACKOFF,
                        decode_payload=book.decode_payload).start()
    try:
        _until(lambda: worker.status().online is False)
        book_paid_order(book)
        worker.push_now()
        _until(lambda: bool(recorder.of("sync.done")))
        [done] = recorder.of("sync.done")
        assert (done.data["job"], done.data["ok"], done.data["remaining"]) == ("push", False, 1)
        assert "network" in done.data["error"]
        worker.pull_now()
        _until(lambda: len(recorder.of("sync.done")) == 2)
        assert recorder.of("sync.done")[1].data["ok"] is False
        status = worker.status()
        assert status.online is False and status.link_error and status.link_since is not None
        assert status.last_pull is not None and not status.last_pull.ok
    finally:
        worker.stop()
        gone.close()


def test_the_status_tells_the_clock_offset_learnt_from_the_store(
        tmp_path: Path, db: Database, store: LiveStore, device: tuple[str, str], bus: EventBus) -> None:
    """A kiosk clock two minutes slow: the store's Date header teaches the worker the offset."""
    device_id, secret = device
    slow = SyncClient(StoreEndpoint(store.base_url, device_id, secret), clock=lambda: time.time() - 120)
    worker = SyncWorker(tmp_path, db, slow, events=bus, version="t", intervals=SLOW).start()
    try:
        _until(lambda: worker.status().last_pull is not None)
        assert 117 <= worker.status().offset_s <= 123
        assert worker.status().last_pull.ok  # type: ignore[union-attr]
    finally:
        worker.stop()
        slow.close()
