"""Heartbeat and alerts to the store's fleet view: queue depth, oldest pending age, device statuses,
version (`POST /v1/devices/{id}/heartbeat` and `…/alerts`)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Literal

import httpx

from kiosk.db.engine import Database
from kiosk.sync.client import SyncClient
from kiosk.sync.outbox import queue_stats
from kiosk.sync.protocol import Alert, DeviceStatus, Heartbeat

log = logging.getLogger(__name__)

DeviceStatuses = Callable[[], dict[str, DeviceStatus]]
_MAX_DEVICES = 32  # what the store accepts in one heartbeat
_STATUS_CHARS, _DETAIL_CHARS, _VERSION_CHARS = 24, 255, 32


def build_heartbeat(db: Database, device_statuses: DeviceStatuses, version: str) -> Heartbeat:
    stats = queue_stats(db)
    devices: dict[str, DeviceStatus] = {}
    for name, status in list(device_statuses().items())[:_MAX_DEVICES]:
        entry: DeviceStatus = {"status": str(status.get("status", "UNKNOWN"))[:_STATUS_CHARS]}
        if status.get("detail"):
            entry["detail"] = str(status["detail"])[:_DETAIL_CHARS]
        devices[str(name)[:64]] = entry
    return {"queue_depth": stats.depth, "oldest_pending_age_s": round(stats.oldest_pending_age_s, 1),
            "devices": devices, "version": version[:_VERSION_CHARS]}


class HeartbeatSender:
    def __init__(self, db: Database, client: SyncClient, *, version: str,
                 device_statuses: DeviceStatuses = dict) -> None:
        self.db = db
        self.client = client
        self.version = version
        self.device_statuses = device_statuses

    def send(self) -> Heartbeat:
        """Send one heartbeat; raises httpx.TransportError / httpx.HTTPStatusError when it did not land."""
        beat = build_heartbeat(self.db, self.device_statuses, self.version)
        response = self.client.post(f"/v1/devices/{self.client.endpoint.device_id}/heartbeat", json_body=beat)
        response.raise_for_status()
        return beat

    def alert(self, alert_id: str, kind: str, message: str, *,
              severity: Literal["info", "warning", "critical"] = "warning", resolved: bool = False,
              order_uuid: str = "") -> bool:
        """Raise (or resolve) an alert on the store's fleet page; True when the store took it."""
        body: Alert = {"alert_id": alert_id[:64], "kind": kind[:64], "severity": severity,
                       "message": message[:2000], "state": "resolved" if resolved else "open",
                       "raised_at": dt.datetime.now(dt.UTC).isoformat()}
        if order_uuid:
            body["order_uuid"] = order_uuid[:36]
        try:
            response = self.client.post(f"/v1/devices/{self.client.endpoint.device_id}/alerts",
                                        json_body=body)
        except httpx.TransportError as exc:
            log.warning("alert %s not delivered: %s", alert_id, exc)
            return False
        return response.status_code == 200
