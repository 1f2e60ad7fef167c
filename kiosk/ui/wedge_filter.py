"""Keyboard-wedge scanners in Qt: an application event filter that feeds keys to `WedgeScanner`.

A wedge scanner types its code as keystrokes. Every text key is held back and given to the scanner's
timing filter; a fast run ending in Enter becomes a scan (and is never typed), everything else is
typed into the focused window a moment later, in order. The clock is the scanner's own injectable
clock: `QKeyEvent.timestamp()` is 0 for synthesized keys and cannot be trusted.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow

from kiosk.devices.wedge import Typed, WedgeScanner

log = logging.getLogger(__name__)

_NO_FILTER = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
              | Qt.KeyboardModifier.MetaModifier)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _key_for(char: str) -> Qt.Key:
    if char in "\r\n":
        return Qt.Key.Key_Return
    if char.isascii() and char.isalnum():
        return Qt.Key(ord(char.upper()))
    if char == " ":
        return Qt.Key.Key_Space
    return Qt.Key.Key_unknown


class WedgeKeyFilter(QObject):
    """Install on the QGuiApplication; keys reach QML items only after the timing filter let them go."""

    def __init__(self, scanner: WedgeScanner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scanner = scanner
        self._replaying = False
        self._held_keys: set[int] = set()  # keys whose press was held: their release is held too
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        # a key event is delivered to the window, then by the window to the focused item: take it once
        if not isinstance(watched, QWindow):
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyRelease:
            if event.key() in self._held_keys and not event.isAutoRepeat():
                self._held_keys.discard(event.key())
                return True
            return False
        char = "\r" if event.key() in _ENTER_KEYS else event.text()
        if len(char) != 1 or event.modifiers() & _NO_FILTER or (not char.isprintable() and char != "\r"):
            # a key that types nothing (arrows, backspace, shortcuts): let what is due go first
            self.tick()
            return False
        self._held_keys.add(event.key())
        self._release(self.scanner.feed_key(char))
        self._arm()
        return True

    def tick(self) -> None:
        """Type the held keys whose wait is over; the timer calls this, tests may too."""
        self._release(self.scanner.tick())
        self._arm()

    def _arm(self) -> None:
        deadline = self.scanner.filter.deadline
        if deadline is None:
            self._timer.stop()
            return
        wait_ms = max(1, round((deadline - self.scanner.filter.clock()) * 1000) + 1)
        self._timer.start(wait_ms)

    def _release(self, typed: list[Typed]) -> None:
        text = "".join(t.text for t in typed)
        if not text:
            return
        window = QGuiApplication.focusWindow()
        if window is None:
            log.debug("wedge: no focused window for %d typed key(s)", len(text))
            return
        self._replaying = True
        try:
            for char in text:
                key = _key_for(char)
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.sendEvent(
                        window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
        finally:
            self._replaying = False


def install_wedge_filter(app: QCoreApplication, scanner: WedgeScanner) -> WedgeKeyFilter:
    """Feed the app's keys to `scanner`; remove with `app.removeEventFilter(returned)`."""
    key_filter = WedgeKeyFilter(scanner, app)
    app.installEventFilter(key_filter)
    return key_filter
