"""The payment QR on a screen: the view-model QML binds to, and the two QrPaymentDisplay adapters.

`OnScreenQrDisplay` paints the code in the kiosk's own payment screen; `SecondScreenQrDisplay`
paints it in a frameless window on a customer-facing screen chosen in config. Both drive one
`QrPaymentView`: the payment screen binds to it for the amount and the countdown, and paints the
code itself only when `onKioskScreen` is true.

The code is painted crisp: the QML item (KioskDevices/QrCode.qml) works out how many device pixels
it has, asks for an image with a whole number of pixels per module and shows it 1:1 without smoothing.
"""

from __future__ import annotations

import base64
import logging
import math
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    Property,
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    Qt,
    QThread,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QImage, QScreen
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.config import KioskConfig, QrDisplayConfig
from kiosk.devices.ports import QrPaymentDisplay
from kiosk.devices.qr import QrMatrix, build_qr
from kiosk.money import Money, format_money
from kiosk.paths import qml_dir
from kiosk.ui.qr_image import qr_image

log = logging.getLogger(__name__)

Clock = Callable[[], float]  # Unix seconds, like time.time()

QML_MODULE = "KioskDevices"


def module_file(name: str) -> QUrl:
    return QUrl.fromLocalFile(str(qml_dir() / QML_MODULE / name))


def image_data_url(image: QImage) -> str:
    """A PNG data URL: QML's Image loads it without an image provider on the engine."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
    buffer.close()
    return "data:image/png;base64," + base64.b64encode(bytes(data.data())).decode("ascii")


def scaled_image_url(matrix: QrMatrix | None, scale: int, made: dict[int, str]) -> str:
    """The code at `scale` whole pixels per module, quiet zone included ("" when there is none); each
    scale is drawn once and kept in `made` (cleared when the code changes)."""
    if matrix is None or scale < 1:
        return ""
    url = made.get(scale)
    if url is None:
        url = made[scale] = image_data_url(qr_image(matrix, scale))
    return url


class QrPaymentView(QObject):
    """What the payment QR shows now: payload, amount, time left. Lives on the GUI thread."""

    changed = Signal()  # active, payload, amount
    countdownChanged = Signal()
    _call = Signal(object)

    def __init__(self, locale: str = "zh_CN", on_kiosk_screen: bool = True, clock: Clock = time.time,
                 tick_ms: int = 250, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._on_kiosk_screen = on_kiosk_screen
        self._clock = clock
        self._active = False
        self._payload = ""
        self._amount = 0
        self._currency = "CNY"
        self._deadline = 0.0
        self._seconds_left = 0
        self._matrix: QrMatrix | None = None
        self._revision = 0
        self._urls: dict[int, str] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    # --- called by the adapters (any thread) ----------------------------------------------------

    def present(self, payload: str, amount: int, currency: str, deadline: datetime) -> None:
        matrix = build_qr(payload)  # Qt-free and thread-safe: build it on the caller's thread
        self._on_gui(lambda: self._present(matrix, payload, amount, currency, deadline.timestamp()))

    def dismiss(self) -> None:
        self._on_gui(self._dismiss)

    def _on_gui(self, fn: Callable[[], None]) -> None:
        if QThread.currentThread() == self.thread():
            fn()
        else:
            self._call.emit(fn)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()

    def _present(self, matrix: QrMatrix, payload: str, amount: int, currency: str, deadline: float) -> None:
        self._matrix, self._payload, self._amount, self._currency = matrix, payload, amount, currency
        self._deadline = deadline
        self._active = True
        self._revision += 1
        self._urls.clear()
        self._timer.start()
        self.changed.emit()
        self._tick(force=True)

    def _dismiss(self) -> None:
        self._timer.stop()
        self._active = False
        self._matrix, self._payload, self._amount = None, "", 0
        self._seconds_left = 0
        self._revision += 1
        self._urls.clear()
        self.changed.emit()
        self.countdownChanged.emit()

    def _tick(self, force: bool = False) -> None:
        left = max(0, math.ceil(self._deadline - self._clock())) if self._active else 0
        if left != self._seconds_left or force:
            self._seconds_left = left
            self.countdownChanged.emit()
        if left == 0:
            self._timer.stop()

    # --- bound by QML ---------------------------------------------------------------------------

    @Property(bool, notify=changed)
    def active(self) -> bool:
        return self._active

    @Property(bool, constant=True)
    def onKioskScreen(self) -> bool:
        """False when the code is on the customer display: the kiosk shows amount and time only."""
        return self._on_kiosk_screen

    @Property(str, notify=changed)
    def payload(self) -> str:
        return self._payload

    @Property(int, notify=changed)
    def revision(self) -> int:
        return self._revision

    @Property(int, notify=changed)
    def moduleCount(self) -> int:
        """Modules per side, quiet zone included (0 when nothing is shown)."""
        return self._matrix.size if self._matrix is not None else 0

    @Property(int, notify=changed)
    def amountMinor(self) -> int:
        return self._amount

    @Property(str, notify=changed)
    def amountText(self) -> str:
        if not self._active:
            return ""
        return format_money(Money(self._amount, self._currency), self._locale)

    @Property(int, notify=countdownChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    @Property(str, notify=countdownChanged)
    def countdownText(self) -> str:
        minutes, seconds = divmod(self._seconds_left, 60)
        return f"{minutes}:{seconds:02d}"

    @Property(bool, notify=countdownChanged)
    def expired(self) -> bool:
        return self._active and self._seconds_left == 0

    @Slot(str)
    def setLocale(self, locale: str) -> None:
        if locale != self._locale:
            self._locale = locale
            self.changed.emit()

    @Slot(int, result=str)
    def imageUrl(self, scale: int) -> str:
        """The code at `scale` whole pixels per module, quiet zone included ("" when inactive)."""
        return scaled_image_url(self._matrix, scale, self._urls)


class QtQrDisplay(QrPaymentDisplay):
    """A QrPaymentDisplay painted by Qt; `view` is what the payment screen binds to."""

    def __init__(self, view: QrPaymentView) -> None:
        self.view = view

    def show(self, payload: str, amount: int, currency: str, deadline: datetime) -> None:
        self.view.present(payload, amount, currency, deadline)

    def clear(self) -> None:
        self.view.dismiss()

    def close(self) -> None:
        self.view.dismiss()


class OnScreenQrDisplay(QtQrDisplay):
    """The code is painted in the kiosk's own payment screen (KioskDevices.QrCode bound to `view`)."""


class SecondScreenQrDisplay(QtQrDisplay):
    """A frameless, full-screen window on a customer-facing screen shows the code, amount and time."""

    def __init__(self, view: QrPaymentView, engine: QQmlEngine, screen: QScreen, title: str = "") -> None:
        super().__init__(view)
        self.screen = screen
        self.window, self._component = create_window(engine, "QrCustomerWindow.qml",
                                                     {"view": view, "storeName": title})
        self.window.setFlags(self.window.flags() | Qt.WindowType.FramelessWindowHint)
        self.window.setScreen(screen)
        self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()

    def close(self) -> None:
        super().close()
        view = self.view
        # the connection holds the view until the window is gone: its bindings never see None
        self.window.destroyed.connect(lambda *_: view.objectName())
        self.window.close()
        self.window.deleteLater()


def create_window(engine: QQmlEngine, file_name: str,
                  properties: dict[str, Any]) -> tuple[QQuickWindow, QQmlComponent]:
    """Instantiate a Window from the KioskDevices module; raises with the QML errors if it fails.

    Keep the component as long as the window: the window goes when its component is collected."""
    component = QQmlComponent(engine, module_file(file_name))
    created = component.createWithInitialProperties(properties)
    if created is None or not isinstance(created, QQuickWindow):
        errors = "; ".join(e.toString() for e in component.errors())
        raise RuntimeError(f"{file_name} did not load: {errors or 'not a Window'}")
    # the Python side owns the window; the engine's garbage collector must leave it alone
    QQmlEngine.setObjectOwnership(created, QQmlEngine.ObjectOwnership.CppOwnership)
    return created, component


def customer_screen(settings: QrDisplayConfig) -> QScreen | None:
    """The customer-facing screen `[qr_display]` asks for, when it asks for one and it exists."""
    screens = QGuiApplication.screens()
    if settings.mode == "second_screen" and 0 <= settings.screen < len(screens):
        return screens[settings.screen]
    return None


def make_qr_display(config: KioskConfig, engine: QQmlEngine, clock: Clock = time.time) -> QtQrDisplay:
    """The adapter `[qr_display]` asks for; a customer screen that does not exist means on-screen."""
    settings = config.qr_display
    screen = customer_screen(settings)
    if screen is not None:
        view = QrPaymentView(config.ui.language, on_kiosk_screen=False, clock=clock)
        log.info("payment QR on the customer display: screen %d (%s)", settings.screen, screen.name())
        return SecondScreenQrDisplay(view, engine, screen, config.identity.store_name)
    if settings.mode == "second_screen":
        log.warning("qr_display.screen = %d does not exist (%d screen(s) found): "
                    "the payment QR is shown on the kiosk screen", settings.screen,
                    len(QGuiApplication.screens()))
    return OnScreenQrDisplay(QrPaymentView(config.ui.language, on_kiosk_screen=True, clock=clock))

