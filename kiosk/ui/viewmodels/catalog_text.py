"""Catalog values as a shopper sees them: text in their language, money and dates per locale."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QUrl

from kiosk.money import Money, format_money
from kiosk.paths import assets_dir

LOW_STOCK = 5  # at or below this many left, the shopper is told stock is low

IN_STOCK = "inStock"
LOW = "low"
SOLD_OUT = "soldOut"


def pick(zh: str, en: str, language: str) -> str:
    """The text in `language`, falling back to the other one where it is missing."""
    first, second = (zh, en) if language == "zh_CN" else (en, zh)
    return first or second


def price_text(minor: int, currency: str, language: str) -> str:
    return format_money(Money(minor, currency), language)


def stock_state(stock: int) -> str:
    if stock <= 0:
        return SOLD_OUT
    return LOW if stock <= LOW_STOCK else IN_STOCK


@functools.cache
def _assets() -> Path:
    return assets_dir()


def image_url(path: str, data_root: Path | None) -> str:
    """A file URL for a stored image path ("catalog/…" in the assets, "data:…" in the data dir)."""
    if not path:
        return ""
    if path.startswith("data:"):
        if data_root is None:
            return ""
        full = data_root / path[len("data:"):]
    else:
        full = _assets() / path
    return QUrl.fromLocalFile(str(full)).toString()
