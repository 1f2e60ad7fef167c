"""The screenshot tour renders real screens: not blank, and every character shown has a glyph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.ui.tour import missing_glyphs, run_tour

pytestmark = pytest.mark.gui

# the full tour (52 shots) takes about 15 s: both languages in one orientation, a screen of each kind
SHOTS = ("attract", "home", "category", "product", "search-results", "search-no-results",
         "idle-warning", "accessible-product")


def distinct_colours(image: QImage, step: int = 16) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


def test_tour_renders_every_screen_without_tofu(qtbot: Any, tmp_path: Path) -> None:
    shots = run_tour(tmp_path, orientations=("landscape",), only=SHOTS)
    assert len(shots) == 2 * len(SHOTS)
    for shot in shots:
        image = QImage(str(shot.path))
        assert (image.width(), image.height()) == (1920, 1080), shot.path.name
        assert distinct_colours(image) > 8, f"{shot.path.name} looks blank"
        assert shot.texts, f"{shot.path.name} shows no text"
        assert shot.cut_labels == [], f"{shot.path.name}: button labels cut short"
    assert missing_glyphs(shots) == {}
    # what a shopper reads is in the chosen language
    zh_home = next(s for s in shots if s.path.name == "landscape-zh_CN-home.png")
    en_home = next(s for s in shots if s.path.name == "landscape-en_US-home.png")
    assert "商品分类" in zh_home.texts and "Categories" in en_home.texts


def test_missing_glyphs_are_reported(tmp_path: Path) -> None:
    from kiosk.ui.tour import Shot

    shot = Shot(tmp_path / "x.png", "x", ["可乐 \U0001d11e"])
    assert missing_glyphs([shot]) == {"x.png": {"\U0001d11e"}}
