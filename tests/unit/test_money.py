"""Money stays integer minor units; babel formats it per locale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.money import CurrencyMismatchError, Money, format_date, format_money, format_number

minor = st.integers(min_value=-10**12, max_value=10**12)


def test_arithmetic_stays_integer() -> None:
    price = Money(1250)
    assert price + Money(50) == Money(1300)
    assert price - Money(250) == Money(1000)
    assert price * 3 == Money(3750) == 3 * price
    assert -price == Money(-1250)
    assert Money.total([price, price]) == Money(2500)
    assert Money.total([], "USD") == Money(0, "USD")
    assert isinstance((price * 3).minor, int)


@pytest.mark.parametrize("bad", [12.5, Decimal("12.5"), True, "1250"])
def test_minor_must_be_int(bad: object) -> None:
    with pytest.raises(TypeError):
        Money(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["cny", "RMB1", "", "CN"])
def test_currency_must_be_iso_code(code: str) -> None:
    with pytest.raises(ValueError):
        Money(1, code)


def test_float_quantity_is_refused() -> None:
    with pytest.raises(TypeError):
        Money(100) * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money(100) + 1  # type: ignore[operator]


def test_currencies_never_mix() -> None:
    with pytest.raises(CurrencyMismatchError):
        Money(1, "CNY") + Money(1, "USD")
    with pytest.raises(CurrencyMismatchError):
        _ = Money(1, "CNY") < Money(1, "USD")


def test_comparison_and_truth() -> None:
    assert Money(1) < Money(2) <= Money(2) < Money(3)
    assert Money(3) > Money(2) >= Money(2)
    assert not Money(0)
    assert Money(-1)


def test_frozen_and_hashable() -> None:
    price = Money(100)
    with pytest.raises(AttributeError):
        price.minor = 5  # type: ignore[misc]
    assert len({Money(100), Money(100), Money(100, "USD")}) == 2


@pytest.mark.parametrize(
    ("money", "locale", "text"),
    [
        (Money(1250), "zh_CN", "¥12.50"),
        (Money(1250), "en_US", "CN¥12.50"),
        (Money(0), "zh_CN", "¥0.00"),
        (Money(5), "zh_CN", "¥0.05"),
        (Money(123456789), "zh_CN", "¥1,234,567.89"),
        (Money(-1250), "en_US", "-CN¥12.50"),
        (Money(1250, "USD"), "en_US", "$12.50"),
        (Money(500, "JPY"), "en_US", "¥500"),  # no minor unit: 500 yen
    ],
)
def test_format_money(money: Money, locale: str, text: str) -> None:
    assert format_money(money, locale) == text


@given(minor, minor)
def test_addition_is_exact(a: int, b: int) -> None:
    assert (Money(a) + Money(b)).minor == a + b
    assert (Money(a) + Money(b) - Money(b)) == Money(a)


@given(minor)
def test_format_round_trips_the_digits(value: int) -> None:
    text = format_money(Money(value), "zh_CN")
    digits = text.replace("¥", "").replace(",", "").replace("-", "")
    assert Decimal(digits) * 100 == abs(value)


@pytest.mark.parametrize(
    ("locale", "style", "text"),
    [
        ("zh_CN", "medium", "2024年10月8日"),
        ("en_US", "medium", "Oct 8, 2024"),
        ("en_US", "long", "October 8, 2024"),
    ],
)
def test_format_date(locale: str, style: str, text: str) -> None:
    assert format_date(dt.date(2024, 10, 8), locale, style) == text  # type: ignore[arg-type]


def test_format_number() -> None:
    assert format_number(1234567, "en_US") == "1,234,567"
    assert format_number(1234567, "zh_CN") == "1,234,567"
