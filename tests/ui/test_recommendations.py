"""Recommendation rows by touch on the real QML: "often bought together" on product and cart,
"popular at this hour" on home; a sold-out or carted product never shows, an empty row hides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, update

from kiosk.db.models import Product, Together
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap
from tests.unit.test_recommend import add_orders

pytestmark = pytest.mark.gui


def reveal(qtbot: Any, ui: KioskUi, flick_name: str, name: str) -> None:
    """Scroll a screen's flickable until the item is in view, as a shopper's finger would."""
    flick, item = ui.item(flick_name), ui.item(name)
    top = item.mapToItem(flick.property("contentItem"), 0, 0).y()
    most = max(0.0, flick.property("contentHeight") - flick.height())
    flick.setProperty("contentY", min(most, max(0.0, top - 100)))
    qtbot.wait(50)


def go(qtbot: Any, ui: KioskUi, name: str, screen: str) -> None:
    tap(qtbot, ui, ui.item(name))
    qtbot.waitUntil(lambda: ui.navigator.screen == screen)


def row_ids(model: Any) -> list[int]:
    return [model.raw(i).id for i in range(model.rowCount())]


def test_rows_follow_the_store_lists_the_cart_and_stock(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.services is not None
    db = ui.services.db
    recommend = ui.shopper.recommend
    go(qtbot, ui, "attractScreen", "home")
    qtbot.waitUntil(lambda: ui.shopper.catalog.featured.rowCount() > 0)
    # nothing sold at this hour yet: no "popular at this hour" row (the best sellers are shown anyway)
    assert recommend.hourly.rowCount() == 0 and not prop(ui, "hourlySection", "visible")
    first = ui.shopper.catalog.featured.raw(0).id
    # a sale this hour: the row appears, topped up with best sellers
    add_orders(db, [[first]], at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    recommend.refresh()
    qtbot.waitUntil(lambda: bool(prop(ui, "hourlySection", "visible")))
    with db.write() as s:
        ids = [i for i in s.scalars(select(Product.id).where(Product.active, Product.stock > 0)
                                    .order_by(Product.id)) if i != first][:4]
        sold_out, c, d, e = ids
        s.execute(update(Product).where(Product.id == sold_out).values(stock=0))
        for rank, other in enumerate((sold_out, c, d, e)):
            s.add(Together(product_id=first, rank=rank, other_id=other, orders=9 - rank))

    go(qtbot, ui, "featuredCard_0", "product")
    assert ui.shopper.product.productId == first
    qtbot.waitUntil(lambda: row_ids(recommend.together) == [c, d, e])  # never the sold-out one
    assert prop(ui, "togetherSection", "visible")
    tap(qtbot, ui, ui.item("addToCart"))

    # the first card opens that product; nothing is known about what goes with it: the row hides
    reveal(qtbot, ui, "productFlick", "togetherCard_0")
    tap(qtbot, ui, ui.item("togetherCard_0"))
    qtbot.waitUntil(lambda: ui.shopper.product.productId == c)
    qtbot.waitUntil(lambda: not prop(ui, "togetherSection", "visible"))
    assert recommend.together.rowCount() == 0
    tap(qtbot, ui, ui.item("addToCart"))

    go(qtbot, ui, "cartButton", "cart")
    qtbot.waitUntil(lambda: row_ids(recommend.cartTogether) == [d, e])  # c is in the cart now
    qtbot.waitUntil(lambda: bool(prop(ui, "cartTogetherSection", "visible")))
    add_orders(db, [[e]], at=dt.datetime.now(dt.UTC).replace(tzinfo=None))  # another sale this hour
    recommend.refresh()
    go(qtbot, ui, "homeButton", "home")
    qtbot.waitUntil(lambda: recommend.hourly.rowCount() > 0)
    hourly = row_ids(recommend.hourly)
    assert first not in hourly and c not in hourly and sold_out not in hourly

    # sold out meanwhile (a catalog pull brought the stock): gone from the cart's row
    with db.write() as s:
        s.execute(update(Product).where(Product.id == d).values(stock=0))
    ui.services.events.publish("sync.catalog", cursor=1, upserts=1, deletes=0, snapshot=False)
    qtbot.waitUntil(lambda: row_ids(recommend.cartTogether) == [e])
