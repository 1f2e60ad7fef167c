"""Fleet figures for the merchant: what sold, when, to how many returning shoppers, and the funnel.

A period is [start, end) in store days (the store's time zone, `Settings.timezone`), over every kiosk
or one. Times are each order's `paid_at` (the kiosk's payment time, kept at ingest), so an order pushed
late by a kiosk that was offline still counts on the day and hour it was paid.

What counts as a sale: every order a kiosk pushed says it was paid (`order.paid`), and the store counts
it unless
- its money went back: status RETURNED or REFUNDED (a RETURN_REQUESTED one still counts until the
  merchant accepts the return), or
- the store holds no PAID payment matching it (a `payment:` audit flag, also raised as an alert):
  the money is not known to be there, so it is shown apart as "unconfirmed", not summed.
Other audit flags (a price or a total that disagrees) keep the order counted at what the shopper paid.

Money is integer minor units: revenue and the order average use `total_minor` (what was paid,
delivery included); categories and products use the lines' `line_total_minor` (goods only). Repeat
shoppers are distinct salted phone hashes (`cloudstore.shoppers`) with two or more counted orders in the
period; orders without a phone are not shoppers anyone can recognise and stay out of that figure.

The aggregation walks the period's orders once in Python (the same code on SQLite and PostgreSQL,
time zones included); the funnel is summed by the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cloudstore.models import Category, FunnelCount, Product, StoreOrder
from cloudstore.shoppers import PENDING
from kiosk.sync.protocol import FUNNEL_STEPS, FulfilmentStatus

NOT_SALES = frozenset({FulfilmentStatus.RETURNED.value, FulfilmentStatus.REFUNDED.value})
UNCONFIRMED_FLAG = "payment:"
PERIODS = {"today": 1, "7": 7, "30": 30}  # the admin page's choices: store days ending today
TOP_PRODUCTS = 10
UNCATEGORISED = ""


@dataclass(frozen=True)
class Period:
    start: dt.date  # first store day, included
    end: dt.date  # first store day after the period
    timezone: str

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days)]

    def utc_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as naive UTC [from, to): local midnights, whatever their offset that day."""
        tz = ZoneInfo(self.timezone)

        def at(day: dt.date) -> dt.datetime:
            return dt.datetime.combine(day, dt.time(), tz).astimezone(dt.UTC).replace(tzinfo=None)

        return at(self.start), at(self.end)


def store_today(timezone: str, now: dt.datetime | None = None) -> dt.date:
    """Today in the store's time zone; `now` is naive UTC (the store's clock when omitted)."""
    moment = dt.datetime.now(dt.UTC) if now is None else now.replace(tzinfo=dt.UTC)
    return moment.astimezone(ZoneInfo(timezone)).date()


def period_ending_today(choice: str, timezone: str, now: dt.datetime | None = None) -> Period:
    """The admin page's period: "today", "7" or "30" store days up to and including today."""
    days = PERIODS.get(choice, PERIODS["7"])
    today = store_today(timezone, now)
    return Period(today - dt.timedelta(days=days - 1), today + dt.timedelta(days=1), timezone)


@dataclass
class DaySales:
    day: dt.date
    orders: int = 0
    revenue_minor: int = 0


@dataclass
class CategorySales:
    code: str
    name_zh: str
    name_en: str
    quantity: int = 0
    revenue_minor: int = 0


@dataclass
class ProductSales:
    sku: str
    name_zh: str
    name_en: str
    category: str
    quantity: int = 0
    revenue_minor: int = 0


@dataclass
class Report:
    period: Period
    device_id: str  # "" for the whole fleet
    currency: str = "CNY"
    order_count: int = 0
    revenue_minor: int = 0
    goods_minor: int = 0  # the lines' sum: what categories and products add up to
    unconfirmed_orders: int = 0  # said paid, but no matching PAID payment at the store: not counted
    unconfirmed_minor: int = 0
    returned_orders: int = 0  # RETURNED or REFUNDED: not counted
    orders_by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    revenue_by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    by_day: list[DaySales] = field(default_factory=list)
    by_category: list[CategorySales] = field(default_factory=list)  # revenue, highest first
    top_products: list[ProductSales] = field(default_factory=list)  # revenue, highest first
    shoppers: int = 0  # distinct phone hashes among the counted orders
    repeat_shoppers: int = 0  # of those, with two or more counted orders
    funnel: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FUNNEL_STEPS, 0))

    @property
    def average_order_minor(self) -> int:
        """Revenue per order, rounded half up to a whole minor unit (0 without orders)."""
        n = self.order_count
        return (2 * self.revenue_minor + n) // (2 * n) if n else 0

    @property
    def repeat_share(self) -> float:
        return self.repeat_shoppers / self.shoppers if self.shoppers else 0.0


def report(session: Session, period: Period, device_id: str = "", *, top: int = TOP_PRODUCTS) -> Report:
    """The figures of one period over the fleet, or over one kiosk when `device_id` is given."""
    rep = Report(period, device_id)
    tz = ZoneInfo(period.timezone)
    start, end = period.utc_bounds()
    days = {day: DaySales(day) for day in period.days}
    products: dict[str, ProductSales] = {}
    shoppers: Counter[str] = Counter()
    currencies: Counter[str] = Counter()
    stmt = (select(StoreOrder.paid_at, StoreOrder.total_minor, StoreOrder.currency, StoreOrder.status,
                   StoreOrder.audit_flags, StoreOrder.shopper_hash, StoreOrder.payload)
            .where(StoreOrder.paid_at >= start, StoreOrder.paid_at < end)
            .order_by(StoreOrder.paid_at, StoreOrder.id))
    if device_id:
        stmt = stmt.where(StoreOrder.device_id == device_id)
    for paid_at, total, currency, status, flags, shopper, payload in session.execute(
            stmt.execution_options(yield_per=500)):
        if status in NOT_SALES:
            rep.returned_orders += 1
            continue
        if UNCONFIRMED_FLAG in flags:
            rep.unconfirmed_orders += 1
            rep.unconfirmed_minor += total
            continue
        local = paid_at.replace(tzinfo=dt.UTC).astimezone(tz)
        rep.order_count += 1
        rep.revenue_minor += total
        currencies[currency] += 1
        rep.orders_by_hour[local.hour] += 1
        rep.revenue_by_hour[local.hour] += total
        day = days.get(local.date())
        if day is not None:  # always, but for a zone whose rules changed between the two computations
            day.orders += 1
            day.revenue_minor += total
        if shopper and shopper != PENDING:
            shoppers[shopper] += 1
        for line in payload.get("lines") or ():
            sku = str(line["sku"])
            item = products.get(sku)
            if item is None:
                item = products[sku] = ProductSales(sku, "", "", UNCATEGORISED)
            # the name it was last sold under
            item.name_zh, item.name_en = str(line.get("name_zh", "")), str(line.get("name_en", ""))
            item.quantity += int(line["quantity"])
            item.revenue_minor += int(line["line_total_minor"])
            rep.goods_minor += int(line["line_total_minor"])
    if currencies:
        rep.currency = currencies.most_common(1)[0][0]
    rep.by_day = list(days.values())
    rep.shoppers = len(shoppers)
    rep.repeat_shoppers = sum(1 for n in shoppers.values() if n >= 2)
    rep.by_category = _categories(session, products)
    ranked = sorted(products.values(), key=lambda p: (-p.revenue_minor, -p.quantity, p.sku))
    rep.top_products = ranked[:top]
    rep.funnel = funnel(session, period, device_id)
    return rep


def _categories(session: Session, products: dict[str, ProductSales]) -> list[CategorySales]:
    """Sales per category: each product's category as the catalog has it now."""
    if not products:
        return []
    skus = sorted(products)
    codes: dict[str, str] = {}
    for start in range(0, len(skus), 500):
        codes.update(session.execute(select(Product.sku, Product.category_code)
                                     .where(Product.sku.in_(skus[start:start + 500]))).all())
    names = {code: (zh, en) for code, zh, en in session.execute(
        select(Category.code, Category.name_zh, Category.name_en))}
    sales: dict[str, CategorySales] = {}
    for sku, item in products.items():
        code = codes.get(sku, UNCATEGORISED)
        item.category = code
        if code not in sales:
            zh, en = names.get(code, ("未分类", "Uncategorised") if not code else (code, code))
            sales[code] = CategorySales(code, zh, en)
        sales[code].quantity += item.quantity
        sales[code].revenue_minor += item.revenue_minor
    return sorted(sales.values(), key=lambda c: (-c.revenue_minor, -c.quantity, c.code))


def funnel(session: Session, period: Period, device_id: str = "") -> dict[str, int]:
    """Sessions per funnel step over the period's store days, summed over the kiosks (or one)."""
    stmt = (select(FunnelCount.step, func.sum(FunnelCount.sessions))
            .where(FunnelCount.day >= period.start.isoformat(), FunnelCount.day < period.end.isoformat())
            .group_by(FunnelCount.step))
    if device_id:
        stmt = stmt.where(FunnelCount.device_id == device_id)
    counts = dict.fromkeys(FUNNEL_STEPS, 0)
    for step, total in session.execute(stmt):
        if step in counts:
            counts[step] = int(total or 0)
    return counts


# --- CSV -------------------------------------------------------------------------------------------------


def decimal_money(minor: int) -> str:
    """Minor units as a plain decimal for spreadsheets: 1234 → 12.34 (no symbol, no separators)."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole}.{cents:02d}"


def _cell(text: str) -> str:
    """Text from data as a spreadsheet shows it, never as a formula it would run (=, +, -, @)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_csv(rep: Report) -> bytes:
    """The report as one CSV file, UTF-8 with a BOM (so a spreadsheet reads the Chinese right): blocks
    of rows, each with a header row, separated by an empty row. Money in major units (12.34)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    money = decimal_money
    w.writerow(["period", "from", "to (excluded)", "kiosk", "time zone", "currency"])
    w.writerow(["", rep.period.start.isoformat(), rep.period.end.isoformat(), _cell(rep.device_id or "all"),
                rep.period.timezone, rep.currency])
    w.writerow([])
    w.writerow(["summary", "orders", "revenue", "average order", "goods", "shoppers with phone",
                "repeat shoppers", "repeat share", "unconfirmed orders", "unconfirmed amount",
                "returned orders"])
    w.writerow(["", rep.order_count, money(rep.revenue_minor), money(rep.average_order_minor),
                money(rep.goods_minor), rep.shoppers, rep.repeat_shoppers, f"{rep.repeat_share:.4f}",
                rep.unconfirmed_orders, money(rep.unconfirmed_minor), rep.returned_orders])
    w.writerow([])
    w.writerow(["by day", "day", "orders", "revenue"])
    for d in rep.by_day:
        w.writerow(["", d.day.isoformat(), d.orders, money(d.revenue_minor)])
    w.writerow([])
    w.writerow(["by hour", "hour", "orders", "revenue"])
    for hour in range(24):
        w.writerow(["", f"{hour:02d}:00", rep.orders_by_hour[hour], money(rep.revenue_by_hour[hour])])
    w.writerow([])
    w.writerow(["by category", "category", "name zh", "name en", "quantity", "revenue"])
    for c in rep.by_category:
        w.writerow(["", _cell(c.code), _cell(c.name_zh), _cell(c.name_en), c.quantity,
                    money(c.revenue_minor)])
    w.writerow([])
    w.writerow(["top products", "sku", "name zh", "name en", "category", "quantity", "revenue"])
    for p in rep.top_products:
        w.writerow(["", _cell(p.sku), _cell(p.name_zh), _cell(p.name_en), _cell(p.category), p.quantity,
                    money(p.revenue_minor)])
    w.writerow([])
    w.writerow(["funnel", "step", "sessions"])
    for step in FUNNEL_STEPS:
        w.writerow(["", step, rep.funnel[step]])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
