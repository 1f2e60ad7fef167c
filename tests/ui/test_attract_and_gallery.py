"""The attract screen rotates catalog promotions; the product gallery swipes between pictures."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from kiosk.db.models import ProductImage
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop

pytestmark = pytest.mark.gui


def test_promotions_rotate_at_the_configured_interval(qtbot: Any, kiosk_factory: Any) -> None:
    ui: KioskUi = kiosk_factory(ui={"attract_interval_s": 3})
    attract = ui.item("attractScreen")
    timer = attract.findChild(QObject, "promoTimer")
    assert timer.property("interval") == 3000 and timer.property("running")
    first = prop(ui, "promoName", "text")
    assert first and prop(ui, "promoPrice", "text").startswith("¥")
    attract.setProperty("promoIndex", 1)  # what the timer does on each tick
    qtbot.waitUntil(lambda: prop(ui, "promoName", "text") != first)
    assert "·" in prop(ui, "promoCategory", "text")  # the category in both languages


def test_gallery_swipes_to_the_next_picture(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.services is not None
    with ui.services.db.read() as s:
        product_id = s.execute(select(ProductImage.product_id).group_by(ProductImage.product_id)
                               .having(func.count() > 1).limit(1)).scalar_one()
    ui.navigator.push("home")
    ui.shopper.catalog.openProduct(product_id)
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    gallery = ui.item("gallery")
    qtbot.waitUntil(lambda: gallery.property("count") >= 2)
    assert gallery.property("currentIndex") == 0
    start = gallery.mapToScene(QPointF(gallery.width() * 0.8, gallery.height() / 2)).toPoint()
    QTest.mousePress(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 11):
        QTest.mouseMove(ui.window, start - QPoint(int(gallery.width() * 0.06 * step), 0), 10)
    QTest.mouseRelease(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start - QPoint(int(gallery.width() * 0.6), 0), 10)
    qtbot.waitUntil(lambda: gallery.property("currentIndex") == 1)
