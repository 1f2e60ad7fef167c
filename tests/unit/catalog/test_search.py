"""Product search: Chinese, English, pinyin, initials, barcodes, typos, ranking, paging, any text."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from kiosk.catalog.search import (
    _prefix_distance,
    ensure_index,
    index_is_current,
    rebuild_index,
    refresh_index,
    search,
)
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.db.models import Category, Product, ProductBarcode

# (sku, name_zh, name_en, brand, popularity, barcode)
PRODUCTS = [
    ("S1", "可口可乐 330ml", "Coca-Cola 330 ml", "可口可乐 Coca-Cola", 50, "6901234567892"),
    ("S2", "百事可乐 500ml", "Pepsi Cola 500 ml", "百事 Pepsi", 80, "6902345678901"),
    ("S3", "可乐鸡翅调料", "Cola Chicken Wing Seasoning", "好厨 Haochu", 5, "6903456789012"),
    ("S4", "雀巢咖啡 速溶", "Nestle Instant Coffee", "雀巢 Nestle", 40, "6904567890123"),
    ("S5", "星巴克冷萃咖啡", "Starbucks Cold Brew Coffee", "星巴克 Starbucks", 90, "6905678901234"),
    ("S6", "农夫山泉矿泉水", "Nongfu Spring Mineral Water", "农夫山泉 Nongfu Spring", 70, "6906789012345"),
    ("S7", "重庆火锅底料", "Chongqing Hotpot Base", "德庄 Dezhuang", 10, "6907890123456"),
    ("S8", "音乐播放器", "Music Player", "小米 Xiaomi", 20, "6908901234567"),
    ("S9", "拿铁咖啡", "Café Latte", "雀巢 Nestle", 30, "6909012345678"),
    ("S10", "绿茶", "Green Tea", "康师傅 Master Kong", 60, "4006789012345"),
]
INACTIVE = ("S99", "可乐 停售", "Discontinued Cola", "可口可乐 Coca-Cola", 1000, "6999999999994")


def _add(db: Database, rows: list[tuple[str, str, str, str, int, str]], *, active: bool = True) -> None:
    with db.write() as session:
        category = session.scalar(select(Category).where(Category.code == "food"))
        if category is None:
            category = Category(code="food", name_zh="食品", name_en="Food")
            session.add(category)
        for sku, zh, en, brand, popularity, gtin in rows:
            session.add(Product(sku=sku, category=category, name_zh=zh, name_en=en, brand=brand,
                                price_minor=350, popularity=popularity, active=active,
                                barcodes=[ProductBarcode(gtin=gtin)]))


def _build(path: Path) -> Database:
    database = Database(path)
    upgrade(database)
    _add(database, PRODUCTS)
    _add(database, [INACTIVE], active=False)
    ensure_index(database)
    rebuild_index(database)
    return database


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A small indexed catalog shared by the read-only tests of this module."""
    database = _build(tmp_path_factory.mktemp("search") / "kiosk.sqlite3")
    yield database
    database.close()


@pytest.fixture(scope="module")
def sku_of(shop: Database) -> dict[int, str]:
    with shop.read() as session:
        return {p.id: p.sku for p in session.scalars(select(Product))}


def skus(shop: Database, sku_of: dict[int, str], query: str, **kw: int) -> list[str]:
    return [sku_of[hit.product_id] for hit in search(shop, query, **kw)]


def exact_skus(shop: Database, sku_of: dict[int, str], query: str) -> list[str]:
    """Without the typo tier (scores below 2), which fills in when a query finds almost nothing."""
    return [sku_of[hit.product_id] for hit in search(shop, query) if hit.score >= 2]


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "!!!", "🥤", '"', "*", "——"])
def test_blank_or_symbol_only_finds_nothing(shop: Database, query: str) -> None:
    assert search(shop, query) == []


def test_chinese_name_starts_with_comes_first_then_popularity(shop: Database, sku_of: dict[int, str]) -> None:
    # 可乐鸡翅 starts with 可乐; the others contain it, most popular first; inactive never shows
    assert skus(shop, sku_of, "可乐") == ["S3", "S2", "S1"]
    assert skus(shop, sku_of, "可") == ["S1", "S3", "S2"]  # S1 and S3 start with 可
    assert skus(shop, sku_of, "咖啡") == ["S5", "S4", "S9"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kele", {"S1", "S2", "S3", "S5"}),  # 可乐 in three names; 克冷 ke-leng as a pinyin IME reads it
        ("kekou", {"S1"}),
        ("kafei", {"S4", "S5", "S9"}),
        ("chongqing", {"S7"}),  # 重 read chong here, not zhong
        ("yinyue", {"S8"}),  # 乐 read yue in 音乐
        ("kl", {"S1", "S2", "S3", "S5"}),
        ("kkkl", {"S1"}),
        ("cq", {"S7"}),
        ("nfsq", {"S6"}),
        ("xbk", {"S5"}),  # the brand's initials
        ("ksf", {"S10"}),
    ],
)
def test_pinyin_and_initials(shop: Database, sku_of: dict[int, str], query: str, expected: set[str]) -> None:
    assert set(skus(shop, sku_of, query)) == expected


def test_pinyin_is_context_aware(shop: Database, sku_of: dict[int, str]) -> None:
    assert "S8" not in skus(shop, sku_of, "kele") and "S8" not in skus(shop, sku_of, "yinle")
    # zhong is not how 重庆 is read: found only as a one-letter typo of "Chongqing"
    assert all(hit.score < 2 for hit in search(shop, "zhongqing"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("coffee", ["S5", "S4"]),
        ("Coff", ["S5", "S4"]),
        ("starb", ["S5"]),
        ("nestle", ["S4", "S9"]),  # brand
        ("coca cola", ["S1"]),
        ("cola", ["S1", "S3", "S2"]),  # a word of S1's brand, the start of S3's name, in S2's
        ("cafe", ["S9"]),  # Café without its accent
        ("ＣＯＦＦＥＥ", ["S5", "S4"]),  # full-width from a Chinese keyboard
        ("可乐 330", ["S1"]),
        ("coffee 雀巢", ["S4"]),
    ],
)
def test_english_brand_and_mixed(
    shop: Database, sku_of: dict[int, str], query: str, expected: list[str]
) -> None:
    assert exact_skus(shop, sku_of, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("cofee", {"S5", "S4"}), ("coffe", {"S5", "S4"}), ("cofe", {"S5", "S4"}),
     ("starbuks", {"S5"}), ("nestel", {"S4", "S9"}), ("chiken", {"S3"}), ("mineral watr", {"S6"})],
)
def test_typos_in_latin_words(shop: Database, sku_of: dict[int, str], query: str, expected: set[str]) -> None:
    assert expected <= set(skus(shop, sku_of, query))


def test_typo_matches_rank_below_real_matches(shop: Database) -> None:
    exact = search(shop, "coffee")
    typo = search(shop, "cofee")
    assert [h.product_id for h in typo] == [h.product_id for h in exact]
    assert max(h.score for h in typo) < min(h.score for h in exact)


def test_no_wild_guesses_for_short_or_far_words(shop: Database) -> None:
    assert search(shop, "xyzzy") == []
    assert search(shop, "qqq") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("6901234567892", ["S1"]), ("690123", ["S1"]), ("6905", ["S5"]), ("400", ["S10"]), ("s10", ["S10"])],
)
def test_barcode_and_sku_prefixes(
    shop: Database, sku_of: dict[int, str], query: str, expected: list[str]
) -> None:
    assert skus(shop, sku_of, query) == expected


def test_barcode_digits_rank_by_popularity(shop: Database, sku_of: dict[int, str]) -> None:
    found = skus(shop, sku_of, "69")
    assert found == ["S5", "S2", "S6", "S1", "S4", "S9", "S8", "S7", "S3"]


def test_paging_is_consistent(shop: Database) -> None:
    for query in ("咖啡", "69", "c", "cofee", "kl"):
        everything = search(shop, query, limit=50)
        pages = [h for offset in range(0, 12, 2) for h in search(shop, query, limit=2, offset=offset)]
        assert pages == everything
        ids = [h.product_id for h in everything]
        assert len(ids) == len(set(ids))
        assert [h.score for h in everything] == sorted((h.score for h in everything), reverse=True)
    assert search(shop, "咖啡", limit=0) == []
    assert search(shop, "咖啡", offset=-1) == []
    assert search(shop, "咖啡", offset=99) == []


def test_pypinyin_stays_off_the_import_path() -> None:
    code = "import sys, kiosk.catalog.search; print('pypinyin' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_index_follows_the_catalog(tmp_path: Path) -> None:
    db = _build(tmp_path / "kiosk.sqlite3")
    try:
        assert index_is_current(db)
        assert refresh_index(db) is False
        _add(db, [("S20", "可乐味棒棒糖", "Cola Lollipop", "旺旺 Want Want", 1, "6920000000001")])
        assert not index_is_current(db)
        assert search(db, "bangbangtang") == []
        assert refresh_index(db) is True
        with db.read() as session:
            new_id = session.scalar(select(Product.id).where(Product.sku == "S20"))
        assert [h.product_id for h in search(db, "bangbangtang")] == [new_id]
        with db.write() as session:
            session.add(ProductBarcode(gtin="6931111111116", product_id=new_id))
        assert not index_is_current(db)
        refresh_index(db)
        assert [h.product_id for h in search(db, "693111")] == [new_id]
        with db.write() as session:
            session.execute(update(Product).where(Product.sku == "S20").values(active=False))
        assert refresh_index(db) is True
        assert search(db, "bangbangtang") == []
    finally:
        db.close()


def test_empty_index_finds_nothing(tmp_path: Path) -> None:
    db = Database(tmp_path / "kiosk.sqlite3")
    try:
        upgrade(db)
        assert search(db, "kele") == []  # before the index tables exist
        ensure_index(db)
        ensure_index(db)  # idempotent
        assert not index_is_current(db)
        assert search(db, "kele") == []
        assert rebuild_index(db).products == 0
        assert index_is_current(db)
    finally:
        db.close()


# --- any text is safe -----------------------------------------------------------------------------

FTS_SYNTAX = ['"', "'", "*", "^", ":", "(", ")", "{", "}", "+", "-", "NEAR", "AND", "OR", "NOT", " ",
              "name_zh", "\x00", "\\", "%", "_", "可乐", "kele", "69", "🥤", "\u0301", "ß", "İ", "ﬁ"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(),
    st.lists(st.sampled_from(FTS_SYNTAX), max_size=40).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=100, max_size=3000),
))
def test_any_text_never_raises(shop: Database, query: str) -> None:
    hits = search(shop, query, limit=5, offset=1)
    assert len(hits) <= 5


def _osa(a: str, b: str) -> int:
    """Reference optimal string alignment distance."""
    d = [[max(i, j) if min(i, j) == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@given(st.text("abcde", min_size=1, max_size=7), st.text("abcde", min_size=1, max_size=9), st.integers(1, 2))
def test_prefix_distance_matches_reference(term: str, word: str, limit: int) -> None:
    lo, hi = max(0, len(term) - limit), min(len(word), len(term) + limit)
    best = min((_osa(term, word[:j]) for j in range(lo, hi + 1)), default=limit + 1)
    expected = best if best <= limit else limit + 1
    assert _prefix_distance(term, word, limit) == expected
