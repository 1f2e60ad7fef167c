"""Start-up time: process start → first frame of the attract screen, against a bare Qt Quick window.

Both run as fresh processes on the offscreen platform with the software renderer, interleaved, after
one warm-up each (the kiosk's first start migrates and seeds its database; a restart does not).
Run: .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the baseline: the least a PySide6 Qt Quick program can do to show a window with text in it
BARE = r"""
import sys, time
import PySide6.QtQuick
from PySide6.QtCore import QMetaObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
app = QGuiApplication(sys.argv)
engine = QQmlApplicationEngine()
engine.loadData(b'import QtQuick\nWindow { visible: true; width: 540; height: 960; '
                b'Text { anchors.centerIn: parent; text: "Tap anywhere to start" } }')
window = engine.rootObjects()[0]
stamp = []
def swapped():
    stamp.append(time.time())
window.frameSwapped.connect(swapped, Qt.ConnectionType.SingleShotConnection)
def poll():
    if stamp:
        print(f"first-frame {stamp[0]:.6f}", flush=True)
        app.quit()
timer = QTimer(); timer.timeout.connect(poll); timer.start(1)
app.exec()
"""


def env() -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    return {**base, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}


def time_to_first_frame(cmd: list[str]) -> float:
    start = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env(), cwd=ROOT, timeout=120, check=True)
    stamps = [line.split()[1] for line in out.stdout.splitlines() if line.startswith("first-frame ")]
    if not stamps:
        raise RuntimeError(f"no first frame from {cmd}: {out.stderr[-2000:]}")
    return (float(stamps[0]) - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # an installed kiosk (pip, PyInstaller) runs from bytecode; a checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module at every start and measure that instead
    subprocess.run([sys.executable, "-m", "compileall", "-q", "kiosk"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as data_dir:
        kiosk = [sys.executable, "-m", "kiosk", "--demo", "--data-dir", data_dir, "--exit-after-first-frame"]
        bare = [sys.executable, "-c", BARE]
        first_start = time_to_first_frame(kiosk)
        time_to_first_frame(bare)
        samples: dict[str, list[float]] = {"bare": [], "kiosk": []}
        for _ in range(args.runs):
            samples["bare"].append(time_to_first_frame(bare))
            samples["kiosk"].append(time_to_first_frame(kiosk))
    bare_ms = statistics.median(samples["bare"])
    kiosk_ms = statistics.median(samples["kiosk"])
    ratio = kiosk_ms / bare_ms
    print(f"{'start-up to first frame':34} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'ratio':>6}")
    for name, label in (("bare", "bare PySide6 Qt Quick window"), ("kiosk", "kiosk attract screen")):
        values = samples[name]
        print(f"{label:34} {statistics.median(values):10.0f} {min(values):8.0f} {max(values):8.0f} "
              f"{statistics.median(values) / bare_ms:6.2f}")
    print(f"({args.runs} runs each, interleaved; the kiosk's very first start, migrating and seeding an "
          f"empty data dir, took {first_start:.0f} ms)")
    print(f"FIGURE startup_ratio {ratio:.2f} x target <= 2.0")


if __name__ == "__main__":
    main()
