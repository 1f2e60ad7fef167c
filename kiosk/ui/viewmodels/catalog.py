"""Browsing: categories, the home rows, the attract promotions, and opening a category or product."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import display_text
from kiosk.ui.navigator import Navigator
from kiosk.ui.viewmodels import queries
from kiosk.ui.viewmodels.cards import CARD_ROLES, present_card
from kiosk.ui.viewmodels.catalog_text import image_url, pick
from kiosk.ui.viewmodels.product_detail import ProductDetail
from kiosk.ui.viewmodels.product_grid import ProductGridModel
from kiosk.ui.viewmodels.rows import RowsModel

if TYPE_CHECKING:
    from kiosk.db.engine import Database

log = logging.getLogger(__name__)

POPULAR_ROW = 12


def _category_name(zh: str, en: str, language: str) -> str:
    return display_text.shown(pick(zh, en, language), display_text.CATEGORY)


class Catalog(QObject):
    categoryChanged = Signal()
    loadedChanged = Signal()

    def __init__(self, navigator: Navigator, detail: ProductDetail, post: Callable[[Callable[[], Any]], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._post = post  # runs a function on the GUI thread
        self._loaded = False
        self._navigator = navigator
        self._detail = detail
        self._db: Database | None = None
        self._data_root: Path | None = None
        self._language = "zh_CN"
        self._category: queries.CategoryRow | None = None
        self._categories = RowsModel(("categoryId", "name", "icon", "count"), self._present_category, self)
        self._featured = RowsModel(CARD_ROLES, self._present_card, self)
        self._popular = RowsModel(CARD_ROLES, self._present_card, self)
        self._grid = ProductGridModel(self)

    def attach(self, db: Database, data_root: Path) -> None:
        self._db, self._data_root = db, data_root
        self._grid.attach(db, data_root)
        self.refresh()

    def refresh(self) -> None:
        """Reload the category list and home rows (at start and after a catalog change).

        Counting every category reads the whole catalog (over 100 ms at 100,000 products), so it
        runs on a worker thread and the rows arrive on the GUI thread through `post`.
        """
        db = self._db
        if db is None:
            return

        def load() -> None:
            try:
                rows = (queries.categories(db), queries.cards(db, queries.best_seller_ids(db)),
                        queries.cards(db, queries.popular_ids(db, POPULAR_ROW)))
            except Exception:
                log.exception("could not load the categories and home rows")
                return
            self._post(lambda: self._show_home(*rows))

        threading.Thread(target=load, name="catalog-home", daemon=True).start()

    def _show_home(self, categories: list[queries.CategoryRow], featured: list[queries.Card],
                   popular: list[queries.Card]) -> None:
        self._categories.set_rows(categories)
        self._featured.set_rows(featured)
        self._popular.set_rows(popular)
        if not self._loaded:
            self._loaded = True
            self.loadedChanged.emit()

    @Property(bool, notify=loadedChanged)
    def loaded(self) -> bool:
        """The categories and home rows have arrived (once after start-up)."""
        return self._loaded

    def _present_card(self, card: queries.Card, language: str) -> dict[str, Any]:
        return present_card(card, language, self._data_root)

    def _present_category(self, row: queries.CategoryRow, language: str) -> dict[str, Any]:
        return {"categoryId": row.id, "name": _category_name(row.name_zh, row.name_en, language),
                "icon": image_url(row.icon, self._data_root), "count": row.products}

    def set_language(self, language: str) -> None:
        self._language = language
        for model in (self._categories, self._featured, self._popular):
            model.set_language(language)
        self._grid.set_language(language)
        self.categoryChanged.emit()

    @Property(QObject, constant=True)
    def categories(self) -> RowsModel:
        return self._categories

    @Property(QObject, constant=True)
    def featured(self) -> RowsModel:
        return self._featured

    @Property(QObject, constant=True)
    def popular(self) -> RowsModel:
        return self._popular

    @Property(QObject, constant=True)
    def products(self) -> ProductGridModel:
        return self._grid

    @Slot(int, result="QVariantMap")
    def promo(self, index: int) -> dict[str, Any]:
        """An attract-screen promotion: a category's best seller, named in both languages."""
        if not self._featured.rowCount():
            return {}
        card: queries.Card = self._featured.raw(index % self._featured.rowCount())
        category = next((c for c in (self._categories.raw(r) for r in range(self._categories.rowCount()))
                         if c.id == card.category_id), None)
        shown = present_card(card, self._language, self._data_root)
        return {
            "productId": card.id,
            "nameZh": display_text.shown(card.name_zh or card.name_en, display_text.NAME),
            "nameEn": display_text.shown(card.name_en, display_text.NAME),
            "price": shown["price"],
            "image": shown["image"],
            "category": " · ".join(display_text.shown(name, display_text.CATEGORY)
                                   for name in (category.name_zh, category.name_en)) if category else "",
        }

    @Property(str, notify=categoryChanged)
    def categoryName(self) -> str:
        c = self._category
        return _category_name(c.name_zh, c.name_en, self._language) if c else ""

    @Property(int, notify=categoryChanged)
    def categoryCount(self) -> int:
        return self._category.products if self._category else 0

    def forget(self) -> None:
        """After a session: the next shopper does not find the last one's category open underneath."""
        self._category = None
        self._grid.clear()
        self.categoryChanged.emit()

    @Slot(int)
    def openCategory(self, category_id: int) -> None:
        for row in range(self._categories.rowCount()):
            category: queries.CategoryRow = self._categories.raw(row)
            if category.id == category_id:
                self._category = category
                self.categoryChanged.emit()
                self._grid.show_category(category_id)
                self._navigator.push("category")
                return
        log.warning("no category %d", category_id)

    @Slot(int)
    def openProduct(self, product_id: int) -> None:
        if self._detail.show_product(product_id):
            self._navigator.push("product")
        else:
            log.warning("product %d is not in the catalog", product_id)
