"""The technician's settings page on the real QML: edit by touch, a bad value refused by name with
nothing saved, live apply (idle time, store name), the audit, the out-of-service switch, the
diagnostic bundle written by a tap."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import OVERLAY_NAME, load_config
from kiosk.technician.settings_edit import SETTINGS
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap
from tests.ui.maintenance.conftest import enter

pytestmark = pytest.mark.gui


def open_settings(qtbot: Any, ui: KioskUi, section: str) -> None:
    enter(qtbot, ui)
    tap(qtbot, ui, ui.item("maintenanceTab_settings"))
    qtbot.waitUntil(lambda: prop(ui, "techSettingsPage", "visible") is True)
    tap(qtbot, ui, ui.item(f"techSettingsSection_{section}"))
    qtbot.waitUntil(lambda: ui.maintenance.settings.property("section") == section)


def type_into(qtbot: Any, ui: KioskUi, name: str, text: str) -> None:
    """Focus the field by a tap, then replace its text (as the on-screen keyboard's keys would)."""
    field = ui.item(name)
    tap(qtbot, ui, field)
    qtbot.waitUntil(lambda: bool(field.property("activeFocus")))
    field.setProperty("text", text)


def audit_entries(ui: KioskUi) -> list[Any]:
    assert ui.services is not None and ui.services.audit is not None
    return ui.services.audit.recent(50)


def test_idle_time_by_stepper_applies_at_once_and_is_audited(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    assert ui.services is not None
    before = ui.services.config.idle.home_s
    open_settings(qtbot, ui, "idle")
    for _ in range(3):
        tap(qtbot, ui, ui.item("settingMinus_idle_home_s"))
    qtbot.waitUntil(lambda: ui.maintenance.settings.property("pendingCount") == 1)
    tap(qtbot, ui, ui.item("techSettingsSave"))
    expected = before - 3 * SETTINGS["idle.home_s"].step
    qtbot.waitUntil(lambda: ui.services is not None and ui.services.config.idle.home_s == expected)
    assert ui.shopper.idle.timeout_for("home") == expected  # the idle monitor counts with it now
    assert "applied now" in str(prop(ui, "techSettingsMessage", "text"))
    entry = next(e for e in audit_entries(ui) if e.action == "settings.change")
    assert (entry.subject, entry.detail, entry.result) == ("idle.home_s", f"{before} -> {expected}", "ok")
    data_dir = Path(ui.services.paths.root)
    # saved in the overlay: the next start has it
    assert load_config(environ={}, overrides={"data_dir": str(data_dir)}).idle.home_s == expected


def test_store_name_typed_shows_in_the_ui_at_once(qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    open_settings(qtbot, ui, "store")
    type_into(qtbot, ui, "setting_identity_store_name", "星光便利店")
    type_into(qtbot, ui, "setting_identity_store_name_en", "Starlight Mart")
    tap(qtbot, ui, ui.item("techSettingsSave"))
    qtbot.waitUntil(lambda: ui.shell.property("storeName") in ("星光便利店", "Starlight Mart"))
    ui.shell.setProperty("language", "en_US")
    assert ui.shell.property("storeName") == "Starlight Mart"
    assert ui.window.title() == "Starlight Mart"  # bound in Main.qml
    ui.shell.setProperty("language", "zh_CN")
    assert ui.window.title() == "星光便利店"
    assert ui.services is not None
    assert ui.services.receipt_settings().store_name == "星光便利店"  # the next receipt's title
    subjects = {e.subject for e in audit_entries(ui) if e.action == "settings.change"}
    assert {"identity.store_name", "identity.store_name_en"} <= subjects


def test_a_bad_value_is_named_on_screen_and_nothing_is_saved(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    assert ui.services is not None
    overlay = Path(ui.services.paths.root) / OVERLAY_NAME
    open_settings(qtbot, ui, "hours")
    type_into(qtbot, ui, "setting_hours_weekly", "weekdays 9 to 5")
    tap(qtbot, ui, ui.item("techSettingsSave"))
    qtbot.waitUntil(lambda: "Weekly hours" in str(prop(ui, "setting_hours_weeklyError", "text")))
    assert "HH:MM" in str(prop(ui, "techSettingsMessage", "text"))
    assert not overlay.exists()
    assert ui.services.config.hours.weekly == ""
    refused = next(e for e in audit_entries(ui) if e.action == "settings.change")
    assert (refused.result, refused.subject) == ("refused", "hours.weekly")
    # corrected, it saves
    type_into(qtbot, ui, "setting_hours_weekly", "mon-sun 00:00-24:00")
    tap(qtbot, ui, ui.item("techSettingsSave"))
    qtbot.waitUntil(lambda: overlay.exists())
    assert ui.services.config.hours.weekly == "mon-sun 00:00-24:00"


def test_printer_port_waits_for_the_next_start(qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    assert ui.services is not None
    port = ui.services.config.printer.port
    open_settings(qtbot, ui, "printer")
    tap(qtbot, ui, ui.item("settingPlus_printer_port"))
    tap(qtbot, ui, ui.item("techSettingsSave"))
    qtbot.waitUntil(lambda: "next start" in str(prop(ui, "techSettingsMessage", "text")))
    assert ui.services.config.printer.port == port  # the running printer keeps its connection
    saved = load_config(environ={}, overrides={"data_dir": str(ui.services.paths.root)})
    assert saved.printer.port != port


def test_out_of_service_toggle_shows_shoppers_the_screen_and_back(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    open_settings(qtbot, ui, "service")
    type_into(qtbot, ui, "techOutOfServiceReason", "Restocking 补货中")
    tap(qtbot, ui, ui.item("techOutOfServiceToggle"))
    qtbot.waitUntil(lambda: ui.maintenance.settings.property("outOfService") is True)
    tap(qtbot, ui, ui.item("maintenanceLock"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "outOfService")
    assert prop(ui, "outOfServiceReasonText", "text") == "Restocking 补货中"
    assert "serviced" in str(prop(ui, "outOfServiceCause", "text"))
    entry = next(e for e in audit_entries(ui) if e.action == "service.out_of_service")
    assert (entry.subject, entry.result) == ("on", "ok")
    # the PIN pad opens over it; back in service from the page
    open_settings(qtbot, ui, "service")
    tap(qtbot, ui, ui.item("techOutOfServiceToggle"))
    qtbot.waitUntil(lambda: ui.maintenance.settings.property("outOfService") is False)
    tap(qtbot, ui, ui.item("maintenanceLock"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")


def test_diagnostic_bundle_written_to_the_exports_folder_by_a_tap(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    assert ui.services is not None
    open_settings(qtbot, ui, "tools")
    folders = ui.maintenance.settings.property("folders")
    index = next(i for i, f in enumerate(folders) if not f["removable"])
    tap(qtbot, ui, ui.item(f"techExportFolder_{index}"))
    qtbot.waitUntil(lambda: ".zip" in str(prop(ui, "techExportMessage", "text")), timeout=10_000)
    (bundle,) = Path(ui.services.paths.exports).glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        assert "config.toml" in archive.namelist()
        versions = json.loads(archive.read("status.json"))["versions"]
    assert versions["qt"].startswith("6.") and versions["pyside6"].startswith("6.")
    entry = next(e for e in audit_entries(ui) if e.action == "diagnostics.export")
    assert (entry.result, entry.subject) == ("ok", "exports")


def test_change_pin_button_opens_the_pin_chooser(qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    open_settings(qtbot, ui, "tools")
    tap(qtbot, ui, ui.item("techChangePin"))
    qtbot.waitUntil(lambda: ui.maintenance.entry.property("state") == "setPin")
    assert ui.maintenance.entry.property("changingPin") is True
    tap(qtbot, ui, ui.item("pinCancel"))
    qtbot.waitUntil(lambda: ui.maintenance.entry.property("state") == "open")


def test_receipt_default_languages_and_payment_limit_apply_at_once(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    from kiosk.sync.client import StoreEndpoint, SyncClient
    from kiosk.sync.payments import PaymentClient

    ui = kiosk_factory()
    assert ui.services is not None
    receipt = ui.shopper.payment.receipt
    open_settings(qtbot, ui, "payment")
    tap(qtbot, ui, ui.item("settingChoice_receipt_default_phone"))
    tap(qtbot, ui, ui.item("settingPlus_payment_time_limit_s"))
    tap(qtbot, ui, ui.item("techSettingsSave"))
    limit = 120 + SETTINGS["payment.time_limit_s"].step
    qtbot.waitUntil(lambda: ui.services is not None and ui.services.config.payment.time_limit_s == limit)
    # the order screen shows the e-receipt QR first, paper still printed and choosable
    receipt.show("http://127.0.0.1:9/o/x", "printed", pending=False)
    assert receipt.property("onPhone") is True and receipt.property("canChoose") is True
    receipt.forget()
    # the next checkout gets the new time limit
    ui.services.payments = PaymentClient(SyncClient(StoreEndpoint("http://127.0.0.1:9", "K01", "x" * 32)))
    try:
        checkout = ui.services.make_checkout(lambda _update: None)
        assert checkout is not None and checkout.timeout_s == limit
    finally:
        ui.services.payments.client.close()
        ui.services.payments = None

    # one language offered: the shoppers' language switch goes
    tap(qtbot, ui, ui.item("techSettingsSection_store"))
    type_into(qtbot, ui, "setting_ui_languages", "zh_CN")
    tap(qtbot, ui, ui.item("techSettingsSave"))
    qtbot.waitUntil(lambda: ui.shell.property("canSwitchLanguage") is False)
    tap(qtbot, ui, ui.item("maintenanceLock"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "attract")
    assert prop(ui, "languageEn", "visible") is False
    ui.shell.toggleLanguage()
    assert ui.shell.property("language") == "zh_CN"
