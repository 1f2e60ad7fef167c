"""A serial barcode scanner simulated on a pseudo-terminal.

The scanner is reached through a stable path: a symlink re-pointed at each new pty, as
/dev/serial/by-id is re-pointed when a USB scanner comes back. Unplugging closes the master side
(the reader's next read fails, as with a pulled cable) and removes the link.
"""

from __future__ import annotations

import contextlib
import os
import threading
import tty
from pathlib import Path


class PtyScanner:
    def __init__(self, link_path: Path | str) -> None:
        self.link_path = Path(link_path)
        self._lock = threading.Lock()
        self._master: int | None = None
        self._slave: int | None = None
        self.slave_name = ""
        self.plug_count = 0

    @property
    def path(self) -> str:
        return str(self.link_path)

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def plug(self) -> str:
        with self._lock:
            if self._master is not None:
                return self.slave_name
            master, slave = os.openpty()
            # raw from the start: no echo back to us and no CR→LF rewriting before a reader opens it
            tty.setraw(slave)
            os.set_blocking(master, False)
            self._master, self._slave = master, slave
            self.slave_name = os.ttyname(slave)
            temp = self.link_path.with_name(self.link_path.name + ".new")
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            temp.symlink_to(self.slave_name)
            os.replace(temp, self.link_path)  # atomic: a reader never sees a half-made link
            self.plug_count += 1
            return self.slave_name

    def unplug(self) -> None:
        with self._lock:
            master, slave = self._master, self._slave
            self._master = self._slave = None
            with contextlib.suppress(FileNotFoundError):
                self.link_path.unlink()
            for fd in (master, slave):
                if fd is not None:
                    os.close(fd)

    def replug(self) -> str:
        self.unplug()
        return self.plug()

    def close(self) -> None:
        self.unplug()

    def __enter__(self) -> PtyScanner:
        self.plug()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, data: bytes) -> bool:
        """Raw bytes down the wire (garbage, partial frames); False when unplugged or the line is full."""
        with self._lock:
            if self._master is None:
                return False
            try:
                return os.write(self._master, data) == len(data)
            except (BlockingIOError, OSError):
                return False

    def scan(self, code: str, aim: str = "", terminator: bytes = b"\r") -> bool:
        """What a scanner sends for one code: optional AIM id, the data, the terminator."""
        return self.write((aim + code).encode("utf-8") + terminator)
