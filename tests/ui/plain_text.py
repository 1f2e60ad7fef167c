"""Checks that untrusted text reaches the screen as plain text: literal tags, no control bytes."""

from __future__ import annotations

import unicodedata

from PySide6.QtGui import QFontMetricsF
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from kiosk.ui.app import KioskUi

MARKUP = '<font size="7" color="green">FREE ITEMS AT COUNTER</font>'
# an ANSI colour escape, a bell and a right-to-left override, as line noise or a bad import brings them
CONTROLS = "\x1b[31m\x07\u202e"
PLAIN_TEXT = 0  # Text.PlainText


def _controls_in(text: str) -> list[str]:
    """Control characters a screen must never show (a newline between lines of a review is fine)."""
    return [ch for ch in text if ch != "\n"
            and (unicodedata.category(ch) in ("Cc", "Cs") or "\u202a" <= ch <= "\u202e"
                 or "\u2066" <= ch <= "\u2069")]


def text_format(item: QQuickItem) -> int:
    # PySide cannot convert QQuickText's enum property: ask QML for its number
    expression = QQmlExpression(QQmlEngine.contextForObject(item), item, "textFormat")
    value, undefined = expression.evaluate()
    assert not undefined and not expression.hasError(), expression.error().toString()
    return int(value)


def visible_texts(ui: KioskUi) -> list[QQuickItem]:
    """Every visible Text and text field of the shopper window."""
    found: list[QQuickItem] = []
    pending = [ui.window.contentItem()]
    while pending:
        item = pending.pop()
        if not item.isVisible():
            continue
        if item.inherits("QQuickText") or item.inherits("QQuickTextInput"):
            found.append(item)
        pending.extend(item.childItems())
    return found


def assert_no_controls_on_screen(ui: KioskUi) -> None:
    for item in visible_texts(ui):
        key = "displayText" if item.inherits("QQuickTextInput") else "text"
        shown = str(item.property(key))
        assert not _controls_in(shown), f"{item.objectName() or item} shows {shown!r}"


def assert_shown_literally(item: QQuickItem, literal: str = MARKUP) -> None:
    """The item shows `literal` as characters, at its own font size (not as rich text)."""
    text = str(item.property("text"))
    assert literal in text, text
    assert not _controls_in(text), repr(text)
    assert text_format(item) == PLAIN_TEXT, f"{item.objectName()} is not Text.PlainText"
    # rendered as markup, <font size="7"> makes each line several times taller than the item's font
    lines = max(1, int(item.property("lineCount")))
    line_height = QFontMetricsF(item.property("font")).lineSpacing()
    assert float(item.property("contentHeight")) <= lines * line_height * 1.2 + 1, (
        item.objectName(), item.property("contentHeight"), lines, line_height)
