"""Text from a scan, the catalog or a shopper reaches the screen as characters: markup is shown as
typed, never rendered; control bytes never reach a visible text; a bad read says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db.models import Product, Review
from kiosk.devices.scans import parse_scan, scan_event
from kiosk.ui.app import KioskUi
from tests.ui.conftest import open_delivery_form, prop, tap
from tests.ui.plain_text import CONTROLS, MARKUP, assert_no_controls_on_screen, assert_shown_literally

pytestmark = pytest.mark.gui

MISREAD = "无法识别该条码，请重新扫描"


def scan(ui: KioskUi, raw: str) -> None:
    """A frame as the scanner adapter parses it and kiosk.app publishes it (from the device thread)."""
    assert ui.services is not None
    ui.services.events.publish("device.scan", **scan_event(parse_scan(raw)))


def toast(qtbot: Any, ui: KioskUi) -> str:
    qtbot.waitUntil(lambda: bool(prop(ui, "toast", "visible")))
    return str(prop(ui, "toastText", "text"))


def home(qtbot: Any, ui: KioskUi) -> None:
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")


def open_changed_product(qtbot: Any, ui: KioskUi, change: Callable[[Session, Product], None]) -> None:
    """Change a product in the kiosk's database, as a careless store's catalog could, and open it."""
    assert ui.services is not None
    with ui.services.db.write() as s:
        product = s.scalars(select(Product).where(Product.stock > 5).order_by(Product.id)).first()
        assert product is not None and product.specs
        change(s, product)
        product_id = product.id
    home(qtbot, ui)
    ui.shopper.catalog.openProduct(product_id)
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")


def test_a_scanned_code_with_markup_is_shown_as_text(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    home(qtbot, ui)
    scan(ui, MARKUP)
    text = toast(qtbot, ui)
    assert text == f"未找到条码为 {MARKUP} 的商品"
    assert_shown_literally(ui.item("toastText"))
    assert_no_controls_on_screen(ui)


@pytest.mark.parametrize("raw", [
    CONTROLS + MARKUP,  # line noise around a code
    "\x00\x07\ufffd\x1b[2J#~",  # what the demo's line noise decodes to
    "4006381333932",  # an EAN-13 whose check digit is wrong: a misread, not an unknown product
    "]E04006381333932",
    " ",
])
def test_an_unreadable_scan_asks_for_another(qtbot: Any, kiosk_ui: KioskUi, raw: str) -> None:
    ui = kiosk_ui
    home(qtbot, ui)
    scan(ui, raw)
    assert toast(qtbot, ui) == MISREAD
    assert ui.navigator.screen == "home"
    assert_no_controls_on_screen(ui)


def test_a_misread_in_english(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    home(qtbot, ui)
    tap(qtbot, ui, ui.item("languageSwitch"))
    scan(ui, "4006381333932")
    assert toast(qtbot, ui) == "Could not read the code, please scan again"


def test_a_product_name_brand_and_spec_with_markup_are_shown_as_text(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui

    def change(_s: Session, product: Product) -> None:
        product.name_zh = MARKUP + CONTROLS
        product.brand = CONTROLS + MARKUP
        product.description_zh = f"{MARKUP}\n{CONTROLS}第二行"
        product.specs[0].value_zh = MARKUP

    open_changed_product(qtbot, ui, change)
    for name in ("productName", "productBrand", "productDescription", "specValue_0"):
        assert_shown_literally(ui.item(name))
    assert prop(ui, "productDescription", "lineCount") >= 2  # its own line break is kept
    assert_no_controls_on_screen(ui)

    tap(qtbot, ui, ui.item("addToCart"))
    qtbot.waitUntil(lambda: ui.shopper.state.item_count == 1)
    tap(qtbot, ui, ui.item("cartButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart")
    assert_shown_literally(ui.item("cartLineName_0"))
    assert_no_controls_on_screen(ui)


def test_a_long_product_name_is_capped(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    open_changed_product(qtbot, ui, lambda _s, product: setattr(product, "name_zh", "长" * 5000))
    shown = str(prop(ui, "productName", "text"))
    assert shown.endswith("…") and len(shown) <= 200


def test_a_review_with_markup_is_shown_as_text(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui

    def add_review(s: Session, product: Product) -> None:
        s.add(Review(product_id=product.id, rating=5, text=CONTROLS + MARKUP, language="zh_CN",
                     created_on=dt.date.today() + dt.timedelta(days=1), author_masked="<b>王*</b>\x07"))

    open_changed_product(qtbot, ui, add_review)
    assert_shown_literally(ui.item("reviewText_0"))  # the newest review comes first
    assert_shown_literally(ui.item("reviewAuthor_0"), "<b>王*</b>")
    assert_no_controls_on_screen(ui)


def test_a_delivery_field_with_markup_and_control_bytes(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    home(qtbot, ui)
    open_delivery_form(qtbot, ui)

    # a paste or a wedge scanner typing into the focused field
    ui.item("deliveryAddress").setProperty("text", "北京市" + CONTROLS + MARKUP)
    tap(qtbot, ui, ui.item("payWechat"))
    qtbot.waitUntil(lambda: bool(prop(ui, "deliveryAddressError", "visible")))
    assert prop(ui, "deliveryAddressError", "text") == "请删除表情和特殊符号"
    assert MARKUP in str(prop(ui, "deliveryAddress", "displayText"))
    assert_no_controls_on_screen(ui)


def test_a_search_for_markup_says_nothing_found_in_plain_text(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    home(qtbot, ui)
    ui.navigator.push("search")
    ui.item("searchField").setProperty("text", CONTROLS + MARKUP)
    qtbot.waitUntil(lambda: ui.shopper.search.property("state") == "noResults")
    assert_shown_literally(ui.item("searchNoResults"))
    assert_no_controls_on_screen(ui)


def test_the_order_screen_shows_the_delivery_address_as_text(qtbot: Any, kiosk_ui: KioskUi) -> None:
    from kiosk.checkout import CheckoutUpdate, Phase
    from kiosk.devices.ports import JobOutcome
    from kiosk.orders import Contact

    ui = kiosk_ui
    home(qtbot, ui)
    contact = Contact("张伟" + CONTROLS, "13800138000", MARKUP)
    update = CheckoutUpdate(Phase.PAID, "test", "K03-0101-0001", 1990, "CNY", receipt=JobOutcome.PRINTED)
    ui.shopper.payment.preview("delivery", contact, "wechat", update)
    qtbot.waitUntil(lambda: ui.navigator.screen == "done")
    assert_shown_literally(ui.item("doneFulfilment"))
    assert_no_controls_on_screen(ui)
