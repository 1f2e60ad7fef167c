"""The signed HTTP client every sync component talks to the store through.

Each request is signed as `kiosk.sync.protocol` says, with the kiosk's clock corrected by the offset
learnt from the store's `Date` header: a kiosk whose clock drifted past the store's 300 s window gets
401, resyncs from that response and signs again. Timeouts are explicit, and TCP_NODELAY is set so a
request body written after its headers is not held back by Nagle waiting for a delayed ACK.
"""

from __future__ import annotations

import email.utils
import logging
import socket
import threading
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from kiosk.sync.protocol import dumps, signed_headers

log = logging.getLogger(__name__)

# a Date header has whole-second resolution: smaller differences are noise, not drift
_OFFSET_NOISE_S = 2.0


@dataclass(frozen=True)
class StoreEndpoint:
    """Where the store is and who this kiosk is to it."""

    base_url: str
    device_id: str
    secret: str


@dataclass(frozen=True)
class Timeouts:
    connect_s: float = 3.0
    read_s: float = 15.0
    write_s: float = 10.0
    pool_s: float = 5.0

    def httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect_s, read=self.read_s, write=self.write_s, pool=self.pool_s)


def server_time(response: httpx.Response) -> float | None:
    """The store's clock from the `Date` header, as Unix seconds (mid-second), or None."""
    raw = response.headers.get("date")
    if not raw:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return parsed.timestamp() + 0.5  # the header truncates to the second


class _Signer(httpx.Auth):
    requires_request_body = True

    def __init__(self, client: SyncClient) -> None:
        self._client = client

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        target = request.url.raw_path.decode("ascii")
        endpoint = self._client.endpoint
        request.headers.update(signed_headers(endpoint.device_id, endpoint.secret, request.method, target,
                                              request.content, now=self._client.now()))
        yield request


class SyncClient:
    """A keep-alive, signed httpx client for one store; safe to share between threads."""

    def __init__(self, endpoint: StoreEndpoint, *, timeouts: Timeouts | None = None,
                 clock: Callable[[], float] = time.time,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.endpoint = endpoint
        self.timeouts = timeouts or Timeouts()
        self._clock = clock
        self._lock = threading.Lock()
        self._offset_s = 0.0
        if transport is None:
            transport = httpx.HTTPTransport(
                retries=0, socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
        self._http = httpx.Client(base_url=endpoint.base_url, auth=_Signer(self), transport=transport,
                                  timeout=self.timeouts.httpx(), follow_redirects=False)

    # --- clock ---------------------------------------------------------------------------------------

    @property
    def offset_s(self) -> float:
        """Seconds to add to the local clock to get the store's."""
        with self._lock:
            return self._offset_s

    def now(self) -> float:
        return self._clock() + self.offset_s

    def observe(self, response: httpx.Response, *, force: bool = False) -> None:
        """Learn the offset from a response's `Date`; small jitter is ignored unless `force`."""
        remote = server_time(response)
        if remote is None:
            return
        measured = remote - self._clock()
        with self._lock:
            if force or abs(measured - self._offset_s) > _OFFSET_NOISE_S:
                if abs(measured - self._offset_s) > _OFFSET_NOISE_S:
                    log.info("store clock offset now %.1f s (was %.1f s)", measured, self._offset_s)
                self._offset_s = measured

    # --- requests ------------------------------------------------------------------------------------

    def request(self, method: str, path: str, *, json_body: Any = None,
                params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None,
                content: bytes | None = None, timeout: float | None = None) -> httpx.Response:
        """One signed request; raises httpx.TransportError (incl. timeouts) on network trouble."""
        body = content
        send_headers = dict(headers or {})
        if json_body is not None:
            body = encode_json(json_body)
            send_headers.setdefault("Content-Type", "application/json")
        response = self._http.request(method, path, content=body, params=params, headers=send_headers,
                                      timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT)
        self.observe(response, force=response.status_code == 401)
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def encode_json(value: Any) -> bytes:
    return dumps(value)


def retry_after_s(response: httpx.Response, *, now: float | None = None) -> float | None:
    """`Retry-After` as seconds from now (delta-seconds or an HTTP date), or None when absent/bad."""
    raw = response.headers.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return float(raw)
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
