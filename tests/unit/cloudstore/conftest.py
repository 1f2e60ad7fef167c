"""Fixtures for the store's unit tests: a migrated database, SQLite always, PostgreSQL when configured."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cloudstore.db import StoreDB
from cloudstore.migrate import upgrade
from cloudstore.pii import KEY_BYTES, PiiCipher
from tests.unit.cloudstore.harness import pg_base_url, postgres_schema


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A private schema in $CLOUDSTORE_TEST_PG_URL; skips with the reason when it is not set."""
    with postgres_schema(pg_base_url()) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
    else:
        with postgres_schema(pg_base_url()) as url:
            yield url


@pytest.fixture
def store_db(store_url: str) -> Iterator[StoreDB]:
    db = StoreDB(store_url)
    upgrade(db)
    db.pii = PiiCipher(os.urandom(KEY_BYTES))  # as the app sets it: ingest seals personal data
    yield db
    db.close()
