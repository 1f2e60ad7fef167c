"""The store's "often bought together" lists over constructed orders (SQLite, PostgreSQL when set)."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Sequence
from typing import Any

import pytest

from cloudstore import catalog, recommend
from cloudstore.db import StoreDB
from cloudstore.models import Device, StoreOrder
from kiosk.sync.protocol import TogetherError, check_together

NOW = dt.datetime(2026, 12, 1, 12, 0)
_seq = itertools.count(1)


def _catalog(db: StoreDB, skus: Sequence[str]) -> None:
    with db.write() as session:
        session.add(Device(id="k-test", name="k", secret="s" * 64))
        catalog.upsert_category(session, {"code": "c", "name": {"zh": "类", "en": "C"}})
        for sku in skus:
            catalog.upsert_product(session, {"sku": sku, "category": "c", "name": {"zh": sku, "en": sku},
                                             "price_minor": 100})


def _orders(db: StoreDB, baskets: Sequence[Sequence[str]], *, status: str = "ACCEPTED", flags: str = "",
            paid_at: dt.datetime = NOW - dt.timedelta(days=1)) -> None:
    with db.write() as session:
        for basket in baskets:
            u = str(uuid.uuid4())
            lines = [{"position": i, "sku": sku, "name_zh": sku, "name_en": sku, "unit_price_minor": 100,
                      "quantity": 1, "line_total_minor": 100} for i, sku in enumerate(basket)]
            session.add(StoreOrder(order_uuid=u, device_id="k-test", device_seq=next(_seq), order_no=u[:8],
                                   kind="order.paid", payload={"lines": lines}, payload_hash="x",
                                   currency="CNY", total_minor=100, computed_total_minor=100,
                                   audit_flags=flags, status=status, paid_at=paid_at))


def _lists(db: StoreDB, **kw: Any) -> dict[str, list[tuple[str, int]]]:
    with db.read() as session:
        out = recommend.together(session, now=NOW, **kw)
    return {sku: [(e["sku"], e["orders"]) for e in entries] for sku, entries in out["together"].items()}


def test_counts_orders_holding_both_best_first(store_db: StoreDB) -> None:
    _catalog(store_db, ["A", "B", "C", "D"])
    _orders(store_db, [["A", "B"], ["A", "B", "C"], ["A", "C"], ["A", "B", "B"], ["D"]])
    assert _lists(store_db) == {
        "A": [("B", 3), ("C", 2)], "B": [("A", 3), ("C", 1)], "C": [("A", 2), ("B", 1)]}
    assert _lists(store_db, top_n=1)["A"] == [("B", 3)]


def test_returns_unconfirmed_old_and_removed_products_do_not_count(store_db: StoreDB) -> None:
    _catalog(store_db, ["A", "B", "C", "D", "E"])
    _orders(store_db, [["A", "B"]])
    _orders(store_db, [["A", "C"]] * 3, status="RETURNED")
    _orders(store_db, [["A", "D"]] * 3, flags="payment:unconfirmed")
    _orders(store_db, [["A", "E"]] * 3, paid_at=NOW - dt.timedelta(days=recommend.WINDOW_DAYS + 1))
    _orders(store_db, [["B", "X9"]] * 3)  # X9 was never (or is no longer) in the catalog
    with store_db.write() as session:
        catalog.delete_product(session, "B")
    assert _lists(store_db) == {}
    with store_db.write() as session:
        catalog.upsert_product(session, {"sku": "B", "category": "c", "name": {"zh": "B", "en": "B"},
                                         "price_minor": 100})
    assert _lists(store_db) == {"A": [("B", 1)], "B": [("A", 1)]}


@pytest.mark.parametrize("bad", [
    [], {"top_n": 3}, {"top_n": 0, "together": {}}, {"top_n": True, "together": {}},
    {"top_n": 3, "together": {"A": [{"sku": "A", "orders": 1}]}},  # itself
    {"top_n": 3, "together": {"A": [{"sku": "B", "orders": 1}, {"sku": "B", "orders": 1}]}},  # twice
    {"top_n": 3, "together": {"A": [{"sku": "B", "orders": 1}, {"sku": "C", "orders": 2}]}},  # not best first
    {"top_n": 1, "together": {"A": [{"sku": "B", "orders": 2}, {"sku": "C", "orders": 1}]}},  # over top_n
    {"top_n": 3, "together": {"A": [{"sku": "B", "orders": 0}]}},
    {"top_n": 3, "together": {"A": [{"sku": "B", "orders": True}]}},
    {"top_n": 3, "together": {"A": [{"sku": "B", "orders": 1, "x": 1}]}},
    {"top_n": 3, "together": {"A B": []}}, {"top_n": 3, "together": {"A": [{"sku": "", "orders": 1}]}},
    {"top_n": 3, "together": {"A": {"sku": "B"}}},
])
def test_the_wire_type_is_checked_strictly(bad: Any) -> None:
    with pytest.raises(TogetherError):
        check_together(bad)


def test_a_good_answer_passes_unchanged() -> None:
    good = {"top_n": 2, "together": {"A": [{"sku": "B", "orders": 3}, {"sku": "C", "orders": 3}], "B": []}}
    assert check_together(good) == good
