""""Often bought together", computed by the store over every kiosk's paid orders.

For each product: the products that share the most paid orders with it (the top `top_n`, ties by
SKU), over the orders paid in the last `days` days. Returned, refunded and unconfirmed orders are not
purchases and do not count. Kiosks pull the lists with the catalog (`GET /v1/catalog/together`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudstore.analytics import NOT_SALES, UNCONFIRMED_FLAG
from cloudstore.models import Product, StoreOrder, utcnow
from kiosk.sync.protocol import CatalogTogether, TogetherEntry, check_together

TOP_N = 8
WINDOW_DAYS = 180
MAX_BASKET = 60  # a bulk order's pairs grow with its square; beyond this many SKUs it adds nothing


def co_purchases(session: Session, *, days: int = WINDOW_DAYS,
                 now: dt.datetime | None = None) -> dict[str, Counter[str]]:
    """sku -> Counter(other sku -> paid orders holding both)."""
    since = (now or utcnow()) - dt.timedelta(days=days)
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    stmt = (select(StoreOrder.payload, StoreOrder.status, StoreOrder.audit_flags)
            .where(StoreOrder.paid_at >= since))
    for payload, status, flags in session.execute(stmt.execution_options(yield_per=500)):
        if status in NOT_SALES or UNCONFIRMED_FLAG in flags:
            continue
        skus = sorted({str(line["sku"]) for line in payload.get("lines") or ()})
        if len(skus) > MAX_BASKET:
            continue
        for a in skus:
            for b in skus:
                if a != b:
                    pairs[a][b] += 1
    return pairs


def together(session: Session, *, top_n: int = TOP_N, days: int = WINDOW_DAYS,
             now: dt.datetime | None = None) -> CatalogTogether:
    """The lists the kiosks pull: only products still in the catalog (not removed), checked with the
    same rules the kiosk applies."""
    live = set(session.scalars(select(Product.sku).where(Product.deleted.is_(False))))
    lists: dict[str, list[TogetherEntry]] = {}
    for sku, counts in sorted(co_purchases(session, days=days, now=now).items()):
        if sku not in live:
            continue
        best = sorted(((n, other) for other, n in counts.items() if other in live),
                      key=lambda t: (-t[0], t[1]))
        if best:
            lists[sku] = [{"sku": other, "orders": n} for n, other in best[:top_n]]
    return check_together({"top_n": top_n, "together": lists})
