"""Delivery estimates in business days: weekends, holidays, make-up days (调休) and the cutoff hour."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.db.models import ShipProfile
from kiosk.shipping import (
    BusinessCalendar,
    EstimateMessage,
    ShippingRules,
    estimate_delivery,
    estimate_for_product,
)

D = dt.date
T = dt.datetime

# 2024 National Day: Oct 1–7 off, Sunday Sep 29 and Saturday Oct 12 are make-up working days
GUOQING_2024 = BusinessCalendar.from_iso(["2024-10-01..2024-10-07"], ["2024-09-29", "2024-10-12"])
RULES = ShippingRules(cutoff_hour=16, transit_days=2, calendar=GUOQING_2024)


def test_calendar_knows_guoqing() -> None:
    cal = GUOQING_2024
    assert cal.is_business_day(D(2024, 9, 29))  # Sunday, make-up day
    assert not cal.is_business_day(D(2024, 9, 28))  # ordinary Saturday
    assert not any(cal.is_business_day(D(2024, 10, d)) for d in range(1, 8))
    assert cal.is_business_day(D(2024, 10, 8))
    assert cal.is_business_day(D(2024, 10, 12))  # Saturday, make-up day
    assert cal.next_business_day(D(2024, 9, 30)) == D(2024, 10, 8)
    assert cal.add_business_days(D(2024, 9, 30), 0) == D(2024, 9, 30)


def test_order_before_guoqing_waits_out_the_holiday() -> None:
    est = estimate_delivery(ShipProfile.IN_STOCK, 1, 3, T(2024, 9, 30, 10, 0), RULES)
    assert not est.after_cutoff
    assert est.processing_starts == D(2024, 9, 30)
    assert est.ship_window == (D(2024, 10, 8), D(2024, 10, 10))
    # Fri Oct 11, then the make-up Saturday Oct 12
    assert est.arrive_by == D(2024, 10, 12)
    assert est.message is EstimateMessage.SHIPS_IN_RANGE


def test_order_during_guoqing_starts_after_it() -> None:
    est = estimate_delivery(ShipProfile.IN_STOCK, 1, 3, T(2024, 10, 3, 9, 0), RULES)
    assert est.after_cutoff
    assert est.processing_starts == D(2024, 10, 8)
    assert est.ship_window == (D(2024, 10, 9), D(2024, 10, 11))
    assert est.arrive_by == D(2024, 10, 14)  # Sat 12 counts, Sun 13 does not


def test_saturday_order_starts_on_the_make_up_sunday() -> None:
    est = estimate_delivery(ShipProfile.IN_STOCK, 1, 3, T(2024, 9, 28, 11, 0), RULES)
    assert est.processing_starts == D(2024, 9, 29)
    assert est.ship_window == (D(2024, 9, 30), D(2024, 10, 9))
    assert est.arrive_by == D(2024, 10, 11)


def test_after_cutoff_on_friday_counts_from_the_make_up_sunday() -> None:
    est = estimate_delivery(ShipProfile.IN_STOCK, 1, 3, T(2024, 9, 27, 16, 0), RULES)
    assert est.after_cutoff
    assert est.processing_starts == D(2024, 9, 29)


@pytest.mark.parametrize(
    ("ordered_at", "window", "arrive_by"),
    [
        (T(2024, 11, 1, 15, 59), (D(2024, 11, 4), D(2024, 11, 6)), D(2024, 11, 8)),  # Friday, in time
        (T(2024, 11, 1, 16, 0), (D(2024, 11, 5), D(2024, 11, 7)), D(2024, 11, 11)),  # Friday, too late
        (T(2024, 11, 2, 9, 0), (D(2024, 11, 5), D(2024, 11, 7)), D(2024, 11, 11)),  # Saturday
        (T(2024, 11, 3, 23, 59), (D(2024, 11, 5), D(2024, 11, 7)), D(2024, 11, 11)),  # Sunday
    ],
)
def test_weekends(ordered_at: dt.datetime, window: tuple[dt.date, dt.date], arrive_by: dt.date) -> None:
    est = estimate_delivery(ShipProfile.IN_STOCK, 1, 3, ordered_at, RULES)
    assert est.ship_window == window
    assert est.arrive_by == arrive_by


def test_same_day_dispatch_and_messages() -> None:
    today = estimate_delivery(ShipProfile.IN_STOCK, 0, 0, T(2024, 11, 4, 9, 0), RULES, transit_days=0)
    assert today.message is EstimateMessage.SHIPS_TODAY
    assert today.ship_window == (D(2024, 11, 4), D(2024, 11, 4)) and today.arrive_by == D(2024, 11, 4)
    fixed = estimate_delivery(ShipProfile.MADE_TO_ORDER, 5, 5, T(2024, 11, 4, 9, 0), RULES)
    assert fixed.message is EstimateMessage.SHIPS_IN_DAYS
    assert fixed.ship_window == (D(2024, 11, 11), D(2024, 11, 11))


def test_preorder_range_spans_guoqing() -> None:
    est = estimate_delivery(ShipProfile.PREORDER, 10, 15, T(2024, 9, 20, 12, 0), RULES)
    assert est.profile is ShipProfile.PREORDER
    # business days after Fri Sep 20: 23 24 25 26 27 29(make-up) 30 | Oct 8 9 10 (10th) 11 12 14 15 16
    assert est.ship_window == (D(2024, 10, 10), D(2024, 10, 16))
    assert est.arrive_by == D(2024, 10, 18)


def test_no_cutoff_and_product_shape() -> None:
    class Item:
        ship_profile = ShipProfile.IN_STOCK
        ship_min_days = 1
        ship_max_days = 2

    rules = ShippingRules(cutoff_hour=24, transit_days=1)
    est = estimate_for_product(Item(), T(2024, 11, 4, 23, 30), rules)
    assert est.processing_starts == D(2024, 11, 4)
    assert est.ship_window == (D(2024, 11, 5), D(2024, 11, 6))
    assert est.arrive_by == D(2024, 11, 7)


@pytest.mark.parametrize(
    "call",
    [
        lambda: estimate_delivery(ShipProfile.IN_STOCK, 3, 1, T(2024, 1, 1), RULES),
        lambda: estimate_delivery(ShipProfile.IN_STOCK, -1, 1, T(2024, 1, 1), RULES),
        lambda: estimate_delivery(ShipProfile.IN_STOCK, 1, 1, T(2024, 1, 1), RULES, transit_days=-1),
        lambda: ShippingRules(cutoff_hour=25),
        lambda: BusinessCalendar.from_iso(["2024-13-01"]),
        lambda: BusinessCalendar.from_iso(["2024-10-07..2024-10-01"]),
        lambda: BusinessCalendar.from_iso(["2024-10-01"], ["2024-10-01"]),
        lambda: GUOQING_2024.add_business_days(D(2024, 1, 1), -1),
    ],
)
def test_bad_input_is_refused(call: object) -> None:
    with pytest.raises(ValueError):
        call()  # type: ignore[operator]


def test_calendar_without_business_days_fails_loudly() -> None:
    start = D(2024, 1, 1)
    everything = frozenset(start + dt.timedelta(days=i) for i in range(4 * 366))
    with pytest.raises(ValueError, match="no business day"):
        BusinessCalendar(holidays=everything).next_business_day(start)


# --- properties -----------------------------------------------------------------------------------

base_day = D(2024, 9, 1)
days_in_span = st.integers(min_value=0, max_value=120).map(lambda n: base_day + dt.timedelta(days=n))
calendars = st.builds(
    lambda off, on: BusinessCalendar(off - on, frozenset(d for d in on if d.weekday() >= 5)),
    st.frozensets(days_in_span, max_size=30),
    st.frozensets(days_in_span, max_size=6),
)
moments = st.datetimes(min_value=T(2024, 9, 1), max_value=T(2024, 12, 31, 23, 59))
day_counts = st.integers(min_value=0, max_value=20)


@given(calendars, moments, day_counts, day_counts, st.integers(0, 5), st.integers(0, 24))
def test_arrival_is_always_a_business_day(
    cal: BusinessCalendar, at: dt.datetime, a: int, b: int, transit: int, cutoff: int
) -> None:
    lo, hi = sorted((a, b))
    est = estimate_delivery(ShipProfile.IN_STOCK, lo, hi, at, ShippingRules(cutoff, transit, cal))
    for day in (est.processing_starts, est.ship_from, est.ship_by, est.arrive_by):
        weekend_or_holiday = day.weekday() >= 5 or day in cal.holidays
        assert not weekend_or_holiday or day in cal.workdays
    assert at.date() <= est.processing_starts <= est.ship_from <= est.ship_by <= est.arrive_by


@given(calendars, moments, day_counts, day_counts, st.integers(0, 5), st.integers(0, 3), st.integers(0, 3))
def test_more_days_never_arrive_earlier(
    cal: BusinessCalendar, at: dt.datetime, a: int, b: int, transit: int, more_max: int, more_transit: int
) -> None:
    lo, hi = sorted((a, b))
    rules = ShippingRules(16, transit, cal)
    est = estimate_delivery(ShipProfile.IN_STOCK, lo, hi, at, rules)
    longer = estimate_delivery(ShipProfile.IN_STOCK, lo, hi + more_max, at, rules,
                               transit_days=transit + more_transit)
    assert longer.ship_by >= est.ship_by
    assert longer.arrive_by >= est.arrive_by
    if lo < hi:
        slower_start = estimate_delivery(ShipProfile.IN_STOCK, lo + 1, hi, at, rules)
        assert slower_start.ship_from >= est.ship_from
        assert slower_start.arrive_by == est.arrive_by


@given(calendars, moments, st.integers(0, 72 * 60), day_counts)
def test_later_orders_never_arrive_earlier(
    cal: BusinessCalendar, at: dt.datetime, later_min: int, days: int
) -> None:
    rules = ShippingRules(16, 2, cal)
    later_at = at + dt.timedelta(minutes=later_min)
    est = estimate_delivery(ShipProfile.IN_STOCK, days, days + 2, at, rules)
    later = estimate_delivery(ShipProfile.IN_STOCK, days, days + 2, later_at, rules)
    assert later.arrive_by >= est.arrive_by


@given(calendars, days_in_span, st.integers(0, 30))
def test_add_business_days_counts_exactly(cal: BusinessCalendar, start: dt.date, n: int) -> None:
    end = cal.add_business_days(start, n)
    between = [start + dt.timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(cal.is_business_day(d) for d in between) == n
