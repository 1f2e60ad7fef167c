"""Recommendations: "often bought together" and "popular at this hour" (Qt-free).

`together` reads the store's lists (the `together` table, pulled with the catalog: one primary-key
range per product, whatever the size of the history). For a product the store has no usable list
for — a kiosk that never reached its store, or a new product — the kiosk counts co-purchases in its
own most recent paid orders instead. `popular_at_hour` counts what the kiosk's own paid orders sold
in that hour of the day (store time), topped up with the best sellers.

Whatever the source, an answer never holds the product itself, anything in `exclude_ids` (the
cart), a sold-out product (stock 0) or an inactive one; it is a list of product ids, best first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import text

if TYPE_CHECKING:
    from kiosk.db.engine import Database

RECENT_ORDERS = 5000  # the local counts read at most this many of the newest paid orders
_PAID = "o.paid_at IS NOT NULL AND o.state IN ('PAID', 'SYNCED', 'PAID_ORPHAN')"  # as the order desk counts
_SHOWABLE = "p.active AND p.stock > 0"


class Recommender:
    def __init__(self, db: Database, timezone: ZoneInfo | str = "Asia/Shanghai", *,
                 recent_orders: int = RECENT_ORDERS) -> None:
        self.db = db
        self.tz = timezone if isinstance(timezone, ZoneInfo) else ZoneInfo(timezone)
        self.recent_orders = recent_orders

    def together(self, product_id: int, exclude_ids: Collection[int] = (), limit: int = 6) -> list[int]:
        """Products most often bought with `product_id`: the store's list, else the kiosk's own."""
        if limit <= 0:
            return []
        skip = set(exclude_ids) | {product_id}
        with self.db.read() as s:
            ranked = [int(r[0]) for r in s.execute(text(
                "SELECT t.other_id FROM together t JOIN products p ON p.id = t.other_id "
                f"WHERE t.product_id = :p AND {_SHOWABLE} ORDER BY t.rank"), {"p": product_id})]
            picked = [i for i in ranked if i not in skip][:limit]
            if picked:
                return picked
            # nothing from the store for this product: co-purchases in this kiosk's recent orders
            rows = s.execute(text(
                f"WITH recent AS (SELECT o.id FROM orders o WHERE {_PAID} ORDER BY o.paid_at DESC LIMIT :n), "
                "mine AS (SELECT DISTINCT l.order_id FROM order_lines l JOIN recent r ON r.id = l.order_id "
                "WHERE l.product_id = :p) "
                "SELECT l.product_id, count(DISTINCT l.order_id) AS c FROM order_lines l "
                "JOIN mine m ON m.order_id = l.order_id JOIN products p ON p.id = l.product_id "
                f"WHERE l.product_id != :p AND {_SHOWABLE} GROUP BY l.product_id "
                "ORDER BY c DESC, l.product_id"), {"p": product_id, "n": self.recent_orders})
            return [int(r[0]) for r in rows if int(r[0]) not in skip][:limit]

    def popular_at_hour(self, hour: int, exclude_ids: Collection[int] = (), limit: int = 12,
                        *, now: dt.datetime | None = None) -> list[int]:
        """What sold most in this hour of the day (store time) in the kiosk's recent orders, topped
        up with the best sellers; nothing when nothing sold in this hour (home's "popular now" row
        already shows the best sellers). Paid times are UTC; the store's offset today converts them."""
        if limit <= 0:
            return []
        skip = set(exclude_ids)
        offset = (now or dt.datetime.now(dt.UTC)).astimezone(self.tz).utcoffset() or dt.timedelta()
        minutes = int(offset.total_seconds() // 60)
        with self.db.read() as s:
            rows = s.execute(text(
                f"WITH recent AS (SELECT o.id, o.paid_at FROM orders o WHERE {_PAID} "
                "ORDER BY o.paid_at DESC LIMIT :n) "
                "SELECT l.product_id, sum(l.quantity) AS q FROM recent r "
                "JOIN order_lines l ON l.order_id = r.id "
                f"JOIN products p ON p.id = l.product_id WHERE {_SHOWABLE} "
                "AND CAST(strftime('%H', r.paid_at, :shift) AS INTEGER) = :h "
                "GROUP BY l.product_id ORDER BY q DESC, l.product_id"),
                {"n": self.recent_orders, "shift": f"{minutes:+d} minutes", "h": int(hour) % 24})
            picked = [int(r[0]) for r in rows if int(r[0]) not in skip][:limit]
            if picked and len(picked) < limit:
                have = skip | set(picked)
                best = s.execute(text(
                    f"SELECT p.id FROM products p WHERE {_SHOWABLE} ORDER BY p.popularity DESC, p.id "
                    "LIMIT :n"), {"n": limit + len(have)})
                picked += [i for i in (int(r[0]) for r in best) if i not in have][: limit - len(picked)]
        return picked

    def current_hour(self, now: dt.datetime | None = None) -> int:
        return (now or dt.datetime.now(dt.UTC)).astimezone(self.tz).hour
