"""Idempotent batch ingest of pushed outbox rows.

Every item ends as exactly one of: created (new row), duplicate (the same uuid, payload and seq were
received before) or rejected (kept in quarantine, never dropped). Inserts use `INSERT … ON CONFLICT
DO NOTHING` against UNIQUE(order_uuid) and UNIQUE(device_id, device_seq), so a retried batch and a
concurrent duplicate both land on the same answer. The store recomputes the totals from the lines
and flags disagreements for audit instead of trusting the kiosk.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import ValidationError
from sqlalchemy import JSON, DateTime, Integer, String, select, text, tuple_, union
from sqlalchemy.orm import Session

from cloudstore.dialect import insert_ignore
from cloudstore.models import Device, Product, QuarantinedItem, StoreOrder
from cloudstore.schemas import BatchItemIn, BatchItemOut, BatchOut, OrderPayloadIn
from kiosk.sync.protocol import ORDER_PAID_KIND, canonical_json, payload_hash

_WALK_PAGE = 500


@dataclass
class _Candidate:
    index: int
    item: BatchItemIn
    digest: str
    row: dict[str, Any]


def audit_flags(order: OrderPayloadIn, store_prices: dict[str, tuple[int, int]]) -> tuple[int, list[str]]:
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


def _prices(session: Session, items: list[tuple[BatchItemIn, OrderPayloadIn]]) -> dict[str, tuple[int, int]]:
    skus = {line.sku for _, order in items for line in order.lines}
    if not skus:
        return {}
    rows = session.execute(select(Product.sku, Product.price_minor, Product.change_seq)
                           .where(Product.sku.in_(skus), Product.deleted.is_(False)))
    return {sku: (price, seq) for sku, price, seq in rows}


def ingest_batch(session: Session, device_id: str, items: list[BatchItemIn], now: dt.datetime) -> BatchOut:
    # one batch per device at a time (PostgreSQL row lock; SQLite's writer lock already serialises)
    device = session.execute(select(Device).where(Device.id == device_id).with_for_update()).scalar_one()
    results: dict[int, BatchItemOut] = {}
    quarantine: list[dict[str, Any]] = []

    def reject(index: int, item: BatchItemIn, digest: str, reason: str) -> None:
        results[index] = BatchItemOut(device_seq=item.device_seq, order_uuid=item.order_uuid,
                                      status="rejected", reason=reason)
        quarantine.append({"device_id": device_id, "device_seq": item.device_seq,
                           "order_uuid": item.order_uuid, "payload_hash": digest,
                           "payload": canonical_json(item.payload).decode(), "reason": reason,
                           "received_at": now})

    valid: list[tuple[int, BatchItemIn, str, OrderPayloadIn]] = []
    for index, item in enumerate(items):
        digest = payload_hash(item.payload)
        if item.payload_hash is not None and item.payload_hash != digest:
            reject(index, item, digest, "payload_hash does not match the payload")
        elif item.kind != ORDER_PAID_KIND:
            reject(index, item, digest, f"unknown kind {item.kind!r}")
        elif item.payload.get("order_uuid") != item.order_uuid:
            reject(index, item, digest, "order_uuid differs from the payload's")
        else:
            try:
                order = OrderPayloadIn.model_validate(item.payload)
            except ValidationError as exc:
                reject(index, item, digest, _short_error(exc))
            else:
                valid.append((index, item, digest, order))

    prices = _prices(session, [(item, order) for _, item, _, order in valid])
    candidates: list[_Candidate] = []
    for index, item, digest, order in valid:
        computed, flags = audit_flags(order, prices)
        candidates.append(_Candidate(index, item, digest, {
            "order_uuid": item.order_uuid, "device_id": device_id, "device_seq": item.device_seq,
            "order_no": order.order_no, "kind": item.kind, "payload": item.payload,
            "payload_hash": digest, "currency": order.currency, "total_minor": order.total_minor,
            "computed_total_minor": computed, "audit_flags": " ".join(flags)[:255],
            "fulfilment": order.fulfilment, "status": "ACCEPTED", "tracking_no": "",
            "received_at": now, "updated_at": now,
        }))

    inserted: set[tuple[str, int, str]] = set()
    if candidates:
        inserted = _insert_orders(session, [c.row for c in candidates])
    losers: list[_Candidate] = []
    for c in candidates:
        key = (c.item.order_uuid, c.item.device_seq, c.digest)
        if key in inserted:
            inserted.discard(key)  # a second copy in the same batch is a duplicate, not "created"
            results[c.index] = BatchItemOut(device_seq=c.item.device_seq, order_uuid=c.item.order_uuid,
                                            status="created")
        else:
            losers.append(c)
    _classify_conflicts(session, device_id, losers, results, reject)
    if quarantine:
        session.execute(insert_ignore(session, QuarantinedItem), quarantine)

    device.max_seq = max(device.max_seq, *(item.device_seq for item in items))
    device.contiguous_seq = _walk_contiguous(session, device_id, device.contiguous_seq)
    return BatchOut(results=[results[i] for i in range(len(items))],
                    highest_contiguous_seq=device.contiguous_seq, max_seq=device.max_seq,
                    gap=device.max_seq > device.contiguous_seq)


def _insert_orders(session: Session, rows: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    """INSERT … ON CONFLICT DO NOTHING; returns (uuid, seq, hash) of the rows actually inserted."""
    if session.get_bind().dialect.name == "postgresql":
        return _insert_orders_pg(session, rows)
    table = StoreOrder.__table__
    returned = (table.c.order_uuid, table.c.device_seq, table.c.payload_hash)
    stmt = insert_ignore(session, table).returning(*returned)
    # Core, not the ORM's bulk path: the same SQL for a fraction of the Python per row
    return {(u, s, h) for u, s, h in session.connection().execute(stmt, rows)}


def _pg_type(sql_type: Any) -> str:
    if isinstance(sql_type, JSON):
        return "json"
    if isinstance(sql_type, DateTime):
        return "timestamp"
    if isinstance(sql_type, Integer):
        return "integer"
    if isinstance(sql_type, String):
        return "text"
    raise TypeError(f"no PostgreSQL type for {sql_type!r}")


@lru_cache(maxsize=1)
def _pg_insert_sql() -> str:
    # one short statement whose only parameter is the batch as JSON: psycopg re-parses a long multi-row
    # VALUES list on every call, which cost more than the insert itself
    cols = [c for c in StoreOrder.__table__.columns if c.name != "id"]
    names = ", ".join(c.name for c in cols)
    typed = ", ".join(f"{c.name} {_pg_type(c.type)}" for c in cols)
    return (f"INSERT INTO orders ({names}) SELECT {names} FROM json_to_recordset(CAST(:rows AS json)) "
            f"AS r({typed}) ON CONFLICT DO NOTHING RETURNING order_uuid, device_seq, payload_hash")


def _insert_orders_pg(session: Session, rows: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    doc = json.dumps(rows, ensure_ascii=False, separators=(",", ":"), default=_iso_default)
    result = session.connection().execute(text(_pg_insert_sql()), {"rows": doc})
    return {(u, s, h) for u, s, h in result}


def _iso_default(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _classify_conflicts(session: Session, device_id: str, losers: list[_Candidate],
                        results: dict[int, BatchItemOut], reject: Any) -> None:
    """Explain every row the insert skipped: a true duplicate, or a conflict to quarantine."""
    if not losers:
        return
    by_uuid = {row.order_uuid: row for row in session.execute(
        select(StoreOrder.order_uuid, StoreOrder.device_id, StoreOrder.device_seq, StoreOrder.payload_hash)
        .where(StoreOrder.order_uuid.in_({c.item.order_uuid for c in losers})))}
    seq_owner = {seq: owner for seq, owner in session.execute(
        select(StoreOrder.device_seq, StoreOrder.order_uuid)
        .where(tuple_(StoreOrder.device_id, StoreOrder.device_seq)
               .in_([(device_id, c.item.device_seq) for c in losers])))}
    for c in losers:
        existing = by_uuid.get(c.item.order_uuid)
        if existing is None:
            owner = seq_owner.get(c.item.device_seq, "?")
            reject(c.index, c.item, c.digest, f"device_seq already used by order {owner}")
        elif existing.payload_hash != c.digest:
            reject(c.index, c.item, c.digest, "order_uuid already received with another payload")
        elif (existing.device_id, existing.device_seq) != (device_id, c.item.device_seq):
            reject(c.index, c.item, c.digest,
                   f"order_uuid already received as {existing.device_id} seq {existing.device_seq}")
        else:
            results[c.index] = BatchItemOut(device_seq=c.item.device_seq, order_uuid=c.item.order_uuid,
                                            status="duplicate")


def _walk_contiguous(session: Session, device_id: str, start: int) -> int:
    """Advance past every seq that has arrived, as an order or in quarantine, without a hole."""
    current = start
    while True:
        arrived = union(
            select(StoreOrder.device_seq.label("seq"))
            .where(StoreOrder.device_id == device_id, StoreOrder.device_seq > current),
            select(QuarantinedItem.device_seq.label("seq"))
            .where(QuarantinedItem.device_id == device_id, QuarantinedItem.device_seq > current),
        ).subquery()
        stmt = select(arrived.c.seq).order_by(arrived.c.seq).limit(_WALK_PAGE)
        seqs = list(session.execute(stmt).scalars())
        for seq in seqs:
            if seq != current + 1:
                return current
            current = seq
        if len(seqs) < _WALK_PAGE:
            return current


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
