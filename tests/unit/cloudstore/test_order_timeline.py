"""An order's timeline as a kiosk sees it: placed, paid, accepted, then every status the merchant or a
return moved it to, with SHIPPED's tracking number, and the return deadline once it is handed over."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from cloudstore.models import OrderEvent, SandboxPayment
from cloudstore.timefmt import iso, parse_iso
from tests.unit.cloudstore.after_sales import SETTINGS, STORE_PARAMS, WINDOW_DAYS, sell, store_at
from tests.unit.cloudstore.harness import Kiosk, LiveStore, batch_item, order_payload


@pytest.fixture(scope="module", params=STORE_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    with store_at(request.param, str(tmp_path_factory.mktemp("timeline")), **SETTINGS) as live:
        yield live


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _status(kiosk: Kiosk, order_uuid: str) -> dict[str, Any]:
    response = kiosk.http.get(f"/v1/orders/{order_uuid}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _move(store: LiveStore, order_uuid: str, status: str, tracking_no: str = "") -> None:
    moved = store.admin().post(f"/admin/api/orders/{order_uuid}/status",
                               json={"status": status, "tracking_no": tracking_no})
    assert moved.status_code == 200, moved.text


def _steps(body: dict[str, Any]) -> list[tuple[str, str]]:
    return [(step["status"], step["detail"]) for step in body["timeline"]]


def _recorded(store: LiveStore, order_uuid: str, status: str) -> dt.datetime:
    with store.db.read() as session:
        return session.execute(select(OrderEvent.at).where(OrderEvent.order_uuid == order_uuid,
                                                           OrderEvent.status == status)
                               .order_by(OrderEvent.id)).scalars().first() or dt.datetime.min


def test_a_delivery_through_shipping_to_the_door(store: LiveStore) -> None:
    kiosk = store.kiosk()
    placed = (_now() - dt.timedelta(minutes=3)).replace(microsecond=0)
    order = sell(kiosk, created_at=iso(placed))
    assert _steps(_status(kiosk, order["order_uuid"])) == [("PLACED", ""), ("PAID", ""), ("ACCEPTED", "")]
    _move(store, order["order_uuid"], "SHIPPED", "SF1234567890")
    shipped = _status(kiosk, order["order_uuid"])
    assert _steps(shipped)[-1] == ("SHIPPED", "SF1234567890") and shipped["return_deadline"] is None
    before = _now()
    _move(store, order["order_uuid"], "DELIVERED")
    body = _status(kiosk, order["order_uuid"])
    assert _steps(body) == [("PLACED", ""), ("PAID", ""), ("ACCEPTED", ""), ("SHIPPED", "SF1234567890"),
                            ("DELIVERED", "")]
    times = [parse_iso(step["at"]) for step in body["timeline"]]
    assert times == sorted(times) and times[0] == placed
    with store.db.read() as session:
        paid = session.execute(select(SandboxPayment.paid_at).where(
            SandboxPayment.order_uuid == order["order_uuid"])).scalar_one()
    assert times[1] == paid
    assert parse_iso(body["received_at"]) == times[2]
    delivered = times[4]
    assert before <= delivered <= _now()
    assert parse_iso(body["return_deadline"]) == delivered + dt.timedelta(days=WINDOW_DAYS)
    assert body["return_window_days"] == WINDOW_DAYS
    assert (body["status"], body["tracking_no"]) == ("DELIVERED", "SF1234567890")


def test_a_pickup_counts_its_window_from_the_pickup(store: LiveStore) -> None:
    kiosk = store.kiosk()
    order = sell(kiosk, delivery=False)
    _move(store, order["order_uuid"], "READY_FOR_PICKUP")
    assert _status(kiosk, order["order_uuid"])["return_deadline"] is None
    _move(store, order["order_uuid"], "PICKED_UP")
    body = _status(kiosk, order["order_uuid"])
    assert [s for s, _ in _steps(body)] == ["PLACED", "PAID", "ACCEPTED", "READY_FOR_PICKUP", "PICKED_UP"]
    picked_up = _recorded(store, order["order_uuid"], "PICKED_UP")
    assert parse_iso(body["timeline"][-1]["at"]) == picked_up
    assert parse_iso(body["return_deadline"]) == picked_up + dt.timedelta(days=WINDOW_DAYS)


def _ask_return(kiosk: Kiosk, order: dict[str, Any], request_id: str) -> None:
    asked = kiosk.http.post(f"/v1/orders/{order['order_uuid']}/returns", json={
        "request_id": request_id, "type": "return", "reason": "quality", "note": "",
        "lines": [{"sku": order["lines"][0]["sku"], "quantity": 1}]})
    assert asked.status_code == 201, asked.text


def _decide(store: LiveStore, request_id: str, approve: bool) -> None:
    decided = store.admin().post(f"/admin/api/requests/{request_id}/decision", json={"approve": approve})
    assert decided.status_code == 200, decided.text


def test_a_return_rejected_then_approved_and_refunded(store: LiveStore) -> None:
    kiosk = store.kiosk()
    order = sell(kiosk)
    uid = order["order_uuid"]
    _move(store, uid, "SHIPPED", "YT0001")
    _move(store, uid, "DELIVERED")
    deadline = _status(kiosk, uid)["return_deadline"]
    _ask_return(kiosk, order, f"r1-{uid}")
    assert _steps(_status(kiosk, uid))[-1] == ("RETURN_REQUESTED", "")
    _decide(store, f"r1-{uid}", approve=False)
    rejected = _status(kiosk, uid)
    assert (rejected["status"], _steps(rejected)[-1]) == ("DELIVERED", ("DELIVERED", ""))
    assert rejected["return_deadline"] == deadline  # a rejected return gives no new window
    _ask_return(kiosk, order, f"r2-{uid}")
    _decide(store, f"r2-{uid}", approve=True)
    _move(store, uid, "REFUNDED")
    body = _status(kiosk, uid)
    assert [s for s, _ in _steps(body)] == [
        "PLACED", "PAID", "ACCEPTED", "SHIPPED", "DELIVERED", "RETURN_REQUESTED", "DELIVERED",
        "RETURN_REQUESTED", "RETURNED", "REFUNDED"]
    times = [parse_iso(step["at"]) for step in body["timeline"]]
    assert times == sorted(times)
    assert [(r["request_id"], r["kind"], r["status"]) for r in body["requests"]] == [
        (f"r1-{uid}", "return", "REJECTED"), (f"r2-{uid}", "return", "APPROVED")]
    assert body["return_deadline"] == deadline


def test_without_a_store_payment_or_a_creation_time_the_kiosk_and_the_store_tell(store: LiveStore) -> None:
    kiosk = store.kiosk()
    orders: dict[str, dt.datetime] = {}
    for seq, offset in enumerate((dt.timedelta(minutes=-1), dt.timedelta(minutes=5)), 1):
        payload = order_payload()
        payload["order_no"] = f"K01-0101-{seq:04d}"
        orders[payload["order_uuid"]] = (_now() + offset).replace(microsecond=0)
        payload["paid_at"] = iso(orders[payload["order_uuid"]])
        pushed = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(seq, payload)]})
        assert pushed.json()["results"][0]["status"] == "created"  # kept, flagged: no store payment
    (past_uuid, past), (ahead_uuid, _) = orders.items()
    body = _status(kiosk, past_uuid)
    placed, paid, accepted = (parse_iso(step["at"]) for step in body["timeline"])
    assert placed == paid == past  # placed by the time it was paid
    assert accepted == parse_iso(body["received_at"]) > past
    # a kiosk clock ahead of the store's: paid no later than received
    body = _status(kiosk, ahead_uuid)
    placed, paid, accepted = (parse_iso(step["at"]) for step in body["timeline"])
    assert placed == paid == accepted == parse_iso(body["received_at"])
