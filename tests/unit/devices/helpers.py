"""Shared helpers for device tests: wait on real events, never on sleeps."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from kiosk.devices.backoff import Backoff
from kiosk.devices.escpos_printer import EscposReceiptPrinter
from kiosk.devices.printer_link import NetworkLink
from kiosk.devices.receipt import PaperProfile
from kiosk.devices.scans import Scan
from kiosk.devices.sim.fake_printer import FakePrinter
from kiosk.devices.sim.sample_receipt import sample_receipt
from kiosk.devices.status import Detail, DeviceState, DeviceStatus

T = TypeVar("T")


class Recorder(Generic[T]):
    """A listener that keeps everything it is given and lets a test wait for a match."""

    def __init__(self) -> None:
        self.items: list[T] = []
        self._cond = threading.Condition()

    def __call__(self, item: T) -> None:
        with self._cond:
            self.items.append(item)
            self._cond.notify_all()

    def mark(self) -> int:
        with self._cond:
            return len(self.items)

    def wait_for(self, predicate: Callable[[T], bool], since: int = 0, timeout_s: float = 5.0) -> T:
        found: list[T] = []

        def match() -> bool:
            found[:] = [x for x in self.items[since:] if predicate(x)]
            return bool(found)

        with self._cond:
            if not self._cond.wait_for(match, timeout_s):
                raise AssertionError(f"nothing matched within {timeout_s} s; got {self.items[since:]}")
            return found[0]

    def wait_count(self, count: int, since: int = 0, timeout_s: float = 5.0) -> list[T]:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.items) - since >= count, timeout_s):
                raise AssertionError(f"expected {count} items, got {self.items[since:]}")
            return self.items[since:since + count]


StatusLog = Recorder[DeviceStatus]
ScanLog = Recorder[Scan]


def is_state(state: DeviceState, *details: Detail) -> Callable[[DeviceStatus], bool]:
    return lambda s: s.state is state and set(details) <= s.details


@contextmanager
def connected_printer(fake: FakePrinter, profile: PaperProfile | None = None, poll_interval_s: float = 0.2,
                      job_timeout_s: float = 3.0) -> Iterator[tuple[EscposReceiptPrinter, StatusLog]]:
    printer = EscposReceiptPrinter(NetworkLink(*fake.address, 2.0), profile=profile,
                                   status_timeout_s=0.3, job_timeout_s=job_timeout_s,
                                   poll_interval_s=poll_interval_s,
                                   backoff=Backoff(base_s=0.05, cap_s=0.3))
    log = StatusLog()
    printer.add_status_listener(log)
    printer.start()
    try:
        log.wait_for(lambda s: s.usable or s.state is DeviceState.ERROR)
        yield printer, log
    finally:
        printer.stop()


__all__ = ["Recorder", "ScanLog", "StatusLog", "connected_printer", "is_state", "sample_receipt"]
