"""Seed the demo catalog into an empty local store (`kiosk --demo`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from kiosk.catalog.demo_data import DemoCatalog, load_demo_catalog
from kiosk.db.engine import Database
from kiosk.db.models import (
    Category,
    Product,
    ProductBarcode,
    ProductImage,
    ProductSpec,
    Review,
    Setting,
    ShipProfile,
)

CATALOG_VERSION_KEY = "catalog_version"


def seed_demo(db: Database, catalog: DemoCatalog | None = None) -> int:
    """Insert the demo catalog in one write transaction; returns the number of products added.

    Does nothing (returns 0) when the store already has products, so it is safe at every start.
    """
    catalog = catalog or load_demo_catalog()
    with db.write() as session:
        # checked inside the write transaction (BEGIN IMMEDIATE): two starters cannot both seed
        if session.scalar(select(Product.id).limit(1)) is not None:
            return 0
        category_ids = ensure_categories(session, catalog)
        _insert_products(session, catalog, category_ids)
        session.merge(Setting(key=CATALOG_VERSION_KEY, value=str(catalog.version)))
    return len(catalog.products)


def ensure_categories(session: Session, catalog: DemoCatalog) -> dict[str, int]:
    """Category ids by code, inserting the ones the store does not have yet."""
    ids = {code: cid for code, cid in session.execute(select(Category.code, Category.id))}
    missing = [c for c in catalog.categories if c.code not in ids]
    if missing:
        session.execute(insert(Category), [
            {"code": c.code, "name_zh": c.name.zh, "name_en": c.name.en, "icon": c.icon,
             "sort_order": c.sort_order} for c in missing])
        ids = {code: cid for code, cid in session.execute(select(Category.code, Category.id))}
    return ids


def _insert_products(session: Session, catalog: DemoCatalog, category_ids: dict[str, int]) -> None:
    # explicit ids let the child rows go in as plain bulk inserts, no flush per product
    first = (session.scalar(select(func.max(Product.id))) or 0) + 1
    products: list[dict[str, Any]] = []
    specs: list[dict[str, Any]] = []
    images: list[dict[str, Any]] = []
    barcodes: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    for pid, p in enumerate(catalog.products, start=first):
        products.append({
            "id": pid, "sku": p.sku, "category_id": category_ids[p.category],
            "name_zh": p.name.zh, "name_en": p.name.en,
            "description_zh": p.description.zh, "description_en": p.description.en,
            "brand": p.brand_display, "price_minor": p.price_minor, "currency": catalog.currency,
            "stock": p.stock, "ship_profile": ShipProfile(p.ship.profile),
            "ship_min_days": p.ship.min_days, "ship_max_days": p.ship.max_days,
            "popularity": p.popularity, "rating_avg": p.rating_avg, "review_count": len(p.reviews),
            "active": True, "catalog_version": catalog.version,
        })
        specs += [{"product_id": pid, "position": i, "key_zh": s.key.zh, "key_en": s.key.en,
                   "value_zh": s.value.zh, "value_en": s.value.en} for i, s in enumerate(p.specs)]
        images += [{"product_id": pid, "position": i, "path": path} for i, path in enumerate(p.images)]
        barcodes += [{"gtin": code, "product_id": pid} for code in p.barcodes]
        reviews += [{"product_id": pid, "rating": r.rating, "text": r.text, "language": r.language,
                     "created_on": r.date, "author_masked": r.author} for r in p.reviews]
    session.execute(insert(Product), products)
    children = ((ProductSpec, specs), (ProductImage, images), (ProductBarcode, barcodes), (Review, reviews))
    for model, rows in children:
        if rows:
            session.execute(insert(model), rows)
