"""The [idle] and [shipping] config sections: defaults, ranges, and holiday lists checked at load."""

from __future__ import annotations

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.shipping import BusinessCalendar


def test_idle_defaults_and_range() -> None:
    config = load_config(environ={})
    assert config.idle.home_s > 0 and config.idle.countdown_s > 0
    assert load_config(environ={"KIOSK_IDLE__PRODUCT_S": "45"}).idle.product_s == 45
    with pytest.raises(ConfigError, match=r"idle\.countdown_s"):
        load_config(environ={"KIOSK_IDLE__COUNTDOWN_S": "1"})


def test_shipping_days_are_parsed_as_the_calendar_reads_them() -> None:
    config = load_config(environ={"KIOSK_SHIPPING__HOLIDAYS": "2026-10-01..2026-10-07, 2026-01-01",
                                  "KIOSK_SHIPPING__WORKDAYS": "2026-10-10"})
    holidays, workdays = config.shipping.day_lists()
    calendar = BusinessCalendar.from_iso(holidays, workdays)
    assert len(calendar.holidays) == 8 and len(calendar.workdays) == 1


@pytest.mark.parametrize("value", ["2026-13-01", "2026-10-07..2026-10-01", "soon"])
def test_bad_holidays_name_the_key(value: str) -> None:
    with pytest.raises(ConfigError, match=r"shipping\.holidays"):
        load_config(environ={"KIOSK_SHIPPING__HOLIDAYS": value})
