"""The sync worker (one thread: outbox push, catalog pull, heartbeat).

Exactly one sync worker may run per data dir: it holds an exclusive lock on `<data dir>/sync.lock`
(released by the OS if the process dies), so two pushers can never race over one outbox. Payment
polling (kiosk.sync.payments) runs in its own short-lived thread per payment, so a shopper's QR never
waits behind a large push. Everything reports through the EventBus (topics below); nothing here knows
about Qt.

    sync.queue        depth, oldest_pending_age_s, quarantined      (after every push round)
    sync.pushed       sent, quarantined                              (a batch was answered)
    sync.backoff      retry_in_s, error, failures
    sync.quarantined  device_seq, order_uuid, reason, where
    sync.alert        kind, severity, message                        (e.g. device_revoked)
    sync.catalog      cursor, upserts, deletes, snapshot
    sync.online       online, error                                  (on change only)
    sync.done         job ("push" | "pull"), tickets, ok, error, and the job's counts
                      (the push or pull asked for with `push_now` / `pull_now`, whose tickets these
                      are, has run)

`status()` tells the technician's sync page what the worker last saw (no I/O, safe from any thread).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from kiosk.db.engine import Database
from kiosk.errors import AlreadyRunningError
from kiosk.events import EventBus
from kiosk.instance_lock import InstanceLock
from kiosk.sync.catalog_pull import CatalogPuller, CatalogPullError, PullResult
from kiosk.sync.client import SyncClient
from kiosk.sync.heartbeat import DeviceStatuses, HeartbeatSender
from kiosk.sync.outbox import BackoffPolicy, OutboxPusher, PushOutcome, PushStatus, queue_stats
from kiosk.sync.protocol import Alert

log = logging.getLogger(__name__)

LOCK_NAME = "sync.lock"
_REVOKED_CODES = (403, 410)


class SyncAlreadyRunning(AlreadyRunningError):
    """Another sync worker holds this data dir."""


def sync_lock(data_dir: Path) -> InstanceLock:
    return InstanceLock(data_dir / LOCK_NAME, "a sync worker", SyncAlreadyRunning)


@dataclass(frozen=True)
class SyncIntervals:
    push_s: float = 5.0  # re-check of the outbox when idle; `wake()` pushes a new order at once
    catalog_s: float = 300.0
    heartbeat_s: float = 30.0
    error_pause_s: float = 5.0  # after an unexpected failure, so a bug cannot spin the CPU


@dataclass(frozen=True)
class JobRecord:
    """How a push round or a catalog pull last ended."""

    at: dt.datetime  # UTC, naive like every stored time
    ok: bool
    error: str = ""


@dataclass(frozen=True)
class WorkerStatus:
    """What the worker last saw of the store; read without I/O."""

    running: bool
    online: bool | None  # None: no answer (or no failure) yet
    link_error: str  # why the store was last unreachable
    link_since: dt.datetime | None  # when `online` last changed (UTC, naive)
    offset_s: float  # seconds to add to the kiosk's clock to get the store's (from its Date header)
    revoked: bool
    last_push: JobRecord | None
    last_pull: JobRecord | None
    pushing: bool  # a push asked for with push_now has not run yet
    pulling: bool
    # why the store's certificate was last refused (kiosk.sync.client.TLS_*); "" when it was not
    tls_problem: str = ""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SyncWorker:
    """Build it in the composition root, `start()` it, call `wake()` after an order is paid."""

    def __init__(self, data_dir: Path, db: Database, client: SyncClient, *, events: EventBus,
                 version: str, device_statuses: DeviceStatuses = dict,
                 intervals: SyncIntervals | None = None, backoff: BackoffPolicy | None = None,
                 decode_payload: Callable[[str], dict[str, Any]] = json.loads,
                 housekeeping: Callable[[], object] | None = None,
                 startup_alerts: Sequence[Alert] = ()) -> None:
        """`startup_alerts`: what start-up found that the store must hear (e.g. a PII key made anew over
        stored personal data); sent with the first heartbeat, and again until the store takes them."""
        self.data_dir = data_dir
        self.events = events
        self.intervals = intervals or SyncIntervals()
        self.db = db
        self.heartbeat = HeartbeatSender(db, client, version=version, device_statuses=device_statuses,
                                         alerts=startup_alerts)
        self.pusher = OutboxPusher(db, client, events=events, backoff=backoff, decode_payload=decode_payload,
                                   raise_alert=self.heartbeat.raise_alert)
        self.puller = CatalogPuller(db, client, events=events)
        self._lock = sync_lock(data_dir)
        self.housekeeping = housekeeping  # e.g. purging old contact details, at heartbeat cadence
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._online: bool | None = None
        self._failing: dict[str, str] = {}  # job → the error it last failed with
        self._state_lock = threading.Lock()  # the fields below are read by status() on other threads
        self._requested: dict[str, list[int]] = {}  # job → tickets of push_now / pull_now not yet run
        self._taken: dict[str, list[int]] = {}  # the requests the loop is running now
        self._tickets = 0
        self._link_error = ""
        self._link_since: dt.datetime | None = None
        self._last_push: JobRecord | None = None
        self._last_pull: JobRecord | None = None
        self._round = PushOutcome(PushStatus.IDLE)  # the last push round, summed over its batches
        self._pull_counts: dict[str, Any] = {}  # the last pull's counts, for `sync.done`

    def start(self) -> SyncWorker:
        """Take the data dir's sync lock (SyncAlreadyRunning if held) and start the thread."""
        if self._thread is not None:
            raise RuntimeError("sync worker already started")
        self._lock.acquire()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        """Push soon (a new order is in the outbox); a backoff in progress is still honoured."""
        self._wake.set()

    def push_now(self) -> int:
        """Push the outbox and send a heartbeat at once, a backoff in progress or not (the technician's
        "sync now"). Returns a ticket: the `sync.done` event (job "push") whose tickets hold it says how
        it went (requests made before the worker gets to them share one answer)."""
        return self._request("push")

    def pull_now(self) -> int:
        """Pull the catalog at once; returns a ticket, answered like `push_now`'s."""
        return self._request("pull")

    def _request(self, job: str) -> int:
        with self._state_lock:
            self._tickets += 1
            self._requested.setdefault(job, []).append(self._tickets)
            ticket = self._tickets
        self._wake.set()
        return ticket

    def status(self) -> WorkerStatus:
        with self._state_lock:
            return WorkerStatus(running=self.running, online=self._online, link_error=self._link_error,
                                link_since=self._link_since, offset_s=self.pusher.client.offset_s,
                                revoked=self.pusher.revoked, last_push=self._last_push,
                                last_pull=self._last_pull,
                                pushing="push" in self._requested or "push" in self._taken,
                                pulling="pull" in self._requested or "pull" in self._taken,
                                tls_problem=self.pusher.client.tls_problem)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("sync worker did not stop within %.0f s", timeout)
            self._thread = None
        self._lock.release()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- the loop ------------------------------------------------------------------------------------

    def _run(self) -> None:
        """Each job keeps its own pace; one that raises is logged and tried again after the error pause,
        alone: a row or a bug that breaks the push never stops the heartbeat, the catalog pull or the
        housekeeping (and a broken purge does not make the kiosk pull the catalog every few seconds)."""
        now = time.monotonic()
        due = {"push": now, "pull": now, "beat": now,
               "housekeeping": now if self.housekeeping is not None else float("inf")}
        backing_off = False
        while not self._stop.is_set():
            woken = self._wake.is_set()
            self._wake.clear()  # before taking the requests: one made after this wakes the next wait
            with self._state_lock:
                requested, self._requested = self._requested, {}
                self._taken = requested
            if woken and not backing_off:
                due["push"] = time.monotonic()
            if self.pusher.revoked:
                due = dict.fromkeys(due, float("inf"))
            if "push" in requested:  # asked for by a person: now, backoff or not
                due["push"] = due["beat"] = time.monotonic()
            if "pull" in requested:
                due["pull"] = time.monotonic()
            if time.monotonic() >= due["push"]:
                try:
                    delay, backing_off = self._push_round()
                    self._recovered("outbox push")
                except Exception as exc:
                    self._failed("outbox push", exc)
                    delay, backing_off = self.intervals.error_pause_s, False
                    self._round = PushOutcome(PushStatus.RETRY, error=f"{type(exc).__name__}: {exc}")
                due["push"] = time.monotonic() + delay
            if time.monotonic() >= due["pull"]:
                due["pull"] = self._job("catalog pull", self._pull, self.intervals.catalog_s)
            if time.monotonic() >= due["beat"]:
                due["beat"] = self._job("heartbeat", self._beat, self.intervals.heartbeat_s)
            self._answer(requested)
            if self.housekeeping is not None and time.monotonic() >= due["housekeeping"]:
                due["housekeeping"] = self._job("housekeeping", self.housekeeping, self.intervals.heartbeat_s)
            wait = min(due.values()) - time.monotonic()
            if wait > 0:
                self._wake.wait(min(wait, 3600.0))

    def _answer(self, requested: dict[str, list[int]]) -> None:
        """Tell whoever asked for a push or a pull how it went (both have just run)."""
        if not requested:
            return
        with self._state_lock:
            self._taken = {}
        if "push" in requested:
            outcome = self._round
            # nothing to send is fine while the store answers (the heartbeat that ran with it says)
            ok = outcome.status == PushStatus.DELIVERED or (outcome.status == PushStatus.IDLE
                                                            and self._online is not False)
            self.events.publish("sync.done", job="push", tickets=requested["push"], ok=ok,
                                status=outcome.status.value,
                                error=outcome.error or (self._link_error if not ok else ""),
                                sent=outcome.sent, quarantined=outcome.quarantined,
                                remaining=queue_stats(self.db).depth)
        if "pull" in requested:
            record = self._last_pull
            self.events.publish("sync.done", job="pull", tickets=requested["pull"],
                                ok=record is not None and record.ok,
                                error=record.error if record is not None else "not run",
                                **self._pull_counts)

    def _job(self, name: str, job: Callable[[], object], interval_s: float) -> float:
        """Run one job; returns when it is due again."""
        try:
            job()
        except Exception as exc:
            self._failed(name, exc)
            if name == "catalog pull":
                self._pulled(None, f"{type(exc).__name__}: {exc}")
            return time.monotonic() + self.intervals.error_pause_s
        self._recovered(name)
        return time.monotonic() + interval_s

    def _failed(self, name: str, exc: Exception) -> None:
        # the traceback once; while the same error repeats (every error pause, all day) one line each time
        error = f"{type(exc).__name__}: {exc}"
        if self._failing.get(name) == error:
            log.warning("sync worker: %s failed again (%s); trying again in %.0f s", name, error,
                        self.intervals.error_pause_s)
        else:
            log.exception("sync worker: %s failed; trying again in %.0f s", name,
                          self.intervals.error_pause_s)
        self._failing[name] = error

    def _recovered(self, name: str) -> None:
        if self._failing.pop(name, None) is not None:
            log.info("sync worker: %s works again", name)

    def _push_round(self) -> tuple[float, bool]:
        """Push until the outbox is empty or a batch must wait; returns (delay, backing off)."""
        delay, backing_off = self.intervals.push_s, False
        total = PushOutcome(PushStatus.IDLE)
        while not self._stop.is_set():
            outcome = self.pusher.push_batch()
            total = PushOutcome(outcome.status if outcome.status != PushStatus.IDLE else total.status,
                                total.sent + outcome.sent, total.quarantined + outcome.quarantined,
                                outcome.retry_in_s, outcome.error or total.error)
            if outcome.status == PushStatus.DELIVERED:
                self._set_online(True)
                continue
            if outcome.status == PushStatus.RETRY:
                delay, backing_off = outcome.retry_in_s, True
                self._set_online(False, outcome.error)
            elif outcome.status == PushStatus.REVOKED:
                delay = float("inf")
            break
        self._round = total
        if total.status != PushStatus.IDLE:
            with self._state_lock:
                self._last_push = JobRecord(_utcnow(), total.status == PushStatus.DELIVERED, total.error)
        stats = queue_stats(self.db)
        self.events.publish("sync.queue", depth=stats.depth, oldest_pending_age_s=stats.oldest_pending_age_s,
                            quarantined=stats.quarantined)
        return delay, backing_off

    def _pull(self) -> None:
        try:
            result = self.puller.pull()
        except httpx.TransportError as exc:
            self._set_online(False, f"catalog: {exc}")
            self._pulled(None, f"network: {type(exc).__name__}: {exc}")
            return
        except CatalogPullError as exc:
            log.warning("catalog pull failed: %s", exc)
            if exc.status_code in _REVOKED_CODES:
                self.pusher.mark_revoked(str(exc))
            self._pulled(None, str(exc))
            return
        self._set_online(True)
        self._pulled(result)

    def _pulled(self, result: PullResult | None, error: str = "") -> None:
        self._pull_counts = ({"upserts": result.upserts, "deletes": result.deletes,
                              "not_modified": result.not_modified, "cursor": result.cursor}
                             if result is not None else {})
        with self._state_lock:
            self._last_pull = JobRecord(_utcnow(), result is not None, error)

    def _beat(self) -> None:
        try:
            self.heartbeat.send()
            self._set_online(True)
            self.heartbeat.deliver_alerts()
        except httpx.HTTPStatusError as exc:
            code = exc.response.status_code
            if code in _REVOKED_CODES:
                self.pusher.mark_revoked(f"heartbeat: HTTP {code}")
            else:
                log.warning("heartbeat refused: HTTP %d", code)
        except httpx.TransportError as exc:
            self._set_online(False, f"heartbeat: {exc}")

    def _set_online(self, online: bool, error: str = "") -> None:
        if online != self._online:
            with self._state_lock:
                self._online, self._link_error, self._link_since = online, error, _utcnow()
            self.events.publish("sync.online", online=online, error=error)

