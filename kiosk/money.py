"""Money as integer minor units plus an ISO 4217 code, and locale-aware formatting through babel.

Amounts never pass through float: babel receives a `Decimal` built from the integer minor units.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")

DateStyle = Literal["short", "medium", "long", "full"]


class CurrencyMismatchError(ValueError):
    """Two amounts in different currencies met in one operation."""


@dataclass(frozen=True, slots=True)
class Money:
    minor: int
    currency: str = "CNY"

    def __post_init__(self) -> None:
        # bool is an int subclass; a float or Decimal here is always a bug upstream
        if type(self.minor) is not int:
            raise TypeError(f"Money.minor must be an int, got {type(self.minor).__name__}")
        if not isinstance(self.currency, str) or not _CURRENCY_CODE.fullmatch(self.currency):
            raise ValueError(f"currency must be a three-letter ISO 4217 code, got {self.currency!r}")

    @classmethod
    def zero(cls, currency: str = "CNY") -> Money:
        return cls(0, currency)

    @classmethod
    def total(cls, amounts: Iterable[Money], currency: str = "CNY") -> Money:
        """Sum of `amounts`; an empty iterable gives zero in `currency`."""
        result = cls.zero(currency)
        for amount in amounts:
            result += amount
        return result

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __mul__(self, quantity: int) -> Money:
        # only whole quantities: a unit price times a fraction would need a rounding rule
        if type(quantity) is not int:
            return NotImplemented
        return Money(self.minor * quantity, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor < other.minor

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.minor <= other.minor

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.minor > other.minor

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.minor >= other.minor

    def __bool__(self) -> bool:
        return self.minor != 0

    @property
    def decimal(self) -> Decimal:
        """The amount in major units, exact (12.50 for 1250 fen)."""
        from babel.numbers import get_currency_precision  # babel loads off the start-up path

        return Decimal(self.minor).scaleb(-get_currency_precision(self.currency))


def format_money(money: Money, locale: str) -> str:
    """`Money(1250, "CNY")` → "¥12.50" in zh_CN, "CN¥12.50" in en_US (babel's CLDR symbols)."""
    from babel.numbers import format_currency

    return format_currency(money.decimal, money.currency, locale=locale)


def format_date(date: dt.date, locale: str, style: DateStyle = "medium") -> str:
    """A calendar date per locale: zh_CN "2024年10月8日", en_US "Oct 8, 2024" (medium)."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(date, format=style, locale=locale)


def format_number(value: int, locale: str) -> str:
    """A whole number with the locale's grouping (counts, stock, review totals)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)
