"""Where the kiosk window sits: the whole screen in kiosk mode, a design-aspect window otherwise.

`showFullScreen()` only asks the window manager (on X11, `_NET_WM_STATE_FULLSCREEN`). A kiosk
session often has no window manager at all, and then nobody answers: the window would stay at its
initial size in a corner. So the window also takes its screen's whole geometry itself, and follows
that screen when it changes size or when the window moves to another screen.
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QScreen
from PySide6.QtQuick import QQuickWindow

log = logging.getLogger(__name__)

DESIGN_SIZES = {"portrait": QSize(1080, 1920), "landscape": QSize(1920, 1080)}
# a windowed kiosk leaves a little of the desktop around it (panels, the window's frame)
WINDOWED_SHARE = 0.95


def windowed_size(orientation: str, available: QRect | None) -> tuple[QSize, float]:
    """The design size scaled down (never up) to fit the available area, aspect kept; and the scale."""
    design = DESIGN_SIZES[orientation]
    if available is None or available.width() <= 0 or available.height() <= 0:
        return QSize(design), 1.0
    scale = min(1.0, WINDOWED_SHARE * available.width() / design.width(),
                WINDOWED_SHARE * available.height() / design.height())
    return QSize(int(design.width() * scale), int(design.height() * scale)), scale


class WindowPlacement(QObject):
    """Shows the kiosk window fullscreen or windowed, and keeps it that way."""

    def __init__(self, window: QQuickWindow, windowed: bool, orientation: str) -> None:
        super().__init__(window)
        self.window = window
        self.windowed = windowed
        self.orientation = orientation
        self._screen: QScreen | None = None
        self._placed = False  # a window shown some other way (the screenshot tour) is left alone
        window.screenChanged.connect(self._on_screen_changed)

    def show(self) -> None:
        self._placed = True
        frameless = Qt.WindowType.FramelessWindowHint
        if self.windowed:
            self.window.setFlags(self.window.flags() & ~frameless)
            self.fit()
            self.window.show()
        else:
            self.window.setFlags(self.window.flags() | frameless)
            self._follow(self.window.screen())
            self.fill()
            self.window.showFullScreen()  # for window managers and Wayland compositors that honour it

    def set_orientation(self, orientation: str) -> None:
        self.orientation = orientation
        if not self._placed:
            return
        if self.windowed:
            self.fit()
        else:
            self.fill()

    def fit(self) -> None:
        screen = self.window.screen()
        available = screen.availableGeometry() if screen is not None else None
        size, scale = windowed_size(self.orientation, available)
        if scale < 1.0 and available is not None:
            design = DESIGN_SIZES[self.orientation]
            log.info("window scaled to %d%% (%d×%d) to fit the screen's %d×%d available area "
                     "(%s design size %d×%d)", round(scale * 100), size.width(), size.height(),
                     available.width(), available.height(), self.orientation, design.width(),
                     design.height())
        self.window.resize(size)

    def fill(self) -> None:
        screen = self.window.screen()
        if screen is None:
            return
        geometry = screen.geometry()
        if self.window.geometry() != geometry:
            log.info("fullscreen: %d×%d at %d,%d (screen %r)", geometry.width(), geometry.height(),
                     geometry.x(), geometry.y(), screen.name())
            self.window.setGeometry(geometry)

    def _follow(self, screen: QScreen | None) -> None:
        if screen is self._screen:
            return
        if self._screen is not None:
            with contextlib.suppress(RuntimeError):  # the screen may be gone already (unplugged)
                self._screen.geometryChanged.disconnect(self._on_geometry_changed)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._on_geometry_changed)

    def _on_screen_changed(self, screen: QScreen | None) -> None:
        if self.windowed or not self._placed:
            return
        self._follow(screen)
        self.fill()

    def _on_geometry_changed(self, _geometry: QRect) -> None:
        if self._placed and not self.windowed:
            self.fill()
