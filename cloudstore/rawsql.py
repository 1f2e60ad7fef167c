"""The ingest hot path's SQL, written once per dialect and run on the driver's own cursor.

Batch ingest is the store's busiest write; going through the ORM cost more per batch than the rows'
insert itself, so these statements bypass it. Each is a fixed string (the driver and PostgreSQL can
prepare it) whose list-valued parameters travel as one array or one JSON document.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String

from cloudstore.models import StoreOrder

# every column the ingest writes, in the order of the JSON rows it builds
Statement = tuple[str, tuple[Any, ...]]  # SQL text and its parameters

ORDER_COLUMNS: tuple[str, ...] = tuple(c.name for c in StoreOrder.__table__.columns if c.name != "id")


@dataclass(frozen=True)
class RawSQL:
    dialect: str
    device_for_update: str
    nonce_insert: str
    nonce_prune: str
    prices: str
    insert_orders: str
    existing_orders: str
    insert_quarantine: str
    arrived_after: str
    update_device: str
    advance_device: str
    set_audit_flags: str  # one JSON array of {"order_uuid", "flags"}
    order_payments: str
    insert_alerts: str  # one JSON array of {"device_id", "alert_id", "kind", "severity", "message",
    #                     "order_uuid", "raised_at"}
    bump_catalog: str
    lower_stock: str

    @contextmanager
    def round_trip(self, cur: Any) -> Iterator[RoundTrip]:
        """Statements sent together: on PostgreSQL one pipeline, so one round trip for all of them, and
        the server runs each as it arrives while Python goes on with the block. Rows are read after it.
        """
        trip = RoundTrip(cur.connection, pipelined=self.dialect == "postgresql")
        try:
            if trip.pipelined:
                with cur.connection.pipeline():
                    yield trip
            else:
                yield trip
            trip.collect()
        finally:
            trip.close()

    def timestamp(self, value: dt.datetime) -> str:
        """A naive UTC datetime as the column stores it (SQLAlchemy's SQLite text format)."""
        if self.dialect == "postgresql":
            return value.isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")

    def string_list(self, values: list[str]) -> Any:
        """A list parameter: an array for PostgreSQL, a JSON text for SQLite's json_each."""
        if self.dialect == "postgresql":
            return values
        return json.dumps(values)

    def int_list(self, values: list[int]) -> Any:
        if self.dialect == "postgresql":
            return values
        return "[" + ",".join(str(int(v)) for v in values) + "]"


class RoundTrip:
    def __init__(self, connection: Any, *, pipelined: bool) -> None:
        self.connection, self.pipelined = connection, pipelined
        self._cursors: list[Any] = []
        self._rows: list[list[Any] | None] = []

    def send(self, query: str, params: Sequence[Any]) -> int:
        """Queue a statement; returns the handle to read its rows with once the round trip is over."""
        cur = self.connection.cursor()
        self._cursors.append(cur)
        cur.execute(query, params)
        # SQLite runs in-process; a RETURNING statement must be read out before the next one runs
        self._rows.append(None if self.pipelined else _rows(cur))
        return len(self._cursors) - 1

    def collect(self) -> None:
        """Read every statement's rows, once the round trip is over."""
        self._rows = [_rows(cur) if rows is None else rows for cur, rows in zip(self._cursors, self._rows,
                                                                                 strict=True)]

    def rows(self, handle: int) -> list[Any]:
        rows = self._rows[handle]
        assert rows is not None, "rows are read once the round trip is over"
        return rows

    def close(self) -> None:
        for cur in self._cursors:
            cur.close()


def _rows(cur: Any) -> list[Any]:
    return [] if cur.description is None else list(cur.fetchall())


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


_ARRIVED = ("SELECT seq FROM (SELECT device_seq AS seq FROM orders WHERE device_id = {p} "
            "AND device_seq > {p} UNION SELECT device_seq FROM quarantine WHERE device_id = {p} "
            "AND device_seq > {p}) AS arrived ORDER BY seq LIMIT {p}")
_QUARANTINE = ("INSERT INTO quarantine (device_id, device_seq, order_uuid, payload_hash, payload, reason, "
               "received_at) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}) ON CONFLICT DO NOTHING")
# through the devices table: for an unknown device (refused a moment later) it inserts nothing
# rather than failing the foreign key
_NONCE = ("INSERT INTO request_nonces (device_id, nonce, seen_at) SELECT id, {p}, {p} FROM devices "
          "WHERE id = {p} ON CONFLICT DO NOTHING RETURNING nonce")
_RETURNED = "RETURNING order_uuid, device_seq, payload_hash"
# The seq bookkeeping of the usual batch, sent with its inserts: when every seq up to max_seq had arrived
# and the batch is the full range lo..hi (lo NULL when it is not) reaching past max_seq, everything up to
# hi now has. Any other case keeps contiguous_seq, and `cloudstore.ingest` corrects it afterwards.
_ADVANCE = ("UPDATE devices SET contiguous_seq = CASE WHEN contiguous_seq = max_seq AND {p} <= max_seq + 1 "
            "AND {p} > max_seq THEN {p} ELSE contiguous_seq END, max_seq = {greatest}(max_seq, {p}) "
            "WHERE id = {p} RETURNING contiguous_seq, max_seq")
_PAYMENTS = "SELECT order_uuid, method, amount_minor, currency, status FROM payments WHERE order_uuid {among}"
# one alert per order and cause: a repeated push raises nothing new
_ALERTS = ("INSERT INTO alerts (device_id, alert_id, kind, severity, message, state, order_uuid, raised_at, "
           "updated_at) SELECT {columns} ON CONFLICT DO NOTHING")
_ALERT_FIELDS = ("device_id", "alert_id", "kind", "severity", "message", "order_uuid", "raised_at")
# the catalog's change counter, moved past the products an ingest changes (it holds the row's lock until
# commit, as every catalog writer does, so kiosks see change numbers in order)
_BUMP = "UPDATE catalog_meta SET head = head + {p} WHERE id = 1 RETURNING head"
_LOWER_STOCK = ("UPDATE products SET stock = {greatest}(stock - {p}, 0), change_seq = {p}, updated_at = {p} "
                "WHERE sku = {p} AND {live}")


def _postgresql() -> RawSQL:
    cols = [c for c in StoreOrder.__table__.columns if c.name != "id"]
    names = ", ".join(c.name for c in cols)
    typed = ", ".join(f"{c.name} {_pg_type(c.type)}" for c in cols)
    p = "%s"
    return RawSQL(
        dialect="postgresql",
        # NO KEY UPDATE: serialises this device's batches without blocking the foreign-key checks of
        # its other requests (nonces, heartbeats), which take KEY SHARE on the same row
        device_for_update="SELECT secret, revoked_at IS NOT NULL, contiguous_seq, max_seq FROM devices "
                          "WHERE id = %s FOR NO KEY UPDATE",
        nonce_insert=_NONCE.format(p=p),
        nonce_prune="DELETE FROM request_nonces WHERE seen_at < %s",
        prices="SELECT sku, price_minor, change_seq FROM products WHERE sku = ANY(%s) AND NOT deleted",
        insert_orders=f"INSERT INTO orders ({names}) SELECT {names} FROM json_to_recordset(%s::json) "
                      f"AS r({typed}) ON CONFLICT DO NOTHING {_RETURNED}",
        existing_orders="SELECT order_uuid, device_id, device_seq, payload_hash FROM orders "
                        "WHERE order_uuid = ANY(%s) OR (device_id = %s AND device_seq = ANY(%s))",
        insert_quarantine=_QUARANTINE.format(p=p),
        arrived_after=_ARRIVED.format(p=p),
        update_device="UPDATE devices SET contiguous_seq = %s, max_seq = %s WHERE id = %s",
        advance_device=_ADVANCE.format(p=p, greatest="GREATEST"),
        set_audit_flags="UPDATE orders SET audit_flags = v.flags FROM json_to_recordset(%s::json) "
                        "AS v(order_uuid text, flags text) WHERE orders.order_uuid = v.order_uuid",
        order_payments=_PAYMENTS.format(among="= ANY(%s)"),
        insert_alerts=_ALERTS.format(columns=(
            "device_id, alert_id, kind, severity, message, 'open', order_uuid, raised_at, raised_at "
            "FROM json_to_recordset(%s::json) AS r("
            + ", ".join(f"{name} text" for name in _ALERT_FIELDS[:-1]) + ", raised_at timestamp)")),
        bump_catalog=_BUMP.format(p=p),
        lower_stock=_LOWER_STOCK.format(p=p, greatest="GREATEST", live="NOT deleted"),
    )


def _sqlite() -> RawSQL:
    names = ", ".join(ORDER_COLUMNS)
    extracted = ", ".join(f"json_extract(value, '$.{name}')" for name in ORDER_COLUMNS)
    p = "?"
    return RawSQL(
        dialect="sqlite",
        # the process-wide writer lock and BEGIN IMMEDIATE already serialise every write
        device_for_update="SELECT secret, revoked_at IS NOT NULL, contiguous_seq, max_seq FROM devices "
                          "WHERE id = ?",
        nonce_insert=_NONCE.format(p=p),
        nonce_prune="DELETE FROM request_nonces WHERE seen_at < ?",
        prices="SELECT sku, price_minor, change_seq FROM products "
               "WHERE sku IN (SELECT value FROM json_each(?)) AND deleted = 0",
        # "WHERE true": SQLite would otherwise read ON CONFLICT as part of the SELECT's join
        insert_orders=f"INSERT INTO orders ({names}) SELECT {extracted} FROM json_each(?) WHERE true "
                      f"ON CONFLICT DO NOTHING {_RETURNED}",
        existing_orders="SELECT order_uuid, device_id, device_seq, payload_hash FROM orders "
                        "WHERE order_uuid IN (SELECT value FROM json_each(?)) "
                        "OR (device_id = ? AND device_seq IN (SELECT value FROM json_each(?)))",
        insert_quarantine=_QUARANTINE.format(p=p),
        arrived_after=_ARRIVED.format(p=p),
        update_device="UPDATE devices SET contiguous_seq = ?, max_seq = ? WHERE id = ?",
        advance_device=_ADVANCE.format(p=p, greatest="MAX"),
        set_audit_flags="UPDATE orders SET audit_flags = (SELECT json_extract(value, '$.flags') "
                        "FROM json_each(?1) WHERE json_extract(value, '$.order_uuid') = orders.order_uuid) "
                        "WHERE order_uuid IN (SELECT json_extract(value, '$.order_uuid') FROM json_each(?1))",
        order_payments=_PAYMENTS.format(among="IN (SELECT value FROM json_each(?))"),
        # "WHERE true": SQLite would otherwise read ON CONFLICT as part of the SELECT's join
        insert_alerts=_ALERTS.format(columns=(
            ", ".join(f"json_extract(value, '$.{name}')" for name in _ALERT_FIELDS[:5]) + ", 'open', "
            "json_extract(value, '$.order_uuid'), json_extract(value, '$.raised_at'), "
            "json_extract(value, '$.raised_at') FROM json_each(?) WHERE true")),
        bump_catalog=_BUMP.format(p=p),
        lower_stock=_LOWER_STOCK.format(p=p, greatest="MAX", live="deleted = 0"),
    )


@lru_cache(maxsize=2)
def raw_sql(dialect: str) -> RawSQL:
    return _postgresql() if dialect == "postgresql" else _sqlite()
