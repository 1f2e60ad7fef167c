"""The technician's settings page: the kiosk's settings by touch, the PIN, the diagnostic bundle,
the out-of-service switch and the exit to the desktop.

Settings are grouped in sections (one shown at a time). Edits stay pending until "Save": then
kiosk.technician.settings_edit checks them all with the config's own rules — a bad value is named on
screen with what is allowed, and nothing is saved — writes the overlay, applies what can apply at
once (`apply_config`, the KioskUi's) and says on screen what waits for the next start. Every saved
change is audited as key, old → new (no setting here is a secret: `[store]` is never listed).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import PySide6
from PySide6.QtCore import Property, QObject, Signal, Slot, qVersion

from kiosk.audit import FAILED, OK, REFUSED
from kiosk.config import KioskConfig, overlay_path
from kiosk.errors import ConfigError
from kiosk.services import Services
from kiosk.technician.export_folders import ExportFolder, export_folders
from kiosk.technician.settings_edit import SETTINGS, SettingsEditor, as_text, value_of
from kiosk.ui.maintenance.page import TechnicianPage, translate
from kiosk.ui.viewmodels.rows import RowsModel

if TYPE_CHECKING:
    from kiosk.ui.viewmodels.service_state import ServiceStateViewModel

log = logging.getLogger(__name__)

REASON_MAX = 200
FIELD_ROLES = ("key", "name", "label", "hint", "kind", "choices", "lo", "hi", "step", "value", "edited",
               "error", "note", "locked", "range")


def _sections() -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, label, keys); "service" and "tools" hold actions rather than settings."""
    return [
        ("store", translate("Maintenance", "Store"),
         ("identity.store_name", "identity.store_name_en", "ui.language", "ui.languages")),
        ("idle", translate("Maintenance", "Idle times"),
         ("idle.home_s", "idle.category_s", "idle.product_s", "idle.search_s", "idle.other_s",
          "idle.countdown_s")),
        ("payment", translate("Maintenance", "Payment & receipt"),
         ("payment.time_limit_s", "receipt.default", "receipt.e_receipt", "printer.paper_width_mm")),
        ("hours", translate("Maintenance", "Opening hours"), ("hours.weekly", "hours.exceptions")),
        ("printer", translate("Maintenance", "Printer"),
         ("printer.kind", "printer.host", "printer.port", "printer.usb_vendor_id", "printer.usb_product_id",
          "printer.serial_port", "printer.path")),
        ("scanner", translate("Maintenance", "Scanner"),
         ("scanner.kind", "scanner.port", "scanner.baudrate")),
        ("service", translate("Maintenance", "Service"), ()),
        ("tools", translate("Maintenance", "Tools"), ()),
    ]


def _label(key: str) -> str:
    labels = {
        "identity.store_name": translate("Maintenance", "Store name (Chinese)"),
        "identity.store_name_en": translate("Maintenance", "Store name (English; empty: the same)"),
        "ui.language": translate("Maintenance", "Language of a new shopper"),
        "ui.languages": translate("Maintenance", "Languages offered (comma-separated)"),
        "idle.home_s": translate("Maintenance", "Idle on the home screen (s)"),
        "idle.category_s": translate("Maintenance", "Idle on a category (s)"),
        "idle.product_s": translate("Maintenance", "Idle on a product (s)"),
        "idle.search_s": translate("Maintenance", "Idle on search (s)"),
        "idle.other_s": translate("Maintenance", "Idle on other screens (s)"),
        "idle.countdown_s": translate("Maintenance", "\"Still there?\" countdown (s)"),
        "payment.time_limit_s": translate("Maintenance", "Time to pay a QR code (s)"),
        "receipt.default": translate("Maintenance", "Receipt shown first"),
        "receipt.e_receipt": translate("Maintenance", "Offer the e-receipt QR"),
        "printer.paper_width_mm": translate("Maintenance", "Receipt paper width (mm)"),
        "hours.weekly": translate("Maintenance", "Weekly hours"),
        "hours.exceptions": translate("Maintenance", "Holidays and special hours"),
        "printer.kind": translate("Maintenance", "Printer connection"),
        "printer.host": translate("Maintenance", "Network printer address"),
        "printer.port": translate("Maintenance", "Network printer port"),
        "printer.usb_vendor_id": translate("Maintenance", "USB vendor id"),
        "printer.usb_product_id": translate("Maintenance", "USB product id"),
        "printer.serial_port": translate("Maintenance", "Serial port"),
        "printer.path": translate("Maintenance", "Device file"),
        "scanner.kind": translate("Maintenance", "Scanner connection"),
        "scanner.port": translate("Maintenance", "Serial port"),
        "scanner.baudrate": translate("Maintenance", "Baud rate"),
    }
    return labels.get(key, key)


def _hint(key: str) -> str:
    hints = {
        "hours.weekly": translate(
            "Maintenance", "e.g. mon-fri 09:00-21:00; sat,sun 10:00-18:00 (empty: always open)"),
        "hours.exceptions": translate(
            "Maintenance", "e.g. 2026-10-01..2026-10-07 closed; 2026-12-24 10:00-16:00"),
        "ui.languages": "zh_CN,en_US",
        "receipt.e_receipt": translate(
            "Maintenance",
            "Off: paper is required; the kiosk goes out of service when the printer cannot print."),
    }
    return hints.get(key, "")


class SettingsPage(TechnicianPage):
    changed = Signal()
    serviceChanged = Signal()
    foldersChanged = Signal()

    def __init__(self, audit: Any, post: Any, parent: Any = None) -> None:
        super().__init__(audit, post, parent)
        self._section = "store"
        self._edits: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self._message = ""
        self._message_ok = True
        self._editor: SettingsEditor | None = None
        self._apply: Callable[[KioskConfig], None] | None = None
        self._service_state: ServiceStateViewModel | None = None
        self._exit: Callable[[], None] | None = None
        self._folders: list[ExportFolder] = []
        self._exporting = False
        self._export_message = ""
        self._service_message = ""
        self._model = RowsModel(FIELD_ROLES, lambda row, _language: dict(row), self)

    def bind_ui(self, apply_config: Callable[[KioskConfig], None], service_state: ServiceStateViewModel,
                exit_to_desktop: Callable[[], None]) -> None:
        self._apply = apply_config
        self._service_state = service_state
        self._exit = exit_to_desktop
        service_state.changed.connect(self.serviceChanged)

    def attach(self, services: Services) -> None:
        self._editor = SettingsEditor(overlay_path(services.config))
        super().attach(services)
        self._changed()

    def opened(self) -> None:
        self._edits.clear()
        self._errors.clear()
        self._set_message("")
        self._export_message = ""
        self._refresh_folders()
        self._changed()
        self.serviceChanged.emit()

    def retranslate(self) -> None:
        self._changed()  # labels, hints and notes are worded when the rows are built

    # -- sections and fields ------------------------------------------------------------------------

    @Property(list, notify=changed)
    def sections(self) -> list[dict[str, str]]:
        return [{"name": name, "label": label} for name, label, _ in _sections()]

    @Property(str, notify=changed)
    def section(self) -> str:
        return self._section

    @Slot(str)
    def showSection(self, name: str) -> None:
        if name != self._section and name in {s[0] for s in _sections()}:
            self._section = name
            self._changed()

    def _config(self) -> KioskConfig | None:
        return self.services.config if self.services is not None else None

    @Property(QObject, constant=True)
    def fields(self) -> RowsModel:
        """The current section's settings (a list model: a keystroke updates its row in place, so the
        field being typed in keeps its focus)."""
        return self._model

    def _changed(self) -> None:
        self._model.update_rows(self._rows())
        self.changed.emit()

    def _rows(self) -> list[dict[str, Any]]:
        config = self._config()
        if config is None:
            return []
        keys = next((keys for name, _, keys in _sections() if name == self._section), ())
        rows = []
        for key in keys:
            setting = SETTINGS[key]
            saved = as_text(value_of(config, key))
            locked = self._editor.env_locked(key) if self._editor is not None else ""
            rows.append({
                "key": key, "name": key.replace(".", "_"), "label": _label(key), "hint": _hint(key),
                "kind": setting.kind, "choices": list(setting.choices), "lo": setting.lo, "hi": setting.hi,
                "step": setting.step, "value": self._edits.get(key, saved),
                "edited": key in self._edits and self._edits[key] != saved,
                "error": self._errors.get(key, ""),
                "note": " ".join(part for part in (
                    _hint(key) if setting.kind == "toggle" else "",
                    translate("Maintenance", "Set by %1 in the environment: change it there.").replace(
                        "%1", locked) if locked
                    else "" if setting.live
                    else translate("Maintenance", "Applies at the next start.")) if part),
                "range": f"{setting.lo} – {setting.hi}" if setting.kind == "number" else "",
                "locked": bool(locked),
            })
        return rows

    @Property(int, notify=changed)
    def pendingCount(self) -> int:
        config = self._config()
        if config is None:
            return 0
        return sum(1 for key, text in self._edits.items() if text != as_text(value_of(config, key)))

    @Slot(str, str)
    def setValue(self, key: str, text: str) -> None:
        if key not in SETTINGS or self.services is None:
            return
        if self._edits.get(key) == text:
            return
        self._edits[key] = text
        self._errors.pop(key, None)
        self._changed()

    @Slot(str, int)
    def step(self, key: str, direction: int) -> None:
        """A stepper's − / +: moves a number by its step, kept within its range."""
        setting = SETTINGS.get(key)
        config = self._config()
        if setting is None or setting.kind != "number" or config is None:
            return
        current = self._edits.get(key, as_text(value_of(config, key)))
        try:
            value = int(current, 0)
        except ValueError:
            value = int(value_of(config, key))
        value = max(setting.lo, min(setting.hi, value + setting.step * (1 if direction > 0 else -1)))
        self.setValue(key, str(value))

    @Slot()
    def discard(self) -> None:
        self._edits.clear()
        self._errors.clear()
        self._set_message("")
        self._changed()

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._message

    @Property(bool, notify=changed)
    def messageOk(self) -> bool:
        return self._message_ok

    def _set_message(self, text: str, ok: bool = True) -> None:
        self._message, self._message_ok = text, ok

    @Slot()
    def save(self) -> None:
        config, editor = self._config(), self._editor
        if config is None or editor is None:
            return
        edits = {k: v for k, v in self._edits.items() if v != as_text(value_of(config, k))}
        if not edits:
            self._set_message(translate("Maintenance", "Nothing to save."))
            self._changed()
            return
        self._errors.clear()
        try:
            plan = editor.plan(config, edits)
            editor.save(plan)
        except ConfigError as exc:
            key = exc.key if exc.key in SETTINGS else next(iter(edits))
            why = (translate("Maintenance", "Not saved: %1 must be %2.")
                   .replace("%1", _label(key)).replace("%2", exc.allowed))
            self._errors[key] = why
            if key not in next((keys for name, _, keys in _sections() if name == self._section), ()):
                self._section = next(name for name, _, keys in _sections() if key in keys)
            self._set_message(why, ok=False)
            log.warning("settings not saved: %s", exc)
            self.audit("settings.change", REFUSED, subject=exc.key[:64], detail=exc.allowed[:500])
            self._changed()
            return
        except OSError as exc:
            self._set_message(translate("Maintenance",
                                        "Not saved: the settings file could not be written (%1).")
                              .replace("%1", exc.strerror or type(exc).__name__), ok=False)
            log.exception("writing the settings overlay failed")
            self.audit("settings.change", FAILED, detail=type(exc).__name__)
            self._changed()
            return
        for change in plan.changes:
            self.audit("settings.change", OK, subject=change.key, detail=f"{change.old} -> {change.new}")
        if self._apply is not None:
            self._apply(plan.live_config)
        self._edits.clear()
        now = [_label(c.key) for c in plan.changes if c.live]
        later = [_label(c.key) for c in plan.changes if not c.live]
        parts = []
        if now:
            parts.append(translate("Maintenance", "Saved and applied now: %1.").replace("%1", ", ".join(now)))
        if later:
            parts.append(translate("Maintenance", "Saved; applies at the next start: %1.")
                         .replace("%1", ", ".join(later)))
        self._set_message(" ".join(parts) or translate("Maintenance", "Nothing to save."))
        self._changed()

    # -- out of service ------------------------------------------------------------------------------

    @Property(bool, notify=serviceChanged)
    def outOfService(self) -> bool:
        return self._service_state is not None and self._service_state.hold.on

    @Property(str, notify=serviceChanged)
    def outOfServiceReason(self) -> str:
        return self._service_state.hold.reason if self._service_state is not None else ""

    @Property(str, notify=serviceChanged)
    def serviceState(self) -> str:
        """What shoppers get now: open, closed or outOfService."""
        return str(self._service_state.property("state")) if self._service_state is not None else ""

    @Property(str, notify=serviceChanged)
    def serviceMessage(self) -> str:
        return self._service_message

    @Property(int, constant=True)
    def reasonMaxLength(self) -> int:
        return REASON_MAX

    @Slot(bool, str)
    def setOutOfService(self, on: bool, reason: str) -> None:
        if self._service_state is None:
            return
        reason = reason.strip()[:REASON_MAX] if on else ""
        try:
            self._service_state.set_hold(on, reason)
        except Exception as exc:
            log.exception("the out-of-service switch could not be saved")
            self._service_message = translate("Maintenance", "Not changed: %1").replace(
                "%1", type(exc).__name__)
            self.audit("service.out_of_service", FAILED, detail=type(exc).__name__)
        else:
            if on:
                self._service_message = translate(
                    "Maintenance",
                    "Out of service: shoppers see the out-of-service screen until you switch it back.")
            else:
                self._service_message = translate("Maintenance", "Back in service.")
            # the reason is the technician's own words about the kiosk, never a shopper's
            self.audit("service.out_of_service", OK, subject="on" if on else "off", detail=reason)
        self.serviceChanged.emit()

    # -- tools: diagnostic bundle, exit ---------------------------------------------------------------

    def _refresh_folders(self) -> None:
        if self.services is None:
            return
        try:
            self._folders = export_folders(self.services.paths.exports)
        except OSError:
            log.exception("listing export folders failed")
            self._folders = []
        self.foldersChanged.emit()

    @Property(list, notify=foldersChanged)
    def folders(self) -> list[dict[str, Any]]:
        return [{"label": f.label, "removable": f.removable} for f in self._folders]

    @Property(str, notify=foldersChanged)
    def exportMessage(self) -> str:
        return self._export_message

    @Property(bool, notify=foldersChanged)
    def exporting(self) -> bool:
        return self._exporting

    @Slot()
    def refreshFolders(self) -> None:
        self._refresh_folders()

    @Slot(int)
    def exportDiagnostics(self, index: int) -> None:
        services = self.services
        if services is None or self._exporting or not 0 <= index < len(self._folders):
            return
        folder = self._folders[index]
        ui_versions = {"qt": qVersion(), "pyside6": PySide6.__version__}
        self._exporting = True
        self._export_message = translate("Maintenance", "Writing the diagnostic bundle…")
        self.foldersChanged.emit()

        def work() -> None:  # the logs may be large and a USB stick slow: off the GUI thread
            from kiosk.technician.diagnostics import write_bundle

            try:
                path = write_bundle(services, folder.path, ui_versions=ui_versions)
            except Exception as exc:
                log.exception("the diagnostic bundle could not be written to %s", folder.path)
                error = exc
                self._post(lambda: self._exported(folder, None, error))
            else:
                self._post(lambda: self._exported(folder, path, None))

        threading.Thread(target=work, name="diagnostics", daemon=True).start()

    def _exported(self, folder: ExportFolder, path: Path | None, error: Exception | None) -> None:
        self._exporting = False
        if path is not None:
            self._export_message = (translate("Maintenance", "Written to %1: %2").replace("%1", folder.label)
                                    .replace("%2", path.name))
            self.audit("diagnostics.export", OK, subject=folder.label[:64], detail=path.name)
        else:
            why = getattr(error, "strerror", None) or type(error).__name__
            self._export_message = translate("Maintenance", "Not written to %1 (%2). Try another folder.") \
                .replace("%1", folder.label).replace("%2", str(why))
            self.audit("diagnostics.export", FAILED, subject=folder.label[:64], detail=type(error).__name__)
        self.foldersChanged.emit()

    @Slot()
    def exitToDesktop(self) -> None:
        """Confirmed on the page: the kiosk app ends (exit code 0); the desktop is underneath."""
        self.audit("maintenance.exit_to_desktop")
        if self._exit is not None:
            self._exit()
