"""The public order page the receipt's QR opens: `/o/{order_uuid}`, through the real HTTP server."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cloudstore.timefmt import parse_iso
from tests.unit.cloudstore.harness import (
    Kiosk,
    LiveStore,
    batch_item,
    order_payload,
    pay_on_phone,
    running_store,
)

pytestmark = pytest.mark.e2e

PHONE = "13800138000"
ADDRESS = "上海市浦东新区张江路88号3号楼1201室"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    path = tmp_path_factory.mktemp("order-page") / "store.sqlite3"
    with running_store(f"sqlite:///{path}") as live:
        yield live


@pytest.fixture(scope="module")
def kiosk(store: LiveStore) -> Kiosk:
    return store.kiosk("大堂 Lobby")


def _sold(kiosk: Kiosk, payload: dict[str, Any], seq: int) -> dict[str, Any]:
    """Paid on a phone and pushed, as a sale ends; returns the store's payment."""
    paid = pay_on_phone(kiosk, payload)
    pushed = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(seq, payload)]}).json()
    assert pushed["results"][0]["status"] == "created"
    return paid


@pytest.fixture(scope="module")
def delivery(kiosk: Kiosk) -> tuple[dict[str, Any], dict[str, Any]]:
    payload = order_payload(qty=2, price=1590, shipping=1000)
    payload["contact"] = {"name": "张三", "phone": PHONE, "address": ADDRESS}
    return payload, _sold(kiosk, payload, 1)


def _page(store: LiveStore, order_uuid: str, **kwargs: Any) -> httpx.Response:
    return httpx.get(f"{store.base_url}/o/{order_uuid}", timeout=10, **kwargs)


def test_the_order_page_shows_the_order_with_its_money_lines_in_chinese(
        store: LiveStore, delivery: tuple[dict[str, Any], dict[str, Any]]) -> None:
    payload, paid = delivery
    page = _page(store, payload["order_uuid"])
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-store"
    html = page.text
    assert 'lang="zh-CN"' in html and "width=device-width" in html
    assert payload["order_no"] in html
    for text in ("可乐", "×2", "¥15.90", "¥31.80", "小计", "运费", "¥10.00", "合计", "¥41.80", "送货上门",
                 "已接单"):
        assert text in html, text
    assert "优惠" not in html  # no discount: no discount line
    paid_at = parse_iso(paid["paid_at"]).replace(tzinfo=dt.UTC)
    shanghai = paid_at.astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert shanghai.strftime("%Y-%m-%d %H:%M") in html


def test_personal_data_is_masked_and_never_in_the_bytes(
        store: LiveStore, delivery: tuple[dict[str, Any], dict[str, Any]]) -> None:
    payload, _ = delivery
    for lang in ("zh", "en"):
        body = _page(store, payload["order_uuid"], params={"lang": lang}).content
        text = body.decode()
        assert "张*" in text and "张三" not in text
        assert "138****8000" in text
        assert PHONE.encode() not in body and b"00138000" not in body
        assert "上海市浦东新区" in text
        assert ADDRESS.encode() not in body and "张江路".encode() not in body and b"1201" not in body


def test_english_by_query_or_by_accept_language(
        store: LiveStore, delivery: tuple[dict[str, Any], dict[str, Any]]) -> None:
    order_uuid = delivery[0]["order_uuid"]
    by_query = _page(store, order_uuid, params={"lang": "en"}).text
    by_header = _page(store, order_uuid, headers={"Accept-Language": "en-GB,en;q=0.9,zh-CN;q=0.5"}).text
    for html in (by_query, by_header):
        assert 'lang="en"' in html
        for text in ("Cola", "Subtotal", "Delivery", "Total", "Home delivery", "Accepted"):
            assert text in html, text
        assert "可乐" not in html
    chinese_first = _page(store, order_uuid, headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).text
    assert "合计" in chinese_first
    # the query wins over the header
    assert "合计" in _page(store, order_uuid, params={"lang": "zh"},
                           headers={"Accept-Language": "en"}).text


def test_pickup_shows_the_code_and_the_status_follows_the_store(store: LiveStore, kiosk: Kiosk) -> None:
    payload = order_payload(qty=1, price=350)
    _sold(kiosk, payload, 2)
    html = _page(store, payload["order_uuid"]).text
    assert "到店自提" in html and "取货码" in html and payload["order_no"] in html
    assert "大堂 Lobby" in html  # the kiosk it was bought at is where it is collected
    assert "运费" not in html  # pickup costs nothing and says nothing about delivery
    admin = store.admin()
    assert admin.post(f"/admin/api/orders/{payload['order_uuid']}/status",
                      json={"status": "READY_FOR_PICKUP"}).status_code == 200
    assert "待取货" in _page(store, payload["order_uuid"]).text


def test_a_shipped_order_shows_its_tracking_number(
        store: LiveStore, delivery: tuple[dict[str, Any], dict[str, Any]]) -> None:
    order_uuid = delivery[0]["order_uuid"]
    assert store.admin().post(f"/admin/api/orders/{order_uuid}/status",
                              json={"status": "SHIPPED", "tracking_no": "SF1234567890"}).status_code == 200
    html = _page(store, order_uuid).text
    assert "已发货" in html and "SF1234567890" in html


def test_text_from_the_order_is_shown_as_text(store: LiveStore, kiosk: Kiosk) -> None:
    payload = order_payload(qty=1, price=100, shipping=1000)
    payload["lines"][0] |= {"name_zh": "<b>x</b>", "name_en": "<b>x</b>"}
    payload["contact"] = {"name": "<b>x</b>", "phone": PHONE, "address": "<script>alert(1)</script>"}
    _sold(kiosk, payload, 3)
    for lang in ("zh", "en"):
        html = _page(store, payload["order_uuid"], params={"lang": lang}).text
        assert "&lt;b&gt;x&lt;/b&gt;" in html
        assert "<b>x</b>" not in html and "<script>alert" not in html


def test_an_unknown_order_is_a_plain_not_found_page(store: LiveStore) -> None:
    for order_uuid in (str(uuid.uuid4()), "x" * 200, "%3Cb%3E"):
        page = _page(store, order_uuid)
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert "width=device-width" in page.text and "未找到" in page.text
        assert "<b>" not in page.text
    english = _page(store, str(uuid.uuid4()), params={"lang": "en"})
    assert english.status_code == 404 and "not found" in english.text.lower()
