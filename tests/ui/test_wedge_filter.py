"""The wedge key filter in a real QML window: scanner bursts become scans, typing reaches the field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.devices.scans import Scan, ScanKind
from kiosk.devices.wedge import WedgeScanner
from kiosk.ui.wedge_filter import WedgeKeyFilter, install_wedge_filter

FIELD_QML = b"""
import QtQuick
Window {
    width: 400; height: 120; color: "white"
    // the focused item: what a person types lands here (no input method, so no virtual keyboard)
    Item {
        objectName: "field"
        anchors.fill: parent
        focus: true
        property string text: ""
        property int accepted: 0
        Keys.onPressed: (event) => {
            if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                accepted += 1
            else if (event.key === Qt.Key_Backspace)
                text = text.slice(0, -1)
            else if (event.text.length > 0)
                text += event.text
            event.accepted = true
        }
    }
}
"""


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Rig:
    def __init__(self, qtbot: Any, window: QQuickWindow, clock: FakeClock, key_filter: WedgeKeyFilter,
                 scans: list[Scan]) -> None:
        self.qtbot, self.window, self.clock, self.filter, self.scans = qtbot, window, clock, key_filter, scans
        self.field = window.findChild(QQuickItem, "field")

    def type(self, text: str, seconds_per_key: float) -> None:
        for char in text:
            self.qtbot.keyClick(self.window, char)
            self.clock.now += seconds_per_key

    @property
    def text(self) -> str:
        return str(self.field.property("text"))


@pytest.fixture
def rig(qtbot: Any, qapp: QGuiApplication) -> Iterator[Rig]:
    import PySide6.QtQuick  # noqa: F401

    clock = FakeClock()
    scanner = WedgeScanner(clock=clock)
    scans: list[Scan] = []
    scanner.add_scan_listener(scans.append)
    key_filter = install_wedge_filter(qapp, scanner)
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(FIELD_QML, QUrl())
    window = component.create()
    assert isinstance(window, QQuickWindow), component.errors()
    window.show()
    window.requestActivate()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    yield Rig(qtbot, window, clock, key_filter, scans)
    qapp.removeEventFilter(key_filter)
    window.close()
    with qtbot.waitSignal(window.destroyed):
        window.deleteLater()
    engine.deleteLater()
    del component


@pytest.mark.gui
def test_scanner_burst_becomes_a_scan_and_is_never_typed(rig: Rig) -> None:
    rig.type("4006381333931\r", 0.010)
    assert [(s.kind, s.gtin) for s in rig.scans] == [(ScanKind.GTIN, "4006381333931")]
    rig.clock.now += 1.0
    rig.filter.tick()
    assert rig.text == ""
    assert rig.field.property("accepted") == 0  # the scanner's Enter did not submit the field


@pytest.mark.gui
def test_human_typing_reaches_the_field_in_order(rig: Rig) -> None:
    rig.type("cola 33\r", 0.150)
    assert rig.scans == []
    assert rig.text == "cola 33"
    assert rig.field.property("accepted") == 1  # a person's Enter still submits


@pytest.mark.gui
def test_typing_then_a_scan_then_typing(rig: Rig) -> None:
    rig.type("ab", 0.150)
    rig.type("96385074\r", 0.008)
    rig.type("cd", 0.200)
    rig.clock.now += 1.0
    rig.filter.tick()
    assert [s.gtin for s in rig.scans] == ["96385074"]
    assert rig.text == "abcd"


@pytest.mark.gui
def test_held_keys_are_typed_by_the_timer(rig: Rig, qtbot: Any) -> None:
    # a person types one key and stops: the timer releases it once the scanner's gap has passed
    rig.type("x", 0.0)
    assert rig.text == ""
    rig.clock.now += 0.2
    qtbot.waitUntil(lambda: rig.text == "x")
    # keys that type nothing go straight through, after what is due
    rig.type("y", 0.2)
    qtbot.keyClick(rig.window, "\b")
    assert rig.text == "x"
