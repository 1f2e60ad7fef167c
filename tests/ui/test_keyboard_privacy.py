"""The on-screen keyboard forgets shoppers: nothing one shopper composes is offered to the next."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kiosk.ui.app import KioskUi
from tests.ui.test_search_screen import open_search

pytestmark = pytest.mark.gui


def test_a_phrase_composed_by_one_shopper_is_not_suggested_to_the_next(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    keyboard = open_search(qtbot, ui)
    qtbot.waitUntil(lambda: keyboard.locale() == "zh_CN")
    # 课乐 is no word: picked character by character, as a name or a street is, the engine would learn it
    keyboard.type("kele")
    qtbot.waitUntil(lambda: "课" in keyboard.candidates())
    assert "课乐" not in keyboard.candidates()
    qtbot.wait(300)  # let the candidate list finish creating its rows before it changes
    keyboard.select(keyboard.candidates().index("课"))
    qtbot.waitUntil(lambda: "乐" in keyboard.candidates())
    keyboard.select(keyboard.candidates().index("乐"))
    qtbot.waitUntil(lambda: ui.item("searchField").property("text") == "课乐")

    ui.shopper.session.wipe()
    keyboard = open_search(qtbot, ui)
    keyboard.type("kele")
    qtbot.waitUntil(lambda: len(keyboard.candidates()) > 5)
    assert keyboard.candidates()[0] == "可乐"
    assert "课乐" not in keyboard.candidates()


def test_the_keyboard_keeps_nothing_under_the_home_directory(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    keyboard = open_search(qtbot, ui)
    qtbot.waitUntil(lambda: keyboard.locale() == "zh_CN")
    keyboard.type("ke")
    qtbot.waitUntil(lambda: bool(keyboard.candidates()))  # the Pinyin engine is up
    assert not (Path(os.environ["HOME"]) / ".config" / "qtvirtualkeyboard").exists()
    user_data = ui.services.paths.keyboard if ui.services else None
    assert user_data is not None and user_data.is_dir()
    assert not [p for p in user_data.rglob("*") if p.is_file()]  # no dictionary of learnt words
