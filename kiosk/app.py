"""Composition root: builds every service from the config, then hands them to the UI."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.config import KioskConfig
from kiosk.errors import AlreadyRunningError
from kiosk.events import EventBus
from kiosk.instance_lock import InstanceLock
from kiosk.logs import setup_logging
from kiosk.paths import DataPaths, default_data_dir

if TYPE_CHECKING:
    from kiosk.db.engine import Database

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2
EXIT_ALREADY_RUNNING = 3
EXIT_NO_DISPLAY = 4

# Qt platforms that draw without a display server
_HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}


@dataclass
class Services:
    """Everything the UI needs, built once at start-up."""

    config: KioskConfig
    paths: DataPaths
    db: Database
    events: EventBus

    def close(self) -> None:
        self.db.close()


def display_problem(environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """Why no window can open here, or None when one can."""
    env = os.environ if environ is None else environ
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if qpa in _HEADLESS_PLATFORMS or not platform.startswith("linux"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return ("no display found: DISPLAY and WAYLAND_DISPLAY are not set. Start the kiosk from the "
            "touch screen's desktop session, under Xvfb, or with QT_QPA_PLATFORM=offscreen.")


def data_paths(config: KioskConfig) -> DataPaths:
    return DataPaths(Path(config.data_dir) if config.data_dir else default_data_dir()).ensure()


def build_services(config: KioskConfig, paths: DataPaths, events: EventBus | None = None) -> Services:
    """Open, migrate and (in demo mode) seed the database. Slow: runs beside the first frame."""
    # imported here: SQLAlchemy and Alembic cost more than the whole Qt window to load
    from kiosk.catalog.search import ensure_index, refresh_index
    from kiosk.db.engine import Database
    from kiosk.db.migrate import upgrade
    from kiosk.db.seed import seed_demo

    db = Database(paths.database)
    if upgrade(db):
        log.info("database migrated to the newest schema")
    if config.demo:
        added = seed_demo(db)
        if added:
            log.info("demo catalog seeded: %d products", added)
    ensure_index(db)
    if refresh_index(db):
        log.info("search index rebuilt")
    return Services(config=config, paths=paths, db=db, events=events or EventBus())


def run(config: KioskConfig, exit_after_first_frame: bool = False) -> int:
    problem = display_problem()
    if problem:
        print(f"kiosk: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    paths = data_paths(config)
    lock = InstanceLock(paths.lock_file)
    try:
        lock.acquire()
    except AlreadyRunningError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_ALREADY_RUNNING
    try:
        log_file = setup_logging(paths.logs, config.log.level, config.log.max_bytes, config.log.backups)
        log.info("kiosk %s starting (demo=%s, data dir %s, log %s)",
                 __version__, config.demo, paths.root, log_file)
        events = EventBus()
        from kiosk.ui.app import run_ui  # Qt is imported only on this path

        return run_ui(config, events, lambda: build_services(config, paths, events), exit_after_first_frame)
    finally:
        lock.release()
