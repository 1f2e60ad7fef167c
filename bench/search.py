"""Search-as-you-type at 100,000 products: the FTS5 index against a naive LIKE scan, same data.

Run: .venv/bin/python bench/search.py   (no arguments; about a minute)

Generates the synthetic catalog (`kiosk.catalog.generator`) in a temporary SQLite file, rebuilds the
search index (timed), then types every query of a fixed list one character at a time, searching on
each prefix, and does the same with `LIKE '%q%'` over name_zh / name_en / brand ordered by
popularity (the baseline: what search would cost without an index).
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.catalog.generator import generate_catalog
from kiosk.catalog.search import ensure_index, rebuild_index, search
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade

PRODUCTS = 100_000
PAGE = 20
ROUNDS = 3  # the query list is typed this many times; the first round starts with a cold cache
TARGET_P95_MS = 8.0

# typed one character at a time: every prefix is a query
QUERIES = [
    # Chinese: product words and brands
    "可乐", "咖啡", "巧克力", "洗发水", "保温杯", "方便面", "电饭煲", "洁家", "好厨 电饭煲",
    # English, then the same with typos
    "coffee", "chocolate", "shampoo", "instant noodles", "rice cooker", "vacuum flask", "jiejia",
    "cofee", "chocolat", "shampo", "noodels",
    # full pinyin, then pinyin initials
    "kele", "kafei", "qiaokeli", "xifashui", "baowenbei", "fangbianmian", "dianfanbao",
    "kl", "kf", "qkl", "xfs", "bwb", "fbm", "dfb",
]
BARCODE_PRODUCTS = (1, 31_415, 99_999)  # whose EAN-13 is typed digit by digit, by position in id order


def _raw(session: Session) -> sqlite3.Connection:
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def typed_prefixes(queries: list[str]) -> list[str]:
    return [q[:i] for q in queries for i in range(1, len(q) + 1) if q[:i].strip()]


def barcodes(db: Database) -> list[str]:
    with db.read() as session:
        raw = _raw(session)
        codes = [r[0] for r in raw.execute("SELECT gtin FROM product_barcodes ORDER BY product_id, gtin")]
    return [codes[i % len(codes)] for i in BARCODE_PRODUCTS]


def like_search(db: Database, query: str, limit: int) -> list[int]:
    pattern = f"%{query}%"
    with db.read() as session:
        raw = _raw(session)
        return [r[0] for r in raw.execute(
            "SELECT id FROM products WHERE active AND (name_zh LIKE ?1 OR name_en LIKE ?1 OR brand LIKE ?1)"
            " ORDER BY popularity DESC LIMIT ?2", (pattern, limit))]


def timed(fn: Callable[[str], object], prefixes: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for prefix in prefixes:
            start = time.perf_counter()
            fn(prefix)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        db = Database(path)
        upgrade(db)
        t0 = time.perf_counter()
        generate_catalog(db, PRODUCTS, seed=0)
        elapsed = time.perf_counter() - t0
        print(f"catalog: {PRODUCTS:,} products from kiosk.catalog.generator in {elapsed:.1f} s")
        ensure_index(db)
        cold = rebuild_index(db)
        warm = rebuild_index(db)
        for label, stats in (("first, pinyin computed", cold), ("again, pinyin cached", warm)):
            print(f"index rebuild ({label}), {stats.products:,} products: "
                  f"{stats.prepare_s + stats.write_s:.2f} s = prepare {stats.prepare_s:.2f} s "
                  f"+ write transaction {stats.write_s:.2f} s")
        print(f"database file with catalog and index: {path.stat().st_size / 1e6:.0f} MB")

        queries = QUERIES + barcodes(db)
        prefixes = typed_prefixes(queries)
        fts = timed(lambda q: search(db, q, limit=PAGE), prefixes, ROUNDS)
        like = timed(lambda q: like_search(db, q, PAGE), prefixes, 1)
        found = sum(1 for q in queries if search(db, q, limit=PAGE))
        db.close()

    print(f"\n{len(queries)} queries typed letter by letter = {len(prefixes)} searches per round, "
          f"page of {PAGE}; index {ROUNDS} rounds, LIKE 1 round; "
          f"{found}/{len(queries)} full queries find products")
    print(f"{'method':<36}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, samples in (("FTS5 index (kiosk.catalog.search)", fts), ("LIKE '%q%' scan (baseline)", like)):
        print(f"{name:<36}{len(samples):>6}{statistics.median(samples):>10.2f}"
              f"{percentile(samples, 95):>10.2f}{max(samples):>10.2f}")
    fts_p95, like_p95 = percentile(fts, 95), percentile(like, 95)
    print(f"{'ratio LIKE / index':<36}{'':>6}{statistics.median(like) / statistics.median(fts):>9.0f}x"
          f"{like_p95 / fts_p95:>9.0f}x{max(like) / max(fts):>9.0f}x")
    print(f"FIGURE search_p95_ms {fts_p95:.2f} ms target <= {TARGET_P95_MS:g}")
    print(f"FIGURE search_like_baseline_p95_ms {like_p95:.2f} ms target >= 0")


if __name__ == "__main__":
    main()
