"""A shopper's call for an attendant: an alert on the store's fleet page, and whether staff have seen it.

The call goes through the heartbeat's alert path (kept and sent again with each heartbeat while the
store cannot be reached); `alert_state` asks the store whether a member of staff has resolved it
(`GET /v1/devices/{id}/alerts/{alert_id}`, signed; a kiosk reads only its own alerts).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Literal

import httpx

from kiosk.sync.client import SyncClient
from kiosk.sync.heartbeat import HeartbeatSender
from kiosk.sync.protocol import Alert, AlertState

log = logging.getLogger(__name__)

KIND = "attendant.call"
SEVERITY: Literal["warning"] = "warning"


class StoreUnreachable(Exception):
    """The store did not answer (network, 5xx): the caller says so and keeps trying."""


def new_call_id() -> str:
    return f"attendant-{uuid.uuid4().hex[:16]}"


def call_message(device_id: str, screen: str, item_count: int, total: str, products: list[str]) -> str:
    """What staff read on the fleet page: the kiosk, where the shopper is and their cart; nothing about
    who they are (no name, phone, address, nothing typed in a form)."""
    names = ", ".join(products[:10]) + (" …" if len(products) > 10 else "")
    cart = f"{item_count} item(s), {total}" + (f": {names}" if names else "") if item_count else "empty"
    return f"A shopper asks for help at kiosk {device_id}, on the {screen} screen. Cart: {cart}."


def call_attendant(heartbeat: HeartbeatSender, alert_id: str, message: str) -> bool:
    """Raise the call; True when the store took it now (otherwise the heartbeat sends it again)."""
    alert: Alert = {"alert_id": alert_id, "kind": KIND, "severity": SEVERITY, "message": message[:2000],
                    "state": "open", "raised_at": dt.datetime.now(dt.UTC).isoformat()}
    taken = heartbeat.raise_alert(alert)
    log.info("attendant call %s raised (store took it: %s)", alert_id, taken)
    return taken


def alert_state(client: SyncClient, alert_id: str) -> AlertState | None:
    """The store's state of one of this kiosk's alerts; None when the store does not have it (yet).
    Raises StoreUnreachable when the store did not answer."""
    try:
        response = client.get(f"/v1/devices/{client.endpoint.device_id}/alerts/{alert_id}")
    except httpx.TransportError as exc:
        raise StoreUnreachable(str(exc)) from exc
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise StoreUnreachable(f"HTTP {response.status_code}")
    body = response.json()
    state: AlertState = {"alert_id": str(body["alert_id"]),
                         "state": "resolved" if body.get("state") == "resolved" else "open",
                         "raised_at": str(body.get("raised_at") or ""),
                         "resolved_at": body.get("resolved_at") or None}
    return state
