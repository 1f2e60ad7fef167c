from __future__ import annotations

import random
import threading

import pytest

from kiosk.devices.backoff import Backoff
from kiosk.devices.status import DeviceState, DeviceStatus
from kiosk.devices.supervisor import DeviceWorker

from .helpers import StatusLog, is_state


def test_backoff_grows_caps_and_jitters() -> None:
    backoff = Backoff(base_s=0.1, cap_s=1.0, jitter=0.5, rng=random.Random(4))
    delays = [backoff.next_delay() for _ in range(12)]
    assert all(0.05 <= d <= 1.0 for d in delays)
    assert max(delays[6:]) <= 1.0 and min(delays[6:]) >= 0.5  # at the cap, jitter stays within half
    assert len(set(delays)) == len(delays)
    backoff.reset()
    assert backoff.next_delay() <= 0.1


def test_backoff_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        Backoff(base_s=0)


class FlakyDriver:
    """Fails to open `failures` times, then works; `lose()` drops the link from the test."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.opens = 0
        self._connected = False
        self.lost = threading.Event()

    @property
    def connected(self) -> bool:
        return self._connected

    def open(self) -> DeviceStatus:
        self.opens += 1
        if self.opens <= self.failures:
            raise OSError(f"attempt {self.opens} failed")
        self._connected = True
        self.lost.clear()
        return DeviceStatus("flaky", DeviceState.READY)

    def poll(self) -> DeviceStatus:
        if self.lost.is_set():
            self._connected = False
            return DeviceStatus("flaky", DeviceState.DISCONNECTED)
        return DeviceStatus("flaky", DeviceState.READY)

    def close(self) -> None:
        self._connected = False


def test_worker_retries_until_open_and_reports_each_change_once() -> None:
    driver = FlakyDriver(failures=3)
    worker = DeviceWorker("flaky", driver, idle_wait_s=0.01, backoff=Backoff(base_s=0.01, cap_s=0.02))
    log = StatusLog()
    worker.add_status_listener(log)
    worker.start()
    try:
        log.wait_for(is_state(DeviceState.READY))
        assert driver.opens == 4
        assert [s.state for s in log.items] == [DeviceState.CONNECTING, DeviceState.DISCONNECTED,
                                                DeviceState.READY]
        mark = log.mark()
        driver.lost.set()
        log.wait_for(is_state(DeviceState.READY), since=mark)
        assert [s.state for s in log.items[mark:]] == [DeviceState.DISCONNECTED, DeviceState.CONNECTING,
                                                       DeviceState.READY]
        assert worker.submit(lambda publish: 42).result(2) == 42
    finally:
        worker.stop()
    assert worker.submit(lambda publish: 1).exception(1) is not None


def test_a_failing_listener_does_not_stop_the_device() -> None:
    driver = FlakyDriver(failures=0)
    worker = DeviceWorker("flaky", driver, idle_wait_s=0.01)

    def broken(status: DeviceStatus) -> None:
        raise RuntimeError("listener bug")

    log = StatusLog()
    worker.add_status_listener(broken)
    worker.add_status_listener(log)
    worker.start()
    try:
        log.wait_for(is_state(DeviceState.READY))
        assert worker.submit(lambda publish: "alive").result(2) == "alive"
    finally:
        worker.stop()
