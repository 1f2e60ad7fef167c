"""`POST /v1/orders:batch` from signed bytes to response bytes, in one write transaction.

The signature is checked first, against the device's secret as the store knows it
(`auth.DeviceSecrets`), so a forged request costs the database nothing. The batch's transaction then
locks and reads the device row, records the nonce and stores the batch in one round trip, and commits
once. Whatever refuses the request there (unknown or revoked device, replayed nonce, malformed body, a
failure mid-batch) rolls all of it back, the nonce included: a request that changed nothing leaves
nothing behind. Replaying such a request can therefore do at most what the original was entitled to do
once, and ingest is idempotent besides; a request that was committed keeps its nonce, so its replay is
refused with 401.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

import orjson
from fastapi import HTTPException

from cloudstore.auth import DeviceSecrets, NonceCache, unauthorized
from cloudstore.batch_body import BatchBodyError, BatchItem, parse_batch
from cloudstore.db import StoreDB
from cloudstore.ingest import DeviceState, device_state, ingest
from cloudstore.models import utcnow
from cloudstore.rawsql import raw_sql
from kiosk.sync.protocol import SignatureError, SignedRequest


class MalformedBatch(Exception):
    """400: the body is not a valid batch (the kiosk splits the batch to isolate the poison row)."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("malformed batch")
        self.errors = errors


def push_batch(db: StoreDB, secrets: DeviceSecrets, nonces: NonceCache, method: str, target: str,
               headers: Mapping[str, str], body: bytes, now: float,
               shopper_salt: bytes | None = None) -> bytes:
    """The JSON response body; raises HTTPException (401/403) or MalformedBatch (400)."""
    try:
        signed = SignedRequest.from_headers(headers)
        secret = secrets.get(signed.device_id)
        if secret is None:
            raise SignatureError("unknown device")
        signed.verify(secret, method, target, body, now=now)
    except SignatureError as exc:
        raise unauthorized(str(exc)) from None
    device_id = signed.device_id
    items: list[BatchItem] = []
    body_errors: list[dict[str, Any]] = []
    try:
        items = parse_batch(body)
    except BatchBodyError as exc:
        body_errors = exc.errors
    sql = raw_sql(db.dialect)

    def accept(device: DeviceState | None, nonce_rows: list[list[Any]]) -> None:
        if device is None or not hmac.compare_digest(device.secret, secret):
            secrets.forget(device_id)
            raise unauthorized("unknown device")
        if device.revoked:
            raise HTTPException(403, detail="device revoked")
        if body_errors:
            raise MalformedBatch(body_errors)
        if not nonce_rows[-1]:
            raise unauthorized("nonce already used")

    def transaction(cur: Any) -> dict[str, Any]:
        if body_errors:  # nothing to store: the device row alone says whether this is a 403 or a 400
            cur.execute(sql.device_for_update, (device_id,))
            accept(device_state(cur.fetchall()), [])
        return ingest(cur, sql, device_id, items, utcnow(),
                      before=nonces.statements(sql, device_id, signed.nonce, now), accept=accept,
                      shopper_salt=shopper_salt, cipher=db.pii)

    return orjson.dumps(db.run_write(transaction))
