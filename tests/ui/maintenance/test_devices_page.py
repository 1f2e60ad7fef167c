"""The technician's devices page over the real simulators: a fake ESC/POS printer on TCP and a pty
scanner, as demo mode runs them, with the demo controls window beside the kiosk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt

from kiosk.app import build_services
from kiosk.audit import AuditRecord
from kiosk.config import load_config
from kiosk.devices.backoff import Backoff
from kiosk.devices.ports import ReceiptPrinter
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.sim.fake_printer import FakePrinter, PaperLevel
from kiosk.devices.sim.pty_scanner import PtyScanner
from kiosk.services import Services, data_paths
from kiosk.technician.devices import SCANS_KEPT
from kiosk.technician_pin import DEMO_PIN
from kiosk.ui.app import KioskUi
from kiosk.ui.demo import DemoControls
from kiosk.ui.demo.printer import ReceiptSection
from kiosk.ui.maintenance.devices import DevicesPage
from tests.ui.conftest import prop, tap
from tests.ui.maintenance.conftest import enter
from tests.ui.plain_text import MARKUP, assert_shown_literally

pytestmark = pytest.mark.gui

GS1 = b"]C10109506000134352\x1d17201231"


class Rig(NamedTuple):
    ui: KioskUi
    services: Services
    controls: DemoControls
    fake: FakePrinter
    pty: PtyScanner
    printer: ReceiptPrinter
    scanner: SerialScanner


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("devices_page")


@pytest.fixture(scope="module")
def rig(qapp: Any, module_tmp: Path) -> Iterator[Rig]:
    """One demo kiosk with its simulators for the module: starting them is the slow part."""
    config = load_config(environ={}, overrides={
        "data_dir": str(module_tmp / "data"), "demo": True, "ui": {"windowed": False, "lockdown": False}})
    services = build_services(config, data_paths(config), with_store=False)
    ui = KioskUi(services.config, services.events)
    try:
        ui.attach(services)
        assert isinstance(ui.demo_controls, DemoControls) and services.devices is not None
        devices = services.devices
        assert devices.fake_printer and devices.pty_scanner and devices.printer
        assert isinstance(devices.scanner, SerialScanner)
        ui.show()
        ui.shell.setProperty("language", "en_US")  # the assertions read the English source texts
        yield Rig(ui, services, ui.demo_controls, devices.fake_printer, devices.pty_scanner,
                  devices.printer, devices.scanner)
    finally:
        if ui.demo_controls is not None:
            ui.demo_controls.close()
        ui.close()
        services.close()


@pytest.fixture
def area(rig: Rig, qtbot: Any) -> Iterator[Rig]:
    """The technician area open on its first page, the devices back to normal afterwards."""
    qtbot.waitExposed(rig.ui.window)
    qtbot.waitUntil(lambda: rig.ui.maintenance.devices.property("ready"))
    enter(qtbot, rig.ui)
    assert rig.ui.maintenance.entry.property("page") == "devices"
    qtbot.waitUntil(lambda: rig.ui.item("techDevicesPage").isVisible())
    yield rig
    rig.ui.maintenance.entry.leave()
    rig.fake.reset()
    rig.fake.set_slow(0.0)
    rig.fake.power_on()
    if not rig.pty.plugged:
        rig.pty.plug()
    rig.printer.check_status()
    qtbot.waitUntil(lambda: page(rig).property("printer")["state"] == "ready"
                    and page(rig).property("scanner")["state"] == "ready", timeout=8000)


def page(rig: Rig) -> DevicesPage:
    return rig.ui.maintenance.devices


def text(rig: Rig, name: str) -> str:
    return str(prop(rig.ui, name, "text") or "")


def shows(rig: Rig, name: str, value: str) -> Callable[[], bool]:
    return lambda: text(rig, name) == value


def audits(rig: Rig, action: str) -> list[AuditRecord]:
    assert rig.services.audit is not None
    return [r for r in rig.services.audit.recent(500) if r.action == action]


def test_faults_cover_and_power_are_shown_with_what_they_mean_for_the_shopper(area: Rig, qtbot: Any) -> None:
    rig = area
    qtbot.waitUntil(lambda: text(rig, "techDeviceState_printer") == "Ready")
    assert text(rig, "techDeviceEffect_printer") == "Receipts print on paper."
    steps = [
        (lambda: rig.fake.set_paper(PaperLevel.NEAR_END), "Paper near end", "change the paper roll soon"),
        (lambda: rig.fake.set_paper(PaperLevel.OUT), "Paper out", "Receipts go to the shopper's phone."),
        (lambda: (rig.fake.reset(), rig.fake.set_cover_open(True)), "Cover open",
         "Receipts go to the shopper's phone."),
        (lambda: (rig.fake.reset(), rig.fake.set_cutter_error(True)), "Cutter error",
         "Receipts go to the shopper's phone."),
        (rig.fake.reset, "Ready", "Receipts print on paper."),
    ]
    for script, headline, effect in steps:
        script()
        rig.printer.check_status()  # as the demo controls do: now, not at the next poll
        qtbot.waitUntil(shows(rig, "techDeviceState_printer", headline))
        assert effect in text(rig, "techDeviceEffect_printer")
    # unplugged from power: the link goes, then the printer comes back by itself
    rig.fake.power_off()
    qtbot.waitUntil(lambda: text(rig, "techDeviceState_printer") in ("Not connected", "Connecting"),
                    timeout=5000)
    assert "shopper's phone" in text(rig, "techDeviceEffect_printer")
    rig.fake.power_on()
    qtbot.waitUntil(lambda: text(rig, "techDeviceState_printer") == "Ready", timeout=8000)

    rig.pty.unplug()
    qtbot.waitUntil(lambda: text(rig, "techDeviceState_scanner") in ("Not connected", "Connecting"))
    assert "touch and search" in text(rig, "techDeviceEffect_scanner")
    rig.pty.plug()
    qtbot.waitUntil(lambda: text(rig, "techDeviceState_scanner") == "Ready", timeout=5000)
    assert text(rig, "techDeviceEffect_scanner") == "Shoppers can scan products."


def test_test_print_reaches_the_printer_once_per_tap_shows_in_the_demo_window_and_is_audited(
        area: Rig, qtbot: Any) -> None:
    rig = area
    receipt = rig.controls.section(ReceiptSection)
    qtbot.waitUntil(lambda: page(rig).property("printer")["state"] == "ready")
    jobs, shown, audited = len(rig.fake.jobs), receipt.jobCount, len(audits(rig, "devices.test_print"))
    for taps in (1, 2):
        tap(qtbot, rig.ui, rig.ui.item("techTestPrint"))
        qtbot.waitUntil(lambda: page(rig).property("testPrintOutcome") == "printed", timeout=8000)
        assert text(rig, "techTestPrintResult") == "Test page printed."
        qtbot.waitUntil(lambda: len(rig.fake.jobs) == jobs + taps)  # noqa: B023  (waited for at once)
        qtbot.waitUntil(lambda: receipt.jobCount == shown + taps)  # noqa: B023
    last = rig.fake.last_job
    assert last is not None and last.complete and "TEST PAGE" in last.text
    assert rig.services.config.identity.store_name in last.text and "80 mm" in last.text
    entries = audits(rig, "devices.test_print")[:2]
    assert len(audits(rig, "devices.test_print")) == audited + 2
    assert [(e.result, e.subject) for e in entries] == [("ok", "printer")] * 2
    assert all("printed" in e.detail for e in entries)

    # a slow printer: a second tap while the page is printing does nothing (the button is off)
    rig.fake.set_slow(0.1)
    tap(qtbot, rig.ui, rig.ui.item("techTestPrint"))
    assert page(rig).property("testPrinting") and not rig.ui.item("techTestPrint").isEnabled()
    tap(qtbot, rig.ui, rig.ui.item("techTestPrint"))
    qtbot.waitUntil(lambda: page(rig).property("testPrintOutcome") == "printed", timeout=8000)
    assert len(rig.fake.jobs) == jobs + 3
    assert len(audits(rig, "devices.test_print")) == audited + 3

    # out of paper: not printed, and the page says why
    rig.fake.set_slow(0.0)
    rig.fake.set_paper(PaperLevel.OUT)
    rig.printer.check_status()
    qtbot.waitUntil(lambda: text(rig, "techDeviceState_printer") == "Paper out")
    tap(qtbot, rig.ui, rig.ui.item("techTestPrint"))
    qtbot.waitUntil(lambda: page(rig).property("testPrintOutcome") == "not_printed", timeout=8000)
    assert text(rig, "techTestPrintResult") == "Not printed: Paper out."
    assert len(rig.fake.jobs) == jobs + 3
    failed = audits(rig, "devices.test_print")[0]
    assert (failed.result, failed.subject) == ("failed", "printer") and "paper_out" in failed.detail


def test_taps_from_the_attract_screen_to_a_test_print(rig: Rig, qtbot: Any) -> None:
    """Figure: taps for a technician to reach a test print (target <= 4 after the PIN)."""
    ui = rig.ui
    qtbot.waitExposed(ui.window)
    assert ui.navigator.screen == "attract"
    taps = {"before": 0, "after": 0}
    phase = "before"

    def touch(point: QPoint) -> None:
        taps[phase] += 1
        qtbot.mouseClick(ui.window, Qt.MouseButton.LeftButton, pos=point)

    def centre(name: str) -> QPoint:
        item = ui.item(name)
        return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()

    jobs = len(rig.fake.jobs)
    for _ in range(5):
        touch(QPoint(10, 10))
    qtbot.waitUntil(lambda: ui.maintenance.entry.property("state") == "pin")
    for digit in DEMO_PIN:
        touch(centre(f"pinKey_{digit}"))
    touch(centre("pinKey_ok"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "maintenance")
    phase = "after"
    qtbot.waitUntil(lambda: ui.item("techTestPrint").isVisible())
    touch(centre("techTestPrint"))
    qtbot.waitUntil(lambda: len(rig.fake.jobs) == jobs + 1, timeout=8000)
    try:
        assert taps["after"] <= 4
        assert taps["after"] == 1  # Devices is the first page, its first button the test print
        print(f"FIGURE taps_to_test_print_after_pin {taps['after']} taps target <= 4")
    finally:
        ui.maintenance.entry.leave()


def test_the_live_scanner_view_shows_raw_and_parsed_scans_safely(area: Rig, qtbot: Any) -> None:
    rig = area
    model = page(rig).property("scans")
    assert model.rowCount() == 0 and rig.ui.item("techScansEmpty").isVisible()
    assert rig.pty.write(GS1 + b"\r")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    qtbot.waitUntil(lambda: text(rig, "techScanRaw_0") == "]C10109506000134352<GS>17201231")
    parsed = text(rig, "techScanParsed_0")
    assert "GS1 128" in parsed and "(01)09506000134352(17)201231" in parsed
    assert text(rig, "techScanOk_0") == "OK"

    # a C1 control and a bidi override: named, never shown raw; the scan is an error
    assert rig.pty.write("AB\u009b31m\u202eCD\r".encode())
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    qtbot.waitUntil(lambda: text(rig, "techScanRaw_0") == "AB<U+009B>31m<U+202E>CD")
    assert text(rig, "techScanOk_0") == "Error" and "unreadable characters" in text(rig, "techScanParsed_0")

    assert rig.pty.scan(MARKUP)
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    qtbot.waitUntil(lambda: MARKUP in text(rig, "techScanRaw_0"))
    assert_shown_literally(rig.ui.item("techScanRaw_0"))
    assert_shown_literally(rig.ui.item("techScanParsed_0"))

    # a product's code: listed, but the shopper screens are not driven while the area is open
    assert rig.pty.scan("4006381333931", aim="]E0")
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    assert "EAN 13" in text(rig, "techScanParsed_0") and "4006381333931" in text(rig, "techScanParsed_0")
    assert rig.ui.navigator.screen == "maintenance"
    assert rig.ui.maintenance.entry.property("state") == "open"

    for i in range(SCANS_KEPT + 3):
        assert rig.pty.scan(f"CODE-{i:03d}")
    qtbot.waitUntil(lambda: text(rig, "techScanRaw_0") == f"CODE-{SCANS_KEPT + 2:03d}")
    assert model.rowCount() == SCANS_KEPT

    # locked: what was scanned is forgotten, and nothing is listed until the technician is back
    rig.ui.maintenance.entry.leave()
    assert model.rowCount() == 0
    rig.pty.scan("NOT-FOR-THE-TECHNICIAN")
    qtbot.waitUntil(lambda: bool(prop(rig.ui, "toast", "visible")))
    assert model.rowCount() == 0


def test_reconnect_brings_a_replugged_scanner_back_at_once(area: Rig, qtbot: Any) -> None:
    rig = area
    worker = rig.scanner._worker
    backoff = worker.backoff
    worker.backoff = Backoff(base_s=30.0, cap_s=30.0)  # left alone, it would look again in 15 s or more
    try:
        rig.pty.unplug()
        qtbot.waitUntil(lambda: text(rig, "techDeviceState_scanner") == "Not connected")
        rig.pty.plug()
        qtbot.wait(300)
        assert text(rig, "techDeviceState_scanner") == "Not connected"
        tap(qtbot, rig.ui, rig.ui.item("techReconnect_scanner"))
        qtbot.waitUntil(shows(rig, "techReconnectResult_scanner", "Reconnected: Ready."), timeout=5000)
        assert text(rig, "techDeviceState_scanner") == "Ready"
    finally:
        worker.backoff = backoff
    entry = audits(rig, "devices.reconnect")[0]
    assert (entry.result, entry.subject) == ("ok", "scanner")
    assert rig.pty.scan("AFTER-REPLUG")
    qtbot.waitUntil(lambda: text(rig, "techScanRaw_0") == "AFTER-REPLUG")


def test_reconnect_reopens_the_printer_connection(area: Rig, qtbot: Any) -> None:
    rig = area
    qtbot.waitUntil(lambda: text(rig, "techDeviceState_printer") == "Ready")
    accepted = rig.fake.connections_accepted
    tap(qtbot, rig.ui, rig.ui.item("techReconnect_printer"))
    qtbot.waitUntil(lambda: text(rig, "techReconnectResult_printer") == "Reconnected: Ready.", timeout=5000)
    assert rig.fake.connections_accepted == accepted + 1
    entry = audits(rig, "devices.reconnect")[0]
    assert (entry.result, entry.subject) == ("ok", "printer")

    # switched off: the reconnect fails, says so in red with the reason, and is audited as failed
    rig.fake.power_off()
    qtbot.waitUntil(lambda: page(rig).property("printer")["state"] in ("disconnected", "connecting"),
                    timeout=5000)
    tap(qtbot, rig.ui, rig.ui.item("techReconnect_printer"))
    failed = "Could not reconnect: Not connected"
    qtbot.waitUntil(lambda: text(rig, "techReconnectResult_printer").startswith(failed), timeout=5000)
    assert page(rig).property("printer")["reconnectOk"] is False
    assert text(rig, "techDeviceMessage_printer")  # the OS's reason under the card
    entry = audits(rig, "devices.reconnect")[0]
    assert (entry.result, entry.subject) == ("failed", "printer") and "disconnected" in entry.detail


def test_connection_settings_are_shown_and_edited_in_settings(area: Rig, qtbot: Any) -> None:
    rig = area
    host, port = rig.fake.address
    assert text(rig, "techConnection_printer_0") == "Simulator (demo)"
    assert text(rig, "techConnection_printer_1") == f"{host}:{port}"
    assert text(rig, "techConnection_printer_2") == "80 mm"
    assert text(rig, "techConnection_scanner_1") == f"{rig.pty.path} @ 9600"
    assert text(rig, "techDeviceState_qr") == "On the kiosk screen"
    # no store in this rig: the QR display is there, but nobody can pay yet
    assert "store is not connected" in text(rig, "techDeviceEffect_qr")
    tap(qtbot, rig.ui, rig.ui.item("techPrinterChangeSettings"))
    qtbot.waitUntil(lambda: rig.ui.maintenance.entry.property("page") == "settings")


@pytest.mark.parametrize("language", ["zh_CN", "en_US"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_page_fits_in_both_orientations_and_languages(area: Rig, qtbot: Any, module_tmp: Path,
                                                          orientation: str, language: str) -> None:
    rig = area
    rig.pty.write(GS1 + b"\r")
    qtbot.waitUntil(lambda: page(rig).property("scans").rowCount() >= 1)
    rig.ui.shell.setProperty("orientation", orientation)
    rig.ui.shell.setProperty("language", language)
    try:
        qtbot.wait(300)
        view = rig.ui.item("techDevicesPage")
        bounds = view.mapRectToScene(QRectF(0, 0, view.width(), view.height()))
        window = QRectF(0, 0, rig.ui.window.width(), rig.ui.window.height())
        assert window.contains(bounds)
        # the first things a technician needs are on screen without scrolling
        for name in ("techTestPrint", "techReconnect_printer", "techDeviceState_printer"):
            item = rig.ui.item(name)
            rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
            assert bounds.contains(rect), name
            assert item.height() >= 64 or name.startswith("techDeviceState")
        shots = module_tmp / "screenshots"
        shots.mkdir(exist_ok=True)
        rig.ui.window.grabWindow().save(str(shots / f"devices-{orientation}-{language}.png"))
    finally:
        rig.ui.shell.setProperty("orientation", "portrait")
        rig.ui.shell.setProperty("language", "en_US")


def test_without_devices_the_page_says_so_and_refuses_to_print(kiosk_factory: Callable[..., KioskUi],
                                                                 qtbot: Any) -> None:
    ui = kiosk_factory(printer={"kind": "none"}, scanner={"kind": "none"})
    ui.shell.setProperty("language", "en_US")
    enter(qtbot, ui)
    qtbot.waitUntil(lambda: ui.item("techDevicesPage").isVisible())
    assert str(ui.item("techDeviceState_printer").property("text")) == "Not configured"
    effect = str(ui.item("techDeviceEffect_printer").property("text"))
    assert "every receipt goes to the shopper's phone" in effect
    assert "touch and search" in str(ui.item("techDeviceEffect_scanner").property("text"))
    for name in ("techTestPrint", "techReconnect_printer", "techReconnect_scanner"):
        assert not ui.item(name).isEnabled(), name
    tap(qtbot, ui, ui.item("techTestPrint"))  # off: nothing happens
    devices = ui.maintenance.devices
    assert devices.property("testPrintOutcome") == ""
    devices.testPrint()  # called anyway: refused, said and audited
    assert devices.property("testPrintText") == "Not printed: no printer is configured."
    assert ui.services is not None and ui.services.audit is not None
    entry = next(r for r in ui.services.audit.recent() if r.action == "devices.test_print")
    assert (entry.result, entry.subject) == ("refused", "printer")
    assert [r.detail for r in ui.services.audit.recent() if r.action == "devices.test_print"] == [
        "no printer configured"]
