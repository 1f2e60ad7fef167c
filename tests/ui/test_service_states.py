"""Service states on the real QML: the closed screen outside opening hours (weekly hours and a holiday,
with an injected clock) and back; a shopper mid-order is never thrown out; out of service when the
printer cannot print and the e-receipt is off, and back when it prints; the technician's switch holds
across a restart; the PIN pad opens over the closed screen."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.devices.sim.fake_printer import PaperLevel
from kiosk.services import data_paths
from kiosk.technician_pin import DEMO_PIN
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap
from tests.ui.maintenance.conftest import corner_taps, type_pin

pytestmark = pytest.mark.gui

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
HOURS = {"weekly": "mon-fri 09:00-21:00; sat,sun 10:00-18:00", "exceptions": "2026-10-01..2026-10-03 closed"}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


class Clock:
    def __init__(self, start: str) -> None:
        self.now = at(start)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def kiosks(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., KioskUi]]:
    """Kiosks on one data dir, with the simulated printer when asked; each closed before the next."""
    made: list[KioskUi] = []

    def make(*, devices: bool = False, clock: Clock | None = None, **overrides: Any) -> KioskUi:
        for old in made:
            if old.services is not None:
                # the keyboard loads beside the first frame: a kiosk closed mid-load spills QML errors
                loader = old.item("keyboardLoader")
                qtbot.waitUntil(lambda: bool(loader.property("item")), timeout=20_000)  # noqa: B023
                old.close()
                old.services.close()
                old.services = None
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        config = load_config(environ={}, overrides={
            "data_dir": str(tmp_path / "data"), "scanner": {"kind": "none"},
            "ui": {"windowed": True, "lockdown": False}, **overrides})
        services = build_services(config, data_paths(config), with_devices=devices, with_store=False)
        ui = KioskUi(config, services.events)
        made.append(ui)
        if clock is not None:
            ui.service_state.now = clock
        ui.attach(services)
        ui.show()
        qtbot.waitExposed(ui.window)
        qtbot.waitUntil(lambda: ui.shopper.catalog.property("loaded"))
        return ui

    yield make
    for ui in made:
        if ui.services is not None:
            ui.close()
            ui.services.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_closed_outside_weekly_hours_and_on_a_holiday_then_open_again(
        qtbot: Any, kiosks: Callable[..., KioskUi]) -> None:
    clock = Clock("2026-12-07 08:30")  # a Monday, before nine
    ui = kiosks(clock=clock, hours=HOURS)
    qtbot.waitUntil(lambda: ui.navigator.screen == "closed")
    assert prop(ui, "closedTitle", "text") == "休息中\nClosed"
    assert "今天 09:00" in prop(ui, "closedNextOpening", "text")
    assert "today at 09:00" in prop(ui, "closedNextOpening", "text")

    clock.now = at("2026-12-07 09:00")
    ui.service_state.evaluate()  # what its timer does
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")

    clock.now = at("2026-10-02 12:00")  # a Friday, but a public holiday
    ui.service_state.evaluate()
    qtbot.waitUntil(lambda: ui.navigator.screen == "closed")
    assert "Sun 4 Oct at 10:00" in prop(ui, "closedNextOpening", "text")
    assert "10月4日" in prop(ui, "closedNextOpening", "text")
    # scans and idle do nothing here
    ui.bridge.published.emit("device.scan", {"raw": "6901234567892"})
    assert ui.shopper.idle.timeout_for("closed") is None
    assert ui.navigator.screen == "closed"


def test_a_shopper_mid_order_is_not_thrown_out_at_closing_time(
        qtbot: Any, kiosks: Callable[..., KioskUi]) -> None:
    clock = Clock("2026-12-07 20:58")
    ui = kiosks(clock=clock, hours=HOURS)
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    clock.now = at("2026-12-07 21:01")
    ui.service_state.evaluate()
    assert ui.service_state.property("state") == "closed"
    assert ui.navigator.screen == "home"  # still shopping
    ui.shopper.session.wipe()  # the order done, or the idle timeout: back to the attract screen
    qtbot.waitUntil(lambda: ui.navigator.screen == "closed")


def test_the_pin_pad_opens_over_the_closed_screen(qtbot: Any, kiosks: Callable[..., KioskUi]) -> None:
    ui = kiosks(clock=Clock("2026-12-05 08:00"), hours=HOURS)
    qtbot.waitUntil(lambda: ui.navigator.screen == "closed")
    corner_taps(qtbot, ui)
    qtbot.waitUntil(lambda: ui.maintenance.entry.property("state") == "pin")
    assert prop(ui, "pinPad", "visible")
    type_pin(qtbot, ui, DEMO_PIN)
    qtbot.waitUntil(lambda: ui.navigator.screen == "maintenance")  # not thrown back to "closed"
    ui.service_state.evaluate()
    assert ui.navigator.screen == "maintenance"
    tap(qtbot, ui, ui.item("maintenanceLock"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "closed")  # locked: closed again


def test_out_of_service_while_the_printer_cannot_print_without_the_e_receipt(
        qtbot: Any, kiosks: Callable[..., KioskUi]) -> None:
    ui = kiosks(devices=True, receipt={"e_receipt": False}, printer={"kind": "sim"})
    assert ui.services is not None and ui.services.devices is not None
    fake = ui.services.devices.fake_printer
    assert fake is not None
    qtbot.waitUntil(lambda: ui.services is not None and ui.services.device_states.get("printer", {})
                    .get("status") == "READY", timeout=20_000)
    assert ui.navigator.screen == "attract"
    fake.set_paper(PaperLevel.OUT)
    qtbot.waitUntil(lambda: ui.navigator.screen == "outOfService", timeout=20_000)
    assert "打印机" in prop(ui, "outOfServiceCause", "text")
    assert "printer" in prop(ui, "outOfServiceCause", "text")
    assert "Retrying" not in prop(ui, "outOfServiceRetry", "text")  # no 60 s retry: it waits for the printer
    fake.set_paper(PaperLevel.OK)
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract", timeout=20_000)


def test_with_the_e_receipt_a_broken_printer_keeps_the_kiosk_open(
        qtbot: Any, kiosks: Callable[..., KioskUi]) -> None:
    ui = kiosks(devices=True, printer={"kind": "sim"})
    assert ui.services is not None and ui.services.devices is not None
    fake = ui.services.devices.fake_printer
    assert fake is not None
    fake.set_paper(PaperLevel.OUT)
    qtbot.waitUntil(lambda: ui.shopper.payment.receipt.property("printerProblem"), timeout=20_000)
    assert ui.service_state.property("state") == "open"
    assert ui.navigator.screen == "attract"


def test_the_technicians_out_of_service_holds_across_a_restart(
        qtbot: Any, kiosks: Callable[..., KioskUi]) -> None:
    ui = kiosks()
    ui.maintenance.settings.setOutOfService(True, "")  # (the page's toggle is tapped in its own tests)
    qtbot.waitUntil(lambda: ui.navigator.screen == "outOfService")
    again = kiosks()  # a restart on the same data dir
    qtbot.waitUntil(lambda: again.navigator.screen == "outOfService")
    assert again.service_state.property("held") is True
    assert "serviced" in prop(again, "outOfServiceCause", "text")
    qtbot.wait(1200)  # the start-up failure's countdown would have ticked by now
    assert "Retrying" not in prop(again, "outOfServiceRetry", "text")
    again.maintenance.settings.setOutOfService(False, "")
    qtbot.waitUntil(lambda: again.navigator.screen == "attract")


def test_opening_hours_changed_on_the_settings_page_close_the_kiosk_at_once(
        qtbot: Any, kiosks: Callable[..., KioskUi]) -> None:
    from tests.ui.maintenance.test_settings_page import open_settings, type_into

    ui = kiosks(clock=Clock("2026-12-07 12:00"))  # always open: no hours set
    open_settings(qtbot, ui, "hours")
    type_into(qtbot, ui, "setting_hours_weekly", "mon-fri 14:00-22:00")
    tap(qtbot, ui, ui.item("techSettingsSave"))
    qtbot.waitUntil(lambda: ui.service_state.property("state") == "closed")
    assert ui.navigator.screen == "maintenance"  # the technician is not thrown out either
    tap(qtbot, ui, ui.item("maintenanceLock"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "closed")
    assert "今天 14:00" in prop(ui, "closedNextOpening", "text")
