"""Who is calling: HMAC-signed kiosks on /v1, a bearer/cookie token for the merchant admin.

A signed request is refused with 401 before anything else happens when its signature, clock skew or
nonce is wrong; the nonce is recorded only once the signature is known good, so a forged request
cannot burn a real kiosk's nonce. A revoked kiosk gets 403.
"""

from __future__ import annotations

import datetime as dt
import hmac
import time
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import delete

from cloudstore.db import StoreDB
from cloudstore.dialect import insert_ignore
from cloudstore.models import Device, RequestNonce
from kiosk.sync.protocol import MAX_CLOCK_SKEW_S, SignatureError, SignedRequest

ADMIN_COOKIE = "cloudstore_admin"
_PRUNE_EVERY_S = 60.0


@dataclass(frozen=True)
class DeviceCaller:
    device_id: str
    name: str


def request_target(scope: MutableMapping[str, Any]) -> str:
    """The path and query exactly as the client sent them (what it signed)."""
    raw: bytes = scope.get("raw_path") or str(scope["path"]).encode()
    query: bytes = scope.get("query_string", b"")
    target = raw + (b"?" + query if query else b"")
    return target.decode("latin-1")


def _unauthorized(reason: str) -> HTTPException:
    return HTTPException(401, detail=reason, headers={"WWW-Authenticate": 'HMAC realm="cloudstore"'})


class NonceCache:
    """Replay protection backed by the database, so it survives a store restart."""

    def __init__(self, db: StoreDB, window_s: int = MAX_CLOCK_SKEW_S) -> None:
        self.db = db
        self.window_s = window_s
        self._last_prune = 0.0

    def remember(self, device_id: str, nonce: str, now: float) -> bool:
        """Record the nonce; False when it was already seen (a replay)."""
        seen_at = dt.datetime.fromtimestamp(now, dt.UTC).replace(tzinfo=None)
        with self.db.write() as session:
            if now - self._last_prune > _PRUNE_EVERY_S:
                self._last_prune = now
                # twice the window: a timestamp may be skewed either way
                cutoff = seen_at - dt.timedelta(seconds=2 * self.window_s)
                session.execute(delete(RequestNonce).where(RequestNonce.seen_at < cutoff))
            # RETURNING rather than rowcount: the ORM's insert path does not report rowcount everywhere
            stmt = insert_ignore(session, RequestNonce).values(
                device_id=device_id, nonce=nonce, seen_at=seen_at)
            return session.execute(stmt.returning(RequestNonce.nonce)).scalar_one_or_none() is not None


def verify_device_request(db: StoreDB, nonces: NonceCache, method: str, target: str,
                          headers: Any, body: bytes, now: float) -> DeviceCaller:
    try:
        signed = SignedRequest.from_headers(headers)
        with db.read() as session:
            device = session.get(Device, signed.device_id)
            if device is None:
                raise SignatureError("unknown device")
            secret, name, revoked = device.secret, device.name, device.revoked_at is not None
        signed.verify(secret, method, target, body, now=now)
    except SignatureError as exc:
        raise _unauthorized(str(exc)) from None
    if revoked:
        raise HTTPException(403, detail="device revoked")
    if not nonces.remember(signed.device_id, signed.nonce, now):
        raise _unauthorized("nonce already used")
    return DeviceCaller(signed.device_id, name)


async def signed_device(request: Request) -> DeviceCaller:
    """FastAPI dependency for every kiosk endpoint."""
    body = await request.body()
    state = request.app.state
    return await run_in_threadpool(verify_device_request, state.db, state.nonces, request.method,
                                   request_target(request.scope), request.headers, body, time.time())


def same_device(caller: DeviceCaller, device_id: str) -> None:
    if caller.device_id != device_id:
        raise HTTPException(403, detail="a device may only report for itself")


def _token_ok(request: Request, presented: str | None) -> bool:
    expected: str = request.app.state.settings.admin_token
    return presented is not None and hmac.compare_digest(presented.encode(), expected.encode())


async def admin_api(request: Request) -> None:
    """Bearer token for the JSON admin API."""
    auth = request.headers.get("authorization", "")
    token = auth[7:] if auth.lower().startswith("bearer ") else None
    if not _token_ok(request, token):
        raise HTTPException(401, detail="admin token required", headers={"WWW-Authenticate": "Bearer"})


def admin_cookie_ok(request: Request) -> bool:
    return _token_ok(request, request.cookies.get(ADMIN_COOKIE))
