"""Engines and sessions for the store: SQLite (default, one file) or PostgreSQL by URL.

On SQLite every write goes through one process-wide lock and `BEGIN IMMEDIATE`, so concurrent requests
queue in Python instead of spinning in SQLite's busy handler; reads use their own deferred engine.
PostgreSQL needs neither: writers that touch the same device or catalog row lock it explicitly.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")


def default_db_url() -> str:
    path = Path(platformdirs.user_data_dir("cloudstore", appauthor=False)) / "cloudstore.sqlite3"
    return f"sqlite:///{path}"


def _sqlite_engine(url: str, begin_sql: str) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False,
                                              "timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # BEGIN is ours to issue
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # an acknowledged order must survive a power cut
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)

    return engine


class StoreDB:
    """The store's database: a writer engine, a reader engine (the same one on PostgreSQL)."""

    def __init__(self, url: str, *, max_connections: int = 30) -> None:
        """`max_connections`: at most this many PostgreSQL connections in each of the two pools (the
        first 10 kept open between requests); `cloudstore serve --workers N` divides a budget by N."""
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        kept = min(10, max_connections)
        pool = {"pool_size": kept, "max_overflow": max_connections - kept}
        if self.dialect == "sqlite":
            database = parsed.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            self.writer = _sqlite_engine(url, "BEGIN IMMEDIATE")
            self.reader = _sqlite_engine(url, "BEGIN")
            self._lock: threading.Lock | None = threading.Lock()
        else:
            self.writer = create_engine(url, pool_pre_ping=True, **pool)
            self.reader = self.writer
            self._lock = None
        # PostgreSQL: a second pool for `run_write`, which replaces the ping with a retry
        self._unpinged = None if self._lock else create_engine(url, **pool)
        self._write_sessions = sessionmaker(self.writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits when the block ends, rolls back on an exception."""
        with self._lock or nullcontext(), self._write_sessions() as session, session.begin():
            yield session

    def run_write(self, work: Callable[[Any], T]) -> T:
        """`work(cursor)` with a DB-API cursor inside one write transaction (`cloudstore.rawsql`).

        Same locking and commit/rollback as `write`, without the ORM session around it, and without
        the ping that checks a pooled connection out (a round trip per request): a connection found
        dead instead is dropped and the work run once more on a new one. Nothing of a transaction
        on a dead connection was committed, except perhaps at its very end, which is why `work` must
        be safe to repeat (batch ingest is idempotent; its nonce then reports the repeat).
        """
        engine = self._unpinged or self.writer
        for attempt in (1, 2):
            with self._lock or nullcontext(), engine.connect() as conn:
                dbapi = conn.connection.dbapi_connection
                try:
                    with conn.begin():
                        cursor = conn.connection.cursor()
                        try:
                            return work(cursor)
                        finally:
                            cursor.close()
                except Exception:
                    if attempt == 2 or not _is_dead(dbapi):
                        raise
                    conn.invalidate()
        raise AssertionError("unreachable")

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reads; closing it ends the transaction but leaves loaded objects readable."""
        with self._read_sessions() as session:
            yield session

    def close(self) -> None:
        self.writer.dispose()
        self.reader.dispose()
        if self._unpinged is not None:
            self._unpinged.dispose()


def _is_dead(dbapi_connection: Any) -> bool:
    return bool(getattr(dbapi_connection, "closed", False) or getattr(dbapi_connection, "broken", False))
