"""Shoppers' side of the service state: the "closed" screen outside opening hours and the
out-of-service screen when the technician (or a failed required device) takes the kiosk out of
service. The rules are kiosk.technician.service_state's; this view-model only switches screens.

A shopper is never thrown out: the switch waits until the kiosk is idle on the attract screen (after
an order, or after the idle timeout wipes the session), so a paid order's receipt still prints and
its order screen still shows. Back in service, the attract screen returns by itself; the start-up
failure's out-of-service screen (kiosk.ui.app) is not this one's and keeps its own retry. The
technician's gesture works over both screens: the PIN pad opens above every screen.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.config import KioskConfig
from kiosk.services import Services
from kiosk.technician.service_state import (
    CLOSED,
    OPEN,
    OUT_OF_SERVICE,
    Hold,
    ServiceState,
    TechnicianHold,
    decide,
    missing_devices,
)
from kiosk.ui.navigator import ATTRACT, Navigator
from kiosk.ui.navigator import CLOSED as CLOSED_SCREEN
from kiosk.ui.navigator import OUT_OF_SERVICE as OUT_OF_SERVICE_SCREEN

log = logging.getLogger(__name__)

TICK_MS = 15_000  # opening hours are minutes apart: a check every 15 s is on time
_ZH_DAYS = "一二三四五六日"
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# what the out-of-service screen says for each cause, in both languages (no language is chosen yet)
_CAUSES = {
    "technician": "终端维护中。\nThis kiosk is being serviced.",
    "printer": "收据打印机暂时无法使用。\nThe receipt printer is not working.",
}


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def opening_text(opening: dt.datetime | None, now: dt.datetime) -> str:
    """When the kiosk opens next, in Chinese and English (the store's local time)."""
    if opening is None:
        return "暂不营业\nNot open until further notice"
    local_now = now.astimezone(opening.tzinfo)
    days = (opening.date() - local_now.date()).days
    clock = f"{opening:%H:%M}"
    if days == 0:
        zh, en = f"今天 {clock}", f"today at {clock}"
    elif days == 1:
        zh, en = f"明天 {clock}", f"tomorrow at {clock}"
    else:
        zh = f"{opening.month}月{opening.day}日 周{_ZH_DAYS[opening.weekday()]} {clock}"
        en = f"{_EN_DAYS[opening.weekday()]} {opening.day} {_EN_MONTHS[opening.month - 1]} at {clock}"
    return f"下次营业：{zh}\nOpens {en}"


class ServiceStateViewModel(QObject):
    changed = Signal()

    def __init__(self, config: KioskConfig, navigator: Navigator,
                 now: Callable[[], dt.datetime] = _utcnow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self._config = config
        self._navigator = navigator
        self._services: Services | None = None
        self._hold_store: TechnicianHold | None = None
        self._hold = Hold(False)
        self._state = ServiceState(OPEN)
        self._shown = ""  # the screen this view-model put up ("" when none)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.evaluate)
        self._timer.start()
        navigator.screenChanged.connect(self._on_screen)

    def attach(self, services: Services) -> None:
        self._services = services
        self._hold_store = TechnicianHold(services.db)
        self._hold = self._hold_store.get()
        if self._hold.on:
            log.warning("out of service since before the restart: %s", self._hold.reason or "no reason given")
        self.evaluate()

    def set_config(self, config: KioskConfig) -> None:
        self._config = config
        self.evaluate()

    # -- the technician's switch (the settings page) ------------------------------------------------

    @property
    def hold(self) -> Hold:
        return self._hold

    def set_hold(self, on: bool, reason: str = "") -> None:
        """Raises what the database raises; the caller says so on screen."""
        if self._hold_store is None:
            raise RuntimeError("the database is not ready")
        self._hold_store.set(on, reason)
        self._hold = self._hold_store.get()
        self.evaluate()

    def on_event(self, topic: str, _data: dict[str, Any]) -> None:
        if topic == "device.status":
            self.evaluate()

    # -- the decision -----------------------------------------------------------------------------

    @Slot()
    def evaluate(self) -> None:
        services = self._services
        missing: list[str] = []
        if services is not None:
            missing = missing_devices(self._config, services.printer is not None, services.device_states)
        state = decide(self._config, self.now(), self._hold, missing)
        if state != self._state:
            log.info("service state: %s%s", state.state, f" ({state.cause})" if state.cause else "")
            self._state = state
            self.changed.emit()
        self._switch()

    def _on_screen(self) -> None:
        screen = str(self._navigator.property("screen"))
        if self._shown and screen != self._shown:
            self._shown = ""  # left it another way (the technician's area, a start-up failure)
        self._switch()

    def _switch(self) -> None:
        screen = str(self._navigator.property("screen"))
        want = {CLOSED: CLOSED_SCREEN, OUT_OF_SERVICE: OUT_OF_SERVICE_SCREEN}.get(self._state.state, "")
        if want:
            # only an idle kiosk switches: a shopper mid-order finishes first
            idle_here = screen in (ATTRACT, want) or (self._shown and screen == self._shown)
            if idle_here:
                # on the start-up failure's out-of-service screen already: it is ours now (held, and
                # left when the cause clears)
                self._shown = want
                if want == CLOSED_SCREEN:
                    self._navigator.showClosed()
                elif self._navigator.property("outOfServiceReason") != self._state.cause or screen != want:
                    self._navigator.showOutOfService(self._state.cause)
            return
        if self._shown and screen == self._shown:
            self._shown = ""
            self._navigator.reset()

    # -- what QML binds to --------------------------------------------------------------------------

    @Property(str, notify=changed)
    def state(self) -> str:
        return self._state.state

    @Property(bool, notify=changed)
    def held(self) -> bool:
        """Out of service by this view-model's rules: the screen waits for the cause to clear (no retry)."""
        return self._state.state == OUT_OF_SERVICE

    @Property(str, notify=changed)
    def message(self) -> str:
        if self._state.state != OUT_OF_SERVICE:
            return ""
        return _CAUSES.get(self._state.cause, _CAUSES["technician"])

    @Property(str, notify=changed)
    def reason(self) -> str:
        """The technician's own words, if any (shown as they typed them)."""
        return self._state.reason

    @Property(str, notify=changed)
    def nextOpening(self) -> str:
        if self._state.state != CLOSED:
            return ""
        return opening_text(self._state.next_opening, self.now())

    def stop(self) -> None:
        self._timer.stop()
