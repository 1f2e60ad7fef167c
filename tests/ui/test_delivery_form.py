"""The delivery form: what is accepted, a clear message for anything else, and the delivery fee."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRectF

from kiosk.contact_rules import (
    ADDRESS_MAX,
    NAME_MAX,
    Problem,
    check_address,
    check_name,
    check_phone,
    clean,
    phone_digits,
)
from kiosk.sync.protocol import delivery_fee_minor
from kiosk.ui.app import KioskUi
from tests.ui.conftest import open_delivery_form, prop, tap

ODD = ["", "   ", "\t\n", "😀", "张😀伟", "\x00\x07", "A" * 5000, "‮evil", "\ud800", "·", "  张 伟  "]


@pytest.mark.parametrize(("text", "problem"), [
    ("张伟", Problem.NONE), ("  张 伟 ", Problem.NONE), ("阿卜杜·热合曼", Problem.NONE),
    ("Mary O'Neil-Smith", Problem.NONE), ("", Problem.REQUIRED), ("   ", Problem.REQUIRED),
    ("·", Problem.REQUIRED), ("张伟😀", Problem.SYMBOLS), ("Agent 007", Problem.SYMBOLS),
    ("x" * (NAME_MAX + 1), Problem.TOO_LONG), ("\u200b张伟", Problem.SYMBOLS),
])
def test_names(text: str, problem: Problem) -> None:
    assert check_name(text) is problem


@pytest.mark.parametrize(("text", "problem"), [
    ("13800138000", Problem.NONE), ("138 0013 8000", Problem.NONE), ("138-0013-8000", Problem.NONE),
    ("１３８００１３８０００", Problem.NONE),  # full-width digits from a Chinese keyboard
    ("", Problem.REQUIRED), ("  ", Problem.REQUIRED), ("12345", Problem.PHONE),
    ("12800138000", Problem.PHONE), ("138001380001", Problem.PHONE), ("1380013800a", Problem.PHONE),
    ("+8613800138000", Problem.PHONE), ("📞13800138000", Problem.PHONE),
])
def test_mainland_mobile_numbers(text: str, problem: Problem) -> None:
    assert check_phone(text) is problem


@pytest.mark.parametrize(("text", "problem"), [
    ("北京市朝阳区建国路88号", Problem.NONE), ("上海市浦东新区世纪大道100号 12楼#1203", Problem.NONE),
    ("12 Nanjing Rd (W), Apt 3/4", Problem.NONE), ("", Problem.REQUIRED), ("   ", Problem.REQUIRED),
    ("北京", Problem.TOO_SHORT), ("北京市朝阳区🏠", Problem.SYMBOLS), ("北京市朝阳区\x00", Problem.SYMBOLS),
    ("路" * (ADDRESS_MAX + 1), Problem.TOO_LONG),
])
def test_addresses(text: str, problem: Problem) -> None:
    assert check_address(text) is problem


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_raises(text: str) -> None:
    for check in (check_name, check_phone, check_address):
        assert isinstance(check(text), Problem)
    assert isinstance(clean(text), str) and isinstance(phone_digits(text), str)


def test_delivery_fee_is_free_from_99_and_pickup_is_free() -> None:
    assert delivery_fee_minor("delivery", 9899) == 1000
    assert delivery_fee_minor("delivery", 9900) == 0
    assert delivery_fee_minor("pickup", 1) == 0


@pytest.mark.gui
def test_messages_for_odd_input_on_screen_and_a_wipe_forgets_the_form(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    form = ui.shopper.fulfilment
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    ui.shopper.catalog.openProduct(int(ui.shopper.catalog.property("featured").raw(0).id))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("addToCart"))
    ui.shopper.cart.open()
    tap(qtbot, ui, ui.item("cartCheckout"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "fulfilment")
    assert prop(ui, "deliveryOption", "title") == "送货上门"
    assert prop(ui, "deliveryOption", "detail") == "运费 ¥10.00，满 ¥99.00 免运费"
    tap(qtbot, ui, ui.item("deliveryOption"))
    qtbot.waitUntil(lambda: bool(prop(ui, "deliveryName", "visible")))
    assert not prop(ui, "deliveryNameError", "visible")  # no message before the shopper tries to pay

    # what a paste or a stuck key would put in the fields
    ui.item("deliveryName").setProperty("text", "   ")
    ui.item("deliveryPhone").setProperty("text", "😀😀")
    ui.item("deliveryAddress").setProperty("text", "路" * 180)
    tap(qtbot, ui, ui.item("payWechat"))
    qtbot.waitUntil(lambda: bool(prop(ui, "deliveryNameError", "visible")))
    assert ui.navigator.screen == "fulfilment"
    assert prop(ui, "deliveryNameError", "text") == "请输入收货人姓名"
    assert prop(ui, "deliveryPhoneError", "text").startswith("请输入以 1 开头的 11 位手机号码")
    assert prop(ui, "deliveryAddressError", "text") == f"太长了：最多 {ADDRESS_MAX} 个字"
    ui.item("deliveryName").setProperty("text", "张伟🙂")
    qtbot.waitUntil(lambda: prop(ui, "deliveryNameError", "text") == "请只输入文字，不要使用表情、数字或符号")
    ui.item("deliveryAddress").setProperty("text", "北京市朝阳区🏠")
    qtbot.waitUntil(lambda: prop(ui, "deliveryAddressError", "text") == "请删除表情和特殊符号")

    # English, live
    tap(qtbot, ui, ui.item("languageSwitch"))
    english = "Please remove emoji and special symbols"
    qtbot.waitUntil(lambda: prop(ui, "deliveryAddressError", "text") == english)
    assert prop(ui, "summaryShipping", "text") == "CN¥10.00"

    # pickup needs none of it: the messages go, and paying is not held back by the form
    tap(qtbot, ui, ui.item("pickupOption"))
    qtbot.waitUntil(lambda: not prop(ui, "deliveryForm", "visible"))
    assert form.valid() and form.contact().phone == ""

    ui.shopper.session.wipe()
    assert ui.shopper.state.form_fields == {}
    assert (form.name, form.phone, form.address, form.delivery) == ("", "", "", False)
    assert form.property("nameError") == ""


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_a_refused_pay_shows_the_first_field_to_fix_whole_with_large_text(
        qtbot: Any, kiosk_factory: Any, orientation: str) -> None:
    ui: KioskUi = kiosk_factory(ui={"orientation": orientation})
    ui.shell.setAccessibility(True, False, True)  # larger text and reach mode: the form area is smallest
    ui.shopper.catalog.openProduct(int(ui.shopper.catalog.property("featured").raw(0).id))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("buyNow"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "fulfilment")
    flick = ui.item("fulfilmentFlick")
    # the little room there is scrolls, as a finger would drag it, to the option
    option = ui.item("deliveryOption")
    flick.setProperty("contentY", option.mapToItem(flick.property("contentItem"), QPointF(0, 0)).y())
    tap(qtbot, ui, option)
    qtbot.waitUntil(lambda: bool(prop(ui, "deliveryName", "visible")))
    flick.setProperty("contentY", 0)
    form = ui.shopper.fulfilment
    form.setName("张伟")
    form.setPhone("12345")  # the one field that is wrong, the second of three
    form.setAddress("北京市朝阳区建国路88号")
    tap(qtbot, ui, ui.item("payWechat"))
    qtbot.waitUntil(lambda: bool(prop(ui, "deliveryPhoneError", "visible")))
    view = flick.mapRectToScene(QRectF(0, 0, flick.width(), flick.height()))

    def in_view(name: str) -> bool:
        item = ui.item(name)
        rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        return view.top() - 0.5 <= rect.top() and rect.bottom() <= view.bottom() + 0.5

    qtbot.waitUntil(lambda: in_view("deliveryPhone") and in_view("deliveryPhoneError"))


def test_a_tap_beside_the_form_puts_the_keyboard_away(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    open_delivery_form(qtbot, ui)
    tap(qtbot, ui, ui.item("deliveryName"))
    qtbot.waitUntil(lambda: bool(prop(ui, "inputPanel", "active")))
    tap(qtbot, ui, ui.item("summaryTotal"))  # the amount: nothing to press
    qtbot.waitUntil(lambda: not prop(ui, "inputPanel", "active"))
