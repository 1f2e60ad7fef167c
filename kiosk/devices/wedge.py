"""Tell a keyboard-wedge scanner from a person typing, by the time between keys.

A scanner "types" a whole code in a few milliseconds per key and ends with Enter; people need
100 ms or more per key. Keys are held back briefly: a fast run that ends in Enter becomes a scan,
anything else is handed back as typed text. The clock is injected because Qt's key events carry
no usable timestamp in tests, and so that tests control time exactly. The Qt event filter that feeds
this class lives in kiosk/ui.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.devices.ports import BarcodeScanner, ScanListener
from kiosk.devices.scans import Scan, parse_scan
from kiosk.devices.status import DeviceState, DeviceStatus, StatusListener


@dataclass(frozen=True)
class Typed:
    text: str  # give these keys to the focused field, in order


@dataclass(frozen=True)
class Scanned:
    scan: Scan


WedgeOutput = Typed | Scanned


class WedgeFilter:
    def __init__(self, clock: Callable[[], float] = time.monotonic, max_gap_s: float = 0.035,
                 min_length: int = 4, terminators: str = "\r\n") -> None:
        self.clock = clock
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self.terminators = terminators
        self._held = ""
        self._last_at: float | None = None

    def key(self, char: str) -> list[WedgeOutput]:
        """One key press (its text). Returns what to release now; call `tick()` from a timer too."""
        now = self.clock()
        out = self._expire(now)
        if char in self.terminators:
            if len(self._held) >= self.min_length:
                out.append(Scanned(parse_scan(self._held, now)))
            else:
                out.append(Typed(self._held + char))
            self._held, self._last_at = "", None
            return out
        self._held += char
        self._last_at = now
        return out

    def tick(self) -> list[WedgeOutput]:
        return self._expire(self.clock())

    @property
    def deadline(self) -> float | None:
        """When held keys turn into typed text if nothing else comes (for the caller's timer)."""
        return None if self._last_at is None else self._last_at + self.max_gap_s

    def _expire(self, now: float) -> list[WedgeOutput]:
        if self._last_at is not None and now - self._last_at > self.max_gap_s:
            held, self._held, self._last_at = self._held, "", None
            return [Typed(held)]
        return []



class WedgeScanner(BarcodeScanner):
    """The scanner port for wedge scanners: kiosk/ui feeds it keys and re-injects what comes back."""

    def __init__(self, name: str = "scanner", clock: Callable[[], float] = time.monotonic,
                 max_gap_s: float = 0.035, min_length: int = 4) -> None:
        self.filter = WedgeFilter(clock, max_gap_s, min_length)
        # a keyboard cannot be queried: it is ready as far as anyone can tell
        self._status = DeviceStatus(name, DeviceState.READY, message="keyboard wedge")
        self._scan_listeners: list[ScanListener] = []

    @property
    def status(self) -> DeviceStatus:
        return self._status

    def add_status_listener(self, listener: StatusListener) -> None:
        pass  # the status never changes

    def remove_status_listener(self, listener: StatusListener) -> None:
        pass

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def add_scan_listener(self, listener: ScanListener) -> None:
        self._scan_listeners = [*self._scan_listeners, listener]

    def remove_scan_listener(self, listener: ScanListener) -> None:
        self._scan_listeners = [x for x in self._scan_listeners if x is not listener]

    def feed_key(self, char: str) -> list[Typed]:
        """Scans go to the scan listeners; the returned text goes back to the focused field."""
        return self._route(self.filter.key(char))

    def tick(self) -> list[Typed]:
        return self._route(self.filter.tick())

    def _route(self, outputs: list[WedgeOutput]) -> list[Typed]:
        typed: list[Typed] = []
        for output in outputs:
            if isinstance(output, Typed):
                typed.append(output)
            else:
                for listener in self._scan_listeners:
                    listener(output.scan)
        return typed
