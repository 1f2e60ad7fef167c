"""The outbox pusher against the real store: order, idempotency, quarantine, splitting, revocation,
clock resync, Retry-After and backoff."""

from __future__ import annotations

import json
import random
import time

import pytest
from sqlalchemy import select, update

from kiosk.db.engine import Database
from kiosk.db.models import Order, OrderState, OutboxRow, OutboxState
from kiosk.events import EventBus
from kiosk.sync.client import SyncClient
from kiosk.sync.outbox import BackoffPolicy, OutboxPusher, PushStatus, queue_stats
from kiosk.sync.protocol import canonical_json, payload_hash
from tests.unit.cloudstore.harness import LiveStore, free_socket, pg_base_url, postgres_schema, running_store
from tests.unit.sync.conftest import Recorder
from tests.unit.sync.fault_proxy import Fault, fault_proxy
from tests.unit.sync.helpers import FAST_BACKOFF, assert_exactly_once, make_client, store_orders
from tests.unit.sync.orders import create_paid_orders


def _pusher(db: Database, client: SyncClient, bus: EventBus | None = None, **kwargs: object) -> OutboxPusher:
    return OutboxPusher(db, client, events=bus, backoff=FAST_BACKOFF, rng=random.Random(1),
                        **kwargs)  # type: ignore[arg-type]


def _rows(db: Database) -> dict[int, OutboxRow]:
    with db.read() as session:
        rows = {r.device_seq: r for r in session.scalars(select(OutboxRow))}
        session.expunge_all()  # keep the loaded values past the read's rollback
        return rows


def test_drains_in_seq_order_in_batches_and_marks_orders_synced(
        db: Database, store: LiveStore, device: tuple[str, str], client: SyncClient, bus: EventBus,
        recorder: Recorder) -> None:
    create_paid_orders(db, 250)
    assert queue_stats(db).depth == 250
    report = _pusher(db, client, bus).drain()
    assert (report.sent, report.batches, report.retries, report.remaining) == (250, 3, 0, 0)
    assert [e.data["sent"] for e in recorder.of("sync.pushed")] == [100, 100, 50]
    assert_exactly_once(db, store.db, device[0])
    assert queue_stats(db).depth == 0


def test_a_lost_answer_is_resent_and_lands_once(db: Database, store: LiveStore, device: tuple[str, str],
                                                client: SyncClient) -> None:
    create_paid_orders(db, 5)
    _pusher(db, client).drain()
    with db.write() as session:  # as if the answer never came back: everything is PENDING again
        session.execute(update(OutboxRow).values(state=OutboxState.PENDING))
        session.execute(update(Order).values(state=OrderState.PAID))
    outcome = _pusher(db, client).push_batch()
    assert (outcome.status, outcome.sent) == (PushStatus.DELIVERED, 5)
    assert_exactly_once(db, store.db, device[0])


def test_rejected_row_is_quarantined_with_its_reason_never_dropped(
        db: Database, store: LiveStore, device: tuple[str, str], client: SyncClient, recorder: Recorder,
        bus: EventBus) -> None:
    [(order_uuid, seq)] = create_paid_orders(db, 1)
    _pusher(db, client).drain()
    with db.write() as session:  # the same order re-sent with another payload: the store keeps the first
        row = session.scalars(select(OutboxRow)).one()
        changed = {**json.loads(row.payload), "order_no": "K01-CHANGED"}
        row.payload, row.payload_hash = canonical_json(changed).decode(), payload_hash(changed)
        row.state = OutboxState.PENDING
    outcome = _pusher(db, client, bus).push_batch()
    assert (outcome.status, outcome.sent, outcome.quarantined) == (PushStatus.DELIVERED, 0, 1)
    kept = _rows(db)[seq]
    assert kept.state == OutboxState.QUARANTINED
    assert "another payload" in kept.last_error
    assert recorder.of("sync.quarantined")[0].data["where"] == "store"
    assert queue_stats(db).quarantined == 1
    assert store_orders(store.db, device[0]) == [(order_uuid, seq)]


def test_poison_row_is_isolated_by_splitting_and_the_rest_delivered(
        db: Database, store: LiveStore, device: tuple[str, str], client: SyncClient, recorder: Recorder,
        bus: EventBus) -> None:
    created = create_paid_orders(db, 10)
    with db.write() as session:  # longer than the store allows: the whole batch answers 400
        session.execute(update(OutboxRow).where(OutboxRow.device_seq == 7).values(order_uuid="x" * 65))
    outcome = _pusher(db, client, bus).push_batch()
    assert (outcome.status, outcome.sent, outcome.quarantined) == (PushStatus.DELIVERED, 9, 1)
    rows = _rows(db)
    assert rows[7].state == OutboxState.QUARANTINED
    assert "400" in rows[7].last_error
    assert all(rows[s].state == OutboxState.SENT for s in rows if s != 7)
    assert sorted(s for _, s in store_orders(store.db, device[0])) == [s for _, s in created if s != 7]
    [event] = recorder.of("sync.quarantined")
    assert event.data["device_seq"] == 7 and event.data["where"] == "kiosk"
    # the store was told why this device's seq has a hole
    alerts = store.admin().get("/admin/api/fleet").json()
    assert any(a["kind"] == "outbox.quarantined" for d in alerts for a in d["open_alerts"]), alerts


def test_revoked_device_stops_pushing_and_raises_an_alert(
        db: Database, store: LiveStore, device: tuple[str, str], client: SyncClient, recorder: Recorder,
        bus: EventBus) -> None:
    create_paid_orders(db, 2)
    pusher = _pusher(db, client, bus)
    pusher.drain()
    assert store.admin().post(f"/admin/api/devices/{device[0]}/revoke").status_code == 200
    create_paid_orders(db, 3)
    outcome = pusher.push_batch()
    assert outcome.status == PushStatus.REVOKED
    [alert] = recorder.of("sync.alert")
    assert (alert.data["kind"], alert.data["severity"]) == ("device_revoked", "critical")
    assert pusher.drain().revoked
    assert len(recorder.of("sync.alert")) == 1  # raised once, and no request went out again
    assert queue_stats(db).depth == 3  # kept, not dropped
    assert len(store_orders(store.db, device[0])) == 2


def test_a_wrong_clock_is_corrected_from_the_date_header(db: Database, store: LiveStore,
                                                         device: tuple[str, str]) -> None:
    create_paid_orders(db, 3)
    from kiosk.sync.client import StoreEndpoint

    skewed = SyncClient(StoreEndpoint(store.base_url, *device), clock=lambda: time.time() - 3600)
    with skewed:
        outcome = _pusher(db, skewed).push_batch()
        assert (outcome.status, outcome.sent) == (PushStatus.DELIVERED, 3)
        assert abs(skewed.offset_s - 3600) < 3


def test_retry_after_is_honoured(db: Database, store: LiveStore, device: tuple[str, str]) -> None:
    create_paid_orders(db, 4)
    port = int(store.base_url.rsplit(":", 1)[1])
    with fault_proxy(port, retry_after="1") as proxy, make_client(proxy.url, device) as client:
        proxy.script(Fault.ERROR_429, Fault.ERROR_503, Fault.ERROR_500)
        pusher = _pusher(db, client)
        first = pusher.push_batch()
        assert first.status == PushStatus.RETRY and 1.0 <= first.retry_in_s <= 2.0
        assert "429" in first.error
        started = time.monotonic()
        report = pusher.drain()
        assert report.retries == 2 and report.sent == 4
        assert time.monotonic() - started >= 1.0  # the 503's Retry-After, then a short jittered wait
    assert_exactly_once(db, store.db, device[0])
    assert _rows(db)[1].attempts >= 3


def test_network_down_keeps_rows_pending_and_backs_off(db: Database, device: tuple[str, str]) -> None:
    create_paid_orders(db, 2)
    sock = free_socket()  # bound, never listening: connections are refused
    try:
        with make_client(f"http://127.0.0.1:{sock.getsockname()[1]}", device) as client:
            pusher = _pusher(db, client)
            delays = [pusher.push_batch() for _ in range(4)]
    finally:
        sock.close()
    assert all(d.status == PushStatus.RETRY and "network" in d.error for d in delays)
    rows = _rows(db)
    assert all(r.state == OutboxState.PENDING and r.attempts == 4 and r.last_error for r in rows.values())


def test_full_jitter_backoff_is_capped_and_respects_retry_after() -> None:
    policy = BackoffPolicy(base_s=0.5, cap_s=8.0, max_retry_after_s=30.0)
    rng = random.Random(7)
    for failures in range(1, 12):
        ceiling = min(8.0, 0.5 * 2 ** (failures - 1))
        samples = [policy.delay_s(failures, rng) for _ in range(200)]
        assert all(0 <= s <= ceiling for s in samples)
        assert max(samples) > ceiling * 0.8  # full jitter spreads over the whole range
    assert policy.delay_s(1, rng, retry_after=12) >= 12
    assert policy.delay_s(1, rng, retry_after=3600) == 30.0


def test_a_duplicated_answer_read_by_the_next_request_is_not_believed(
        db: Database, store: LiveStore, device: tuple[str, str]) -> None:
    create_paid_orders(db, 40)
    port = int(store.base_url.rsplit(":", 1)[1])
    with fault_proxy(port) as proxy, make_client(proxy.url, device) as client:
        # an answer twice on the keep-alive connection, then a request that never reaches the store:
        # believing the stale copy as its answer would lose that batch
        proxy.script(*[Fault.DUPLICATE, Fault.DROP_REQUEST] * 3)
        report = _pusher(db, client, batch_size=10).drain()
    assert report.sent == 40
    assert "response does not match the batch" in report.errors
    assert_exactly_once(db, store.db, device[0])


@pytest.mark.postgres
def test_drains_into_a_postgres_store_through_faults(db: Database) -> None:
    create_paid_orders(db, 120)
    with postgres_schema(pg_base_url()) as url, running_store(url) as pg_store:
        device = pg_store.add_device("K01")
        with fault_proxy(int(pg_store.base_url.rsplit(":", 1)[1]), seed=3) as proxy, \
                make_client(proxy.url, device) as client:
            proxy.script(Fault.DROP_RESPONSE, Fault.ERROR_AFTER_COMMIT, Fault.RESET, Fault.DUPLICATE)
            report = _pusher(db, client, batch_size=25).drain()
        assert report.remaining == 0 and report.retries >= 3
        assert_exactly_once(db, pg_store.db, device[0])
