"""The catalog puller against the real store: snapshot, deltas, tombstones, ETag 304, 410 → snapshot,
cursor kept across a restart, and the search index following the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cloudstore import catalog as store_catalog
from kiosk.catalog.search import search
from kiosk.db.engine import Database
from kiosk.db.models import Category, Product, ProductBarcode, ProductImage, ProductSpec, Review, Setting
from kiosk.db.seed import CATALOG_VERSION_KEY, seed_demo
from kiosk.events import EventBus
from kiosk.sync.catalog_pull import CURSOR_KEY, CatalogPuller, CatalogPullError, load_cursor
from kiosk.sync.client import SyncClient
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.conftest import Recorder
from tests.unit.sync.helpers import make_client

FIXTURE = Path(__file__).resolve().parents[1] / "cloudstore" / "catalog_fixture.json"

NEW_PRODUCT = {
    "category": "snacks", "name": {"zh": "斑马 夜光台灯", "en": "Zebra Glow Lamp"},
    "brand": {"zh": "斑马", "en": "Zebra"}, "price_minor": 8800, "stock": 4, "popularity": 99999,
    "ship": {"profile": "preorder", "min_days": 5, "max_days": 9},
    "specs": [{"key": {"zh": "功率", "en": "Power"}, "value": {"zh": "5 W", "en": "5 W"}}],
    "images": ["catalog/images/p0009.png"], "barcodes": ["6901000009999"],
    "reviews": [{"rating": 4, "language": "en_US", "text": "Bright.", "date": "2026-03-01",
                 "author": "A***e"}],
}


@pytest.fixture
def seeded_store(store: LiveStore) -> LiveStore:
    with store.db.write() as session:
        store_catalog.load_catalog(session, json.loads(FIXTURE.read_text(encoding="utf-8")))
    return store


def _skus(db: Database) -> set[str]:
    with db.read() as session:
        return set(session.scalars(select(Product.sku)))


def _found(db: Database, query: str) -> set[str]:
    ids = [hit.product_id for hit in search(db, query)]
    with db.read() as session:
        return set(session.scalars(select(Product.sku).where(Product.id.in_(ids))))


def _head(store: LiveStore) -> int:
    with store.db.read() as session:
        return store_catalog.head(session)


def test_first_pull_is_a_snapshot_that_replaces_the_bundled_catalog(
        db: Database, seeded_store: LiveStore, client: SyncClient, bus: EventBus, recorder: Recorder) -> None:
    assert seed_demo(db) >= 150  # a kiosk that never reached its store sells its bundled catalog
    result = CatalogPuller(db, client, events=bus, page_limit=2).pull()  # several pages, one transaction
    assert result.snapshot and result.changed and result.index_rebuilt
    assert result.cursor == _head(seeded_store)
    skus = _skus(db)
    assert {"D00001", "D00002"} <= skus and len(skus) < 10
    with db.read() as session:
        cola = session.scalars(select(Product).where(Product.sku == "D00001")).one()
        assert (cola.price_minor, cola.stock, cola.brand, cola.category.code) == (
            1590, 133, "畅爽 Changshuang", "drinks")
        assert session.scalar(select(func.count()).select_from(ProductSpec).where(
            ProductSpec.product_id == cola.id)) == 1
        assert session.scalars(select(ProductImage.path).where(ProductImage.product_id == cola.id)).all() \
            == ["catalog/images/p0001.png"]
        assert session.scalar(select(ProductBarcode.product_id).where(
            ProductBarcode.gtin == "6901000000172")) == cola.id
        assert sorted(session.scalars(select(Review.rating).where(Review.product_id == cola.id))) == [3, 5]
        assert session.get(Setting, CURSOR_KEY).value == str(result.cursor)  # type: ignore[union-attr]
        assert session.get(Setting, CATALOG_VERSION_KEY).value == str(result.cursor)  # type: ignore[union-attr]
    assert "D00001" in _found(db, "可乐")
    assert recorder.of("sync.catalog")[0].data["snapshot"] is True


def test_an_empty_store_never_empties_the_shelves(db: Database, store: LiveStore, client: SyncClient) -> None:
    bundled = seed_demo(db)  # the store's catalog was never loaded: its snapshot names nothing
    with pytest.raises(CatalogPullError, match="names no products"):
        CatalogPuller(db, client).pull()
    assert len(_skus(db)) == bundled and load_cursor(db)[0] == 0  # nothing applied, asked again later


def test_deltas_apply_upserts_and_tombstones_and_search_follows(
        db: Database, seeded_store: LiveStore, client: SyncClient) -> None:
    puller = CatalogPuller(db, client)
    puller.pull()
    admin = seeded_store.admin()
    assert admin.put("/admin/api/catalog/products/N00001", json=NEW_PRODUCT).status_code == 200
    repriced = admin.patch("/admin/api/catalog/products/D00001", json={"price_minor": 1490})
    price_version = repriced.json()["version"]
    assert admin.delete("/admin/api/catalog/products/D00002").status_code == 200
    assert _found(db, "zebra") == set()

    result = puller.pull()
    assert (result.snapshot, result.upserts, result.deletes) == (False, 2, 1)
    assert "D00002" not in _skus(db)
    with db.read() as session:
        cola = session.scalars(select(Product).where(Product.sku == "D00001")).one()
        assert (cola.price_minor, cola.catalog_version) == (1490, price_version)
        lamp = session.scalars(select(Product).where(Product.sku == "N00001")).one()
        assert (lamp.ship_profile, lamp.ship_min_days, lamp.rating_avg) == ("preorder", 5, 4.0)
        # the tombstoned product took its barcodes and children with it
        assert session.scalar(select(func.count()).select_from(ProductBarcode).where(
            ProductBarcode.product_id.not_in(select(Product.id)))) == 0
    assert _found(db, "zebra") == {"N00001"}
    assert _found(db, "斑马") == {"N00001"}
    assert _found(db, "6901000009999") == {"N00001"}


def test_nothing_new_is_a_304_on_the_etag(db: Database, seeded_store: LiveStore, client: SyncClient) -> None:
    puller = CatalogPuller(db, client)
    first = puller.pull()
    caught_up = puller.pull()  # an empty page: its ETag is kept for this cursor
    assert not caught_up.changed and not caught_up.not_modified
    assert puller.pull().not_modified
    assert load_cursor(db) == (first.cursor, load_cursor(db)[1]) and load_cursor(db)[1]
    seeded_store.admin().patch("/admin/api/catalog/products/D00002", json={"stock": 7})
    changed = puller.pull()
    assert changed.changed and not changed.not_modified and changed.upserts == 1


def test_a_cursor_older_than_purged_tombstones_takes_a_full_snapshot(
        db: Database, seeded_store: LiveStore, client: SyncClient) -> None:
    puller = CatalogPuller(db, client)
    before = puller.pull().cursor
    admin = seeded_store.admin()
    admin.delete("/admin/api/catalog/products/D00002")
    admin.put("/admin/api/catalog/products/N00001", json=NEW_PRODUCT)
    assert admin.post("/admin/api/catalog/purge", json={}).status_code == 200
    assert client.get("/v1/catalog/changes", params={"cursor": before}).status_code == 410

    result = puller.pull()
    assert result.snapshot and result.cursor == _head(seeded_store)
    skus = _skus(db)
    assert "D00002" not in skus and "N00001" in skus  # the snapshot had no tombstone: absence removes it


def test_the_cursor_survives_a_restart(tmp_path: Path, db: Database, seeded_store: LiveStore,
                                       device: tuple[str, str]) -> None:
    with make_client(seeded_store.base_url, device) as client:
        cursor = CatalogPuller(db, client).pull().cursor
    db.close()
    reopened = Database(db.path)
    try:
        assert load_cursor(reopened)[0] == cursor
        seeded_store.admin().put("/admin/api/catalog/products/N00001", json=NEW_PRODUCT)
        with make_client(seeded_store.base_url, device) as client:
            result = CatalogPuller(reopened, client).pull()
        assert not result.snapshot and result.upserts == 1 and result.deletes == 0
        with reopened.read() as session:
            assert session.scalar(select(func.count()).select_from(Category)) == 2
    finally:
        reopened.close()
