"""`POST /v1/orders:batch` from signed bytes to response bytes, in one write transaction.

The device row is read and locked, the signature checked, the nonce recorded and the batch stored
in the same transaction, committed once. Whatever refuses the request (bad signature, skew, revoked
device, replayed nonce, malformed body, a failure mid-batch) rolls all of it back, the nonce included:
a request that changed nothing leaves nothing behind. Replaying such a request can therefore do at
most what the original was entitled to do once, and ingest is idempotent besides; a request that was
committed keeps its nonce, so its replay is refused with 401.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fastapi import HTTPException

from cloudstore.auth import NonceCache, unauthorized
from cloudstore.batch_body import BatchBodyError, BatchItem, parse_batch
from cloudstore.db import StoreDB
from cloudstore.ingest import INSERT_CHUNK, check_items, ingest, open_statements, opened
from cloudstore.models import utcnow
from cloudstore.rawsql import raw_sql
from kiosk.sync.protocol import SignatureError, SignedRequest


class MalformedBatch(Exception):
    """400: the body is not a valid batch (the kiosk splits the batch to isolate the poison row)."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("malformed batch")
        self.errors = errors


def push_batch(db: StoreDB, nonces: NonceCache, method: str, target: str, headers: Mapping[str, str],
               body: bytes, now: float) -> bytes:
    """The JSON response body; raises HTTPException (401/403) or MalformedBatch (400)."""
    try:
        signed = SignedRequest.from_headers(headers)
    except SignatureError as exc:
        raise unauthorized(str(exc)) from None
    items: list[BatchItem] = []
    body_errors: list[dict[str, Any]] = []
    try:
        items = parse_batch(body)
    except BatchBodyError as exc:
        body_errors = exc.errors
    sql = raw_sql(db.dialect)
    device_id = signed.device_id

    def transaction(cur: Any) -> dict[str, Any]:
        # One round trip, and the first items are checked while PostgreSQL runs it. The nonce goes in
        # before the signature is checked, but in this transaction, which any refusal below rolls
        # back: a forged request leaves no nonce behind.
        with sql.round_trip(cur) as trip:
            opening = [trip.send(query, params) for query, params in open_statements(sql, device_id, items)]
            nonce = [trip.send(query, params)
                     for query, params in nonces.statements(sql, device_id, signed.nonce, now)][-1]
            head = check_items(items[:INSERT_CHUNK])
        device, prices = opened(*(trip.rows(handle) for handle in opening))
        try:
            if device is None:
                raise SignatureError("unknown device")
            signed.verify(device.secret, method, target, body, now=now)
        except SignatureError as exc:
            raise unauthorized(str(exc)) from None
        if device.revoked:
            raise HTTPException(403, detail="device revoked")
        if body_errors:
            raise MalformedBatch(body_errors)
        if not trip.rows(nonce):
            raise unauthorized("nonce already used")
        return ingest(cur, sql, device_id, device, prices, items, head, utcnow())

    out = db.run_write(transaction)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode()
