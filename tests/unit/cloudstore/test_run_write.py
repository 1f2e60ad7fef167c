"""StoreDB.run_write checks out PostgreSQL connections without a ping: a dead one is replaced once."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from cloudstore.db import StoreDB

pytestmark = pytest.mark.postgres


def test_a_connection_killed_while_pooled_is_replaced(pg_url: str) -> None:
    db = StoreDB(pg_url)
    try:
        def backend_pid(cur: Any) -> int:
            cur.execute("SELECT pg_backend_pid()")
            pid: int = cur.fetchone()[0]
            return pid

        first = db.run_write(backend_pid)
        with db.write() as session:  # another connection ends the pooled one, as a server restart would
            session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        second = db.run_write(backend_pid)
        assert second != first
    finally:
        db.close()


def test_an_error_on_a_live_connection_is_not_retried(pg_url: str) -> None:
    db = StoreDB(pg_url)
    calls = []

    def failing(cur: Any) -> None:
        calls.append(1)
        raise ValueError("refused")

    try:
        with pytest.raises(ValueError, match="refused"):
            db.run_write(failing)
        assert len(calls) == 1
    finally:
        db.close()
