"""Exit to the desktop, as a technician does it: the real kiosk process (locked down, full screen),
the hidden gesture, the PIN, Settings → Tools → Exit → confirm; the process ends by itself with 0,
having stopped its local store, and the exit is in the audit log."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.remote import ROOT, headless_env

pytestmark = [pytest.mark.e2e, pytest.mark.gui, pytest.mark.slow]

# runs inside the kiosk process: the kiosk's own entry point, plus a finger on the GUI thread
DRIVER = r'''
import sys, threading, time
from tests.e2e.remote import _kiosk, _press
from kiosk.technician_pin import DEMO_PIN

def drive():
    while (ui := _kiosk()) is None or ui.services is None:
        time.sleep(0.05)

    def on_gui(fn):
        done, box = threading.Event(), []
        ui.bridge.post(lambda: (box.append(fn()), done.set()))
        if not done.wait(30):
            raise SystemExit("the GUI thread did not answer")
        return box[0]

    def until(what, fn, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if on_gui(fn):
                return
            time.sleep(0.05)
        print(f"driver: timed out waiting for {what}", flush=True)

    def corner():
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest
        QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(4, 4))

    for _ in range(5):
        on_gui(corner)
    until("the PIN pad", lambda: ui.maintenance.entry.property("state") == "pin")
    for key in [*DEMO_PIN, "ok"]:
        on_gui(lambda key=key: _press(ui, ui.item(f"pinKey_{key}")))
    until("the technician area", lambda: ui.navigator.screen == "maintenance")
    taps = ("maintenanceTab_settings", "techSettingsSection_tools", "techExitDesktop", "techExitConfirm")
    for name in taps:
        until(name, lambda name=name: ui.item(name).isVisible())
        on_gui(lambda name=name: _press(ui, ui.item(name)))
    print("driver: exit confirmed", flush=True)

threading.Thread(target=drive, daemon=True).start()
from kiosk.__main__ import main
sys.exit(main(sys.argv[1:]))
'''


def test_exit_to_desktop_ends_the_kiosk_with_code_0(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", DRIVER, "--demo", "--data-dir", str(tmp_path)],
                            cwd=ROOT, env=headless_env(), capture_output=True, text=True, timeout=180,
                            check=False)
    assert "driver: exit confirmed" in result.stdout, result.stdout[-2000:] + result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "exit to desktop" in log and "Traceback" not in log
    with sqlite3.connect(tmp_path / "kiosk.sqlite3") as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-2:] == ["maintenance.enter", "maintenance.exit_to_desktop"], actions
