"""Events published on any thread reach Qt on the GUI thread, in order."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QThread

from kiosk.events import EventBus
from kiosk.ui.bridge import Bridge

pytestmark = pytest.mark.gui


def test_worker_thread_events_arrive_queued_on_the_gui_thread(qtbot: Any, qapp: Any) -> None:
    bus = EventBus()
    bridge = Bridge(bus)
    received: list[tuple[str, dict[str, Any], bool]] = []
    bridge.published.connect(
        lambda topic, data: received.append((topic, data, QThread.currentThread() is qapp.thread())))

    def worker() -> None:
        for seq in range(20):
            bus.publish("device.scan", seq=seq, gtin="6901234567892")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert received == []  # queued: nothing ran on the worker thread
    qtbot.waitUntil(lambda: len(received) == 20)
    assert [data["seq"] for _, data, _ in received] == list(range(20))
    assert all(on_gui for _, _, on_gui in received)
    bridge.close()
    bus.publish("device.scan", seq=99)
    qtbot.wait(20)
    assert len(received) == 20  # closed bridges stop listening


def test_post_runs_on_the_gui_thread(qtbot: Any, qapp: Any) -> None:
    bridge = Bridge(EventBus())
    ran_on: list[bool] = []
    thread = threading.Thread(target=lambda: bridge.post(
        lambda: ran_on.append(QThread.currentThread() is qapp.thread())))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: ran_on == [True])
