"""Capped exponential backoff with jitter, so a fleet of kiosks does not retry in lockstep."""

from __future__ import annotations

import random


class Backoff:
    def __init__(self, base_s: float = 0.2, cap_s: float = 5.0, factor: float = 2.0,
                 jitter: float = 0.5, rng: random.Random | None = None) -> None:
        if not (0 < base_s <= cap_s and factor >= 1 and 0 <= jitter < 1):
            raise ValueError("need 0 < base_s <= cap_s, factor >= 1 and 0 <= jitter < 1")
        self.base_s = base_s
        self.cap_s = cap_s
        self.factor = factor
        self.jitter = jitter
        self._rng = rng or random.Random()
        self._attempt = 0

    def next_delay(self) -> float:
        """Delay before the next attempt; never more than the cap and never zero (no hot loop)."""
        ceiling = min(self.cap_s, self.base_s * self.factor ** self._attempt)
        if ceiling < self.cap_s:
            self._attempt += 1
        return ceiling * (1.0 - self.jitter * self._rng.random())

    def reset(self) -> None:
        self._attempt = 0
