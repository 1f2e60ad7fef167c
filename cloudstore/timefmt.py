"""Naive-UTC datetimes in, ISO 8601 with a `Z` out."""

from __future__ import annotations

import datetime as dt


def iso(value: dt.datetime) -> str:
    return value.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


def iso_or_none(value: dt.datetime | None) -> str | None:
    return None if value is None else iso(value)


def parse_iso(text: str) -> dt.datetime:
    """ISO 8601 (with or without zone, `Z` accepted) → naive UTC."""
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value
