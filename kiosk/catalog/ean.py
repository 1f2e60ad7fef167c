"""GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) check digits: the GS1 mod-10 rule, weights 3,1 from the right."""

from __future__ import annotations

GTIN_LENGTHS = frozenset({8, 12, 13, 14})


def check_digit(body: str) -> str:
    """The check digit for `body`, the GTIN without its last digit."""
    if not body.isdigit() or not body.isascii():
        raise ValueError(f"GTIN body must be ASCII digits, got {body!r}")
    total = 0
    # the digit right before the check digit weighs 3, then alternate 1, 3, ...
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def is_valid_gtin(code: str) -> bool:
    """True for an 8, 12, 13 or 14 digit code whose check digit is right."""
    if len(code) not in GTIN_LENGTHS or not code.isdigit() or not code.isascii():
        return False
    return check_digit(code[:-1]) == code[-1]


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and is_valid_gtin(code)


def make_ean13(body12: str) -> str:
    """Complete a 12-digit body (GS1 prefix + company + item) into an EAN-13."""
    if len(body12) != 12:
        raise ValueError(f"EAN-13 body must have 12 digits, got {len(body12)}")
    return body12 + check_digit(body12)


def is_china_prefix(code: str) -> bool:
    """GS1 China assigns 690-699."""
    return len(code) == 13 and code.startswith("69")
