"""Seed FAQ 3 at the store: change and return requests under kiosk.order_rules, through the real store
under Uvicorn, asked by a signed kiosk and decided by the merchant (admin API and admin page)."""

from __future__ import annotations

import datetime as dt
import typing
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cloudstore import fulfilment, schemas
from cloudstore.models import OrderEvent, OrderRequest, StoreOrder
from kiosk.sync import protocol
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
NEW_NAME, NEW_PHONE, NEW_ADDRESS = "李四", "13900005678", "北京市朝阳区建国路99号5号楼"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    """The real store on SQLite, and on PostgreSQL when $CLOUDSTORE_TEST_PG_URL is set."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("requests") / "store.sqlite3"
        with running_store(f"sqlite:///{path}") as live:
            yield live
    else:
        with postgres_schema(pg_base_url()) as url, running_store(url) as live:
            yield live


@pytest.fixture(scope="module")
def kiosk(store: LiveStore) -> Kiosk:
    return store.kiosk("lobby")


@pytest.fixture
def browser(store: LiveStore) -> Iterator[httpx.Client]:
    with store.admin(follow_redirects=True) as client:
        assert client.get("/admin").status_code == 200
        yield client


_seq = iter(range(1, 10_000))


def _sold(kiosk: Kiosk, *, delivery: bool = True, qty: int = 2, price: int = 1590) -> dict[str, Any]:
    """A paid order pushed by the kiosk: delivery (fee 10.00 under 99.00) with a contact, or pickup."""
    payload = order_payload(qty=qty, price=price, shipping=1000 if delivery else 0)
    if delivery:
        payload["contact"] = {"name": NAME, "phone": PHONE, "address": ADDRESS}
    pay_on_phone(kiosk, payload)
    pushed = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(next(_seq), payload)]})
    assert pushed.json()["results"][0]["status"] == "created", pushed.text
    return payload


def _modify(kiosk: Kiosk, order_uuid: str, changes: dict[str, Any], request_id: str | None = None
            ) -> httpx.Response:
    return kiosk.http.post(f"/v1/orders/{order_uuid}/modifications",
                           json={"request_id": request_id or uuid.uuid4().hex, "changes": changes})


def _return(kiosk: Kiosk, order_uuid: str, lines: dict[str, int], *, kind: str = "return",
            reason: str = "quality", note: str = "", request_id: str | None = None) -> httpx.Response:
    return kiosk.http.post(f"/v1/orders/{order_uuid}/returns", json={
        "request_id": request_id or uuid.uuid4().hex, "type": kind, "reason": reason, "note": note,
        "lines": [{"sku": sku, "quantity": qty} for sku, qty in lines.items()]})


def _decide(store: LiveStore, request_id: str, approve: bool, note: str = "") -> httpx.Response:
    return store.admin().post(f"/admin/api/requests/{request_id}/decision",
                              json={"approve": approve, "note": note})


def _order(store: LiveStore, order_uuid: str) -> tuple[StoreOrder, fulfilment.Standing]:
    with store.db.read() as session:
        order = fulfilment.find_order(session, order_uuid)
        assert order is not None
        return order, fulfilment.standing(session, order)


def _set_status(store: LiveStore, order_uuid: str, status: str, tracking_no: str = "") -> None:
    response = store.admin().post(f"/admin/api/orders/{order_uuid}/status",
                                  json={"status": status, "tracking_no": tracking_no})
    assert response.status_code == 200, response.text


def _handed_over(store: LiveStore, order_uuid: str, days_ago: float, *, delivery: bool = True) -> None:
    """Ship and deliver (or hand over at the pickup point), then move the hand-over back in time."""
    if delivery:
        _set_status(store, order_uuid, "SHIPPED", "SF100200300")
        _set_status(store, order_uuid, "DELIVERED")
    else:
        _set_status(store, order_uuid, "READY_FOR_PICKUP")
        _set_status(store, order_uuid, "PICKED_UP")
    moved = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=days_ago)
    with store.db.write() as session:  # the timeline's hand-over event is what the window counts from
        [event] = session.query(OrderEvent).filter(OrderEvent.order_uuid == order_uuid,
                                                   OrderEvent.status.in_(["DELIVERED", "PICKED_UP"])).all()
        event.at = moved


@pytest.mark.parametrize(("typed", "model"), [
    (protocol.ModificationRequest, schemas.ModificationIn),
    (protocol.ModificationChanges, schemas.ModificationChanges),
    (protocol.ReturnRequest, schemas.ReturnIn),
    (protocol.ReturnLineRequest, schemas.ReturnLineIn),
    (protocol.RequestState, schemas.RequestOut),
])
def test_the_request_models_name_the_wire_fields(typed: type, model: type[Any]) -> None:
    assert set(typing.get_type_hints(typed)) == set(model.model_fields)


# --- modifications -----------------------------------------------------------------------------------


def test_an_approved_change_makes_every_field_the_orders_and_the_fee_follows(
        store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk, delivery=False)  # pickup, 31.80: delivery would cost 10.00
    changes = {"contact_name": f" {NEW_NAME} ", "contact_phone": "139 0000 5678", "address": NEW_ADDRESS,
               "fulfilment": "delivery"}
    asked = _modify(kiosk, payload["order_uuid"], changes, "mod-every-field")
    assert asked.status_code == 201, asked.text
    state = asked.json()
    assert (state["status"], state["kind"]) == ("PENDING", "modification")
    assert state["fee_difference_minor"] == 1000
    # contact values leave the store masked
    assert state["changes"] == {"contact_name": "李*", "contact_phone": "139****5678",
                                "address": "北京市朝阳区****", "fulfilment": "delivery"}
    assert NEW_PHONE not in asked.text and "建国路" not in asked.text
    # nothing changes until the merchant approves
    order, before = _order(store, payload["order_uuid"])
    assert (order.fulfilment, before.contact.name, before.shipping_minor) == ("pickup", "", 0)

    decided = _decide(store, "mod-every-field", True, "ok")
    assert decided.status_code == 200 and decided.json()["status"] == "APPROVED"
    order, after = _order(store, payload["order_uuid"])
    assert order.fulfilment == "delivery"
    assert after.contact == fulfilment.ContactNow(NEW_NAME, NEW_PHONE, NEW_ADDRESS, "delivery")
    assert after.shipping_minor == 1000
    assert decided.json()["fee_difference_minor"] == 1000

    # and back: delivery → pickup refunds the 10.00
    back = _modify(kiosk, payload["order_uuid"], {"fulfilment": "pickup"}, "mod-back")
    assert back.status_code == 201 and back.json()["fee_difference_minor"] == -1000
    assert _decide(store, "mod-back", True).status_code == 200
    order, last = _order(store, payload["order_uuid"])
    assert (order.fulfilment, last.shipping_minor, last.contact.name) == ("pickup", 0, NEW_NAME)


def test_the_admin_orders_page_shows_the_approved_contact(store: LiveStore, kiosk: Kiosk,
                                                         browser: httpx.Client) -> None:
    payload = _sold(kiosk)
    assert _modify(kiosk, payload["order_uuid"], {"contact_phone": NEW_PHONE, "address": NEW_ADDRESS},
                   "mod-admin-contact").status_code == 201
    assert _decide(store, "mod-admin-contact", True).status_code == 200
    page = browser.get("/admin", params={"q": payload["order_no"]}).text
    assert "139****5678" in page and "138****1234" not in page
    assert NEW_PHONE not in page


def test_delivery_to_pickup_refunds_the_fee_and_a_rejection_changes_nothing(
        store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk)  # delivery, paid 10.00
    asked = _modify(kiosk, payload["order_uuid"], {"fulfilment": "pickup", "address": NEW_ADDRESS}, "mod-rej")
    assert asked.status_code == 201 and asked.json()["fee_difference_minor"] == -1000
    rejected = _decide(store, "mod-rej", False, "already packed")
    assert (rejected.json()["status"], rejected.json()["note"]) == ("REJECTED", "already packed")
    order, now = _order(store, payload["order_uuid"])
    assert (order.fulfilment, order.status) == ("delivery", "ACCEPTED")
    assert now.contact == fulfilment.ContactNow(NAME, PHONE, ADDRESS, "delivery")
    assert now.shipping_minor == 1000
    assert rejected.json()["fee_difference_minor"] == -1000  # stays on the request
    # the same decision again is fine; the other one is refused
    assert _decide(store, "mod-rej", False).status_code == 200
    assert _decide(store, "mod-rej", True).status_code == 409


def test_a_repeated_request_id_answers_the_first_request(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk)
    first = _modify(kiosk, payload["order_uuid"], {"address": NEW_ADDRESS}, "mod-twice")
    again = _modify(kiosk, payload["order_uuid"], {"address": NEW_ADDRESS}, "mod-twice")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    with store.db.read() as session:
        count = session.query(OrderRequest).filter_by(order_uuid=payload["order_uuid"]).count()
    assert count == 1


def test_a_pending_request_blocks_a_second_one(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk)
    assert _modify(kiosk, payload["order_uuid"], {"address": NEW_ADDRESS}).status_code == 201
    second = _modify(kiosk, payload["order_uuid"], {"contact_name": NEW_NAME})
    assert second.status_code == 409 and second.json()["reason"] == "pending"
    assert _return(kiosk, payload["order_uuid"], {"D00001": 1}).json()["reason"] == "already"


def test_a_shipped_order_is_locked(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk)
    _set_status(store, payload["order_uuid"], "SHIPPED", "SF1")
    refused = _modify(kiosk, payload["order_uuid"], {"address": NEW_ADDRESS})
    assert refused.status_code == 409
    assert refused.json()["reason"] == "shipped" and "shipped" in refused.json()["detail"]
    _set_status(store, payload["order_uuid"], "DELIVERED")
    assert _modify(kiosk, payload["order_uuid"], {"address": NEW_ADDRESS}).json()["reason"] == "handed_over"


def test_shipped_while_pending_cannot_be_approved_only_rejected(store: LiveStore, kiosk: Kiosk,
                                                                browser: httpx.Client) -> None:
    payload = _sold(kiosk)
    assert _modify(kiosk, payload["order_uuid"], {"address": NEW_ADDRESS}, "mod-late").status_code == 201
    _set_status(store, payload["order_uuid"], "SHIPPED", "SF2")
    late = _decide(store, "mod-late", True)
    assert late.status_code == 409 and "reject" in late.json()["detail"]
    page = browser.post("/admin/requests/mod-late/decide", data={"approve": "1", "note": ""}).text
    assert "reject the request instead" in page
    assert _order(store, payload["order_uuid"])[1].contact.address == ADDRESS
    assert _decide(store, "mod-late", False).status_code == 200


@pytest.mark.parametrize(("changes", "field", "problem"), [
    ({"contact_phone": "12345"}, "contact_phone", "phone"),
    ({"contact_name": "<b>😀</b>"}, "contact_name", "symbols"),
    ({"address": "x" * 500}, "address", "tooLong"),
    ({"address": ADDRESS}, "changes", "nothing"),
    ({}, "changes", "nothing"),
])
def test_a_field_the_rules_refuse_is_422_with_the_field(store: LiveStore, kiosk: Kiosk,
                                                        changes: dict[str, Any], field: str,
                                                        problem: str) -> None:
    payload = _sold(kiosk)
    refused = _modify(kiosk, payload["order_uuid"], changes)
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"]["problems"][field] == problem
    with store.db.read() as session:
        assert session.query(OrderRequest).filter_by(order_uuid=payload["order_uuid"]).count() == 0


def test_pickup_to_delivery_needs_an_address(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk, delivery=False)
    refused = _modify(kiosk, payload["order_uuid"], {"fulfilment": "delivery", "contact_name": NEW_NAME})
    assert refused.status_code == 422
    assert refused.json()["detail"]["problems"] == {"contact_phone": "required", "address": "required"}


def test_free_delivery_from_99_means_no_fee_difference(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk, delivery=False, qty=1, price=9900)
    asked = _modify(kiosk, payload["order_uuid"], {"fulfilment": "delivery", "contact_name": NAME,
                                                   "contact_phone": PHONE, "address": ADDRESS})
    assert asked.status_code == 201 and asked.json()["fee_difference_minor"] == 0


def test_an_unknown_order_is_404(kiosk: Kiosk) -> None:
    missing = str(uuid.uuid4())
    assert _modify(kiosk, missing, {"address": NEW_ADDRESS}).status_code == 404
    assert _return(kiosk, missing, {"D00001": 1}).status_code == 404


# --- returns -------------------------------------------------------------------------------------------


def test_a_return_within_the_window_is_approved_then_refunded(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk)
    _handed_over(store, payload["order_uuid"], days_ago=6.9)
    asked = _return(kiosk, payload["order_uuid"], {"D00001": 1}, reason="damaged", note="盒子压坏了",
                    request_id="ret-ok")
    assert asked.status_code == 201, asked.text
    state = asked.json()
    assert state["changes"] == {"type": "return", "reason": "damaged", "note": "盒子压坏了",
                                "lines": [{"sku": "D00001", "quantity": 1}]}
    assert _order(store, payload["order_uuid"])[0].status == "RETURN_REQUESTED"
    assert _return(kiosk, payload["order_uuid"], {"D00001": 1}, request_id="ret-ok").status_code == 200
    assert _decide(store, "ret-ok", True).json()["status"] == "APPROVED"
    assert _order(store, payload["order_uuid"])[0].status == "RETURNED"
    _set_status(store, payload["order_uuid"], "REFUNDED")


def test_an_exchange_approved_is_returned_and_keeps_its_type(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk, delivery=False)
    _handed_over(store, payload["order_uuid"], days_ago=1, delivery=False)
    asked = _return(kiosk, payload["order_uuid"], {"D00001": 2}, kind="exchange", reason="wrong_item",
                    request_id="exch-1")
    assert asked.status_code == 201
    decided = _decide(store, "exch-1", True)
    assert decided.json()["changes"]["type"] == "exchange"
    assert _order(store, payload["order_uuid"])[0].status == "RETURNED"


def test_a_rejected_return_flows_back_to_the_status_before(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk)
    _handed_over(store, payload["order_uuid"], days_ago=2)
    assert _return(kiosk, payload["order_uuid"], {"D00001": 1}, request_id="ret-no").status_code == 201
    assert _decide(store, "ret-no", False, "opened").status_code == 200
    assert _order(store, payload["order_uuid"])[0].status == "DELIVERED"


def test_the_return_window_closes(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk)
    _handed_over(store, payload["order_uuid"], days_ago=7.01)
    refused = _return(kiosk, payload["order_uuid"], {"D00001": 1})
    assert refused.status_code == 409 and refused.json()["reason"] == "window_over"
    assert _order(store, payload["order_uuid"])[0].status == "DELIVERED"


def test_no_return_before_the_hand_over(store: LiveStore, kiosk: Kiosk) -> None:
    payload = _sold(kiosk)
    refused = _return(kiosk, payload["order_uuid"], {"D00001": 1})
    assert refused.status_code == 409 and refused.json()["reason"] == "not_yet"
    _set_status(store, payload["order_uuid"], "SHIPPED", "SF3")
    assert _return(kiosk, payload["order_uuid"], {"D00001": 1}).json()["reason"] == "not_yet"


@pytest.mark.parametrize(("lines", "note", "field"), [
    ({"D00001": 3}, "", "lines"),  # bought 2
    ({"NOPE": 1}, "", "lines"),
    ({}, "", "lines"),
    ({"D00001": 1}, "x" * 201, "note"),
    ({"D00001": 1}, "abc\u202edef", "note"),  # a right-to-left override
])
def test_bad_return_lines_or_note_are_422(store: LiveStore, kiosk: Kiosk, lines: dict[str, int], note: str,
                                          field: str) -> None:
    payload = _sold(kiosk)
    _handed_over(store, payload["order_uuid"], days_ago=1)
    refused = _return(kiosk, payload["order_uuid"], lines, note=note)
    assert refused.status_code == 422, refused.text
    assert field in refused.json()["detail"]["problems"]
    assert _order(store, payload["order_uuid"])[0].status == "DELIVERED"


def test_a_body_off_the_wire_shape_is_400(store: LiveStore, kiosk: Kiosk) -> None:
    """An unknown type or reason is not a shopper's typing: the body's validation refuses it (400, as
    every malformed body at the store)."""
    payload = _sold(kiosk)
    _handed_over(store, payload["order_uuid"], days_ago=1)
    assert _return(kiosk, payload["order_uuid"], {"D00001": 1}, kind="swap").status_code == 400
    assert _return(kiosk, payload["order_uuid"], {"D00001": 1}, reason="meh").status_code == 400
    no_id = kiosk.http.post(f"/v1/orders/{payload['order_uuid']}/modifications",
                            json={"changes": {"address": NEW_ADDRESS}})
    assert no_id.status_code == 400
    assert _order(store, payload["order_uuid"])[0].status == "DELIVERED"
