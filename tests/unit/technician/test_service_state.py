"""Opening hours (weekly plus exceptions, in the store's zone), the technician's switch, and the
devices a shopper cannot buy without."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.errors import ConfigError
from kiosk.service_hours import HoursError, OpeningHours
from kiosk.technician.service_state import (
    CLOSED,
    OPEN,
    OUT_OF_SERVICE,
    Hold,
    TechnicianHold,
    decide,
    missing_devices,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
HOURS = OpeningHours.parse("mon-fri 09:00-21:00; sat,sun 10:00-18:00",
                           "2026-10-01..2026-10-03 closed; 2026-12-24 10:00-16:00")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(("when", "is_open"), [
    ("2026-12-07 08:59", False),  # a Monday, before opening
    ("2026-12-07 09:00", True),
    ("2026-12-07 20:59", True),
    ("2026-12-07 21:00", False),
    ("2026-12-05 09:30", False),  # Saturday opens at 10
    ("2026-12-05 17:59", True),
    ("2026-10-01 12:00", False),  # a public holiday (Thursday)
    ("2026-10-03 12:00", False),
    ("2026-10-04 12:00", True),  # the Sunday after
    ("2026-12-24 16:30", False),  # special hours on a Thursday
    ("2026-12-24 15:59", True),
])
def test_weekly_hours_and_exceptions(when: str, is_open: bool) -> None:
    assert HOURS.is_open(at(when), SHANGHAI) is is_open


def test_hours_are_the_stores_local_time_whatever_the_kiosks_zone() -> None:
    utc_now = dt.datetime(2026, 12, 7, 1, 30, tzinfo=dt.UTC)  # 09:30 in Shanghai
    assert HOURS.is_open(utc_now, SHANGHAI)
    assert not HOURS.is_open(utc_now, zoneinfo.ZoneInfo("Europe/Berlin"))  # 02:30 there


def test_next_opening_skips_the_holiday() -> None:
    assert HOURS.next_opening(at("2026-09-30 22:00"), SHANGHAI) == at("2026-10-04 10:00")
    assert HOURS.next_opening(at("2026-12-07 07:00"), SHANGHAI) == at("2026-12-07 09:00")


def test_overnight_hours_and_always_open() -> None:
    late = OpeningHours.parse("fri 18:00-02:00")
    assert late.is_open(at("2026-12-12 01:00"), SHANGHAI)  # Saturday 01:00, Friday's night
    assert not late.is_open(at("2026-12-12 02:00"), SHANGHAI)
    always = OpeningHours.parse("", "2026-10-01 closed")
    assert always.is_open(at("2026-12-07 03:00"), SHANGHAI)
    assert not always.is_open(at("2026-10-01 12:00"), SHANGHAI)


@pytest.mark.parametrize("weekly", ["mon-fri 9-21", "monday 09:00-21:00", "mon 09:00-25:00", "mon",
                                    "mon 09:00-09:00"])
def test_bad_weekly_hours_are_refused(weekly: str) -> None:
    with pytest.raises(HoursError):
        OpeningHours.parse(weekly)
    with pytest.raises(ConfigError, match=r"hours\.weekly"):
        load_config(environ={"KIOSK_HOURS__WEEKLY": weekly})


@pytest.mark.parametrize("exceptions", ["2026-13-01 closed", "2026-10-03..2026-10-01 closed", "xmas closed"])
def test_bad_exceptions_name_their_key(exceptions: str) -> None:
    with pytest.raises(ConfigError, match=r"hours\.exceptions"):
        load_config(environ={"KIOSK_HOURS__EXCEPTIONS": exceptions})


def test_decide_order_technician_then_device_then_hours() -> None:
    config = load_config(environ={"KIOSK_HOURS__WEEKLY": "mon-fri 09:00-21:00"})
    closed_at = at("2026-12-05 12:00")  # a Saturday
    open_at = at("2026-12-07 12:00")
    assert decide(config, open_at, Hold(False), []).state == OPEN
    closed = decide(config, closed_at, Hold(False), [])
    assert closed.state == CLOSED and closed.next_opening == at("2026-12-07 09:00")
    assert decide(config, closed_at, Hold(False), ["printer"]).state == OUT_OF_SERVICE
    held = decide(config, open_at, Hold(True, "cleaning"), ["printer"])
    assert (held.state, held.cause, held.reason) == (OUT_OF_SERVICE, "technician", "cleaning")


def test_printer_required_only_without_the_e_receipt() -> None:
    paper_only = load_config(environ={"KIOSK_RECEIPT__E_RECEIPT": "false"})
    with_phone = load_config(environ={})
    broken = {"printer": {"status": "ERROR", "detail": "paper_out"}}
    fine = {"printer": {"status": "READY", "detail": ""}}
    offline = {"printer": {"status": "DISCONNECTED", "detail": ""}}
    assert missing_devices(paper_only, True, broken) == ["printer"]
    assert missing_devices(paper_only, True, offline) == ["printer"]
    assert missing_devices(paper_only, False, {}) == ["printer"]  # no printer at all
    assert missing_devices(paper_only, True, fine) == []
    assert missing_devices(paper_only, True, {}) == []  # not reported yet
    assert missing_devices(with_phone, True, broken) == []
    assert missing_devices(with_phone, False, {}) == []


def test_technician_hold_survives_reopening_the_database(tmp_path: Path) -> None:
    db = Database(tmp_path / "k.sqlite3")
    upgrade(db)
    TechnicianHold(db).set(True, "  new shelves  ")
    db.close()
    again = Database(tmp_path / "k.sqlite3")
    assert TechnicianHold(again).get() == Hold(True, "new shelves")
    TechnicianHold(again).set(False, "ignored")
    assert TechnicianHold(again).get() == Hold(False, "")
    again.close()



def test_a_refusal_names_the_part_that_is_wrong() -> None:
    with pytest.raises(HoursError, match="'weekdays' is not a day"):
        OpeningHours.parse("weekdays 9-5")
    with pytest.raises(HoursError, match="'9' is not a HH:MM time"):
        OpeningHours.parse("mon-fri 9-17")
