"""The on-screen keyboard: keys and candidates are touch targets, it covers nothing a shopper needs, and it
goes away when the shopper is done with the field."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtQuick import QQuickItem

from kiosk.ui.app import KioskUi
from kiosk.ui.items import walk
from tests.ui.conftest import tap
from tests.ui.test_search_screen import open_search

pytestmark = pytest.mark.gui

TOOLBAR = ("helpButton", "languageSwitch", "accessibilityButton", "cartButton")


def design_rect(ui: KioskUi, item: QQuickItem) -> QRectF:
    """In the stage's design pixels (1080 wide in portrait, 1920 in landscape): 1080p pixels."""
    return item.mapRectToItem(ui.item("stage"), QRectF(0, 0, item.width(), item.height()))


def keys(panel: QQuickItem) -> list[QQuickItem]:
    return [i for i in walk(panel)
            if i.isVisible() and i.width() > 0 and i.metaObject().className().split("_")[0].endswith("Key")]


def candidates(panel: QQuickItem) -> list[QQuickItem]:
    return [i for i in walk(panel)
            if i.isVisible() and i.metaObject().className().startswith("SelectionListItem")]


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_keys_and_pinyin_candidates_are_touch_sized_and_inside_the_panel(
        qtbot: Any, kiosk_factory: Any, orientation: str) -> None:
    ui: KioskUi = kiosk_factory(ui={"orientation": orientation})
    keyboard = open_search(qtbot, ui)
    qtbot.waitUntil(lambda: keyboard.locale() == "zh_CN")
    panel = ui.item("inputPanel")
    found = keys(panel)
    assert len(found) >= 30
    assert min(design_rect(ui, k).height() for k in found) >= 64
    keyboard.type("ke")
    qtbot.waitUntil(lambda: len(candidates(panel)) > 3)
    qtbot.wait(100)  # layouts settle before the next frame
    shown = candidates(panel)
    assert min(design_rect(ui, c).height() for c in shown) >= 64
    assert min(design_rect(ui, c).width() for c in shown) >= 64  # one character is a target too
    panel_rect = design_rect(ui, panel)
    for candidate in shown:  # the candidates are part of the panel, not laid over the screen above it
        rect = design_rect(ui, candidate)
        assert rect.top() >= panel_rect.top() - 0.5 and rect.bottom() <= panel_rect.bottom() + 0.5


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_keyboard_leaves_the_field_and_the_toolbar_in_sight(
        qtbot: Any, kiosk_factory: Any, orientation: str) -> None:
    ui: KioskUi = kiosk_factory(ui={"orientation": orientation})
    keyboard = open_search(qtbot, ui)
    keyboard.type("ke")  # the Pinyin candidates are up too
    qtbot.waitUntil(lambda: bool(candidates(ui.item("inputPanel"))))
    qtbot.wait(100)  # layouts settle before the next frame

    def under_the_keyboard() -> list[str]:
        panel_top = design_rect(ui, ui.item("inputPanel")).top()
        return [name for name in ("searchField", *TOOLBAR)
                if not ui.item(name).isVisible() or design_rect(ui, ui.item(name)).bottom() > panel_top + 0.5]

    assert under_the_keyboard() == []
    # and a whole result card, price included, between the field and the toolbar
    qtbot.waitUntil(lambda: ui.shopper.search.state == "results")
    card = design_rect(ui, ui.item("resultCard_0"))
    assert card.bottom() <= design_rect(ui, ui.item("helpButton")).top()


def test_a_tap_beside_the_field_puts_the_keyboard_away_a_tap_on_it_or_a_drag_does_not(
        qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    keyboard = open_search(qtbot, ui)
    panel = ui.item("inputPanel")
    tap(qtbot, ui, ui.item("searchField"))
    keyboard.type("co")  # Pinyin: composing "c o", no candidate picked
    qtbot.wait(50)
    assert panel.property("active") and ui.item("searchField").hasActiveFocus()

    # a finger drags across the screen (scrolling): the keyboard stays
    start = ui.item("searchEmpty").mapToScene(QPointF(20, 20)).toPoint()
    qtbot.mousePress(ui.window, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(ui.window, pos=start + QPoint(0, 200))
    qtbot.mouseRelease(ui.window, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 200))
    qtbot.wait(50)
    assert panel.property("active")

    tap(qtbot, ui, ui.item("screenTitle"))  # nothing to press there
    qtbot.waitUntil(lambda: not panel.property("active"))
    assert not ui.item("searchField").hasActiveFocus()
    # the letters still being composed stay, as typed
    qtbot.waitUntil(lambda: ui.shopper.search.text == "co")

    tap(qtbot, ui, ui.item("searchField"))  # and a tap on the field brings it back
    qtbot.waitUntil(lambda: panel.property("active"))


def test_a_new_screen_puts_the_keyboard_away(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    open_search(qtbot, ui)
    panel = ui.item("inputPanel")
    tap(qtbot, ui, ui.item("cartButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart")
    qtbot.waitUntil(lambda: not panel.property("active"))
    ui.navigator.back()  # the search screen takes its field's focus again as it comes back
    qtbot.waitUntil(lambda: ui.navigator.screen == "search")
    assert not panel.property("active")


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_suggested_categories_keep_their_size_above_the_keyboard(
        qtbot: Any, kiosk_factory: Any, orientation: str) -> None:
    ui: KioskUi = kiosk_factory(ui={"orientation": orientation})
    open_search(qtbot, ui)  # the keyboard is up, little room is left
    qtbot.wait(100)  # layouts settle before the next frame
    count = ui.shopper.catalog.property("categories").rowCount()
    chips = [ui.item(f"suggestCategory_{i}") for i in range(count)]
    assert len(chips) > 5 and min(design_rect(ui, chip).height() for chip in chips) >= 64
