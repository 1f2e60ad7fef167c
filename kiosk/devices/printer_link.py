"""Byte links to a receipt printer, built on python-escpos connection classes.

python-escpos opens the connection; we add what it lacks: reads with an explicit timeout, input
flushing before every status query, and telling a closed link (an unplug) from a silent printer.
"""

from __future__ import annotations

import select
import socket
from typing import Any, Protocol

from escpos.exceptions import Error as EscposError
from escpos.printer import File, Network, Serial, Usb


class LinkLost(OSError):
    """The connection is gone (peer closed, cable pulled); the supervisor reconnects."""


LINK_ERRORS: tuple[type[BaseException], ...] = (OSError, EscposError)


class PrinterLink(Protocol):
    can_read: bool  # False for write-only device files: status is then always UNKNOWN

    def open(self) -> None: ...

    def close(self) -> None: ...

    def write(self, data: bytes) -> None: ...

    def read_byte(self, timeout_s: float) -> int | None:
        """One byte, or None when nothing came in time; raises LinkLost when the link closed."""
        ...

    def flush_input(self) -> int:
        """Discard whatever was received and not read; returns how many bytes that was."""
        ...


class NetworkLink:
    can_read = True

    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._printer = Network(host=host, port=port, timeout=timeout_s)
        self._sock: socket.socket | None = None

    def open(self) -> None:
        # python-escpos drops its socket unclosed when the connection is refused (a printer switched off,
        # retried with every backoff): connect here, where a failed socket is closed, and hand it over
        sock = socket.create_connection((self._printer.host, self._printer.port), timeout=self.timeout_s)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._printer.device = sock
        self._sock = sock

    def close(self) -> None:
        self._sock = None
        self._printer.close()

    def _socket(self) -> socket.socket:
        if self._sock is None:
            raise LinkLost("not connected")
        return self._sock

    def write(self, data: bytes) -> None:
        sock = self._socket()
        sock.settimeout(self.timeout_s)  # a stalled printer must not hang the device thread
        sock.sendall(data)

    def read_byte(self, timeout_s: float) -> int | None:
        sock = self._socket()
        sock.settimeout(timeout_s)
        try:
            data = sock.recv(1)
        except TimeoutError:
            return None
        if not data:
            raise LinkLost("printer closed the connection")
        return data[0]

    def flush_input(self) -> int:
        sock = self._socket()
        dropped = 0
        while select.select([sock], [], [], 0)[0]:
            data = sock.recv(4096)
            if not data:
                raise LinkLost("printer closed the connection")
            dropped += len(data)
        return dropped


class SerialLink:
    can_read = True

    def __init__(self, port: str, baudrate: int, timeout_s: float) -> None:
        self._printer = Serial(devfile=port, baudrate=baudrate, timeout=timeout_s)
        self.timeout_s = timeout_s

    def _device(self) -> Any:
        device = self._printer._device  # not `.device`: that property re-opens a closed port
        if not device:
            raise LinkLost("serial printer is not open")
        return device

    def open(self) -> None:
        self._printer.open()
        device = self._device()
        device.write_timeout = self.timeout_s

    def close(self) -> None:
        try:
            self._printer.close()  # flushes first, which fails on a pulled cable
        except LINK_ERRORS:
            self._printer._device = False

    def write(self, data: bytes) -> None:
        self._device().write(data)

    def read_byte(self, timeout_s: float) -> int | None:
        device = self._device()
        device.timeout = timeout_s
        data = device.read(1)
        return data[0] if data else None

    def flush_input(self) -> int:
        device = self._device()
        dropped = int(device.in_waiting)
        device.reset_input_buffer()
        return dropped


class UsbLink:
    can_read = True

    def __init__(self, vendor_id: int, product_id: int, timeout_s: float) -> None:
        # python-escpos treats a USB timeout of 0 as "wait forever": always pass a real one
        self._timeout_ms = max(1, int(timeout_s * 1000))
        self._printer = Usb(idVendor=vendor_id, idProduct=product_id, timeout=self._timeout_ms)
        self._pending = bytearray()

    def open(self) -> None:
        self._printer.open()

    def close(self) -> None:
        self._pending.clear()
        self._printer.close()

    def write(self, data: bytes) -> None:
        self._printer._raw(data)

    def _read(self, timeout_ms: int) -> bytes:
        import usb.core  # only needed, and only importable, where USB printers are used

        device: Any = self._printer._device
        if not device:
            raise LinkLost("USB printer is not open")
        try:
            return bytes(device.read(self._printer.in_ep, 64, timeout_ms))
        except usb.core.USBTimeoutError:
            return b""

    def read_byte(self, timeout_s: float) -> int | None:
        if not self._pending:
            self._pending += self._read(max(1, int(timeout_s * 1000)))
        if not self._pending:
            return None
        return self._pending.pop(0)

    def flush_input(self) -> int:
        dropped = len(self._pending)
        self._pending.clear()
        while chunk := self._read(1):
            dropped += len(chunk)
        return dropped


class FileLink:
    """A device file such as /dev/usb/lp0, opened write-only by python-escpos: no status channel."""

    can_read = False

    def __init__(self, path: str) -> None:
        self._printer = File(devfile=path, auto_flush=True)

    def open(self) -> None:
        self._printer.open()

    def close(self) -> None:
        self._printer.close()

    def write(self, data: bytes) -> None:
        self._printer._raw(data)

    def read_byte(self, timeout_s: float) -> int | None:
        return None

    def flush_input(self) -> int:
        return 0
