"""Recommendations over a real, migrated SQLite file: the store's lists, the local fallback, the hour."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from kiosk.db.engine import Database
from kiosk.db.models import Category, Order, OrderLine, OrderState, Product, Together
from kiosk.recommend import Recommender

T0 = dt.datetime(2026, 12, 1, 2, 0)  # 10:00 in Shanghai


def make_catalog(db: Database, n: int, *, stock: Sequence[int] = (), active: Sequence[bool] = ()) -> None:
    with db.write() as s:
        for model in (Together, OrderLine, Order, Product, Category):
            s.execute(delete(model))
        s.add(Category(id=1, code="c", name_zh="c", name_en="c"))
        for i in range(1, n + 1):
            s.add(Product(id=i, sku=f"S{i}", category_id=1, name_zh=f"p{i}", name_en=f"p{i}", price_minor=100,
                          stock=stock[i - 1] if i <= len(stock) else 5, popularity=n - i,
                          active=active[i - 1] if i <= len(active) else True))


def add_orders(db: Database, baskets: Sequence[Sequence[int]], *, at: dt.datetime = T0,
               state: OrderState = OrderState.PAID) -> None:
    with db.write() as s:
        for basket in baskets:
            order = Order(order_uuid=str(uuid.uuid4()), order_no=uuid.uuid4().hex[:12], state=state,
                          currency="CNY", subtotal_minor=100, total_minor=100,
                          paid_at=at if state != OrderState.PENDING_PAYMENT else None)
            s.add(order)
            s.flush()
            for pos, pid in enumerate(basket):
                s.add(OrderLine(order_id=order.id, position=pos, product_id=pid, sku=f"S{pid}", name_zh="",
                                name_en="", unit_price_minor=100, quantity=1, line_total_minor=100))


def store_lists(db: Database, lists: dict[int, list[int]]) -> None:
    with db.write() as s:
        for pid, others in lists.items():
            for rank, other in enumerate(others):
                s.add(Together(product_id=pid, rank=rank, other_id=other, orders=10 - rank))


def test_store_list_wins_in_its_order(db: Database) -> None:
    make_catalog(db, 6)
    add_orders(db, [[1, 2]] * 5)  # the local history says 2; the store says 4 then 3
    store_lists(db, {1: [4, 3]})
    assert Recommender(db).together(1) == [4, 3]


def test_local_fallback_counts_orders_holding_both(db: Database) -> None:
    make_catalog(db, 6)
    add_orders(db, [[1, 2], [1, 2, 3], [1, 3], [1, 2], [4, 5]])
    add_orders(db, [[1, 5]] * 4, state=OrderState.PENDING_PAYMENT)  # never paid: not a purchase
    assert Recommender(db).together(1) == [2, 3]
    assert Recommender(db).together(4) == [5]
    assert Recommender(db).together(6) == []


def test_store_list_of_only_unshowable_products_falls_back_to_local(db: Database) -> None:
    make_catalog(db, 4, stock=[5, 5, 0, 5])
    store_lists(db, {1: [3]})  # sold out
    add_orders(db, [[1, 4]])
    assert Recommender(db).together(1) == [4]


def test_excludes_cart_sold_out_inactive_and_limit(db: Database) -> None:
    make_catalog(db, 7, stock=[5, 5, 0, 5, 5, 5, 5], active=[True, True, True, False, True, True, True])
    store_lists(db, {1: [1, 2, 3, 4, 5, 6, 7]})
    r = Recommender(db)
    assert r.together(1) == [2, 5, 6, 7]
    assert r.together(1, exclude_ids={5}, limit=2) == [2, 6]


def test_popular_at_hour_counts_that_hour_in_store_time_then_best_sellers(db: Database) -> None:
    make_catalog(db, 6, stock=[5, 5, 5, 5, 0, 5])
    add_orders(db, [[3], [3], [4]], at=T0)  # 10:00 Shanghai
    add_orders(db, [[2]] * 5, at=T0 + dt.timedelta(hours=5))  # 15:00 Shanghai
    add_orders(db, [[5]] * 9, at=T0)  # sold out now
    r = Recommender(db, "Asia/Shanghai")
    assert r.popular_at_hour(10, limit=2) == [3, 4]
    assert r.popular_at_hour(15, limit=1) == [2]
    # topped up with best sellers (popularity: 1 highest), never the cart, never sold out
    assert r.popular_at_hour(10, exclude_ids={4}, limit=4) == [3, 1, 2, 6]
    assert r.popular_at_hour(3, limit=3) == []  # nothing sold at 3:00: home's best sellers say enough
    assert r.current_hour(dt.datetime(2026, 12, 1, 2, 30, tzinfo=dt.UTC)) == 10


N = 8
products = st.integers(1, N)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stock=st.lists(st.sampled_from([0, 0, 1, 3]), min_size=N, max_size=N),
       active=st.lists(st.booleans(),
                       min_size=N, max_size=N),
       baskets=st.lists(st.lists(products, min_size=1, max_size=4, unique=True), max_size=25),
       lists=st.dictionaries(products, st.lists(products, max_size=5, unique=True), max_size=N),
       cart=st.sets(products, max_size=3), product=products, hour=st.integers(0, 23),
       limit=st.integers(0, 8))
def test_never_sold_out_in_cart_inactive_or_itself(
        db: Database, stock: list[int], active: list[bool], baskets: list[list[int]],
        lists: dict[int, list[int]], cart: set[int], product: int, hour: int, limit: int) -> None:
    make_catalog(db, N, stock=stock, active=active)
    add_orders(db, baskets, at=T0 + dt.timedelta(hours=len(baskets) % 24))
    store_lists(db, lists)
    r = Recommender(db)
    unshowable = {i for i in range(1, N + 1) if stock[i - 1] == 0 or not active[i - 1]}
    together = r.together(product, cart, limit)
    assert len(together) <= limit and len(set(together)) == len(together)
    assert product not in together and not cart & set(together) and not unshowable & set(together)
    popular = r.popular_at_hour(hour, cart, limit)
    assert len(popular) <= limit and len(set(popular)) == len(popular)
    assert not cart & set(popular) and not unshowable & set(popular)
    # a row at all only when something sold in that hour; then full whenever enough showable
    # products exist (best sellers top it up)
    assert len(popular) in (0, min(limit, N - len(unshowable | cart)))
