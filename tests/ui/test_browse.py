"""A shopper's path by touch: attract → home → category → product → cart, and back, with real data."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from kiosk.db.models import Category, Product
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap

pytestmark = pytest.mark.gui


def go(qtbot: Any, ui: KioskUi, name: str, screen: str) -> None:
    tap(qtbot, ui, ui.item(name))
    qtbot.waitUntil(lambda: ui.navigator.screen == screen)


def text(ui: KioskUi, name: str) -> str:
    return str(ui.item(name).property("text"))


def test_attract_home_category_product_and_back(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.services is not None
    with ui.services.db.read() as s:
        category = s.execute(select(Category.id, Category.name_zh)
                             .order_by(Category.sort_order, Category.id)).first()
        assert category is not None
        top = s.execute(select(Product.id, Product.name_zh, Product.price_minor)
                        .where(Product.category_id == category.id)
                        .order_by(Product.popularity.desc(), Product.id.desc())).first()
        assert top is not None

    go(qtbot, ui, "attractScreen", "home")
    assert text(ui, "homeWelcome") == "欢迎光临"
    go(qtbot, ui, "categoryTile_0", "category")
    assert text(ui, "screenTitle") == category.name_zh
    assert ui.shopper.catalog.products.productAt(0) == top.id  # most popular first
    go(qtbot, ui, "gridCard_0", "product")
    assert text(ui, "productName") == top.name_zh
    assert text(ui, "productPrice") == f"¥{top.price_minor // 100}.{top.price_minor % 100:02d}"
    assert "个工作日内发货" in text(ui, "productDelivery") or "今日发货" in text(ui, "productDelivery")
    assert ui.item("specKey_0").property("text")  # the spec table is filled

    go(qtbot, ui, "backButton", "category")
    go(qtbot, ui, "homeButton", "home")
    go(qtbot, ui, "homeSearchField", "search")
    go(qtbot, ui, "backButton", "home")
    assert ui.navigator.depth == 2


def test_sorting_the_grid_by_price(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    go(qtbot, ui, "attractScreen", "home")
    go(qtbot, ui, "categoryTile_0", "category")
    grid = ui.shopper.catalog.products
    tap(qtbot, ui, ui.item("sortPriceAsc"))
    qtbot.waitUntil(lambda: grid.sortKey == "priceAsc")
    assert ui.item("sortPriceAsc").property("checked")
    prices = [grid._cards[i].price_minor for i in range(grid.rowCount())]
    assert prices == sorted(prices) and len(prices) > 1
    tap(qtbot, ui, ui.item("sortPriceDesc"))
    qtbot.waitUntil(lambda: grid.sortKey == "priceDesc")
    prices = [grid._cards[i].price_minor for i in range(grid.rowCount())]
    assert prices == sorted(prices, reverse=True)


def test_add_to_cart_is_bounded_by_stock_and_shows_in_the_badge(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    go(qtbot, ui, "attractScreen", "home")
    go(qtbot, ui, "featuredCard_0", "product")
    detail = ui.shopper.product
    assert not ui.item("cartBadge").property("visible")
    tap(qtbot, ui, ui.item("quantityPlus"))
    assert text(ui, "quantityValue") == "2"
    tap(qtbot, ui, ui.item("addToCart"))
    qtbot.waitUntil(lambda: ui.shopper.state.item_count == 2)
    assert text(ui, "cartBadgeText") == "2"
    line = ui.shopper.state.lines[0]
    assert line.product_id == detail.productId and line.unit_price.minor > 0  # price snapshot
    # the stepper never offers more than is left after the cart
    assert detail.maxQuantity == min(detail.stock, 99) - 2
    tap(qtbot, ui, ui.item("cartButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "cart")
    assert "2" in prop(ui, "cartItemCount", "text")


def test_sold_out_product_cannot_be_added(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.services is not None
    with ui.services.db.write() as s:
        product = s.scalars(select(Product).order_by(Product.id)).first()
        assert product is not None
        product.stock = 0
        product_id = product.id
    go(qtbot, ui, "attractScreen", "home")
    ui.shopper.catalog.openProduct(product_id)
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    assert text(ui, "productStock") == "已售罄"
    assert not ui.item("addToCart").property("enabled")
    tap(qtbot, ui, ui.item("addToCart"))
    assert ui.shopper.state.item_count == 0


def test_reviews_newest_first_with_masked_authors(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    go(qtbot, ui, "attractScreen", "home")
    go(qtbot, ui, "featuredCard_0", "product")
    detail = ui.shopper.product
    assert detail.reviewCount > 0
    assert sum(d["count"] for d in detail.ratingDistribution) == detail.reviewCount
    reviews = detail.reviews
    dates = [reviews.raw(i)[2] for i in range(reviews.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert "*" in text(ui, "reviewAuthor_0")
    assert float(text(ui, "ratingAverage")) == pytest.approx(
        sum(d["stars"] * d["count"] for d in detail.ratingDistribution) / detail.reviewCount, abs=0.05)


def test_help_and_accessibility_from_any_screen(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    go(qtbot, ui, "attractScreen", "home")
    go(qtbot, ui, "categoryTile_1", "category")
    tap(qtbot, ui, ui.item("helpButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "help")
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "category")
    tap(qtbot, ui, ui.item("accessibilityButton"))
    qtbot.waitUntil(lambda: ui.shopper.session.accessibilityOpen)
    for name in ("a11yLargeText", "a11yHighContrast", "a11yReach"):
        tap(qtbot, ui, ui.item(name))
    assert ui.shell.largeText and ui.shell.highContrast and ui.shell.reachMode
    # reach mode: every control of the screen sits in the lower part of the stage
    stage_height = ui.item("stage").height()
    for name in ("backButton", "homeButton", "sortRating"):
        item = ui.item(name)
        assert item.mapToItem(ui.item("stage"), 0, 0).y() >= 0.3 * stage_height
    tap(qtbot, ui, ui.item("a11yClose"))
    qtbot.waitUntil(lambda: not ui.shopper.session.accessibilityOpen)


def test_touch_targets_on_the_shopper_screens(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    go(qtbot, ui, "attractScreen", "home")
    go(qtbot, ui, "featuredCard_0", "product")
    for name in ("backButton", "homeButton", "helpButton", "languageSwitch", "accessibilityButton",
                 "cartButton", "quantityMinus", "quantityPlus", "addToCart"):
        item = ui.item(name)
        assert item.width() >= 64 and item.height() >= 64, name


def test_a_catalog_sync_refreshes_the_home_rows(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    assert ui.services is not None
    with ui.services.db.write() as s:
        product = s.scalars(select(Product).order_by(Product.popularity)).first()
        assert product is not None
        product.popularity = 10**9  # suddenly the most popular
        product_id = product.id
    go(qtbot, ui, "attractScreen", "home")
    ui.services.events.publish("sync.catalog", cursor=2, upserts=1, deletes=0, snapshot=False)
    qtbot.waitUntil(lambda: prop(ui, "popularCard_0", "productId") == product_id)
