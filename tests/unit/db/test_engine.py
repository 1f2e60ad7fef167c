"""Writes take the database's write lock at BEGIN, and one writer lock serialises them."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import select

from kiosk.db.engine import Database
from kiosk.db.models import Setting


def test_write_transaction_holds_the_write_lock_from_its_first_statement(db: Database) -> None:
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.write() as session:
            session.get(Setting, "x")  # a read: a deferred BEGIN would not lock yet
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_concurrent_writers_never_meet_busy_errors(db: Database) -> None:
    errors: list[BaseException] = []

    def bump(worker: int) -> None:
        try:
            for _ in range(50):
                with db.write() as session:
                    row = session.get(Setting, "counter")
                    if row is None:
                        session.add(Setting(key="counter", value="1"))
                    else:
                        row.value = str(int(row.value) + 1)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=bump, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.read() as session:
        assert session.scalar(select(Setting.value).where(Setting.key == "counter")) == "200"


def test_a_failed_write_rolls_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(Setting(key="half", value="done"))
        session.flush()
        raise RuntimeError("power cut")
    with db.read() as session:
        assert session.get(Setting, "half") is None
