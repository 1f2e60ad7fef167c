"""The shopper session as QML sees it: cart badge, the accessibility panel, toasts, wipe."""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.session import ShopperSession
from kiosk.session_events import SESSION
from kiosk.ui.navigator import ATTRACT, MAINTENANCE, OUT_OF_SERVICE, Navigator
from kiosk.ui.shell import Shell

log = logging.getLogger(__name__)

TOAST_MS = 4000


class SessionViewModel(QObject):
    cartChanged = Signal()
    panelsChanged = Signal()
    toastChanged = Signal()
    wiped = Signal()

    def __init__(self, session: ShopperSession, shell: Shell, navigator: Navigator,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._shell = shell
        self._navigator = navigator
        self._accessibility = False
        self._toast = ""
        self._toast_timer = QTimer(self)
        self._toast_timer.setSingleShot(True)
        self._toast_timer.setInterval(TOAST_MS)
        self._toast_timer.timeout.connect(lambda: self.showToast(""))
        session.on_change(self.cartChanged.emit)
        navigator.screenChanged.connect(self._on_screen)

    def _on_screen(self) -> None:
        # the first touch after the attract screen starts a shopper's session (for the funnel report)
        if self._navigator.property("screen") not in (ATTRACT, OUT_OF_SERVICE, MAINTENANCE):
            self.session.step(SESSION)

    @Property(int, notify=cartChanged)
    def cartCount(self) -> int:
        return self.session.item_count

    @Property(bool, notify=panelsChanged)
    def accessibilityOpen(self) -> bool:
        return self._accessibility

    @Slot(bool)
    def setAccessibilityOpen(self, open_: bool) -> None:
        self._accessibility = open_
        self.panelsChanged.emit()

    @Property(str, notify=toastChanged)
    def toast(self) -> str:
        return self._toast

    @Slot(str)
    def showToast(self, text: str) -> None:
        self._toast = text
        self.toastChanged.emit()
        if text:
            self._toast_timer.start()

    @Slot()
    def wipe(self) -> None:
        """Forget the shopper: cart, search, forms, language, accessibility, panels; back to attract."""
        log.info("shopper session wiped")
        self.session.wipe()
        self._shell.resetSession()
        self._accessibility = False
        self.panelsChanged.emit()
        self.showToast("")
        self._navigator.reset()
        self.wiped.emit()
