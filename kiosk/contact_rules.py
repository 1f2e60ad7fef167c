"""What a shopper may type for home delivery, and the delivery fee. Qt-free: the form view-model
turns each problem into a sentence in the shopper's language.

Input comes from the on-screen keyboard, but also from a paste or a wedge scanner: anything may
arrive (emoji, control bytes, a thousand characters), so every check takes any string and never raises.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

NAME_MAX = 30
ADDRESS_MIN = 5  # "北京市朝阳区" is six: anything shorter cannot be delivered to
ADDRESS_MAX = 120
PHONE_DIGITS = 11

# a mainland mobile number: 11 digits, 1 then 3–9 (13x … 19x)
_MOBILE = re.compile(r"1[3-9]\d{9}")
# what people put between the digits of a number they read out
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")
# a middle dot joins transliterated names (阿卜杜·热合曼); apostrophes and hyphens Latin ones
_NAME_PUNCTUATION = set("·•.-'’ ")
_ADDRESS_SYMBOLS = set("#+/°№")


class Problem(StrEnum):
    NONE = ""
    REQUIRED = "required"  # empty or only spaces
    TOO_SHORT = "tooShort"
    TOO_LONG = "tooLong"
    SYMBOLS = "symbols"  # emoji, control characters, symbols a courier cannot read
    PHONE = "phone"  # not an 11-digit mainland mobile number


def clean(text: str) -> str:
    """The form of `text` that is stored and checked: full-width digits and letters folded (NFKC),
    runs of white space made one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _letter_or_mark(ch: str) -> bool:
    category = unicodedata.category(ch)
    # variation selectors are marks too, but they only ever follow an emoji
    return category[0] in "LM" and not 0xFE00 <= ord(ch) <= 0xFE0F


def check_name(text: str) -> Problem:
    name = clean(text)
    if not name:
        return Problem.REQUIRED
    if len(name) > NAME_MAX:
        return Problem.TOO_LONG
    if not all(_letter_or_mark(ch) or ch in _NAME_PUNCTUATION for ch in name):
        return Problem.SYMBOLS
    if not any(_letter_or_mark(ch) for ch in name):
        return Problem.REQUIRED  # "·" or "-" alone is no name
    return Problem.NONE


def phone_digits(text: str) -> str:
    return _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def check_phone(text: str) -> Problem:
    digits = phone_digits(text)
    if not digits:
        return Problem.REQUIRED
    return Problem.NONE if _MOBILE.fullmatch(digits) else Problem.PHONE


def check_address(text: str) -> Problem:
    address = clean(text)
    if not address:
        return Problem.REQUIRED
    if len(address) > ADDRESS_MAX:
        return Problem.TOO_LONG
    for ch in address:
        category = unicodedata.category(ch)
        if not (_letter_or_mark(ch) or category[0] in "NP" or ch == " " or ch in _ADDRESS_SYMBOLS):
            return Problem.SYMBOLS
    if sum(1 for ch in address if not ch.isspace()) < ADDRESS_MIN:
        return Problem.TOO_SHORT
    return Problem.NONE
