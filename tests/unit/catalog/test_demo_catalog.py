"""The shipped demo catalog: size, completeness, valid barcodes, fonts cover its text."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from fontTools.ttLib import TTFont

from kiosk import paths
from kiosk.catalog.demo_data import (
    SHIP_PROFILES,
    DemoCatalog,
    DemoCatalogError,
    default_path,
    load_demo_catalog,
    parse_catalog,
)
from kiosk.db.models import ShipProfile


def _ean13_ok(code: str) -> bool:
    # recomputed here on purpose, independent of kiosk.catalog.ean
    if len(code) != 13 or not code.isdigit():
        return False
    weighted = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(code[:12]))
    return (10 - weighted % 10) % 10 == int(code[12])


@pytest.fixture(scope="module")
def catalog() -> DemoCatalog:
    return load_demo_catalog()


def test_size(catalog: DemoCatalog) -> None:
    assert len(catalog.products) >= 150
    assert len(catalog.categories) >= 8
    per_category = Counter(p.category for p in catalog.products)
    assert set(per_category) == {c.code for c in catalog.categories}
    assert min(per_category.values()) >= 8


def test_every_barcode_is_a_valid_chinese_ean13(catalog: DemoCatalog) -> None:
    codes = [code for p in catalog.products for code in p.barcodes]
    assert all(p.barcodes for p in catalog.products)
    assert len(codes) == len(set(codes))
    for code in codes:
        assert _ean13_ok(code), code
        assert 690 <= int(code[:3]) <= 697, code  # 698/699 belong to the generator


def test_products_are_complete(catalog: DemoCatalog) -> None:
    for p in catalog.products:
        assert p.name.zh.strip() and p.name.en.strip(), p.sku
        assert any("\u4e00" <= ch <= "\u9fff" for ch in p.name.zh), p.sku
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in p.name.en + p.description.en), p.sku
        assert p.description.zh and p.description.en
        assert 3 <= len(p.specs) <= 10, p.sku
        assert 0 <= len(p.reviews) <= 8, p.sku
        assert p.price_minor > 0
        assert p.ship.profile in SHIP_PROFILES and 0 <= p.ship.min_days <= p.ship.max_days
        for r in p.reviews:
            assert 1 <= r.rating <= 5 and "*" in r.author and r.text


def test_variety(catalog: DemoCatalog) -> None:
    stocks = [p.stock for p in catalog.products]
    assert sum(s == 0 for s in stocks) >= 3, "some products are sold out"
    assert sum(0 < s <= 5 for s in stocks) >= 3, "some are low on stock"
    assert {p.ship.profile for p in catalog.products} == SHIP_PROFILES
    assert any(len(p.images) >= 2 for p in catalog.products)
    assert any(len(p.images) == 3 for p in catalog.products)
    assert any(not p.reviews for p in catalog.products)
    assert any(len(p.reviews) == 8 for p in catalog.products)
    assert {r.language for p in catalog.products for r in p.reviews} == {"zh_CN", "en_US"}


@pytest.mark.parametrize("word", ["可乐", "矿泉水", "牛奶", "酸奶", "绿茶", "薯片", "方便面", "牙膏",
                                  "洗发水", "充电宝", "数据线", "笔记本", "积木", "保温杯", "苹果", "鸡蛋"])
def test_pinyin_search_words_are_present(catalog: DemoCatalog, word: str) -> None:
    assert any(word in p.name.zh for p in catalog.products)


def test_ship_profiles_match_the_model() -> None:
    assert {m.value for m in ShipProfile} == SHIP_PROFILES


def test_skus_unique(catalog: DemoCatalog) -> None:
    assert len({p.sku for p in catalog.products}) == len(catalog.products)


def _cmap(name: str) -> dict[int, str]:
    with TTFont(paths.asset("fonts", name)) as font:
        return dict(font.getBestCmap())


def test_shipped_font_covers_all_catalog_text() -> None:
    text = default_path().read_text(encoding="utf-8")
    chars = {ch for ch in text if not ch.isspace()}
    for name in ("NotoSansSC-Bold.otf", "NotoSansSC-Regular.otf"):
        cmap = _cmap(name)
        missing = sorted(ch for ch in chars if ord(ch) not in cmap)
        assert not missing, f"{name} lacks {missing}"


def _raw() -> dict[str, object]:
    data: dict[str, object] = json.loads(default_path().read_text(encoding="utf-8"))
    return data


def test_validation_names_the_bad_entry() -> None:
    raw = _raw()
    products = raw["products"]
    assert isinstance(products, list)
    products[3]["barcodes"] = ["6901234567893"]
    with pytest.raises(DemoCatalogError, match=r"\$\.products\[3\]\.barcodes\[0\].*not a valid EAN-13"):
        parse_catalog(raw)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("specs", [], "expected 3..10"),
    ("reviews", [{"rating": 6, "language": "zh_CN", "text": "x", "date": "2026-01-01", "author": "张*"}],
     "rating"),
    ("category", "nope", "unknown category"),
    ("images", ["../etc/passwd.png"], "catalog/images/"),
    ("stock", -1, "outside"),
    ("price_minor", True, "integer"),
])
def test_validation_rejects(field: str, value: object, message: str) -> None:
    raw = _raw()
    products = raw["products"]
    assert isinstance(products, list)
    products[0][field] = value
    with pytest.raises(DemoCatalogError, match=message):
        parse_catalog(raw)


def test_duplicate_barcode_rejected() -> None:
    raw = _raw()
    products = raw["products"]
    assert isinstance(products, list)
    products[1]["barcodes"] = products[0]["barcodes"]
    with pytest.raises(DemoCatalogError, match="duplicate barcode"):
        parse_catalog(raw)
