"""Fleet health: heartbeats and alerts from kiosks, and the merchant's view of them."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from cloudstore.models import Device, DeviceAlert, FunnelCount
from cloudstore.schemas import AlertIn, HeartbeatIn
from cloudstore.timefmt import parse_iso
from kiosk.sync.protocol import FunnelDay, FunnelError, check_funnel

log = logging.getLogger(__name__)


def record_heartbeat(session: Session, device_id: str, hb: HeartbeatIn, now: dt.datetime) -> str | None:
    """Keep the kiosk's health and its funnel counts; returns why the funnel was refused, if it was.

    A malformed funnel is logged and left out, and the rest of the heartbeat kept: a kiosk whose funnel
    a store cannot read must still show up as alive on the fleet page.
    """
    device = session.get(Device, device_id)
    assert device is not None  # the caller authenticated as this device
    device.last_heartbeat_at = now
    device.queue_depth = hb.queue_depth
    device.oldest_pending_age_s = hb.oldest_pending_age_s
    device.device_statuses = {name: status.model_dump() for name, status in hb.devices.items()}
    device.version = hb.version
    if hb.funnel is None:
        return None
    try:
        funnel = check_funnel(hb.funnel)
    except FunnelError as exc:
        log.warning("heartbeat of %s: funnel refused, the rest kept: %s", device_id, exc)
        return str(exc)
    record_funnel(session, device_id, funnel, now)
    return None


def record_funnel(session: Session, device_id: str, funnel: list[FunnelDay], now: dt.datetime) -> None:
    """Upsert the counts per (device, day, step): the latest heartbeat's figures win, and repeating one
    changes nothing."""
    rows = [{"device_id": device_id, "day": day["day"], "step": step, "sessions": n, "updated_at": now}
            for day in funnel for step, n in day["counts"].items()]
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(FunnelCount).values(rows)
    session.execute(stmt.on_conflict_do_update(
        index_elements=["device_id", "day", "step"],
        set_={"sessions": stmt.excluded.sessions, "updated_at": stmt.excluded.updated_at}))


def record_alert(session: Session, device_id: str, alert: AlertIn, now: dt.datetime) -> DeviceAlert:
    """Open or update an alert; repeating an alert_id updates it (resolved closes it)."""
    raised = now
    if alert.raised_at:
        with contextlib.suppress(ValueError):  # a kiosk's bad clock string must not lose the alert
            raised = parse_iso(alert.raised_at)
    row = session.execute(select(DeviceAlert).where(
        DeviceAlert.device_id == device_id, DeviceAlert.alert_id == alert.alert_id)).scalar_one_or_none()
    if row is None:
        row = DeviceAlert(device_id=device_id, alert_id=alert.alert_id, raised_at=raised)
        session.add(row)
    row.kind, row.severity, row.message = alert.kind, alert.severity, alert.message
    row.state, row.order_uuid, row.updated_at = alert.state, alert.order_uuid, now
    session.flush()
    return row


def fleet_view(session: Session, now: dt.datetime) -> list[dict[str, Any]]:
    open_alerts: dict[str, list[DeviceAlert]] = {}
    for alert in session.execute(select(DeviceAlert).where(DeviceAlert.state == "open")
                                 .order_by(DeviceAlert.raised_at.desc())).scalars():
        open_alerts.setdefault(alert.device_id, []).append(alert)
    rows = []
    for d in session.execute(select(Device).order_by(Device.name)).scalars():
        age = None if d.last_heartbeat_at is None else (now - d.last_heartbeat_at).total_seconds()
        rows.append({
            "device": d, "heartbeat_age_s": age, "alerts": open_alerts.get(d.id, []),
            "printer": d.device_statuses.get("printer", {}), "scanner": d.device_statuses.get("scanner", {}),
        })
    return rows


def open_alert_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(DeviceAlert)
                               .where(DeviceAlert.state == "open")).scalar_one())


def resolve_alert(session: Session, alert_pk: int, now: dt.datetime) -> bool:
    row = session.get(DeviceAlert, alert_pk)
    if row is None:
        return False
    row.state, row.updated_at = "resolved", now
    return True


def device_alert(session: Session, device_id: str, alert_id: str) -> DeviceAlert | None:
    """One alert of one device (a kiosk reads only its own: whether staff have seen it)."""
    return session.execute(select(DeviceAlert).where(
        DeviceAlert.device_id == device_id, DeviceAlert.alert_id == alert_id)).scalar_one_or_none()
