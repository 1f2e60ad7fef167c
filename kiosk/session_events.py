"""Session events for the shopping funnel: which steps each anonymous shopper session reached.

A session is one shopper's visit, from the first touch after the attract screen to the wipe that
ends it (kiosk.session.ShopperSession owns its id: random, new for every visit, never linked to a
phone, a name or an order). The steps are the protocol's `FUNNEL_STEPS`; nothing else is stored, and
the only subject ever recorded is a catalog product id.

`SessionEvents.record` is called on the GUI thread: it only puts the event on a queue; one worker
thread writes what has queued in one transaction, so a shopper's tap never waits on the database
writer lock. A failed write is logged and dropped (the funnel is a report, never worth an error on a
shopper's screen), and `record` itself never raises.

The funnel counts distinct sessions per step, a session at step k only if it recorded step k and
every step before it (`funnel_counts`): so each step's count is a subset of the one before and the
funnel never grows from one step to the next, whatever order or gaps the events came in. A session
belongs to the store day (and report period) in which it began.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import secrets
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.sync.protocol import FUNNEL_STEPS, FunnelDay

if TYPE_CHECKING:
    from kiosk.db.engine import Database

log = logging.getLogger(__name__)

SESSION, PRODUCT_VIEWED, ADDED_TO_CART, QR_SHOWN, PAID, RECEIPT_PRINTED = FUNNEL_STEPS
KINDS = frozenset(FUNNEL_STEPS)
SESSION_ID_CHARS = 32  # SessionEvent.session_id
SUBJECT_CHARS = 64
# how long a session may run past the start of a period and still be found from its first event: a
# session is minutes long (the idle timeout), this is generous
SESSION_SPAN = dt.timedelta(hours=6)
BATCH = 500  # events written in one transaction at most
FLUSH_WAIT_S = 5.0

Recorder = Callable[[str, str, str], None]  # record(session_id, kind, subject)


def new_session_id() -> str:
    """Random and anonymous: 128 bits, hex."""
    return secrets.token_hex(SESSION_ID_CHARS // 2)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Event:
    at: dt.datetime  # naive UTC, as every stored time
    session_id: str
    kind: str
    subject: str = ""


@dataclass(frozen=True)
class Discard:
    session_id: str


class SessionEvents:
    """The recorder: `record` queues, a worker thread writes."""

    def __init__(self, db: Database, clock: Callable[[], dt.datetime] = _utcnow) -> None:
        self._db = db
        self._clock = clock
        self._queue: queue.Queue[Event | Discard | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    def record(self, session_id: str, kind: str, subject: str = "") -> None:
        """Queue one step of a session; never raises (a report is never worth a shopper's error)."""
        try:
            if kind not in KINDS:
                log.warning("session event %r is not a funnel step: not recorded", kind)
                return
            if not session_id or len(session_id) > SESSION_ID_CHARS:
                log.warning("session event %s without a valid session id: not recorded", kind)
                return
            with self._lock:
                if self._closed:
                    return
                self._start()
            self._queue.put(Event(self._clock(), session_id, kind, str(subject)[:SUBJECT_CHARS]))
        except Exception:
            log.exception("session event %s not recorded", kind)

    def discard(self, session_id: str) -> None:
        """Forget a session's steps (after whatever is queued for it is written): the technician's
        hidden gesture starts a "session" on the attract screen that no shopper had."""
        with self._lock:
            if self._closed or not session_id:
                return
            self._start()
        self._queue.put(Discard(session_id))

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="session-events", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            items = [self._queue.get()]
            while items[-1] is not None and len(items) < BATCH:
                try:
                    items.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            events: list[Event] = []
            for item in items:
                if isinstance(item, Discard):
                    if events:  # in order: what came before is written first
                        self.write(events)
                        events = []
                    self._delete(item.session_id)
                elif item is not None:
                    events.append(item)
            if events:
                self.write(events)
            for _ in items:
                self._queue.task_done()
            if items[-1] is None:  # close(): everything before it is written
                return

    def write(self, events: Sequence[Event]) -> bool:
        """Store events now, in one transaction (the worker's job; tests build a history with it)."""
        from kiosk.db.models import SessionEvent

        try:
            with self._db.write() as session:
                session.add_all([SessionEvent(at=e.at, session_id=e.session_id, kind=e.kind,
                                              subject=e.subject) for e in events])
        except Exception:
            log.exception("%d session event(s) could not be stored; the funnel misses them", len(events))
            return False
        return True

    def _delete(self, session_id: str) -> None:
        from sqlalchemy import delete

        from kiosk.db.models import SessionEvent

        try:
            with self._db.write() as session:
                session.execute(delete(SessionEvent).where(SessionEvent.session_id == session_id))
        except Exception:
            log.exception("a discarded session's events could not be removed")

    def flush(self, timeout_s: float = FLUSH_WAIT_S) -> bool:
        """Wait until everything queued so far is written (or dropped); False on timeout."""
        done = threading.Event()

        def wait() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=wait, name="session-events-flush", daemon=True).start()
        return done.wait(timeout_s)

    def close(self, timeout_s: float = FLUSH_WAIT_S) -> None:
        """Write what is queued, then stop the worker; later events are dropped."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout_s)
            if thread.is_alive():
                log.warning("session events still being written at shutdown; some may be lost")


# --- the funnel -----------------------------------------------------------------------------------


def utc_bounds(day: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The store day `day` as naive UTC [start, end) (a day around a DST change is 23 or 25 hours)."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return (start.astimezone(dt.UTC).replace(tzinfo=None), end.astimezone(dt.UTC).replace(tzinfo=None))


def store_day(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    """The store's local day of a naive UTC time."""
    return moment.replace(tzinfo=dt.UTC).astimezone(tz).date()


def _sessions(db: Database, start: dt.datetime, end: dt.datetime) -> dict[str, tuple[dt.datetime, set[str]]]:
    """Sessions that began in [start, end) (naive UTC): their first event's time and the steps they
    recorded. Read through the `at` index only: events from SESSION_SPAN either side."""
    from sqlalchemy import select

    from kiosk.db.models import SessionEvent

    found: dict[str, tuple[dt.datetime, set[str]]] = {}
    query = (select(SessionEvent.session_id, SessionEvent.at, SessionEvent.kind)
             .where(SessionEvent.at >= start - SESSION_SPAN, SessionEvent.at < end + SESSION_SPAN))
    with db.read() as session:
        for session_id, at, kind in session.execute(query):
            first, kinds = found.setdefault(session_id, (at, set()))
            kinds.add(kind)
            if at < first:
                found[session_id] = (at, kinds)
    return {sid: entry for sid, entry in found.items() if start <= entry[0] < end}


def funnel_of(step_sets: Iterable[set[str]]) -> dict[str, int]:
    """Distinct sessions per step, a session at a step only if it reached that step and all before it."""
    counts = dict.fromkeys(FUNNEL_STEPS, 0)
    for kinds in step_sets:
        for step in FUNNEL_STEPS:
            if step not in kinds:
                break
            counts[step] += 1
    return counts


def funnel_counts(db: Database, start: dt.datetime, end: dt.datetime) -> dict[str, int]:
    """The funnel of the sessions that began in [start, end) (naive UTC)."""
    return funnel_of(kinds for _, kinds in _sessions(db, start, end).values())


def funnel_days(db: Database, tz: dt.tzinfo, days: int, today: dt.date | None = None) -> list[FunnelDay]:
    """The last `days` store days' funnels (oldest first, today included) for the heartbeat."""
    today = today or store_day(_utcnow(), tz)
    first_day = today - dt.timedelta(days=days - 1)
    start, end = utc_bounds(first_day, tz)[0], utc_bounds(today, tz)[1]
    by_day: dict[dt.date, list[set[str]]] = {}
    for first, kinds in _sessions(db, start, end).values():
        by_day.setdefault(store_day(first, tz), []).append(kinds)
    return [{"day": day.isoformat(), "counts": funnel_of(by_day.get(day, []))}
            for day in (first_day + dt.timedelta(days=i) for i in range(days))]
