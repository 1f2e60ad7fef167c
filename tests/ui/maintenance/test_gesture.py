"""The hidden gesture's rules, with an injected clock: the configured corner, count and time window."""

from __future__ import annotations

import pytest

from kiosk.ui.maintenance.gesture import CornerGesture

W, H = 1080, 1920  # the corner is 108 px square (a tenth of the shorter side)


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("corner", "x", "y"), [("top-left", 5, 5), ("top-right", W - 5, 5),
                                               ("bottom-left", 5, H - 5), ("bottom-right", W - 5, H - 5)])
def test_each_corner_opens_only_from_its_own_corner(corner: str, x: int, y: int) -> None:
    clock = Clock()
    gesture = CornerGesture(corner, 5, 3, clock)
    others = [(5, 5), (W - 5, 5), (5, H - 5), (W - 5, H - 5)]
    others.remove((x, y))
    for ox, oy in others:
        assert not any(gesture.press(ox, oy, W, H) for _ in range(10))
    assert [gesture.press(x, y, W, H) for _ in range(5)] == [False] * 4 + [True]


def test_the_count_must_fit_in_the_window_and_starts_again_after_success() -> None:
    clock = Clock()
    gesture = CornerGesture("top-left", 3, 2, clock)
    for _ in range(2):
        assert not gesture.press(10, 10, W, H)
    clock.now = 2.5  # the first two are too old now
    assert not gesture.press(10, 10, W, H)
    assert not gesture.press(10, 10, W, H)
    assert gesture.press(10, 10, W, H)
    assert not gesture.press(10, 10, W, H)  # a fresh count after a success


def test_the_corner_is_a_tenth_of_the_shorter_side() -> None:
    gesture = CornerGesture("top-left", 5, 3, Clock())
    assert gesture.in_corner(107, 107, W, H)
    assert not gesture.in_corner(109, 50, W, H)
    assert not gesture.in_corner(50, 109, W, H)
