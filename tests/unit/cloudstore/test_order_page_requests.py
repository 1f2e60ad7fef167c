"""The public order page's requests (`/o/{uuid}`): what a phone at home may ask under the FAQ-3 rules,
through the real store under Uvicorn, posting the page's own forms as a browser does."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from cloudstore import pii
from cloudstore.models import OrderEvent, OrderRequest
from cloudstore.routes.order_page import WEB_POSTS_PER_WINDOW
from tests.unit.cloudstore.harness import (
    Kiosk,
    LiveStore,
    batch_item,
    order_payload,
    pay_on_phone,
    pg_base_url,
    postgres_schema,
    running_store,
)

NAME, PHONE, ADDRESS = "张三", "13800001234", "上海市浦东新区张江路88号"
NEW_PHONE, NEW_ADDRESS = "13900005678", "北京市朝阳区建国路99号5号楼"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    """The real store on SQLite, and on PostgreSQL when $CLOUDSTORE_TEST_PG_URL is set."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("order-page-requests") / "store.sqlite3"
        with running_store(f"sqlite:///{path}") as live:
            yield live
    else:
        with postgres_schema(pg_base_url()) as url, running_store(url) as live:
            yield live


@pytest.fixture(scope="module")
def kiosk(store: LiveStore) -> Kiosk:
    return store.kiosk("lobby")


@pytest.fixture
def phone(store: LiveStore) -> Iterator[httpx.Client]:
    """A phone's browser: no signature, no cookie, just the page's address."""
    with httpx.Client(base_url=store.base_url, timeout=10) as client:
        yield client


_seq = iter(range(1, 10_000))


def _sold(kiosk: Kiosk, *, delivery: bool = True) -> dict[str, Any]:
    payload = order_payload(qty=2, price=1590, shipping=1000 if delivery else 0)
    if delivery:
        payload["contact"] = {"name": NAME, "phone": PHONE, "address": ADDRESS}
    pay_on_phone(kiosk, payload)
    pushed = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(next(_seq), payload)]})
    assert pushed.json()["results"][0]["status"] == "created"
    return payload


def _set_status(store: LiveStore, order_uuid: str, *statuses: str) -> None:
    for status in statuses:
        response = store.admin().post(f"/admin/api/orders/{order_uuid}/status",
                                      json={"status": status, "tracking_no": "SF100200300"})
        assert response.status_code == 200, response.text


def _handed_over(store: LiveStore, order_uuid: str, days_ago: float) -> None:
    _set_status(store, order_uuid, "READY_FOR_PICKUP", "PICKED_UP")
    moved = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=days_ago)
    with store.db.write() as session:  # the timeline's hand-over event is what the window counts from
        [event] = session.query(OrderEvent).filter(OrderEvent.order_uuid == order_uuid,
                                                   OrderEvent.status.in_(["DELIVERED", "PICKED_UP"])).all()
        event.at = moved


def _hidden_request_id(html: str, form_id: str) -> str:
    form = html[html.index(f'id="{form_id}"'):]
    match = re.search(r'name="request_id" value="([0-9a-f]{32})"', form)
    assert match, "the form carries a request id"
    return match.group(1)


def _requests(store: LiveStore, order_uuid: str) -> list[OrderRequest]:
    with store.db.read() as session:
        return list(session.query(OrderRequest).filter_by(order_uuid=order_uuid).order_by(OrderRequest.id))


def test_a_phone_asks_for_a_change_and_the_request_shows_on_the_page(store: LiveStore, kiosk: Kiosk,
                                                                      phone: httpx.Client) -> None:
    payload = _sold(kiosk, delivery=False)
    page = phone.get(f"/o/{payload['order_uuid']}").text
    assert 'id="change-form"' in page and 'id="return-form"' not in page
    form = {"request_id": _hidden_request_id(page, "change-form"), "name": "李四", "phone": "139 0000 5678",
            "address": NEW_ADDRESS, "fulfilment": "delivery"}
    sent = phone.post(f"/o/{payload['order_uuid']}/modification", data=form)
    assert sent.status_code == 200
    assert "修改申请已提交" in sent.text
    assert 'data-state="PENDING"' in sent.text and "等待商家处理" in sent.text
    assert "运费需补 ¥10.00" in sent.text  # pickup → delivery under 99.00
    assert 'id="change-form"' not in sent.text and "处理后才能再次申请" in sent.text  # one at a time
    # what was asked shows masked; the numbers and the street never reach the page
    assert "139****5678" in sent.text and "北京市朝阳区****" in sent.text
    assert NEW_PHONE.encode() not in sent.content and "建国路".encode() not in sent.content
    [asked] = _requests(store, payload["order_uuid"])
    assert (asked.device_id, asked.status, asked.kind) == ("web", "PENDING", "modification")
    with store.db.read() as session:  # stored sealed (cloudstore.pii); the store opens it for its checks
        asked_values = pii.request_changes(session, asked)
    assert asked_values == {"contact_name": "李四", "contact_phone": NEW_PHONE, "address": NEW_ADDRESS,
                             "fulfilment": "delivery"}
    # a refresh posts the same form again: nothing changes
    again = phone.post(f"/o/{payload['order_uuid']}/modification", data=form)
    assert again.status_code == 200 and "已提交过" in again.text
    assert len(_requests(store, payload["order_uuid"])) == 1
    # the merchant approves: the page follows
    store.admin().post(f"/admin/api/requests/{asked.request_id}/decision",
                       json={"approve": True, "note": "好的"})
    after = phone.get(f"/o/{payload['order_uuid']}", params={"lang": "en"}).text
    assert "Approved by the store" in after and "好的" in after and "Home delivery" in after
    assert "139****5678" in after and "Delivery fee: ¥10.00 more to pay" in after
    # the money lines follow the approved fee, as the kiosk's lookup shows them: 2 × 15.90 + 10.00
    assert '<span id="total">¥41.80</span>' in after
    assert re.search(r"<dt>Delivery</dt><dd>¥10\.00</dd>", after)


@pytest.mark.parametrize(("field", "value", "zh", "en"), [
    ("phone", "12345", "请填写 11 位手机号码", "enter an 11-digit mobile number"),
    ("name", "<b>x</b>", "含有不能使用的字符", "cannot be used"),
    ("name", "张\u202e三", "含有不能使用的字符", "cannot be used"),  # a right-to-left override
    ("address", "上海市浦东新区😀88号", "含有不能使用的字符", "cannot be used"),
    ("address", "上海市" + "长" * 10_000, "太长了", "too long"),
    ("name", "", "没有需要修改的内容", "Nothing to change"),
])
def test_a_change_the_rules_refuse_is_said_in_words_and_stores_nothing(
        store: LiveStore, kiosk: Kiosk, phone: httpx.Client, field: str, value: str, zh: str,
        en: str) -> None:
    payload = _sold(kiosk)
    for lang, words in (("zh", zh), ("en", en)):
        refused = phone.post(f"/o/{payload['order_uuid']}/modification", params={"lang": lang},
                             data={"request_id": uuid.uuid4().hex, field: value, "fulfilment": "delivery"})
        assert refused.status_code == 422
        assert words in refused.text
        assert 'id="notice" role="alert"' in refused.text
        assert "<b>x</b>" not in refused.text  # shown as text, never as markup
        assert 'id="change-form"' in refused.text  # and the form again, to correct it
        if value and len(value) < 100:  # the shopper's own input goes back into their own field only
            assert refused.text.count(value.replace("<", "&lt;").replace(">", "&gt;")) == 1
    assert _requests(store, payload["order_uuid"]) == []


def test_a_shipped_order_shows_why_and_refuses_a_stale_form(store: LiveStore, kiosk: Kiosk,
                                                            phone: httpx.Client) -> None:
    payload = _sold(kiosk)
    page = phone.get(f"/o/{payload['order_uuid']}").text
    request_id = _hidden_request_id(page, "change-form")
    _set_status(store, payload["order_uuid"], "SHIPPED")
    locked = phone.get(f"/o/{payload['order_uuid']}").text
    assert 'id="change-form"' not in locked and 'id="return-form"' not in locked
    assert 'data-reason="shipped"' in locked and "订单已发货，无法再修改" in locked
    assert "服务台" in locked  # how to reach someone
    english = phone.get(f"/o/{payload['order_uuid']}", params={"lang": "en"}).text
    assert "has shipped and can no longer be changed" in english
    # the form loaded before it shipped is refused by the store's rules
    stale = phone.post(f"/o/{payload['order_uuid']}/modification",
                       data={"request_id": request_id, "address": NEW_ADDRESS})
    assert stale.status_code == 409 and "订单已发货" in stale.text
    assert _requests(store, payload["order_uuid"]) == []


def test_a_return_from_the_phone_and_the_merchants_answer(store: LiveStore, kiosk: Kiosk,
                                                           phone: httpx.Client) -> None:
    payload = _sold(kiosk, delivery=False)
    _handed_over(store, payload["order_uuid"], days_ago=1)
    page = phone.get(f"/o/{payload['order_uuid']}").text
    assert 'id="return-form"' in page and "可申请至" in page and 'id="change-form"' not in page
    form = {"request_id": _hidden_request_id(page, "return-form"), "type": "exchange", "reason": "damaged",
            "qty_0": "1", "note": "<script>alert(1)</script>"}
    sent = phone.post(f"/o/{payload['order_uuid']}/return", data=form)
    assert sent.status_code == 200 and "退换货申请已提交" in sent.text
    assert "换货" in sent.text and "商品损坏" in sent.text and "可乐 ×1" in sent.text
    assert "<script>alert" not in sent.text and "&lt;script&gt;" in sent.text
    assert 'id="return-form"' not in sent.text
    [asked] = _requests(store, payload["order_uuid"])
    assert (asked.device_id, asked.kind, asked.changes["lines"]) == ("web", "return", [
        {"sku": "D00001", "quantity": 1}])
    assert phone.post(f"/o/{payload['order_uuid']}/return", data=form).status_code == 200  # a refresh
    assert len(_requests(store, payload["order_uuid"])) == 1
    store.admin().post(f"/admin/api/requests/{asked.request_id}/decision",
                       json={"approve": False, "note": "<i>opened</i>"})
    answered = phone.get(f"/o/{payload['order_uuid']}").text
    assert "商家未同意" in answered and "&lt;i&gt;opened&lt;/i&gt;" in answered and "<i>" not in answered
    assert 'data-status="PICKED_UP"' in answered and 'id="return-form"' in answered  # may ask again


@pytest.mark.parametrize(("form", "words"), [
    ({"qty_0": "3"}, "不超过购买数量"),  # bought 2
    ({"qty_0": "0"}, "不超过购买数量"),
    ({"qty_0": "-1"}, "不超过购买数量"),
    ({"qty_0": "1", "note": "长" * 201}, "说明最多 200 字"),
    ({"qty_0": "1", "note": "ok\u202e"}, "不能含有控制字符"),
    ({"qty_0": "1", "reason": "<b>bad</b>"}, "原因：无效"),
])
def test_a_return_the_rules_refuse_is_said_in_words(store: LiveStore, kiosk: Kiosk, phone: httpx.Client,
                                                   form: dict[str, str], words: str) -> None:
    payload = _sold(kiosk, delivery=False)
    _handed_over(store, payload["order_uuid"], days_ago=1)
    refused = phone.post(f"/o/{payload['order_uuid']}/return",
                         data={"request_id": uuid.uuid4().hex, "type": "return", "reason": "quality", **form})
    assert refused.status_code == 422
    assert words in refused.text and "<b>bad</b>" not in refused.text
    assert _requests(store, payload["order_uuid"]) == []


def test_after_the_window_the_page_says_so(store: LiveStore, kiosk: Kiosk, phone: httpx.Client) -> None:
    payload = _sold(kiosk, delivery=False)
    _handed_over(store, payload["order_uuid"], days_ago=8)
    page = phone.get(f"/o/{payload['order_uuid']}").text
    assert 'id="return-form"' not in page and "退换货期限已于" in page
    late = phone.post(f"/o/{payload['order_uuid']}/return",
                      data={"request_id": uuid.uuid4().hex, "type": "return", "reason": "quality",
                            "qty_0": "1"})
    assert late.status_code == 409 and "退换货期限" in late.text
    assert _requests(store, payload["order_uuid"]) == []


def test_posts_per_order_are_limited(store: LiveStore, kiosk: Kiosk, phone: httpx.Client) -> None:
    payload = _sold(kiosk)
    url = f"/o/{payload['order_uuid']}/modification"
    for _ in range(WEB_POSTS_PER_WINDOW):
        assert phone.post(url, data={"phone": "1"}).status_code == 422
    limited = phone.post(url, data={"address": NEW_ADDRESS})
    assert limited.status_code == 429 and "提交次数过多" in limited.text
    assert _requests(store, payload["order_uuid"]) == []
    other = _sold(kiosk)  # another order is not held up
    sent = phone.post(f"/o/{other['order_uuid']}/modification", data={"address": NEW_ADDRESS})
    assert sent.status_code == 200


def test_posting_to_an_unknown_order_is_the_plain_not_found_page(phone: httpx.Client) -> None:
    for path in (f"/o/{uuid.uuid4()}/modification", f"/o/{uuid.uuid4()}/return",
                 "/o/" + "x" * 200 + "/return"):
        missing = phone.post(path, data={"address": NEW_ADDRESS})
        assert missing.status_code == 404 and "未找到订单" in missing.text


def test_a_locked_order_gives_the_merchants_phone_when_there_is_one(tmp_path: Path) -> None:
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}", merchant_phone="400-820-8820") as live:
        payload = _sold(live.kiosk())
        _set_status(live, payload["order_uuid"], "SHIPPED")
        for lang, words in (("zh", "联系商家"), ("en", "Contact the store")):
            page = httpx.get(f"{live.base_url}/o/{payload['order_uuid']}", params={"lang": lang}).text
            assert words in page and 'href="tel:4008208820"' in page and ">400-820-8820</a>" in page
