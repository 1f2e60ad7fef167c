"""Walking the visual tree of QML items (tests, the screenshot tour and `KioskUi.item` do).

PySide keeps one Python wrapper per C++ address. A wrapper of an object that is gone (a QML type's
meta-object, freed with its item) can outlive it, and a new item allocated at the same address then
comes back from `childItems()` as that stale wrapper: a `QMetaObject` where an item should be. Such a
wrapper is invalidated and the children are asked for again, so the walk sees every real item.
"""

from __future__ import annotations

from collections.abc import Iterator

import shiboken6
from PySide6.QtQuick import QQuickItem


def child_items(item: QQuickItem) -> list[QQuickItem]:
    children = item.childItems()
    stale = [child for child in children if not isinstance(child, QQuickItem)]
    if not stale:
        return children
    for wrapper in stale:
        shiboken6.invalidate(wrapper)
    return [child for child in item.childItems() if isinstance(child, QQuickItem)]


def walk(root: QQuickItem) -> Iterator[QQuickItem]:
    """Every item below `root`, `root` included, depth first."""
    stack = [root]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(child_items(item))
