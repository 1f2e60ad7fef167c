"""The store's Alembic migrations build exactly the schema its models describe, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from cloudstore.db import StoreDB
from cloudstore.migrate import current_revision, head_revision, upgrade
from cloudstore.models import Base, CatalogMeta


def _diff(db: StoreDB) -> list[object]:
    with db.reader.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))


def test_models_and_migrations_agree_sqlite(sqlite_url: str) -> None:
    db = StoreDB(sqlite_url)
    try:
        assert upgrade(db) is True
        assert _diff(db) == []
        assert current_revision(db) == head_revision()
        assert upgrade(db) is False
    finally:
        db.close()


@pytest.mark.postgres
def test_models_and_migrations_agree_postgres(pg_url: str) -> None:
    db = StoreDB(pg_url)
    try:
        assert upgrade(db) is True
        assert _diff(db) == []
        assert upgrade(db) is False
    finally:
        db.close()


def test_migration_seeds_the_catalog_counter(store_db: StoreDB) -> None:
    with store_db.read() as session:
        meta = session.get(CatalogMeta, 1)
        assert meta is not None
        assert (meta.head, meta.purged_through) == (0, 0)
