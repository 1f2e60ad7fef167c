"""The reads the shopper screens make. Each is indexed and bounded: no query reads a whole category."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from sqlalchemy import TextClause

    from kiosk.db.engine import Database


class Card(NamedTuple):
    """What a product tile shows."""

    id: int
    name_zh: str
    name_en: str
    brand: str
    price_minor: int
    currency: str
    stock: int
    rating: float
    reviews: int
    popularity: int
    category_id: int
    image: str


class CategoryRow(NamedTuple):
    id: int
    code: str
    name_zh: str
    name_en: str
    icon: str
    products: int


_CARD_COLUMNS = """p.id, p.name_zh, p.name_en, p.brand, p.price_minor, p.currency, p.stock, p.rating_avg,
    p.review_count, p.popularity, p.category_id,
    coalesce((SELECT path FROM product_images i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1), '')"""

# sort key → (column, descending); the id breaks ties so pages never overlap or skip
SORTS: dict[str, tuple[str, bool]] = {
    "popular": ("popularity", True),
    "priceAsc": ("price_minor", False),
    "priceDesc": ("price_minor", True),
    "rating": ("rating_avg", True),
}


def text(sql: str) -> TextClause:
    # SQLAlchemy is imported on first use, not with the window: it costs more than the window to load
    from sqlalchemy import text as sql_text

    return sql_text(sql)


def categories(db: Database) -> list[CategoryRow]:
    with db.read() as s:
        rows = s.execute(text(
            "SELECT c.id, c.code, c.name_zh, c.name_en, c.icon, "
            "(SELECT count(*) FROM products p WHERE p.category_id = c.id AND p.active) "
            "FROM categories c ORDER BY c.sort_order, c.id")).all()
    return [CategoryRow(*r) for r in rows]


def card_page(db: Database, category_id: int, sort: str, after: Card | None, limit: int) -> list[Card]:
    """The next `limit` products of a category in `sort` order, after the last one already shown.

    Keyset paging over the (category, sort column) indexes: every page costs the same, however deep.
    """
    column, desc = SORTS[sort]
    op, direction = ("<", "DESC") if desc else (">", "ASC")
    params: dict[str, Any] = {"c": category_id, "n": limit}
    where = "p.category_id = :c AND p.active"
    if after is not None:
        key = {"popularity": after.popularity, "price_minor": after.price_minor,
               "rating_avg": after.rating}[column]
        where += f" AND (p.{column}, p.id) {op} (:k, :i)"
        params.update(k=key, i=after.id)
    sql = (f"SELECT {_CARD_COLUMNS} FROM products p WHERE {where} "
           f"ORDER BY p.{column} {direction}, p.id {direction} LIMIT :n")
    with db.read() as s:
        return [Card(*r) for r in s.execute(text(sql), params).all()]


def cards(db: Database, ids: list[int]) -> list[Card]:
    """Tiles for these products, in the order given (search hits, featured rows)."""
    if not ids:
        return []
    marks = ",".join(str(int(i)) for i in ids)
    with db.read() as s:
        rows = {r[0]: Card(*r) for r in s.execute(text(
            f"SELECT {_CARD_COLUMNS} FROM products p WHERE p.id IN ({marks}) AND p.active")).all()}
    return [rows[i] for i in ids if i in rows]


def popular_ids(db: Database, limit: int) -> list[int]:
    """The most popular products: the top of each category's popularity index, merged (no table scan)."""
    with db.read() as s:
        category_ids = [r[0] for r in s.execute(text("SELECT id FROM categories"))]
        top: list[tuple[int, int]] = []
        for category_id in category_ids:
            top += [(r[0], r[1]) for r in s.execute(text(
                "SELECT popularity, id FROM products WHERE category_id = :c AND active "
                "ORDER BY popularity DESC, id DESC LIMIT :n"), {"c": category_id, "n": limit})]
    return [product_id for _, product_id in sorted(top, reverse=True)[:limit]]


def best_seller_ids(db: Database) -> list[int]:
    """The most popular product of each category (one index probe per category)."""
    with db.read() as s:
        return [r[0] for r in s.execute(text(
            "SELECT (SELECT p.id FROM products p WHERE p.category_id = c.id AND p.active "
            "ORDER BY p.popularity DESC, p.id DESC LIMIT 1) FROM categories c ORDER BY c.sort_order, c.id"))
            if r[0] is not None]


def product_for_gtin(db: Database, gtin: str) -> int | None:
    """The product with this barcode; GTIN-14 with a leading zero also matches its GTIN-13."""
    codes = {gtin, gtin.lstrip("0").zfill(13), gtin.zfill(14)}
    with db.read() as s:
        row = s.execute(text(
            "SELECT b.product_id FROM product_barcodes b JOIN products p ON p.id = b.product_id "
            f"WHERE p.active AND b.gtin IN ({','.join(':g' + str(i) for i in range(len(codes)))}) LIMIT 1"),
            {f"g{i}": c for i, c in enumerate(sorted(codes))}).first()
    return None if row is None else int(row[0])
