"""Batch order ingest through the real HTTP API, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("ingest") / "store.sqlite3"
        with running_store(f"sqlite:///{path}") as live:
            yield live
    else:
        with postgres_schema(pg_base_url()) as url, running_store(url) as live:
            yield live


def _push(kiosk: Kiosk, items: list[dict[str, Any]]) -> dict[str, Any]:
    response = kiosk.http.post("/v1/orders:batch", json={"items": items})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _statuses(body: dict[str, Any]) -> list[str]:
    return [r["status"] for r in body["results"]]


def test_same_batch_twice_gives_duplicates(store: LiveStore) -> None:
    kiosk = store.kiosk()
    items = [batch_item(seq, order_payload()) for seq in range(1, 101)]
    assert _statuses(_push(kiosk, items)) == ["created"] * 100
    again = _push(kiosk, items)
    assert _statuses(again) == ["duplicate"] * 100
    assert (again["highest_contiguous_seq"], again["max_seq"], again["gap"]) == (100, 100, False)
    orders = store.admin().get("/admin/api/orders", params={"device_id": kiosk.device_id, "limit": 1000})
    assert len(orders.json()) == 100


def test_same_uuid_other_payload_is_rejected_and_quarantined(store: LiveStore) -> None:
    kiosk = store.kiosk()
    original = order_payload()
    _push(kiosk, [batch_item(1, original)])
    tampered = {**original, "total_minor": 1}
    result = _push(kiosk, [batch_item(1, tampered)])["results"][0]
    assert result["status"] == "rejected"
    quarantine = store.admin().get("/admin/api/quarantine").json()
    mine = [q["order_uuid"] for q in quarantine if q["device_id"] == kiosk.device_id]
    assert mine == [original["order_uuid"]]
    status = kiosk.http.get(f"/v1/orders/{original['order_uuid']}").json()
    assert status["total_minor"] == original["total_minor"]


def test_seq_gap_is_flagged_then_closed(store: LiveStore) -> None:
    kiosk = store.kiosk()
    items = {seq: batch_item(seq, order_payload()) for seq in range(1, 6)}
    body = _push(kiosk, [items[1], items[2], items[5]])
    assert (body["highest_contiguous_seq"], body["max_seq"], body["gap"]) == (2, 5, True)
    devices = {d["device_id"]: d for d in store.admin().get("/admin/api/devices").json()}
    assert devices[kiosk.device_id]["missing_seqs"] == [3, 4]
    body = _push(kiosk, [items[3], items[4]])
    assert (body["highest_contiguous_seq"], body["gap"]) == (5, False)


def test_oversized_or_malformed_batches_get_400(store: LiveStore) -> None:
    kiosk = store.kiosk()
    too_many = [batch_item(seq, order_payload()) for seq in range(1, 102)]
    assert kiosk.http.post("/v1/orders:batch", json={"items": too_many}).status_code == 400
    broken = {"items": [{"order_uuid": "x", "kind": "order.paid", "payload": {}}]}  # no device_seq
    response = kiosk.http.post("/v1/orders:batch", json=broken)
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"][-1] == "device_seq"
    assert kiosk.http.post("/v1/orders:batch", content=b"{not json",
                           headers={"Content-Type": "application/json"}).status_code == 400


def test_total_mismatch_is_flagged_for_audit(store: LiveStore) -> None:
    kiosk = store.kiosk()
    bad = order_payload(qty=3, price=500, total=100)
    pay_on_phone(kiosk, bad)  # the kiosk charged what it claimed
    assert _statuses(_push(kiosk, [batch_item(1, bad)])) == ["created"]
    flagged = store.admin().get("/admin/api/orders", params={"device_id": kiosk.device_id, "flagged": True})
    assert [o["order_uuid"] for o in flagged.json()] == [bad["order_uuid"]]
    audit = store.admin().get(f"/admin/api/orders/{bad['order_uuid']}/audit").json()
    assert (audit["claimed_total_minor"], audit["computed_total_minor"], audit["audit_flags"]) == (
        100, 1500, ["total"])


def test_order_status_lookup(store: LiveStore) -> None:
    kiosk = store.kiosk()
    payload = order_payload()
    _push(kiosk, [batch_item(1, payload)])
    status = kiosk.http.get(f"/v1/orders/{payload['order_uuid']}").json()
    assert (status["status"], status["order_no"]) == ("ACCEPTED", payload["order_no"])
    assert status["tracking_no"] == ""
    assert kiosk.http.get("/v1/orders/no-such-order").status_code == 404


def test_a_paid_order_without_a_matching_paid_payment_is_flagged_and_alerted(store: LiveStore) -> None:
    kiosk = store.kiosk()
    honest, unpaid, short, other_method = order_payload(), order_payload(), order_payload(), order_payload()
    unpaid["order_no"] = "K01-<b>x</b>"  # kiosk text: shown on the fleet page as text
    pay_on_phone(kiosk, honest)
    pay_on_phone(kiosk, short, amount_minor=short["total_minor"] - 100)
    pay_on_phone(kiosk, other_method, method="alipay")
    items = [batch_item(seq, p) for seq, p in enumerate([honest, unpaid, short, other_method], start=1)]
    assert _statuses(_push(kiosk, items)) == ["created"] * 4
    admin = store.admin()
    flags = {p["order_uuid"]: admin.get(f"/admin/api/orders/{p['order_uuid']}/audit").json()["audit_flags"]
             for p in (honest, unpaid, short, other_method)}
    assert flags == {honest["order_uuid"]: [], unpaid["order_uuid"]: ["payment:missing"],
                     short["order_uuid"]: ["payment:amount"], other_method["order_uuid"]: ["payment:method"]}
    fleet = {d["device_id"]: d for d in admin.get("/admin/api/fleet").json()}
    alerts = fleet[kiosk.device_id]["open_alerts"]
    assert sorted(a["order_uuid"] for a in alerts) == sorted(
        p["order_uuid"] for p in (unpaid, short, other_method))
    assert {a["kind"] for a in alerts} == {"order_payment_mismatch"}
    page = store.admin().get("/admin/fleet").text
    assert "K01-&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    assert _statuses(_push(kiosk, items)) == ["duplicate"] * 4
    again = {d["device_id"]: d for d in admin.get("/admin/api/fleet").json()}[kiosk.device_id]
    assert len(again["open_alerts"]) == 3
