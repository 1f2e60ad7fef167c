"""The signed HTTP client every sync component talks to the store through.

Each request is signed as `kiosk.sync.protocol` says, with the kiosk's clock corrected by the offset
learnt from the store's `Date` header: a kiosk whose clock drifted past the store's 300 s window gets
401, resyncs from that response and signs again. Timeouts are explicit, and TCP_NODELAY is set so a
request body written after its headers is not held back by Nagle waiting for a delayed ACK.

An https:// store's certificate is always verified: against the CA bundle httpx ships (certifi), or,
when `store.ca_file` is configured, against that file's CAs only (a store with a self-signed or private
CA). A refused certificate raises `StoreCertificateError`, an `httpx.ConnectError`, so every caller
treats it as the network trouble it is (the outbox keeps its rows and retries); it is logged once per
change with the store's URL and the reason, and `tls_problem` says it until a request gets through.
"""

from __future__ import annotations

import email.utils
import logging
import socket
import ssl
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
    ca_file: str = ""  # PEM CA certificate(s) the store's certificate must chain to; "": the usual CAs


# why a store's certificate was refused (`SyncClient.tls_problem`, the technician's sync page)
TLS_UNTRUSTED = "untrusted"  # self-signed, or signed by a CA this kiosk does not trust
TLS_EXPIRED = "expired"  # expired, or not valid yet
TLS_HOSTNAME = "hostname"  # issued for another host name
TLS_HANDSHAKE = "handshake"  # no TLS conversation at all (e.g. an http:// server on an https:// URL)
TLS_REASONS = {TLS_UNTRUSTED: "certificate not trusted", TLS_EXPIRED: "certificate expired",
               TLS_HOSTNAME: "hostname mismatch", TLS_HANDSHAKE: "TLS handshake failed"}
# OpenSSL's X509_V_ERR_* codes (ssl.SSLCertVerificationError.verify_code)
_EXPIRED_CODES = {9, 10}  # CERT_NOT_YET_VALID, CERT_HAS_EXPIRED
_HOSTNAME_CODES = {62, 64}  # HOSTNAME_MISMATCH, IP_ADDRESS_MISMATCH
_SSL_NETWORK_ERRORS = (ssl.SSLEOFError, ssl.SSLZeroReturnError, ssl.SSLSyscallError)


class StoreCertificateError(httpx.ConnectError):
    """The TLS connection to the store failed: its certificate was refused (or no TLS was spoken)."""

    def __init__(self, url: str, problem: str, detail: str, *, request: httpx.Request | None = None) -> None:
        self.url, self.problem, self.detail = url, problem, detail
        super().__init__(f"store {url}: {TLS_REASONS[problem]} ({detail})", request=request)


def tls_problem_of(exc: BaseException) -> tuple[str, str] | None:
    """(problem, OpenSSL's words) when `exc` was caused by TLS verification or handshake, else None."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLCertVerificationError):
            code = cause.verify_code
            detail = cause.verify_message or str(cause)
            if code in _EXPIRED_CODES:
                return TLS_EXPIRED, detail
            if code in _HOSTNAME_CODES:
                return TLS_HOSTNAME, detail
            return TLS_UNTRUSTED, detail
        if isinstance(cause, _SSL_NETWORK_ERRORS):
            return None  # the connection broke mid-handshake: network trouble, not the certificate
        if isinstance(cause, ssl.SSLError):
            return TLS_HANDSHAKE, cause.reason or str(cause)
        cause = cause.__cause__ or cause.__context__
    return None


def trust_context(ca_file: str) -> ssl.SSLContext:
    """A verifying TLS context that trusts only the CAs in `ca_file` (OSError / ssl.SSLError if the
    file cannot be read or holds no certificate)."""
    return ssl.create_default_context(cafile=ca_file)


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
        self._tls_problem = ""
        if transport is None:
            verify: ssl.SSLContext | bool = trust_context(endpoint.ca_file) if endpoint.ca_file else True
            transport = httpx.HTTPTransport(
                verify=verify, retries=0, socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
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
        wait = timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT
        try:
            response = self._http.request(method, path, content=body, params=params, headers=send_headers,
                                          timeout=wait)
        except httpx.TransportError as exc:
            found = tls_problem_of(exc) if isinstance(exc, httpx.ConnectError) else None
            if found is None:
                self._tls_cleared()  # the latest trouble is the network's, not the certificate's
                raise
            raise self._tls_failed(*found, exc) from exc
        if self._tls_problem and self._tls_cleared():
            log.info("store %s: its certificate is accepted again", self.endpoint.base_url)
        self.observe(response, force=response.status_code == 401)
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def close(self) -> None:
        self._http.close()

    # --- TLS -----------------------------------------------------------------------------------------

    @property
    def tls_problem(self) -> str:
        """Why the store's certificate was refused (TLS_UNTRUSTED, …) when that is the latest trouble; ""
        once a request got through, or failed for another reason (the store is then just unreachable)."""
        with self._lock:
            return self._tls_problem

    def _tls_failed(self, problem: str, detail: str, exc: httpx.TransportError) -> StoreCertificateError:
        url = self.endpoint.base_url
        with self._lock:
            changed, self._tls_problem = problem != self._tls_problem, problem
        if changed:  # once, not on every retry: the sync page keeps saying it meanwhile
            hint = (" (is store.ca_file the CA that signed it?)" if self.endpoint.ca_file
                    else " (a store with its own CA needs store.ca_file)") if problem == TLS_UNTRUSTED else ""
            log.error("store %s refused: %s: %s%s; orders stay in the outbox and are retried",
                      url, TLS_REASONS[problem], detail, hint)
        try:
            request: httpx.Request | None = exc.request
        except RuntimeError:
            request = None
        return StoreCertificateError(url, problem, detail, request=request)

    def _tls_cleared(self) -> bool:
        """Forget the refused certificate; True if there was one."""
        with self._lock:
            was, self._tls_problem = self._tls_problem, ""
        return bool(was)

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
