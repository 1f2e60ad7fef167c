"""Alembic migrations of the store, applied by `serve` and `add-device` before anything else."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from cloudstore.db import StoreDB

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: StoreDB) -> str | None:
    with db.reader.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: StoreDB) -> bool:
    """Bring the database to the newest schema; returns True when a migration ran."""
    if current_revision(db) == head_revision():
        return False
    with db.writer.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    return True
