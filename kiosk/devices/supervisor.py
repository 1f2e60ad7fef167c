"""One thread per device owns all of its I/O; the supervisor loop on that thread reconnects.

python-escpos and pyserial objects are not thread-safe, so nothing outside the device thread ever
touches them: callers submit tasks and get a `Future`. Status goes to plain callbacks, and only when
it changed; `kiosk/ui/bridge.py` re-emits them as Qt signals.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from kiosk.devices.backoff import Backoff
from kiosk.devices.status import DeviceState, DeviceStatus, StatusListener

log = logging.getLogger(__name__)
T = TypeVar("T")
StatusSink = Callable[[DeviceStatus], None]


class DeviceDriver(Protocol):
    """What the supervisor needs from a device; every method runs on the device thread."""

    @property
    def connected(self) -> bool: ...

    def open(self) -> DeviceStatus:
        """Connect and report the first status; raise (OSError or any error) when it cannot."""
        ...

    def poll(self) -> DeviceStatus:
        """Idle work: query status or read input. On a lost link set `connected` False."""
        ...

    def close(self) -> None: ...


class _Stop:
    pass


class _Reconnect:
    """Close the link and open it again now, whatever the backoff was waiting for."""

    def __init__(self, future: Future[DeviceStatus]) -> None:
        self.future = future


_STOP = _Stop()
_Task = tuple[Callable[[StatusSink], Any], "Future[Any]"]


class DeviceWorker:
    """Runs a driver on its own thread: connect, poll, run tasks, reconnect with backoff."""

    def __init__(self, name: str, driver: DeviceDriver, *, idle_wait_s: float,
                 backoff: Backoff | None = None) -> None:
        self.name = name
        self.driver = driver
        self.idle_wait_s = idle_wait_s
        self.backoff = backoff or Backoff()
        self._queue: queue.Queue[_Task | _Stop | _Reconnect] = queue.Queue()
        self._listeners: list[StatusListener] = []
        self._lock = threading.Lock()
        self._status = DeviceStatus(name, DeviceState.DISCONNECTED)
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._reconnects: list[Future[DeviceStatus]] = []  # device thread only: answered by the next open

    # --- called from any thread -------------------------------------------------------------------

    @property
    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status

    def add_status_listener(self, listener: StatusListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_status_listener(self, listener: StatusListener) -> None:
        with self._lock:
            self._listeners.remove(listener)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self.name} already started")
        self._thread = threading.Thread(target=self._run, name=f"device-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stopping.set()
        self._queue.put(_STOP)
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                log.error("%s: device thread did not stop within %.1f s", self.name, timeout_s)

    def submit(self, fn: Callable[[StatusSink], T]) -> Future[T]:
        """Run `fn(publish)` on the device thread; `publish` reports intermediate status (BUSY)."""
        future: Future[T] = Future()
        if self._stopping.is_set():
            future.set_exception(RuntimeError(f"{self.name} is stopped"))
            return future
        self._queue.put((fn, future))
        return future

    def reconnect(self) -> Future[DeviceStatus]:
        """Close the device and open it again on its thread, at once (a technician's "reconnect"):
        the future holds the status the new attempt ended in (READY, or DISCONNECTED and why)."""
        future: Future[DeviceStatus] = Future()
        if self._stopping.is_set():
            future.set_exception(RuntimeError(f"{self.name} is stopped"))
            return future
        self._queue.put(_Reconnect(future))
        return future

    # --- device thread ----------------------------------------------------------------------------

    def _publish(self, status: DeviceStatus) -> None:
        with self._lock:
            if status.same_as(self._status):
                self._status = status  # keep the fresher message, but it is not a change
                return
            self._status = status
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(status)
            except Exception:  # a faulty listener must not take the device down
                log.exception("%s: status listener failed", self.name)

    def _disconnected(self, message: str) -> None:
        self._publish(DeviceStatus(self.name, DeviceState.DISCONNECTED, message=message))

    def _run(self) -> None:
        announce = True  # CONNECTING is shown once per outage, not on every retry
        next_attempt = 0.0
        try:
            while not self._stopping.is_set():
                now = time.monotonic()
                if not self.driver.connected and now >= next_attempt:
                    if announce:
                        self._publish(DeviceStatus(self.name, DeviceState.CONNECTING))
                        announce = False
                    try:
                        status = self.driver.open()
                    except Exception as exc:  # any failure to open is a retry, never a crash
                        self._safe_close()
                        self._disconnected(str(exc) or type(exc).__name__)
                        next_attempt = time.monotonic() + self.backoff.next_delay()
                    else:
                        if self.driver.connected:
                            self.backoff.reset()
                            self._publish(status)
                        else:
                            self._disconnected(status.message)
                            next_attempt = time.monotonic() + self.backoff.next_delay()
                    self._answer_reconnects()
                    continue
                was_connected = self.driver.connected
                wait = self.idle_wait_s if was_connected else max(0.0, next_attempt - now)
                try:
                    item = self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait()
                except queue.Empty:
                    item = None
                if isinstance(item, _Stop):
                    break
                if isinstance(item, _Reconnect):
                    log.info("%s: reconnect requested", self.name)
                    self._safe_close()
                    self._reconnects.append(item.future)
                    self.backoff.reset()
                    next_attempt, announce = 0.0, True
                    continue
                if item is not None:
                    self._run_task(*item)
                elif was_connected:
                    try:
                        self._publish(self.driver.poll())
                    except Exception:
                        log.exception("%s: poll failed", self.name)
                        self._safe_close()
                if was_connected and not self.driver.connected:
                    self._safe_close()
                    self._disconnected("link lost")
                    announce = True
                    next_attempt = time.monotonic() + self.backoff.next_delay()
        finally:
            self._safe_close()
            self._fail_pending()

    def _answer_reconnects(self) -> None:
        pending, self._reconnects = self._reconnects, []
        for future in pending:
            if future.set_running_or_notify_cancel():
                future.set_result(self.status)

    def _run_task(self, fn: Callable[[StatusSink], Any], future: Future[Any]) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            result = fn(self._publish)
        except BaseException as exc:
            future.set_exception(exc)
        else:
            future.set_result(result)

    def _safe_close(self) -> None:
        try:
            self.driver.close()
        except Exception:
            log.exception("%s: close failed", self.name)

    def _fail_pending(self) -> None:
        futures: list[Future[Any]] = list(self._reconnects)
        self._reconnects = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, _Reconnect):
                futures.append(item.future)
            elif not isinstance(item, _Stop):
                futures.append(item[1])
        for future in futures:
            if future.set_running_or_notify_cancel():
                future.set_exception(RuntimeError(f"{self.name} stopped"))


class WorkerBackedDevice:
    """What every adapter that owns a DeviceWorker exposes the same way (status, listeners, life)."""

    _worker: DeviceWorker

    @property
    def status(self) -> DeviceStatus:
        return self._worker.status

    def add_status_listener(self, listener: StatusListener) -> None:
        self._worker.add_status_listener(listener)

    def remove_status_listener(self, listener: StatusListener) -> None:
        self._worker.remove_status_listener(listener)

    def start(self) -> None:
        self._worker.start()

    def stop(self) -> None:
        self._worker.stop()

    def reconnect(self) -> Future[DeviceStatus]:
        return self._worker.reconnect()
