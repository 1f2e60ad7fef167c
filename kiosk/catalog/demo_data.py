"""The demo catalog (assets/catalog/demo_catalog.json) loaded and validated into plain dataclasses.

The file is data the kiosk and the reference store both seed from, so it is checked strictly here:
a bad entry fails loudly with its JSON path rather than producing a half-seeded database.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.catalog.ean import is_valid_ean13

FORMAT = 1
SHIP_PROFILES = frozenset({"in_stock", "preorder", "made_to_order"})  # kiosk.db.models.ShipProfile values
REVIEW_LANGUAGES = frozenset({"zh_CN", "en_US"})
MIN_SPECS, MAX_SPECS = 3, 10
MAX_REVIEWS = 8
IMAGE_PREFIX = "catalog/images/"


class DemoCatalogError(ValueError):
    """The demo catalog file is malformed; the message names the JSON path."""


@dataclass(frozen=True, slots=True)
class Text:
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Art:
    """How `kiosk.catalog.images` draws the picture: silhouette, colour, short label."""

    shape: str
    color: str
    label: str


@dataclass(frozen=True, slots=True)
class Spec:
    key: Text
    value: Text


@dataclass(frozen=True, slots=True)
class Ship:
    profile: str
    min_days: int
    max_days: int


@dataclass(frozen=True, slots=True)
class DemoReview:
    rating: int
    language: str
    text: str
    date: dt.date
    author: str  # already masked


@dataclass(frozen=True, slots=True)
class DemoCategory:
    code: str
    name: Text
    sort_order: int
    icon: str
    art: Art


@dataclass(frozen=True, slots=True)
class DemoProduct:
    sku: str
    category: str
    name: Text
    description: Text
    brand: Text
    price_minor: int
    stock: int
    ship: Ship
    popularity: int
    barcodes: tuple[str, ...]
    specs: tuple[Spec, ...]
    images: tuple[str, ...]
    art: Art
    reviews: tuple[DemoReview, ...]

    @property
    def brand_display(self) -> str:
        """One string for the single `brand` column: both names when they differ."""
        return self.brand.zh if self.brand.zh == self.brand.en else f"{self.brand.zh} {self.brand.en}"

    @property
    def rating_avg(self) -> float:
        if not self.reviews:
            return 0.0
        return round(sum(r.rating for r in self.reviews) / len(self.reviews), 2)


@dataclass(frozen=True, slots=True)
class DemoCatalog:
    version: int
    currency: str
    categories: tuple[DemoCategory, ...]
    products: tuple[DemoProduct, ...]

    def by_category(self, code: str) -> tuple[DemoProduct, ...]:
        return tuple(p for p in self.products if p.category == code)


def default_path() -> Path:
    return paths.asset("catalog", "demo_catalog.json")


@functools.cache
def _load_default() -> DemoCatalog:
    return parse_catalog(json.loads(default_path().read_text(encoding="utf-8")))


def load_demo_catalog(path: Path | None = None) -> DemoCatalog:
    """Load and validate the demo catalog; the shipped file is parsed once per process."""
    if path is None:
        return _load_default()
    return parse_catalog(json.loads(path.read_text(encoding="utf-8")))


# -- parsing helpers: each takes the JSON path of the value for its error message


def _fail(where: str, msg: str) -> DemoCatalogError:
    return DemoCatalogError(f"{where}: {msg}")


def _obj(v: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(v, dict):
        raise _fail(where, "expected an object")
    return v


def _list(v: Any, where: str) -> list[Any]:
    if not isinstance(v, list):
        raise _fail(where, "expected a list")
    return v


def _str(v: Any, where: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise _fail(where, "expected a non-empty string")
    return v


def _int(v: Any, where: str, lo: int = 0, hi: int | None = None) -> int:
    # bool is an int in Python; a JSON true must not pass as 1
    if not isinstance(v, int) or isinstance(v, bool):
        raise _fail(where, "expected an integer")
    if v < lo or (hi is not None and v > hi):
        raise _fail(where, f"{v} is outside {lo}..{'' if hi is None else hi}")
    return v


def _text(v: Any, where: str) -> Text:
    o = _obj(v, where)
    return Text(zh=_str(o.get("zh"), f"{where}.zh"), en=_str(o.get("en"), f"{where}.en"))


def _art(v: Any, where: str) -> Art:
    o = _obj(v, where)
    color = _str(o.get("color"), f"{where}.color")
    if len(color) != 7 or color[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in color[1:]):
        raise _fail(f"{where}.color", f"expected #rrggbb, got {color!r}")
    return Art(shape=_str(o.get("shape"), f"{where}.shape"), color=color,
               label=_str(o.get("label"), f"{where}.label"))


def _asset_path(v: Any, where: str) -> str:
    s = _str(v, where)
    if not s.startswith(IMAGE_PREFIX) or not s.endswith(".png") or ".." in s:
        raise _fail(where, f"expected {IMAGE_PREFIX}*.png, got {s!r}")
    return s


def _review(v: Any, where: str) -> DemoReview:
    o = _obj(v, where)
    lang = _str(o.get("language"), f"{where}.language")
    if lang not in REVIEW_LANGUAGES:
        raise _fail(f"{where}.language", f"{lang!r} is not one of {sorted(REVIEW_LANGUAGES)}")
    try:
        date = dt.date.fromisoformat(_str(o.get("date"), f"{where}.date"))
    except ValueError as exc:
        raise _fail(f"{where}.date", str(exc)) from None
    author = _str(o.get("author"), f"{where}.author")
    if "*" not in author:
        raise _fail(f"{where}.author", "authors must be stored masked (e.g. 张** or L***y)")
    return DemoReview(rating=_int(o.get("rating"), f"{where}.rating", 1, 5), language=lang,
                      text=_str(o.get("text"), f"{where}.text"), date=date, author=author)


def _ship(v: Any, where: str) -> Ship:
    o = _obj(v, where)
    profile = _str(o.get("profile"), f"{where}.profile")
    if profile not in SHIP_PROFILES:
        raise _fail(f"{where}.profile", f"{profile!r} is not one of {sorted(SHIP_PROFILES)}")
    lo = _int(o.get("min_days"), f"{where}.min_days", 0, 365)
    hi = _int(o.get("max_days"), f"{where}.max_days", lo, 365)
    return Ship(profile, lo, hi)


def _product(v: Any, where: str, categories: set[str]) -> DemoProduct:
    o = _obj(v, where)
    category = _str(o.get("category"), f"{where}.category")
    if category not in categories:
        raise _fail(f"{where}.category", f"unknown category {category!r}")
    barcodes = tuple(_str(b, f"{where}.barcodes[{i}]") for i, b in enumerate(_list(o.get("barcodes"),
                                                                                        f"{where}.barcodes")))
    if not barcodes:
        raise _fail(f"{where}.barcodes", "needs at least one EAN-13")
    for i, code in enumerate(barcodes):
        if not is_valid_ean13(code):
            raise _fail(f"{where}.barcodes[{i}]", f"{code!r} is not a valid EAN-13")
    specs = tuple(Spec(_text(_obj(s, f"{where}.specs[{i}]").get("key"), f"{where}.specs[{i}].key"),
                       _text(_obj(s, f"{where}.specs[{i}]").get("value"), f"{where}.specs[{i}].value"))
                  for i, s in enumerate(_list(o.get("specs"), f"{where}.specs")))
    if not MIN_SPECS <= len(specs) <= MAX_SPECS:
        raise _fail(f"{where}.specs", f"has {len(specs)} entries, expected {MIN_SPECS}..{MAX_SPECS}")
    reviews = tuple(_review(r, f"{where}.reviews[{i}]")
                    for i, r in enumerate(_list(o.get("reviews"), f"{where}.reviews")))
    if len(reviews) > MAX_REVIEWS:
        raise _fail(f"{where}.reviews", f"has {len(reviews)} entries, at most {MAX_REVIEWS}")
    images = tuple(_asset_path(p, f"{where}.images[{i}]")
                   for i, p in enumerate(_list(o.get("images"), f"{where}.images")))
    if not images:
        raise _fail(f"{where}.images", "needs at least one image")
    return DemoProduct(
        sku=_str(o.get("sku"), f"{where}.sku"), category=category,
        name=_text(o.get("name"), f"{where}.name"),
        description=_text(o.get("description"), f"{where}.description"),
        brand=_text(o.get("brand"), f"{where}.brand"),
        price_minor=_int(o.get("price_minor"), f"{where}.price_minor"),
        stock=_int(o.get("stock"), f"{where}.stock"), ship=_ship(o.get("ship"), f"{where}.ship"),
        popularity=_int(o.get("popularity"), f"{where}.popularity"), barcodes=barcodes, specs=specs,
        images=images, art=_art(o.get("art"), f"{where}.art"), reviews=reviews,
    )


def parse_catalog(raw: Any) -> DemoCatalog:
    """Validate the decoded JSON document and build the dataclasses."""
    root = _obj(raw, "$")
    if root.get("format") != FORMAT:
        raise _fail("$.format", f"expected {FORMAT}, got {root.get('format')!r}")
    categories: list[DemoCategory] = []
    for i, c in enumerate(_list(root.get("categories"), "$.categories")):
        w = f"$.categories[{i}]"
        o = _obj(c, w)
        categories.append(DemoCategory(
            code=_str(o.get("code"), f"{w}.code"), name=_text(o.get("name"), f"{w}.name"),
            sort_order=_int(o.get("sort_order"), f"{w}.sort_order"),
            icon=_asset_path(o.get("icon"), f"{w}.icon"),
            art=_art(o.get("art"), f"{w}.art")))
    codes = {c.code for c in categories}
    if len(codes) != len(categories):
        raise _fail("$.categories", "category codes must be unique")
    products = tuple(_product(p, f"$.products[{i}]", codes)
                     for i, p in enumerate(_list(root.get("products"), "$.products")))
    _check_unique(products)
    return DemoCatalog(version=_int(root.get("catalog_version"), "$.catalog_version", 1),
                       currency=_str(root.get("currency"), "$.currency"),
                       categories=tuple(categories), products=products)


def _check_unique(products: tuple[DemoProduct, ...]) -> None:
    seen_sku: set[str] = set()
    seen_gtin: set[str] = set()
    seen_image: set[str] = set()
    for i, p in enumerate(products):
        if p.sku in seen_sku:
            raise _fail(f"$.products[{i}].sku", f"duplicate sku {p.sku!r}")
        seen_sku.add(p.sku)
        for code in p.barcodes:
            if code in seen_gtin:
                raise _fail(f"$.products[{i}].barcodes", f"duplicate barcode {code}")
            seen_gtin.add(code)
        for image in p.images:
            if image in seen_image:
                raise _fail(f"$.products[{i}].images", f"image {image} is used twice")
            seen_image.add(image)
