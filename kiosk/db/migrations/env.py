"""Alembic environment: always handed a live connection by kiosk.db.migrate."""

from __future__ import annotations

from alembic import context

from kiosk.db.migrate import include_name
from kiosk.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through kiosk.db.migrate, which supplies the connection")


# batch mode: SQLite can only ALTER a table by copying it
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
