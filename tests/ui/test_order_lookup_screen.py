"""The order lookup screen by touch: reached from the attract screen and from the help answer about
changing an order, the number typed on the digit keypad and shown grouped as printed, an incomplete
field named before anything is asked, a scanned receipt QR taking the shopper to their order from any
screen, the lookup code beside the order number once paid, and the idle wipe forgetting it all."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.order_rules import lookup_code
from kiosk.ui.app import KioskUi
from kiosk.ui.tour import sample_order
from tests.ui.conftest import prop, tap

pytestmark = pytest.mark.gui

RECEIPT_URL = "http://127.0.0.1:8765/o/5b0e4c1a-7d2f-4e8b-9a61-c3f0d2e4b7a9"


def type_digits(qtbot: Any, ui: KioskUi, digits: str) -> None:
    for digit in digits:
        tap(qtbot, ui, ui.item(f"keypad_{digit}"))


def open_lookup(qtbot: Any, ui: KioskUi) -> None:
    tap(qtbot, ui, ui.item("attractMyOrder"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "orderLookup")
    qtbot.waitUntil(lambda: bool(prop(ui, "orderLookupScreen", "visible")))


def test_attract_button_opens_the_keypad_and_the_number_shows_grouped(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    ui.shell.setProperty("language", "en_US")
    open_lookup(qtbot, ui)
    type_digits(qtbot, ui, "0112070042")
    qtbot.waitUntil(lambda: prop(ui, "lookupNumberFieldText", "text") == "01 1207 0042")
    tap(qtbot, ui, ui.item("keypadDelete"))
    assert prop(ui, "lookupNumberFieldText", "text") == "01 1207 004"
    tap(qtbot, ui, ui.item("keypad_2"))
    # the code is typed into the field the shopper taps
    tap(qtbot, ui, ui.item("lookupCodeField"))
    qtbot.waitUntil(lambda: ui.shopper.my_order.property("activeField") == "code")
    type_digits(qtbot, ui, "482199")  # a fifth and sixth digit do not fit
    assert prop(ui, "lookupCodeFieldText", "text") == "4821"
    assert prop(ui, "lookupNumberFieldText", "text") == "01 1207 0042"
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")


def test_an_incomplete_field_is_named_and_nothing_is_asked(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    ui.shell.setProperty("language", "en_US")
    open_lookup(qtbot, ui)
    type_digits(qtbot, ui, "01120")
    tap(qtbot, ui, ui.item("lookupFind"))
    qtbot.waitUntil(lambda: bool(prop(ui, "lookupNumberFieldError", "visible")))
    assert "whole order number" in prop(ui, "lookupNumberFieldError", "text")
    assert "4 digits" in prop(ui, "lookupCodeFieldError", "text")
    assert not ui.shopper.my_order.property("busy")
    # the number made whole and the code still short: only the code is named
    type_digits(qtbot, ui, "70042")
    tap(qtbot, ui, ui.item("lookupCodeField"))
    type_digits(qtbot, ui, "48")
    tap(qtbot, ui, ui.item("lookupFind"))
    qtbot.waitUntil(lambda: bool(prop(ui, "lookupCodeFieldError", "visible")))
    assert not ui.item("lookupNumberFieldError").isVisible()
    assert ui.navigator.screen == "orderLookup"


def test_the_help_answer_about_changing_an_order_leads_to_the_lookup(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    tap(qtbot, ui, ui.item("helpButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "help")
    button = ui.item("helpMyOrder_change_order")
    qtbot.waitUntil(button.isVisible)
    ui.item("helpFaqList").setProperty("contentY", button.mapToItem(ui.item("helpFaqList"), 0, 0).y() - 50)
    qtbot.wait(50)
    tap(qtbot, ui, button)
    qtbot.waitUntil(lambda: ui.navigator.screen == "orderLookup")
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "help")


def test_a_scanned_receipt_qr_goes_to_the_order_and_never_says_not_in_the_catalog(
        qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.services is not None
    ui.shell.setProperty("language", "en_US")
    ui.shopper.catalog.openProduct(int(ui.shopper.catalog.property("featured").raw(0).id))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    # as kiosk.app publishes a scanner's read of a QR code (text, no GTIN)
    ui.services.events.publish("device.scan", ok=True, kind="text", data=RECEIPT_URL, gtin="", error="")
    qtbot.waitUntil(lambda: ui.navigator.screen == "orderLookup")
    # this kiosk has no store: it says so, with the keypad and Back as the ways on
    qtbot.waitUntil(lambda: "cannot reach the store" in (prop(ui, "lookupMessage", "text") or ""))
    assert "catalog" not in (prop(ui, "toastText", "text") or "")
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")


def test_the_order_screen_shows_the_lookup_code_beside_the_number(qtbot: Any, kiosk_ui: KioskUi) -> None:
    from kiosk.checkout import CheckoutUpdate, Phase
    from kiosk.orders import Contact

    ui = kiosk_ui
    ui.shell.setProperty("language", "en_US")
    uuid = "0f6c1d2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5"
    ui.navigator.push("home")
    ui.shopper.payment.preview("pickup", Contact(), "wechat",
                               CheckoutUpdate(Phase.PAID, uuid, "K01-1207-0042", 1250, "CNY"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "done")
    qtbot.waitUntil(lambda: bool(prop(ui, "doneLookupCode", "visible")))
    assert prop(ui, "doneLookupCode", "text") == f"Lookup code {lookup_code(uuid)}"


def test_the_idle_wipe_forgets_the_typed_number_and_the_order(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    mine = ui.shopper.my_order
    open_lookup(qtbot, ui)
    type_digits(qtbot, ui, "0112070042")
    mine.show_order(sample_order("ACCEPTED"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order")
    assert prop(ui, "orderNumber", "text") == "K01-1207-0042"
    ui.shopper.idle.expired.emit()  # the countdown ran out
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")
    assert not mine.property("hasOrder")
    assert mine.property("numberText") == "" and mine.property("orderNo") == ""
    assert mine.property("timeline") == [] and mine.property("lines") == []
    open_lookup(qtbot, ui)  # the next shopper starts with an empty keypad
    assert prop(ui, "lookupNumberFieldText", "text") != "01 1207 0042"
