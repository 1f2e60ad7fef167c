"""Barcode scanner on a serial port (pyserial), found again by its stable path after a replug."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable

import serial

from kiosk.devices.backoff import Backoff
from kiosk.devices.ports import BarcodeScanner, ScanListener
from kiosk.devices.scan_framing import Frame, ScanFramer
from kiosk.devices.scans import Scan, bad_scan, parse_scan
from kiosk.devices.status import DeviceState, DeviceStatus
from kiosk.devices.supervisor import DeviceWorker, WorkerBackedDevice

log = logging.getLogger(__name__)


class SerialScannerDriver:
    """Runs only on the scanner's device thread."""

    def __init__(self, name: str, port: str, baudrate: int, framer: ScanFramer,
                 on_frame: Callable[[Frame, float], None], read_timeout_s: float = 0.05,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name
        self.port = port
        self.baudrate = baudrate
        self.framer = framer
        self.on_frame = on_frame
        self.read_timeout_s = read_timeout_s  # bounds how long stop() and gap expiry wait
        self.clock = clock
        self._serial: serial.Serial | None = None

    @property
    def connected(self) -> bool:
        return self._serial is not None

    def open(self) -> DeviceStatus:
        # exclusive: a second process on the same scanner would steal half of every code
        self._serial = serial.Serial(self.port, self.baudrate, timeout=self.read_timeout_s, exclusive=True)
        self._serial.reset_input_buffer()  # whatever queued while we were away is stale
        return DeviceStatus(self.name, DeviceState.READY, message=self.port)

    def close(self) -> None:
        port, self._serial = self._serial, None
        # half a code read before an unplug must not be glued to the first code after the replug
        self.framer.drop_partial()
        if port is not None:
            with contextlib.suppress(OSError, serial.SerialException):
                port.close()

    def poll(self) -> DeviceStatus:
        port = self._serial
        if port is None:
            return DeviceStatus(self.name, DeviceState.DISCONNECTED)
        try:
            data = port.read(1)  # returns as soon as a byte arrives, or after the read timeout
            if data and port.in_waiting:
                data += port.read(port.in_waiting)
        except (OSError, serial.SerialException) as exc:
            self.close()
            return DeviceStatus(self.name, DeviceState.DISCONNECTED, message=str(exc))
        now = self.clock()
        if data:
            for frame in self.framer.feed(data, now):
                self.on_frame(frame, now)
        else:
            self.framer.expire(now)
        return DeviceStatus(self.name, DeviceState.READY, message=self.port)


def scan_from_frame(frame: Frame, at: float) -> Scan:
    text = frame.text()
    if text is None:
        return bad_scan(frame.data.decode("utf-8", "replace"), "unreadable bytes", at)
    if frame.error:
        return bad_scan(text, frame.error, at)
    return parse_scan(text, at)


class SerialScanner(WorkerBackedDevice, BarcodeScanner):
    def __init__(self, port: str, baudrate: int = 9600, *, name: str = "scanner",
                 framer: ScanFramer | None = None, backoff: Backoff | None = None) -> None:
        self._scan_listeners: list[ScanListener] = []
        self.driver = SerialScannerDriver(name, port, baudrate, framer or ScanFramer(), self._emit)
        # a replugged scanner is back within about a second
        self._worker = DeviceWorker(name, self.driver, idle_wait_s=0.0,
                                    backoff=backoff or Backoff(base_s=0.05, cap_s=1.0))

    def add_scan_listener(self, listener: ScanListener) -> None:
        self._scan_listeners = [*self._scan_listeners, listener]

    def remove_scan_listener(self, listener: ScanListener) -> None:
        self._scan_listeners = [x for x in self._scan_listeners if x is not listener]

    def _emit(self, frame: Frame, at: float) -> None:
        scan = scan_from_frame(frame, at)
        for listener in self._scan_listeners:
            try:
                listener(scan)
            except Exception:
                log.exception("scan listener failed")
