"""The store's "often bought together" lists reach the kiosk through the real catalog pull: orders
pushed by one kiosk, counted by the store under Uvicorn, pulled by another kiosk into its SQLite."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.db.models import Product, Together
from kiosk.recommend import Recommender
from kiosk.sync.catalog_pull import CatalogPuller
from tests.unit.cloudstore.harness import Kiosk, LiveStore, batch_item, pay_on_phone, running_store
from tests.unit.sync.helpers import make_client

pytestmark = pytest.mark.e2e
SKUS = ["D00001", "D00002", "D00003", "D00004"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LiveStore]:
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}") as live:
        admin = live.admin()
        assert admin.put("/admin/api/catalog/categories/drinks",
                         json={"name": {"zh": "饮料", "en": "Drinks"}}).status_code == 200
        for n, sku in enumerate(SKUS, 1):
            assert admin.put(f"/admin/api/catalog/products/{sku}", json={
                "category": "drinks", "name": {"zh": f"饮料{n}", "en": f"Drink {n}"}, "price_minor": 100,
                "stock": 50}).status_code == 200
        yield live


def _basket(skus: list[str]) -> dict[str, Any]:
    u = str(uuid.uuid4())
    lines = [{"position": i, "sku": sku, "name_zh": sku, "name_en": sku, "unit_price_minor": 100,
              "quantity": 1, "line_total_minor": 100} for i, sku in enumerate(skus)]
    total = 100 * len(skus)
    return {"order_uuid": u, "order_no": f"K01-{u[:8]}", "currency": "CNY", "subtotal_minor": total,
            "shipping_minor": 0, "total_minor": total, "fulfilment": "pickup", "lines": lines, "contact": {},
            "payment": {"method": "wechat", "amount_minor": total}}


def _push(kiosk: Kiosk, baskets: list[list[str]], first_seq: int) -> None:
    payloads = [_basket(b) for b in baskets]
    for p in payloads:
        pay_on_phone(kiosk, p)
    items = [batch_item(first_seq + i, p) for i, p in enumerate(payloads)]
    pushed = kiosk.http.post("/v1/orders:batch", json={"items": items}).json()
    assert [r["status"] for r in pushed["results"]] == ["created"] * len(items)


def _ids(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {sku: pid for sku, pid in s.execute(select(Product.sku, Product.id))}


def test_co_purchase_lists_arrive_with_the_catalog_pull(store: LiveStore, tmp_path: Path) -> None:
    seller = store.kiosk("seller")
    _push(seller, [["D00001", "D00003"], ["D00001", "D00003", "D00002"], ["D00001", "D00002"],
                   ["D00001", "D00003"]], 1)
    db = Database(tmp_path / "kiosk.sqlite3")
    upgrade(db)
    try:
        with make_client(store.base_url, store.add_device("reader")) as client:
            puller = CatalogPuller(db, client)
            first = puller.pull()
            assert first.together == 3  # D00001, D00002 and D00003 have a list; D00004 none
            ids = _ids(db)
            by_sku = {v: k for k, v in ids.items()}
            recommender = Recommender(db)
            assert [by_sku[i] for i in recommender.together(ids["D00001"])] == ["D00003", "D00002"]
            assert [by_sku[i] for i in recommender.together(ids["D00001"], {ids["D00003"]})] == ["D00002"]
            # unchanged lists: a 304, the table stays as it is
            assert puller.pull().together is None
            with db.read() as s:
                assert len(s.scalars(select(Together)).all()) == 6
            # more sales change the ranking at the next pull
            _push(seller, [["D00001", "D00002"]] * 3, 5)
            assert puller.pull().together == 3
            assert [by_sku[i] for i in recommender.together(ids["D00001"])] == ["D00002", "D00003"]
            # a product sold out at the store drops out of the kiosk's answer
            assert store.admin().patch("/admin/api/catalog/products/D00002",
                                       json={"stock": 0}).status_code == 200
            puller.pull()
            assert [by_sku[i] for i in recommender.together(ids["D00001"])] == ["D00003"]
    finally:
        db.close()
