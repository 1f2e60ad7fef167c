"""Idempotent batch ingest of pushed outbox rows.

Every item ends as exactly one of: created (new row), duplicate (the same uuid, payload and seq were
received before) or rejected (kept in quarantine, never dropped). Inserts use `INSERT … ON CONFLICT
DO NOTHING` against UNIQUE(order_uuid) and UNIQUE(device_id, device_seq), so a retried batch and a
concurrent duplicate both land on the same answer. The store recomputes the totals from the lines
and flags disagreements for audit instead of trusting the kiosk. An order says it was paid: the store
looks for a payment of its own that says so too (same order, amount, currency and method, PAID); one it
cannot find is flagged and raises an alert on the fleet page, and the order is still kept. A new
order's goods leave the store's stock (never below zero) under new catalog change numbers, so every
kiosk's next catalog pull brings the stock down too; a repeated push, being no new order, lowers nothing.

The work is split in two: `check_items` needs no database (hashes, payload validation) and runs
before the write transaction opens; `ingest` runs inside it on a driver cursor (`cloudstore.rawsql`):
one round trip of statements for the usual batch whatever its size, then the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloudstore import pii
from cloudstore.batch_body import BatchItem
from cloudstore.html import money
from cloudstore.models import Device, QuarantinedItem, StoreOrder
from cloudstore.rawsql import RawSQL, RoundTrip, Statement, raw_sql
from cloudstore.schemas import order_payloads
from cloudstore.shoppers import order_shopper_hash
from cloudstore.timefmt import parse_iso
from kiosk.order_rules import order_number_key
from kiosk.sync.protocol import ORDER_PAID_KIND, canonical_json, delivery_fee_minor

_WALK_PAGE = 500
_json_string: Callable[[str], str] = json.encoder.encode_basestring

Result = dict[str, Any]
Prices = dict[str, tuple[int, int]]  # sku → (price_minor, change_seq)
StorePayment = tuple[str, int, str, str]  # (method, amount_minor, currency, status) of a payments row
PAYMENT_ALERT_KIND = "order_payment_mismatch"
PAID_AT_MAX_AGE = dt.timedelta(days=90)


@dataclass(slots=True)
class CheckedItem:
    index: int
    item: BatchItem
    canonical: str  # the payload as canonical JSON, as the kiosk sent it: hashed
    digest: str
    order: dict[str, Any] | None  # the payload once valid (OrderPayloadIn); None: refused, for `reason`
    reason: str = ""
    flags: str = ""  # the audit flags its row was inserted with


def audit_flags(order: dict[str, Any], store_prices: Prices) -> tuple[int, list[str]]:
    """Recompute the total from the lines of a valid payload; returns it and what disagrees with the
    kiosk's figures.

    `store_prices` maps sku → (price_minor, change_seq); a line priced at a catalog version that
    already included the store's current price must carry exactly that price.
    """
    flags: list[str] = []
    subtotal = 0
    for line in order["lines"]:
        price = line["unit_price_minor"]
        expected = price * line["quantity"]
        subtotal += expected
        if line["line_total_minor"] != expected:
            flags.append(f"line{line['position']}_total")
        known = store_prices.get(line["sku"])
        if known is not None and line.get("catalog_version", 0) >= known[1] and price != known[0]:
            flags.append(f"price:{line['sku']}")
    if order["subtotal_minor"] != subtotal:
        flags.append("subtotal")
    if order.get("shipping_minor", 0) != delivery_fee_minor(order.get("fulfilment", "pickup"), subtotal):
        flags.append("shipping")
    computed_total = subtotal + order.get("shipping_minor", 0)
    if order["total_minor"] != computed_total:
        flags.append("total")
    return computed_total, flags


def payment_flags(order: dict[str, Any], payments: Sequence[StorePayment]) -> list[str]:
    """What keeps the store's payments of an order (`payments`) from paying it, as one audit flag:
    payment:missing (none), payment:unpaid (none PAID), payment:method (none PAID by the method the
    order names), payment:amount (none of the order's total in its currency). Empty when one matches.
    """
    claimed = order.get("payment")
    method = claimed.get("method") if isinstance(claimed, dict) else None
    paid = [p for p in payments if p[3] == "PAID"]
    same_method = [p for p in paid if p[0] == method]
    if not payments:
        return ["payment:missing"]
    if not paid:
        return ["payment:unpaid"]
    if not same_method:
        return ["payment:method"]
    owed = (order["total_minor"], str(order["currency"]).upper())
    if not any((amount, currency.upper()) == owed for _, amount, currency, _ in same_method):
        return ["payment:amount"]
    return []


def _payment_alert(device_id: str, order: dict[str, Any], flags: list[str], at: str) -> dict[str, Any]:
    """The `insert_alerts` row of an order whose payment the store cannot find."""
    claimed = order.get("payment")
    method = claimed.get("method") if isinstance(claimed, dict) else None
    message = (f"order {order['order_no']} says it was paid {money(order['total_minor'], order['currency'])}"
               f" by {method or 'an unnamed method'}, but the store holds no such PAID payment "
               f"({' '.join(flags)}): check before handing over the goods")
    return {"device_id": device_id, "alert_id": f"payment:{order['order_uuid']}", "kind": PAYMENT_ALERT_KIND,
            "severity": "critical", "message": message, "order_uuid": order["order_uuid"], "raised_at": at}


def _short_error(error: Any) -> str:
    where = ".".join(str(p) for p in error["loc"][1:])  # loc[0] is the payload's index in the list
    return f"invalid payload: {where}: {error['msg']}"[:255]


def check_items(items: list[BatchItem]) -> list[CheckedItem]:
    """Everything about a batch's items that needs no database: hash, kind, uuid and payload checks."""
    checked: list[CheckedItem] = []
    for index, item in enumerate(items):
        canonical = canonical_json(item.payload)
        c = CheckedItem(index, item, canonical.decode(), hashlib.sha256(canonical).hexdigest(), None)
        if item.payload_hash is not None and item.payload_hash != c.digest:
            c.reason = "payload_hash does not match the payload"
        elif item.kind != ORDER_PAID_KIND:
            c.reason = f"unknown kind {item.kind!r}"
        elif item.payload.get("order_uuid") != item.order_uuid:
            c.reason = "order_uuid differs from the payload's"
        checked.append(c)
    _validate([c for c in checked if not c.reason])
    return checked


def _validate(pending: list[CheckedItem]) -> None:
    """Validate the payloads in one call; each gets its order or the first reason it is invalid."""
    if not pending:
        return
    invalid: dict[int | str, Any] = {}
    try:
        order_payloads.validate_python([c.item.payload for c in pending])
    except ValidationError as exc:
        for error in exc.errors():
            invalid.setdefault(error["loc"][0], error)
    for i, c in enumerate(pending):
        if i in invalid:
            c.reason = _short_error(invalid[i])
        else:
            c.order = c.item.payload  # strict validation: the valid payload is its own result


class _Batch:
    """The answers for one batch as they are decided, and the rows to quarantine."""

    def __init__(self, device_id: str, size: int, received_at: str, cipher: pii.PiiCipher) -> None:
        self.device_id, self.received_at, self.cipher = device_id, received_at, cipher
        self.results: list[Result | None] = [None] * size
        self.quarantine: list[tuple[Any, ...]] = []

    def answer(self, c: CheckedItem, status: str, reason: str | None = None) -> None:
        self.results[c.index] = {"device_seq": c.item.device_seq, "order_uuid": c.item.order_uuid,
                                 "status": status, "reason": reason}

    def reject(self, c: CheckedItem, reason: str) -> None:
        self.answer(c, "rejected", reason)
        self.quarantine.append((self.device_id, c.item.device_seq, c.item.order_uuid, c.digest,
                                _stored(c, self.cipher, f"quarantine:{c.item.order_uuid}"), reason,
                                self.received_at))


def _stored(c: CheckedItem, cipher: pii.PiiCipher, context: str) -> str:
    """The payload as the store keeps it: as received, but for its contact, sealed (cloudstore.pii).
    Its hash stays the hash of what the kiosk sent, so a repeated push is still a duplicate."""
    contact = c.item.payload.get("contact")
    if not isinstance(contact, dict) or not contact:
        return c.canonical
    sealed = pii.seal_payload(cipher, c.item.payload, context)
    return c.canonical if sealed is None else canonical_json(sealed).decode()


@dataclass(frozen=True, slots=True)
class DeviceState:
    """The device row as read, locked, at the start of a batch's transaction."""

    secret: str
    revoked: bool
    contiguous_seq: int
    max_seq: int


# called with the locked device row (None: unknown) and the rows of the `before` statements; raising
# refuses the batch, and the transaction, inserts included, rolls back
Accept = Callable[[DeviceState | None, list[list[Any]]], None]


def device_state(rows: list[Any]) -> DeviceState | None:
    """The rows of `sql.device_for_update` as a DeviceState (None: unknown device)."""
    if not rows:
        return None
    secret, revoked, contiguous, max_seq = rows[0]
    return DeviceState(secret, bool(revoked), contiguous, max_seq)


def _known_device(device: DeviceState | None, _before: list[list[Any]]) -> None:
    if device is None:
        raise LookupError("unknown device")


def ingest(cur: Any, sql: RawSQL, device_id: str, items: list[BatchItem], now: dt.datetime, *,
           before: Sequence[Statement] = (), accept: Accept = _known_device,
           shopper_salt: bytes | None = None, cipher: pii.PiiCipher | None) -> Result:
    """Store a batch for a device; the response body of `POST /v1/orders:batch`.

    Everything the usual batch needs goes in one round trip: lock and read the device row, the
    caller's `before` statements (the nonce), the store's prices of the lines' skus, the insert of
    every valid row and the seq bookkeeping. The items are checked (`check_items`) while PostgreSQL
    runs the first of these. `accept` then judges the device (and the nonce); what is left is rare
    (conflicts to explain, seqs out of order, prices that disagree) and costs a statement only when
    it happens. The caller's commit is the second round trip. With `shopper_salt` each new order keeps
    a salted hash of its phone for the reports (`cloudstore.shoppers`); without it, none. Personal data
    is stored sealed under `cipher` (the store's PII key), never in the clear: without one, nothing is
    stored.
    """
    if cipher is None:
        raise pii.PiiKeyError("no PII key to seal the orders' personal data with: nothing stored")
    batch = _Batch(device_id, len(items), sql.timestamp(now), cipher)
    seqs = sorted({item.device_seq for item in items})
    hi = seqs[-1]
    lo = seqs[0] if hi - seqs[0] + 1 == len(seqs) else None
    # read from the payloads before they are checked: an invalid one only fetches a price nobody asks for
    skus = sorted({line["sku"] for item in items for line in _lines(item.payload)})
    uuids = sorted({item.order_uuid for item in items})
    with sql.round_trip(cur) as trip:
        device_handle = trip.send(sql.device_for_update, (device_id,))
        before_handles = [trip.send(query, params) for query, params in before]
        prices_handle = trip.send(sql.prices, (sql.string_list(skus),))
        payments_handle = trip.send(sql.order_payments, (sql.string_list(uuids),))
        checked = check_items(items)
        insert_handle = _send_insert(trip, sql, device_id, checked, now, shopper_salt, cipher)
        seq_handle = trip.send(sql.advance_device, (lo, hi, hi, hi, device_id))
    device = device_state(trip.rows(device_handle))
    accept(device, [trip.rows(handle) for handle in before_handles])
    assert device is not None
    contiguous, max_seq = trip.rows(seq_handle)[0]
    if lo is None or device.contiguous_seq != device.max_seq:
        # out of order, a gap behind, or seqs missing within the batch: walk what has arrived
        contiguous = _advance(cur, sql, device_id, device.contiguous_seq, device.max_seq, set(seqs))
        cur.execute(sql.update_device, (contiguous, max_seq, device_id))
    prices: Prices = {sku: (price, seq) for sku, price, seq in trip.rows(prices_handle)}
    store_payments: dict[str, list[StorePayment]] = {}
    for order_uuid, method, amount, currency, status in trip.rows(payments_handle):
        store_payments.setdefault(order_uuid, []).append((method, amount, currency, status))
    inserted = set() if insert_handle is None else {(u, s, h) for u, s, h in trip.rows(insert_handle)}
    losers: list[CheckedItem] = []
    created: list[dict[str, Any]] = []
    reflagged: list[dict[str, str]] = []
    alerts: list[dict[str, Any]] = []
    for c in checked:
        if c.reason:
            batch.reject(c, c.reason)
            continue
        key = (c.item.order_uuid, c.item.device_seq, c.digest)
        if key not in inserted:
            losers.append(c)
            continue
        inserted.discard(key)  # a second copy in the same batch is a duplicate, not "created"
        batch.answer(c, "created")
        assert c.order is not None
        created.append(c.order)
        # the row went in before the prices and payments were known: what disagrees is a flag now
        unpaid = payment_flags(c.order, store_payments.get(c.item.order_uuid, ()))
        if prices or unpaid:
            flags = _flag_text(audit_flags(c.order, prices)[1] + unpaid)
            if flags != c.flags:
                reflagged.append({"order_uuid": c.item.order_uuid, "flags": flags})
        if unpaid:
            alerts.append(_payment_alert(device_id, c.order, unpaid, batch.received_at))
    _classify_conflicts(cur, sql, device_id, losers, batch)
    if reflagged or alerts:  # rare, and then often the whole batch: one statement each, one round trip
        with sql.round_trip(cur) as trip:
            if reflagged:
                trip.send(sql.set_audit_flags, (json.dumps(reflagged, ensure_ascii=False),))
            if alerts:
                trip.send(sql.insert_alerts, (json.dumps(alerts, ensure_ascii=False),))
    if batch.quarantine:
        cur.executemany(sql.insert_quarantine, batch.quarantine)
    _lower_stock(cur, sql, created, prices, batch.received_at)
    return {"results": batch.results, "highest_contiguous_seq": contiguous, "max_seq": max_seq,
            "gap": max_seq > contiguous}


def _lower_stock(cur: Any, sql: RawSQL, orders: list[dict[str, Any]], prices: Prices, at: str) -> None:
    """Take the new orders' goods out of the store's stock, each changed product under a change number
    of its own (the feed pages by change number). Products the store does not sell are left alone."""
    sold: dict[str, int] = {}
    for order in orders:
        for line in order["lines"]:
            if line["sku"] in prices:
                sold[line["sku"]] = sold.get(line["sku"], 0) + line["quantity"]
    if not sold:
        return
    cur.execute(sql.bump_catalog, (len(sold),))
    first = cur.fetchone()[0] - len(sold) + 1
    cur.executemany(sql.lower_stock, [(quantity, first + i, at, sku)
                                      for i, (sku, quantity) in enumerate(sorted(sold.items()))])


def _lines(payload: dict[str, Any]) -> list[dict[str, Any]]:
    lines = payload.get("lines")
    if not isinstance(lines, list):
        return []
    return [line for line in lines if isinstance(line, dict) and isinstance(line.get("sku"), str)]


def _flag_text(flags: list[str]) -> str:
    return " ".join(flags)[:255]


def _send_insert(trip: RoundTrip, sql: RawSQL, device_id: str, checked: list[CheckedItem],
                 now: dt.datetime, shopper_salt: bytes | None, cipher: pii.PiiCipher) -> int | None:
    valid = [c for c in checked if not c.reason]
    if not valid:
        return None
    return trip.send(sql.insert_orders, (_order_rows(sql, device_id, valid, now, shopper_salt, cipher),))


def paid_time(order: dict[str, Any], received: dt.datetime) -> dt.datetime:
    """When the shopper paid, for the reports: the kiosk's `paid_at` (its clock is kept to the store's),
    never after the store received the order. The receipt time when it names none or no valid one, or
    one more than PAID_AT_MAX_AGE before it (a kiosk whose clock was reset, not one offline that long)."""
    text = order.get("paid_at")
    if not isinstance(text, str):
        return received
    try:
        paid = parse_iso(text)
    except (ValueError, OverflowError):
        return received
    return received if paid < received - PAID_AT_MAX_AGE else min(paid, received)


def _order_rows(sql: RawSQL, device_id: str, valid: list[CheckedItem], now: dt.datetime,
                shopper_salt: bytes | None, cipher: pii.PiiCipher) -> str:
    """The batch's rows as one JSON array, the single parameter of `insert_orders`.

    Written out by hand rather than json.dumps per row, which cost as much as the rest of the batch's
    Python: strings go through the JSON string encoder, numbers are ints (validated), and the payload
    is spliced in as the canonical text already made for its hash (its contact sealed: `_stored`). The
    audit flags are the ones that
    need no store prices (each item keeps them, to compare once the prices are read).
    """
    q = _json_string
    received_at = sql.timestamp(now)
    fixed = (f'"device_id":{q(device_id)},"status":"ACCEPTED","tracking_no":"",'
             f'"received_at":{q(received_at)},"updated_at":{q(received_at)}')
    rows: list[str] = []
    for c in valid:
        order = c.order
        assert order is not None
        computed, flags = audit_flags(order, {})
        c.flags = _flag_text(flags)
        rows.append(
            f'{{{fixed},"order_uuid":{q(c.item.order_uuid)},"device_seq":{c.item.device_seq:d},'
            f'"order_no":{q(order["order_no"])},"order_key":{q(order_number_key(order["order_no"]))},'
            f'"kind":{q(c.item.kind)},"payload_hash":{q(c.digest)},'
            f'"currency":{q(order["currency"])},"total_minor":{order["total_minor"]:d},'
            f'"computed_total_minor":{computed:d},"audit_flags":{q(c.flags)},'
            f'"fulfilment":{q(order.get("fulfilment", "pickup"))},'
            f'"paid_at":{q(sql.timestamp(paid_time(order, now)))},'
            f'"shopper_hash":{q(order_shopper_hash(shopper_salt, order))},'
            f'"payload":{_stored(c, cipher, pii.order_context(c.item.order_uuid))}}}')
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


def ingest_batch(session: Session, device_id: str, items: list[BatchItem], now: dt.datetime, *,
                 shopper_salt: bytes | None = None) -> Result:
    """Ingest inside an ORM session's transaction (tools and tests; the HTTP route has its own), sealing
    under the session's PII key (`StoreDB.pii`)."""
    sql = raw_sql(session.get_bind().dialect.name)
    cur = session.connection().connection.cursor()
    try:
        return ingest(cur, sql, device_id, items, now, shopper_salt=shopper_salt,
                      cipher=pii.cipher_of(session))
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
