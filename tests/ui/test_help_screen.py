"""The help screen by touch: reached from the toolbar's Help button, its FAQ searched with the on-screen
keyboard (English letters, and Chinese by pinyin), "nothing matches" offering a call for an attendant,
and a call on a kiosk without a store saying plainly to ask at the counter, with a way back."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from kiosk import help_faq
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap
from tests.ui.keyboard import Keyboard

pytestmark = pytest.mark.gui


def open_help(qtbot: Any, ui: KioskUi) -> None:
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    tap(qtbot, ui, ui.item("helpButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "help")
    qtbot.waitUntil(lambda: bool(prop(ui, "helpScreen", "visible")))


def shown_faqs(ui: KioskUi) -> list[str]:
    return [faq["faqId"] for faq in ui.shopper.help.property("faqs")]


def type_in_field(qtbot: Any, ui: KioskUi) -> Keyboard:
    qtbot.waitUntil(lambda: bool(ui.item("keyboardLoader").property("item")))
    tap(qtbot, ui, ui.item("helpSearchField"))
    qtbot.waitUntil(lambda: ui.item("helpSearchField").hasActiveFocus())
    qtbot.waitUntil(lambda: ui.item("inputPanel").property("active"))
    return Keyboard(qtbot, ui)


def test_help_button_opens_every_question_and_back_returns(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    ui.shell.setProperty("language", "en_US")
    open_help(qtbot, ui)
    assert shown_faqs(ui) == [faq.id for faq in help_faq.FAQS]
    for faq in help_faq.FAQS:
        assert prop(ui, f"helpQuestion_{faq.id}", "text") == faq.question
        assert prop(ui, f"helpAnswer_{faq.id}", "text") == faq.answer
    assert not ui.item("helpNoMatch").isVisible()
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")


def test_typed_words_filter_and_nothing_matching_offers_a_call(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    ui.shell.setProperty("language", "en_US")
    open_help(qtbot, ui)
    keyboard = type_in_field(qtbot, ui)
    qtbot.waitUntil(lambda: keyboard.locale() == "en_US")
    keyboard.type("RECEIPT")  # case does not matter
    qtbot.waitUntil(lambda: ui.shopper.help.property("query").lower() == "receipt")
    expected = [faq.id for faq in help_faq.FAQS if "receipt" in (faq.question + faq.answer).lower()]
    assert "receipt_not_printed" in expected and len(expected) < len(help_faq.FAQS)
    qtbot.waitUntil(lambda: shown_faqs(ui) == expected)
    keyboard.type("zqx")
    qtbot.waitUntil(lambda: shown_faqs(ui) == [])
    assert ui.item("helpNoMatch").isVisible() and ui.item("helpNoMatchCall").isVisible()
    assert "zqx" in prop(ui, "helpNoMatch", "text").lower()
    tap(qtbot, ui, ui.item("helpSearchClear"))
    qtbot.waitUntil(lambda: len(shown_faqs(ui)) == len(help_faq.FAQS))


def test_pinyin_reaches_the_field(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    open_help(qtbot, ui)  # zh_CN: the keyboard types pinyin
    keyboard = type_in_field(qtbot, ui)
    qtbot.waitUntil(lambda: keyboard.locale() == "zh_CN")
    keyboard.type("kele")
    qtbot.waitUntil(lambda: bool(keyboard.candidates()))
    qtbot.wait(300)
    keyboard.select(0)
    qtbot.waitUntil(lambda: ui.shopper.help.property("query") == "可乐")
    # no FAQ speaks of cola (the Chinese text shows English until translated): nothing matches, said so
    qtbot.waitUntil(lambda: ui.item("helpNoMatch").isVisible())


def test_a_call_without_a_store_says_ask_at_the_counter(qtbot: Any, kiosk_ui: KioskUi,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    ui = kiosk_ui
    ui.shell.setProperty("language", "en_US")
    open_help(qtbot, ui)
    assert ui.shopper.help.property("callState") == ""
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.viewmodels.help"):
        tap(qtbot, ui, ui.item("helpCallAttendant"))
        qtbot.waitUntil(lambda: ui.shopper.help.property("callState") == "unreachable")
    assert "no store" in caplog.text
    assert "ask at the counter" in prop(ui, "helpCallStatus", "text")
    # a second tap within the minute is refused, kindly
    tap(qtbot, ui, ui.item("helpCallAttendant"))
    qtbot.waitUntil(lambda: bool(ui.shopper.session.property("toast")))
    tap(qtbot, ui, ui.item("homeButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    # the shopper leaves: the next one starts without a call
    ui.shopper.session.wipe()
    assert ui.shopper.help.property("callState") == ""


def test_a_shopper_waiting_for_staff_is_not_wiped_by_the_idle_timer(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    open_help(qtbot, ui)
    idle, help_vm = ui.shopper.idle, ui.shopper.help
    now = [1000.0]
    idle.clock = help_vm._clock = lambda: now[0]
    idle.poke()
    help_vm._last_call = now[0]  # called a moment ago, not answered yet
    help_vm.preview("onTheWay", "11:00", "")
    quiet = (idle.timeout_for("help") or 0) + ui.config.idle.countdown_s + 1
    now[0] += quiet
    idle.tick()
    assert ui.navigator.screen == "help" and not idle.property("warning")

    # staff answered: the ordinary idle time runs again
    help_vm.preview("seen", "11:00", "11:05")
    idle.tick()
    now[0] += quiet
    idle.tick()
    assert ui.navigator.screen == "attract"


def test_an_unanswered_call_holds_the_screen_for_a_quarter_of_an_hour_at_most(qtbot: Any,
                                                                             kiosk_ui: KioskUi) -> None:
    from kiosk.ui.viewmodels.help import WAIT_FOR_STAFF_S

    ui = kiosk_ui
    open_help(qtbot, ui)
    idle, help_vm = ui.shopper.idle, ui.shopper.help
    now = [1000.0]
    idle.clock = help_vm._clock = lambda: now[0]
    idle.poke()
    help_vm._last_call = now[0]
    help_vm.preview("onTheWay", "11:00", "")
    now[0] += WAIT_FOR_STAFF_S - 1
    idle.tick()  # still held: the quiet time counts from here
    assert ui.navigator.screen == "help"
    now[0] += 1 + (idle.timeout_for("help") or 0) + ui.config.idle.countdown_s
    idle.tick()
    assert ui.navigator.screen == "attract"
