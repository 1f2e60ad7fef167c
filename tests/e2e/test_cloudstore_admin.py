"""The merchant admin page and the order follow-up flows it drives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
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


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    path = tmp_path_factory.mktemp("admin") / "store.sqlite3"
    with running_store(f"sqlite:///{path}") as live:
        yield live


@pytest.fixture
def browser(store: LiveStore) -> Iterator[httpx.Client]:
    with store.admin(follow_redirects=True) as client:
        assert client.get("/admin").status_code == 200
        yield client


def _order(kiosk: Kiosk, seq: int, **kwargs: Any) -> dict[str, Any]:
    payload = order_payload(**kwargs)
    pay_on_phone(kiosk, payload)
    response = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(seq, payload)]})
    assert response.json()["results"][0]["status"] == "created"
    return payload


def _status(kiosk: Kiosk, order_uuid: str) -> dict[str, Any]:
    result: dict[str, Any] = kiosk.http.get(f"/v1/orders/{order_uuid}").json()
    return result


def test_admin_needs_the_token(store: LiveStore) -> None:
    with httpx.Client(base_url=store.base_url, follow_redirects=True) as stranger:
        assert stranger.get("/admin").status_code == 401
        assert stranger.get("/admin", params={"token": "guess"}).status_code == 401
        assert stranger.post("/admin/orders/x/status", data={"status": "SHIPPED"}).status_code == 401
        assert stranger.get("/admin/api/orders").status_code == 401


def test_orders_page_lists_and_filters(store: LiveStore, browser: httpx.Client) -> None:
    k1, k2 = store.kiosk("lobby"), store.kiosk("gate")
    o1, o2 = _order(k1, 1), _order(k2, 1, total=5)
    page = browser.get("/admin")
    assert page.status_code == 200 and o1["order_no"] in page.text and o2["order_no"] in page.text
    only_k1 = browser.get("/admin", params={"device_id": k1.device_id}).text
    assert o1["order_no"] in only_k1 and o2["order_no"] not in only_k1
    flagged = browser.get("/admin", params={"flagged": "1"}).text
    assert o2["order_no"] in flagged and o1["order_no"] not in flagged


def test_pickup_ready_and_shipping_with_tracking(store: LiveStore, browser: httpx.Client) -> None:
    kiosk = store.kiosk()
    pickup, delivery = _order(kiosk, 1), _order(kiosk, 2, shipping=1000)
    browser.post(f"/admin/orders/{pickup['order_uuid']}/status", data={"status": "READY_FOR_PICKUP"})
    assert _status(kiosk, pickup["order_uuid"])["status"] == "READY_FOR_PICKUP"
    refused = browser.post(f"/admin/orders/{delivery['order_uuid']}/status", data={"status": "SHIPPED"})
    assert "tracking number" in refused.text
    browser.post(f"/admin/orders/{delivery['order_uuid']}/status",
                 data={"status": "SHIPPED", "tracking_no": "SF1234567890"})
    shipped = _status(kiosk, delivery["order_uuid"])
    assert (shipped["status"], shipped["tracking_no"]) == ("SHIPPED", "SF1234567890")
    assert "138****1234" in browser.get("/admin").text  # contact phone is masked


def test_modification_request_approved_on_the_page(store: LiveStore, browser: httpx.Client) -> None:
    kiosk = store.kiosk()
    order = _order(kiosk, 1, shipping=1000)
    url = f"/v1/orders/{order['order_uuid']}/modifications"
    body = {"request_id": "mod-1", "changes": {"address": "上海市 1 号", "fulfilment": "pickup"},
            "reason": "moved"}
    created = kiosk.http.post(url, json=body)
    assert created.status_code == 201 and created.json()["status"] == "PENDING"
    assert kiosk.http.post(url, json=body).status_code == 200  # same request_id: same request
    page = browser.get("/admin/requests").text
    assert order["order_no"] in page and "上海市****" in page  # the new address, masked
    assert "1 号" not in page
    assert "delivery fee \u2212¥10.00 to refund" in page
    browser.post("/admin/requests/mod-1/decide", data={"approve": "1", "note": "ok"})
    requests = _status(kiosk, order["order_uuid"])["requests"]
    assert [(r["request_id"], r["status"], r["note"]) for r in requests] == [("mod-1", "APPROVED", "ok")]
    assert _status(kiosk, order["order_uuid"])["fulfilment"] == "pickup"
    decided = browser.get("/admin/requests").text
    assert "APPROVED" in decided and "Approve</button>" not in decided


def test_a_shipped_order_refuses_a_change_with_the_reason(store: LiveStore, browser: httpx.Client) -> None:
    kiosk = store.kiosk()
    order = _order(kiosk, 1, shipping=1000)
    browser.post(f"/admin/orders/{order['order_uuid']}/status",
                 data={"status": "SHIPPED", "tracking_no": "T1"})
    locked = kiosk.http.post(f"/v1/orders/{order['order_uuid']}/modifications",
                             json={"request_id": "mod-locked", "changes": {"address": "上海市 2 号"}})
    assert locked.status_code == 409 and locked.json()["reason"] == "shipped"


def test_return_request_rejected_restores_the_status(store: LiveStore, browser: httpx.Client) -> None:
    kiosk = store.kiosk()
    order = _order(kiosk, 1)
    for status in ("READY_FOR_PICKUP", "PICKED_UP"):
        browser.post(f"/admin/orders/{order['order_uuid']}/status", data={"status": status})
    created = kiosk.http.post(f"/v1/orders/{order['order_uuid']}/returns",
                              json={"request_id": "ret-1", "type": "return", "reason": "wrong_item",
                                    "note": "wrong flavour", "lines": [{"sku": "D00001", "quantity": 1}]})
    assert created.status_code == 201, created.text
    assert _status(kiosk, order["order_uuid"])["status"] == "RETURN_REQUESTED"
    page = browser.get("/admin/requests").text
    assert "发错商品 wrong item" in page and "wrong flavour" in page and "可乐 ×1" in page
    browser.post("/admin/requests/ret-1/decide", data={"approve": "0", "note": "opened"})
    assert _status(kiosk, order["order_uuid"])["status"] == "PICKED_UP"
    again = kiosk.http.post(f"/v1/orders/{order['order_uuid']}/returns",
                            json={"request_id": "ret-2", "type": "exchange", "reason": "damaged",
                                  "lines": [{"sku": "D00001", "quantity": 2}]})
    assert again.status_code == 201
    store.admin().post("/admin/api/requests/ret-2/decision", json={"approve": True})
    assert _status(kiosk, order["order_uuid"])["status"] == "RETURNED"
    assert "换货 exchange" in browser.get("/admin/requests").text


def test_the_requests_page_escapes_what_shoppers_wrote(store: LiveStore, browser: httpx.Client) -> None:
    kiosk = store.kiosk()
    order = _order(kiosk, 1, shipping=1000)
    created = kiosk.http.post(f"/v1/orders/{order['order_uuid']}/modifications", json={
        "request_id": "<i>x", "changes": {"fulfilment": "pickup"}, "reason": "<script>alert(1)</script>"})
    assert created.status_code == 201
    page = browser.get("/admin/requests").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<i>x" not in page
    assert browser.post("/admin/requests/%3Ci%3Ex/decide", data={"approve": "0"}).status_code == 200
    assert _status(kiosk, order["order_uuid"])["requests"][0]["status"] == "REJECTED"


def test_fleet_page_shows_heartbeat_and_alerts(store: LiveStore, browser: httpx.Client) -> None:
    kiosk = store.kiosk("K-fleet")
    beat = {"queue_depth": 7, "oldest_pending_age_s": 42.0, "version": "0.1.0-test",
            "devices": {"printer": {"status": "WARNING", "detail": "paper near end"},
                        "scanner": {"status": "READY"}}}
    assert kiosk.http.post(f"/v1/devices/{kiosk.device_id}/heartbeat", json=beat).status_code == 200
    alert = {"alert_id": "a-1", "kind": "paid_orphan", "severity": "critical",
             "message": "paid after timeout"}
    assert kiosk.http.post(f"/v1/devices/{kiosk.device_id}/alerts", json=alert).json() == {
        "alert_id": "a-1", "state": "open"}
    page = browser.get("/admin/fleet").text
    for expected in ("K-fleet", "paper near end", "0.1.0-test", "42 s", "paid after timeout", "READY"):
        assert expected in page
    fleet = {row["device_id"]: row for row in store.admin().get("/admin/api/fleet").json()}[kiosk.device_id]
    assert fleet["queue_depth"] == 7 and len(fleet["open_alerts"]) == 1
    # the kiosk resolves its own alert by repeating its id
    kiosk.http.post(f"/v1/devices/{kiosk.device_id}/alerts", json={**alert, "state": "resolved"})
    assert "paid after timeout" not in browser.get("/admin/fleet").text
