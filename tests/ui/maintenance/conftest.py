"""Helpers for the technician area: the hidden gesture and the PIN pad, tapped as a finger would."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt

from kiosk.technician_pin import DEMO_PIN
from kiosk.ui.app import KioskUi
from tests.ui.conftest import tap


def corner_taps(qtbot: Any, ui: KioskUi, count: int = 5, where: QPoint | None = None) -> None:
    """Taps in the window's top-left corner (where the default gesture lives)."""
    point = where or QPoint(10, 10)
    for _ in range(count):
        qtbot.mouseClick(ui.window, Qt.MouseButton.LeftButton, pos=point)


def type_pin(qtbot: Any, ui: KioskUi, pin: str, submit: bool = True) -> None:
    for digit in pin:
        tap(qtbot, ui, ui.item(f"pinKey_{digit}"))
    if submit:
        tap(qtbot, ui, ui.item("pinKey_ok"))


def enter(qtbot: Any, ui: KioskUi, pin: str = DEMO_PIN, language: str = "en_US") -> None:
    """From any shopper screen into the technician area, then (as a technician reading English
    would) the header's language button to `language`: the tests read the page's words."""
    corner_taps(qtbot, ui)
    qtbot.waitUntil(lambda: ui.maintenance.entry.property("state") == "pin")
    type_pin(qtbot, ui, pin)
    qtbot.waitUntil(lambda: ui.navigator.screen == "maintenance")
    if ui.shell.property("language") != language:
        tap(qtbot, ui, ui.item("maintenanceLanguage"))
        qtbot.waitUntil(lambda: ui.shell.property("language") == language)
