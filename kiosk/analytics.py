"""The merchant's figures over a period of store days, read from this kiosk's database.

What counts as a sale: an order in PAID (paid here, not yet at the store), SYNCED (paid and delivered to
the store) or PAID_ORPHAN (paid after the shopper had gone: the money was taken and the goods are owed,
so it is a sale like any other). Never PENDING_PAYMENT, PAYMENT_FAILED or CANCELLED (nothing was paid),
nor PAYMENT_UNKNOWN: the kiosk never guesses a payment, and the order counts once reconciliation settles
it paid. A sale belongs to the store day and hour it was paid (`paid_at`, in `identity.timezone`).
Returns and refunds are the store's business: the figures are what was bought at this kiosk.

Sales are order totals (goods plus the delivery fee, what shoppers paid), in integer minor units.
Categories and products count the goods only (order line totals: the fee belongs to no category).
Average order value is `sales // orders` (floored to the minor unit; 0 without orders).

Repeat shoppers: orders keep `shopper_hash` = hex HMAC-SHA256(salt, normalised phone) when a phone was
given (`shopper_hash` below; the salt is a secret file beside the database). The number is never
stored in it, and the hash stays after the contact details are purged. A repeat shopper has two paid
orders or more in the period; their share is of the shoppers who gave a phone.

The funnel is kiosk.session_events' (sessions that began in the period). CSV export writes each table
as UTF-8 with a BOM (so Excel opens Chinese correctly), the period in each file's name.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import os
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.money import Money, format_money
from kiosk.session_events import funnel_counts, store_day, utc_bounds
from kiosk.sync.protocol import FUNNEL_STEPS

if TYPE_CHECKING:
    from kiosk.db.engine import Database

SALE_STATES = ("PAID", "SYNCED", "PAID_ORPHAN")  # kiosk.db.models.OrderState values: see above
TOP_PRODUCTS = 10
_NOT_DIGITS = re.compile(r"\D")
NO_CATEGORY = {"zh_CN": "未分类", "en_US": "Uncategorised"}  # a line whose product left the catalog


def normalised_phone(phone: str) -> str:
    """Digits only; a mobile number with a country prefix (+86 138…) is its last 11 digits, so the
    same shopper typing it either way is the same shopper."""
    digits = _NOT_DIGITS.sub("", phone)
    return digits[-11:] if len(digits) >= 11 else digits


def shopper_hash(salt: bytes, phone: str) -> str:
    """Hex HMAC-SHA256(salt, normalised phone); "" without a phone (or without a salt: no hash)."""
    number = normalised_phone(phone)
    if not number or not salt:
        return ""
    return hmac.new(salt, number.encode("ascii"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Period:
    """Store days [start, end): end is the day after the last one."""

    start: dt.date
    end: dt.date

    @classmethod
    def last_days(cls, days: int, today: dt.date) -> Period:
        return cls(today - dt.timedelta(days=days - 1), today + dt.timedelta(days=1))

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days)]

    @property
    def label(self) -> str:
        """For file names: 2026-12-01_2026-12-07 (both days included)."""
        return f"{self.start.isoformat()}_{(self.end - dt.timedelta(days=1)).isoformat()}"


@dataclass(frozen=True)
class CategorySales:
    name: str
    quantity: int
    revenue_minor: int


@dataclass(frozen=True)
class ProductSales:
    sku: str
    name: str
    quantity: int
    revenue_minor: int


@dataclass(frozen=True)
class Report:
    period: Period
    currency: str
    language: str
    sales_minor: int = 0
    orders: int = 0
    by_hour: list[int] = field(default_factory=lambda: [0] * 24)  # sales per hour of the store's day
    orders_by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    by_day: list[tuple[dt.date, int, int]] = field(default_factory=list)  # (day, sales, orders)
    by_category: list[CategorySales] = field(default_factory=list)  # highest revenue first
    top_products: list[ProductSales] = field(default_factory=list)  # most sold first
    shoppers: int = 0  # distinct shopper hashes (orders that gave a phone)
    repeat_shoppers: int = 0  # of those, with two paid orders or more in the period
    funnel: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FUNNEL_STEPS, 0))

    @property
    def aov_minor(self) -> int:
        return self.sales_minor // self.orders if self.orders else 0

    @property
    def repeat_share(self) -> float:
        return self.repeat_shoppers / self.shoppers if self.shoppers else 0.0

    def money(self, minor: int) -> str:
        return format_money(Money(minor, self.currency), self.language)


def build_report(db: Database, period: Period, tz: dt.tzinfo, *, currency: str = "CNY",
                 language: str = "zh_CN", top: int = TOP_PRODUCTS) -> Report:
    """Every figure of the period (reads only; run it beside the GUI thread)."""
    from sqlalchemy import func, select

    from kiosk.db.models import Category, Order, OrderLine, Product

    start, end = utc_bounds(period.start, tz)[0], utc_bounds(period.end - dt.timedelta(days=1), tz)[1]
    sold_at = func.coalesce(Order.paid_at, Order.created_at)
    in_period = (Order.state.in_(SALE_STATES), Order.currency == currency, sold_at >= start, sold_at < end)
    by_hour, orders_by_hour = [0] * 24, [0] * 24
    day_sales: dict[dt.date, list[int]] = {day: [0, 0] for day in period.days}
    hashes: Counter[str] = Counter()
    sales = count = 0
    zh = language == "zh_CN"
    with db.read() as session:
        sold = (select(Order.total_minor, Order.paid_at, Order.created_at, Order.shopper_hash)
                .where(*in_period))
        for total, paid_at, created_at, hashed in session.execute(sold):
            moment = (paid_at or created_at).replace(tzinfo=dt.UTC).astimezone(tz)
            sales += total
            count += 1
            by_hour[moment.hour] += total
            orders_by_hour[moment.hour] += 1
            entry = day_sales.setdefault(moment.date(), [0, 0])
            entry[0] += total
            entry[1] += 1
            if hashed:
                hashes[hashed] += 1
        lines = session.execute(
            select(OrderLine.sku, OrderLine.name_zh, OrderLine.name_en, OrderLine.quantity,
                   OrderLine.line_total_minor, Category.id, Category.name_zh, Category.name_en)
            .join(Order, OrderLine.order_id == Order.id)
            .outerjoin(Product, OrderLine.product_id == Product.id)
            .outerjoin(Category, Product.category_id == Category.id)
            .where(*in_period)).all()
    categories: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    category_names: dict[int | None, str] = {None: NO_CATEGORY.get(language, NO_CATEGORY["en_US"])}
    products: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    product_names: dict[str, str] = {}
    for sku, name_zh, name_en, quantity, line_total, cat_id, cat_zh, cat_en in lines:
        categories[cat_id][0] += quantity
        categories[cat_id][1] += line_total
        if cat_id is not None:
            category_names[cat_id] = (cat_zh if zh else cat_en) or cat_zh or cat_en
        products[sku][0] += quantity
        products[sku][1] += line_total
        product_names.setdefault(sku, (name_zh if zh else name_en) or name_zh or name_en)
    by_category = sorted((CategorySales(category_names[c], q, r) for c, (q, r) in categories.items()),
                         key=lambda row: (-row.revenue_minor, row.name))
    top_products = sorted((ProductSales(s, product_names[s], q, r) for s, (q, r) in products.items()),
                          key=lambda row: (-row.quantity, -row.revenue_minor, row.sku))[:top]
    return Report(
        period=period, currency=currency, language=language, sales_minor=sales, orders=count,
        by_hour=by_hour, orders_by_hour=orders_by_hour,
        by_day=[(day, s, n) for day, (s, n) in sorted(day_sales.items()) if period.start <= day < period.end],
        by_category=by_category, top_products=top_products,
        shoppers=len(hashes), repeat_shoppers=sum(1 for n in hashes.values() if n >= 2),
        funnel=funnel_counts(db, start, end))


def today(tz: dt.tzinfo) -> dt.date:
    return store_day(dt.datetime.now(dt.UTC).replace(tzinfo=None), tz)


# --- CSV -------------------------------------------------------------------------------------------


def _amount(report: Report, minor: int) -> str:
    """Major units, exact ("12.50"): a number Excel sums, without a currency sign."""
    return str(Money(minor, report.currency).decimal)


def csv_tables(report: Report) -> dict[str, list[list[str]]]:
    """Each table as rows (header first), by file stem."""
    cur = report.currency
    return {
        "summary": [
            ["figure", "value"],
            ["period_start", report.period.start.isoformat()],
            ["period_end", (report.period.end - dt.timedelta(days=1)).isoformat()],
            [f"sales_{cur}", _amount(report, report.sales_minor)],
            ["orders", str(report.orders)],
            [f"average_order_value_{cur}", _amount(report, report.aov_minor)],
            ["shoppers_with_phone", str(report.shoppers)],
            ["repeat_shoppers", str(report.repeat_shoppers)],
            ["repeat_share", f"{report.repeat_share:.4f}"],
        ],
        "sales_by_hour": [["hour", "orders", f"sales_{cur}"]] + [
            [f"{h:02d}:00", str(report.orders_by_hour[h]), _amount(report, report.by_hour[h])]
            for h in range(24)],
        "sales_by_day": [["day", "orders", f"sales_{cur}"]] + [
            [day.isoformat(), str(n), _amount(report, s)] for day, s, n in report.by_day],
        "sales_by_category": [["category", "quantity", f"revenue_{cur}"]] + [
            [row.name, str(row.quantity), _amount(report, row.revenue_minor)] for row in report.by_category],
        "top_products": [["rank", "sku", "product", "quantity", f"revenue_{cur}"]] + [
            [str(i), row.sku, row.name, str(row.quantity), _amount(report, row.revenue_minor)]
            for i, row in enumerate(report.top_products, 1)],
        "funnel": [["step", "sessions"]] + [[step, str(report.funnel[step])] for step in FUNNEL_STEPS],
    }


def export_csv(report: Report, folder: Path, device_name: str = "") -> list[Path]:
    """Write every table to `folder` (a USB stick, or the kiosk's exports folder): one file per table,
    named with the device and the period, each written whole before it takes its name. Raises OSError."""
    prefix = f"{device_name}-" if device_name else ""
    written: list[Path] = []
    for stem, rows in csv_tables(report).items():
        path = folder / f"{prefix}{stem}_{report.period.label}.csv"
        partial = path.with_name(path.name + ".part")
        with partial.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
        written.append(path)
    return written


def read_csv(path: Path) -> Sequence[list[str]]:
    """A table as written (for checks and the tests)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))
