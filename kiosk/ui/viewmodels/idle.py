"""Idle timeout: "still there?" after a per-screen quiet time, then a countdown, then a wipe.

Time comes from an injected clock, checked by a coarse timer, so tests move time by hand and call
`tick()`. Any touch or key on the window counts as activity; the attract and out-of-service screens
never time out and the payment screen pauses the clock.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk.config import IdleConfig
from kiosk.ui.navigator import Navigator

TICK_MS = 250
NEVER = {"attract", "outOfService", "closed", "maintenance"}  # the technician area locks by itself
PAUSED = {"payment"}  # a shopper paying with their phone is not idle; the QR has its own time limit
_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
             QEvent.Type.Wheel, QEvent.Type.InputMethod}


class IdleMonitor(QObject):
    warningChanged = Signal()
    secondsLeftChanged = Signal()
    expired = Signal()

    def __init__(self, config: IdleConfig, navigator: Navigator,
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._config = config
        self._navigator = navigator
        self._last = clock()
        self._warning = False
        self._seconds_left = 0
        # True while something else holds the screen awake (a shopper waiting for staff they called)
        self.paused: Callable[[], bool] = lambda: False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        navigator.screenChanged.connect(self.poke)

    def set_config(self, config: IdleConfig) -> None:
        """New idle times from the technician: they count from the next tick."""
        self._config = config

    def timeout_for(self, screen: str) -> float | None:
        """Seconds of quiet before the warning on `screen`; None: this screen never times out."""
        if screen in NEVER or screen in PAUSED:
            return None
        c = self._config
        return float({"home": c.home_s, "category": c.category_s, "product": c.product_s,
                      "search": c.search_s}.get(screen, c.other_s))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.poke()
        return False

    @Slot()
    def poke(self) -> None:
        self._last = self.clock()
        self._set(False, 0)

    @Slot()
    def stillHere(self) -> None:
        self.poke()

    @Slot()
    def tick(self) -> None:
        timeout = self.timeout_for(str(self._navigator.property("screen")))
        now = self.clock()
        if timeout is None or self.paused():
            self._last = now  # paused: the count starts afresh when the shopper moves on
            self._set(False, 0)
            return
        quiet = now - self._last
        if quiet < timeout:
            self._set(False, 0)
            return
        left = timeout + self._config.countdown_s - quiet
        if left <= 0:
            self._last = now
            self._set(False, 0)
            self.expired.emit()
            return
        self._set(True, math.ceil(left))

    def _set(self, warning: bool, seconds_left: int) -> None:
        if warning != self._warning:
            self._warning = warning
            self.warningChanged.emit()
        if seconds_left != self._seconds_left:
            self._seconds_left = seconds_left
            self.secondsLeftChanged.emit()

    @Property(bool, notify=warningChanged)
    def warning(self) -> bool:
        return self._warning

    @Property(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    def stop(self) -> None:
        self._timer.stop()
