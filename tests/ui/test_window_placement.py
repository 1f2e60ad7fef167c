"""The kiosk window: the whole screen when fullscreen (with or without a window manager), the design's
aspect when windowed, scaled down to fit and said so in the log."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt

from kiosk.ui.app import KioskUi
from kiosk.ui.placement import windowed_size

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_windowed_keeps_the_design_aspect_and_logs_the_scale(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi], caplog: pytest.LogCaptureFixture,
        orientation: str) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.ui.placement")
    ui = kiosk_factory(ui={"windowed": True, "orientation": orientation})
    screen = ui.window.screen().availableGeometry()
    design = (1080, 1920) if orientation == "portrait" else (1920, 1080)
    width, height = ui.window.width(), ui.window.height()
    # the offscreen screen is smaller than the design: scaled down, never cropped, aspect kept
    assert width <= screen.width() and height <= screen.height()
    assert width / height == pytest.approx(design[0] / design[1], abs=0.01)
    assert max(width / screen.width(), height / screen.height()) == pytest.approx(0.95, abs=0.01)
    scaled = [r.getMessage() for r in caplog.records if "window scaled to" in r.getMessage()]
    assert len(scaled) == 1, caplog.text
    assert f"{width}×{height}" in scaled[0] and f"{design[0]}×{design[1]}" in scaled[0]


def test_windowed_follows_an_orientation_change(qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory(ui={"windowed": True, "orientation": "portrait"})
    assert ui.window.width() < ui.window.height()
    ui.shell.setProperty("orientation", "landscape")
    qtbot.waitUntil(lambda: ui.window.width() > ui.window.height())
    assert ui.window.width() / ui.window.height() == pytest.approx(1920 / 1080, abs=0.01)
    assert ui.window.width() <= ui.window.screen().availableGeometry().width()


def test_fullscreen_stays_fullscreen_when_the_orientation_changes(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    ui.window.setWindowState(Qt.WindowState.WindowNoState)  # as with no window manager
    ui.shell.setProperty("orientation", "landscape")
    qtbot.wait(50)
    assert ui.window.geometry() == ui.window.screen().geometry()


def test_no_scaling_and_no_note_on_a_screen_big_enough() -> None:
    size, scale = windowed_size("landscape", QRect(0, 0, 3840, 2160))
    assert (size.width(), size.height(), scale) == (1920, 1080, 1.0)
    size, scale = windowed_size("portrait", QRect(0, 0, 1920, 1080))
    assert (size.width(), size.height()) == (577, 1026) and scale == pytest.approx(0.534, abs=0.001)


def test_fullscreen_takes_the_screen_and_keeps_it(qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    screen = ui.window.screen()
    qtbot.waitUntil(lambda: ui.window.geometry() == screen.geometry())
    # no window manager made it fullscreen (offscreen does, so undo that), then the screen changes size:
    # the kiosk fills it again by itself
    ui.window.setWindowState(Qt.WindowState.WindowNoState)
    ui.window.setGeometry(QRect(0, 0, 540, 960))
    qtbot.waitUntil(lambda: ui.window.width() == 540)
    screen.geometryChanged.emit(screen.geometry())
    qtbot.waitUntil(lambda: ui.window.geometry() == screen.geometry())
