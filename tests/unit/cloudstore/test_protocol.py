"""Request signing and payload hashing of the shared wire contract."""

from __future__ import annotations

import hashlib
import hmac
import json
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from cloudstore import schemas
from kiosk.sync import protocol
from kiosk.sync.protocol import SignatureError, SignedRequest, canonical_json, payload_hash, signed_headers

SECRET = "s3cret"
NOW = 1_800_000_000.0


def _signed(body: bytes = b'{"a":1}', target: str = "/v1/orders:batch") -> SignedRequest:
    return SignedRequest.from_headers(signed_headers("k-1", SECRET, "POST", target, body, now=NOW,
                                                     nonce="n1"))


def test_signature_is_hmac_of_the_documented_string() -> None:
    body = b'{"items":[]}'
    target = "/v1/catalog/changes?cursor=5"
    headers = signed_headers("k-1", SECRET, "post", target, body, now=NOW, nonce="abc")
    message = "\n".join(["POST", "/v1/catalog/changes?cursor=5", str(int(NOW)), "abc",
                         hashlib.sha256(body).hexdigest()]).encode()
    assert headers == {
        "X-Device-Id": "k-1", "X-Timestamp": "1800000000", "X-Nonce": "abc",
        "X-Signature": hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest(),
    }


def test_untouched_request_verifies() -> None:
    _signed().verify(SECRET, "POST", "/v1/orders:batch", b'{"a":1}', now=NOW + 10)


@pytest.mark.parametrize(("secret", "method", "target", "body"), [
    ("other", "POST", "/v1/orders:batch", b'{"a":1}'),
    (SECRET, "PUT", "/v1/orders:batch", b'{"a":1}'),
    (SECRET, "POST", "/v1/orders:batch?x=1", b'{"a":1}'),
    (SECRET, "POST", "/v1/orders:batch", b'{"a":2}'),
])
def test_any_change_breaks_the_signature(secret: str, method: str, target: str, body: bytes) -> None:
    with pytest.raises(SignatureError, match="bad signature"):
        _signed().verify(secret, method, target, body, now=NOW)


def test_changed_timestamp_or_nonce_breaks_the_signature() -> None:
    good = _signed()
    for forged in (SignedRequest(good.device_id, str(int(NOW) + 1), good.nonce, good.signature),
                   SignedRequest(good.device_id, good.timestamp, "n2", good.signature)):
        with pytest.raises(SignatureError):
            forged.verify(SECRET, "POST", "/v1/orders:batch", b'{"a":1}', now=NOW)


@pytest.mark.parametrize("skew", [-301, 301, 10_000])
def test_skew_over_300_s_is_refused(skew: int) -> None:
    with pytest.raises(SignatureError, match="skew"):
        _signed().verify(SECRET, "POST", "/v1/orders:batch", b'{"a":1}', now=NOW + skew)


@pytest.mark.parametrize("skew", [-300, 0, 300])
def test_skew_up_to_300_s_is_accepted(skew: int) -> None:
    _signed().verify(SECRET, "POST", "/v1/orders:batch", b'{"a":1}', now=NOW + skew)


@pytest.mark.parametrize("headers", [
    {},
    {"X-Device-Id": "k", "X-Timestamp": "1", "X-Nonce": "n"},
    {"X-Device-Id": "k", "X-Timestamp": "soon", "X-Nonce": "n", "X-Signature": "00"},
    {"X-Device-Id": "k", "X-Timestamp": "1", "X-Nonce": "n" * 65, "X-Signature": "00"},
])
def test_malformed_headers_are_refused(headers: dict[str, str]) -> None:
    with pytest.raises(SignatureError):
        SignedRequest.from_headers(headers)


def test_canonical_json_ignores_key_order_and_keeps_chinese() -> None:
    assert canonical_json({"b": 1, "a": "可乐"}) == canonical_json({"a": "可乐", "b": 1})
    assert canonical_json({"a": "可乐"}) == '{"a":"可乐"}'.encode()
    assert payload_hash({"a": 1}) == hashlib.sha256(b'{"a":1}').hexdigest()


# any JSON value without floats (payloads carry money as integers); text excludes lone surrogates,
# which no UTF-8 body can carry
_json_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _json_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_json_text, inner, max_size=4),
    max_leaves=20)


@given(_json_values)
def test_fast_json_writes_the_standard_librarys_bytes(value: object) -> None:
    # kiosks and stores of different builds must agree on the canonical bytes, or hashes would differ
    for sort_keys in (False, True):
        expected = json.dumps(value, sort_keys=sort_keys, separators=(",", ":"), ensure_ascii=False).encode()
        assert protocol.dumps(value, sort_keys=sort_keys) == expected


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=6))
def test_payload_hash_is_stable_under_reordering(d: dict[str, object]) -> None:
    assert payload_hash(d) == payload_hash(dict(reversed(list(d.items()))))


@pytest.mark.parametrize(("typed", "model"), [
    (protocol.BatchItem, schemas.BatchItemIn),
    (protocol.BatchRequest, schemas.BatchIn),
    (protocol.BatchItemResult, schemas.BatchItemOut),
    (protocol.BatchResponse, schemas.BatchOut),
    (protocol.OrderPayload, schemas.OrderPayloadIn),
    (protocol.OrderLine, schemas.OrderLineIn),
    (protocol.CatalogChange, schemas.CatalogChangeOut),
    (protocol.CatalogChangesResponse, schemas.CatalogChangesOut),
    (protocol.PaymentCreate, schemas.PaymentCreateIn),
    (protocol.PaymentInfo, schemas.PaymentOut),
    (protocol.PaymentList, schemas.PaymentListOut),
    (protocol.Heartbeat, schemas.HeartbeatIn),
    (protocol.DeviceStatus, schemas.DeviceStatusIn),
    (protocol.Alert, schemas.AlertIn),
])
def test_wire_types_and_api_models_name_the_same_fields(typed: type, model: type) -> None:
    # the order payload is validated as TypedDicts, the rest as models
    fields = model.model_fields if issubclass(model, BaseModel) else typing.get_type_hints(model)
    assert set(typing.get_type_hints(typed)) == set(fields)


def test_limits() -> None:
    assert protocol.MAX_BATCH_ITEMS == 100
    assert protocol.MAX_CLOCK_SKEW_S == 300
