"""Composition root: builds every service from the config, then hands them to the UI."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.config import KioskConfig, store_timezone
from kiosk.errors import EXIT_ALREADY_RUNNING, EXIT_NO_DISPLAY, AlreadyRunningError
from kiosk.events import EventBus
from kiosk.instance_lock import InstanceLock
from kiosk.logs import setup_logging
from kiosk.paths import DataPaths
from kiosk.services import Services, data_paths

if TYPE_CHECKING:
    from kiosk.devices.sim.demo import DemoDevices
    from kiosk.devices.status import DeviceStatus as DeviceStatusReport
    from kiosk.local_store import StoreCredentials
    from kiosk.sync.protocol import DeviceStatus

log = logging.getLogger(__name__)


# a receipt owed by a crash is printed at restart if the order was paid this recently (older: the
# shopper has gone; a technician reprints it on request)
RECOVERY_WINDOW = dt.timedelta(minutes=10)
RECEIPT_UNCERTAIN = "uncertain"  # sent as the kiosk stopped: maybe on paper; staff were told

# Qt platforms that draw without a display server
_HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}


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


def build_services(config: KioskConfig, paths: DataPaths, events: EventBus | None = None,
                   with_devices: bool = True, with_store: bool = True) -> Services:
    """Open, migrate and (in demo mode) seed the database, start the devices and, in demo mode, the
    local store. Slow: it runs beside the first frame."""
    # imported here: SQLAlchemy and Alembic cost more than the whole Qt window to load
    from kiosk.audit import AuditLog
    from kiosk.catalog.search import ensure_index, refresh_index
    from kiosk.db.engine import Database
    from kiosk.db.migrate import upgrade
    from kiosk.db.seed import seed_demo
    from kiosk.orders import OrderBook
    from kiosk.pii import PiiCipher, secret_file
    from kiosk.session_events import SessionEvents
    from kiosk.technician_pin import DEMO_PIN, TechnicianPin

    bus = events or EventBus()
    db = Database(paths.database)
    orders = OrderBook(db, PiiCipher.from_key_file(paths.key_file), config.identity.device_name,
                       config.identity.currency, timezone=store_timezone(config.identity),
                       shopper_salt=secret_file(paths.shopper_salt, "shopper-hash salt"))
    services = Services(config=config, paths=paths, db=db, events=bus, orders=orders,
                        session_events=SessionEvents(db))
    try:
        if upgrade(db):
            log.info("database migrated to the newest schema")
        orders.cipher.check_stored_data(db)  # a key made anew over stored contact details: loud
        if config.demo:
            added = seed_demo(db)
            if added:
                log.info("demo catalog seeded: %d products", added)
        services.audit = AuditLog(db)
        services.pin = TechnicianPin(db, paths.pin_pepper)
        if config.demo and not services.pin.is_set():
            services.pin.set_pin(DEMO_PIN)  # the README's demo PIN; a real kiosk asks for one (kiosk.ui)
        ensure_index(db)
        if refresh_index(db):
            log.info("search index rebuilt")
        if with_devices:
            services.devices = start_devices(config, paths, bus, services.device_states)
        if config.store.url:
            start_sync(services, config.store.url, config.store.device_id, config.store.secret,
                       ca_file=config.store.ca_file)
        elif with_store and config.demo:
            from kiosk.local_store import LocalStore

            def connect(creds: StoreCredentials) -> None:
                start_sync(services, creds.url, creds.device_id, creds.secret)

            services.store = LocalStore(paths.root / "store", config.identity.device_name, connect).start()
    except BaseException:
        services.close()
        raise
    return services


def start_sync(services: Services, url: str, device_id: str, secret: str, *, ca_file: str = "") -> None:
    """The one sync worker of this data dir (outbox push, catalog pull, heartbeat), the payment client,
    and the reconciliation of payments left open by a crash or a lost network. `ca_file`: the CA an
    https:// store's certificate must chain to (config `store.ca_file`)."""
    from kiosk.reconcile import Reconciler
    from kiosk.sync.client import StoreEndpoint, SyncClient
    from kiosk.sync.payments import PaymentClient
    from kiosk.sync.worker import SyncAlreadyRunning, SyncWorker

    retention = dt.timedelta(days=services.config.privacy.retention_days)

    def housekeeping() -> None:
        services.orders.purge_contact_details(retention)
        reconcile(services, at_boot=False)

    endpoint = StoreEndpoint(url, device_id, secret, ca_file)
    worker = SyncWorker(services.paths.root, services.db, SyncClient(endpoint),
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
    services.payments = PaymentClient(SyncClient(endpoint))
    services.reconciler = Reconciler(services.orders, services.payments,
                                     pay_window_s=services.config.payment.time_limit_s,
                                     on_paid=services.wake_sync, alert=services.raise_alert)
    services.store_url = url
    worker.heartbeat.timezone = store_timezone(services.config.identity)  # the funnel's store days
    log.info("sync worker started for %s", url)
    # no shopper can be paying yet: every open payment is from before this start
    threading.Thread(target=reconcile, args=(services,), kwargs={"at_boot": True}, name="reconcile",
                     daemon=True).start()


def reconcile(services: Services, *, at_boot: bool) -> None:
    """Settle the payments left open; at boot, then print the receipts a crash kept from printing."""
    if services.reconciler is None:
        return
    try:
        settled = services.reconciler.run(at_boot=at_boot)
    except Exception:
        log.exception("reconciling open payments failed; the next heartbeat tries again")
        return
    if settled:
        log.info("reconciled %d order(s) whose payment outcome was open", settled)
    if at_boot:
        recover_receipts(services)


def recover_receipts(services: Services) -> None:
    """An order paid just before a crash (or settled paid just now) gets its receipt, once; a shopper
    still at the kiosk is shown the order (the "checkout.recovered" event). A receipt that was going
    to the printer as the kiosk stopped may be on paper: it is not sent again, staff are told."""
    since = services.orders.clock() - RECOVERY_WINDOW
    desk = services.receipt_desk()
    try:
        for order_uuid in desk.uncertain(since):
            order = services.orders.get(order_uuid)
            services.orders.receipt_outcome(order_uuid, RECEIPT_UNCERTAIN)
            services.raise_alert(f"receipt-{order.order_no}", "receipt.uncertain",
                                 f"The receipt of order {order.order_no} was being printed as the kiosk "
                                 "stopped: if the shopper has none, reprint a copy.", order_uuid)
        owed = desk.print_owed(since)
    except Exception:
        log.exception("printing the receipts owed since the restart failed")
        return
    for order_uuid in owed:
        order = services.orders.get(order_uuid)
        services.events.publish("checkout.recovered", order_uuid=order_uuid, order_no=order.order_no,
                                total_minor=order.total_minor, currency=order.currency,
                                receipt_state=order.receipt_state)


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


def reset_technician_pin(config: KioskConfig) -> int:
    """`kiosk --reset-pin`: forget the technician PIN and its lockout; the next start asks for a new
    PIN (demo mode: the demo PIN again). Refused while a kiosk runs on this data dir."""
    from kiosk.audit import AuditLog
    from kiosk.db.engine import Database
    from kiosk.db.migrate import upgrade
    from kiosk.technician_pin import TechnicianPin

    paths = data_paths(config)
    lock = InstanceLock(paths.lock_file)
    try:
        lock.acquire()
    except AlreadyRunningError as exc:
        print(f"kiosk: {exc}; stop it before resetting the PIN", file=sys.stderr)
        return EXIT_ALREADY_RUNNING
    try:
        db = Database(paths.database)
        try:
            upgrade(db)
            TechnicianPin(db, paths.pin_pepper).forget()
            AuditLog(db).write("maintenance.pin_reset", actor="operator", detail="kiosk --reset-pin")
        finally:
            db.close()
    finally:
        lock.release()
    print("kiosk: the technician PIN is reset; the next start asks for a new one")
    return 0


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
