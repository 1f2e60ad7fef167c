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
    from kiosk.devices.sim.demo import DemoDevices
    from kiosk.local_store import LocalStore

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
    devices: DemoDevices | None = None
    store: LocalStore | None = None  # demo mode's local reference store

    def close(self) -> None:
        if self.devices is not None:
            self.devices.stop()
        if self.store is not None:
            self.store.stop()
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


def build_services(config: KioskConfig, paths: DataPaths, events: EventBus | None = None,
                   with_devices: bool = True, with_store: bool = True) -> Services:
    """Open, migrate and (in demo mode) seed the database, start the devices and, in demo mode, the
    local store. Slow: it runs beside the first frame."""
    # imported here: SQLAlchemy and Alembic cost more than the whole Qt window to load
    from kiosk.catalog.search import ensure_index, refresh_index
    from kiosk.db.engine import Database
    from kiosk.db.migrate import upgrade
    from kiosk.db.seed import seed_demo

    bus = events or EventBus()
    db = Database(paths.database)
    services = Services(config=config, paths=paths, db=db, events=bus)
    try:
        if upgrade(db):
            log.info("database migrated to the newest schema")
        if config.demo:
            added = seed_demo(db)
            if added:
                log.info("demo catalog seeded: %d products", added)
        ensure_index(db)
        if refresh_index(db):
            log.info("search index rebuilt")
        if with_store and config.demo and not config.store.url:
            from kiosk.local_store import LocalStore

            services.store = LocalStore(paths.root / "store", config.identity.device_name).start()
        if with_devices:
            services.devices = start_devices(config, paths, bus)
    except BaseException:
        services.close()
        raise
    return services


def start_devices(config: KioskConfig, paths: DataPaths, bus: EventBus) -> DemoDevices:
    """Simulators where the config says `sim`, real adapters otherwise; their reports go to the bus."""
    from kiosk.devices.sim.demo import demo_devices

    devices = demo_devices(config.printer, config.scanner, paths.root / "run")
    for device in (devices.printer, devices.scanner):
        if device is not None:
            device.add_status_listener(lambda status: bus.publish(
                "device.status", device=status.device, state=status.state.value,
                details=sorted(d.value for d in status.details), message=status.message))
    if devices.scanner is not None:
        devices.scanner.add_scan_listener(lambda scan: bus.publish(
            "device.scan", ok=scan.ok, kind=scan.kind.value, data=scan.data, gtin=scan.gtin or "",
            error=scan.error or ""))
    devices.start()
    return devices


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
