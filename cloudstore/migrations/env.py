"""Alembic environment: always handed a live connection by cloudstore.migrate."""

from __future__ import annotations

from alembic import context

from cloudstore.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through cloudstore.migrate, which supplies the connection")

# batch mode only where it is needed: SQLite can ALTER a table only by copying it
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
