"""The hidden way in: a number of taps in one corner of the screen within a few seconds.

Qt-free so it is tested with an injected clock; `kiosk.ui.maintenance.entry` feeds it the presses.
"""

from __future__ import annotations

import time
from collections.abc import Callable

CORNER_FRACTION = 0.1  # the corner is this share of the screen's shorter side, square


class CornerGesture:
    def __init__(self, corner: str, taps: int, window_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.corner = corner
        self.taps = taps
        self.window_s = window_s
        self._clock = clock
        self._times: list[float] = []

    def in_corner(self, x: float, y: float, width: float, height: float) -> bool:
        side = min(width, height) * CORNER_FRACTION
        near_x = x <= side if self.corner.endswith("left") else x >= width - side
        near_y = y <= side if self.corner.startswith("top") else y >= height - side
        return near_x and near_y

    def press(self, x: float, y: float, width: float, height: float) -> bool:
        """One press anywhere; True when it completes the gesture (which then starts afresh)."""
        now = self._clock()
        if not self.in_corner(x, y, width, height):
            self._times.clear()  # a tap elsewhere breaks the sequence: shoppers do not trip it
            return False
        self._times = [t for t in self._times if now - t <= self.window_s] + [now]
        if len(self._times) >= self.taps:
            self._times.clear()
            return True
        return False

    def reset(self) -> None:
        self._times.clear()
