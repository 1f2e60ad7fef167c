"""The body of `POST /v1/orders:batch`, parsed and checked by hand.

The same rules as `schemas.BatchIn` (which still documents the body in the OpenAPI schema), without
building a model per item on the store's busiest route. Errors come back shaped like FastAPI's
validation errors: a malformed batch is a 400, which the kiosk answers by splitting the batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from kiosk.sync.protocol import MAX_BATCH_ITEMS

MAX_DEVICE_SEQ = 2**31 - 1

Error = dict[str, Any]


@dataclass(frozen=True, slots=True)
class BatchItem:
    device_seq: int
    order_uuid: str
    kind: str
    payload: dict[str, Any]
    payload_hash: str | None


class BatchBodyError(ValueError):
    def __init__(self, errors: list[Error]) -> None:
        super().__init__(errors[0]["msg"] if errors else "invalid batch")
        self.errors = errors


def _error(loc: list[Any], msg: str, kind: str) -> Error:
    return {"loc": ["body", *loc], "msg": msg, "type": kind}


def _text(item: dict[str, Any], key: str, loc: list[Any], max_length: int, errors: list[Error],
          *, required: bool = True) -> str | None:
    if key not in item:
        if required:
            errors.append(_error([*loc, key], "Field required", "missing"))
        return None
    value = item[key]
    if value is None and not required:
        return None
    if not isinstance(value, str):
        errors.append(_error([*loc, key], "Input should be a valid string", "string_type"))
    elif required and not value:
        errors.append(_error([*loc, key], "String should have at least 1 character", "string_too_short"))
    elif len(value) > max_length:
        errors.append(_error([*loc, key], f"String should have at most {max_length} characters",
                             "string_too_long"))
    else:
        return value
    return None


def _item(raw: Any, index: int, errors: list[Error]) -> BatchItem | None:
    loc: list[Any] = ["items", index]
    if not isinstance(raw, dict):
        errors.append(_error(loc, "Input should be an object", "model_type"))
        return None
    before = len(errors)
    seq = raw.get("device_seq")
    if "device_seq" not in raw:
        errors.append(_error([*loc, "device_seq"], "Field required", "missing"))
    elif type(seq) is not int:  # bool is an int to Python but not to JSON
        errors.append(_error([*loc, "device_seq"], "Input should be a valid integer", "int_type"))
    elif not 1 <= seq <= MAX_DEVICE_SEQ:
        errors.append(_error([*loc, "device_seq"], f"Input should be between 1 and {MAX_DEVICE_SEQ}",
                             "int_range"))
    order_uuid = _text(raw, "order_uuid", loc, 64, errors)
    kind = _text(raw, "kind", loc, 32, errors)
    payload = raw.get("payload")
    if "payload" not in raw:
        errors.append(_error([*loc, "payload"], "Field required", "missing"))
    elif not isinstance(payload, dict):
        errors.append(_error([*loc, "payload"], "Input should be a valid dictionary", "dict_type"))
    digest = _text(raw, "payload_hash", loc, 64, errors, required=False)
    if (len(errors) > before or not isinstance(seq, int) or order_uuid is None or kind is None
            or not isinstance(payload, dict)):
        return None
    return BatchItem(seq, order_uuid, kind, payload, digest)


def check_items(raw_items: Any) -> list[BatchItem]:
    """Validate the decoded `items` list; BatchBodyError lists every problem found."""
    if not isinstance(raw_items, list):
        raise BatchBodyError([_error(["items"], "Input should be a valid list", "list_type")])
    if not 1 <= len(raw_items) <= MAX_BATCH_ITEMS:
        kind = "too_long" if raw_items else "too_short"
        raise BatchBodyError([_error(["items"], f"a batch holds 1 to {MAX_BATCH_ITEMS} items, "
                                                f"not {len(raw_items)}", kind)])
    errors: list[Error] = []
    items = [_item(raw, i, errors) for i, raw in enumerate(raw_items)]
    if errors:
        raise BatchBodyError(errors)
    return [item for item in items if item is not None]


def parse_batch(body: bytes) -> list[BatchItem]:
    """The request body as batch items; BatchBodyError when it is not a valid batch."""
    try:
        # orjson: four times the standard parser; it refuses NaN/Infinity, which have no JSON spelling
        doc = orjson.loads(body)
    except (ValueError, RecursionError) as exc:  # orjson.JSONDecodeError is a ValueError
        raise BatchBodyError([_error([], f"invalid JSON: {exc}"[:200], "json_invalid")]) from None
    if not isinstance(doc, dict):
        raise BatchBodyError([_error([], "the body must be a JSON object with an items list",
                                     "model_type")])
    if "items" not in doc:
        raise BatchBodyError([_error(["items"], "Field required", "missing")])
    return check_items(doc["items"])
