"""The demo controls window: a normal window beside the kiosk that drives the simulators.

Sections are view-models (`DemoSection`) with a QML file each, laid out in columns; bus events
reach every section through the UI bridge. Where the window could only cover a fullscreen kiosk (on
its only screen), it starts collapsed to a small tab that a tap opens: a touch-only shopper keeps
every button of the kiosk, and with no window manager nothing else could move the window away.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import Property, QObject, QRect, QSize, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlEngine

from kiosk.ui.demo.payment import PaymentSection
from kiosk.ui.demo.printer import PrinterSection, ReceiptSection
from kiosk.ui.demo.scanner import ScannerSection
from kiosk.ui.demo.section import DemoSection
from kiosk.ui.demo.status import StatusSection
from kiosk.ui.demo.store import StoreSection
from kiosk.ui.placement import DESIGN_SIZES
from kiosk.ui.qr_display import create_window

if TYPE_CHECKING:
    from kiosk.services import Services
    from kiosk.ui.app import KioskUi

log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(1000, 940)  # the sections as they were, and the top bar with Hide
MINIMUM_SIZE = QSize(640, 480)
TAB_SIZE = QSize(180, 64)
GAP = 12
# the kiosk's header in design px (Theme.qml's headerHeight; ScreenHeader.qml: Back is 160 wide, 16 in)
HEADER = 112
HEADER_BACK_END = 16 + 160


class Placement(NamedTuple):
    window: QRect  # the demo controls, open
    tab: QRect  # collapsed
    collapsed: bool  # how they start: collapsed where the open window would cover the kiosk


def home_screen(kiosk: QRect, screens: list[QRect]) -> QRect:
    return next((s for s in screens if s.contains(kiosk.center())), screens[0] if screens else kiosk)


def place_beside(kiosk: QRect, size: QSize, screens: list[QRect], minimum: QSize = MINIMUM_SIZE) -> QRect:
    """Where the demo window goes: right of the kiosk, else left of it (narrowed to the room there,
    down to `minimum`), else on another screen, else over the kiosk's top-right corner.
    `screens` are available geometries."""
    home = home_screen(kiosk, screens)
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


def place_tab(kiosk: QRect, design: QSize, home: QRect, size: QSize = TAB_SIZE) -> QRect:
    """Where the collapsed tab goes, hiding as little of the kiosk as it can: beside the kiosk window
    if its screen has room, else in a margin the kiosk's stage leaves (the design size scaled into the
    window and centred), else in the header, right of its Back button: the header never moves (the
    bottom of a screen does, with the keyboard, and holds the pay buttons), and only a long title
    reaches that far left."""
    bottom = min(kiosk.bottom(), home.bottom()) + 1 - GAP - size.height()
    if home.right() - kiosk.right() >= size.width() + GAP:
        return QRect(kiosk.right() + 1 + GAP, bottom, size.width(), size.height())
    if kiosk.left() - home.left() >= size.width() + GAP:
        return QRect(kiosk.left() - GAP - size.width(), bottom, size.width(), size.height())
    scale = min(kiosk.width() / design.width(), kiosk.height() / design.height())
    margin_x = (kiosk.width() - design.width() * scale) / 2
    margin_y = (kiosk.height() - design.height() * scale) / 2
    if margin_x >= size.width() + 2 * GAP or margin_y >= size.height() + 2 * GAP:
        return QRect(kiosk.left() + GAP, bottom, size.width(), size.height())  # the bottom-left margin
    left = math.ceil(kiosk.left() + margin_x + HEADER_BACK_END * scale) + GAP
    top = max(kiosk.top(), home.top(), round(kiosk.top() + margin_y + (HEADER * scale - size.height()) / 2))
    return QRect(left, top, size.width(), size.height())  # in the header, right of Back


def place_demo(kiosk: QRect, design: QSize, screens: list[QRect], size: QSize = WINDOW_SIZE) -> Placement:
    """The open window beside the kiosk (`place_beside`) and its collapsed tab. Where the window
    would cover the kiosk, it starts collapsed; elsewhere it collapses in place."""
    window = place_beside(kiosk, size, screens)
    if not window.intersects(kiosk):
        return Placement(window, QRect(window.topLeft(), TAB_SIZE), False)
    return Placement(window, place_tab(kiosk, design, home_screen(kiosk, screens)), True)


class DemoControls(QObject):
    sectionsChanged = Signal()
    collapsedChanged = Signal()

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
            pty = devices.pty_scanner
            sections.append(ReceiptSection(post, devices.fake_printer, self,
                                           scan=pty.scan if pty is not None else None,
                                           order_link=receipt_order_link(services)))
        self._sections = sections
        for section in sections:
            QQmlEngine.setObjectOwnership(section, QQmlEngine.ObjectOwnership.CppOwnership)
        self._placement: Placement | None = None
        self._collapsed = False
        ui.bridge.published.connect(self._on_event)
        self.window, self._component = create_window(ui.engine, "DemoControlsWindow.qml", {"controls": self})
        self.window.setTransientParent(ui.window)  # stays above the kiosk, and ends with it
        self.window.resize(WINDOW_SIZE)
        self._closed = False
        ui.shell.orientationChanged.connect(self._on_orientation)
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
        self.place(self._ui.window.frameGeometry(), available_screens())
        self.window.show()

    def _on_orientation(self) -> None:
        # the kiosk's stage turned (its window was refitted first): the tab follows its header
        if self._placement is not None:
            self.place(self._ui.window.frameGeometry(), available_screens(), self._collapsed)

    def place(self, kiosk: QRect, screens: list[QRect], collapsed: bool | None = None) -> None:
        """Place the window for this kiosk frame and these available screen geometries. Unless told,
        it starts collapsed where `place_demo` advises it over a fullscreen kiosk: a windowed kiosk
        runs on a desktop, whose window manager moves either window out of the other's way."""
        shown_as = self._ui.placement  # the kiosk window: its orientation, windowed or fullscreen
        self._placement = place_demo(kiosk, DESIGN_SIZES[shown_as.orientation], screens)
        if collapsed is None:
            collapsed = self._placement.collapsed and not shown_as.windowed
        self._set_collapsed(collapsed)

    @Property(bool, notify=collapsedChanged)
    def collapsed(self) -> bool:
        return self._collapsed

    @Slot()
    def expand(self) -> None:
        self._set_collapsed(False)

    @Slot()
    def collapse(self) -> None:
        self._set_collapsed(True)

    def _set_collapsed(self, collapsed: bool) -> None:
        if self._placement is None:
            return
        rect = self._placement.tab if collapsed else self._placement.window
        self.window.resize(rect.size())
        self.window.setFramePosition(rect.topLeft())
        if collapsed != self._collapsed:
            self._collapsed = collapsed
            self.collapsedChanged.emit()

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
        self._ui.shell.orientationChanged.disconnect(self._on_orientation)
        for section in self._sections:
            section.close()
        # the connection holds the sections until the window is gone: its bindings never see None
        self.window.destroyed.connect(lambda *_: self.objectName())
        self.window.close()
        self.window.deleteLater()


def receipt_order_link(services: Services) -> Callable[[str], str]:
    """The order page a printed receipt's QR code opens: that of the newest order whose number the
    receipt carries ("" for a test page)."""
    from sqlalchemy import select

    from kiosk.db.models import Order

    settings = services.receipt_settings()

    def link(text: str) -> str:
        with services.db.read() as session:
            recent = session.execute(select(Order.order_no, Order.order_uuid)
                                     .where(Order.receipt_no.is_not(None))
                                     .order_by(Order.id.desc()).limit(50)).all()
        return next((settings.order_page(uuid) for number, uuid in recent if number in text), "")

    return link


def available_screens() -> list[QRect]:
    return [s.availableGeometry() for s in QGuiApplication.screens()]


def open_demo_controls(ui: KioskUi, services: Services) -> DemoControls:
    """Open the demo controls beside the kiosk window (once it is shown)."""
    controls = DemoControls(ui, services)
    log.info("demo controls opened")
    return controls
