"""One kiosk process per data dir: an exclusive lock on a file, released by the OS on exit or crash."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from kiosk.errors import AlreadyRunningError


class InstanceLock:
    """An exclusive flock on a file; every open file conflicts, even within one process."""

    def __init__(self, path: Path, what: str = "the kiosk",
                 error: type[AlreadyRunningError] = AlreadyRunningError) -> None:
        self.path = path
        self.what = what
        self.error = error
        self._fh: IO[str] | None = None

    def acquire(self) -> InstanceLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = self.path.open("a+", encoding="ascii")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            fh.close()
            raise self.error(f"{self.what} is already running (pid {holder}, lock {self.path})") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None
