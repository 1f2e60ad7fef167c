"""The audit log: who did what, when, and how it ended. Never personal data.

Technician entries (entry, a wrong PIN, every action in the maintenance area) are written here and
shown in the technician's sync page; the database keeps them with the orders they concern.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from kiosk.db.engine import Database
from kiosk.db.models import AuditEntry

log = logging.getLogger(__name__)

TECHNICIAN = "technician"
OK, FAILED, REFUSED = "ok", "failed", "refused"


@dataclass(frozen=True)
class AuditRecord:
    at: dt.datetime  # UTC, naive like every stored time
    actor: str
    action: str
    subject: str
    detail: str
    result: str


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class AuditLog:
    def __init__(self, db: Database, clock: Callable[[], dt.datetime] = _utcnow) -> None:
        self._db = db
        self._clock = clock

    def write(self, action: str, result: str = OK, *, subject: str = "", detail: str = "",
              actor: str = TECHNICIAN) -> None:
        """One entry in its own transaction, so it stands even when the action it records failed."""
        with self._db.write() as session:
            session.add(AuditEntry(at=self._clock(), actor=actor[:32], action=action[:64],
                                   subject=subject[:64], detail=detail[:2000], result=result[:16]))
        log.info("audit: %s %s %s %s", actor, action, result, subject)

    def recent(self, limit: int = 100, actor: str | None = None) -> list[AuditRecord]:
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if actor is not None:
            query = query.where(AuditEntry.actor == actor)
        with self._db.read() as session:
            return [AuditRecord(e.at, e.actor, e.action, e.subject, e.detail, e.result)
                    for e in session.scalars(query)]
