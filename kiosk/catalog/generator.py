"""A large synthetic catalog for benchmarks: `python -m kiosk.catalog.generator --db PATH --n 100000`.

Products are composed from the bilingual word lists in `kiosk.catalog.wordlists`, placed in the demo
categories and drawn with the demo images. The same (n, seed) on an empty store gives the same rows.
Generated products never collide with what is already there: ids continue after the highest one and
barcodes come from GS1 prefixes the demo catalog leaves free (699 primary, 698 secondary), numbered
by product id.

Rows go in through the DB-API `executemany` with prebuilt tuples: at a million rows, per-row ORM or
Core parameter processing would cost more than SQLite itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from kiosk.catalog.demo_data import DemoCatalog, load_demo_catalog
from kiosk.catalog.ean import check_digit
from kiosk.catalog.wordlists import EN_MASKS, REVIEWS_EN, REVIEWS_ZH, SELLING, SERIES, SURNAMES, VOCABULARIES
from kiosk.db.engine import Database
from kiosk.db.models import Product, Setting
from kiosk.db.seed import CATALOG_VERSION_KEY, ensure_categories

PRIMARY_PREFIX = "699"
SECONDARY_PREFIX = "698"
MAX_PRODUCT_ID = 999_999_999  # nine digits of id after the three-digit prefix
CHUNK = 5000

_PRODUCT_COLS = ("id", "sku", "category_id", "name_zh", "name_en", "description_zh", "description_en",
                 "brand", "price_minor", "currency", "stock", "ship_profile", "ship_min_days",
                 "ship_max_days", "popularity", "rating_avg", "review_count", "active", "catalog_version",
                 "updated_at")
_SPEC_COLS = ("product_id", "position", "key_zh", "key_en", "value_zh", "value_en")
_IMAGE_COLS = ("product_id", "position", "path")
_BARCODE_COLS = ("gtin", "product_id")
_REVIEW_COLS = ("product_id", "rating", "text", "language", "created_on", "author_masked")


def _insert_sql(table: str, cols: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


@dataclass(frozen=True)
class GenerateResult:
    products: int
    first_id: int
    last_id: int
    specs: int
    images: int
    barcodes: int
    reviews: int
    seconds: float


@dataclass
class _Rows:
    products: list[tuple[Any, ...]]
    specs: list[tuple[Any, ...]]
    images: list[tuple[Any, ...]]
    barcodes: list[tuple[Any, ...]]
    reviews: list[tuple[Any, ...]]


def gtin_for(prefix: str, product_id: int) -> str:
    body = f"{prefix}{product_id:09d}"
    return body + check_digit(body)


class _Composer:
    """Builds the rows of one product at a time from a seeded RNG."""

    def __init__(self, rng: random.Random, catalog: DemoCatalog, category_ids: dict[str, int], version: int,
                 stamp: str) -> None:
        self.rng = rng
        self.version = version
        self.stamp = stamp
        self.codes = [c.code for c in catalog.categories if c.code in VOCABULARIES]
        self.category_ids = category_ids
        # front views of the demo products: the ones showing the same kind of thing when there are any
        # and a typical price from those same demo products, so a cable does not cost what a tablet does
        self.images: dict[tuple[str, str], list[str]] = {}
        self.prices: dict[tuple[str, str], tuple[int, int]] = {}
        for code in self.codes:
            demo = catalog.by_category(code)
            for noun in VOCABULARIES[code].nouns:
                alike = [p for p in demo if noun.zh in p.name.zh or p.art.label in noun.zh]
                self.images[code, noun.zh] = [p.images[0] for p in alike or demo]
                if alike:
                    mid = sum(p.price_minor for p in alike) // len(alike)
                    self.prices[code, noun.zh] = (mid * 6 // 10, mid * 16 // 10)
                else:
                    self.prices[code, noun.zh] = VOCABULARIES[code].price_fen
        self.review_start = dt.date(2025, 1, 1)

    def product(self, pid: int, rows: _Rows) -> None:
        r = self.rng.random
        code = self.codes[int(r() * len(self.codes))]
        v = VOCABULARIES[code]

        def pick(seq: Sequence[Any]) -> Any:
            return seq[int(r() * len(seq))]

        brand, noun, series = pick(v.brands), pick(v.nouns), pick(SERIES)
        size = pick(noun.sizes)
        # a plain noun reads better than a modifier that does not quite fit, so not every name gets one
        mod_zh, mod_en = pick(v.modifiers) if r() < 0.65 else ("", "")
        kind_zh, kind_en = f"{mod_zh}{noun.zh}", f"{mod_en} {noun.en}" if mod_en else noun.en
        name_zh = f"{brand[0]} {kind_zh}{' ' + series[0] if series[0] else ''} {size[0]}"
        name_en = f"{brand[1]} {kind_en} {size[1]}{', ' + series[1] if series[1] else ''}"
        sell1, sell2 = pick(SELLING), pick(SELLING)
        desc_zh = f"{brand[0]}{kind_zh}，{sell1[0]}。{sell2[0] + '。' if sell2 is not sell1 else ''}"
        desc_en = f"{brand[1]} {kind_en}. {sell1[1]}.{' ' + sell2[1] + '.' if sell2 is not sell1 else ''}"

        lo, hi = self.prices[code, noun.zh]
        yuan = int(lo + (hi - lo) * r() ** 2) // 100
        price = max(yuan * 100 + pick((0, 0, 50, 90)) - (100 if yuan >= 10 and r() < 0.3 else 0), 50)
        roll = r()
        stock = 0 if roll < 0.06 else (1 + int(r() * 5) if roll < 0.16 else 6 + int(r() * 495))
        roll = r()
        if roll < 0.85:
            ship = ("in_stock", 0, 1) if code == "fresh" else ("in_stock", 1, 3)
        elif roll < 0.95:
            ship = ("preorder", 5 + int(r() * 5), 12 + int(r() * 10))
        else:
            ship = ("made_to_order", 3 + int(r() * 3), 7 + int(r() * 7))

        specs = rows.specs
        specs.append((pid, 0, "品牌", "Brand", brand[0], brand[1]))
        specs.append((pid, 1, v.size_key[0], v.size_key[1], size[0], size[1]))
        extra = self.rng.sample(v.specs, 1 + int(r() * len(v.specs)))
        for pos, (key, values) in enumerate(extra, start=2):
            value = pick(values)
            specs.append((pid, pos, key[0], key[1], value[0], value[1]))

        pool = self.images[code, noun.zh]
        first = int(r() * len(pool))
        rows.images.append((pid, 0, pool[first]))
        if r() < 0.15 and len(pool) > 1:
            rows.images.append((pid, 1, pool[(first + 1 + int(r() * (len(pool) - 1))) % len(pool)]))

        rows.barcodes.append((gtin_for(PRIMARY_PREFIX, pid), pid))
        if r() < 0.1:
            rows.barcodes.append((gtin_for(SECONDARY_PREFIX, pid), pid))

        n_reviews = 1 + int(r() * 5) if r() < 0.25 else 0
        total = 0
        for _ in range(n_reviews):
            rating = 5 if (x := r()) < 0.55 else 4 if x < 0.8 else 3 if x < 0.9 else 2 if x < 0.96 else 1
            total += rating
            day = (self.review_start + dt.timedelta(days=int(r() * 640))).isoformat()
            if r() < 0.7:
                rows.reviews.append((pid, rating, pick(REVIEWS_ZH), "zh_CN", day, pick(SURNAMES) + "**"))
            else:
                rows.reviews.append((pid, rating, pick(REVIEWS_EN), "en_US", day, pick(EN_MASKS)))
        rating_avg = round(total / n_reviews, 2) if n_reviews else 0.0

        rows.products.append((
            pid, f"G{pid:09d}", self.category_ids[code], name_zh, name_en, desc_zh, desc_en,
            f"{brand[0]} {brand[1]}", price, "CNY", stock, ship[0], ship[1], ship[2],
            int(10000 * r() ** 3), rating_avg, n_reviews, 1, self.version, self.stamp))


def _flush(conn: Connection, rows: _Rows, counts: dict[str, int]) -> None:
    for table, cols, data in (("products", _PRODUCT_COLS, rows.products),
                              ("product_specs", _SPEC_COLS, rows.specs),
                              ("product_images", _IMAGE_COLS, rows.images),
                              ("product_barcodes", _BARCODE_COLS, rows.barcodes),
                              ("reviews", _REVIEW_COLS, rows.reviews)):
        if data:
            conn.exec_driver_sql(_insert_sql(table, cols), data)
            counts[table] = counts.get(table, 0) + len(data)
            data.clear()


def generate_catalog(db: Database, n: int, seed: int = 0) -> GenerateResult:
    """Add `n` synthetic products (with specs, images, barcodes, some reviews) in one write transaction."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    started = time.perf_counter()
    catalog = load_demo_catalog()
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    with db.write() as session:
        category_ids = ensure_categories(session, catalog)
        first = (session.scalar(select(func.max(Product.id))) or 0) + 1
        if first + n - 1 > MAX_PRODUCT_ID:
            raise ValueError(f"product ids would pass {MAX_PRODUCT_ID}, the barcode scheme's limit")
        version_row = session.get(Setting, CATALOG_VERSION_KEY)
        if version_row is None:
            session.add(Setting(key=CATALOG_VERSION_KEY, value=str(catalog.version)))
            session.flush()
        version = int(version_row.value) if version_row is not None else catalog.version
        # the text format SQLAlchemy's SQLite DATETIME type writes and parses
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        composer = _Composer(rng, catalog, category_ids, version, stamp)
        conn = session.connection()
        rows = _Rows([], [], [], [], [])
        for pid in range(first, first + n):
            composer.product(pid, rows)
            if len(rows.products) >= CHUNK:
                _flush(conn, rows, counts)
        _flush(conn, rows, counts)
    return GenerateResult(
        products=counts.get("products", 0), first_id=first, last_id=first + n - 1,
        specs=counts.get("product_specs", 0), images=counts.get("product_images", 0),
        barcodes=counts.get("product_barcodes", 0), reviews=counts.get("reviews", 0),
        seconds=time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    from kiosk.db.migrate import upgrade
    from kiosk.db.seed import seed_demo

    parser = argparse.ArgumentParser(prog="python -m kiosk.catalog.generator",
                                     description="Add N synthetic products to a kiosk database.")
    parser.add_argument("--db", type=Path, required=True, help="SQLite file (created and migrated if needed)")
    parser.add_argument("--n", type=int, default=100_000, help="number of products (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--with-demo", action="store_true",
                        help="seed the demo catalog first if the store is empty")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be >= 0")
    args.db.parent.mkdir(parents=True, exist_ok=True)
    db = Database(args.db)
    try:
        upgrade(db)
        if args.with_demo:
            seed_demo(db)
        result = generate_catalog(db, args.n, args.seed)
    finally:
        db.close()
    print(f"{result.products} products (ids {result.first_id}..{result.last_id}), {result.specs} specs, "
          f"{result.images} images, {result.barcodes} barcodes, {result.reviews} reviews "
          f"in {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
