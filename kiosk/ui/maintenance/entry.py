"""The way into the technician area and the lock around it.

`state` is what QML shows: "closed" (shoppers' screens), "pin" (the PIN pad over them), "setPin"
(choose a PIN: the first run of a real kiosk, or a change from the settings page) and "open" (the
technician area, the navigator's "maintenance" screen). The only way from "closed" to "open" is a
right PIN on the pad: nothing else — a key, a timer, a scan, a second gesture — changes `state` to
"open". Entering ends the shopper session; leaving, or `idle_lock_s` without a touch, locks it again.
Every entry, wrong PIN and lock is written to the audit log.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import Property, QCoreApplication, QEvent, QObject, QPointF, QTimer, Signal, Slot
from PySide6.QtGui import QMouseEvent, QTouchEvent

from kiosk.audit import FAILED, OK, REFUSED, AuditLog
from kiosk.config import MaintenanceConfig
from kiosk.technician_pin import PIN_DIGITS, PinRuleError, TechnicianPin, check_new_pin
from kiosk.ui.maintenance.gesture import CornerGesture
from kiosk.ui.navigator import MAINTENANCE, Navigator

log = logging.getLogger(__name__)

CLOSED, PIN, SET_PIN, OPEN = "closed", "pin", "setPin", "open"
PAD_IDLE_S = 30  # an abandoned PIN pad closes by itself
TICK_MS = 1000
_PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
_ACTIVITY = _PRESSES | {QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.InputMethod}


class MaintenanceEntry(QObject):
    stateChanged = Signal()
    padChanged = Signal()
    pageChanged = Signal()
    unlocked = Signal()
    locked = Signal()

    def __init__(self, config: MaintenanceConfig, navigator: Navigator, wipe_session: Callable[[], None],
                 clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._config = config
        self._navigator = navigator
        self._wipe_session = wipe_session
        # through self.clock, so a test that replaces the clock moves the gesture's time too
        self.gesture = CornerGesture(config.gesture_corner, config.gesture_taps, config.gesture_window_s,
                                     lambda: self.clock())
        self._pin: TechnicianPin | None = None
        self._audit: AuditLog | None = None
        self._state = CLOSED
        self._digits = ""
        self._first_choice = ""  # setPin: the PIN typed once, waiting for its confirmation
        self._message = ""
        self._locked_s = 0
        self._page = "devices"
        self._return_to_open = False  # setPin was opened from the settings page
        self._entering = False
        self.before_enter: Callable[[], None] = lambda: None  # set by kiosk.ui.maintenance
        self._last_activity = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        # anything else that leaves the technician screen (start-up failure, a crash) locks too
        navigator.screenChanged.connect(self._on_screen)

    def attach(self, pin: TechnicianPin, audit: AuditLog) -> None:
        self._pin = pin
        self._audit = audit
        if not pin.is_set():
            # a real kiosk's first run: nobody may use it until a technician has chosen a PIN
            log.warning("no technician PIN is set: asking for one")
            self._open_set_pin(return_to_open=False)

    # -- what QML binds to -------------------------------------------------------------------------

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(int, notify=padChanged)
    def entered(self) -> int:
        """How many digits are on the pad (shown as dots; the digits never leave Python)."""
        return len(self._digits)

    @Property(int, constant=True)
    def maxDigits(self) -> int:
        return PIN_DIGITS[1]

    @Property(str, notify=padChanged)
    def message(self) -> str:
        return self._message

    @Property(int, notify=padChanged)
    def lockedSeconds(self) -> int:
        return self._locked_s

    @Property(bool, notify=padChanged)
    def confirming(self) -> bool:
        return bool(self._first_choice)

    @Property(bool, notify=stateChanged)
    def changingPin(self) -> bool:
        """Choosing a new PIN from inside the area (it can be cancelled; the first PIN cannot)."""
        return self._state == SET_PIN and self._return_to_open

    @Property(str, notify=pageChanged)
    def page(self) -> str:
        return self._page

    @Property(int, constant=True)
    def idleLockSeconds(self) -> int:
        return self._config.idle_lock_s

    # -- audit, for every page ----------------------------------------------------------------------

    def audit(self, action: str, result: str = OK, subject: str = "", detail: str = "") -> None:
        if self._audit is None:
            return
        try:
            self._audit.write(action, result, subject=subject, detail=detail)
        except Exception:
            log.exception("audit entry %s could not be written", action)

    # -- input -------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY:
            self._last_activity = self.clock()
        if kind in _PRESSES and self._state == CLOSED:
            point = self._press_point(event)
            size = getattr(watched, "size", None)
            if point is not None and callable(size):
                area = size()
                if self.gesture.press(point.x(), point.y(), area.width(), area.height()):
                    self._open_pad()
        return False  # the press still reaches whatever is under it

    @staticmethod
    def _press_point(event: QEvent) -> QPointF | None:
        if isinstance(event, QMouseEvent):
            return event.position()
        if isinstance(event, QTouchEvent) and event.points():
            return event.points()[0].position()
        return None

    def _set_state(self, state: str) -> None:
        if state != self._state:
            log.info("maintenance: %s -> %s", self._state, state)
            self._state = state
            self.stateChanged.emit()

    def _set_pad(self, message: str = "", clear: bool = True) -> None:
        if clear:
            self._digits = ""
        self._message = message
        self.padChanged.emit()

    def _open_pad(self) -> None:
        if self._pin is None:
            return  # the database is not up yet: there is nothing to check a PIN against
        if not self._pin.is_set():
            self._open_set_pin(return_to_open=False)  # no PIN any more (removed behind its back): choose one
            return
        self._last_activity = self.clock()
        self._locked_s = self._pin.locked_for()
        self._set_pad(self._lock_message() if self._locked_s else "")
        self._set_state(PIN)
        self.audit("maintenance.pin_pad", REFUSED if self._locked_s else OK,
                   detail=f"locked {self._locked_s} s" if self._locked_s else "")

    def _open_set_pin(self, *, return_to_open: bool) -> None:
        self._return_to_open = return_to_open
        if self._state == SET_PIN:
            self.stateChanged.emit()  # changingPin follows _return_to_open
        self._first_choice = ""
        self._last_activity = self.clock()
        self._set_pad(QCoreApplication.translate("Maintenance",
                                                 "Choose a technician PIN of 6 to 12 digits."))
        self._set_state(SET_PIN)

    def _lock_message(self) -> str:
        return QCoreApplication.translate("Maintenance", "Too many wrong PINs. Try again in %1 s.").replace(
            "%1", str(self._locked_s))

    @Slot(str)
    def digit(self, key: str) -> None:
        if self._state not in (PIN, SET_PIN) or self._locked_s:
            return
        if len(key) == 1 and key.isdigit() and len(self._digits) < PIN_DIGITS[1]:
            self._digits += key
            self.padChanged.emit()

    @Slot()
    def erase(self) -> None:
        if self._digits:
            self._digits = self._digits[:-1]
            self.padChanged.emit()

    @Slot()
    def submit(self) -> None:
        if self._state == PIN:
            self._check_pin()
        elif self._state == SET_PIN:
            self._choose_pin()

    def _check_pin(self) -> None:
        assert self._pin is not None
        if self._locked_s or not self._digits:
            return
        result = self._pin.verify(self._digits)
        self._digits = ""
        if result.ok:
            self.audit("maintenance.enter")
            self._enter()
            return
        self._locked_s = result.locked_s
        self.audit("maintenance.pin", REFUSED if result.locked_s and not result.tries_left else FAILED,
                   detail=(f"locked {result.locked_s} s" if result.locked_s
                           else f"{result.tries_left} tries left"))
        if result.locked_s:
            self._set_pad(self._lock_message())
        else:
            self._set_pad(QCoreApplication.translate("Maintenance",
                                                     "Wrong PIN. %1 tries left before the pad locks.")
                          .replace("%1", str(result.tries_left)))

    def _choose_pin(self) -> None:
        assert self._pin is not None
        typed, self._digits = self._digits, ""
        if not self._first_choice:
            try:
                check_new_pin(typed)
            except PinRuleError:
                self._set_pad(QCoreApplication.translate(
                    "Maintenance", "Use 6 to 12 digits, not one repeated digit or a run such as 123456."))
                return
            self._first_choice = typed
            self._set_pad(QCoreApplication.translate("Maintenance", "Type the same PIN again to confirm it."))
            return
        if typed != self._first_choice:
            self._first_choice = ""
            self._set_pad(QCoreApplication.translate("Maintenance",
                                                     "The two PINs differ. Choose a PIN again."))
            return
        self._first_choice = ""
        self._pin.set_pin(typed)
        self.audit("maintenance.pin_set")
        self._set_pad("")
        if self._return_to_open:
            self._set_state(OPEN)
        else:
            self._enter()

    @Slot()
    def cancel(self) -> None:
        """Close the pad: back to the shoppers' screens (or to the technician area, for a PIN change)."""
        if self._state == PIN:
            self._set_pad("")
            self._set_state(CLOSED)
        elif self._state == SET_PIN and self._return_to_open:
            self._first_choice = ""
            self._set_pad("")
            self._set_state(OPEN)

    @Slot()
    def changePin(self) -> None:
        if self._state == OPEN:
            self.audit("maintenance.pin_change")
            self._open_set_pin(return_to_open=True)

    @Slot()
    def on_shopper_wiped(self) -> None:
        """The shopper session ended (idle, a finished order): a PIN pad left open closes with it."""
        if self._state == PIN and not self._entering:
            self._set_pad("")
            self._set_state(CLOSED)

    def _enter(self) -> None:
        self.before_enter()
        # whoever was shopping has gone: their cart is not left under the technician area
        self._entering = True
        try:
            self._wipe_session()
        finally:
            self._entering = False
        self._last_activity = self.clock()
        self._page = "devices"
        self.pageChanged.emit()
        self._set_state(OPEN)
        self._navigator.enterMaintenance()
        self.unlocked.emit()

    @Slot(str)
    def showPage(self, name: str) -> None:
        if self._state == OPEN and name != self._page:
            self._page = name
            self.pageChanged.emit()

    @Slot()
    def leave(self) -> None:
        """The technician's "lock and leave"."""
        self.lock("left")

    def lock(self, why: str) -> None:
        if self._state not in (OPEN, SET_PIN) or (self._state == SET_PIN and not self._return_to_open):
            return
        self._first_choice = ""
        self._set_pad("")
        self._set_state(CLOSED)
        self.audit("maintenance.lock", detail=why)
        if self._navigator.property("screen") == MAINTENANCE:
            self._navigator.reset()
        self.locked.emit()

    def _on_screen(self) -> None:
        if self._state == OPEN and self._navigator.property("screen") != MAINTENANCE:
            self.lock("screen changed")

    @Slot()
    def tick(self) -> None:
        quiet = self.clock() - self._last_activity
        if self._state == OPEN or (self._state == SET_PIN and self._return_to_open):
            if quiet >= self._config.idle_lock_s:
                self.lock("idle")
        elif self._state == PIN:
            if self._pin is not None and self._locked_s:
                self._locked_s = self._pin.locked_for()
                self._set_pad(self._lock_message() if self._locked_s else "")
            if quiet >= PAD_IDLE_S:
                self._set_pad("")
                self._set_state(CLOSED)

    def stop(self) -> None:
        self._timer.stop()
