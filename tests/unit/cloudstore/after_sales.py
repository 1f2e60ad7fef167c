"""Orders with typeable numbers in a live store, for the lookup and timeline tests."""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from kiosk.order_rules import lookup_code
from kiosk.sync.protocol import ORDER_LOOKUP_PATH
from tests.unit.cloudstore.harness import (
    HmacAuth,
    Kiosk,
    LiveStore,
    batch_item,
    order_payload,
    pay_on_phone,
    pg_base_url,
    postgres_schema,
    running_store,
)

MERCHANT_PHONE = "400-820-8820"
WINDOW_DAYS = 10
SETTINGS: dict[str, Any] = {"merchant_phone": MERCHANT_PHONE, "return_window_days": WINDOW_DAYS}
NAME, PHONE, ADDRESS = "张三丰", "13800001234", "上海市浦东新区世纪大道100号3栋1201室"

# numbers no other test run shares: a random block of 4 digits per process, then a counter
_block = f"{secrets.randbelow(10_000):04d}"
_counter = itertools.count(1)
_seqs: dict[str, itertools.count[int]] = {}


def order_number(prefix: str = "K01") -> str:
    """K01-1207-0042 style: the kiosk's prefix, a day, a sequence."""
    return f"{prefix}-{_block}-{next(_counter):04d}"


def digits(order_no: str) -> str:
    return "".join(ch for ch in order_no if ch.isdigit())


@contextmanager
def store_at(param: str, tmp_dir: str, **settings: Any) -> Iterator[LiveStore]:
    """A live store on SQLite, or in a throwaway PostgreSQL schema."""
    if param == "sqlite":
        with running_store(f"sqlite:///{os.path.join(tmp_dir, 'store.sqlite3')}", **settings) as live:
            yield live
    else:
        with postgres_schema(pg_base_url()) as url, running_store(url, **settings) as live:
            yield live


STORE_PARAMS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def sell(kiosk: Kiosk, *, delivery: bool = True, order_no: str | None = None,
         contact: dict[str, str] | None = None, **payload_fields: Any) -> dict[str, Any]:
    """A paid order pushed by `kiosk`: delivery with a name, phone and address, or pickup without."""
    payload = order_payload(shipping=1000 if delivery else 0)
    payload["order_no"] = order_no or order_number()
    if delivery:
        payload["contact"] = contact or {"name": NAME, "phone": PHONE, "address": ADDRESS}
    payload.update(payload_fields)
    pay_on_phone(kiosk, payload)
    seq = next(_seqs.setdefault(kiosk.device_id, itertools.count(1)))
    pushed = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(seq, payload)]})
    assert pushed.json()["results"][0]["status"] == "created", pushed.text
    return payload


def wrong_codes(order: dict[str, Any], count: int) -> list[str]:
    """`count` codes that prove nothing of `order`: neither its phone's last 4 digits nor its receipt's
    lookup code."""
    phone = str((order.get("contact") or {}).get("phone", ""))
    right = {lookup_code(order["order_uuid"]), phone[-4:]}
    return [code for code in (f"{n:04d}" for n in range(count + 2)) if code not in right][:count]


def lookup(kiosk: Kiosk, order_no: str, code: str) -> httpx.Response:
    return kiosk.http.post(ORDER_LOOKUP_PATH, json={"order_no": order_no, "code": code})


def same_kiosk_at(store: LiveStore, kiosk: Kiosk) -> Kiosk:
    """The same kiosk (id and secret) talking to `store`, e.g. after a restart."""
    client = store.plain(auth=HmacAuth(kiosk.device_id, kiosk.secret))
    return Kiosk(kiosk.device_id, kiosk.secret, client)
