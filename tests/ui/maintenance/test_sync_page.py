"""The technician's sync page by touch, against the real reference store under Uvicorn on loopback: the
store's reachability and the queue as orders wait, "sync now" failing while the store is gone and
draining the queue once it is back, "pull catalog now", and a quarantined order (the store already has
its uuid with other contents) shown with its error, exported to a "USB stick" without clear personal
data, and retried. Every action is in the audit log."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from cloudstore.models import DeviceAlert, StoreOrder
from kiosk.db.models import Fulfilment, OrderState, OutboxRow, OutboxState
from kiosk.orders import CartLine, PaymentRecord
from kiosk.sync.outbox import BackoffPolicy
from kiosk.sync.protocol import ORDER_PAID_KIND, payload_hash
from kiosk.technician.export_folders import export_folders
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap
from tests.ui.maintenance.conftest import enter
from tests.ui.restartable_store import RestartableStore, restartable_store
from tests.unit.cloudstore.harness import order_payload
from tests.unit.sync.helpers import make_client
from tests.unit.sync.orders import CONTACT, book_paid_order

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RestartableStore]:
    with restartable_store(tmp_path / "store.sqlite3") as rig:
        yield rig


@pytest.fixture
def device(store: RestartableStore) -> tuple[str, str]:
    return store.live.add_device("K01")


@pytest.fixture
def synced(kiosk_factory: Callable[..., KioskUi], store: RestartableStore,
           device: tuple[str, str]) -> KioskUi:
    device_id, secret = device
    return kiosk_factory(store={"url": store.live.base_url, "device_id": device_id, "secret": secret})


def open_sync_page(qtbot: Any, ui: KioskUi) -> None:
    enter(qtbot, ui)
    tap(qtbot, ui, ui.item("maintenanceTab_sync"))
    qtbot.waitUntil(lambda: prop(ui, "techSyncPage", "visible") is True)


def text(ui: KioskUi, name: str) -> str:
    return str(prop(ui, name, "text") or "")


def audited(ui: KioskUi, action: str) -> list[tuple[str, str]]:
    """(result, subject) of the technician's audit entries for `action`, newest first."""
    assert ui.services is not None and ui.services.audit is not None
    return [(r.result, r.subject) for r in ui.services.audit.recent(50) if r.action == action]


def queued(ui: KioskUi) -> int:
    assert ui.services is not None
    with ui.services.db.read() as session:
        return len(session.scalars(select(OutboxRow.id).where(OutboxRow.state == OutboxState.PENDING)).all())


def store_alert_kinds(store: RestartableStore) -> list[str]:
    with store.db.read() as session:
        return list(session.scalars(select(DeviceAlert.kind)))


def test_reachability_queue_and_sync_now_as_the_store_goes_and_comes_back(
        qtbot: Any, synced: KioskUi, store: RestartableStore) -> None:
    ui = synced
    assert ui.services is not None
    open_sync_page(qtbot, ui)
    qtbot.waitUntil(lambda: text(ui, "syncLink").startswith("Store reachable since"), timeout=10_000)
    assert text(ui, "syncDepth") == "0" and text(ui, "syncOldest") == "—"
    assert text(ui, "syncCatalog").startswith("version ") and "store cursor" in text(ui, "syncCatalog")

    # the worker's own retries wait a quarter of an hour or more (seeded jitter): only "sync now" sends
    assert ui.services.sync is not None
    ui.services.sync.pusher.backoff = BackoffPolicy(base_s=3600, cap_s=3600)
    ui.services.sync.pusher._rng = random.Random(0)  # first draws 0.84, 0.76, 0.42, 0.26 of the cap
    store.stop()
    for _ in range(2):
        book_paid_order(ui.services.orders)
    qtbot.waitUntil(lambda: text(ui, "syncDepth") == "2", timeout=5_000)
    assert text(ui, "syncOldest").endswith(" s")
    ui.services.raise_alert("orphan-1", "order.paid_orphan", "Paid after the shopper left: hand it over.")
    qtbot.waitUntil(lambda: text(ui, "syncAlertKind_0").endswith("not at the store yet"), timeout=5_000)
    assert text(ui, "syncAlertKind_0").startswith("order.paid_orphan")
    assert text(ui, "syncAlertMessage_0") == "Paid after the shopper left: hand it over."

    tap(qtbot, ui, ui.item("syncNow"))
    qtbot.waitUntil(lambda: ui.maintenance.sync.property("messageKind") == "error", timeout=15_000)
    assert text(ui, "syncMessage").startswith("Sending failed: network: ConnectError")
    qtbot.waitUntil(lambda: text(ui, "syncLink").startswith("Store unreachable since"), timeout=5_000)
    assert text(ui, "syncLinkError") != ""
    assert audited(ui, "sync.push_now")[0][0] == "failed"
    assert queued(ui) == 2

    store.start()
    tap(qtbot, ui, ui.item("syncNow"))
    qtbot.waitUntil(lambda: ui.maintenance.sync.property("messageKind") == "ok", timeout=15_000)
    assert text(ui, "syncMessage") == "Done: 2 sent, 0 quarantined, 0 still waiting."
    qtbot.waitUntil(lambda: text(ui, "syncDepth") == "0", timeout=5_000)
    qtbot.waitUntil(lambda: text(ui, "syncLink").startswith("Store reachable since"), timeout=5_000)
    assert text(ui, "syncLastPush") not in ("", "never", "—")
    assert queued(ui) == 0
    with store.db.read() as session:
        assert len(session.scalars(select(StoreOrder.order_uuid)).all()) == 2
    assert audited(ui, "sync.push_now")[0][0] == "ok"
    qtbot.waitUntil(lambda: "not at the store yet" not in text(ui, "syncAlertKind_0"), timeout=5_000)
    assert "order.paid_orphan" in store_alert_kinds(store)  # the heartbeat that ran with it took it
    qtbot.waitUntil(lambda: text(ui, "syncAudit_0").startswith("sync.push_now  ok"), timeout=5_000)

    tap(qtbot, ui, ui.item("syncPullNow"))
    qtbot.waitUntil(lambda: ui.maintenance.sync.property("messageKind") == "ok"
                    and not ui.maintenance.sync.property("pulling"), timeout=15_000)
    # the two orders took stock of their product at the store: that product comes back changed
    assert text(ui, "syncMessage") == "Catalog updated: 1 changed, 0 removed."
    tap(qtbot, ui, ui.item("syncPullNow"))
    qtbot.waitUntil(lambda: text(ui, "syncMessage") == "The catalog is up to date.", timeout=15_000)
    assert [result for result, _subject in audited(ui, "sync.pull_now")] == ["ok", "ok"]
    assert text(ui, "syncLastPull") not in ("", "not since the kiosk started")


def test_a_quarantined_order_is_shown_exported_and_retried(
        qtbot: Any, synced: KioskUi, store: RestartableStore, device: tuple[str, str],
        tmp_path: Path) -> None:
    ui = synced
    assert ui.services is not None
    orders = ui.services.orders
    order = orders.create_pending([CartLine("D00001", "经典可乐", "Classic Cola", 350, 2)],
                                  fulfilment=Fulfilment.DELIVERY, contact=CONTACT, shipping_minor=1000)
    other = order_payload(order.order_uuid, qty=5)  # the store gets this uuid with other contents first
    with make_client(store.live.base_url, device) as client:
        answer = client.post("/v1/orders:batch", json_body={"items": [
            {"device_seq": 1, "order_uuid": order.order_uuid, "kind": ORDER_PAID_KIND, "payload": other,
             "payload_hash": payload_hash(other)}]})
        assert answer.json()["results"][0]["status"] == "created", answer.text
    orders.mark_paid(order.order_uuid, PaymentRecord("wechat", f"pay-{order.order_uuid}", "WX1"))

    usb_root = tmp_path / "media"
    (usb_root / "STICK").mkdir(parents=True)
    exports = ui.services.paths.exports
    ui.maintenance.sync.folder_source = lambda: export_folders(exports, roots=(usb_root,),
                                                               require_mount=False)
    open_sync_page(qtbot, ui)
    tap(qtbot, ui, ui.item("syncNow"))  # the worker would try within seconds anyway
    qtbot.waitUntil(lambda: text(ui, "syncRowOrder_0").startswith(order.order_no), timeout=15_000)
    assert text(ui, "syncRowError_0") == "The store already has this order with different contents."
    assert "another payload" in text(ui, "syncRowDetail_0")
    assert text(ui, "syncQuarantined") == "1"

    tap(qtbot, ui, ui.item("syncExport_0"))
    qtbot.waitUntil(lambda: prop(ui, "syncFolderChooser", "visible") is True)
    assert text(ui, "syncFolderTitle") == f"Export order {order.order_no} to:"
    assert text(ui, "syncFolder_0") == "USB: STICK"
    assert text(ui, "syncFolder_1") == "The kiosk's exports folder"
    (usb_root / "STICK").rmdir()  # the stick is pulled out before the tap
    tap(qtbot, ui, ui.item("syncFolder_0"))
    qtbot.waitUntil(lambda: text(ui, "syncMessage").startswith("Could not write to STICK: "), timeout=5_000)
    assert ui.maintenance.sync.property("messageKind") == "error"
    assert audited(ui, "sync.export")[0] == ("failed", order.order_uuid)
    (usb_root / "STICK").mkdir()  # and back in
    tap(qtbot, ui, ui.item("syncExport_0"))
    qtbot.waitUntil(lambda: prop(ui, "syncFolderChooser", "visible") is True)
    tap(qtbot, ui, ui.item("syncFolder_0"))
    qtbot.waitUntil(lambda: text(ui, "syncMessage").startswith("Saved "), timeout=5_000)
    assert prop(ui, "syncFolderChooser", "visible") is False
    [exported] = list((usb_root / "STICK").iterdir())
    assert exported.name in text(ui, "syncMessage") and text(ui, "syncMessage").endswith("to STICK.")
    written = exported.read_text(encoding="utf-8")
    for plain in (CONTACT.name, CONTACT.phone, CONTACT.address):
        assert plain not in written
    document = json.loads(written)
    assert (document["order_uuid"], document["error"]["kind"]) == (order.order_uuid, "conflict_payload")
    assert "contact_enc" in document["payload"]
    assert audited(ui, "sync.export")[0] == ("ok", order.order_uuid)

    with store.db.write() as session:  # the merchant clears the conflicting record at the store
        session.execute(delete(StoreOrder).where(StoreOrder.order_uuid == order.order_uuid))
    tap(qtbot, ui, ui.item("syncRetry_0"))
    qtbot.waitUntil(lambda: text(ui, "syncMessage") == "Done: 1 sent, 0 quarantined, 0 still waiting.",
                    timeout=15_000)
    qtbot.waitUntil(lambda: prop(ui, "syncNoRows", "visible") is True, timeout=5_000)
    assert audited(ui, "sync.retry")[0] == ("ok", order.order_uuid)
    assert orders.get(order.order_uuid).state is OrderState.SYNCED
    with ui.services.db.read() as session:
        assert session.scalar(select(OutboxRow.device_seq).where(
            OutboxRow.order_uuid == order.order_uuid)) == 1  # the same seq, sent as it was
    with store.db.read() as session:
        assert session.scalar(select(StoreOrder.total_minor).where(
            StoreOrder.order_uuid == order.order_uuid)) == order.total_minor


def test_without_a_store_sync_now_says_why_and_is_refused(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    open_sync_page(qtbot, ui)
    qtbot.waitUntil(lambda: text(ui, "syncLink").startswith("No store is set up"))
    tap(qtbot, ui, ui.item("syncNow"))
    assert text(ui, "syncMessage") == "No store is set up for this kiosk, so there is nothing to sync."
    assert ui.maintenance.sync.property("messageKind") == "error"
    assert audited(ui, "sync.push_now") == [("refused", "")]
    tap(qtbot, ui, ui.item("syncPullNow"))
    assert audited(ui, "sync.pull_now") == [("refused", "")]
