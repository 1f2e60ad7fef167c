"""Search by the on-screen keyboard: English letters and Chinese by pinyin, results as you type."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap
from tests.ui.keyboard import Keyboard

pytestmark = pytest.mark.gui


def open_search(qtbot: Any, ui: KioskUi) -> Keyboard:
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    tap(qtbot, ui, ui.item("homeSearchField"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "search")
    qtbot.waitUntil(lambda: bool(ui.item("keyboardLoader").property("item")))
    qtbot.waitUntil(lambda: ui.item("searchField").hasActiveFocus())
    qtbot.waitUntil(lambda: ui.item("inputPanel").property("active"))
    assert ui.item("searchEmpty").isVisible()  # nothing typed: categories suggested
    return Keyboard(qtbot, ui)


def test_english_results_update_as_you_type(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    ui.shell.setLanguage("en_US")
    keyboard = open_search(qtbot, ui)
    qtbot.waitUntil(lambda: keyboard.locale() == "en_US")
    keyboard.type("co")
    qtbot.waitUntil(lambda: ui.shopper.search.state == "results")
    first = ui.shopper.search.results.rowCount()
    keyboard.type("la")
    qtbot.waitUntil(lambda: ui.item("searchField").property("text") == "cola")
    qtbot.waitUntil(lambda: "Cola" in str(prop(ui, "resultCard_0", "name")))
    assert ui.shopper.search.results.rowCount() <= first
    tap(qtbot, ui, ui.item("resultCard_0"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    assert "Cola" in str(ui.item("productName").property("text"))
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "search")
    assert ui.item("searchField").property("text") == "cola"  # the search is still there


def test_pinyin_kele_gives_kele_and_finds_cola(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    keyboard = open_search(qtbot, ui)
    qtbot.waitUntil(lambda: keyboard.locale() == "zh_CN")
    keyboard.type("kele")
    qtbot.waitUntil(lambda: bool(keyboard.candidates()))
    assert keyboard.candidates()[0] == "可乐"
    qtbot.wait(300)  # let the keyboard's candidate list finish creating its rows before it is cleared
    keyboard.select(0)
    qtbot.waitUntil(lambda: ui.item("searchField").property("text") == "可乐")
    qtbot.waitUntil(lambda: ui.shopper.search.state == "results")
    qtbot.waitUntil(lambda: "可乐" in str(prop(ui, "resultCard_0", "name")))


def test_no_results_suggests_categories(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    open_search(qtbot, ui)
    ui.shopper.search.setText("zzqxv")
    qtbot.waitUntil(lambda: ui.shopper.search.state == "noResults")
    assert "zzqxv" in str(ui.item("searchNoResults").property("text"))
    tap(qtbot, ui, ui.item("suggestCategory_0"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "category")


def test_pinyin_initials_search_while_still_composing(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    keyboard = open_search(qtbot, ui)
    qtbot.waitUntil(lambda: keyboard.locale() == "zh_CN")
    keyboard.type("kl")
    qtbot.waitUntil(lambda: ui.shopper.search.state == "results")
    field = ui.item("searchField")
    # no candidate picked: the letters are still being composed
    assert field.property("text") == "" and field.property("preeditText").replace(" ", "") == "kl"
    names = [str(prop(ui, f"resultCard_{i}", "name")) for i in range(3)]
    assert any("可乐" in name for name in names), names
    tap(qtbot, ui, ui.item("resultCard_0"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "search")
    # what the shopper typed is still searched when they come back
    assert ui.shopper.search.query == "kl" and ui.shopper.search.state == "results"
