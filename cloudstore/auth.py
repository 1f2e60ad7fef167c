"""Who is calling: HMAC-signed kiosks on /v1 (staff sign in to the admin side: `cloudstore.routes.staff`).

A signed request is refused with 401 before anything else happens when its signature, clock skew or
nonce is wrong; the nonce is recorded only once the signature is known good, so a forged request
cannot burn a real kiosk's nonce. A revoked kiosk gets 403. `POST /v1/orders:batch` does the same
checks inside its own write transaction (`cloudstore.batch_request`), where the nonce sticks only
if the batch commits.
"""

from __future__ import annotations

import datetime as dt
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
from cloudstore.rawsql import RawSQL, Statement
from kiosk.sync.protocol import MAX_CLOCK_SKEW_S, SignatureError, SignedRequest

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


def unauthorized(reason: str) -> HTTPException:
    return HTTPException(401, detail=reason, headers={"WWW-Authenticate": 'HMAC realm="cloudstore"'})


class DeviceSecrets:
    """Each device's secret, read once, so that a batch's signature is checked before its transaction.

    A secret never changes (a device is revoked, not re-keyed); revocation is read, under the device
    row's lock, in every batch's transaction, which also refuses a secret that no longer matches.
    Unknown ids are not remembered: an unregistered caller costs one read, as before.
    """

    def __init__(self, db: StoreDB) -> None:
        self.db = db
        self._known: dict[str, str] = {}

    def get(self, device_id: str) -> str | None:
        secret = self._known.get(device_id)
        if secret is None:
            with self.db.read() as session:
                device = session.get(Device, device_id)
                if device is None:
                    return None
                secret = self._known[device_id] = device.secret
        return secret

    def forget(self, device_id: str) -> None:
        self._known.pop(device_id, None)


class NonceCache:
    """Replay protection backed by the database, so it survives a store restart."""

    def __init__(self, db: StoreDB, window_s: int = MAX_CLOCK_SKEW_S) -> None:
        self.db = db
        self.window_s = window_s
        self._last_prune = 0.0

    def _prune_before(self, now: float) -> dt.datetime | None:
        """The cutoff to prune below, at most once a minute; None between prunes."""
        if now - self._last_prune <= _PRUNE_EVERY_S:
            return None
        self._last_prune = now
        # twice the window: a timestamp may be skewed either way
        return _naive_utc(now) - dt.timedelta(seconds=2 * self.window_s)

    def remember(self, device_id: str, nonce: str, now: float) -> bool:
        """Record the nonce in a transaction of its own; False when it was already seen (a replay)."""
        with self.db.write() as session:
            cutoff = self._prune_before(now)
            if cutoff is not None:
                session.execute(delete(RequestNonce).where(RequestNonce.seen_at < cutoff))
            # RETURNING rather than rowcount: the ORM's insert path does not report rowcount everywhere
            stmt = insert_ignore(session, RequestNonce).values(
                device_id=device_id, nonce=nonce, seen_at=_naive_utc(now))
            return session.execute(stmt.returning(RequestNonce.nonce)).scalar_one_or_none() is not None

    def statements(self, sql: RawSQL, device_id: str, nonce: str, now: float) -> list[Statement]:
        """The statements recording the nonce in the caller's transaction; the last one's rows are
        empty for a replay. The nonce sticks only if that transaction commits; a concurrent request
        with the same nonce waits on the unique index until then, so never both get through.
        """
        out: list[Statement] = []
        cutoff = self._prune_before(now)
        if cutoff is not None:
            out.append((sql.nonce_prune, (sql.timestamp(cutoff),)))
        out.append((sql.nonce_insert, (nonce, sql.timestamp(_naive_utc(now)), device_id)))
        return out


def _naive_utc(now: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(now, dt.UTC).replace(tzinfo=None)


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
        raise unauthorized(str(exc)) from None
    if revoked:
        raise HTTPException(403, detail="device revoked")
    if not nonces.remember(signed.device_id, signed.nonce, now):
        raise unauthorized("nonce already used")
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
