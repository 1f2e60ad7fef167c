"""The hand-checked body of POST /v1/orders:batch: BatchIn's rules, errors that name the field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cloudstore.batch_body import BatchBodyError, BatchItem, parse_batch
from cloudstore.schemas import BatchIn
from tests.unit.cloudstore.harness import batch_item, order_payload


def _errors(body: bytes) -> list[dict[str, Any]]:
    with pytest.raises(BatchBodyError) as caught:
        parse_batch(body)
    return caught.value.errors


def test_a_valid_batch_parses_to_items() -> None:
    items = [batch_item(seq, order_payload()) for seq in (1, 2)]
    parsed = parse_batch(json.dumps({"items": items}).encode())
    assert parsed == [BatchItem(i["device_seq"], i["order_uuid"], i["kind"], i["payload"], i["payload_hash"])
                      for i in items]
    no_hash = json.dumps({"items": [{**items[0], "payload_hash": None}]}).encode()
    assert parse_batch(no_hash)[0].payload_hash is None


@pytest.mark.parametrize(("body", "loc", "kind"), [
    (b"{not json", ["body"], "json_invalid"),
    (b"", ["body"], "json_invalid"),
    (b'{"items": [NaN]}', ["body"], "json_invalid"),  # not JSON, and no payload hash could be made
    (b"\xff\xfe", ["body"], "json_invalid"),
    (b"[]", ["body"], "model_type"),
    (b"{}", ["body", "items"], "missing"),
    (b'{"items": {}}', ["body", "items"], "list_type"),
    (b'{"items": []}', ["body", "items"], "too_short"),
    (b'{"items": [1]}', ["body", "items", 0], "model_type"),
])
def test_malformed_bodies_name_the_problem(body: bytes, loc: list[Any], kind: str) -> None:
    (error,) = _errors(body)
    assert (error["loc"], error["type"]) == (loc, kind)
    assert error["msg"]


def test_too_many_items_is_refused() -> None:
    items = [batch_item(seq, order_payload()) for seq in range(1, 102)]
    (error,) = _errors(json.dumps({"items": items}).encode())
    assert error["type"] == "too_long" and "101" in error["msg"]


@pytest.mark.parametrize(("field", "value", "kind"), [
    ("device_seq", None, "missing"),
    ("device_seq", "5", "int_type"),
    ("device_seq", True, "int_type"),
    ("device_seq", 1.5, "int_type"),
    ("device_seq", 0, "int_range"),
    ("device_seq", 2**31, "int_range"),
    ("order_uuid", "", "string_too_short"),
    ("order_uuid", "x" * 65, "string_too_long"),
    ("order_uuid", 7, "string_type"),
    ("kind", None, "missing"),
    ("kind", "k" * 33, "string_too_long"),
    ("payload", [], "dict_type"),
    ("payload", None, "missing"),
    ("payload_hash", "0" * 65, "string_too_long"),
    ("payload_hash", 3, "string_type"),
])
def test_each_bad_field_is_named(field: str, value: Any, kind: str) -> None:
    good = batch_item(1, order_payload())
    bad = {k: v for k, v in good.items() if k != field}
    if kind != "missing":
        bad[field] = value
    errors = _errors(json.dumps({"items": [good, bad]}).encode())
    assert [(e["loc"], e["type"]) for e in errors] == [(["body", "items", 1, field], kind)]


@pytest.mark.parametrize("item", [
    {"device_seq": 1, "order_uuid": "u", "kind": "order.paid", "payload": {}},
    {"device_seq": 2**31 - 1, "order_uuid": "u" * 64, "kind": "k" * 32, "payload": {"a": 1},
     "payload_hash": None},
    {"device_seq": 0, "order_uuid": "u", "kind": "order.paid", "payload": {}},
    {"device_seq": 1, "order_uuid": "", "kind": "order.paid", "payload": {}},
    {"device_seq": 1, "order_uuid": "u", "kind": "order.paid", "payload": "x"},
])
def test_agrees_with_the_published_model(item: dict[str, Any]) -> None:
    body = json.dumps({"items": [item]}).encode()
    try:
        BatchIn.model_validate_json(body)
        model_ok = True
    except ValueError:
        model_ok = False
    try:
        parse_batch(body)
        hand_ok = True
    except BatchBodyError:
        hand_ok = False
    assert hand_ok == model_ok
