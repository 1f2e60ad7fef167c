"""Opening hours: when shoppers may use the kiosk, in the store's time zone (`identity.timezone`).

The `[hours]` config section holds two short texts (an empty `weekly` means open around the clock):

    weekly     = "mon-fri 09:00-21:00; sat,sun 10:00-18:00"
    exceptions = "2026-10-01..2026-10-03 closed; 2026-12-24 10:00-16:00"

`weekly` is `;`-separated groups of `DAYS SPANS`: DAYS are `mon tue wed thu fri sat sun`, a range
`mon-fri` or a list `sat,sun`; SPANS are `HH:MM-HH:MM` ranges joined by `,` (`24:00` ends at
midnight; an end before its start runs past midnight into the next day), or `closed`. A day named
nowhere is closed. `exceptions` are `;`-separated `DATE SPANS` where DATE is `YYYY-MM-DD` or a range
`YYYY-MM-DD..YYYY-MM-DD`: public holidays (`closed`) and special hours; on such a day they replace
the weekly hours. Every time is the store's local wall time.

Qt-free and light (no database): `kiosk.config` checks the texts with it when the kiosk starts.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CLOSED = "closed"
WEEKLY_FORMAT = ('";"-separated "DAYS HH:MM-HH:MM" groups, e.g. "mon-fri 09:00-21:00; sat,sun 10:00-18:00" '
                 '(or "closed"; empty: always open)')
EXCEPTIONS_FORMAT = ('";"-separated "YYYY-MM-DD[..YYYY-MM-DD] HH:MM-HH:MM" or "... closed" entries, e.g. '
                     '"2026-10-01..2026-10-03 closed; 2026-12-24 10:00-16:00"')
_LOOKAHEAD_DAYS = 400  # how far ahead the next opening is looked for (a year of exceptions)

Span = tuple[int, int]  # minutes after local midnight, start < end <= 24 * 60 (+ a day for overnight)


class HoursError(ValueError):
    """A text that is not in the documented format; the message says which part."""


def _minutes(text: str) -> int:
    hh, sep, mm = text.strip().partition(":")
    if not sep or not (hh.isdigit() and mm.isdigit()) or len(mm) != 2:
        raise HoursError(f"{text.strip()!r} is not a HH:MM time")
    value = int(hh) * 60 + int(mm)
    if int(mm) > 59 or value > 24 * 60:
        raise HoursError(f"{text.strip()!r} is not a time of day")
    return value


def _spans(text: str) -> tuple[Span, ...]:
    text = text.strip().lower()
    if text == CLOSED:
        return ()
    spans: list[Span] = []
    for part in text.split(","):
        first, sep, last = part.partition("-")
        if not sep:
            raise HoursError(f"{part.strip()!r} is not a HH:MM-HH:MM range")
        start, end = _minutes(first), _minutes(last)
        if start == end:
            raise HoursError(f"{part.strip()!r} is an empty range")
        if end < start:
            end += 24 * 60  # overnight: into the next day
        spans.append((start, end))
    return tuple(sorted(spans))


def _days(text: str) -> list[int]:
    found: list[int] = []
    for part in text.lower().split(","):
        first, sep, last = part.strip().partition("-")
        if first not in DAYS or (sep and last not in DAYS):
            raise HoursError(f"{part.strip()!r} is not a day such as mon, mon-fri or sat,sun")
        a, b = DAYS.index(first), DAYS.index(last) if sep else DAYS.index(first)
        found += [(a + i) % 7 for i in range((b - a) % 7 + 1)]
    return found


def _split_head(entry: str) -> tuple[str, str]:
    head, _, rest = entry.strip().partition(" ")
    if not rest.strip():
        raise HoursError(f"{entry.strip()!r} has no hours (HH:MM-HH:MM or closed)")
    return head, rest.strip().replace(" ", "")


def _dates(text: str) -> list[dt.date]:
    first, sep, last = text.partition("..")
    try:
        start = dt.date.fromisoformat(first)
        end = dt.date.fromisoformat(last) if sep else start
    except ValueError:
        raise HoursError(f"{text!r} is not a YYYY-MM-DD date or YYYY-MM-DD..YYYY-MM-DD range") from None
    if end < start or (end - start).days > 366:
        raise HoursError(f"{text!r} must end on or after its start, within a year")
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


@dataclass(frozen=True)
class OpeningHours:
    """Weekly hours plus dated exceptions; `always` when no weekly hours are set."""

    weekly: dict[int, tuple[Span, ...]]
    exceptions: dict[dt.date, tuple[Span, ...]]
    always: bool

    @classmethod
    def parse(cls, weekly: str, exceptions: str = "") -> OpeningHours:
        week: dict[int, tuple[Span, ...]] = {}
        for group in filter(None, (g.strip() for g in weekly.split(";"))):
            head, rest = _split_head(group)
            days = _days(head)
            spans = _spans(rest)
            for day in days:
                week[day] = tuple(sorted(week.get(day, ()) + spans))
        special: dict[dt.date, tuple[Span, ...]] = {}
        for entry in filter(None, (e.strip() for e in exceptions.split(";"))):
            head, rest = _split_head(entry)
            dates = _dates(head)
            spans = _spans(rest)
            for date in dates:
                special[date] = spans
        return cls(week, special, always=not weekly.strip())

    def _spans_on(self, day: dt.date) -> tuple[Span, ...]:
        if day in self.exceptions:
            return self.exceptions[day]
        if self.always:
            return ((0, 24 * 60),)
        return self.weekly.get(day.weekday(), ())

    def _intervals(self, day: dt.date, tz: dt.tzinfo) -> list[tuple[dt.datetime, dt.datetime]]:
        midnight = dt.datetime.combine(day, dt.time(), tzinfo=tz)
        return [(midnight + dt.timedelta(minutes=a), midnight + dt.timedelta(minutes=b))
                for a, b in self._spans_on(day)]

    def is_open(self, now: dt.datetime, tz: dt.tzinfo) -> bool:
        """`now` is an aware time; open when it falls in a span of today or yesterday's overnight one."""
        local = now.astimezone(tz)
        for day in (local.date() - dt.timedelta(days=1), local.date()):
            for start, end in self._intervals(day, tz):
                if start <= local < end:
                    return True
        return False

    def next_opening(self, now: dt.datetime, tz: dt.tzinfo) -> dt.datetime | None:
        """The next local time the kiosk opens after `now` (None: no opening within a year)."""
        local = now.astimezone(tz)
        for offset in range(_LOOKAHEAD_DAYS):
            day = local.date() + dt.timedelta(days=offset)
            for start, _end in self._intervals(day, tz):
                if start > local:
                    return start
        return None


def check(weekly: str, exceptions: str) -> None:
    """Raise HoursError (naming the bad part) unless both texts follow the format."""
    OpeningHours.parse(weekly, exceptions)


def store_zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)
