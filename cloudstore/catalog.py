"""The store's catalog and its change feed.

Every write takes the next value of one global counter (`catalog_meta.head`) and stamps it on the
row as `change_seq`; a removal keeps the row as a tombstone. A kiosk pulls
`changes(cursor)` = every row stamped after its cursor, oldest first, so the cursor it keeps is the
version it has. Writers hold the counter row's lock until commit, so stamps become visible in order.
Purging tombstones moves `purged_through` up; a cursor older than that can no longer be served as a
delta (410) and the kiosk takes a full snapshot (cursor 0) instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cloudstore.models import CatalogMeta, Category, Product

DEFAULT_PAGE = 200
MAX_PAGE = 1000
_SHIP_PROFILES = ("in_stock", "preorder", "made_to_order")


class CursorGone(Exception):
    """The cursor predates purged tombstones (or comes from another store): take a snapshot."""


class CatalogError(ValueError):
    pass


@dataclass(frozen=True)
class ChangesPage:
    changes: list[dict[str, Any]]
    next_cursor: int
    has_more: bool


def _meta(session: Session) -> CatalogMeta:
    meta = session.get(CatalogMeta, 1)
    if meta is None:  # the migration inserts it; this only guards a hand-made database
        meta = CatalogMeta(id=1, head=0, purged_through=0)
        session.add(meta)
        session.flush()
    return meta


def next_version(session: Session) -> int:
    _meta(session)
    head = session.execute(update(CatalogMeta).where(CatalogMeta.id == 1)
                           .values(head=CatalogMeta.head + 1).returning(CatalogMeta.head)).scalar_one()
    return int(head)


def head(session: Session) -> int:
    return _meta(session).head


# --- documents -----------------------------------------------------------------------------------------
#
# Documents use the shape of assets/catalog/demo_catalog.json (bilingual fields as {"zh", "en"}, "ship"
# as {"profile", "min_days", "max_days"}), so a kiosk reads store changes with the same loader as its
# bundled catalog. Flat spellings (name_zh, name_en, ship_profile, ...) are accepted on input too.

_PRODUCT_KEYS = {"sku", "category", "category_code", "name", "name_zh", "name_en", "description",
                 "description_zh", "description_en", "brand", "brand_zh", "brand_en", "price", "price_minor",
                 "currency", "stock", "ship", "ship_profile", "ship_min_days", "ship_max_days", "popularity",
                 "rating_avg", "review_count", "active", "specs", "images", "barcodes", "reviews", "version"}
_CATEGORY_KEYS = {"code", "name", "name_zh", "name_en", "icon", "sort_order", "version"}


def _bi(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def category_doc(c: Category) -> dict[str, Any]:
    return {**c.extra, "code": c.code, "name": _bi(c.name_zh, c.name_en), "icon": c.icon,
            "sort_order": c.sort_order, "version": c.change_seq}


def product_doc(p: Product) -> dict[str, Any]:
    return {
        **p.extra, "sku": p.sku, "category": p.category_code, "name": _bi(p.name_zh, p.name_en),
        "description": _bi(p.description_zh, p.description_en), "brand": _bi(p.brand_zh, p.brand_en),
        "price_minor": p.price_minor, "currency": p.currency, "stock": p.stock,
        "ship": {"profile": p.ship_profile, "min_days": p.ship_min_days, "max_days": p.ship_max_days},
        "popularity": p.popularity, "rating_avg": p.rating_avg, "review_count": p.review_count,
        "active": p.active, "specs": p.specs, "images": p.images, "barcodes": p.barcodes,
        "reviews": p.reviews, "version": p.change_seq,
    }


def _first(raw: dict[str, Any], *names: str, default: Any = None) -> Any:
    for name in names:
        if name in raw and raw[name] is not None:
            return raw[name]
    return default


def _text(raw: dict[str, Any], base: str, *, required: bool = False) -> tuple[str, str]:
    """(zh, en) from {"base": {"zh", "en"}}, {"base_zh", "base_en"} or a plain "base" string."""
    value = raw.get(base)
    if isinstance(value, dict):
        zh, en = value.get("zh"), value.get("en")
    else:
        zh = _first(raw, f"{base}_zh", base)
        en = _first(raw, f"{base}_en", base)
    if required and not (zh or en):
        raise CatalogError(f"missing {base}")
    zh, en = zh or en or "", en or zh or ""
    return str(zh), str(en)


def _minor(raw: dict[str, Any]) -> int:
    if "price_minor" in raw:
        return int(raw["price_minor"])
    if "price" in raw:  # a decimal amount in major units, e.g. "12.50"
        return int((Decimal(str(raw["price"])) * 100).to_integral_value())
    raise CatalogError("product needs price_minor")


def _specs(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, dict):  # {"key": "value"} shorthand
        raw = [{"key": k, "value": v} for k, v in raw.items()]
    specs = []
    for spec in raw or []:
        key_zh, key_en = _text(spec, "key", required=True)
        value_zh, value_en = _text(spec, "value")
        specs.append({"key": _bi(key_zh, key_en), "value": _bi(value_zh, value_en)})
    return specs


def _images(raw: Any) -> list[str]:
    items = sorted(raw or [], key=lambda i: i.get("position", 0) if isinstance(i, dict) else 0)
    return [str(i["path"]) if isinstance(i, dict) else str(i) for i in items]


def _barcodes(raw: Any) -> list[str]:
    return [str(_first(b, "gtin", "code", "ean")) if isinstance(b, dict) else str(b) for b in raw or []]


def _reviews(raw: Any) -> list[dict[str, Any]]:
    reviews = []
    for r in raw or []:
        rating = int(r["rating"])
        if not 1 <= rating <= 5:
            raise CatalogError(f"review rating {rating} outside 1..5")
        reviews.append({
            "rating": rating, "text": str(r.get("text", "")), "language": str(r.get("language", "zh_CN")),
            "date": str(_first(r, "date", "created_on", default="")),
            "author": str(_first(r, "author", "author_masked", default="")),
        })
    return reviews


def normalize_product(raw: dict[str, Any], category_code: str | None = None) -> dict[str, Any]:
    """Column values for a product from a document, tolerant of the usual spellings."""
    try:
        sku = str(raw["sku"])
        category = _first(raw, "category", "category_code", default=category_code)
        if category is None:
            raise CatalogError(f"product {sku} has no category")
        ship_raw = raw.get("ship")
        ship: dict[str, Any] = ship_raw if isinstance(ship_raw, dict) else {}
        name_zh, name_en = _text(raw, "name", required=True)
        description_zh, description_en = _text(raw, "description")
        brand_zh, brand_en = _text(raw, "brand")
        reviews = _reviews(raw.get("reviews"))
        values: dict[str, Any] = {
            "sku": sku, "category_code": str(category), "name_zh": name_zh, "name_en": name_en,
            "description_zh": description_zh, "description_en": description_en,
            "brand_zh": brand_zh, "brand_en": brand_en, "price_minor": _minor(raw),
            "currency": str(raw.get("currency", "CNY")), "stock": int(raw.get("stock", 0)),
            "ship_profile": str(_first(ship, "profile", default=raw.get("ship_profile", "in_stock"))),
            "ship_min_days": int(_first(ship, "min_days", default=raw.get("ship_min_days", 1))),
            "ship_max_days": int(_first(ship, "max_days", default=raw.get("ship_max_days", 3))),
            "popularity": int(raw.get("popularity", 0)), "active": bool(raw.get("active", True)),
            "specs": _specs(raw.get("specs")), "images": _images(raw.get("images")),
            "barcodes": _barcodes(raw.get("barcodes")), "reviews": reviews,
            "extra": {k: v for k, v in raw.items() if k not in _PRODUCT_KEYS},
        }
    except CatalogError:
        raise
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        raise CatalogError(f"bad product document: {exc!r}") from None
    if len(sku) > 32 or not sku:
        raise CatalogError("sku must be 1..32 characters")
    if values["price_minor"] < 0 or values["stock"] < 0:
        raise CatalogError(f"product {sku}: price and stock must not be negative")
    if values["ship_profile"] not in _SHIP_PROFILES:
        raise CatalogError(f"product {sku}: ship profile must be one of {_SHIP_PROFILES}")
    if not 0 <= values["ship_min_days"] <= values["ship_max_days"]:
        raise CatalogError(f"product {sku}: ship days out of order")
    # rating figures follow the reviews when there are any, else whatever the document says
    if reviews:
        values["review_count"] = len(reviews)
        values["rating_avg"] = round(sum(r["rating"] for r in reviews) / len(reviews), 2)
    else:
        values["review_count"] = int(raw.get("review_count", 0))
        values["rating_avg"] = float(raw.get("rating_avg", 0.0))
    return values


def normalize_category(raw: dict[str, Any]) -> dict[str, Any]:
    try:
        name_zh, name_en = _text(raw, "name", required=True)
        return {"code": str(raw["code"]), "name_zh": name_zh, "name_en": name_en,
                "icon": str(raw.get("icon", "")), "sort_order": int(raw.get("sort_order", 0)),
                "extra": {k: v for k, v in raw.items() if k not in _CATEGORY_KEYS | {"products"}}}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CatalogError(f"bad category document: {exc!r}") from None


CatalogRow = TypeVar("CatalogRow", Category, Product)


# --- writes --------------------------------------------------------------------------------------------


def upsert_category(session: Session, raw: dict[str, Any]) -> int:
    values = normalize_category(raw)
    return _upsert(session, Category, values["code"], values)


def upsert_product(session: Session, raw: dict[str, Any], category_code: str | None = None) -> int:
    values = normalize_product(raw, category_code)
    category = session.get(Category, values["category_code"])
    if category is None or category.deleted:
        raise CatalogError(f"unknown category {values['category_code']!r}")
    return _upsert(session, Product, values["sku"], values)


def _upsert(session: Session, model: type[CatalogRow], key: str, values: dict[str, Any]) -> int:
    """Insert or overwrite one catalog row (reviving a tombstone) under the next change number."""
    version = next_version(session)
    row = session.get(model, key)
    if row is None:
        session.add(model(**values, change_seq=version, deleted=False))
    else:
        for name, value in values.items():
            setattr(row, name, value)
        row.change_seq, row.deleted = version, False
    session.flush()
    return version


def set_price_stock(session: Session, sku: str, *, price_minor: int | None = None,
                    stock: int | None = None) -> int:
    row = session.get(Product, sku)
    if row is None or row.deleted:
        raise CatalogError(f"unknown product {sku!r}")
    if price_minor is not None:
        row.price_minor = price_minor
    if stock is not None:
        row.stock = stock
    row.change_seq = next_version(session)
    return row.change_seq


def delete_product(session: Session, sku: str) -> int | None:
    row = session.get(Product, sku)
    if row is None or row.deleted:
        return None
    row.deleted, row.change_seq = True, next_version(session)
    return row.change_seq


def delete_category(session: Session, code: str) -> int | None:
    row = session.get(Category, code)
    if row is None or row.deleted:
        return None
    live = session.execute(select(Product.sku).where(Product.category_code == code,
                                                     Product.deleted.is_(False)).limit(1)).first()
    if live is not None:
        raise CatalogError(f"category {code!r} still has products")
    row.deleted, row.change_seq = True, next_version(session)
    return row.change_seq


def purge_tombstones(session: Session, through: int | None = None) -> int:
    """Forget tombstones stamped at or before `through` (default: all); returns the new floor."""
    meta = session.execute(select(CatalogMeta).where(CatalogMeta.id == 1).with_for_update()).scalar_one()
    through = meta.head if through is None else min(through, meta.head)
    session.execute(delete(Product).where(Product.deleted.is_(True), Product.change_seq <= through))
    session.execute(delete(Category).where(Category.deleted.is_(True), Category.change_seq <= through))
    meta.purged_through = max(meta.purged_through, through)
    return meta.purged_through


# --- reads ---------------------------------------------------------------------------------------------


def etag(cursor: int, limit: int, current_head: int) -> str:
    # the page for (cursor, limit) changes only when something is stamped after the cursor
    return '"' + hashlib.sha256(f"{cursor}:{limit}:{current_head}".encode()).hexdigest()[:24] + '"'


def changes(session: Session, cursor: int, limit: int = DEFAULT_PAGE) -> ChangesPage:
    meta = _meta(session)
    current_head, floor = meta.head, meta.purged_through
    if cursor < 0 or cursor > current_head or 0 < cursor < floor:
        raise CursorGone(f"cursor {cursor} is outside {floor}..{current_head}")
    snapshot = cursor == 0  # a first pull needs no tombstones
    cats = select(Category).where(Category.change_seq > cursor, Category.change_seq <= current_head)
    prods = select(Product).where(Product.change_seq > cursor, Product.change_seq <= current_head)
    if snapshot:
        cats = cats.where(Category.deleted.is_(False))
        prods = prods.where(Product.deleted.is_(False))
    rows: list[Category | Product] = [
        *session.execute(cats.order_by(Category.change_seq).limit(limit + 1)).scalars(),
        *session.execute(prods.order_by(Product.change_seq).limit(limit + 1)).scalars(),
    ]
    rows.sort(key=lambda r: r.change_seq)
    page, has_more = rows[:limit], len(rows) > limit
    out: list[dict[str, Any]] = []
    for row in page:
        entity, key = ("category", row.code) if isinstance(row, Category) else ("product", row.sku)
        change: dict[str, Any] = {"entity": entity, "key": key, "version": row.change_seq,
                                  "op": "delete" if row.deleted else "upsert"}
        if not row.deleted:
            change["data"] = category_doc(row) if isinstance(row, Category) else product_doc(row)
        out.append(change)
    next_cursor = page[-1].change_seq if has_more else current_head
    return ChangesPage(out, next_cursor, has_more)


def load_catalog(session: Session, data: dict[str, Any]) -> tuple[int, int]:
    """Seed or refresh from a catalog document: {"categories": [...], "products": [...]}.

    Products may also sit inside their category (`"products": [...]` on a category). Returns the
    number of categories and products written.
    """
    categories = data.get("categories") or []
    products = list(data.get("products") or [])
    for cat in categories:
        upsert_category(session, cat)
        code = str(cat["code"])
        products.extend({**p, "category": p.get("category", code)} for p in cat.get("products") or [])
    for product in products:
        upsert_product(session, product)
    return len(categories), len(products)

