"""Device API scope: an order is found only with proof of it (its uuid, or its number and the last 4
digits of its phone or its receipt's code), from any kiosk of the store, and failed proofs are throttled
per kiosk and per number in the store's database."""

from __future__ import annotations

import datetime as dt
import json
import typing
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from alembic import command
from sqlalchemy import select, text, update

from cloudstore import order_lookup, schemas
from cloudstore.__main__ import parser
from cloudstore.db import StoreDB
from cloudstore.devices import add_device
from cloudstore.migrate import alembic_config, upgrade
from cloudstore.models import OrderRequest, StoreOrder
from kiosk.order_rules import (
    LOOKUP_FAILURES_PER_KIOSK,
    LOOKUP_FAILURES_PER_ORDER,
    LOOKUP_WINDOW_S,
    lookup_code,
)
from kiosk.sync import protocol
from tests.unit.cloudstore.after_sales import (
    ADDRESS,
    MERCHANT_PHONE,
    NAME,
    PHONE,
    SETTINGS,
    STORE_PARAMS,
    WINDOW_DAYS,
    digits,
    lookup,
    order_number,
    same_kiosk_at,
    sell,
    store_at,
    wrong_codes,
)
from tests.unit.cloudstore.harness import LiveStore, running_store

NOT_FOUND = {"detail": "no order matches"}


@pytest.fixture(scope="module", params=STORE_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    with store_at(request.param, str(tmp_path_factory.mktemp("lookup")), **SETTINGS) as live:
        yield live


def _retry_after(response: httpx.Response) -> int:
    assert response.status_code == 429, response.text
    wait = int(response.headers["Retry-After"])
    assert 0 < wait <= LOOKUP_WINDOW_S
    return wait


def test_lookup_by_number_and_the_last_4_phone_digits_from_another_kiosk(store: LiveStore) -> None:
    seller, other = store.kiosk("lobby"), store.kiosk("gate")
    order = sell(seller)
    found = lookup(other, order["order_no"], PHONE[-4:])
    assert found.status_code == 200, found.text
    body = found.json()
    assert set(body) == set(typing.get_type_hints(protocol.OrderStatus))
    assert (body["order_uuid"], body["order_no"], body["device_id"]) == (
        order["order_uuid"], order["order_no"], seller.device_id)
    assert (body["status"], body["fulfilment"], body["tracking_no"]) == ("ACCEPTED", "delivery", "")
    assert (body["subtotal_minor"], body["shipping_minor"], body["total_minor"]) == (
        order["subtotal_minor"], 1000, order["total_minor"])
    assert body["lines"] == [{key: line[key] for key in ("sku", "name_zh", "name_en", "quantity",
                                                         "line_total_minor")} for line in order["lines"]]
    assert body["contact"] == {"name": protocol.mask_name(NAME), "phone": protocol.mask_phone(PHONE),
                               "address": protocol.mask_address(ADDRESS)}
    assert [step["status"] for step in body["timeline"]] == ["PLACED", "PAID", "ACCEPTED"]
    assert body["requests"] == [] and body["return_deadline"] is None
    assert (body["return_window_days"], body["merchant_phone"]) == (WINDOW_DAYS, MERCHANT_PHONE)
    # the uuid from its receipt's QR gives the same answer, at either kiosk
    assert other.http.get(f"/v1/orders/{order['order_uuid']}").json() == body
    assert seller.http.get(f"/v1/orders/{order['order_uuid']}").json() == body


def test_lookup_by_number_and_receipt_code_of_a_pickup_order_without_phone(store: LiveStore) -> None:
    kiosk = store.kiosk()
    order = sell(kiosk, delivery=False)
    assert order["contact"] == {}
    code = lookup_code(order["order_uuid"])
    for typed in (order["order_no"], digits(order["order_no"]), order["order_no"].lower(),
                  " " + "-".join(digits(order["order_no"])) + " "):
        found = lookup(kiosk, typed, code)
        assert found.status_code == 200, (typed, found.text)
        body = found.json()
        assert (body["order_uuid"], body["fulfilment"]) == (order["order_uuid"], "pickup")
        assert body["contact"] == {"name": "", "phone": "", "address": ""}
    assert lookup(kiosk, order["order_no"], f"{(int(code) + 1) % 10_000:04d}").status_code == 404


def test_the_receipt_code_also_opens_an_order_with_a_phone(store: LiveStore) -> None:
    kiosk = store.kiosk()
    order = sell(kiosk)
    assert lookup(kiosk, order["order_no"], lookup_code(order["order_uuid"])).status_code == 200


def test_orders_sharing_digits_are_told_apart_by_the_proof(store: LiveStore) -> None:
    kiosk = store.kiosk()
    number = order_number("K01")
    # uuids whose receipt codes are not the other's phone digits (1 in 5000 would be)
    first_uuid, second_uuid = (next(u for u in iter(lambda: str(uuid.uuid4()), "")
                                    if lookup_code(u) not in {"1234", "5678"}) for _ in range(2))
    first = sell(kiosk, order_no=number, order_uuid=first_uuid)
    second = sell(kiosk, order_no="Q" + number[1:], order_uuid=second_uuid,
                  contact={"name": "李四", "phone": "13900005678", "address": ADDRESS})
    assert digits(first["order_no"]) == digits(second["order_no"])
    assert lookup(kiosk, digits(number), "1234").json()["order_uuid"] == first["order_uuid"]
    assert lookup(kiosk, digits(number), "5678").json()["order_uuid"] == second["order_uuid"]


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(store: LiveStore) -> None:
    kiosk = store.kiosk()
    order = sell(kiosk)
    [code] = wrong_codes(order, 1)
    wrong = lookup(kiosk, order["order_no"], code)
    unknown = lookup(kiosk, order_number("K77"), PHONE[-4:])
    no_digits = lookup(kiosk, "K-", PHONE[-4:])
    short_code = lookup(kiosk, order["order_no"], "12")
    for response in (wrong, unknown, no_digits, short_code):
        assert response.status_code == 404
        assert response.content == wrong.content
        assert response.json() == NOT_FOUND
        assert "retry-after" not in response.headers


def test_the_sixth_try_on_one_number_is_throttled_even_with_the_right_code(store: LiveStore) -> None:
    guesser, shopper = store.kiosk("guesser"), store.kiosk("shopper")
    order, neighbour = sell(shopper), sell(shopper)
    unknown = order_number("K88")
    for attempt, code in enumerate(wrong_codes(order, LOOKUP_FAILURES_PER_ORDER)):
        if attempt == LOOKUP_FAILURES_PER_ORDER - 1:  # the shopper's right proof clears no failure
            assert lookup(shopper, order["order_no"], PHONE[-4:]).status_code == 200
        assert lookup(guesser, order["order_no"], code).status_code == 404
        assert lookup(guesser, unknown, code).status_code == 404
    # per number, whichever kiosk asks, and whether or not an order has the number
    refused = lookup(shopper, order["order_no"], PHONE[-4:])
    _retry_after(refused)
    assert refused.json() == {"detail": order_lookup.TOO_MANY}
    assert lookup(shopper, digits(order["order_no"]), PHONE[-4:]).status_code == 429
    _retry_after(lookup(guesser, unknown, PHONE[-4:]))
    # other numbers are not affected, nor the guesser's own other lookups (under its kiosk limit)
    assert lookup(shopper, neighbour["order_no"], PHONE[-4:]).status_code == 200
    assert lookup(guesser, neighbour["order_no"], PHONE[-4:]).status_code == 200
    # the uuid is proof enough still
    assert shopper.http.get(f"/v1/orders/{order['order_uuid']}").status_code == 200


def test_one_kiosk_is_throttled_across_numbers(store: LiveStore) -> None:
    guesser, other = store.kiosk("guesser"), store.kiosk("other")
    order = sell(other)
    for _ in range(LOOKUP_FAILURES_PER_KIOSK):
        assert lookup(guesser, order_number("K66"), "0000").status_code == 404
    _retry_after(lookup(guesser, order["order_no"], PHONE[-4:]))
    _retry_after(guesser.http.get(f"/v1/orders/{order['order_uuid']}"))
    # another kiosk, and the number itself, are fine
    assert lookup(other, order["order_no"], PHONE[-4:]).status_code == 200


def test_concurrent_failures_are_counted_one_by_one(store: LiveStore) -> None:
    kiosk = store.kiosk()
    order = sell(kiosk)
    tries = 3 * LOOKUP_FAILURES_PER_ORDER
    clients = [same_kiosk_at(store, kiosk) for _ in range(tries)]
    codes = wrong_codes(order, tries)
    with ThreadPoolExecutor(max_workers=tries) as pool:
        statuses = sorted(pool.map(lambda i: lookup(clients[i], order["order_no"], codes[i]).status_code,
                                   range(tries)))
    assert statuses == [404] * LOOKUP_FAILURES_PER_ORDER + [429] * (tries - LOOKUP_FAILURES_PER_ORDER)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.db.read() as session:
        assert order_lookup.failures(session, order_lookup.device_scope(kiosk.device_id), now) == (
            LOOKUP_FAILURES_PER_ORDER)


def test_an_unknown_uuid_is_404_and_counts_toward_the_kiosk_limit(store: LiveStore) -> None:
    kiosk, other = store.kiosk(), store.kiosk()
    order = sell(other)
    answers = [kiosk.http.get(f"/v1/orders/{uuid.uuid4()}") for _ in range(LOOKUP_FAILURES_PER_KIOSK)]
    assert {r.status_code for r in answers} == {404}
    assert {r.content for r in answers} == {json.dumps(NOT_FOUND, separators=(",", ":")).encode()}
    _retry_after(kiosk.http.get(f"/v1/orders/{order['order_uuid']}"))
    _retry_after(lookup(kiosk, order["order_no"], PHONE[-4:]))
    assert other.http.get(f"/v1/orders/{order['order_uuid']}").status_code == 200


def test_the_device_failure_helper_throttles_any_route(store: LiveStore) -> None:
    """order_or_404, which the modification and return routes use too: 404 committed, then 429."""
    device = store.kiosk().device_id
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for _ in range(LOOKUP_FAILURES_PER_KIOSK):
        with pytest.raises(order_lookup.HTTPException) as raised, store.db.write() as session:
            order_lookup.order_or_404(session, device, "no-such-order", now)
        assert raised.value.status_code == 404
    with pytest.raises(order_lookup.HTTPException) as raised, store.db.write() as session:
        order_lookup.order_or_404(session, device, "no-such-order", now)
    assert raised.value.status_code == 429 and raised.value.headers == {"Retry-After": str(LOOKUP_WINDOW_S)}
    with store.db.read() as session:
        counted = order_lookup.failures(session, order_lookup.device_scope(device), now)
    assert counted == LOOKUP_FAILURES_PER_KIOSK


def test_failures_age_out_of_the_window(store: LiveStore) -> None:
    device = store.kiosk().device_id
    start = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    key = digits(order_number("K55"))
    with store.db.write() as session:
        for minute in range(LOOKUP_FAILURES_PER_ORDER):
            assert order_lookup.find_by_proof(session, device, key, "0000",
                                              start + dt.timedelta(minutes=minute)) is None
    last = start + dt.timedelta(minutes=LOOKUP_FAILURES_PER_ORDER - 1)
    with store.db.write() as session:
        refused = order_lookup.find_by_proof(session, device, key, "0000", last)
        assert refused == order_lookup.Throttled(LOOKUP_WINDOW_S - 4 * 60)  # when the first ages out
        after = start + dt.timedelta(seconds=LOOKUP_WINDOW_S)
        assert order_lookup.find_by_proof(session, device, key, "0000", after) is None  # counted again
        counted = order_lookup.failures(session, order_lookup.order_scope(key), after)
    assert counted == LOOKUP_FAILURES_PER_ORDER


def test_the_masked_contact_never_carries_the_full_data(store: LiveStore) -> None:
    kiosk = store.kiosk()
    order = sell(kiosk)
    new_name, new_phone, new_address = "王小明", "13912345678", "北京市朝阳区建国路88号5号楼"
    asked = kiosk.http.post(f"/v1/orders/{order['order_uuid']}/modifications", json={
        "request_id": f"m-{order['order_uuid']}", "reason": "moved",
        "changes": {"contact_name": new_name, "contact_phone": new_phone, "address": new_address}})
    assert asked.status_code == 201, asked.text
    decided = store.admin().post(f"/admin/api/requests/m-{order['order_uuid']}/decision",
                                 json={"approve": True})
    assert decided.status_code == 200, decided.text
    with store.db.write() as session:  # the fee difference as the request side records it
        session.execute(update(OrderRequest).where(OrderRequest.request_id == f"m-{order['order_uuid']}")
                        .values(fee_difference_minor=-400))
    by_number = lookup(kiosk, order["order_no"], new_phone[-4:])
    by_uuid = kiosk.http.get(f"/v1/orders/{order['order_uuid']}")
    for response in (by_number, by_uuid):
        assert response.status_code == 200, response.text
        for secret in (NAME, PHONE, ADDRESS, new_name, new_phone, new_address, "建国路", "世纪大道"):
            assert secret.encode() not in response.content
            assert json.dumps(secret)[1:-1].encode() not in response.content
        body = response.json()
        assert body["contact"] == {"name": protocol.mask_name(new_name),
                                   "phone": protocol.mask_phone(new_phone),
                                   "address": protocol.mask_address(new_address)}
        [request] = body["requests"]
        assert request["changes"] == {"contact_name": protocol.mask_name(new_name),
                                      "contact_phone": protocol.mask_phone(new_phone),
                                      "address": protocol.mask_address(new_address)}
        assert (request["status"], request["fee_difference_minor"]) == ("APPROVED", -400)
        assert (body["shipping_minor"], body["total_minor"]) == (600, order["total_minor"] - 400)
    # the phone as it stands is the proof now
    assert lookup(kiosk, order["order_no"], PHONE[-4:]).status_code == 404


def test_the_throttle_survives_a_restart_of_the_store(store_url: str) -> None:
    with running_store(store_url) as first:
        kiosk = first.kiosk()
        order = sell(kiosk)
        for code in wrong_codes(order, LOOKUP_FAILURES_PER_ORDER):
            assert lookup(kiosk, order["order_no"], code).status_code == 404
    with running_store(store_url) as second:
        _retry_after(lookup(same_kiosk_at(second, kiosk), order["order_no"], PHONE[-4:]))
        _retry_after(lookup(second.kiosk(), order["order_no"], PHONE[-4:]))
        assert same_kiosk_at(second, kiosk).http.get(f"/v1/orders/{order['order_uuid']}").status_code == 200


def test_wire_models_name_the_protocol_fields() -> None:
    for typed, model in ((protocol.OrderLookup, schemas.OrderLookupIn),
                         (protocol.OrderStatus, schemas.ShopperOrderOut),
                         (protocol.TimelineEntry, schemas.TimelineEntryOut),
                         (protocol.OrderStatusLine, schemas.OrderStatusLineOut),
                         (protocol.MaskedContact, schemas.MaskedContactOut)):
        assert set(typing.get_type_hints(typed)) == set(model.model_fields), model


def test_the_openapi_document_shows_the_answers(store: LiveStore) -> None:
    paths = store.plain().get("/openapi.json").json()["paths"]
    for path, method in ((protocol.ORDER_LOOKUP_PATH, "post"), ("/v1/orders/{order_uuid}", "get")):
        responses = paths[path][method]["responses"]
        assert {"200", "404", "429"} <= set(responses), path
        assert "Retry-After" in responses["429"]["headers"]
        assert responses["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/ShopperOrderOut")


_OLD_ORDER = (  # an order as the store at revision 0002 stored it
    "INSERT INTO orders (order_uuid, device_id, device_seq, order_no, kind, payload, payload_hash, "
    "currency, total_minor, computed_total_minor, audit_flags, fulfilment, status, tracking_no, received_at, "
    "updated_at, paid_at, shopper_hash) VALUES "
    "(:u, :d, 1, :n, 'order.paid', :p, 'h', 'CNY', 100, 100, '', 'pickup', 'ACCEPTED', '', :r, :r, :r, '')")


def test_orders_from_before_the_upgrade_get_their_number_key(store_url: str) -> None:
    db = StoreDB(store_url)
    try:
        with db.writer.begin() as conn:
            command.upgrade(alembic_config(conn), "0002")
        with db.write() as session:
            device = add_device(session, "K01")["device_id"]
        order_uuid = str(uuid.uuid4())
        with db.writer.begin() as conn:
            conn.execute(text(_OLD_ORDER), {"u": order_uuid, "d": device, "n": "K01-1207-0042",
                                            "p": json.dumps({"order_uuid": order_uuid}),
                                            "r": dt.datetime(2026, 12, 7, 1, 0)})
        upgrade(db)
        with db.read() as session:
            assert session.execute(select(StoreOrder.order_key)).scalar_one() == "0112070042"
        with db.write() as session:
            found = order_lookup.find_by_proof(session, "k-x", "0112070042", lookup_code(order_uuid),
                                               dt.datetime(2026, 12, 7, 2, 0))
            assert isinstance(found, StoreOrder) and found.order_uuid == order_uuid
    finally:
        db.close()



def test_the_window_and_the_merchant_phone_come_from_the_command_line_or_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = parser().parse_args(["serve"])
    assert (defaults.return_window_days, defaults.merchant_phone) == (7, "")
    monkeypatch.setenv("CLOUDSTORE_RETURN_WINDOW_DAYS", "14")
    monkeypatch.setenv("CLOUDSTORE_MERCHANT_PHONE", MERCHANT_PHONE)
    from_env = parser().parse_args(["serve"])
    assert (from_env.return_window_days, from_env.merchant_phone) == (14, MERCHANT_PHONE)
    given = parser().parse_args(["serve", "--return-window-days", "3", "--merchant-phone", "110"])
    assert (given.return_window_days, given.merchant_phone) == (3, "110")
    with pytest.raises(SystemExit):
        parser().parse_args(["serve", "--return-window-days", "-1"])


def test_a_kiosks_secret_alone_opens_no_order_and_changes_nothing(store: LiveStore) -> None:
    """Another kiosk of the store knows the order's number (say, from a receipt left on the counter),
    but not its uuid nor the phone's or the receipt's 4 digits: it can neither read nor change it."""
    seller, stranger = store.kiosk(), store.kiosk()
    order = sell(seller)
    number, real = order["order_no"], order["order_uuid"]
    for path in (f"/v1/orders/{number}", f"/v1/orders/{digits(number)}"):
        assert stranger.http.get(path).status_code == 404
    change = {"request_id": "scope-1", "changes": {"address": "北京市朝阳区建国路88号"}}
    ret = {"request_id": "scope-2", "type": "return", "reason": "other", "lines": [
        {"sku": line["sku"], "quantity": 1} for line in order["lines"]]}
    assert stranger.http.post(f"/v1/orders/{number}/modifications", json=change).status_code == 404
    assert stranger.http.post(f"/v1/orders/{number}/returns", json=ret).status_code == 404
    [wrong] = wrong_codes(order, 1)
    assert lookup(stranger, number, wrong).status_code == 404
    with store.db.read() as session:
        assert session.scalars(select(OrderRequest).where(OrderRequest.order_uuid == real)).all() == []
        kept = session.scalars(select(StoreOrder).where(StoreOrder.order_uuid == real)).one()
        assert kept.status == protocol.FulfilmentStatus.ACCEPTED
    # with the proof, the same kiosk may
    assert lookup(stranger, number, PHONE[-4:]).json()["order_uuid"] == real
    assert stranger.http.post(f"/v1/orders/{real}/modifications", json=change).status_code == 201
