"""The sync worker: one per data dir, pushes in the background, pulls the catalog, beats, reports."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.db.engine import Database
from kiosk.events import EventBus
from kiosk.orders import OrderBook
from kiosk.pii import PiiCipher
from kiosk.sync.client import SyncClient
from kiosk.sync.outbox import queue_stats
from kiosk.sync.protocol import Alert
from kiosk.sync.worker import SyncAlreadyRunning, SyncIntervals, SyncWorker
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.conftest import Recorder
from tests.unit.sync.fault_proxy import Fault, fault_proxy
from tests.unit.sync.helpers import FAST_BACKOFF, assert_exactly_once, make_client, store_alerts, store_orders
from tests.unit.sync.orders import CONTACT, book_paid_order, create_paid_orders

QUICK = SyncIntervals(push_s=0.05, catalog_s=60, heartbeat_s=60, error_pause_s=0.1)


def _until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_second_worker_on_the_same_data_dir_refuses(tmp_path: Path, db: Database, client: SyncClient,
                                                      bus: EventBus) -> None:
    first = SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=QUICK).start()
    try:
        with pytest.raises(SyncAlreadyRunning, match="sync worker is already running"):
            SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=QUICK).start()
    finally:
        first.stop()
    second = SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=QUICK).start()
    second.stop()  # free again once the first has stopped


def test_worker_pushes_pulls_and_beats_in_the_background(
        tmp_path: Path, db: Database, store: LiveStore, device: tuple[str, str], client: SyncClient,
        bus: EventBus, recorder: Recorder) -> None:
    worker = SyncWorker(tmp_path, db, client, events=bus, version="9.9", intervals=QUICK,
                        backoff=FAST_BACKOFF, device_statuses=lambda: {"printer": {"status": "READY"}})
    worker.start()
    try:
        _until(lambda: bool(recorder.of("sync.queue")))  # first round done: catalog and heartbeat too
        create_paid_orders(db, 30)
        worker.wake()
        _until(lambda: queue_stats(db).depth == 0)
        _until(lambda: any(e.data["depth"] == 0 and e.data["quarantined"] == 0
                           for e in recorder.of("sync.queue")))
    finally:
        worker.stop()
    assert not worker.running
    assert_exactly_once(db, store.db, device[0])
    assert recorder.of("sync.online")[0].data["online"] is True
    [row] = store.admin().get("/admin/api/fleet").json()
    assert (row["version"], row["printer"]["status"]) == ("9.9", "READY")


def test_revoked_worker_goes_quiet_and_alerts(tmp_path: Path, db: Database, store: LiveStore,
                                              device: tuple[str, str], client: SyncClient, bus: EventBus,
                                              recorder: Recorder) -> None:
    store.admin().post(f"/admin/api/devices/{device[0]}/revoke")
    create_paid_orders(db, 2)
    worker = SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=QUICK).start()
    try:
        _until(lambda: bool(recorder.of("sync.alert")))
        time.sleep(0.2)
    finally:
        worker.stop()
    assert [e.data["kind"] for e in recorder.of("sync.alert")] == ["device_revoked"]
    assert queue_stats(db).depth == 2


def test_housekeeping_runs_with_the_heartbeat(tmp_path: Path, db: Database, client: SyncClient,
                                              bus: EventBus) -> None:
    calls: list[float] = []
    intervals = SyncIntervals(push_s=0.05, catalog_s=60, heartbeat_s=0.1, error_pause_s=0.1)
    worker = SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=intervals,
                        housekeeping=lambda: calls.append(time.monotonic())).start()
    try:
        _until(lambda: len(calls) >= 3)
    finally:
        worker.stop()
    assert calls[-1] - calls[0] >= 0.15  # paced by the heartbeat interval, not a busy loop


def _counting(calls: list[str], name: str, job: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        calls.append(name)
        return job()
    return run


def test_a_push_that_keeps_failing_does_not_stop_pull_heartbeat_or_housekeeping(
        tmp_path: Path, db: Database, store: LiveStore, device: tuple[str, str], client: SyncClient,
        bus: EventBus, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    calls: list[str] = []

    def broken_push() -> None:
        calls.append("push")
        raise RuntimeError("a bug in the pusher")

    intervals = SyncIntervals(push_s=0.05, catalog_s=0.1, heartbeat_s=0.1, error_pause_s=0.05)
    worker = SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=intervals,
                        housekeeping=lambda: calls.append("housekeeping"))
    monkeypatch.setattr(worker.pusher, "push_batch", broken_push)
    monkeypatch.setattr(worker.puller, "pull", _counting(calls, "pull", worker.puller.pull))
    monkeypatch.setattr(worker.heartbeat, "send", _counting(calls, "beat", worker.heartbeat.send))
    worker.start()
    try:
        _until(lambda: all(calls.count(job) >= 3 for job in ("push", "pull", "beat", "housekeeping")))
    finally:
        worker.stop()
    [row] = store.admin().get("/admin/api/fleet").json()
    assert row["heartbeat_age_s"] is not None
    # the traceback is logged once, not every error pause all day long
    failures = [r for r in caplog.records
                if r.name == "kiosk.sync.worker" and "outbox push" in r.getMessage()]
    assert len(failures) >= 3 and [r.exc_info is not None for r in failures[:2]] == [True, False]


def test_a_failing_job_waits_the_error_pause_alone_the_others_keep_their_pace(
        tmp_path: Path, db: Database, store: LiveStore, device: tuple[str, str], client: SyncClient,
        bus: EventBus, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def broken_housekeeping() -> None:
        calls.append("housekeeping")
        raise RuntimeError("a bug in the purge")

    intervals = SyncIntervals(push_s=0.05, catalog_s=60, heartbeat_s=0.05, error_pause_s=0.05)
    worker = SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=intervals,
                        housekeeping=broken_housekeeping)
    monkeypatch.setattr(worker.puller, "pull", _counting(calls, "pull", worker.puller.pull))
    worker.start()
    try:
        _until(lambda: calls.count("housekeeping") >= 4)
        create_paid_orders(db, 3)
        worker.wake()
        _until(lambda: queue_stats(db).depth == 0)
    finally:
        worker.stop()
    # the catalog keeps its own interval: a broken purge does not make the kiosk pull it every few seconds
    assert calls.count("pull") == 1
    assert_exactly_once(db, store.db, device[0])


def test_alerts_raised_while_the_store_missed_them_arrive_with_a_later_heartbeat(
        tmp_path: Path, db: Database, store: LiveStore, device: tuple[str, str], bus: EventBus) -> None:
    """A row the kiosk's key no longer opens is quarantined while the store answers 503 to its alert, and
    start-up found something the store must hear: both reach the fleet view with a later heartbeat."""
    lost = book_paid_order(OrderBook(db, PiiCipher.from_key_file(tmp_path / "old.key"), "K01"), CONTACT)
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "new.key"), "K01")
    later = book_paid_order(book, CONTACT)
    startup: Alert = {"alert_id": "pii-key-missing", "kind": "pii.key_missing", "severity": "critical",
                      "message": "a new PII key was made over stored contact details"}
    intervals = SyncIntervals(push_s=0.05, catalog_s=60, heartbeat_s=0.1, error_pause_s=0.1)
    port = int(store.base_url.rsplit(":", 1)[1])
    with fault_proxy(port) as proxy, make_client(proxy.url, device) as client:
        proxy.script(Fault.ERROR_503)  # the first request out: the quarantined row's alert
        worker = SyncWorker(tmp_path, db, client, events=bus, version="t", intervals=intervals,
                            decode_payload=book.decode_payload, startup_alerts=[startup]).start()
        try:
            _until(lambda: bool(store_alerts(store.db, device[0], "outbox.quarantined")
                                and store_alerts(store.db, device[0], "pii.key_missing")))
            _until(lambda: queue_stats(db).depth == 0)
        finally:
            worker.stop()
    [quarantined] = store_alerts(store.db, device[0], "outbox.quarantined")
    assert quarantined.order_uuid == lost and "does not decrypt" in quarantined.message
    assert [u for u, _ in store_orders(store.db, device[0])] == [later]
    assert worker.heartbeat.pending_alerts() == []
