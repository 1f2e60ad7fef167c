"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from kiosk.db.engine import Database
from kiosk.db.migrate import SCHEMA_HEAD, current_revision, head_revision, include_name, upgrade
from kiosk.db.models import Base


def _schema_diff(db: Database) -> list[object]:
    with db.reader.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        return list(compare_metadata(context, Base.metadata))


def test_models_and_migrations_agree(db: Database) -> None:
    assert _schema_diff(db) == []


def test_search_index_tables_are_not_schema(db: Database) -> None:
    from kiosk.catalog.search import ensure_index

    ensure_index(db)
    assert _schema_diff(db) == []
    with db.reader.connect() as conn:  # without the filter Alembic would want to drop them
        unfiltered = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert any(op[0] == "remove_table" and op[1].name.startswith("search_") for op in unfiltered)


def test_upgrade_reaches_head_and_is_idempotent(db: Database) -> None:
    assert current_revision(db) == head_revision()
    assert upgrade(db) is False


def test_pragmas_are_set_on_every_connection(db: Database) -> None:
    for engine in (db.reader, db.writer):
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_schema_head_constant_is_the_newest_revision() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_a_new_file_has_no_revision(tmp_path: Path) -> None:
    fresh = Database(tmp_path / "new.sqlite3")
    try:
        assert current_revision(fresh) is None
    finally:
        fresh.close()
