"""Category tiles line up: equal columns, rows that share their top and height, on the home screen and
as suggestions on the search screen, in both orientations and with large text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from kiosk.ui.app import KioskUi
from tests.ui.conftest import tap

pytestmark = pytest.mark.gui


def tiles(ui: KioskUi, prefix: str) -> list[QQuickItem]:
    found, i = [], 0
    while True:
        try:
            found.append(ui.item(f"{prefix}{i}"))
        except LookupError:
            return found
        i += 1


def assert_grid(items: list[QQuickItem]) -> None:
    boxes = [(round(p.x()), round(p.y()), round(t.width()), round(t.height()))
             for t in items for p in [t.mapToScene(QPointF(0, 0))]]
    columns = sorted({x for x, *_ in boxes})
    assert len(columns) > 1, boxes
    widths = [w for _x, _y, w, _h in boxes]
    assert max(widths) - min(widths) <= 1, f"unequal widths: {boxes}"  # a pixel of rounding
    rows: dict[int, list[tuple[int, int, int, int]]] = {}
    for box in boxes:
        rows.setdefault(box[1], []).append(box)
    for row in rows.values():
        assert len({h for *_, h in row}) == 1, f"a row of unequal heights: {row}"
    # each row but the last is full, left to right
    full = [sorted(x for x, *_ in row) for _y, row in sorted(rows.items())]
    assert all(xs == columns for xs in full[:-1]), full


@pytest.mark.parametrize(("orientation", "large"), [("portrait", False), ("portrait", True),
                                                    ("landscape", False), ("landscape", True)])
def test_category_tiles_line_up(qtbot: Any, kiosk_factory: Callable[..., KioskUi], orientation: str,
                                large: bool) -> None:
    ui = kiosk_factory(ui={"orientation": orientation, "language": "en_US"})
    ui.shell.setLargeText(large)
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    qtbot.waitUntil(lambda: len(tiles(ui, "categoryTile_")) >= 10)
    qtbot.wait(50)
    home = tiles(ui, "categoryTile_")
    assert_grid(home)
    # the icons of a row line up too, whatever their labels' length
    icons = {}
    for tile in home:
        icon = ui.item(f"categoryIcon_{home.index(tile)}")
        icons.setdefault(round(tile.mapToScene(QPointF(0, 0)).y()), set()).add(
            round(icon.mapToScene(QPointF(0, 0)).y()))
    assert all(len(ys) == 1 for ys in icons.values()), icons

    ui.navigator.push("search")
    ui.shopper.search.setText("zzqxv")
    qtbot.waitUntil(lambda: len(tiles(ui, "suggestCategory_")) >= 10)
    qtbot.wait(50)
    assert_grid(tiles(ui, "suggestCategory_"))
