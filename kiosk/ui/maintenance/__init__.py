"""The technician area: its entry (gesture, PIN, lock) and one view-model per page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtQuick import QQuickWindow

from kiosk.config import KioskConfig
from kiosk.services import Services
from kiosk.ui.bridge import Bridge
from kiosk.ui.maintenance.analytics import AnalyticsPage
from kiosk.ui.maintenance.devices import DevicesPage
from kiosk.ui.maintenance.entry import MaintenanceEntry
from kiosk.ui.maintenance.orders import OrdersPage
from kiosk.ui.maintenance.page import TechnicianPage
from kiosk.ui.maintenance.settings import SettingsPage
from kiosk.ui.maintenance.sync import SyncPage
from kiosk.ui.navigator import Navigator
from kiosk.ui.viewmodels.session import SessionViewModel

# QML singleton name → attribute of Maintenance (registered in module Kiosk.Backend)
SINGLETONS: dict[str, tuple[type[QObject], str]] = {
    "Maintenance": (MaintenanceEntry, "entry"),
    "TechDevices": (DevicesPage, "devices"),
    "TechSync": (SyncPage, "sync"),
    "TechOrders": (OrdersPage, "orders"),
    "TechAnalytics": (AnalyticsPage, "analytics"),
    "TechSettings": (SettingsPage, "settings"),
}


class Maintenance:
    def __init__(self, config: KioskConfig, navigator: Navigator, bridge: Bridge,
                 session: SessionViewModel) -> None:
        self.entry = MaintenanceEntry(config.maintenance, navigator, session.wipe)
        session.wiped.connect(self.entry.on_shopper_wiped)
        self._session = session
        audit, post = self.entry.audit, bridge.post
        self.devices = DevicesPage(audit, post)
        self.sync = SyncPage(audit, post)
        self.orders = OrdersPage(audit, post)
        self.analytics = AnalyticsPage(audit, post)
        self.settings = SettingsPage(audit, post)
        # entering emits pageChanged too: the first page is opened once per entry
        self.entry.pageChanged.connect(self._on_page)
        self.entry.locked.connect(self._on_locked)
        bridge.published.connect(self._on_event)

    @property
    def pages(self) -> dict[str, TechnicianPage]:
        return {"devices": self.devices, "sync": self.sync, "orders": self.orders,
                "analytics": self.analytics, "settings": self.settings}

    def bind(self, window: QQuickWindow) -> None:
        window.installEventFilter(self.entry)

    def attach(self, services: Services) -> None:
        for page in self.pages.values():
            page.attach(services)
        if services.pin is not None and services.audit is not None:
            self.entry.attach(services.pin, services.audit)
        recorder = services.session_events
        if recorder is not None:
            def forget_gesture_session() -> None:
                # the gesture's taps on the attract screen opened a "session" no shopper had
                state = self._session.session
                if state.only_started():
                    recorder.discard(state.session_id)

            self.entry.before_enter = forget_gesture_session

    def retranslate(self) -> None:
        for page in self.pages.values():
            page.retranslate()

    def _on_page(self) -> None:
        page = self.pages.get(str(self.entry.property("page")))
        if page is not None:
            page.opened()

    def _on_locked(self) -> None:
        for page in self.pages.values():
            page.locked()

    def _on_event(self, topic: str, data: dict[str, Any]) -> None:
        for page in self.pages.values():
            page.on_event(topic, data)

    def close(self) -> None:
        self.entry.stop()
        for page in self.pages.values():
            page.close()
