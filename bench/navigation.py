"""Tap → first frame of the next screen, software renderer, 100,000 products.

Run: .venv/bin/python bench/navigation.py   (no arguments; about a minute)

Generates the synthetic catalog (`kiosk.catalog.generator`) in a temporary data dir, opens the real
kiosk UI offscreen with the software Qt Quick renderer at the portrait design size (1080×1920), and
taps through home → category → product → back → back, timing from the tap until the window has
swapped the first frame of the next screen. Baseline in the same run: the same taps on a trivial QML
window whose Loader switches between two plain screens.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import PySide6.QtQuick  # noqa: F401  (root objects come back as QQuickWindow)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.app import build_services
from kiosk.catalog.generator import generate_catalog
from kiosk.config import load_config
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.services import data_paths
from kiosk.ui.app import KioskUi, ensure_app
from kiosk.ui.pump import process_events

PRODUCTS = 100_000
ROUNDS = 22  # each round visits another category (11 categories, twice)
WARMUP = 2
TARGET_P95_MS = 50.0
SIZE = (1080, 1920)

BASELINE_QML = b"""
import QtQuick
import QtQuick.Window
Window {
    width: 1080; height: 1920; visible: true
    property int page: 0
    Loader {
        anchors.fill: parent
        sourceComponent: page % 2 ? b : a
    }
    Component { id: a; Rectangle { objectName: "a"; color: "#F6F4F1"
        Text { anchors.centerIn: parent; text: "A"; font.pixelSize: 44 } } }
    Component { id: b; Rectangle { objectName: "b"; color: "#FFFFFF"
        Text { anchors.centerIn: parent; text: "B"; font.pixelSize: 44 } } }
    MouseArea { objectName: "tap"; anchors.fill: parent; onClicked: page += 1 }
}
"""


class FrameTimer:
    """Time from a tap to the first swapped frame that shows the next screen.

    The software renderer draws on the GUI thread: a frame may even be swapped inside the click
    (between press and release), so each swap is stamped with whether the screen had changed by then.
    """

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window
        self._changed: Callable[[], bool] = lambda: False
        self.shown_at = 0.0
        window.frameSwapped.connect(self._on_swap, Qt.ConnectionType.DirectConnection)

    def _on_swap(self) -> None:
        if not self.shown_at and self._changed():
            self.shown_at = time.perf_counter()

    def tap(self, item: QQuickItem, changed: Callable[[], bool]) -> float:
        """Milliseconds from the tap on `item` to the first frame swapped once `changed()` holds."""
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        self._changed, self.shown_at = changed, 0.0
        start = time.perf_counter()
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, pos=centre)
        if not changed():
            raise RuntimeError("the tap did not change the screen")
        deadline = start + 5.0
        while not self.shown_at:
            process_events()
            if time.perf_counter() > deadline:
                raise TimeoutError("no frame after the tap")
        self._changed = lambda: False
        return (self.shown_at - start) * 1000


def settle(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        process_events()
        time.sleep(0.002)


def measure_kiosk(data_dir: Path) -> dict[str, list[float]]:
    config = load_config(environ={}, overrides={"data_dir": str(data_dir), "demo": False})
    services = build_services(config, data_paths(config), with_devices=False, with_store=False)
    ui = KioskUi(config, services.events)
    samples: dict[str, list[float]] = {k: [] for k in ("home → category", "category → product",
                                                        "product → back", "category → back")}
    try:
        ui.attach(services)
        ui.window.resize(*SIZE)
        ui.window.show()
        settle(0.5)
        give_up = time.perf_counter() + 30
        while not ui.shopper.catalog.property("loaded"):
            if time.perf_counter() > give_up:
                raise TimeoutError("the catalog did not load")
            settle(0.05)
        nav = ui.navigator
        timer = FrameTimer(ui.window)
        ui.navigator.push("home")
        settle(0.3)
        categories = ui.shopper.catalog.categories.rowCount()
        for round_no in range(ROUNDS + WARMUP):
            tile = ui.item(f"categoryTile_{round_no % categories}")
            flick = ui.item("homeFlick")
            # bring the tile into view the way a shopper would have scrolled to it
            top = tile.mapToItem(flick.property("contentItem"), 0, 0).y()
            flick.setProperty("contentY", max(0.0, top - 200))
            settle(0.05)
            times = [
                ("home → category", timer.tap(tile, lambda: nav.screen == "category")),
            ]
            settle(0.15)  # let the visible tiles' pictures load, as a shopper's eye would
            times.append(("category → product",
                          timer.tap(ui.item("gridCard_0"), lambda: nav.screen == "product")))
            settle(0.15)
            back = ui.item("backButton")
            times.append(("product → back", timer.tap(back, lambda: nav.screen == "category")))
            settle(0.1)
            back = ui.item("backButton")
            times.append(("category → back", timer.tap(back, lambda: nav.screen == "home")))
            settle(0.1)
            if round_no >= WARMUP:
                for key, value in times:
                    samples[key].append(value)
    finally:
        ui.close()
        services.close()
    return samples


def measure_baseline() -> list[float]:
    engine = QQmlApplicationEngine()
    engine.loadData(BASELINE_QML)
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    settle(0.3)
    timer = FrameTimer(window)
    tap_area = window.findChild(QQuickItem, "tap")
    values = []
    for _ in range((ROUNDS + WARMUP) * 4):
        before = window.property("page")
        values.append(timer.tap(tap_area, lambda b=before: window.property("page") != b))
        settle(0.02)
    window.hide()
    engine.deleteLater()
    return values[WARMUP * 4:]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> None:
    ensure_app()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        db = Database(data / "kiosk.sqlite3")
        upgrade(db)
        started = time.perf_counter()
        generate_catalog(db, PRODUCTS, seed=0)
        db.close()
        print(f"catalog: {PRODUCTS:,} products generated in {time.perf_counter() - started:.1f} s")
        baseline = measure_baseline()
        samples = measure_kiosk(data)
    everything = [v for values in samples.values() for v in values]
    base_p95 = p95(baseline)
    print(f"{'tap → first frame (software, 1080×1920)':42} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'max ms':>8} {'p95 ratio':>10}")
    rows = [("baseline: trivial QML screen switch", baseline), *samples.items(),
            ("kiosk, all taps", everything)]
    for label, values in rows:
        print(f"{label:42} {len(values):4d} {statistics.median(values):8.1f} {p95(values):8.1f} "
              f"{max(values):8.1f} {p95(values) / base_p95:10.1f}")
    print(f"FIGURE tap_to_frame_p95_ms {p95(everything):.1f} ms target <= {TARGET_P95_MS:g}")


if __name__ == "__main__":
    main()
