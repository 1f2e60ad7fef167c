"""Idle: "still there?" after the screen's quiet time, a countdown, then the whole session is wiped."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap

pytestmark = pytest.mark.gui


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(kiosk_ui: KioskUi) -> FakeClock:
    fake = FakeClock()
    kiosk_ui.shopper.idle.clock = fake
    kiosk_ui.shopper.idle.poke()
    return fake


def shop_a_little(qtbot: Any, ui: KioskUi) -> None:
    """English, high contrast, a search typed, one product in the cart, on the product screen."""
    tap(qtbot, ui, ui.item("languageEn"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    ui.shell.setAccessibility(True, True, False)
    ui.shopper.search.setText("cola")
    tap(qtbot, ui, ui.item("featuredCard_0"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("addToCart"))
    qtbot.waitUntil(lambda: ui.shopper.session.cartCount == 1)


def test_warning_countdown_then_wipe_back_to_attract(qtbot: Any, kiosk_ui: KioskUi, clock: FakeClock) -> None:
    ui, idle, config = kiosk_ui, kiosk_ui.shopper.idle, kiosk_ui.config.idle
    shop_a_little(qtbot, ui)
    clock.now += config.product_s - 1
    idle.tick()
    assert not idle.warning
    clock.now += 1
    idle.tick()
    assert idle.warning
    qtbot.waitUntil(lambda: bool(prop(ui, "idleOverlay", "visible")))
    assert prop(ui, "idleCountdown", "text") == str(config.countdown_s)
    clock.now += 5
    idle.tick()
    qtbot.waitUntil(lambda: prop(ui, "idleCountdown", "text") == str(config.countdown_s - 5))
    clock.now += config.countdown_s
    idle.tick()
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")
    # nothing of the shopper is left
    assert ui.shopper.state.item_count == 0 and ui.shopper.state.lines == []
    assert ui.shopper.search.text == "" and ui.shopper.search.state == "empty"
    assert ui.shopper.catalog.products.rowCount() == 0 and ui.shopper.catalog.categoryName == ""
    assert ui.shell.language == ui.config.ui.language
    assert not (ui.shell.largeText or ui.shell.highContrast or ui.shell.reachMode)
    assert not idle.warning
    qtbot.waitUntil(lambda: not prop(ui, "idleOverlay", "visible"))
    assert prop(ui, "attractPrompt", "visible")


def test_still_here_keeps_the_session(qtbot: Any, kiosk_ui: KioskUi, clock: FakeClock) -> None:
    ui, idle = kiosk_ui, kiosk_ui.shopper.idle
    shop_a_little(qtbot, ui)
    clock.now += ui.config.idle.product_s + 3
    idle.tick()
    qtbot.waitUntil(lambda: bool(prop(ui, "stillHereButton", "visible")))
    button = ui.item("stillHereButton")
    assert button.height() >= 128  # large: whoever is there can hit it
    tap(qtbot, ui, button)
    qtbot.waitUntil(lambda: not idle.warning)
    clock.now += ui.config.idle.product_s - 1
    idle.tick()
    assert not idle.warning
    assert ui.navigator.screen == "product" and ui.shopper.session.cartCount == 1


def test_attract_never_times_out_and_each_screen_has_its_own_time(qtbot: Any, kiosk_ui: KioskUi,
                                                                    clock: FakeClock) -> None:
    ui, idle, config = kiosk_ui, kiosk_ui.shopper.idle, kiosk_ui.config.idle
    clock.now += 10_000
    idle.tick()
    assert not idle.warning and ui.navigator.screen == "attract"
    assert idle.timeout_for("attract") is None and idle.timeout_for("payment") is None
    assert idle.timeout_for("home") == config.home_s and idle.timeout_for("search") == config.search_s
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    clock.now += config.home_s
    idle.tick()
    assert idle.warning


def test_a_touch_counts_as_activity(qtbot: Any, kiosk_ui: KioskUi, clock: FakeClock) -> None:
    ui, idle = kiosk_ui, kiosk_ui.shopper.idle
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    clock.now += ui.config.idle.home_s - 5
    tap(qtbot, ui, ui.item("homeWelcome"))  # not a control, still a shopper
    clock.now += 10
    idle.tick()
    assert not idle.warning
