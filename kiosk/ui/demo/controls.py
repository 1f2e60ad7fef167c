"""The demo controls window: a normal window beside the kiosk that drives the simulators.

Sections are view-models (`DemoSection`) with a QML file each, laid out in columns; bus events
reach every section through the UI bridge.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QRect, QSize, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlEngine

from kiosk.ui.demo.payment import PaymentSection
from kiosk.ui.demo.printer import PrinterSection, ReceiptSection
from kiosk.ui.demo.scanner import ScannerSection
from kiosk.ui.demo.section import DemoSection
from kiosk.ui.demo.status import StatusSection
from kiosk.ui.demo.store import StoreSection
from kiosk.ui.qr_display import create_window

if TYPE_CHECKING:
    from kiosk.app import Services
    from kiosk.ui.app import KioskUi

log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(1000, 860)
MINIMUM_SIZE = QSize(640, 480)
GAP = 12


def place_beside(kiosk: QRect, size: QSize, screens: list[QRect], minimum: QSize = MINIMUM_SIZE) -> QRect:
    """Where the demo window goes: right of the kiosk, else left of it (narrowed to the room there,
    down to `minimum`), else on another screen, else over the kiosk's top-right corner.
    `screens` are available geometries."""
    home = next((s for s in screens if s.contains(kiosk.center())), screens[0] if screens else kiosk)
    height = min(size.height(), home.height())
    top = max(home.top(), min(kiosk.top(), home.bottom() + 1 - height))

    room_right = home.right() + 1 - (kiosk.right() + 1 + GAP)
    if room_right >= minimum.width():
        return QRect(kiosk.right() + 1 + GAP, top, min(size.width(), room_right), height)
    room_left = kiosk.left() - GAP - home.left()
    if room_left >= minimum.width():
        width = min(size.width(), room_left)
        return QRect(kiosk.left() - GAP - width, top, width, height)
    for other in screens:
        if other != home and other.width() >= minimum.width() and other.height() >= minimum.height():
            width, height = min(size.width(), other.width()), min(size.height(), other.height())
            return QRect(other.left() + (other.width() - width) // 2,
                         other.top() + (other.height() - height) // 2, width, height)
    width = min(size.width(), home.width())
    return QRect(max(home.left(), home.right() + 1 - width - GAP), home.top(), width, height)


class DemoControls(QObject):
    sectionsChanged = Signal()

    def __init__(self, ui: KioskUi, services: Services) -> None:
        super().__init__()
        devices = services.devices
        if devices is None:
            raise ValueError("the demo controls need the demo devices")
        self._ui = ui
        post = ui.bridge.post
        sections: list[DemoSection] = [
            StatusSection(post, [d.status for d in (devices.printer, devices.scanner) if d is not None], self)
        ]
        if devices.pty_scanner is not None:
            sections.append(ScannerSection(post, devices.pty_scanner, services.db, self))
        sections.append(PaymentSection(post, ui.shopper.payment, self))
        if devices.fake_printer is not None and devices.printer is not None:
            sections.append(PrinterSection(post, devices.fake_printer, devices.printer, self))
        if services.store is not None:  # above the receipt, which takes the rest of the column
            sections.append(StoreSection(post, services.store, self))
        if devices.fake_printer is not None:
            sections.append(ReceiptSection(post, devices.fake_printer, self))
        self._sections = sections
        for section in sections:
            QQmlEngine.setObjectOwnership(section, QQmlEngine.ObjectOwnership.CppOwnership)
        ui.bridge.published.connect(self._on_event)
        self.window, self._component = create_window(ui.engine, "DemoControlsWindow.qml", {"controls": self})
        self.window.setTransientParent(ui.window)  # stays above the kiosk, and ends with it
        self.window.resize(WINDOW_SIZE)
        self._closed = False
        if ui.window.isVisible():
            self._show()
        else:
            ui.window.visibleChanged.connect(self._on_kiosk_visible)

    def section(self, kind: type[DemoSection]) -> Any:
        """The section of this type (tests and later sections use it)."""
        return next(s for s in self._sections if isinstance(s, kind))

    def add_section(self, section: DemoSection) -> None:
        """Later features (paying the QR as a phone would, cutting the network) add theirs here."""
        section.setParent(self)
        QQmlEngine.setObjectOwnership(section, QQmlEngine.ObjectOwnership.CppOwnership)
        self._sections.append(section)
        self.sectionsChanged.emit()

    def _on_kiosk_visible(self, visible: bool) -> None:
        if visible and not self._closed:
            self._ui.window.visibleChanged.disconnect(self._on_kiosk_visible)
            self._show()

    def _show(self) -> None:
        kiosk = self._ui.window.frameGeometry()
        screens = [s.availableGeometry() for s in QGuiApplication.screens()]
        place = place_beside(kiosk, WINDOW_SIZE, screens)
        self.window.resize(place.size())
        self.window.setFramePosition(place.topLeft())
        self.window.show()

    def _on_event(self, topic: str, data: dict[str, Any]) -> None:
        if topic.startswith(("device.", "sync.")):
            for section in self._sections:
                section.on_event(topic, data)

    @Property(list, notify=sectionsChanged)
    def columns(self) -> list[list[DemoSection]]:
        count = max((s.column for s in self._sections), default=0) + 1
        return [[s for s in self._sections if s.column == i] for i in range(count)]

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._ui.bridge.published.disconnect(self._on_event)
        for section in self._sections:
            section.close()
        # the connection holds the sections until the window is gone: its bindings never see None
        self.window.destroyed.connect(lambda *_: self.objectName())
        self.window.close()
        self.window.deleteLater()


def open_demo_controls(ui: KioskUi, services: Services) -> DemoControls:
    """Open the demo controls beside the kiosk window (once it is shown)."""
    controls = DemoControls(ui, services)
    log.info("demo controls opened")
    return controls
