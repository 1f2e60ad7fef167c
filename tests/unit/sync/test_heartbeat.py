"""Heartbeat and alerts land on the store's fleet view."""

from __future__ import annotations

import pytest

from kiosk.db.engine import Database
from kiosk.sync.client import SyncClient
from kiosk.sync.heartbeat import HeartbeatSender
from kiosk.sync.protocol import Alert, DeviceStatus
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.fault_proxy import Fault, fault_proxy
from tests.unit.sync.helpers import make_client, store_alerts
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


def test_an_alert_the_store_did_not_take_is_kept_and_sent_again(db: Database, store: LiveStore,
                                                                device: tuple[str, str]) -> None:
    port = int(store.base_url.rsplit(":", 1)[1])
    with fault_proxy(port) as proxy, make_client(proxy.url, device) as client:
        proxy.script(Fault.ERROR_503, Fault.RESET)
        startup: Alert = {"alert_id": "pii-key-missing", "kind": "pii.key_missing", "severity": "critical",
                          "message": "the key was made anew"}
        sender = HeartbeatSender(db, client, version="1", alerts=[startup])
        paper: Alert = {"alert_id": "printer-paper", "kind": "printer.paper_out", "severity": "warning",
                        "message": "out of paper"}
        assert not sender.raise_alert(paper)  # 503
        assert sender.deliver_alerts() == 1  # the reset lost one; the other landed
        assert sender.deliver_alerts() == 0
        assert sender.deliver_alerts() == 0  # nothing is sent twice once taken
        assert proxy.counts[Fault.PASS] == 2
    alerts = {a.alert_id: a for kind in ("pii.key_missing", "printer.paper_out")
              for a in store_alerts(store.db, device[0], kind)}
    assert set(alerts) == {"pii-key-missing", "printer-paper"}
    assert all(a.state == "open" for a in alerts.values())


def test_an_alert_the_store_refuses_for_good_is_dropped_and_logged(
        db: Database, store: LiveStore, client: SyncClient, caplog: pytest.LogCaptureFixture) -> None:
    sender = HeartbeatSender(db, client, version="1")
    bad: Alert = {"alert_id": "x" * 64, "kind": "k", "severity": "fatal",  # type: ignore[typeddict-item]
                  "message": "m"}
    assert not sender.raise_alert(bad)
    assert sender.pending_alerts() == []
    assert any(r.levelname == "ERROR" and "refused alert" in r.getMessage() for r in caplog.records)
