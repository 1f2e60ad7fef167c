"""The screen stack. QML shows whatever `screen` names; tests assert on it."""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, QObject, Signal, Slot

log = logging.getLogger(__name__)

ATTRACT = "attract"
OUT_OF_SERVICE = "outOfService"
CLOSED = "closed"  # outside opening hours: shown by kiosk.ui.viewmodels.service_state, never pushed
MAINTENANCE = "maintenance"  # the technician area: entered only through kiosk.ui.maintenance.entry
# screens a shopper can reach; anything else is a programming error, not a blank page
SCREENS = {ATTRACT, "home", "category", "product", "search", "cart", "fulfilment", "payment",
           "paymentProblem", "done", "help", OUT_OF_SERVICE,
           "orderLookup", "order", "orderChange", "orderReturn"}  # my order: kiosk.ui.viewmodels.my_order


class Navigator(QObject):
    screenChanged = Signal()
    outOfServiceReasonChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack: list[str] = [ATTRACT]
        self._reason = ""

    def _set_stack(self, stack: list[str]) -> None:
        before = self._stack[-1]
        self._stack = stack
        if stack[-1] != before:
            log.info("screen %s -> %s", before, stack[-1])
            self.screenChanged.emit()

    @Property(str, notify=screenChanged)
    def screen(self) -> str:
        return self._stack[-1]

    @Property(list, notify=screenChanged)
    def stack(self) -> list[str]:
        """Every screen from the bottom up: QML keeps these alive, so back returns to them as left."""
        return list(self._stack)

    @Property(int, notify=screenChanged)
    def depth(self) -> int:
        return len(self._stack)

    @Property(str, notify=outOfServiceReasonChanged)
    def outOfServiceReason(self) -> str:
        return self._reason

    def enterMaintenance(self) -> None:
        """Not a slot: QML cannot reach it; only a right PIN does (MaintenanceEntry)."""
        self._set_stack([MAINTENANCE])

    @Slot(str)
    def push(self, name: str) -> None:
        if name not in SCREENS:
            raise ValueError(f"unknown screen {name!r}")
        if name in self._stack:
            # a screen is on the stack once: going to one already there goes back to it
            self._set_stack(self._stack[: self._stack.index(name) + 1])
        else:
            self._set_stack([*self._stack, name])

    @Slot()
    def back(self) -> None:
        if len(self._stack) > 1:
            self._set_stack(self._stack[:-1])

    @Slot()
    def home(self) -> None:
        self._set_stack([ATTRACT, "home"])

    @Slot()
    def reset(self) -> None:
        """Back to the attract screen with an empty stack (after idle, a finished order, recovery)."""
        self._set_stack([ATTRACT])

    def showClosed(self) -> None:
        """Not a slot: only the service state (kiosk.ui.viewmodels.service_state) closes the kiosk."""
        self._set_stack([CLOSED])

    @Slot(str)
    def showOutOfService(self, reason: str) -> None:
        self._reason = reason
        self.outOfServiceReasonChanged.emit()
        self._set_stack([OUT_OF_SERVICE])
