"""The QML shell: navigation by touch, lockdown, orientation, and the out-of-service screen."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent

from kiosk.ui.app import KioskUi
from tests.ui.conftest import tap

pytestmark = pytest.mark.gui


def test_tap_attract_goes_home_and_back(qtbot: Any, kiosk_ui: KioskUi) -> None:
    assert kiosk_ui.navigator.screen == "attract"
    assert kiosk_ui.item("attractStoreName").property("text") == "云商城自助终端"
    tap(qtbot, kiosk_ui, kiosk_ui.item("attractScreen"))
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "home")
    tap(qtbot, kiosk_ui, kiosk_ui.item("backButton"))
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "attract")


def test_language_buttons_choose_the_session_language(qtbot: Any, kiosk_ui: KioskUi) -> None:
    tap(qtbot, kiosk_ui, kiosk_ui.item("languageEn"))
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "home")
    assert kiosk_ui.shell.language == "en_US"
    assert kiosk_ui.item("homeWelcome").property("text") == "Welcome"


@pytest.mark.parametrize(("orientation", "size"), [("portrait", (1080, 1920)), ("landscape", (1920, 1080))])
def test_stage_has_the_design_size_of_each_orientation(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi], orientation: str, size: tuple[int, int]) -> None:
    ui = kiosk_factory(ui={"orientation": orientation})
    stage = ui.item("stage")
    assert (stage.width(), stage.height()) == size
    # scaled to fit the window without cropping
    fit = min(ui.window.width() / size[0], ui.window.height() / size[1])
    qtbot.waitUntil(lambda: stage.scale() == pytest.approx(fit))


def test_touch_targets_are_at_least_64_px(kiosk_ui: KioskUi) -> None:
    for name in ("languageZh", "languageEn"):
        button = kiosk_ui.item(name)
        assert button.width() >= 64 and button.height() >= 64


def test_lockdown_ignores_escape_alt_f4_and_close(qtbot: Any, kiosk_ui: KioskUi) -> None:
    assert kiosk_ui.lockdown
    for key, mods in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)):
        qtbot.keyClick(kiosk_ui.window, key, mods)
    kiosk_ui.window.close()
    QCoreApplication.processEvents()
    assert kiosk_ui.window.isVisible()
    assert kiosk_ui.navigator.screen == "attract"


def test_windowed_mode_is_not_locked(qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory(ui={"windowed": True})
    assert not ui.lockdown
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert not ui.lockdown_filter.eventFilter(ui.window, event)
    ui.window.close()
    qtbot.waitUntil(lambda: not ui.window.isVisible())


@pytest.mark.qt_no_exception_capture
def test_uncaught_exception_shows_out_of_service_and_logs(
        qtbot: Any, kiosk_ui: KioskUi, caplog: pytest.LogCaptureFixture) -> None:
    def broken_slot() -> None:
        raise RuntimeError("printer driver exploded")

    with caplog.at_level(logging.CRITICAL, logger="kiosk.ui.app"):
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "outOfService")
    assert "printer driver exploded" in caplog.text
    code = kiosk_ui.item("outOfServiceCode").property("text")
    assert "RuntimeError" in code and "exploded" not in code  # no traceback on screen
    kiosk_ui.navigator.reset()  # the screen's own countdown does this after 60 s
    assert kiosk_ui.navigator.screen == "attract"


def test_every_interactive_item_has_an_object_name(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    # keep every shopper screen alive at once: home, search, category, product
    for name in ("homeSearchField", "suggestCategory_0", "gridCard_0"):
        tap(qtbot, ui, ui.item(name))
        qtbot.wait(50)
    assert ui.navigator.stack == ["attract", "home", "search", "category", "product"]
    stack, buttons, areas = [ui.window.contentItem()], [], []
    while stack:
        item = stack.pop()
        if item.objectName() == "inputPanel":
            continue  # Qt's keyboard: its keys are not ours to name
        stack.extend(item.childItems())
        kind = item.metaObject().className()
        if kind.startswith(("KioskButton", "ProductCard", "QQuickTextField")):
            buttons.append(item)
        elif kind == "QQuickMouseArea" and item.parentItem() is not None:
            areas.append(item)
    assert len(buttons) > 20, "no buttons found"
    assert [b.metaObject().className() for b in buttons if not b.objectName()] == []
    # a bare MouseArea is interactive too: it or the item it covers carries the name
    unnamed = [a for a in areas if not (a.objectName() or a.parentItem().objectName())]
    assert unnamed == []
