"""Payment sandbox end to end: create → phone pay page → query; decline; close; forced outcomes."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kiosk.sync.client import StoreEndpoint, SyncClient
from tests.unit.cloudstore.harness import Kiosk, LiveStore, running_store

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    path = tmp_path_factory.mktemp("payments") / "store.sqlite3"
    with running_store(f"sqlite:///{path}", sandbox_controls=True,
                       merchant_name="测试商户 Test Mall") as live:
        yield live


@pytest.fixture(scope="module")
def kiosk(store: LiveStore) -> Kiosk:
    return store.kiosk()


def _create(kiosk: Kiosk, **extra: Any) -> dict[str, Any]:
    body = {"order_uuid": str(uuid.uuid4()), "amount_minor": 3180, "currency": "CNY", "method": "wechat",
            "description": "可乐 ×2", **extra}
    response = kiosk.http.post("/v1/payments", json=body)
    assert response.status_code in (200, 201), response.text
    created: dict[str, Any] = response.json()
    return created


def _query(kiosk: Kiosk, payment: dict[str, Any]) -> dict[str, Any]:
    response = kiosk.http.get(f"/v1/payments/{payment['payment_id']}")
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    return result


def _phone(code_url: str, action: str) -> httpx.Response:
    """What a phone does: open the QR's URL, then press a button (following the redirect)."""
    with httpx.Client(follow_redirects=True, timeout=10) as phone:
        page = phone.get(code_url)
        assert page.status_code == 200
        form = re.search(rf'action="([^"]+/{action})"', page.text)
        assert form is not None, page.text
        return phone.post(str(page.url.join(form.group(1))))


def _state(page: httpx.Response) -> str:
    found = re.search(r'data-state="(\w+)"', page.text)
    return found.group(1) if found else ""


def test_create_pay_on_the_phone_then_query_paid(store: LiveStore, kiosk: Kiosk) -> None:
    payment = _create(kiosk)
    assert payment["status"] == "CREATED" and payment["expired"] is False
    assert payment["code_url"].startswith(f"{store.base_url}/pay/")
    page = httpx.get(payment["code_url"])
    assert "width=device-width" in page.text
    assert "测试商户 Test Mall" in page.text and "¥31.80" in page.text
    assert 'id="pay"' in page.text and 'id="decline"' in page.text
    assert _state(_phone(payment["code_url"], "pay")) == "paid"
    paid = _query(kiosk, payment)
    assert paid["status"] == "PAID" and paid["reference"].startswith("SBX") and paid["paid_at"]
    # success is idempotent: paying again changes nothing
    assert httpx.post(f"{payment['code_url']}/pay").status_code == 303
    assert _query(kiosk, payment) == paid
    # and a paid payment cannot be closed: the late payment wins
    closed = kiosk.http.post(f"/v1/payments/{payment['payment_id']}/close")
    assert closed.status_code == 409 and closed.json()["status"] == "PAID"


def test_decline(kiosk: Kiosk) -> None:
    payment = _create(kiosk, method="alipay")
    assert _state(_phone(payment["code_url"], "decline")) == "declined"
    assert _query(kiosk, payment)["status"] == "FAILED"


def test_close_then_the_phone_cannot_pay(kiosk: Kiosk) -> None:
    payment = _create(kiosk)
    closed = kiosk.http.post(f"/v1/payments/{payment['payment_id']}/close")
    assert closed.status_code == 200 and closed.json()["status"] == "CLOSED"
    assert kiosk.http.post(f"/v1/payments/{payment['payment_id']}/close").status_code == 200  # idempotent
    page = httpx.post(f"{payment['code_url']}/pay", follow_redirects=True)
    assert _state(page) == "closed"
    assert _query(kiosk, payment)["status"] == "CLOSED"


def test_out_trade_no_makes_create_idempotent(kiosk: Kiosk) -> None:
    first = _create(kiosk, out_trade_no="T-1")
    again = kiosk.http.post("/v1/payments", json={
        "order_uuid": first["order_uuid"], "amount_minor": 3180, "currency": "CNY", "method": "wechat",
        "out_trade_no": "T-1"})
    assert again.status_code == 200 and again.json()["payment_id"] == first["payment_id"]
    other = kiosk.http.post("/v1/payments", json={
        "order_uuid": first["order_uuid"], "amount_minor": 1, "currency": "CNY", "method": "wechat",
        "out_trade_no": "T-1"})
    assert other.status_code == 409


def test_another_kiosk_cannot_see_the_payment(store: LiveStore, kiosk: Kiosk) -> None:
    payment = _create(kiosk)
    assert store.kiosk("other").http.get(f"/v1/payments/{payment['payment_id']}").status_code == 404


def test_code_url_uses_the_host_the_kiosk_used(store: LiveStore, kiosk: Kiosk) -> None:
    port = store.base_url.rsplit(":", 1)[1]
    with httpx.Client(base_url=f"http://localhost:{port}", auth=kiosk.http.auth, timeout=10) as via_name:
        created = via_name.post("/v1/payments", json={"order_uuid": str(uuid.uuid4()), "amount_minor": 5,
                                                      "currency": "CNY", "method": "wechat"})
    assert created.json()["code_url"].startswith(f"http://localhost:{port}/pay/")


def test_expired_qr_refuses_the_phone_but_a_late_payment_still_wins(store: LiveStore, kiosk: Kiosk) -> None:
    payment = _create(kiosk)
    sandbox = store.plain()
    assert sandbox.post(f"/sandbox/payments/{payment['payment_id']}/expire").status_code == 200
    assert _state(httpx.post(f"{payment['code_url']}/pay", follow_redirects=True)) == "expired"
    expired = _query(kiosk, payment)
    assert (expired["status"], expired["expired"]) == ("CREATED", True)
    # the provider reports success after the deadline: the kiosk's final query must see it
    forced = sandbox.post(f"/sandbox/payments/{payment['payment_id']}/force", json={"outcome": "pay"})
    assert forced.status_code == 200
    assert _query(kiosk, payment)["status"] == "PAID"
    assert kiosk.http.post(f"/v1/payments/{payment['payment_id']}/close").status_code == 409


def test_delayed_outcome_arrives_later(store: LiveStore, kiosk: Kiosk) -> None:
    payment = _create(kiosk)
    sandbox = store.plain()
    sandbox.post(f"/sandbox/payments/{payment['payment_id']}/force", json={"outcome": "pay", "delay_s": 0.4})
    assert _query(kiosk, payment)["status"] == "CREATED"
    assert _state(httpx.get(payment["code_url"])) == "pending"
    time.sleep(0.5)
    assert _query(kiosk, payment)["status"] == "PAID"


def test_forced_decline(store: LiveStore, kiosk: Kiosk) -> None:
    payment = _create(kiosk)
    store.plain().post(f"/sandbox/payments/{payment['payment_id']}/force", json={"outcome": "decline"})
    assert _query(kiosk, payment)["status"] == "FAILED"


def test_sandbox_controls_exist_only_when_asked_for(tmp_path: Any) -> None:
    with running_store(f"sqlite:///{tmp_path / 'plain.sqlite3'}") as plain:
        kiosk = plain.kiosk()
        payment = _create(kiosk)
        response = plain.plain().post(f"/sandbox/payments/{payment['payment_id']}/force",
                                      json={"outcome": "pay"})
        assert response.status_code == 404
        assert not any(p.startswith("/sandbox") for p in plain.plain().get("/openapi.json").json()["paths"])


def test_the_payments_of_an_order_newest_first_for_a_kiosk_that_lost_the_id(store: LiveStore,
                                                                            kiosk: Kiosk) -> None:
    # a kiosk killed between the store's create and its own record knows only the order's uuid
    order_uuid = str(uuid.uuid4())
    first = _create(kiosk, order_uuid=order_uuid)
    second = _create(kiosk, order_uuid=order_uuid, method="alipay")
    _create(kiosk)  # another order of the same kiosk
    _create(store.kiosk("other"), order_uuid=order_uuid)  # another kiosk's payment under the same uuid
    assert _state(_phone(first["code_url"], "pay")) == "paid"
    with SyncClient(StoreEndpoint(store.base_url, kiosk.device_id, kiosk.secret)) as client:
        found = client.get("/v1/payments", params={"order_uuid": order_uuid})
        assert found.status_code == 200, found.text
        assert found.json() == {"payments": [_query(kiosk, second), _query(kiosk, first)]}
        assert found.json()["payments"][1]["status"] == "PAID"
        assert client.get("/v1/payments", params={"order_uuid": str(uuid.uuid4())}).json() == {"payments": []}
        assert client.get("/v1/payments").status_code == 400  # which order is not optional
    assert store.plain().get("/v1/payments", params={"order_uuid": order_uuid}).status_code == 401


def test_the_payments_of_an_order_show_a_delayed_outcome_that_came_due(store: LiveStore,
                                                                       kiosk: Kiosk) -> None:
    payment = _create(kiosk)
    store.plain().post(f"/sandbox/payments/{payment['payment_id']}/force",
                       json={"outcome": "pay", "delay_s": 0.2})
    time.sleep(0.3)
    found = kiosk.http.get("/v1/payments", params={"order_uuid": payment["order_uuid"]}).json()["payments"]
    assert [(p["payment_id"], p["status"]) for p in found] == [(payment["payment_id"], "PAID")]
