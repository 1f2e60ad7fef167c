"""A fake ESC/POS network printer on 127.0.0.1 for demo mode and tests.

It answers `DLE EOT` status queries from a scriptable state (paper ok / near end / out, cover,
offline, cutter), can be slow, silent, garbled, can lose power or drop the connection part way
through a job, and decodes every job it receives into text and a PNG.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from PIL import Image

from kiosk.devices.escpos_status import StatusQuery, encode_reply
from kiosk.devices.sim.escpos_decoder import DecodedJob, EscposDecoder, JobDone, LineFed, StatusRequest
from kiosk.devices.sim.receipt_render import render_job, render_png
from kiosk.devices.status import Detail

log = logging.getLogger(__name__)


class PaperLevel(StrEnum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"


class StatusMode(StrEnum):
    NORMAL = "normal"
    SILENT = "silent"  # status queries are never answered
    GARBAGE = "garbage"  # answers fail the 0xx1xx10 pattern


class MidJobFault(StrEnum):
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    CUTTER_ERROR = "cutter_error"
    DROP_CONNECTION = "drop_connection"
    POWER_OFF = "power_off"


@dataclass
class PrintedJob:
    decoded: DecodedJob
    paper_dots: int
    received_at: float = field(default_factory=time.time)
    _png: bytes | None = None

    @property
    def text(self) -> str:
        return self.decoded.text

    @property
    def complete(self) -> bool:
        return self.decoded.cut

    def image(self) -> Image.Image:
        return render_job(self.decoded, self.paper_dots)

    def png(self) -> bytes:
        if self._png is None:
            self._png = render_png(self.decoded, self.paper_dots)
        return self._png


JobListener = Callable[[PrintedJob], None]


class FakePrinter:
    def __init__(self, paper_width_mm: Literal[58, 80] = 80, host: str = "127.0.0.1", port: int = 0) -> None:
        self.paper_dots = 384 if paper_width_mm == 58 else 576
        self.host = host
        self.port = port
        self._lock = threading.Condition()
        self.paper = PaperLevel.OK
        self.cover_open = False
        self.offline = False
        self.cutter_error = False
        self.status_mode = StatusMode.NORMAL
        self.seconds_per_line = 0.0
        self._fault: tuple[int, MidJobFault] | None = None
        self._jobs: list[PrintedJob] = []
        self._listeners: list[JobListener] = []
        self._server: socket.socket | None = None
        self._connections: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self.status_queries = 0
        self.connections_accepted = 0

    # --- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> FakePrinter:
        self.power_on()
        return self

    def stop(self) -> None:
        self.power_off()
        for thread in self._threads:
            thread.join(2.0)
        self._threads = [t for t in self._threads if t.is_alive()]

    def __enter__(self) -> FakePrinter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    @property
    def powered(self) -> bool:
        return self._server is not None

    def power_on(self) -> None:
        with self._lock:
            if self._server is not None:
                return
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind((self.host, self.port))
            server.listen(4)
            self.port = server.getsockname()[1]  # keep the port across power cycles
            self._server = server
        self._spawn(self._accept_loop, server, "fake-printer-accept")

    def power_off(self) -> None:
        with self._lock:
            server, self._server = self._server, None
            connections, self._connections = set(self._connections), set()
        for sock in ([server] if server else []) + list(connections):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _spawn(self, target: Callable[[socket.socket], None], sock: socket.socket, name: str) -> None:
        thread = threading.Thread(target=target, args=(sock,), name=name, daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    # --- scripting -----------------------------------------------------------------------------------

    def set_paper(self, level: PaperLevel | str) -> None:
        with self._lock:
            self.paper = PaperLevel(level)

    def set_cover_open(self, is_open: bool) -> None:
        with self._lock:
            self.cover_open = is_open

    def set_offline(self, offline: bool) -> None:
        with self._lock:
            self.offline = offline

    def set_cutter_error(self, error: bool) -> None:
        with self._lock:
            self.cutter_error = error

    def set_status_mode(self, mode: StatusMode | str) -> None:
        with self._lock:
            self.status_mode = StatusMode(mode)

    def set_slow(self, seconds_per_line: float) -> None:
        with self._lock:
            self.seconds_per_line = seconds_per_line

    def fault_after(self, job_bytes: int, fault: MidJobFault | str) -> None:
        """Once, after this many bytes of the next job have arrived."""
        with self._lock:
            self._fault = (job_bytes, MidJobFault(fault))

    def reset(self) -> None:
        with self._lock:
            self.paper, self.cover_open, self.offline, self.cutter_error = PaperLevel.OK, False, False, False
            self.status_mode, self.seconds_per_line, self._fault = StatusMode.NORMAL, 0.0, None

    def details(self) -> frozenset[Detail]:
        with self._lock:
            found = set()
            if self.paper is PaperLevel.OUT:
                found.add(Detail.PAPER_OUT)
            elif self.paper is PaperLevel.NEAR_END:
                found.add(Detail.PAPER_NEAR_END)
            if self.cover_open:
                found.add(Detail.COVER_OPEN)
            if self.offline:
                found.add(Detail.OFFLINE)
            if self.cutter_error:
                found.add(Detail.CUTTER_ERROR)
            return frozenset(found)

    def can_print(self) -> bool:
        return not (self.details() & {Detail.PAPER_OUT, Detail.COVER_OPEN, Detail.OFFLINE,
                                      Detail.CUTTER_ERROR})

    # --- received jobs -------------------------------------------------------------------------------

    @property
    def jobs(self) -> list[PrintedJob]:
        with self._lock:
            return list(self._jobs)

    @property
    def last_job(self) -> PrintedJob | None:
        with self._lock:
            return self._jobs[-1] if self._jobs else None

    def add_job_listener(self, listener: JobListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def wait_for_jobs(self, count: int, timeout_s: float = 5.0) -> list[PrintedJob]:
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._jobs) >= count, timeout_s):
                raise TimeoutError(f"fake printer got {len(self._jobs)} jobs, expected {count}")
            return list(self._jobs)

    def clear_jobs(self) -> None:
        with self._lock:
            self._jobs.clear()

    def _record(self, job: DecodedJob) -> None:
        printed = PrintedJob(job, self.paper_dots)
        with self._lock:
            self._jobs.append(printed)
            listeners = list(self._listeners)
            self._lock.notify_all()
        for listener in listeners:
            try:
                listener(printed)
            except Exception:
                log.exception("fake printer job listener failed")

    # --- serving -------------------------------------------------------------------------------------

    def _accept_loop(self, server: socket.socket) -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return  # powered off
            with self._lock:
                if self._server is not server:
                    conn.close()
                    return
                self._connections.add(conn)
                self.connections_accepted += 1
            self._spawn(self._serve, conn, "fake-printer-conn")

    def _reply(self, conn: socket.socket, query: int) -> None:
        with self._lock:
            self.status_queries += 1
            mode = self.status_mode
        if mode is StatusMode.SILENT or query not in (1, 2, 3, 4):
            return
        byte = 0x9B if mode is StatusMode.GARBAGE else encode_reply(StatusQuery(query), self.details())
        conn.sendall(bytes((byte,)))

    def _handle(self, conn: socket.socket, decoder: EscposDecoder, data: bytes) -> None:
        decoder.printing = self.can_print()
        for event in decoder.feed(data):
            if isinstance(event, StatusRequest):
                self._reply(conn, event.query)
            elif isinstance(event, LineFed):
                if self.seconds_per_line and decoder.printing:
                    time.sleep(self.seconds_per_line)  # the print head takes its time
            elif isinstance(event, JobDone):
                self._record(event.job)

    def _serve(self, conn: socket.socket) -> None:
        decoder = EscposDecoder()
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                with self._lock:
                    fault = self._fault
                if fault is not None and decoder.job_bytes + len(data) > fault[0] and data[:2] != b"\x10\x04":
                    with self._lock:
                        self._fault = None
                    cut = max(0, fault[0] - decoder.job_bytes)
                    self._handle(conn, decoder, data[:cut])
                    if self._apply(fault[1], conn):
                        break
                    data = data[cut:]
                self._handle(conn, decoder, data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._connections.discard(conn)
            conn.close()
            partial = decoder.finish()
            if partial is not None:
                self._record(partial)

    def _apply(self, fault: MidJobFault, conn: socket.socket) -> bool:
        """Returns True when the connection ends here."""
        if fault is MidJobFault.PAPER_OUT:
            self.set_paper(PaperLevel.OUT)
        elif fault is MidJobFault.COVER_OPEN:
            self.set_cover_open(True)
        elif fault is MidJobFault.CUTTER_ERROR:
            self.set_cutter_error(True)
        elif fault is MidJobFault.DROP_CONNECTION:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            return True
        elif fault is MidJobFault.POWER_OFF:
            self.power_off()
            return True
        return False
