"""The technician's view of sync: one snapshot of the store link, the outbox, the catalog, the alerts
and the audit, and the two things a technician may do to a quarantined outbox row.

Everything here reads the database or the worker's in-memory status: no network, so the sync page
can call it on its own worker thread at any time. The store is only ever spoken to by the one sync
worker (`SyncWorker.push_now` / `pull_now`).

A quarantined row is never deleted or edited here: "retry" puts it back in the queue as it is (same
`device_seq`, same payload: the store answers `duplicate` if it had it after all), "export" writes it
to a file for the merchant. The export keeps the contact details as they are stored, sealed
(`contact_enc`); a clear contact that should not be there is masked, never written out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.audit import TECHNICIAN, AuditLog, AuditRecord
from kiosk.db.engine import Database
from kiosk.db.models import Order, OutboxRow, OutboxState, Setting
from kiosk.db.seed import CATALOG_VERSION_KEY
from kiosk.sync.catalog_pull import CURSOR_KEY
from kiosk.sync.outbox import queue_stats_in
from kiosk.sync.protocol import mask_address, mask_name, mask_phone
from kiosk.sync.worker import SyncWorker, WorkerStatus

log = logging.getLogger(__name__)

AUDIT_ROWS = 50
QUARANTINE_ROWS = 100
ALERT_ROWS = 50


# --- why a row was quarantined, in plain words -----------------------------------------------------

# what the UI says for each kind (it translates its own sentence for each)
CONFLICT_PAYLOAD = "conflict_payload"  # the store has this order with other contents
CONFLICT_SEQ = "conflict_seq"  # the store has another order under this sequence number
CONFLICT_ELSEWHERE = "conflict_elsewhere"  # the store has this order from another device or seq
DAMAGED = "damaged"  # the payload does not match its checksum
UNDECRYPTABLE = "undecryptable"  # the contact is sealed with a key this kiosk no longer has
UNREADABLE = "unreadable"  # the stored payload cannot be read
INVALID = "invalid"  # the store found the order invalid
REFUSED = "refused"  # anything else the store said no to

_KINDS: tuple[tuple[str, str], ...] = (
    ("already received with another payload", CONFLICT_PAYLOAD),
    ("device_seq already used", CONFLICT_SEQ),
    ("already received as", CONFLICT_ELSEWHERE),
    ("payload_hash does not match", DAMAGED),
    ("does not decrypt", UNDECRYPTABLE),
    ("unreadable payload", UNREADABLE),
    ("invalid payload", INVALID),
    ("unknown kind", INVALID),
    ("differs from the payload", INVALID),
    ("store refused the row", INVALID),
)
_REFUSED_ROW = re.compile(r"^(store refused the row: \d{3})\b.*", re.DOTALL)


def error_kind(raw: str) -> str:
    for needle, kind in _KINDS:
        if needle in raw:
            return kind
    return REFUSED


def safe_detail(raw: str) -> str:
    """The stored error as a technician may see it: a store's 400 body (which could echo what was sent)
    is cut to its status code."""
    return _REFUSED_ROW.sub(r"\1", raw).strip()


# --- the snapshot ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarantinedRow:
    row_id: int
    device_seq: int
    order_uuid: str
    order_no: str
    at: dt.datetime  # when the order was queued (UTC, naive)
    attempts: int
    kind: str  # error_kind of the error
    detail: str  # safe_detail of the error


@dataclass(frozen=True)
class OpenAlert:
    alert_id: str
    kind: str
    message: str
    at: dt.datetime | None  # UTC, naive
    delivered: bool  # the store has it (False: waiting for the next heartbeat)


@dataclass(frozen=True)
class SyncSnapshot:
    configured: bool  # a store is known and this kiosk's sync worker runs for it
    worker: WorkerStatus | None
    depth: int
    oldest_pending_age_s: float
    quarantined: int
    last_sent_at: dt.datetime | None  # the newest row the store took (UTC, naive)
    catalog_version: str
    catalog_cursor: int
    rows: list[QuarantinedRow] = field(default_factory=list)
    alerts: list[OpenAlert] = field(default_factory=list)  # waiting for the store
    audit: list[AuditRecord] = field(default_factory=list)


def snapshot(db: Database, worker: SyncWorker | None, audit: AuditLog | None = None,
             now: dt.datetime | None = None) -> SyncSnapshot:
    """Everything the sync page shows; database reads only."""
    with db.read() as session:  # one read: the counts agree with the rows listed
        stats = queue_stats_in(session, now)
        rows = _quarantined_rows(session, QUARANTINE_ROWS)
        last_sent = session.scalar(select(func.max(OutboxRow.sent_at)))
        settings = {key: value for key, value in session.execute(
            select(Setting.key, Setting.value).where(Setting.key.in_((CATALOG_VERSION_KEY, CURSOR_KEY))))}
    cursor = settings.get(CURSOR_KEY, "")
    return SyncSnapshot(
        configured=worker is not None, worker=worker.status() if worker is not None else None,
        depth=stats.depth, oldest_pending_age_s=stats.oldest_pending_age_s, quarantined=stats.quarantined,
        last_sent_at=last_sent, catalog_version=settings.get(CATALOG_VERSION_KEY, ""),
        catalog_cursor=int(cursor) if cursor.isdigit() else 0, rows=rows,
        alerts=pending_alerts(worker),
        audit=audit.recent(AUDIT_ROWS, actor=TECHNICIAN) if audit is not None else [])


def quarantined_rows(db: Database, limit: int = QUARANTINE_ROWS) -> list[QuarantinedRow]:
    """Quarantined outbox rows, newest first, with their order numbers."""
    with db.read() as session:
        return _quarantined_rows(session, limit)


def _quarantined_rows(session: Session, limit: int) -> list[QuarantinedRow]:
    query = _rows_query().order_by(OutboxRow.device_seq.desc()).limit(limit)
    return [_quarantined_row(*found) for found in session.execute(query).all()]


def _rows_query() -> Any:
    return (select(OutboxRow.id, OutboxRow.device_seq, OutboxRow.order_uuid, Order.order_no,
                   OutboxRow.payload, OutboxRow.created_at, OutboxRow.attempts, OutboxRow.last_error)
            .outerjoin(Order, Order.order_uuid == OutboxRow.order_uuid)
            .where(OutboxRow.state == OutboxState.QUARANTINED))


def _quarantined_row(row_id: int, seq: int, order_uuid: str, order_no: str | None, payload: str,
                     created_at: dt.datetime, attempts: int, error: str | None) -> QuarantinedRow:
    return QuarantinedRow(row_id, seq, order_uuid, order_no or _order_no_in(payload), created_at, attempts,
                          error_kind(error or ""), safe_detail(error or ""))


def _order_no_in(payload: str) -> str:
    try:
        return str(json.loads(payload).get("order_no") or "")
    except (ValueError, AttributeError):
        return ""


def pending_alerts(worker: SyncWorker | None) -> list[OpenAlert]:
    """The alerts the store has not taken yet (the heartbeat sends them again until it does)."""
    if worker is None:
        return []
    return [OpenAlert(a["alert_id"], a["kind"], a["message"], parse_time(a.get("raised_at", "")), False)
            for a in worker.heartbeat.pending_alerts()][-ALERT_ROWS:]


def parse_time(text: str) -> dt.datetime | None:
    """An ISO time (with or without zone) as UTC, naive; None when it is not one."""
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


# --- actions on one quarantined row --------------------------------------------------------------


class RowGone(Exception):
    """The row is no longer quarantined (retried already, or sent meanwhile)."""


def retry(db: Database, row_id: int) -> QuarantinedRow:
    """Put a quarantined row back in the queue for the next push: PENDING, attempts reset, the same
    device_seq and payload. Returns the row as it was; RowGone if it is not quarantined any more."""
    row = _quarantined(db, row_id)
    with db.write() as session:
        changed = session.execute(
            update(OutboxRow).where(OutboxRow.id == row_id, OutboxRow.state == OutboxState.QUARANTINED)
            .values(state=OutboxState.PENDING, attempts=0, last_error="").returning(OutboxRow.id)).all()
    if not changed:
        raise RowGone(f"outbox row {row_id} is not quarantined")
    log.info("outbox seq %d (order %s) queued again by the technician", row.device_seq, row.order_no)
    return row


def export_row(db: Database, row_id: int, folder: Path,
               now: dt.datetime | None = None) -> tuple[Path, QuarantinedRow]:
    """Write one quarantined row (payload as stored, contact sealed; the error) as JSON into `folder`.
    Returns the file written; RowGone if the row is not quarantined any more; OSError if it cannot be
    written."""
    row = _quarantined(db, row_id)
    with db.read() as session:
        found = session.execute(select(OutboxRow.kind, OutboxRow.payload, OutboxRow.payload_hash,
                                       OutboxRow.last_error).where(OutboxRow.id == row_id)).one()
    kind, payload_text, digest, error = found
    try:
        payload: Any = json.loads(payload_text)
    except ValueError:
        payload = None  # a damaged payload is not copied out: it may hold anything
    if isinstance(payload, dict):
        payload = _without_clear_contact(payload)
    moment = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    document = {
        "exported_at": moment.isoformat() + "Z",
        "order_uuid": row.order_uuid, "order_no": row.order_no, "device_seq": row.device_seq, "kind": kind,
        "queued_at": row.at.isoformat() + "Z", "attempts": row.attempts,
        "error": {"kind": row.kind, "detail": safe_detail(error or "")},
        "payload_hash": digest, "payload": payload,
        "note": "contact details stay sealed with the kiosk's key (contact_enc)",
    }
    name = (f"quarantined-{_file_part(row.order_no or row.order_uuid)}-seq{row.device_seq}"
            f"-{moment:%Y%m%d-%H%M%S}.json")
    target = folder / name
    temp = folder / f".{name}.part"
    try:
        with open(temp, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=2, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())  # a USB stick pulled right after "saved" still has the whole file
        os.replace(temp, target)
    except OSError:
        temp.unlink(missing_ok=True)  # no half file left on the stick
        raise
    log.info("outbox seq %d exported to %s", row.device_seq, target)
    return target, row


def _without_clear_contact(payload: dict[str, Any]) -> dict[str, Any]:
    """The stored payload keeps its contact sealed; a clear one (never stored so) is masked."""
    clear = payload.get("contact")
    if not isinstance(clear, dict):
        return payload
    masks: dict[str, Callable[[str], str]] = {"name": mask_name, "phone": mask_phone,
                                              "address": mask_address}
    masked = {key: masks[key](str(value)) if key in masks else "***" for key, value in clear.items()}
    return {**payload, "contact": masked}


def _file_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)[:40]


def _quarantined(db: Database, row_id: int) -> QuarantinedRow:
    with db.read() as session:
        found = session.execute(_rows_query().where(OutboxRow.id == row_id)).first()
    if found is None:
        raise RowGone(f"outbox row {row_id} is not quarantined")
    return _quarantined_row(*found)
