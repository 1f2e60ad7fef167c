"""Core, device and sync callbacks arrive on their own threads; the bridge hands them to Qt.

A signal emitted from a worker thread reaches slots of GUI-thread objects as a queued call, so QML
and view-models only ever see these events on the main thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.events import Event, EventBus


class Bridge(QObject):
    published = Signal(str, dict)  # topic, data
    _call = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = bus.subscribe("", self._forward)

    def _forward(self, event: Event) -> None:
        self.published.emit(event.topic, dict(event.data))

    def post(self, fn: Callable[[], Any]) -> None:
        """Run `fn` on the GUI thread, soon; safe to call from any thread."""
        self._call.emit(fn)

    @Slot(object)
    def _run(self, fn: Callable[[], Any]) -> None:
        fn()

    def close(self) -> None:
        self._unsubscribe()
