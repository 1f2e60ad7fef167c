"""An HTTP/1.1 proxy on loopback that misbehaves on purpose, between the kiosk and the store.

Per request it takes the next fault from a script, else draws one at the configured rates:
drop the request, forward it and drop the response after the store committed, delay it, stall it
past the client's timeout, reset the connection (RST), send the response twice, or answer
500/503/429 itself (503/429 with Retry-After), or forward and then answer 500 anyway. Threads, real
sockets; `close()` stops everything it started.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum


class Fault(StrEnum):
    PASS = "pass"
    DROP_REQUEST = "drop_request"  # close before forwarding: the store never sees it
    DROP_RESPONSE = "drop_response"  # forwarded and committed, the answer is lost
    DELAY = "delay"
    STALL = "stall"  # forwarded after the client gave up waiting
    RESET = "reset"  # RST instead of an answer
    DUPLICATE = "duplicate"  # the answer sent twice on the connection
    ERROR_500 = "error_500"
    ERROR_503 = "error_503"  # with Retry-After
    ERROR_429 = "error_429"  # with Retry-After
    ERROR_AFTER_COMMIT = "error_after_commit"  # forwarded and committed, then 500


_SYNTHETIC = {Fault.ERROR_500: (500, "Internal Server Error"), Fault.ERROR_503: (503, "Service Unavailable"),
              Fault.ERROR_429: (429, "Too Many Requests")}


class _Closed(Exception):
    pass


def _read_message(sock: socket.socket, buf: bytearray, *, response: bool) -> bytes:
    """One HTTP/1.1 message (head + body by Content-Length or chunked); raises _Closed on EOF."""

    def fill() -> None:
        chunk = sock.recv(65536)
        if not chunk:
            raise _Closed
        buf.extend(chunk)

    while (end := buf.find(b"\r\n\r\n")) < 0:
        fill()
    head = bytes(buf[: end + 4])
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip().lower()
    status = int(head.split(b" ", 2)[1]) if response else 0
    del buf[: end + 4]
    if response and (status in (204, 304) or 100 <= status < 200):
        return head
    if b"chunked" in headers.get(b"transfer-encoding", b""):
        chunks = bytearray()
        while True:
            while (eol := buf.find(b"\r\n")) < 0:
                fill()
            size = int(bytes(buf[:eol]).split(b";")[0], 16)
            need = eol + 2 + size + 2
            while len(buf) < need:
                fill()
            chunks += buf[:need]
            del buf[:need]
            if size == 0:
                return head + bytes(chunks)
    length = int(headers.get(b"content-length", b"0"))
    while len(buf) < length:
        fill()
    body = bytes(buf[:length])
    del buf[:length]
    return head + body


def _reset(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _synthetic(fault: Fault, retry_after: str) -> bytes:
    code, reason = _SYNTHETIC.get(fault, (500, "Internal Server Error"))
    body = b'{"detail":"injected by the fault proxy"}'
    extra = f"Retry-After: {retry_after}\r\n" if fault in (Fault.ERROR_503, Fault.ERROR_429) else ""
    return (f"HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"{extra}\r\n").encode() + body


class FaultProxy:
    def __init__(self, upstream_port: int, *, seed: int = 0, delay_s: float = 0.05, stall_s: float = 1.5,
                 retry_after: str = "0") -> None:
        self.upstream_port = upstream_port
        self.delay_s = delay_s
        self.stall_s = stall_s
        self.retry_after = retry_after
        self.counts: Counter[Fault] = Counter()
        self._rng = random.Random(seed)
        self._rates: dict[Fault, float] = {}
        self._script: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._spawn(self._accept_loop)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- what to do ----------------------------------------------------------------------------------

    def script(self, *faults: Fault) -> None:
        """The next requests get these faults, in order, before any random ones."""
        with self._lock:
            self._script.extend(faults)

    def set_rates(self, rates: dict[Fault, float]) -> None:
        with self._lock:
            self._rates = dict(rates)

    def heal(self) -> None:
        with self._lock:
            self._rates = {}
            self._script.clear()

    def _next_fault(self) -> Fault:
        with self._lock:
            if self._script:
                fault = self._script.popleft()
            else:
                fault = Fault.PASS
                draw = self._rng.random()
                for candidate, rate in self._rates.items():
                    if draw < rate:
                        fault = candidate
                        break
                    draw -= rate
            self.counts[fault] += 1
            return fault

    # --- plumbing ------------------------------------------------------------------------------------

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _track(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.add(sock)
        return sock

    def _forget(self, *socks: socket.socket | None) -> None:
        for sock in socks:
            if sock is None:
                continue
            with self._lock:
                self._sockets.discard(sock)
            with contextlib.suppress(OSError):
                # shutdown first: close() alone does not wake a thread blocked in recv() on Linux
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def _accept_loop(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._spawn(self._serve, self._track(conn))

    def _connect_upstream(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self._track(sock)

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        client_buf, upstream_buf = bytearray(), bytearray()
        try:
            while not self._closing.is_set():
                request = _read_message(client, client_buf, response=False)
                fault = self._next_fault()
                if fault == Fault.DROP_REQUEST:
                    return
                if fault == Fault.RESET:
                    with self._lock:
                        self._sockets.discard(client)
                    _reset(client)
                    return
                if fault in _SYNTHETIC:
                    client.sendall(_synthetic(fault, self.retry_after))
                    continue
                if fault == Fault.DELAY:
                    time.sleep(self.delay_s)
                elif fault == Fault.STALL:
                    time.sleep(self.stall_s)
                if upstream is None:
                    upstream = self._connect_upstream()
                    upstream_buf.clear()
                upstream.sendall(request)
                answer = _read_message(upstream, upstream_buf, response=True)
                if fault == Fault.DROP_RESPONSE:
                    return
                if fault == Fault.ERROR_AFTER_COMMIT:
                    client.sendall(_synthetic(Fault.ERROR_500, self.retry_after))
                    continue
                client.sendall(answer)
                if fault == Fault.DUPLICATE:
                    client.sendall(answer)
        except (_Closed, OSError, ValueError, IndexError):
            return
        finally:
            self._forget(client, upstream)

    def close(self) -> None:
        self._closing.set()
        self._listener.close()
        with self._lock:
            sockets, threads = list(self._sockets), list(self._threads)
        for sock in sockets:
            self._forget(sock)
        for thread in threads:
            thread.join(timeout=5)


@contextmanager
def fault_proxy(upstream_port: int, **kwargs: object) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream_port, **kwargs)  # type: ignore[arg-type]
    try:
        yield proxy
    finally:
        proxy.close()
