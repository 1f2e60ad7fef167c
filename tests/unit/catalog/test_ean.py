"""EAN-13 / GTIN check digits against published examples and an independent implementation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.catalog.ean import check_digit, is_china_prefix, is_valid_ean13, is_valid_gtin, make_ean13


def _reference_check(body: str) -> int:
    # GS1 spec wording: from the right, odd positions (excluding the check digit) weigh 3
    digits = [int(c) for c in body]
    odd = sum(digits[-1::-2])
    even = sum(digits[-2::-2])
    return (10 - (odd * 3 + even) % 10) % 10


@pytest.mark.parametrize("code", ["6901234567892", "4006381333931", "9780306406157", "6920152400777",
                                  "96385074", "036000291452", "10614141000415"])
def test_known_valid_codes(code: str) -> None:
    assert is_valid_gtin(code)


@pytest.mark.parametrize("code", ["6901234567893", "690123456789", "69012345678921", "69O1234567892", "",
                                  "١٢٣٤٥٦٧٨٩٠١٢٨"])
def test_invalid_codes(code: str) -> None:
    assert not is_valid_ean13(code)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_make_ean13_matches_reference(body: str) -> None:
    code = make_ean13(body)
    assert code[-1] == str(_reference_check(body))
    assert is_valid_ean13(code)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 11), st.integers(1, 9))
def test_single_digit_error_is_detected(body: str, pos: int, delta: int) -> None:
    code = make_ean13(body)
    wrong = code[:pos] + str((int(code[pos]) + delta) % 10) + code[pos + 1:]
    assert not is_valid_ean13(wrong)


def test_bad_bodies_raise() -> None:
    with pytest.raises(ValueError):
        check_digit("12a4")
    with pytest.raises(ValueError):
        make_ean13("123")


def test_china_prefix() -> None:
    assert is_china_prefix("6901234567892")
    assert not is_china_prefix("4006381333931")
