"""Alembic migrations of the store (a package so its env module has a unique name)."""
