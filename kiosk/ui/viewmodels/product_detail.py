"""The product the shopper is looking at: gallery, price, stock, specs, reviews, delivery, quantity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import display_text
from kiosk.config import ShippingConfig
from kiosk.money import Money, format_date
from kiosk.session import MAX_LINE_QUANTITY, CartLine, ShopperSession
from kiosk.session_events import ADDED_TO_CART, PRODUCT_VIEWED
from kiosk.ui.viewmodels.catalog_text import SOLD_OUT, image_url, pick, price_text, stock_state
from kiosk.ui.viewmodels.rows import RowsModel

if TYPE_CHECKING:
    from kiosk.db.engine import Database
    from kiosk.shipping import ShippingRules

REVIEWS_SHOWN = 20  # newest first; the summary counts them all


def _present_spec(spec: tuple[str, str, str, str], language: str) -> dict[str, Any]:
    key_zh, key_en, value_zh, value_en = spec
    value = pick(value_zh, value_en, language)
    return {"key": display_text.shown(pick(key_zh, key_en, language), display_text.SPEC_KEY),
            "value": display_text.shown(value, display_text.SPEC_VALUE, multiline=True)}


def _present_review(review: tuple[int, str, dt.date, str], language: str) -> dict[str, Any]:
    rating, body, day, author = review
    return {"stars": rating, "text": display_text.shown(body, display_text.REVIEW, multiline=True),
            "date": format_date(day, language), "author": display_text.shown(author, display_text.AUTHOR)}


class ProductDetail(QObject):
    changed = Signal()
    shown = Signal()  # another product was opened
    quantityChanged = Signal()
    added = Signal(int)  # how many went into the cart
    checkoutRequested = Signal()  # "buy now": straight on to pickup or delivery

    def __init__(self, session: ShopperSession, shipping: ShippingConfig,
                 now: Callable[[], dt.datetime] = dt.datetime.now, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._shipping = shipping
        self._rules: ShippingRules | None = None
        self._now = now
        self._db: Database | None = None
        self._data_root: Path | None = None
        self._language = "zh_CN"
        self._product: dict[str, Any] = {}
        self._quantity = 1
        self._distribution: list[int] = [0] * 5  # counts for 5, 4, 3, 2, 1 stars
        self._specs = RowsModel(("key", "value"), _present_spec, self)
        self._reviews = RowsModel(("stars", "text", "date", "author"), _present_review, self)
        session.on_change(self._clamp_quantity)

    def attach(self, db: Database, data_root: Path) -> None:
        # the database models and shipping rules load here, after the first frame
        from kiosk.ui.viewmodels.delivery import rules_from_config

        self._db, self._data_root = db, data_root
        self._rules = rules_from_config(self._shipping)

    def show_product(self, product_id: int) -> bool:
        """Load a product; False when it does not exist (any more)."""
        if self._db is None:
            return False
        from sqlalchemy import func, select

        from kiosk.db.models import Product, Review

        with self._db.read() as s:
            product = s.get(Product, product_id)
            if product is None or not product.active:
                return False
            self._product = {
                "id": product.id, "sku": product.sku, "name_zh": product.name_zh, "name_en": product.name_en,
                "description_zh": product.description_zh, "description_en": product.description_en,
                "brand": product.brand, "price_minor": product.price_minor, "currency": product.currency,
                "stock": product.stock, "catalog_version": product.catalog_version,
                "ship": _ShipFacts(product.ship_profile, product.ship_min_days, product.ship_max_days),
                "images": [img.path for img in product.images],
            }
            specs = [(sp.key_zh, sp.key_en, sp.value_zh, sp.value_en) for sp in product.specs]
            reviews = s.execute(
                select(Review.rating, Review.text, Review.created_on, Review.author_masked)
                .where(Review.product_id == product_id)
                .order_by(Review.created_on.desc(), Review.id.desc()).limit(REVIEWS_SHOWN)).all()
            counts = dict(s.execute(select(Review.rating, func.count()).where(Review.product_id == product_id)
                                    .group_by(Review.rating)).all())
        self._distribution = [int(counts.get(stars, 0)) for stars in (5, 4, 3, 2, 1)]
        self._specs.set_rows(specs)
        self._reviews.set_rows([tuple(r) for r in reviews])
        self._quantity = 1
        self._clamp_quantity()
        self.changed.emit()
        self.quantityChanged.emit()
        self.shown.emit()
        self._session.step(PRODUCT_VIEWED, str(product_id))
        return True

    def set_language(self, language: str) -> None:
        self._language = language
        self._specs.set_language(language)
        self._reviews.set_language(language)
        self.changed.emit()

    def _get(self, key: str, default: Any = "") -> Any:
        return self._product.get(key, default)

    def _id(self) -> int:
        return int(self._get("id", 0))

    def _stock(self) -> int:
        return int(self._get("stock", 0))

    def _max_quantity(self) -> int:
        if not self._product:
            return 0
        return max(0, min(self._stock(), MAX_LINE_QUANTITY) - self._session.quantity_of(self._id()))

    @Property(int, notify=changed)
    def productId(self) -> int:
        return self._id()

    @Property(str, notify=changed)
    def name(self) -> str:
        name = pick(self._get("name_zh"), self._get("name_en"), self._language)
        return display_text.shown(name, display_text.NAME)

    @Property(str, notify=changed)
    def brand(self) -> str:
        return display_text.shown(str(self._get("brand")), display_text.BRAND)

    @Property(str, notify=changed)
    def description(self) -> str:
        text = pick(self._get("description_zh"), self._get("description_en"), self._language)
        return display_text.shown(text, display_text.DESCRIPTION, multiline=True)

    @Property(str, notify=changed)
    def price(self) -> str:
        if not self._product:
            return ""
        return price_text(self._get("price_minor"), self._get("currency"), self._language)

    @Property(str, notify=changed)
    def stockState(self) -> str:
        return stock_state(self._stock())

    @Property(int, notify=changed)
    def stock(self) -> int:
        return self._stock()

    @Property(list, notify=changed)
    def images(self) -> list[str]:
        return [image_url(p, self._data_root) for p in self._get("images", [])]

    @Property(QObject, constant=True)
    def specs(self) -> RowsModel:
        return self._specs

    @Property(QObject, constant=True)
    def reviews(self) -> RowsModel:
        return self._reviews

    @Property(int, notify=changed)
    def reviewCount(self) -> int:
        return sum(self._distribution)

    @Property(str, notify=changed)
    def ratingAverage(self) -> str:
        total = sum(self._distribution)
        if not total:
            return ""
        stars = sum(n * s for n, s in zip(self._distribution, (5, 4, 3, 2, 1), strict=True))
        return f"{stars / total:.1f}"

    @Property(list, notify=changed)
    def ratingDistribution(self) -> list[dict[str, Any]]:
        """One bar per star count, 5 first: stars, count and the bar's share of the largest."""
        top = max(self._distribution) or 1
        return [{"stars": s, "count": n, "share": n / top}
                for s, n in zip((5, 4, 3, 2, 1), self._distribution, strict=True)]

    def _delivery(self) -> tuple[str, str]:
        ship = self._get("ship", None)
        if ship is None or self._rules is None:
            return "", ""
        from kiosk.ui.viewmodels.delivery import delivery_text

        return delivery_text(ship, self._now(), self._rules, self._language)

    @Property(str, notify=changed)
    def deliveryText(self) -> str:
        return self._delivery()[0]

    @Property(str, notify=changed)
    def deliveryNote(self) -> str:
        return self._delivery()[1]

    # quantity: 1 … what is left after the cart, so the stepper never offers more than exists
    @Property(int, notify=quantityChanged)
    def maxQuantity(self) -> int:
        return self._max_quantity()

    @Property(int, notify=quantityChanged)
    def quantity(self) -> int:
        return self._quantity

    @Property(bool, notify=quantityChanged)
    def canAdd(self) -> bool:
        return self._can_add()

    def _can_add(self) -> bool:
        return stock_state(self._stock()) != SOLD_OUT and self._max_quantity() >= 1

    @Property(int, notify=quantityChanged)
    def inCart(self) -> int:
        return self._session.quantity_of(self._id()) if self._product else 0

    def _clamp_quantity(self) -> None:
        self._quantity = max(1, min(self._quantity, self._max_quantity()))
        self.quantityChanged.emit()

    @Slot()
    def increase(self) -> None:
        if self._quantity < self._max_quantity():
            self._quantity += 1
            self.quantityChanged.emit()

    @Slot()
    def decrease(self) -> None:
        if self._quantity > 1:
            self._quantity -= 1
            self.quantityChanged.emit()

    @Slot()
    def addToCart(self) -> None:
        if not self._can_add():
            return
        line = CartLine(
            product_id=self._id(), sku=self._get("sku"), name_zh=self._get("name_zh"),
            name_en=self._get("name_en"), unit_price=Money(self._get("price_minor"), self._get("currency")),
            catalog_version=int(self._get("catalog_version", 0)), quantity=self._quantity)
        added = self._session.add(line, self._stock())
        self._quantity = 1
        self._clamp_quantity()
        if added:
            self._session.step(ADDED_TO_CART, str(self._id()))
            self.added.emit(added)

    @Slot()
    def buyNow(self) -> None:
        """One tap from a scanned product to paying: into the cart (unless it is there already), then
        checkout with everything in the cart."""
        if self._id() not in {line.product_id for line in self._session.lines}:
            if not self._can_add():
                return
            self.addToCart()
        self.checkoutRequested.emit()


class _ShipFacts:
    """What the delivery estimate needs, kept after the database session closes."""

    def __init__(self, ship_profile: Any, ship_min_days: int, ship_max_days: int) -> None:
        self.ship_profile = ship_profile
        self.ship_min_days = ship_min_days
        self.ship_max_days = ship_max_days
