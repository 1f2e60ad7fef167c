"""The payment QR rendered by real QML: it decodes, keeps a clean quiet zone and stays crisp when scaled."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QPointF, QRectF, QUrl
from PySide6.QtGui import QImage
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.config import load_config
from kiosk.devices.qr import QUIET_ZONE, build_qr
from kiosk.paths import qml_dir
from kiosk.ui.qr_display import (
    OnScreenQrDisplay,
    QrPaymentView,
    SecondScreenQrDisplay,
    make_qr_display,
)

PAYLOAD = "http://127.0.0.1:8765/pay/3f2a9c7e-5b1d-4c8e-9f6a-2d4b8e1c0a7f"
OTHER = "http://127.0.0.1:8765/pay/0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"

# a stage scaled as the kiosk's is, to a size that is no whole multiple of anything
PAYMENT_QML = b"""
import QtQuick
import KioskDevices
Window {
    id: window
    required property QtObject view
    width: 880; height: 560; color: "#F6F4F1"
    Item {
        objectName: "stage"
        width: window.width / scale; height: window.height / scale
        transformOrigin: Item.TopLeft
        scale: %s
        QrPaymentPanel {
            objectName: "panel"
            anchors.fill: parent
            anchors.margins: 40
            view: window.view
            hint: "Scan with your phone to pay"
        }
    }
}
"""


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def engine(qapp: Any) -> Iterator[QQmlEngine]:
    import PySide6.QtQuick  # noqa: F401  (root objects come back as QQuickWindow)

    eng = QQmlEngine()
    eng.addImportPath(str(qml_dir()))
    yield eng
    eng.deleteLater()


def to_pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes("L", (image.width(), image.height()), data, "raw", "L", image.bytesPerLine())


def decoded(window: QQuickWindow) -> list[str]:
    return [c.text for c in zxingcpp.read_barcodes(to_pil(window.grabWindow()))]


def window_rect(item: QQuickItem) -> QRectF:
    top_left = item.mapToScene(QPointF(0, 0))
    bottom_right = item.mapToScene(QPointF(item.width(), item.height()))
    return QRectF(top_left, bottom_right)


def check_code(window: QQuickWindow, payload: str, shot: Path | None = None) -> int:
    """Decode the rendered code, check its quiet zone and module size; returns pixels per module."""
    image = window.grabWindow()
    if shot is not None:
        image.save(str(shot))
    pil = to_pil(image)
    assert [c.text for c in zxingcpp.read_barcodes(pil)] == [payload]
    item = window.findChild(QQuickItem, "qrImage")
    rect = window_rect(item).toAlignedRect().adjusted(-2, -2, 2, 2)
    area = pil.crop((rect.left(), rect.top(), rect.right() + 1, rect.bottom() + 1))
    # the dark modules' bounding box: the finder patterns' outer corners
    box = area.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    matrix = build_qr(payload)
    inner = matrix.size - 2 * QUIET_ZONE
    width, height = box[2] - box[0], box[3] - box[1]
    assert width == height and width % inner == 0, (box, rect, width, inner)
    scale = width // inner
    assert scale >= 2
    # crisp: only black and white inside the code, no smoothing grey
    code = area.crop(box)
    assert set(code.tobytes()) <= {0, 255}
    # clean quiet zone: 4 modules of pure white all round
    zone = QUIET_ZONE * scale
    outer = (box[0] - zone, box[1] - zone, box[2] + zone, box[3] + zone)
    assert outer[0] >= 0 and outer[1] >= 0 and outer[2] <= area.width and outer[3] <= area.height
    frame = area.crop(outer)
    for band in [(0, 0, frame.width, zone), (0, frame.height - zone, frame.width, frame.height),
                 (0, 0, zone, frame.height), (frame.width - zone, 0, frame.width, frame.height)]:
        assert set(frame.crop(band).tobytes()) == {255}, band
    return scale


def open_window(qtbot: Any, engine: QQmlEngine, view: QrPaymentView,
                scale: float) -> tuple[QQuickWindow, QQmlComponent]:
    component = QQmlComponent(engine)
    component.setData(PAYMENT_QML % str(scale).encode(), QUrl.fromLocalFile(str(qml_dir() / "test.qml")))
    window = component.createWithInitialProperties({"view": view})
    assert isinstance(window, QQuickWindow), component.errors()
    window.show()
    qtbot.waitExposed(window)
    return window, component  # the window lives as long as its component


@pytest.mark.gui
@pytest.mark.parametrize("stage_scale", [1.0, 0.73])
def test_on_screen_qr_decodes_with_a_clean_quiet_zone(qtbot: Any, engine: QQmlEngine, tmp_path: Path,
                                                      stage_scale: float) -> None:
    clock = FakeClock()
    display = OnScreenQrDisplay(QrPaymentView("zh_CN", clock=clock))
    window, _component = open_window(qtbot, engine, display.view, stage_scale)
    try:
        image = window.findChild(QQuickItem, "qrImage")
        assert not image.isVisible()
        deadline = datetime.fromtimestamp(clock.now) + timedelta(seconds=125)
        display.show(PAYLOAD, 13100, "CNY", deadline)
        assert display.view.amountText == "¥131.00"
        assert display.view.countdownText == "2:05"
        qtbot.waitUntil(lambda: image.isVisible() and image.property("progress") == 1.0)
        # the scene graph may take another frame to show a freshly decoded image
        qtbot.waitUntil(lambda: decoded(window) == [PAYLOAD])
        check_code(window, PAYLOAD, tmp_path / "qr.png")

        clock.now += 6.0
        qtbot.waitUntil(lambda: display.view.countdownText == "1:59")
        assert window.findChild(QQuickItem, "qrCountdown").property("text") == "1:59"

        # another code of the same size replaces the first one
        display.show(OTHER, 500, "CNY", deadline)
        qtbot.waitUntil(lambda: decoded(window) == [OTHER])
        check_code(window, OTHER)

        display.clear()
        assert not image.isVisible() and not display.view.active
        assert zxingcpp.read_barcodes(to_pil(window.grabWindow())) == []
    finally:
        destroy(qtbot, window)


def destroy(qtbot: Any, window: QQuickWindow) -> None:
    """Gone before its view-model is: bindings must never see a deleted view."""
    window.close()
    with qtbot.waitSignal(window.destroyed):
        window.deleteLater()


@pytest.mark.gui
def test_show_from_a_worker_thread_reaches_the_screen(qtbot: Any, engine: QQmlEngine) -> None:
    clock = FakeClock()
    display = OnScreenQrDisplay(QrPaymentView("en_US", clock=clock))
    deadline = datetime.fromtimestamp(clock.now) + timedelta(seconds=3)
    worker = threading.Thread(target=display.show, args=(PAYLOAD, 990, "CNY", deadline))
    with qtbot.waitSignal(display.view.changed):
        worker.start()
        worker.join()
    assert display.view.active and display.view.payload == PAYLOAD
    assert display.view.amountText == "CN¥9.90"
    clock.now += 3.0
    qtbot.waitUntil(lambda: display.view.expired)
    assert display.view.countdownText == "0:00"


@pytest.mark.gui
def test_second_screen_falls_back_to_on_screen(qtbot: Any, engine: QQmlEngine,
                                                caplog: pytest.LogCaptureFixture) -> None:
    config = load_config(environ={}, overrides={"qr_display": {"mode": "second_screen", "screen": 7}})
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.qr_display"):
        display = make_qr_display(config, engine)
    assert isinstance(display, OnScreenQrDisplay)
    assert display.view.onKioskScreen
    assert "qr_display.screen = 7 does not exist" in caplog.text
    assert isinstance(make_qr_display(load_config(environ={}), engine), OnScreenQrDisplay)


@pytest.mark.gui
def test_second_screen_window_shows_the_code(qtbot: Any, engine: QQmlEngine, tmp_path: Path) -> None:
    # the offscreen platform has one screen; a customer display configured on it is real enough
    config = load_config(environ={}, overrides={"qr_display": {"mode": "second_screen", "screen": 0}})
    display = make_qr_display(config, engine)
    assert isinstance(display, SecondScreenQrDisplay)
    try:
        window = display.window
        qtbot.waitExposed(window)
        assert not display.view.onKioskScreen
        assert window.screen() is display.screen or window.screen().name() == display.screen.name()
        assert window.findChild(QQuickItem, "qrIdleText").isVisible()
        display.show(PAYLOAD, 13100, "CNY", datetime.now() + timedelta(minutes=2))
        image = window.findChild(QQuickItem, "qrImage")
        qtbot.waitUntil(lambda: image.isVisible() and image.property("progress") == 1.0)
        check_code(window, PAYLOAD, tmp_path / "customer.png")
        display.clear()
        assert window.findChild(QQuickItem, "qrIdleText").isVisible()
    finally:
        with qtbot.waitSignal(display.window.destroyed):
            display.close()
