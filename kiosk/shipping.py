"""Estimated delivery in business days: "ships in 1–3 business days, arrives by <date>".

Weekends and configured public holidays are skipped; configured make-up working days (China's 调休
Saturdays and Sundays) count as business days. An order placed after the cutoff hour, or on a day off,
starts its count on the next business day. The result is data: the UI picks the translated sentence
from `message` and formats the dates itself.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from kiosk.db.models import ShipProfile

# a calendar that never yields a business day is a configuration error, not an endless loop
_MAX_SCAN_DAYS = 3 * 366


class EstimateMessage(enum.StrEnum):
    """Which sentence the UI shows; the numbers and dates come from the estimate's fields."""

    SHIPS_TODAY = "ships_today"  # 0–0 days: dispatched on the day processing starts
    SHIPS_IN_DAYS = "ships_in_days"  # min == max: "ships in N business days"
    SHIPS_IN_RANGE = "ships_in_range"  # "ships in min–max business days"


def _parse_days(values: Iterable[str], what: str) -> frozenset[dt.date]:
    days: set[dt.date] = set()
    for raw in values:
        first, sep, last = raw.strip().partition("..")
        try:
            start = dt.date.fromisoformat(first.strip())
            end = dt.date.fromisoformat(last.strip()) if sep else start
        except ValueError:
            raise ValueError(f"{what}: {raw!r} is not YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD") from None
        if end < start:
            raise ValueError(f"{what}: range {raw!r} ends before it starts")
        days.update(start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return frozenset(days)


@dataclass(frozen=True)
class BusinessCalendar:
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()  # make-up working days that fall on a weekend

    def __post_init__(self) -> None:
        both = self.holidays & self.workdays
        if both:
            raise ValueError(f"dates both holiday and make-up working day: {sorted(both)}")

    @classmethod
    def from_iso(cls, holidays: Iterable[str], workdays: Iterable[str] = ()) -> BusinessCalendar:
        """From config text: "2024-10-01" single days or "2024-10-01..2024-10-07" inclusive ranges."""
        return cls(_parse_days(holidays, "holidays"), _parse_days(workdays, "workdays"))

    def is_business_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day strictly after `day`."""
        for offset in range(1, _MAX_SCAN_DAYS + 1):
            candidate = day + dt.timedelta(days=offset)
            if self.is_business_day(candidate):
                return candidate
        raise ValueError(f"no business day within {_MAX_SCAN_DAYS} days after {day}")

    def add_business_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th business day after `day` (`day` itself not counted; 0 gives `day`)."""
        if count < 0:
            raise ValueError(f"count must be >= 0, got {count}")
        for _ in range(count):
            day = self.next_business_day(day)
        return day


@dataclass(frozen=True)
class ShippingRules:
    cutoff_hour: int = 16  # orders at or after this local hour start counting the next business day
    transit_days: int = 2  # business days from dispatch to the shopper's door
    calendar: BusinessCalendar = field(default_factory=BusinessCalendar)

    def __post_init__(self) -> None:
        if not 0 <= self.cutoff_hour <= 24:
            raise ValueError(f"cutoff_hour must be 0..24 (24: no cutoff), got {self.cutoff_hour}")
        if self.transit_days < 0:
            raise ValueError(f"transit_days must be >= 0, got {self.transit_days}")


@dataclass(frozen=True)
class DeliveryEstimate:
    profile: ShipProfile
    min_days: int
    max_days: int
    transit_days: int
    after_cutoff: bool  # the order missed today's processing (late, or placed on a day off)
    processing_starts: dt.date  # the business day the count starts from
    ship_from: dt.date  # earliest dispatch
    ship_by: dt.date  # latest dispatch
    arrive_by: dt.date

    @property
    def message(self) -> EstimateMessage:
        if self.max_days == 0:
            return EstimateMessage.SHIPS_TODAY
        if self.min_days == self.max_days:
            return EstimateMessage.SHIPS_IN_DAYS
        return EstimateMessage.SHIPS_IN_RANGE

    @property
    def ship_window(self) -> tuple[dt.date, dt.date]:
        return self.ship_from, self.ship_by


def estimate_delivery(
    profile: ShipProfile,
    min_days: int,
    max_days: int,
    ordered_at: dt.datetime,
    rules: ShippingRules | None = None,
    *,
    transit_days: int | None = None,
) -> DeliveryEstimate:
    """Dispatch window and latest arrival for an order placed at `ordered_at` (kiosk local time).

    `min_days`/`max_days` are the product's business days from processing start to dispatch (its
    ship profile's own range for preorder and made-to-order); `transit_days` overrides the rules'.
    """
    rules = rules or ShippingRules()
    transit = rules.transit_days if transit_days is None else transit_days
    if min_days < 0 or max_days < min_days:
        raise ValueError(f"need 0 <= min_days <= max_days, got {min_days}..{max_days}")
    if transit < 0:
        raise ValueError(f"transit_days must be >= 0, got {transit}")
    cal = rules.calendar
    day = ordered_at.date()
    in_time = cal.is_business_day(day) and ordered_at.hour < rules.cutoff_hour
    start = day if in_time else cal.next_business_day(day)
    ship_from = cal.add_business_days(start, min_days)
    ship_by = cal.add_business_days(ship_from, max_days - min_days)
    return DeliveryEstimate(
        profile=ShipProfile(profile),
        min_days=min_days,
        max_days=max_days,
        transit_days=transit,
        after_cutoff=not in_time,
        processing_starts=start,
        ship_from=ship_from,
        ship_by=ship_by,
        arrive_by=cal.add_business_days(ship_by, transit),
    )


class ShipsLikeAProduct(Protocol):
    """What the estimate needs from a product (a `kiosk.db.models.Product` fits)."""

    @property
    def ship_profile(self) -> ShipProfile: ...
    @property
    def ship_min_days(self) -> int: ...
    @property
    def ship_max_days(self) -> int: ...


def estimate_for_product(
    product: ShipsLikeAProduct, ordered_at: dt.datetime, rules: ShippingRules | None = None
) -> DeliveryEstimate:
    return estimate_delivery(product.ship_profile, product.ship_min_days, product.ship_max_days,
                             ordered_at, rules)
