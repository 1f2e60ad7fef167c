"""Composition root: builds every service from the config, then hands them to the UI."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.config import KioskConfig, store_timezone
from kiosk.errors import AlreadyRunningError
from kiosk.events import EventBus
from kiosk.instance_lock import InstanceLock
from kiosk.logs import setup_logging
from kiosk.paths import DataPaths, default_data_dir

if TYPE_CHECKING:
    from kiosk.checkout import Checkout, Listener
    from kiosk.db.engine import Database
    from kiosk.devices.sim.demo import DemoDevices
    from kiosk.devices.status import DeviceStatus as DeviceStatusReport
    from kiosk.local_store import LocalStore, StoreCredentials
    from kiosk.orders import OrderBook
    from kiosk.sync.payments import PaymentClient
    from kiosk.sync.protocol import DeviceStatus
    from kiosk.sync.worker import SyncWorker

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
    orders: OrderBook
    devices: DemoDevices | None = None
    store: LocalStore | None = None  # demo mode's local reference store
    sync: SyncWorker | None = None
    payments: PaymentClient | None = None  # set once the store is known (demo: once it has started)
    store_url: str = ""
    # the latest status of each device, for the heartbeat and the technician screens
    device_states: dict[str, DeviceStatus] = field(default_factory=dict)

    def make_checkout(self, on_update: Listener, *, timeout_s: float | None = None,
                      interval_s: float = 1.0) -> Checkout | None:
        """A checkout wired to this kiosk's orders, store payments and printer; None while no store is
        known (the UI then says that paying is unavailable and keeps the cart)."""
        from kiosk.checkout import PAYMENT_TIMEOUT_S, Checkout, ReceiptSettings

        if self.payments is None:
            return None
        identity = self.config.identity
        receipt = ReceiptSettings(store_name=identity.store_name, device_name=identity.device_name,
                                  store_name_en=identity.store_name_in("en_US"), base_url=self.store_url)
        sync = self.sync
        return Checkout(self.orders, self.payments,
                        printer=self.devices.printer if self.devices is not None else None,
                        receipt=receipt, on_update=on_update, on_paid=sync.wake if sync else lambda: None,
                        timeout_s=PAYMENT_TIMEOUT_S if timeout_s is None else timeout_s,
                        interval_s=interval_s)

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop()
            self.sync.pusher.client.close()  # made by start_sync for the worker alone
        if self.payments is not None:
            self.payments.client.close()
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
    from kiosk.orders import OrderBook
    from kiosk.pii import PiiCipher

    bus = events or EventBus()
    db = Database(paths.database)
    orders = OrderBook(db, PiiCipher.from_key_file(paths.key_file), config.identity.device_name,
                       config.identity.currency, timezone=store_timezone(config.identity))
    services = Services(config=config, paths=paths, db=db, events=bus, orders=orders)
    try:
        if upgrade(db):
            log.info("database migrated to the newest schema")
        orders.cipher.check_stored_data(db)  # a key made anew over stored contact details: loud
        if config.demo:
            added = seed_demo(db)
            if added:
                log.info("demo catalog seeded: %d products", added)
        ensure_index(db)
        if refresh_index(db):
            log.info("search index rebuilt")
        if with_devices:
            services.devices = start_devices(config, paths, bus, services.device_states)
        if config.store.url:
            start_sync(services, config.store.url, config.store.device_id, config.store.secret)
        elif with_store and config.demo:
            from kiosk.local_store import LocalStore

            def connect(creds: StoreCredentials) -> None:
                start_sync(services, creds.url, creds.device_id, creds.secret)

            services.store = LocalStore(paths.root / "store", config.identity.device_name, connect).start()
    except BaseException:
        services.close()
        raise
    return services


def start_sync(services: Services, url: str, device_id: str, secret: str) -> None:
    """The one sync worker of this data dir (outbox push, catalog pull, heartbeat), the payment client,
    and the reconciliation of payments left open by a crash or a lost network."""
    from kiosk.sync.client import StoreEndpoint, SyncClient
    from kiosk.sync.payments import PaymentClient
    from kiosk.sync.worker import SyncAlreadyRunning, SyncWorker

    retention = dt.timedelta(days=services.config.privacy.retention_days)

    def housekeeping() -> None:
        services.orders.purge_contact_details(retention)
        reconcile(services, at_boot=False)

    worker = SyncWorker(services.paths.root, services.db, SyncClient(StoreEndpoint(url, device_id, secret)),
                        events=services.events, version=__version__,
                        device_statuses=lambda: dict(services.device_states),
                        decode_payload=services.orders.decode_payload, housekeeping=housekeeping,
                        startup_alerts=services.orders.cipher.startup_alerts)
    try:
        worker.start()
    except SyncAlreadyRunning as exc:
        log.error("sync not started: %s", exc)
        return
    services.sync = worker
    # payments have a client of their own: a shopper waiting on a QR never queues behind a large push
    services.payments = PaymentClient(SyncClient(StoreEndpoint(url, device_id, secret)))
    services.store_url = url
    log.info("sync worker started for %s", url)
    # no shopper can be paying yet: every open payment is from before this start
    threading.Thread(target=reconcile, args=(services,), kwargs={"at_boot": True}, name="reconcile",
                     daemon=True).start()


def reconcile(services: Services, *, at_boot: bool) -> None:
    checkout = services.make_checkout(lambda _update: None)
    if checkout is None:
        return
    try:
        settled = checkout.reconcile(at_boot=at_boot)
    except Exception:
        log.exception("reconciling open payments failed; the next heartbeat tries again")
        return
    if settled:
        log.info("reconciled %d order(s) whose payment outcome was open", settled)


def start_devices(config: KioskConfig, paths: DataPaths, bus: EventBus,
                  states: dict[str, DeviceStatus]) -> DemoDevices:
    """Simulators where the config says `sim`, real adapters otherwise; their reports go to the bus."""
    from kiosk.devices.scans import scan_event
    from kiosk.devices.sim.demo import demo_devices

    def on_status(status: DeviceStatusReport) -> None:
        details = sorted(d.value for d in status.details)
        # the sync protocol names states in upper case
        states[status.device] = {"status": status.state.name, "detail": ",".join(details)}
        bus.publish("device.status", device=status.device, state=status.state.value,
                    details=details, message=status.message)

    devices = demo_devices(config.printer, config.scanner, paths.root / "run")
    for device in (devices.printer, devices.scanner):
        if device is not None:
            device.add_status_listener(on_status)
    if devices.scanner is not None:
        devices.scanner.add_scan_listener(lambda scan: bus.publish("device.scan", **scan_event(scan)))
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
