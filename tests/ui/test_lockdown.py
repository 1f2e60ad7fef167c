"""No way out of the locked kiosk: no context menu on a right click, the menu key or a long press."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication, QPointingDevice
from PySide6.QtTest import QTest

from kiosk.ui.app import KioskUi
from tests.ui.conftest import open_delivery_form, tap

pytestmark = pytest.mark.gui


def open_popups(ui: KioskUi) -> list[str]:
    """Popups drawn in the kiosk window's overlay, and any other window on screen (Qt 6.12 menus are
    windows). Walks items only: wrapping every QObject of the window would outlive some of them."""
    root = ui.window.contentItem().parentItem() or ui.window.contentItem()
    overlays = [item for item in root.childItems()
                if item.metaObject().className().startswith("QQuickOverlay")]
    inside = [child.metaObject().className() for overlay in overlays for child in overlay.childItems()
              if child.isVisible()]
    windows = [w.metaObject().className() for w in QGuiApplication.topLevelWindows()
               if w.isVisible() and w is not ui.window]
    return inside + windows


_devices: list[QPointingDevice] = []


def touchscreen() -> QPointingDevice:
    """One touchscreen for the whole run: Qt keeps every device registered until the application ends,
    so the Python side must not free it first."""
    if not _devices:
        _devices.append(QTest.createTouchDevice())
    return _devices[0]


def gestures(qtbot: Any, ui: KioskUi, field_name: str) -> dict[str, list[str]]:
    """Each way a shopper might ask for a context menu, and what opened after it."""
    field = ui.item(field_name)
    centre = field.mapToScene(QPointF(field.width() / 2, field.height() / 2)).toPoint()
    finger = touchscreen()

    def right_click() -> None:
        qtbot.mouseClick(ui.window, Qt.MouseButton.RightButton, pos=centre)

    def menu_key() -> None:
        qtbot.keyClick(ui.window, Qt.Key.Key_Menu)

    def long_mouse_press() -> None:
        qtbot.mousePress(ui.window, Qt.MouseButton.LeftButton, pos=centre)
        qtbot.wait(1200)
        qtbot.mouseRelease(ui.window, Qt.MouseButton.LeftButton, pos=centre)

    def long_touch() -> None:
        QTest.touchEvent(ui.window, finger).press(0, centre, ui.window)
        qtbot.wait(1200)
        QTest.touchEvent(ui.window, finger).release(0, centre, ui.window)

    opened = {}
    for gesture in (right_click, menu_key, long_mouse_press, long_touch):
        gesture()
        qtbot.wait(200)
        opened[gesture.__name__] = open_popups(ui)
    return opened


def test_text_fields_open_no_context_menu(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.lockdown
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    tap(qtbot, ui, ui.item("homeSearchField"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "search")
    opened = gestures(qtbot, ui, "searchField")
    assert opened == {gesture: [] for gesture in opened}
    assert ui.navigator.screen == "search" and ui.window.isVisible()


def test_form_fields_open_no_context_menu(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    open_delivery_form(qtbot, ui)
    opened = gestures(qtbot, ui, "deliveryName")
    assert opened == {gesture: [] for gesture in opened}
    assert ui.navigator.screen == "fulfilment"
