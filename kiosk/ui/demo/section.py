"""What every demo controls section is: a titled view-model with its own QML file.

A new section (paying the QR as a phone would, cutting the network) is a `DemoSection` subclass
plus a QML file in KioskDevices/demo/ whose root takes `required property QtObject section`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, QUrl, Signal

from kiosk.paths import qml_dir

Post = Callable[[Callable[[], Any]], None]  # run on the GUI thread, from any thread


class DemoSection(QObject):
    qml_file = ""  # in KioskDevices/demo/
    title_text = ""
    column = 0  # which column of the window the section sits in
    fills = False  # takes the rest of its column's height

    closed = Signal()

    def __init__(self, post: Post, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._post = post
        self._open = True

    def post(self, fn: Callable[[], Any]) -> None:
        """Run `fn` on the GUI thread unless the window has closed by then (device threads call this)."""
        if self._open:
            self._post(lambda: fn() if self._open else None)

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        """A bus event, on the GUI thread."""

    def close(self) -> None:
        self._open = False
        self.closed.emit()

    @Property(str, constant=True)
    def title(self) -> str:
        return self.title_text

    @Property(QUrl, constant=True)
    def source(self) -> QUrl:
        return QUrl.fromLocalFile(str(qml_dir() / "KioskDevices" / "demo" / self.qml_file))

    @Property(bool, constant=True)
    def fillsColumn(self) -> bool:
        return self.fills
