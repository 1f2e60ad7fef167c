"""Heartbeat and alerts to the store's fleet view: queue depth, oldest pending age, device statuses,
version (`POST /v1/devices/{id}/heartbeat` and `…/alerts`).

An alert the store has not taken yet (the network was down, the store answered 5xx) is kept and sent
again with every heartbeat until it is: a quarantined order or a lost PII key must reach the fleet view
even when it happened offline. Repeating an alert_id only updates the store's alert.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Literal

import httpx

from kiosk.config import IdentityConfig, store_timezone
from kiosk.db.engine import Database
from kiosk.session_events import funnel_days
from kiosk.sync.client import SyncClient
from kiosk.sync.outbox import queue_stats
from kiosk.sync.protocol import Alert, DeviceStatus, Heartbeat

log = logging.getLogger(__name__)

DeviceStatuses = Callable[[], dict[str, DeviceStatus]]
_MAX_DEVICES = 32  # what the store accepts in one heartbeat
_STATUS_CHARS, _DETAIL_CHARS, _VERSION_CHARS = 24, 255, 32
# the store will never take an alert it answered with these (its shape is wrong): logged and dropped
_REFUSED_FOR_GOOD = frozenset({400, 404, 413, 422})
FUNNEL_DAYS = 7  # store days of funnel counts in each heartbeat (the store keeps the latest per day)
DEFAULT_TIMEZONE = store_timezone(IdentityConfig())


def build_heartbeat(db: Database, device_statuses: DeviceStatuses, version: str,
                    timezone: dt.tzinfo = DEFAULT_TIMEZONE) -> Heartbeat:
    stats = queue_stats(db)
    devices: dict[str, DeviceStatus] = {}
    for name, status in list(device_statuses().items())[:_MAX_DEVICES]:
        entry: DeviceStatus = {"status": str(status.get("status", "UNKNOWN"))[:_STATUS_CHARS]}
        if status.get("detail"):
            entry["detail"] = str(status["detail"])[:_DETAIL_CHARS]
        devices[str(name)[:64]] = entry
    beat: Heartbeat = {"queue_depth": stats.depth,
                       "oldest_pending_age_s": round(stats.oldest_pending_age_s, 1),
                       "devices": devices, "version": version[:_VERSION_CHARS]}
    try:
        beat["funnel"] = funnel_days(db, timezone, FUNNEL_DAYS)
    except Exception:  # a report never stops the heartbeat
        log.exception("the funnel could not be counted; this heartbeat goes without it")
    return beat


class HeartbeatSender:
    def __init__(self, db: Database, client: SyncClient, *, version: str,
                 device_statuses: DeviceStatuses = dict, alerts: Sequence[Alert] = ()) -> None:
        self.db = db
        self.client = client
        self.version = version
        self.device_statuses = device_statuses
        self.timezone: dt.tzinfo = DEFAULT_TIMEZONE  # the store's: its days group the funnel
        self._lock = threading.Lock()
        self._pending: dict[str, Alert] = {}  # alert_id → the alert the store has not taken yet
        for alert in alerts:
            self._pending[alert["alert_id"]] = _stamped(alert)

    def send(self) -> Heartbeat:
        """Send one heartbeat; raises httpx.TransportError / httpx.HTTPStatusError when it did not land."""
        beat = build_heartbeat(self.db, self.device_statuses, self.version, self.timezone)
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
        return self._post_alert(body)

    def raise_alert(self, alert: Alert) -> bool:
        """Send an alert now; one the store does not take is kept and sent again by `deliver_alerts`.
        True when the store took it."""
        alert = _stamped(alert)
        with self._lock:
            self._pending[alert["alert_id"]] = alert
        return self._deliver(alert)

    def deliver_alerts(self) -> int:
        """Send every alert the store has not taken yet (called with each heartbeat); returns how many
        are still waiting."""
        for alert in self.pending_alerts():
            self._deliver(alert)
        return len(self.pending_alerts())

    def pending_alerts(self) -> list[Alert]:
        with self._lock:
            return list(self._pending.values())

    def _deliver(self, alert: Alert) -> bool:
        taken = self._post_alert(alert)
        if taken:
            with self._lock:
                # a newer alert under the same id may have come in meanwhile: that one still goes
                if self._pending.get(alert["alert_id"]) is alert:
                    del self._pending[alert["alert_id"]]
        return taken

    def _post_alert(self, body: Alert) -> bool:
        try:
            response = self.client.post(f"/v1/devices/{self.client.endpoint.device_id}/alerts",
                                        json_body=body)
        except httpx.TransportError as exc:
            log.warning("alert %s not delivered: %s", body["alert_id"], exc)
            return False
        if response.status_code == 200:
            return True
        if response.status_code in _REFUSED_FOR_GOOD:
            log.error("the store refused alert %s (%s) for good: HTTP %d %s", body["alert_id"], body["kind"],
                      response.status_code, response.text[:200])
            with self._lock:
                self._pending.pop(body["alert_id"], None)
        else:
            log.warning("alert %s not delivered: HTTP %d", body["alert_id"], response.status_code)
        return False


def _stamped(alert: Alert) -> Alert:
    """The alert, open unless it says otherwise, with the time it was raised (kept across resends)."""
    stamped: Alert = {"state": "open", "raised_at": dt.datetime.now(dt.UTC).isoformat(), **alert}
    return stamped
