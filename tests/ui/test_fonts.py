"""Chinese renders from the shipped font alone: every glyph of a sample is a real glyph of it."""

from __future__ import annotations

from typing import Any

import pytest
from fontTools.ttLib import TTFont
from PySide6.QtGui import QFont, QGuiApplication, QTextLayout

from kiosk.paths import asset
from kiosk.ui.fonts import FONT_FILES, install_fonts

SAMPLE = "云商城自助终端：可乐、矿泉水、牛奶，￥12.50（含税）—— 请扫码支付！Tap anywhere 0123456789"


def shaped_runs(text: str, family: str) -> list[Any]:
    layout = QTextLayout(text, QFont(family, 24))
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return layout.glyphRuns()


@pytest.mark.parametrize("name", FONT_FILES)
def test_shipped_font_maps_every_sample_character(name: str) -> None:
    with TTFont(asset("fonts", name), lazy=True) as font:
        cmap = font.getBestCmap()
    missing = [ch for ch in SAMPLE if ch != " " and ord(ch) not in cmap]
    assert missing == []


def test_qt_shapes_chinese_with_the_shipped_font_and_no_missing_glyphs(qapp: QGuiApplication) -> None:
    family = install_fonts(qapp)
    runs = shaped_runs(SAMPLE, family)
    assert runs
    for run in runs:
        # glyph index 0 is .notdef: the box a shopper would see
        assert 0 not in run.glyphIndexes()
        assert run.rawFont().familyName() == family
    assert sum(len(r.glyphIndexes()) for r in runs) >= len(SAMPLE.replace(" ", ""))


def test_a_character_outside_the_font_is_detected(qapp: QGuiApplication) -> None:
    # the check above can fail: a character the font lacks shapes to .notdef or another family
    family = install_fonts(qapp)
    runs = shaped_runs("\U0001D11E", family)  # musical G clef, not in a CJK font
    assert any(0 in r.glyphIndexes() or r.rawFont().familyName() != family for r in runs)
