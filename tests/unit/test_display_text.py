"""Untrusted text made fit to show: control characters visible as placeholders, lengths capped."""

from __future__ import annotations

import pytest

from kiosk.display_text import ELLIPSIS, PLACEHOLDER, shown, typed

MARKUP = '<font size="7" color="green">FREE ITEMS AT COUNTER</font>'


@pytest.mark.parametrize(("text", "expected"), [
    ("可口可乐 330ml", "可口可乐 330ml"),
    (MARKUP, MARKUP),  # markup is the views' business: they show it as plain text
    ("\x1b[31mRED", f"{PLACEHOLDER}[31mRED"),
    ("a\x00\x07\x7f\x85b", f"a{PLACEHOLDER} b"),  # a run is one placeholder; NEL breaks a line
    ("a\x9bb", f"a{PLACEHOLDER}b"),  # C1
    ("abc\u202efed", f"abc{PLACEHOLDER}fed"),  # a right-to-left override would show "abcdef"
    ("x\u2066y\u2069z", f"x{PLACEHOLDER}y{PLACEHOLDER}z"),
    ("lone \ud800 surrogate", f"lone {PLACEHOLDER} surrogate"),
    ("one\ntwo\r\nthree\tfour", "one two three four"),
    ("👍🏽 ok", "👍🏽 ok"),
    ("", ""),
    (None, ""),
])
def test_one_line(text: str | None, expected: str) -> None:
    assert shown(text, 100) == expected


def test_several_lines_keep_their_breaks() -> None:
    text = "好评\r\n第二行\u2028\x07第三行"
    assert shown(text, 100, multiline=True) == f"好评\n第二行\n{PLACEHOLDER}第三行"


def test_a_long_text_is_cut_with_an_ellipsis() -> None:
    assert shown("长" * 10, 10) == "长" * 10
    cut = shown("长" * 11, 10)
    assert cut == "长" * 9 + ELLIPSIS and len(cut) == 10
    assert shown("word " * 10, 7) == "word w" + ELLIPSIS
    assert shown("ab    cd", 5) == "ab" + ELLIPSIS  # no blank before the ellipsis


def test_a_typed_value_is_cut_without_an_ellipsis() -> None:
    assert typed("北京市\x1b朝阳区\n1号", 200) == f"北京市{PLACEHOLDER}朝阳区 1号"
    assert typed("x" * 500) == "x" * 200
    assert typed("abc", 2) == "ab"
