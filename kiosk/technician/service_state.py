"""Whether shoppers may use the kiosk now: open, closed (opening hours), or out of service.

Out of service wins over closed, and has two causes:

- the technician's switch on the settings page (with an optional reason), kept in the database's
  settings table so it survives a restart; only the technician switches it back;
- a device a shopper cannot buy without. A paid order must end with a receipt: the printer is
  required when the e-receipt QR is turned off (`receipt.e_receipt = false`) and the printer is
  missing (`printer.kind = "none"`) or cannot print (error, disconnected, paper out, cover open,
  offline, cutter error). With the e-receipt on, a broken printer only moves receipts to the phone.
  The scanner is never required (shoppers browse and search by touch), and paying needs the store,
  which the payment screen already reports on its own (the cart is kept).

Qt-free; the clock is injected, so tests move time by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from kiosk.config import KioskConfig, store_timezone
from kiosk.db.engine import Database
from kiosk.db.models import Setting
from kiosk.devices.status import ERROR_DETAILS, DeviceState
from kiosk.service_hours import OpeningHours

OPEN, CLOSED, OUT_OF_SERVICE = "open", "closed", "outOfService"
HOLD_KEY = "service.out_of_service"  # "1" while the technician has taken the kiosk out of service
HOLD_REASON_KEY = "service.out_of_service_reason"
PRINTER = "printer"
CAUSE_TECHNICIAN = "technician"
CAUSE_PRINTER = "printer"
_WONT_PRINT_STATES = frozenset({DeviceState.ERROR.value, DeviceState.DISCONNECTED.value})
_WONT_PRINT_DETAILS = frozenset(detail.value for detail in ERROR_DETAILS)


@dataclass(frozen=True)
class Hold:
    on: bool
    reason: str = ""


class TechnicianHold:
    """The technician's out-of-service switch, in the settings table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self) -> Hold:
        with self._db.read() as session:
            rows = {key: value for key, value in session.execute(
                select(Setting.key, Setting.value).where(Setting.key.in_((HOLD_KEY, HOLD_REASON_KEY))))}
        return Hold(rows.get(HOLD_KEY) == "1", rows.get(HOLD_REASON_KEY, ""))

    def set(self, on: bool, reason: str = "") -> None:
        with self._db.write() as session:
            session.merge(Setting(key=HOLD_KEY, value="1" if on else ""))
            session.merge(Setting(key=HOLD_REASON_KEY, value=reason.strip()[:200] if on else ""))


def printer_cannot_print(status: Mapping[str, Any] | None) -> bool:
    """A printer status (as Services.device_states keeps it) that refuses receipts; None: not known yet."""
    if not status:
        return False
    details = {d.strip().lower() for d in str(status.get("detail", "")).split(",") if d.strip()}
    return str(status.get("status", "")).lower() in _WONT_PRINT_STATES or bool(details & _WONT_PRINT_DETAILS)


def missing_devices(config: KioskConfig, printer_present: bool,
                    device_states: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The required devices that cannot work now (see the module's docstring for which are required)."""
    if config.receipt.e_receipt:
        return []
    if not printer_present or printer_cannot_print(device_states.get(PRINTER)):
        return [PRINTER]
    return []


@dataclass(frozen=True)
class ServiceState:
    state: str  # OPEN, CLOSED or OUT_OF_SERVICE
    cause: str = ""  # out of service: CAUSE_TECHNICIAN or the device's name
    reason: str = ""  # the technician's reason
    next_opening: dt.datetime | None = None  # closed: when it opens next (store's local time)


def decide(config: KioskConfig, now: dt.datetime, hold: Hold, missing: list[str]) -> ServiceState:
    """`now` is an aware time. Technician's switch, then a missing device, then the opening hours."""
    if hold.on:
        return ServiceState(OUT_OF_SERVICE, CAUSE_TECHNICIAN, hold.reason)
    if missing:
        return ServiceState(OUT_OF_SERVICE, missing[0])
    hours = OpeningHours.parse(config.hours.weekly, config.hours.exceptions)
    tz = store_timezone(config.identity)
    if hours.is_open(now, tz):
        return ServiceState(OPEN)
    return ServiceState(CLOSED, next_opening=hours.next_opening(now, tz))
