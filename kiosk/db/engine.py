"""SQLite engine for the kiosk: WAL, synchronous=FULL, foreign keys, one writer.

Reads may run on any thread with their own session (`db.read()`). Every write goes through
`db.write()`, which holds a process-wide lock and starts the transaction with `BEGIN IMMEDIATE`, so
a writer never meets SQLITE_BUSY halfway through a transaction it already started.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _configure(engine: Engine, begin_sql: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # take transaction control away from the driver so BEGIN is ours to issue
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)


def make_engine(path: Path, *, immediate: bool = False) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    _configure(engine, "BEGIN IMMEDIATE" if immediate else "BEGIN")
    return engine


class Database:
    """The kiosk database file: a reader engine, a writer engine and the writer lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = make_engine(path)
        self.writer = make_engine(path, immediate=True)
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)
        self._write_sessions = sessionmaker(self.writer, expire_on_commit=False)
        self._write_lock = threading.RLock()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; its snapshot lasts until the block ends."""
        with self._read_sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits when the block ends, rolls back on an exception."""
        with self._write_lock, self._write_sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.reader.dispose()
        self.writer.dispose()
