"""Catalog delta feed over HTTP: cursor paging, ETag/304, tombstones, 410 for a purged cursor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.unit.cloudstore.harness import (
    Kiosk,
    LiveStore,
    batch_item,
    order_payload,
    pay_on_phone,
    running_store,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def store(tmp_path: Any) -> Iterator[LiveStore]:
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}") as live:
        admin = live.admin()
        assert admin.put("/admin/api/catalog/categories/drinks",
                         json={"name": {"zh": "饮料", "en": "Drinks"}}).status_code == 200
        for n in range(1, 6):
            response = admin.put(f"/admin/api/catalog/products/D0000{n}", json={
                "category": "drinks", "name": {"zh": f"饮料{n}", "en": f"Drink {n}"}, "price_minor": 100 * n,
                "ship": {"profile": "in_stock", "min_days": 1, "max_days": 2},
                "barcodes": [f"690100000{n:04d}"]})
            assert response.status_code == 200, response.text
        yield live


def _pull(kiosk: Kiosk, cursor: int, limit: int = 2) -> list[dict[str, Any]]:
    pages = []
    while True:
        response = kiosk.http.get("/v1/catalog/changes", params={"cursor": cursor, "limit": limit})
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return pages


def test_cursor_paging_reaches_everything(store: LiveStore) -> None:
    pages = _pull(store.kiosk(), 0)
    keys = [c["key"] for page in pages for c in page["changes"]]
    assert keys == ["drinks", "D00001", "D00002", "D00003", "D00004", "D00005"]
    assert [len(p["changes"]) for p in pages] == [2, 2, 2]
    assert pages[-1]["next_cursor"] == 6
    assert pages[1]["changes"][0]["data"]["name"] == {"zh": "饮料2", "en": "Drink 2"}


def test_etag_gives_304_until_something_changes(store: LiveStore) -> None:
    kiosk = store.kiosk()
    first = kiosk.http.get("/v1/catalog/changes", params={"cursor": 6})
    assert first.status_code == 200 and first.json()["changes"] == []
    tag = first.headers["etag"]
    again = kiosk.http.get("/v1/catalog/changes", params={"cursor": 6}, headers={"If-None-Match": tag})
    assert again.status_code == 304
    patched = store.admin().patch("/admin/api/catalog/products/D00003", json={"price_minor": 250})
    assert patched.status_code == 200
    changed = kiosk.http.get("/v1/catalog/changes", params={"cursor": 6}, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert [(c["key"], c["data"]["price_minor"]) for c in changed.json()["changes"]] == [("D00003", 250)]


def test_tombstones_then_410_once_purged(store: LiveStore) -> None:
    kiosk, admin = store.kiosk(), store.admin()
    assert admin.delete("/admin/api/catalog/products/D00002").status_code == 200
    delta = kiosk.http.get("/v1/catalog/changes", params={"cursor": 6}).json()
    assert delta["changes"] == [{"entity": "product", "key": "D00002", "op": "delete", "version": 7,
                                 "data": None}]
    assert admin.post("/admin/api/catalog/purge", json={}).json() == {"purged_through": 7}
    gone = kiosk.http.get("/v1/catalog/changes", params={"cursor": 6})
    assert gone.status_code == 410
    assert gone.json()["snapshot_cursor"] == 0
    snapshot = _pull(kiosk, 0, limit=100)
    assert "D00002" not in {c["key"] for p in snapshot for c in p["changes"]}
    assert kiosk.http.get("/v1/catalog/changes", params={"cursor": 999}).status_code == 410


def test_an_ingested_order_lowers_the_stock_once_and_the_next_pull_sees_it(store: LiveStore) -> None:
    admin, kiosk = store.admin(), store.kiosk()
    assert admin.patch("/admin/api/catalog/products/D00002", json={"stock": 5}).status_code == 200
    assert admin.patch("/admin/api/catalog/products/D00003", json={"stock": 1}).status_code == 200
    cursor = kiosk.http.get("/v1/catalog/changes", params={"cursor": 0, "limit": 100}).json()["next_cursor"]
    up_to_date = kiosk.http.get("/v1/catalog/changes", params={"cursor": cursor})
    assert up_to_date.json()["changes"] == []
    tag = up_to_date.headers["etag"]
    two = order_payload(qty=2, price=200, sku="D00002")
    more_than_left = order_payload(qty=4, price=300, sku="D00003")  # sold elsewhere meanwhile: 0, not -3
    for payload in (two, more_than_left):
        pay_on_phone(kiosk, payload)
    items = [batch_item(1, two), batch_item(2, more_than_left)]
    for expected in ("created", "duplicate"):  # the kiosk pushes again: the goods left once
        pushed = kiosk.http.post("/v1/orders:batch", json={"items": items}).json()
        assert [r["status"] for r in pushed["results"]] == [expected] * 2
    delta = kiosk.http.get("/v1/catalog/changes", params={"cursor": cursor},
                           headers={"If-None-Match": tag})
    assert delta.status_code == 200  # not 304: there is something new to pull
    assert {c["key"]: c["data"]["stock"] for c in delta.json()["changes"]} == {"D00002": 3, "D00003": 0}
    after = delta.json()["next_cursor"]
    assert kiosk.http.get("/v1/catalog/changes", params={"cursor": after}).json()["changes"] == []
