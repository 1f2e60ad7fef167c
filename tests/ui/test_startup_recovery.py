"""A start-up that fails shows the out-of-service screen and tries again by itself."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

import kiosk.ui.app as ui_app
from kiosk.config import load_config
from kiosk.events import EventBus
from kiosk.services import Services
from tests.ui.conftest import make_services

pytestmark = pytest.mark.gui


@pytest.mark.qt_no_exception_capture
def test_failed_start_shows_out_of_service_then_recovers(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui_app, "START_RETRY_MS", 100)
    made: list[ui_app.KioskUi] = []
    seen: list[str] = []

    class RecordingUi(ui_app.KioskUi):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(ui_app, "KioskUi", RecordingUi)
    attempts: list[int] = []

    def build() -> Services:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("database disk image is malformed")
        return make_services(tmp_path)

    def watch() -> None:
        if made:
            seen.append(made[0].navigator.screen)
            if made[0].services is not None:
                made[0].app.exit(0)

    ticker = QTimer()
    ticker.timeout.connect(watch)
    ticker.start(10)
    QTimer.singleShot(20_000, lambda: qapp.exit(1))  # a hang fails the test instead of blocking CI
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    config = load_config(environ={}, overrides={"data_dir": str(tmp_path / "data"), "ui": {"windowed": True}})
    try:
        code = ui_app.run_ui(config, EventBus(), build)
    finally:
        ticker.stop()
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    assert code == 0
    assert len(attempts) == 2
    assert "outOfService" in seen
    assert made[0].shell.property("ready") is True
