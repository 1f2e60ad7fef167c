"""With `scanner.kind = "wedge"` the kiosk itself takes scanner bursts out of the key stream."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.events import Event
from kiosk.services import data_paths
from kiosk.ui.app import KioskUi

pytestmark = pytest.mark.gui


def test_a_wedge_burst_in_the_kiosk_window_becomes_a_scan_event(qtbot: Any, tmp_path: Path) -> None:
    config = load_config(environ={}, overrides={
        "data_dir": str(tmp_path), "scanner": {"kind": "wedge"}, "printer": {"kind": "none"}})
    services = build_services(config, data_paths(config), with_store=False)
    scans: list[Event] = []
    services.events.subscribe("device.scan", scans.append)
    ui = KioskUi(config, services.events)
    try:
        ui.attach(services)
        ui.show()
        qtbot.waitExposed(ui.window)
        ui.window.requestActivate()
        qtbot.waitActive(ui.window)
        assert ui.wedge_filter is not None
        # the timing itself is tested in test_wedge_filter.py: here the burst is instantaneous
        ui.wedge_filter.scanner.filter.clock = lambda: 100.0
        for char in "6901234567892\r":
            qtbot.keyClick(ui.window, char)
        qtbot.waitUntil(lambda: len(scans) == 1)
        assert scans[0].data["gtin"] == "6901234567892" and scans[0].data["ok"]
    finally:
        ui.close()
        services.close()
