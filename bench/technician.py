"""The technician's way in: does the PIN lockout survive a restart, what a PIN check costs, and how
many taps a technician needs to reach a test print.

1. Lockout: one process makes a data dir with the demo PIN and types five wrong PINs; a second,
   fresh process over the same data dir checks that the pad is still locked and refuses the right PIN.
2. Cost, interleaved in one process (same-run baseline: an argon2id verify with the PIN's parameters
   and no database): a right PIN, a wrong PIN, and a PIN refused while locked (never hashed).
3. Taps, on the real kiosk offscreen: attract → gesture → PIN → test print, counted as the technician
   taps them (each tap goes through the window as a mouse press).

Run: .venv/bin/python bench/technician.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import sys
from pathlib import Path
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.technician_pin import DEMO_PIN, FREE_TRIES, TechnicianPin
root = Path(sys.argv[2])
db = Database(root / "kiosk.sqlite3")
upgrade(db)
pin = TechnicianPin(db, root / "pin.pepper")
if sys.argv[1] == "fail":
    pin.set_pin(DEMO_PIN)
    for _ in range(FREE_TRIES):
        pin.verify("975310")
    print("locked", pin.locked_for())
else:
    check = pin.verify(DEMO_PIN)
    print("after-restart", int(not check.ok and check.locked_s > 0), check.locked_s)
"""


def lockout_survives_restart() -> tuple[bool, str]:
    with tempfile.TemporaryDirectory() as root:
        first = subprocess.run([sys.executable, "-c", CHILD, "fail", root], capture_output=True, text=True,
                               cwd=ROOT, check=True, timeout=60).stdout.split()
        second = subprocess.run([sys.executable, "-c", CHILD, "check", root], capture_output=True, text=True,
                                cwd=ROOT, check=True, timeout=60).stdout.split()
    return second[1] == "1", (f"locked {first[1]} s; after the restart the right PIN is refused, "
                              f"{second[2]} s left")


def time_ms(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def costs(runs: int) -> list[tuple[str, list[float]]]:
    from kiosk.db.engine import Database
    from kiosk.db.migrate import upgrade
    from kiosk.technician_pin import DEMO_PIN, FREE_TRIES, TechnicianPin, hasher

    with tempfile.TemporaryDirectory() as root:
        db = Database(Path(root) / "kiosk.sqlite3")
        upgrade(db)
        pin = TechnicianPin(db, Path(root) / "pin.pepper")
        pin.set_pin(DEMO_PIN)
        bare = hasher()
        encoded = bare.hash("x" * 64)
        locked = TechnicianPin(db, Path(root) / "pin.pepper")
        samples: dict[str, list[float]] = {"bare": [], "right": [], "wrong": [], "locked": []}
        for _ in range(runs):
            samples["bare"] += time_ms(lambda: bare.verify(encoded, "x" * 64), 1)
            samples["right"] += time_ms(lambda: pin.verify(DEMO_PIN), 1)
            pin.set_pin(DEMO_PIN)  # a clean count for the wrong PIN below
            samples["wrong"] += time_ms(lambda: pin.verify("975310"), 1)
        pin.set_pin(DEMO_PIN)
        for _ in range(FREE_TRIES):
            locked.verify("975310")
        samples["locked"] = time_ms(lambda: locked.verify(DEMO_PIN), runs)
        db.close()
    return [("argon2id verify alone, 19 MiB t=2 p=1 (baseline)", samples["bare"]),
            ("right PIN: pepper + argon2id + reset count", samples["right"]),
            ("wrong PIN: argon2id + count + lock in database", samples["wrong"]),
            ("PIN while locked: refused unhashed", samples["locked"])]


def taps_to_test_print() -> tuple[int, int]:
    """(taps before the technician area is open, taps after it to a test page on the printer)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    home = tempfile.mkdtemp(prefix="bench-technician-home-")
    os.environ["HOME"] = home
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtTest import QTest

    from kiosk.app import build_services
    from kiosk.config import load_config
    from kiosk.services import data_paths
    from kiosk.technician_pin import DEMO_PIN
    from kiosk.ui.app import KioskUi

    taps = 0

    def tap_at(ui: KioskUi, point: QPoint) -> None:
        nonlocal taps
        QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, pos=point)
        taps += 1
        QTest.qWait(30)

    def tap(ui: KioskUi, name: str) -> None:
        item = ui.item(name)
        tap_at(ui, item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint())

    def wait(ui: KioskUi, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 20
        while not done():
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}")
            QTest.qWait(20)

    with tempfile.TemporaryDirectory() as data_dir:
        config = load_config(environ={}, overrides={"data_dir": data_dir})
        services = build_services(config, data_paths(config), with_store=False)
        ui = KioskUi(config, services.events)
        ui.attach(services)
        ui.show()
        wait(ui, lambda: ui.window.isExposed(), "the window")
        try:
            for _ in range(config.maintenance.gesture_taps):
                tap_at(ui, QPoint(8, 8))
            wait(ui, lambda: ui.maintenance.entry.property("state") == "pin", "the PIN pad")
            for digit in DEMO_PIN:
                tap(ui, f"pinKey_{digit}")
            tap(ui, "pinKey_ok")
            wait(ui, lambda: ui.navigator.screen == "maintenance", "the technician area")
            before = taps
            tap(ui, "techTestPrint")
            printer = services.devices.printer if services.devices is not None else None
            assert printer is not None
            wait(ui, lambda: str(ui.maintenance.devices.property("testPrintOutcome")) != "", "the test print")
            return before, taps - before
        finally:
            ui.close()
            services.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    survived, how = lockout_survives_restart()
    rows = costs(args.runs)
    before, after = taps_to_test_print()
    base = statistics.median(rows[0][1])
    print(f"{'PIN check':50} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>7}")
    for label, values in rows:
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"{label:50} {len(values):4d} {statistics.median(values):8.1f} {p95:8.1f} "
              f"{statistics.median(values) / base:6.2f}x")
    print()
    print(f"lockout across a restart (two processes): {how}")
    print(f"taps from the attract screen: {before} to open the technician area (gesture + PIN + OK), "
          f"then {after} to a test print")
    print(f"FIGURE pin_lockout_survives_restart {int(survived)} bool target >= 1")
    print(f"FIGURE taps_to_test_print_after_pin {after} taps target <= 4")


if __name__ == "__main__":
    main()
