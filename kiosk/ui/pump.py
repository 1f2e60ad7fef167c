"""Run pending Qt events from Python code that drives the UI itself (screenshot tour, benchmarks).

`QCoreApplication.processEvents()` in PySide6 6.12 on Python 3.11 drops one reference to None per
call: a loop of a few thousand calls ends in "Fatal Python error: none_dealloc". The event dispatcher's
own processEvents returns a bool and has no such leak.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop


def process_events() -> None:
    app = QCoreApplication.instance()
    dispatcher = app.eventDispatcher() if app is not None else None
    if dispatcher is not None:
        dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
