"""Heartbeat and alerts land on the store's fleet view."""

from __future__ import annotations

from kiosk.db.engine import Database
from kiosk.sync.client import SyncClient
from kiosk.sync.heartbeat import HeartbeatSender
from kiosk.sync.protocol import DeviceStatus
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.orders import create_paid_orders


def test_heartbeat_reports_queue_devices_and_version(db: Database, store: LiveStore,
                                                     client: SyncClient) -> None:
    create_paid_orders(db, 3)

    def statuses() -> dict[str, DeviceStatus]:
        return {"printer": {"status": "WARNING", "detail": "paper near end"}, "scanner": {"status": "READY"}}

    sender = HeartbeatSender(db, client, version="1.2.3", device_statuses=statuses)
    beat = sender.send()
    assert beat["queue_depth"] == 3
    [row] = store.admin().get("/admin/api/fleet").json()
    assert (row["queue_depth"], row["version"]) == (3, "1.2.3")
    assert row["printer"] == {"status": "WARNING", "detail": "paper near end"}
    assert row["scanner"]["status"] == "READY"
    assert row["heartbeat_age_s"] is not None


def test_alerts_open_and_resolve(db: Database, store: LiveStore, client: SyncClient) -> None:
    sender = HeartbeatSender(db, client, version="1")
    assert sender.alert("printer-paper", "printer.paper_out", "out of paper", severity="critical")
    [row] = store.admin().get("/admin/api/fleet").json()
    assert [a["kind"] for a in row["open_alerts"]] == ["printer.paper_out"]
    assert sender.alert("printer-paper", "printer.paper_out", "paper loaded", resolved=True)
    assert store.admin().get("/admin/api/fleet").json()[0]["open_alerts"] == []
