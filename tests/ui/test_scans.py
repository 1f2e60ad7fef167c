"""A barcode scan opens that product from any shopper screen; an unknown code says so."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from kiosk.db.models import Product, ProductBarcode
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap

pytestmark = pytest.mark.gui


def scan(ui: KioskUi, gtin: str) -> None:
    assert ui.services is not None
    # as kiosk.app publishes a scanner's reads, from the device thread
    ui.services.events.publish("device.scan", ok=True, kind="gtin", data=gtin, gtin=gtin, error="")


def test_known_gtin_opens_the_product_even_from_attract(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.services is not None
    with ui.services.db.read() as s:
        gtin, name = s.execute(select(ProductBarcode.gtin, Product.name_zh)
                               .join(Product).order_by(Product.id.desc())).first()  # type: ignore[misc]
    scan(ui, gtin)
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    assert prop(ui, "productName", "text") == name
    ui.navigator.back()
    assert ui.navigator.screen == "home"


def test_unknown_gtin_shows_a_not_found_toast(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    ui.navigator.push("home")
    scan(ui, "4006381333931")
    qtbot.waitUntil(lambda: bool(prop(ui, "toast", "visible")))
    assert "4006381333931" in prop(ui, "toastText", "text")
    assert "未找到" in prop(ui, "toastText", "text")
    assert ui.navigator.screen == "home"


def test_scanned_then_buy_now_goes_straight_to_pickup_or_delivery(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.services is not None
    with ui.services.db.read() as s:
        gtin = s.execute(select(ProductBarcode.gtin).join(Product)
                         .where(Product.stock > 5).order_by(Product.id)).scalars().first()
    assert gtin is not None
    scan(ui, gtin)  # from the attract screen
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("buyNow"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "fulfilment")
    assert [line.quantity for line in ui.shopper.state.lines] == [1]
    # back to the product and "buy now" again: the cart already holds it, nothing is added twice
    ui.navigator.back()
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("buyNow"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "fulfilment")
    assert [line.quantity for line in ui.shopper.state.lines] == [1]
