"""Alembic migrations, applied at start-up before anything reads the database.

Alembic costs ~0.2 s to import, so a database already at `SCHEMA_HEAD` is recognised with one
query and Alembic is loaded only when a migration has to run. A test keeps `SCHEMA_HEAD` equal to
the newest revision in migrations/versions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from kiosk.db.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SCHEMA_HEAD = "0005"


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Alembic's view of the schema: the search index (kiosk.catalog.search) is derived data with
    its own lifecycle, not part of it."""
    return not (type_ == "table" and name is not None and name.startswith("search_"))


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.reader.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError:  # no such table: a new, empty file
            return None


def upgrade(db: Database) -> bool:
    """Bring the file to the newest schema; returns True when a migration ran."""
    if current_revision(db) == SCHEMA_HEAD:
        return False
    from alembic import command

    with db.writer.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    return True
