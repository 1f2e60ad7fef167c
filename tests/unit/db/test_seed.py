"""Seeding the demo catalog: everything lands, counters agree, and a second run does nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk.catalog.demo_data import load_demo_catalog
from kiosk.db.engine import Database
from kiosk.db.models import Category, Product, ProductBarcode, ProductImage, ProductSpec, Review, Setting
from kiosk.db.seed import CATALOG_VERSION_KEY, seed_demo


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_seed_inserts_the_whole_catalog(db: Database) -> None:
    catalog = load_demo_catalog()
    assert seed_demo(db) == len(catalog.products) >= 150
    assert _count(db, Category) == len(catalog.categories)
    assert _count(db, Product) == len(catalog.products)
    assert _count(db, ProductSpec) == sum(len(p.specs) for p in catalog.products)
    assert _count(db, ProductImage) == sum(len(p.images) for p in catalog.products)
    assert _count(db, ProductBarcode) == sum(len(p.barcodes) for p in catalog.products)
    assert _count(db, Review) == sum(len(p.reviews) for p in catalog.products)
    with db.read() as s:
        assert s.get(Setting, CATALOG_VERSION_KEY) is not None


def test_seed_is_idempotent(db: Database) -> None:
    first = seed_demo(db)
    assert first > 0
    assert seed_demo(db) == 0
    assert _count(db, Product) == first
    assert _count(db, Review) == sum(len(p.reviews) for p in load_demo_catalog().products)


def test_rating_counters_match_reviews(db: Database) -> None:
    seed_demo(db)
    with db.read() as s:
        rows = s.execute(select(Product.id, Product.rating_avg, Product.review_count)).all()
        avg_query = select(Review.product_id, func.avg(Review.rating)).group_by(Review.product_id)
        stats: dict[int, float] = {pid: float(avg) for pid, avg in s.execute(avg_query)}
        counts = dict(s.execute(select(Review.product_id, func.count()).group_by(Review.product_id)).all())
    for pid, avg, count in rows:
        assert count == counts.get(pid, 0)
        assert abs(avg - (stats.get(pid) or 0.0)) < 0.01


def test_seeded_product_reads_back_through_the_orm(db: Database) -> None:
    seed_demo(db)
    demo = next(p for p in load_demo_catalog().products if p.reviews and len(p.images) > 1)
    with db.read() as s:
        p = s.scalars(select(Product).where(Product.sku == demo.sku)).one()
        got = (p.name_zh, p.name_en, p.price_minor, p.stock)
        assert got == (demo.name.zh, demo.name.en, demo.price_minor, demo.stock)
        assert [x.key_zh for x in p.specs] == [x.key.zh for x in demo.specs]
        assert [i.path for i in p.images] == list(demo.images)
        assert sorted(b.gtin for b in p.barcodes) == sorted(demo.barcodes)
        assert p.ship_profile.value == demo.ship.profile
        assert p.category.code == demo.category
        assert p.reviews[0].author_masked == demo.reviews[0].author
