"""The synthetic catalog generator: exact count, unique valid barcodes, sane rows, speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from kiosk.catalog.generator import generate_catalog, gtin_for, main
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.db.models import Category, Product, ProductBarcode, ProductImage, ProductSpec, Review
from kiosk.db.seed import seed_demo


def _ean13_ok(code: str) -> bool:
    weighted = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(code[:12]))
    return len(code) == 13 and (10 - weighted % 10) % 10 == int(code[12])


def test_generates_exactly_n_with_unique_valid_barcodes(db: Database) -> None:
    result = generate_catalog(db, 2000, seed=1)
    assert result.products == 2000
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == 2000
        codes = list(s.scalars(select(ProductBarcode.gtin)))
        assert len(codes) == len(set(codes)) == result.barcodes >= 2000
        assert all(_ean13_ok(c) and c[:3] in ("698", "699") for c in codes)
        # every product has a primary barcode, 3-10 specs, an image, and reviews agree with the counters
        assert s.scalar(select(func.count(func.distinct(ProductBarcode.product_id)))) == 2000
        per_product = select(func.count()).select_from(ProductSpec).group_by(ProductSpec.product_id)
        spec_counts = s.execute(per_product)
        assert all(3 <= n <= 10 for (n,) in spec_counts)
        assert s.scalar(select(func.count(func.distinct(ProductImage.product_id)))) == 2000
        assert s.scalar(select(func.sum(Product.review_count))) == s.scalar(
            select(func.count()).select_from(Review)) == result.reviews > 0
        assert s.execute(text("PRAGMA foreign_key_check")).all() == []
        assert (s.scalar(select(func.count()).select_from(Category)) or 0) >= 8


def test_orm_reads_generated_rows(db: Database) -> None:
    generate_catalog(db, 50)
    with db.read() as s:
        p = s.scalars(select(Product).where(Product.review_count > 0).limit(1)).one()
        assert p.name_zh and p.name_en and p.specs[0].key_en == "Brand"
        assert 1 <= p.rating_avg <= 5
        assert p.updated_at.year >= 2025
        assert p.images[0].path.startswith("catalog/images/p")
        assert p.ship_min_days <= p.ship_max_days


def test_same_seed_same_catalog(db: Database, tmp_path_factory: pytest.TempPathFactory) -> None:
    other = Database(tmp_path_factory.mktemp("other") / "k.sqlite3")
    upgrade(other)
    try:
        generate_catalog(db, 300, seed=7)
        generate_catalog(other, 300, seed=7)
        cols = (Product.sku, Product.name_zh, Product.name_en, Product.price_minor)
        query = select(*cols).order_by(Product.id)
        with db.read() as a, other.read() as b:
            assert a.execute(query).all() == b.execute(query).all()
    finally:
        other.close()


def test_appends_after_the_demo_catalog_without_collisions(db: Database) -> None:
    demo = seed_demo(db)
    result = generate_catalog(db, 500)
    again = generate_catalog(db, 500)
    assert result.first_id == demo + 1 and again.first_id == demo + 501
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == demo + 1000
        assert s.scalar(select(func.count()).select_from(Category)) == 11


def test_zero_and_negative(db: Database) -> None:
    assert generate_catalog(db, 0).products == 0
    with pytest.raises(ValueError):
        generate_catalog(db, -1)


def test_gtin_for() -> None:
    assert gtin_for("699", 1) == "6990000000015"
    assert _ean13_ok(gtin_for("698", 999_999_999))


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite3"
    assert main(["--db", str(path), "--n", "120", "--with-demo"]) == 0
    assert "120 products" in capsys.readouterr().out
    database = Database(path)
    try:
        with database.read() as s:
            assert s.scalar(select(func.count()).select_from(Product)) == 120 + 154
    finally:
        database.close()


@pytest.mark.slow
def test_100k_products_under_a_minute(db: Database) -> None:
    started = time.perf_counter()
    result = generate_catalog(db, 100_000)
    elapsed = time.perf_counter() - started
    assert result.products == 100_000
    assert elapsed < 60, f"took {elapsed:.1f} s"
