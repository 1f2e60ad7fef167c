"""Test-wide setup: only what a headless run needs. Everything else the kiosk sets itself on its own
start-up path (see kiosk/ui/environment.py), so the tests run the kiosk that ships."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# set before anything imports Qt: no display here, and no GPU
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

# the run never reads or writes the real home directory: a fresh machine passes its first run, and
# nothing a test leaves behind (a learnt word, a cache) changes the next run
_HOME = tempfile.mkdtemp(prefix="kiosk-tests-home-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
os.environ["HOME"] = _HOME
for _name, _sub in {"XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
                    "XDG_CACHE_HOME": ".cache", "XDG_STATE_HOME": ".local/state",
                    "XDG_RUNTIME_DIR": "run"}.items():
    os.makedirs(os.path.join(_HOME, _sub), mode=0o700, exist_ok=True)
    os.environ[_name] = os.path.join(_HOME, _sub)

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kiosk.db.engine import Database  # noqa: E402
from kiosk.db.migrate import upgrade  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A real, migrated SQLite file in a temp dir."""
    database = Database(tmp_path / "kiosk.sqlite3")
    upgrade(database)
    yield database
    database.close()
