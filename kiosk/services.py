"""The services the kiosk runs on, as the composition root (kiosk.app) builds them.

They live apart from the root so the UI can type against them without importing it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import KioskConfig
from kiosk.events import EventBus
from kiosk.paths import DataPaths, default_data_dir

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from kiosk.audit import AuditLog
    from kiosk.checkout import Checkout, Listener
    from kiosk.db.engine import Database
    from kiosk.devices.ports import ReceiptPrinter
    from kiosk.devices.sim.demo import DemoDevices
    from kiosk.local_store import LocalStore
    from kiosk.orders import OrderBook
    from kiosk.receipts import ReceiptDesk, ReceiptSettings
    from kiosk.reconcile import Reconciler
    from kiosk.session_events import SessionEvents
    from kiosk.sync.order_lookup import OrderLookup
    from kiosk.sync.payments import PaymentClient
    from kiosk.sync.protocol import Alert, DeviceStatus
    from kiosk.sync.worker import SyncWorker
    from kiosk.technician_pin import TechnicianPin


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
    reconciler: Reconciler | None = None  # likewise
    store_url: str = ""
    session_events: SessionEvents | None = None  # the funnel's recorder (shopper steps, no personal data)
    audit: AuditLog | None = None
    pin: TechnicianPin | None = None
    # the latest status of each device, for the heartbeat and the technician screens
    device_states: dict[str, DeviceStatus] = field(default_factory=dict)
    _order_lookup: OrderLookup | None = field(default=None, init=False, repr=False)

    @property
    def order_lookup(self) -> OrderLookup:
        """Find and follow a shopper's order (kiosk.sync.order_lookup), through the store's signed client
        once the store is known (demo: once it has started); before that, from what this kiosk knows."""
        from kiosk.sync.order_lookup import OrderLookup

        client = self.payments.client if self.payments is not None else None
        lookup = self._order_lookup
        if lookup is None or lookup.client is not client:
            lookup = self._order_lookup = OrderLookup(self.db, self.orders, client)
        return lookup

    def make_checkout(self, on_update: Listener, *, timeout_s: float | None = None,
                      interval_s: float = 1.0, checking_s: float | None = None) -> Checkout | None:
        """A checkout wired to this kiosk's orders, store payments and printer; None while no store is
        known (the UI then says that paying is unavailable and keeps the cart)."""
        from kiosk.checkout import CHECKING_S, Checkout

        if self.payments is None:
            return None
        return Checkout(self.orders, self.payments, printer=self.printer, receipt=self.receipt_settings(),
                        on_update=on_update, on_paid=self.wake_sync,
                        timeout_s=self.config.payment.time_limit_s if timeout_s is None else timeout_s,
                        interval_s=interval_s, checking_s=CHECKING_S if checking_s is None else checking_s)

    @property
    def printer(self) -> ReceiptPrinter | None:
        return self.devices.printer if self.devices is not None else None

    def receipt_settings(self) -> ReceiptSettings:
        from kiosk.receipts import ReceiptSettings

        identity = self.config.identity
        return ReceiptSettings(store_name=identity.store_name, device_name=identity.device_name,
                               store_name_en=identity.store_name_in("en_US"), base_url=self.store_url)

    def receipt_desk(self) -> ReceiptDesk:
        from kiosk.receipts import ReceiptDesk

        return ReceiptDesk(self.orders, self.printer, self.receipt_settings())

    def wake_sync(self) -> None:
        if self.sync is not None:
            self.sync.wake()

    def raise_alert(self, alert_id: str, kind: str, message: str, order_uuid: str = "") -> None:
        """For staff: on the kiosk's event bus, and on the store's fleet page (kept and sent again with
        every heartbeat until the store takes it)."""
        import datetime as dt

        log.error("alert %s: %s", kind, message)
        self.events.publish("orders.alert", alert_id=alert_id, kind=kind, message=message,
                            order_uuid=order_uuid)
        if self.sync is not None:
            alert: Alert = {"alert_id": alert_id[:64], "kind": kind[:64], "severity": "critical",
                            "message": message[:2000], "state": "open",
                            "raised_at": dt.datetime.now(dt.UTC).isoformat()}
            if order_uuid:
                alert["order_uuid"] = order_uuid[:36]
            self.sync.heartbeat.raise_alert(alert)

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
        if self.session_events is not None:
            self.session_events.close()
        self.db.close()



def data_paths(config: KioskConfig) -> DataPaths:
    return DataPaths(Path(config.data_dir) if config.data_dir else default_data_dir()).ensure()
