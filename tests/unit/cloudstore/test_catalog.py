"""The catalog: documents in both spellings, the demo file, and the change feed's cursor rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cloudstore import catalog
from cloudstore.__main__ import demo_catalog_path
from cloudstore.db import StoreDB

FIXTURE = Path(__file__).with_name("catalog_fixture.json")


def _load(db: StoreDB, data: dict[str, Any]) -> tuple[int, int]:
    with db.write() as session:
        return catalog.load_catalog(session, data)


def _all_changes(db: StoreDB, cursor: int, limit: int) -> tuple[list[dict[str, Any]], int, int]:
    changes: list[dict[str, Any]] = []
    pages = 0
    while True:
        with db.read() as session:
            page = catalog.changes(session, cursor, limit)
        changes += page.changes
        cursor, pages = page.next_cursor, pages + 1
        if not page.has_more:
            return changes, cursor, pages


def test_fixture_in_the_demo_shape_round_trips(store_db: StoreDB) -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert _load(store_db, data) == (2, 3)
    changes, _, _ = _all_changes(store_db, 0, 100)
    products = {c["key"]: c["data"] for c in changes if c["entity"] == "product"}
    cola = products["D00001"]
    src = data["products"][0]
    for key in ("name", "description", "brand", "ship", "specs", "images", "barcodes", "price_minor", "art"):
        assert cola[key] == src[key], key
    assert cola["review_count"] == 2 and cola["rating_avg"] == 4.0
    assert [r["author"] for r in cola["reviews"]] == ["朱**", "R***n"]


def test_flat_spellings_are_accepted(store_db: StoreDB) -> None:
    with store_db.write() as session:
        catalog.upsert_category(session, {"code": "c", "name_zh": "类", "name_en": "Cat"})
        catalog.upsert_product(session, {
            "sku": "X1", "category_code": "c", "name_zh": "甲", "name_en": "A", "price": "12.50",
            "ship_profile": "preorder", "ship_min_days": 3, "ship_max_days": 9,
            "specs": [{"key_zh": "重", "key_en": "Weight", "value_zh": "1 kg", "value_en": "1 kg"}],
            "reviews": [{"rating": 5, "created_on": "2026-01-02", "author_masked": "王**"}],
        })
    with store_db.read() as session:
        doc = catalog.changes(session, 0).changes[-1]["data"]
    assert doc["price_minor"] == 1250
    assert doc["ship"] == {"profile": "preorder", "min_days": 3, "max_days": 9}
    assert doc["specs"] == [{"key": {"zh": "重", "en": "Weight"}, "value": {"zh": "1 kg", "en": "1 kg"}}]
    assert doc["reviews"][0]["date"] == "2026-01-02"


@pytest.mark.parametrize("bad", [
    {"sku": "X", "category": "drinks", "name": "n"},  # no price
    {"sku": "X", "category": "drinks", "name": "n", "price_minor": -1},
    {"sku": "X", "category": "nope", "name": "n", "price_minor": 1},
    {"sku": "X", "category": "drinks", "name": "n", "price_minor": 1, "ship": {"profile": "teleport"}},
    {"sku": "X", "category": "drinks", "name": "n", "price_minor": 1, "reviews": [{"rating": 9}]},
])
def test_bad_documents_are_refused(store_db: StoreDB, bad: dict[str, Any]) -> None:
    _load(store_db, {"categories": [{"code": "drinks", "name": "Drinks"}]})
    with pytest.raises(catalog.CatalogError), store_db.write() as session:
        catalog.upsert_product(session, bad)


def test_the_demo_catalog_loads_whole(store_db: StoreDB) -> None:
    path = demo_catalog_path()
    if not path.exists():
        pytest.skip("assets/catalog/demo_catalog.json is not there")
    data = json.loads(path.read_text(encoding="utf-8"))
    categories, products = _load(store_db, data)
    assert (categories, products) == (len(data["categories"]), len(data["products"]))
    changes, cursor, pages = _all_changes(store_db, 0, 50)
    assert len(changes) == categories + products and pages > 1
    with store_db.read() as session:
        assert cursor == catalog.head(session)


def test_paging_tombstones_and_purge(store_db: StoreDB) -> None:
    _load(store_db, json.loads(FIXTURE.read_text(encoding="utf-8")))
    _, cursor, pages = _all_changes(store_db, 0, 2)
    assert pages == 3  # 5 rows, 2 a page
    with store_db.write() as session:
        catalog.set_price_stock(session, "D00001", price_minor=1490)
        catalog.delete_product(session, "S00001")
    changes, new_cursor, _ = _all_changes(store_db, cursor, 10)
    assert [(c["key"], c["op"]) for c in changes] == [("D00001", "upsert"), ("S00001", "delete")]
    assert changes[0]["data"]["price_minor"] == 1490 and "data" not in changes[1]
    # a fresh snapshot leaves tombstones out
    snapshot, _, _ = _all_changes(store_db, 0, 100)
    assert "S00001" not in {c["key"] for c in snapshot}
    with store_db.write() as session:
        assert catalog.purge_tombstones(session) == new_cursor
    with store_db.read() as session, pytest.raises(catalog.CursorGone):
        catalog.changes(session, cursor)
    with store_db.read() as session:
        assert catalog.changes(session, new_cursor).changes == []
        with pytest.raises(catalog.CursorGone):
            catalog.changes(session, new_cursor + 1)  # from another store, or the future
