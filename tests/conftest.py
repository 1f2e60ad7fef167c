"""Test-wide setup: Qt runs offscreen with the software Quick renderer and the virtual keyboard."""

from __future__ import annotations

import os

# set before anything imports Qt
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_ENABLE_GLYPH_CACHE_WORKAROUND", "1")

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A real, migrated SQLite file in a temp dir."""
    database = Database(tmp_path / "kiosk.sqlite3")
    upgrade(database)
    yield database
    database.close()
