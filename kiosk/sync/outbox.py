"""The outbox pusher: PENDING outbox rows to `POST /v1/orders:batch`, exactly once on the store's side.

Rows go in `device_seq` order, at most 100 to a batch. The store answers per item, and the local
state follows that answer in one write transaction: created or duplicate → SENT (and the order
SYNCED), rejected → QUARANTINED with the reason kept; nothing is ever deleted. Whatever the network
did, an unanswered batch stays PENDING and is sent again: the store's UNIQUE keys turn the repeat
into `duplicate`. A row whose stored payload cannot be decoded (damaged, or its contact sealed with a
PII key the kiosk no longer has) is quarantined on the kiosk with an alert before the batch goes out:
it never holds back the rows after it. Status codes follow DESIGN "Sync contract":

    200        per-item results (checked against the batch: a stray response is not believed)
    400 / 413  split the batch in halves until the poison row stands alone, then quarantine it
    401        resync the clock from the response's Date and sign again
    403 / 410  the device is revoked: stop pushing and raise an alert
    408 / 429 / 5xx / network   full-jitter capped backoff, never shorter than Retry-After
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.db.engine import Database
from kiosk.db.models import Order, OrderState, OutboxRow, OutboxState, utcnow
from kiosk.events import EventBus
from kiosk.sync.client import SyncClient, retry_after_s
from kiosk.sync.protocol import MAX_BATCH_ITEMS, ORDER_PAID_KIND, Alert, ItemStatus

log = logging.getLogger(__name__)

BATCH_PATH = "/v1/orders:batch"
_SPLIT_STATUSES = frozenset({400, 413})
_REVOKED_STATUSES = frozenset({403, 410})
_ERROR_CHARS = 500


@dataclass(frozen=True)
class BackoffPolicy:
    """Full jitter: a uniform delay in [0, min(cap, base · 2^(failures-1))]."""

    base_s: float = 0.5
    cap_s: float = 60.0
    max_retry_after_s: float = 900.0  # a store asking for more is capped: we still want to try

    def delay_s(self, failures: int, rng: random.Random, retry_after: float | None = None) -> float:
        ceiling = min(self.cap_s, self.base_s * 2 ** max(0, failures - 1))
        delay = rng.uniform(0.0, ceiling)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_retry_after_s))
        return delay


class PushStatus(StrEnum):
    IDLE = "idle"  # nothing pending
    DELIVERED = "delivered"  # a batch got its answer (some rows may be quarantined)
    RETRY = "retry"  # try again after `retry_in_s`
    REVOKED = "revoked"  # the store refuses this device: stop


@dataclass
class PushOutcome:
    status: PushStatus
    sent: int = 0  # created or duplicate
    quarantined: int = 0
    retry_in_s: float = 0.0
    error: str = ""

    def merge(self, other: PushOutcome) -> PushOutcome:
        status = other.status if other.status in (PushStatus.RETRY, PushStatus.REVOKED) else self.status
        return PushOutcome(status, self.sent + other.sent, self.quarantined + other.quarantined,
                           other.retry_in_s, other.error or self.error)


@dataclass
class DrainReport:
    sent: int = 0
    quarantined: int = 0
    batches: int = 0
    retries: int = 0
    revoked: bool = False
    remaining: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QueueStats:
    depth: int  # PENDING rows
    oldest_pending_age_s: float
    quarantined: int


class DeviceRevoked(Exception):
    """The store answered 403/410: this kiosk may no longer push."""


@dataclass(frozen=True)
class _Row:
    id: int
    device_seq: int
    kind: str
    order_uuid: str
    payload: str
    payload_hash: str


def queue_stats(db: Database, now: dt.datetime | None = None) -> QueueStats:
    with db.read() as session:
        return queue_stats_in(session, now)


def queue_stats_in(session: Session, now: dt.datetime | None = None) -> QueueStats:
    """The same, inside a caller's read (so it agrees with what else that read shows)."""
    now = now or utcnow()
    depth, oldest = session.execute(
        select(func.count(), func.min(OutboxRow.created_at)).where(OutboxRow.state == OutboxState.PENDING)
    ).one()
    quarantined = session.scalar(
        select(func.count()).where(OutboxRow.state == OutboxState.QUARANTINED)) or 0
    age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
    return QueueStats(int(depth), age, int(quarantined))


def _short(text: str) -> str:
    return text if len(text) <= _ERROR_CHARS else text[: _ERROR_CHARS - 1] + "…"


class OutboxPusher:
    """Pushes the outbox; one instance per kiosk, driven by the sync worker (or `drain` in tests)."""

    def __init__(self, db: Database, client: SyncClient, *, events: EventBus | None = None,
                 batch_size: int = MAX_BATCH_ITEMS, backoff: BackoffPolicy | None = None,
                 rng: random.Random | None = None,
                 decode_payload: Callable[[str], dict[str, Any]] = json.loads,
                 clock_retries: int = 2, raise_alert: Callable[[Alert], object] | None = None) -> None:
        if not 1 <= batch_size <= MAX_BATCH_ITEMS:
            raise ValueError(f"batch_size must be 1..{MAX_BATCH_ITEMS}")
        self.db = db
        self.client = client
        self.events = events
        self.batch_size = batch_size
        self.backoff = backoff or BackoffPolicy()
        self._rng = rng or random.Random()
        # stored payloads may hold encrypted contact fields: this turns a row into the wire payload
        self._decode = decode_payload
        self._clock_retries = clock_retries
        # where alerts for the store go (the sync worker's: kept until the store takes them); without
        # one they are posted once, best effort
        self._raise_alert = raise_alert
        self._failures = 0  # consecutive failed attempts, for the backoff ceiling
        self._revoked = threading.Event()

    @property
    def revoked(self) -> bool:
        return self._revoked.is_set()

    def reset_revoked(self) -> None:
        """After a technician re-provisions the device, pushing may start again."""
        self._revoked.clear()

    # --- one batch -----------------------------------------------------------------------------------

    def push_batch(self) -> PushOutcome:
        """Send the next batch of PENDING rows and record the answer; never sleeps."""
        if self.revoked:
            return PushOutcome(PushStatus.REVOKED, error="device revoked")
        rows = self._pending(self.batch_size)
        if not rows:
            return PushOutcome(PushStatus.IDLE)
        outcome = self._send(rows)
        if outcome.status == PushStatus.RETRY:
            self._failures += 1
            # retry_in_s holds the store's Retry-After here, if it sent one
            outcome.retry_in_s = self.backoff.delay_s(self._failures, self._rng, outcome.retry_in_s or None)
            self._note_failure(rows, outcome.error)
            self._publish("sync.backoff", retry_in_s=outcome.retry_in_s, error=outcome.error,
                          failures=self._failures)
        elif outcome.status == PushStatus.DELIVERED:
            self._failures = 0
            self._publish("sync.pushed", sent=outcome.sent, quarantined=outcome.quarantined)
        return outcome

    def drain(self, *, stop: threading.Event | None = None, deadline: float | None = None) -> DrainReport:
        """Push until nothing is pending, the device is revoked, `stop` is set or `deadline` passes
        (time.monotonic()); sleeps out backoffs in between."""
        report = DrainReport()
        while not (stop is not None and stop.is_set()):
            if deadline is not None and time.monotonic() >= deadline:
                break
            outcome = self.push_batch()
            report.sent += outcome.sent
            report.quarantined += outcome.quarantined
            if outcome.status == PushStatus.IDLE:
                break
            if outcome.status == PushStatus.REVOKED:
                report.revoked = True
                break
            report.batches += 1
            if outcome.status == PushStatus.RETRY:
                report.retries += 1
                report.errors.append(outcome.error)
                wait = outcome.retry_in_s
                if deadline is not None:
                    wait = min(wait, max(0.0, deadline - time.monotonic()))
                if stop is not None:
                    stop.wait(wait)
                else:
                    time.sleep(wait)
        report.remaining = queue_stats(self.db).depth
        return report

    # --- sending -------------------------------------------------------------------------------------

    def _pending(self, limit: int) -> list[_Row]:
        with self.db.read() as session:
            result = session.execute(
                select(OutboxRow.id, OutboxRow.device_seq, OutboxRow.kind, OutboxRow.order_uuid,
                       OutboxRow.payload, OutboxRow.payload_hash)
                .where(OutboxRow.state == OutboxState.PENDING)
                .order_by(OutboxRow.device_seq).limit(limit))
            return [_Row(*r) for r in result]

    def _items(self, rows: Sequence[_Row]) -> tuple[list[dict[str, Any]], list[tuple[_Row, str]]]:
        """Wire items, plus the rows whose stored payload cannot even be read (quarantined)."""
        items: list[dict[str, Any]] = []
        unreadable: list[tuple[_Row, str]] = []
        for row in rows:
            try:
                payload = self._decode(row.payload)
                if not isinstance(payload, dict):
                    raise TypeError("payload is not a JSON object")
            except Exception as exc:
                # decoding reads nothing but this row, so whatever fails (a PII key that no longer opens
                # its contact, a damaged payload) fails again next time: the row must not hold back the
                # rows after it
                unreadable.append((row, f"unreadable payload: {type(exc).__name__}: {exc}"))
                continue
            items.append({"device_seq": row.device_seq, "order_uuid": row.order_uuid, "kind": row.kind,
                          "payload": payload, "payload_hash": row.payload_hash})
        return items, unreadable

    def _send(self, rows: Sequence[_Row]) -> PushOutcome:
        items, unreadable = self._items(rows)
        if unreadable:
            self._quarantine_locally(unreadable)
            rows = [r for r in rows if all(r is not bad for bad, _ in unreadable)]
            if not rows:
                return PushOutcome(PushStatus.DELIVERED, quarantined=len(unreadable))
        outcome = self._post(rows, items)
        outcome.quarantined += len(unreadable)
        return outcome

    def _post(self, rows: Sequence[_Row], items: list[dict[str, Any]]) -> PushOutcome:
        response: httpx.Response | None = None
        for _attempt in range(self._clock_retries + 1):
            try:
                response = self.client.post(BATCH_PATH, json_body={"items": items})
            except httpx.TransportError as exc:
                return PushOutcome(PushStatus.RETRY, error=f"network: {type(exc).__name__}: {exc}")
            if response.status_code != 401:
                break
            # the client has just taken the store's clock from this 401's Date: sign again
            log.warning("store refused the signature (%s); clock offset now %.1f s",
                        response.text[:200], self.client.offset_s)
        assert response is not None
        code = response.status_code
        if code == 200:
            return self._apply(rows, response)
        if code in _SPLIT_STATUSES:
            return self._split(rows, items, f"{code}: {response.text[:300]}")
        if code in _REVOKED_STATUSES:
            self.mark_revoked(f"{code}: {response.text[:300]}")
            return PushOutcome(PushStatus.REVOKED, error=f"device revoked ({code})")
        retry_after = retry_after_s(response, now=self.client.now())
        return PushOutcome(PushStatus.RETRY, retry_in_s=retry_after or 0.0,
                           error=f"HTTP {code}: {response.text[:200]}")

    def _split(self, rows: Sequence[_Row], items: list[dict[str, Any]], error: str) -> PushOutcome:
        if len(rows) == 1:
            self._quarantine_locally([(rows[0], f"store refused the row: {error}")])
            return PushOutcome(PushStatus.DELIVERED, quarantined=1)
        half = len(rows) // 2
        first = self._post(rows[:half], items[:half])
        if first.status in (PushStatus.RETRY, PushStatus.REVOKED):
            return first
        return first.merge(self._post(rows[half:], items[half:]))

    # --- recording -----------------------------------------------------------------------------------

    def _apply(self, rows: Sequence[_Row], response: httpx.Response) -> PushOutcome:
        try:
            results = response.json()["results"]
            matches = len(results) == len(rows) and all(
                r["device_seq"] == row.device_seq and r["order_uuid"] == row.order_uuid
                and r["status"] in ItemStatus.__members__.values()
                for r, row in zip(results, rows, strict=False))
        except (ValueError, KeyError, TypeError):
            matches = False
        if not matches:
            # a response that does not answer this batch (a proxy replayed an old one): believe nothing
            return PushOutcome(PushStatus.RETRY, error="response does not match the batch")
        sent = [row for row, r in zip(rows, results, strict=True) if r["status"] != ItemStatus.REJECTED]
        rejected = [(row, str(r.get("reason") or "rejected by the store"))
                    for row, r in zip(rows, results, strict=True) if r["status"] == ItemStatus.REJECTED]
        now = utcnow()
        with self.db.write() as session:
            if sent:
                session.execute(
                    update(OutboxRow).where(OutboxRow.id.in_([r.id for r in sent]),
                                            OutboxRow.state == OutboxState.PENDING)
                    .values(state=OutboxState.SENT, sent_at=now, attempts=OutboxRow.attempts + 1,
                            last_error=""))
                paid = [r.order_uuid for r in sent if r.kind == ORDER_PAID_KIND]
                if paid:
                    session.execute(update(Order).where(Order.order_uuid.in_(paid),
                                                        Order.state == OrderState.PAID)
                                    .values(state=OrderState.SYNCED))
            self._mark_quarantined(session, rejected)
        for row, reason in rejected:
            self._publish("sync.quarantined", device_seq=row.device_seq, order_uuid=row.order_uuid,
                          reason=reason, where="store")
        return PushOutcome(PushStatus.DELIVERED, sent=len(sent), quarantined=len(rejected))

    @staticmethod
    def _mark_quarantined(session: Any, rows: Sequence[tuple[_Row, str]]) -> None:
        for row, reason in rows:
            session.execute(update(OutboxRow).where(OutboxRow.id == row.id,
                                                    OutboxRow.state == OutboxState.PENDING)
                            .values(state=OutboxState.QUARANTINED, attempts=OutboxRow.attempts + 1,
                                    last_error=_short(reason)))

    def _quarantine_locally(self, rows: Sequence[tuple[_Row, str]]) -> None:
        """Rows the store never accepted: kept for staff, and the store is told so it can explain the
        gap it now sees in this device's seq."""
        with self.db.write() as session:
            self._mark_quarantined(session, rows)
        for row, reason in rows:
            log.error("outbox seq %d quarantined: %s", row.device_seq, reason)
            self._publish("sync.quarantined", device_seq=row.device_seq, order_uuid=row.order_uuid,
                          reason=reason, where="kiosk")
            self._report(row, reason)

    def _report(self, row: _Row, reason: str) -> None:
        alert: Alert = {"alert_id": f"outbox-quarantine-{row.device_seq}", "kind": "outbox.quarantined",
                        "severity": "warning", "order_uuid": row.order_uuid[:36],
                        "message": _short(f"seq {row.device_seq} held on the kiosk: {reason}")}
        if self._raise_alert is not None:
            self._raise_alert(alert)
            return
        try:
            self.client.post(f"/v1/devices/{self.client.endpoint.device_id}/alerts", json_body=alert)
        except httpx.TransportError as exc:  # best effort: the row itself is safe in quarantine
            log.warning("could not report quarantined seq %d: %s", row.device_seq, exc)

    def _note_failure(self, rows: Sequence[_Row], error: str) -> None:
        with self.db.write() as session:
            session.execute(update(OutboxRow).where(OutboxRow.id.in_([r.id for r in rows]),
                                                    OutboxRow.state == OutboxState.PENDING)
                            .values(attempts=OutboxRow.attempts + 1, last_error=_short(error)))

    def mark_revoked(self, detail: str) -> None:
        """Stop pushing and raise the alert (also used when another endpoint answers 403/410)."""
        if self._revoked.is_set():
            return
        self._revoked.set()
        log.critical("store revoked this device: %s", detail)
        self._publish("sync.alert", kind="device_revoked", severity="critical",
                      message=f"the store refuses this kiosk ({detail}); orders are kept locally")

    def _publish(self, topic: str, **data: Any) -> None:
        if self.events is not None:
            self.events.publish(topic, **data)
