"""A shopper calls for an attendant from the help screen of a kiosk synced with the real reference store
under Uvicorn on loopback: the alert (kiosk, screen, cart; no personal data) reaches the store's fleet
page, a member of staff resolves it there through the page's real POST form, and the kiosk shows that
staff have seen the call. With the store away the kiosk says to ask at the counter, keeps the alert for
the heartbeat to send again, and picks the call up once the store is back. A device reads only its own
alerts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from sqlalchemy import select

from cloudstore.models import DeviceAlert
from kiosk.ui.app import KioskUi
from kiosk.ui.demo.payment import phone_action
from tests.ui.conftest import make_services, prop, tap
from tests.ui.restartable_store import RestartableStore, restartable_store
from tests.ui.test_checkout_flow import fill_cart, shops, to_payment

pytestmark = pytest.mark.gui

PHONE, NAME = "13912345678", "Zhang Wei"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RestartableStore]:
    with restartable_store(tmp_path / "store.sqlite3") as rig:
        yield rig


@pytest.fixture
def kiosk(qtbot: Any, tmp_path: Path, store: RestartableStore) -> Iterator[Callable[[], KioskUi]]:
    made: list[KioskUi] = []
    device_id, secret = store.live.add_device("K01")

    def make() -> KioskUi:
        services = make_services(tmp_path, store={"url": store.live.base_url, "device_id": device_id,
                                                  "secret": secret})
        ui = KioskUi(services.config, services.events)
        ui.attach(services)
        ui.show()
        qtbot.waitExposed(ui.window)
        qtbot.waitUntil(lambda: ui.shopper.catalog.property("loaded"))
        ui.shell.setProperty("language", "en_US")
        ui.shopper.help.poll_s = 0.1  # ask the store often: the test waits seconds, not minutes
        made.append(ui)
        return ui

    yield make
    for ui in made:
        ui.close()
        if ui.services is not None:
            ui.services.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def shop_then_ask_for_help(qtbot: Any, ui: KioskUi) -> str:
    """A product in the cart and a phone number typed into the session's form; then help, from the
    product screen. Returns the product's name."""
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    tap(qtbot, ui, ui.item("featuredCard_0"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("addToCart"))
    qtbot.waitUntil(lambda: ui.shopper.session.property("cartCount") == 1)
    ui.shopper.state.form_fields.update({"phone": PHONE, "name": NAME})  # what a form would hold
    line = ui.shopper.state.lines[0]
    tap(qtbot, ui, ui.item("helpButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "help")
    return line.name_zh or line.name_en


def store_alerts(store: RestartableStore) -> list[DeviceAlert]:
    with store.db.read() as session:
        rows = list(session.scalars(select(DeviceAlert).where(DeviceAlert.kind == "attendant.call")))
        session.expunge_all()
        return rows


def resolve_on_fleet_page(store: RestartableStore) -> None:
    """As staff do: the fleet page, then its Resolve form."""
    admin = store.live.admin()
    page = admin.get("/admin/fleet").text
    actions = re.findall(r'action="(/admin/alerts/\d+/resolve)"', page)
    assert len(actions) == 1, page
    response = admin.post(actions[0], follow_redirects=False)
    assert response.status_code == 303, response.text


def test_call_reaches_the_store_and_its_acknowledgement_shows(qtbot: Any, kiosk: Callable[[], KioskUi],
                                                              store: RestartableStore) -> None:
    ui = kiosk()
    product = shop_then_ask_for_help(qtbot, ui)
    tap(qtbot, ui, ui.item("helpCallAttendant"))
    qtbot.waitUntil(lambda: ui.shopper.help.property("callState") == "onTheWay", timeout=10000)
    asked = ui.shopper.help.property("askedAt")
    assert re.fullmatch(r"\d\d:\d\d", asked)
    assert "Help is on the way" in prop(ui, "helpCallStatus", "text") and asked in prop(
        ui, "helpCallStatus", "text")

    [alert] = store_alerts(store)
    assert (alert.severity, alert.state) == ("warning", "open")
    device_id = ui.services.config.store.device_id if ui.services else ""
    assert alert.device_id == device_id and device_id in alert.message
    assert "product screen" in alert.message and product in alert.message and "1 item" in alert.message
    assert PHONE not in alert.message and NAME not in alert.message

    # a second tap: already on its way, no second alert
    tap(qtbot, ui, ui.item("helpCallAttendant"))
    qtbot.waitUntil(lambda: "already" in str(ui.shopper.session.property("toast")))
    assert len(store_alerts(store)) == 1

    resolve_on_fleet_page(store)
    qtbot.waitUntil(lambda: ui.shopper.help.property("callState") == "seen", timeout=10000)
    [alert] = store_alerts(store)
    # in the store's time, as receipts (the machine's own zone here is UTC, Shanghai is 8 hours on)
    seen = alert.updated_at.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(ui.config.identity.timezone)).strftime(
        "%H:%M")
    assert ui.shopper.help.property("seenAt") == seen
    assert f"has seen your call (at {seen})" in prop(ui, "helpCallStatus", "text")
    # answered, but a new call within the minute is refused (rate limit): no second alert
    ui.shopper.session.showToast("")
    tap(qtbot, ui, ui.item("helpCallAttendant"))
    qtbot.waitUntil(lambda: "just been called" in str(ui.shopper.session.property("toast")))
    assert ui.shopper.help.property("callState") == "seen" and len(store_alerts(store)) == 1


def test_store_away_says_ask_at_the_counter_and_the_heartbeat_sends_it_later(
        qtbot: Any, kiosk: Callable[[], KioskUi], store: RestartableStore) -> None:
    ui = kiosk()
    shop_then_ask_for_help(qtbot, ui)
    store.stop()
    tap(qtbot, ui, ui.item("helpCallAttendant"))
    qtbot.waitUntil(lambda: ui.shopper.help.property("callState") == "unreachable", timeout=10000)
    assert "ask at the counter" in prop(ui, "helpCallStatus", "text")
    assert ui.services is not None and ui.services.sync is not None
    heartbeat = ui.services.sync.heartbeat
    assert [a["kind"] for a in heartbeat.pending_alerts()] == ["attendant.call"]
    store.start()
    assert heartbeat.deliver_alerts() == 0  # what the next heartbeat does
    qtbot.waitUntil(lambda: ui.shopper.help.property("callState") == "onTheWay", timeout=10000)
    assert len(store_alerts(store)) == 1
    # the shopper leaves: polling stops, the next shopper has no call
    ui.shopper.session.wipe()
    assert ui.shopper.help.property("callState") == ""


def test_a_declined_payment_calls_staff_from_its_help_panel(qtbot: Any, tmp_path: Path,
                                                            store: RestartableStore) -> None:
    with shops(qtbot, tmp_path) as make:
        ui = make(store.live)
        ui.shopper.help.poll_s = 0.1
        fill_cart(qtbot, ui)
        code_url = to_payment(qtbot, ui)
        assert phone_action(code_url, "decline") == "declined"
        qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem", timeout=10_000)
        tap(qtbot, ui, ui.item("problemHelp"))
        qtbot.waitUntil(lambda: bool(prop(ui, "problemHelpPanel", "visible")))
        tap(qtbot, ui, ui.item("problemHelpCallAttendant"))
        qtbot.waitUntil(lambda: ui.navigator.screen == "help")
        qtbot.waitUntil(lambda: ui.shopper.help.property("callState") == "onTheWay", timeout=10_000)
        [alert] = store_alerts(store)
        assert "paymentProblem screen" in alert.message
        tap(qtbot, ui, ui.item("backButton"))  # the way back: the declined payment, as it was left
        qtbot.waitUntil(lambda: ui.navigator.screen == "paymentProblem")


def test_a_device_reads_only_its_own_alerts(store: RestartableStore) -> None:
    one, other = store.live.kiosk("K01"), store.live.kiosk("K02")
    body = {"alert_id": "attendant-1", "kind": "attendant.call", "severity": "warning", "message": "help"}
    assert one.http.post(f"/v1/devices/{one.device_id}/alerts", json=body).status_code == 200
    mine = one.http.get(f"/v1/devices/{one.device_id}/alerts/attendant-1")
    assert mine.status_code == 200
    assert mine.json() == {"alert_id": "attendant-1", "state": "open", "raised_at": mine.json()["raised_at"],
                           "resolved_at": None}
    assert other.http.get(f"/v1/devices/{one.device_id}/alerts/attendant-1").status_code == 403
    assert other.http.get(f"/v1/devices/{other.device_id}/alerts/attendant-1").status_code == 404
