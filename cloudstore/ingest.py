"""Idempotent batch ingest of pushed outbox rows.

Every item ends as exactly one of: created (new row), duplicate (the same uuid, payload and seq were
received before) or rejected (kept in quarantine, never dropped). Inserts use `INSERT … ON CONFLICT
DO NOTHING` against UNIQUE(order_uuid) and UNIQUE(device_id, device_seq), so a retried batch and a
concurrent duplicate both land on the same answer. The store recomputes the totals from the lines
and flags disagreements for audit instead of trusting the kiosk.

The work is split in two: `check_items` needs no database (hashes, payload validation) and runs
before the write transaction opens; `ingest` runs inside it on a driver cursor (`cloudstore.rawsql`),
with a handful of statements per batch whatever its size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudstore.batch_body import BatchItem
from cloudstore.models import Device, QuarantinedItem, StoreOrder
from cloudstore.rawsql import RawSQL, RoundTrip, Statement, raw_sql
from cloudstore.schemas import OrderPayloadIn
from kiosk.sync.protocol import ORDER_PAID_KIND, canonical_json

_WALK_PAGE = 500
# a batch is inserted in chunks so that checking one chunk overlaps with the database inserting the one
# before (and the first chunk's check with the round trip that opens the batch)
INSERT_CHUNK = 34
_json_string: Callable[[str], str] = json.encoder.encode_basestring

Result = dict[str, Any]
Prices = dict[str, tuple[int, int]]  # sku → (price_minor, change_seq)


@dataclass(slots=True)
class CheckedItem:
    index: int
    item: BatchItem
    canonical: str  # the payload as canonical JSON: hashed, stored, quarantined as is
    digest: str
    order: OrderPayloadIn | None  # None: refused before the database, for `reason`
    reason: str = ""


def audit_flags(order: OrderPayloadIn, store_prices: Prices) -> tuple[int, list[str]]:
    """Recompute the total from the lines; returns it and what disagrees with the kiosk's figures.

    `store_prices` maps sku → (price_minor, change_seq); a line priced at a catalog version that
    already included the store's current price must carry exactly that price.
    """
    flags: list[str] = []
    subtotal = 0
    for line in order.lines:
        expected = line.unit_price_minor * line.quantity
        subtotal += expected
        if line.line_total_minor != expected:
            flags.append(f"line{line.position}_total")
        known = store_prices.get(line.sku)
        if known is not None and line.catalog_version >= known[1] and line.unit_price_minor != known[0]:
            flags.append(f"price:{line.sku}")
    if order.subtotal_minor != subtotal:
        flags.append("subtotal")
    computed_total = subtotal + order.shipping_minor
    if order.total_minor != computed_total:
        flags.append("total")
    return computed_total, flags


def _short_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"invalid payload: {where}: {first['msg']}"[:255]


def check_items(items: list[BatchItem], start: int = 0) -> list[CheckedItem]:
    """Everything about the items that needs no database: hash, kind, uuid and payload checks.

    `start` is the index of the first of `items` in its batch.
    """
    checked: list[CheckedItem] = []
    for index, item in enumerate(items, start):
        canonical = canonical_json(item.payload)
        c = CheckedItem(index, item, canonical.decode(), hashlib.sha256(canonical).hexdigest(), None)
        if item.payload_hash is not None and item.payload_hash != c.digest:
            c.reason = "payload_hash does not match the payload"
        elif item.kind != ORDER_PAID_KIND:
            c.reason = f"unknown kind {item.kind!r}"
        elif item.payload.get("order_uuid") != item.order_uuid:
            c.reason = "order_uuid differs from the payload's"
        else:
            try:
                c.order = OrderPayloadIn.model_validate(item.payload)
            except ValidationError as exc:
                c.reason = _short_error(exc)
        checked.append(c)
    return checked


class _Batch:
    """The answers for one batch as they are decided, and the rows to quarantine."""

    def __init__(self, device_id: str, size: int, received_at: str) -> None:
        self.device_id, self.received_at = device_id, received_at
        self.results: list[Result | None] = [None] * size
        self.quarantine: list[tuple[Any, ...]] = []

    def answer(self, c: CheckedItem, status: str, reason: str | None = None) -> None:
        self.results[c.index] = {"device_seq": c.item.device_seq, "order_uuid": c.item.order_uuid,
                                 "status": status, "reason": reason}

    def reject(self, c: CheckedItem, reason: str) -> None:
        self.answer(c, "rejected", reason)
        self.quarantine.append((self.device_id, c.item.device_seq, c.item.order_uuid, c.digest, c.canonical,
                                reason, self.received_at))


@dataclass(frozen=True, slots=True)
class DeviceState:
    """The device row as read, locked, at the start of a batch's transaction."""

    secret: str
    revoked: bool
    contiguous_seq: int
    max_seq: int


def open_statements(sql: RawSQL, device_id: str, items: list[BatchItem]) -> list[Statement]:
    """Lock and read the device row, and read the store's prices of the lines' skus.

    The skus are read from the payloads before they are validated (so the query can run meanwhile);
    an invalid payload's skus only fetch a price nobody asks for.
    """
    skus = sorted({line["sku"] for item in items for line in _lines(item.payload)})
    return [(sql.device_for_update, (device_id,)), (sql.prices, (sql.string_list(skus),))]


def _lines(payload: dict[str, Any]) -> list[dict[str, Any]]:
    lines = payload.get("lines")
    if not isinstance(lines, list):
        return []
    return [line for line in lines if isinstance(line, dict) and isinstance(line.get("sku"), str)]


def opened(device_rows: list[Any], price_rows: list[Any]) -> tuple[DeviceState | None, Prices]:
    """The answers to `open_statements`."""
    device = None
    if device_rows:
        secret, revoked, contiguous, max_seq = device_rows[0]
        device = DeviceState(secret, bool(revoked), contiguous, max_seq)
    return device, {sku: (price, seq) for sku, price, seq in price_rows}


def ingest(cur: Any, sql: RawSQL, device_id: str, device: DeviceState, prices: Prices, items: list[BatchItem],
           head: list[CheckedItem], now: dt.datetime) -> Result:
    """Store a batch for a device whose row this transaction holds locked (`open_statements`).

    `head` is the first items already checked (`check_items`); the rest are checked here a chunk at
    a time, each while PostgreSQL inserts the chunk before it. Returns the response body of
    `POST /v1/orders:batch` as plain data.
    """
    batch = _Batch(device_id, len(items), sql.timestamp(now))
    # every item of the batch arrives now, as an order or in quarantine, so the new seq bookkeeping
    # is known before the insert and travels with it
    arrived = {item.device_seq for item in items}
    new_max = max(device.max_seq, *arrived)
    new_contiguous = _advance(cur, sql, device_id, device.contiguous_seq, device.max_seq, arrived)
    checked = list(head)
    with sql.round_trip(cur) as trip:
        if (new_contiguous, new_max) != (device.contiguous_seq, device.max_seq):
            trip.send(sql.update_device, (new_contiguous, new_max, device_id))
        inserts = [_send_insert(trip, sql, device_id, head, prices, batch.received_at)]
        for start in range(len(head), len(items), INSERT_CHUNK):
            chunk = check_items(items[start:start + INSERT_CHUNK], start)
            inserts.append(_send_insert(trip, sql, device_id, chunk, prices, batch.received_at))
            checked += chunk
    inserted = {(u, s, h) for handle in inserts if handle is not None for u, s, h in trip.rows(handle)}
    losers: list[CheckedItem] = []
    for c in checked:
        if c.reason:
            batch.reject(c, c.reason)
            continue
        key = (c.item.order_uuid, c.item.device_seq, c.digest)
        if key in inserted:
            inserted.discard(key)  # a second copy in the same batch is a duplicate, not "created"
            batch.answer(c, "created")
        else:
            losers.append(c)
    _classify_conflicts(cur, sql, device_id, losers, batch)
    if batch.quarantine:
        cur.executemany(sql.insert_quarantine, batch.quarantine)
    return {"results": batch.results, "highest_contiguous_seq": new_contiguous, "max_seq": new_max,
            "gap": new_max > new_contiguous}


def _send_insert(trip: RoundTrip, sql: RawSQL, device_id: str, checked: list[CheckedItem], prices: Prices,
                 received_at: str) -> int | None:
    valid = [c for c in checked if not c.reason]
    if not valid:
        return None
    return trip.send(sql.insert_orders, (_order_rows(device_id, valid, prices, received_at),))


def _order_rows(device_id: str, valid: list[CheckedItem], prices: Prices, received_at: str) -> str:
    """The batch's rows as one JSON array, the single parameter of `insert_orders`.

    Written out by hand rather than json.dumps per row, which cost as much as the rest of the batch's
    Python: strings go through the JSON string encoder, numbers are ints (validated), and the payload
    is spliced in as the canonical text already made for its hash.
    """
    q = _json_string
    fixed = (f'"device_id":{q(device_id)},"status":"ACCEPTED","tracking_no":"",'
             f'"received_at":{q(received_at)},"updated_at":{q(received_at)}')
    rows: list[str] = []
    for c in valid:
        order = c.order
        assert order is not None
        computed, flags = audit_flags(order, prices)
        rows.append(
            f'{{{fixed},"order_uuid":{q(c.item.order_uuid)},"device_seq":{c.item.device_seq:d},'
            f'"order_no":{q(order.order_no)},"kind":{q(c.item.kind)},"payload_hash":{q(c.digest)},'
            f'"currency":{q(order.currency)},"total_minor":{order.total_minor:d},'
            f'"computed_total_minor":{computed:d},"audit_flags":{q(" ".join(flags)[:255])},'
            f'"fulfilment":{q(order.fulfilment)},"payload":{c.canonical}}}')
    return "[" + ",".join(rows) + "]"


def _classify_conflicts(cur: Any, sql: RawSQL, device_id: str, losers: list[CheckedItem],
                        batch: _Batch) -> None:
    """Explain every row the insert skipped: a true duplicate, or a conflict to quarantine."""
    if not losers:
        return
    cur.execute(sql.existing_orders, (sql.string_list(sorted({c.item.order_uuid for c in losers})), device_id,
                                      sql.int_list(sorted({c.item.device_seq for c in losers}))))
    rows = cur.fetchall()
    by_uuid = {row[0]: row for row in rows}
    seq_owner = {seq: uuid for uuid, owner, seq, _ in rows if owner == device_id}
    for c in losers:
        existing = by_uuid.get(c.item.order_uuid)
        if existing is None:
            batch.reject(c, f"device_seq already used by order {seq_owner.get(c.item.device_seq, '?')}")
        elif existing[3] != c.digest:
            batch.reject(c, "order_uuid already received with another payload")
        elif (existing[1], existing[2]) != (device_id, c.item.device_seq):
            batch.reject(c, f"order_uuid already received as {existing[1]} seq {existing[2]}")
        else:
            batch.answer(c, "duplicate")


def _advance(cur: Any, sql: RawSQL, device_id: str, contiguous: int, max_seq: int, arrived: set[int]) -> int:
    """The highest seq up to which every seq has arrived, counting this batch's `arrived` seqs.

    No seq above the old max_seq arrived before this batch (every batch raises max_seq under the
    device lock), so the database is asked only when an earlier batch came out of order.
    """
    current = contiguous
    while True:
        while current + 1 in arrived:
            current += 1
        if current >= max_seq:
            return current
        cur.execute(sql.arrived_after, (device_id, current, device_id, current, _WALK_PAGE))
        page = [row[0] for row in cur.fetchall()]
        for seq in page:
            while current + 1 in arrived:
                current += 1
            if seq > current + 1:
                return current
            current = max(current, seq)
        if not page:
            return current


def ingest_batch(session: Session, device_id: str, items: list[BatchItem], now: dt.datetime) -> Result:
    """Ingest inside an ORM session's transaction (tools and tests; the HTTP route has its own)."""
    sql = raw_sql(session.get_bind().dialect.name)
    cur = session.connection().connection.cursor()
    try:
        device, prices = opened(*sql.run_together(cur, open_statements(sql, device_id, items)))
        if device is None:
            raise LookupError(f"unknown device {device_id}")
        return ingest(cur, sql, device_id, device, prices, items, check_items(items[:INSERT_CHUNK]), now)
    finally:
        cur.close()


def missing_seqs(session: Session, device: Device, limit: int = 20) -> list[int]:
    """The first holes between the contiguous and the highest seq, for the admin page."""
    if device.max_seq <= device.contiguous_seq:
        return []
    upper = min(device.max_seq, device.contiguous_seq + 10_000)
    present = set(session.execute(select(StoreOrder.device_seq).where(
        StoreOrder.device_id == device.id, StoreOrder.device_seq > device.contiguous_seq,
        StoreOrder.device_seq <= upper)).scalars())
    present |= set(session.execute(select(QuarantinedItem.device_seq).where(
        QuarantinedItem.device_id == device.id, QuarantinedItem.device_seq > device.contiguous_seq,
        QuarantinedItem.device_seq <= upper)).scalars())
    holes = [s for s in range(device.contiguous_seq + 1, upper + 1) if s not in present]
    return holes[:limit]
