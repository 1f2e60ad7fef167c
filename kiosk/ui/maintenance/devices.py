"""The technician's devices page: printer, scanner and QR display (status, test print, live scans,
reconnect, connection settings).

The page's jobs live in kiosk/technician/devices.py; this view-model words them for the screen and
hands device work to the device threads (every call returns at once; results come back through
`self._post`). Scans are kept only while the area is open, and forgotten when it locks.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from kiosk.audit import FAILED, OK, REFUSED
from kiosk.config import store_timezone
from kiosk.devices.receipt import PaperProfile
from kiosk.services import Services
from kiosk.technician.devices import (
    PRINTER,
    SCANNER,
    SCANS_KEPT,
    DeviceDesk,
    DeviceSummary,
    Effect,
    Level,
    PrintTestOutcome,
    PrintTestResult,
    ScanRow,
    printer_connection,
    scan_row,
    scanner_connection,
    summary_from_event,
)
from kiosk.ui.maintenance.page import Audit, Post, TechnicianPage

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("Maintenance", text)


def state_text(state: str) -> str:
    texts = {
        "ready": _tr("Ready"), "busy": _tr("Printing"), "warning": _tr("Needs a look"),
        "error": _tr("Not working"), "disconnected": _tr("Not connected"), "connecting": _tr("Connecting"),
        "none": _tr("Not configured"),
    }
    return texts.get(state, state)


def detail_text(detail: str) -> str:
    texts = {
        "paper_near_end": _tr("Paper near end"), "paper_out": _tr("Paper out"),
        "cover_open": _tr("Cover open"),
        "cutter_error": _tr("Cutter error"), "offline": _tr("Offline"),
        "recoverable_error": _tr("Printer error (clears by itself)"),
        "unrecoverable_error": _tr("Printer fault (needs service)"), "unknown": _tr("Status unknown"),
    }
    return texts.get(detail, detail)


def effect_text(effect: Effect) -> str:
    """What the state means for the shopper, in plain words."""
    texts = {
        Effect.RECEIPT_ON_PAPER: _tr("Receipts print on paper."),
        Effect.PAPER_LOW: _tr("Receipts still print; change the paper roll soon."),
        Effect.RECEIPT_UNCHECKED: _tr("Receipts are sent but cannot be checked: the shopper also gets the "
                                      "receipt on their phone."),
        Effect.RECEIPT_ON_PHONE: _tr("Receipts go to the shopper's phone."),
        Effect.RECEIPT_ON_PHONE_FOR_NOW: _tr("Receipts go to the shopper's phone until the printer is "
                                             "ready."),
        Effect.NO_PRINTER: _tr("No printer is configured: every receipt goes to the shopper's phone."),
        Effect.SCANNING_WORKS: _tr("Shoppers can scan products."),
        Effect.SCANNING_OFF: _tr("Scanning does nothing: shoppers find products by touch and search."),
        Effect.SCANNING_FOR_NOW_OFF: _tr("Scanning is off until the scanner is back: shoppers find products "
                                         "by touch and search."),
        Effect.NO_SCANNER: _tr("No scanner is configured: shoppers find products by touch and search."),
    }
    return texts[effect]


def headline(summary: DeviceSummary) -> str:
    """"Paper out" when a detail says why, else the state: the card's first line."""
    if summary.details:
        return ", ".join(detail_text(d) for d in summary.details)
    return state_text(summary.state)


def kind_text(kind: str) -> str:
    texts = {"sim": _tr("Simulator (demo)"), "network": _tr("Network"), "usb": "USB", "serial": _tr("Serial"),
             "file": _tr("File"), "wedge": _tr("Keyboard wedge"), "none": _tr("Not configured")}
    return texts.get(kind, kind)


def field_text(key: str) -> str:
    texts = {"kind": _tr("Connection"), "address": _tr("Address"), "usb": _tr("USB vendor:product"),
             "serial": _tr("Serial port"), "file": _tr("File"), "paper": _tr("Paper width"),
             "timeout": _tr("Timeout")}
    return texts.get(key, key)


class ScanListModel(QAbstractListModel):
    """The last scans, newest first."""

    ROLES = ("at", "raw", "symbology", "aim", "kind", "parsed", "ok", "error")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ScanRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {Qt.ItemDataRole.UserRole + i: QByteArray(name.encode()) for i, name in enumerate(self.ROLES)}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        offset = role - Qt.ItemDataRole.UserRole
        if 0 <= offset < len(self.ROLES):
            return getattr(self._rows[index.row()], self.ROLES[offset])
        return None

    def add(self, row: ScanRow) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()
        if len(self._rows) > SCANS_KEPT:
            self.beginRemoveRows(QModelIndex(), SCANS_KEPT, len(self._rows) - 1)
            del self._rows[SCANS_KEPT:]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def row(self, i: int) -> ScanRow:
        return self._rows[i]


class DevicesPage(TechnicianPage):
    changed = Signal()

    def __init__(self, audit: Audit, post: Post, parent: QObject | None = None) -> None:
        super().__init__(audit, post, parent)
        self.desk: DeviceDesk | None = None
        self._summaries: dict[str, DeviceSummary] = {}
        self._open = False  # the technician area is open: scans are kept
        self._scans = ScanListModel(self)
        self._printing = False
        self._print_result: PrintTestResult | None = None
        self._print_error = ""
        self._reconnecting: set[str] = set()
        self._reconnect_result: dict[str, tuple[bool, str]] = {}  # device → (usable, text)

    # --- life -------------------------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        devices = services.devices
        identity = services.config.identity
        zone = store_timezone(identity)
        self.desk = DeviceDesk(
            devices.printer if devices else None, devices.scanner if devices else None,
            PaperProfile(services.config.printer.paper_width_mm), store_name=identity.store_name,
            store_name_en=identity.store_name_en, device_name=identity.device_name,
            now=lambda: dt.datetime.now(zone))
        self._refresh()
        super().attach(services)

    def _refresh(self) -> None:
        if self.desk is not None:
            self._summaries = {name: self.desk.summary(name) for name in (PRINTER, SCANNER)}
        self.changed.emit()

    def opened(self) -> None:
        self._open = True
        self._refresh()

    def locked(self) -> None:
        self._open = False
        self._scans.clear()
        self._print_result, self._print_error = None, ""
        self._reconnect_result.clear()
        self.changed.emit()

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        if topic == "device.status":
            summary = summary_from_event(data)
            if summary.device in (PRINTER, SCANNER):
                self._summaries[summary.device] = summary
                self.changed.emit()
        elif topic == "device.scan" and self._open:
            self._scans.add(scan_row(data, dt.datetime.now()))

    @Slot()
    def retranslate(self) -> None:
        """The language changed: every text here is worded anew."""
        self.changed.emit()

    # --- the device cards -------------------------------------------------------------------------

    def _card(self, device: str) -> dict[str, Any]:
        summary = self._summaries.get(device)
        if summary is None:
            return {"configured": False, "state": "", "level": "off", "headline": "", "effect": "",
                    "message": "", "reconnecting": False, "reconnectText": "", "reconnectOk": True}
        usable, text = self._reconnect_result.get(device, (True, ""))
        return {
            "configured": summary.state != "none", "state": summary.state, "level": summary.level.value,
            "headline": headline(summary), "stateText": state_text(summary.state),
            # the adapter's words explain a problem; when all is well they only repeat the connection
            "effect": effect_text(summary.effect),
            "message": summary.message[:200] if summary.level is not Level.OK else "",
            "reconnecting": device in self._reconnecting, "reconnectText": text, "reconnectOk": usable,
        }

    @Property(dict, notify=changed)
    def printer(self) -> dict[str, Any]:
        return self._card(PRINTER)

    @Property(dict, notify=changed)
    def scanner(self) -> dict[str, Any]:
        return self._card(SCANNER)

    def _rows(self, rows: list[tuple[str, str]]) -> list[dict[str, str]]:
        return [{"label": field_text(key), "value": kind_text(value) if key == "kind" else value}
                for key, value in rows]

    @Property(list, notify=changed)
    def printerConnection(self) -> list[dict[str, str]]:
        if self.services is None:
            return []
        devices = self.services.devices
        fake = devices.fake_printer if devices is not None else None
        return self._rows(printer_connection(self.services.config.printer, fake.address if fake else None))

    @Property(list, notify=changed)
    def scannerConnection(self) -> list[dict[str, str]]:
        if self.services is None:
            return []
        devices = self.services.devices
        pty = devices.pty_scanner if devices is not None else None
        return self._rows(scanner_connection(self.services.config.scanner, pty.path if pty else None))

    @Property(dict, notify=changed)
    def qrDisplay(self) -> dict[str, Any]:
        """Where the payment QR shows, and whether a shopper can pay now."""
        from kiosk.ui.qr_display import customer_screen  # Qt's screens: read when shown, not at import

        if self.services is None:
            return {"mode": "", "available": False, "text": ""}
        settings = self.services.config.qr_display
        screen = customer_screen(settings)
        if settings.mode == "second_screen" and screen is not None:
            mode = _tr("Customer display (screen %1)").replace("%1", str(settings.screen))
            text = _tr("The payment QR shows on the customer display.")
        elif settings.mode == "second_screen":
            mode = _tr("Customer display (screen %1): not found").replace("%1", str(settings.screen))
            text = _tr("The payment QR shows on the kiosk screen instead.")
        else:
            mode = _tr("On the kiosk screen")
            text = _tr("The payment QR shows in the payment screen.")
        available = self.services.payments is not None
        if not available:
            text += " " + _tr("Paying is not possible yet: the store is not connected.")
        return {"mode": mode, "available": available, "secondScreen": screen is not None, "text": text}

    # --- test print -------------------------------------------------------------------------------

    @Property(bool, notify=changed)
    def testPrinting(self) -> bool:
        return self._printing

    @Property(str, notify=changed)
    def testPrintText(self) -> str:
        if self._printing:
            return _tr("Printing the test page…")
        if self._print_error:
            return _tr("Not printed: %1").replace("%1", self._print_error)
        result = self._print_result
        if result is None:
            return ""
        why = ", ".join(detail_text(d) for d in result.details) or state_text(result.state) or result.message
        if result.outcome is PrintTestOutcome.PRINTED:
            return _tr("Test page printed.")
        if result.outcome is PrintTestOutcome.UNCONFIRMED:
            return _tr("Test page sent, but the printer did not confirm it: look at the paper.")
        if result.outcome is PrintTestOutcome.NOT_PRINTED:
            return _tr("Not printed: %1.").replace("%1", why)
        if result.outcome is PrintTestOutcome.INTERRUPTED:
            return _tr("Printing stopped part way: %1.").replace("%1", why)
        return _tr("Not printed: the printer could not take the job (%1).").replace(
            "%1", result.message[:200])

    @Property(str, notify=changed)
    def testPrintOutcome(self) -> str:
        """"" (none yet), "printing", "failed" or a PrintTestOutcome value."""
        if self._printing:
            return "printing"
        if self._print_error:
            return "failed"
        return self._print_result.outcome.value if self._print_result is not None else ""

    @Slot()
    def testPrint(self) -> None:
        if self.desk is None or self.desk.printer is None:
            self.audit("devices.test_print", REFUSED, PRINTER, "no printer configured")
            self._print_result, self._print_error = None, _tr("no printer is configured.")
            self.changed.emit()
            return
        if self._printing:
            self.audit("devices.test_print", REFUSED, PRINTER, "a test page is already printing")
            return
        self._printing, self._print_result, self._print_error = True, None, ""
        self.changed.emit()
        job_id, future = self.desk.test_print()  # queued on the printer's own thread
        log.info("technician test print %s queued", job_id)
        future.add_done_callback(lambda f: self._post(lambda: self._printed(job_id, f)))

    def _printed(self, job_id: str, future: Future[PrintTestResult]) -> None:
        self._printing = False
        error = future.exception()
        if error is not None:
            log.error("test print %s failed: %s", job_id, error)
            self._print_error = str(error)[:200] or type(error).__name__
            self.audit("devices.test_print", FAILED, PRINTER, f"{job_id}: {self._print_error}")
        else:
            result = future.result()
            self._print_result = result
            detail = f"{job_id}: {result.outcome.value} {','.join(result.details)} {result.message}".strip()
            (log.info if result.ok else log.warning)("test print %s", detail)
            self.audit("devices.test_print", OK if result.ok else FAILED, PRINTER, detail)
        self.changed.emit()

    # --- reconnect --------------------------------------------------------------------------------

    @Slot(str)
    def reconnect(self, device: str) -> None:
        if self.desk is None or device not in (PRINTER, SCANNER) or self.desk.device(device) is None:
            self.audit("devices.reconnect", REFUSED, device[:16], "no such device configured")
            return
        if device in self._reconnecting:
            self.audit("devices.reconnect", REFUSED, device, "already reconnecting")
            return
        self._reconnecting.add(device)
        self._reconnect_result.pop(device, None)
        self.changed.emit()
        log.info("technician: reconnect %s", device)
        future = self.desk.reconnect(device)  # closes and reopens on the device's own thread
        future.add_done_callback(lambda f: self._post(lambda: self._reconnected(device, f)))

    def _reconnected(self, device: str, future: Future[DeviceSummary]) -> None:
        self._reconnecting.discard(device)
        error = future.exception()
        if error is not None:
            log.error("reconnecting the %s failed: %s", device, error)
            self._reconnect_result[device] = (False, _tr("Could not reconnect: %1").replace(
                "%1", str(error)[:200] or type(error).__name__))
            self.audit("devices.reconnect", FAILED, device, str(error)[:200])
        else:
            summary = future.result()
            usable = summary.state in ("ready", "busy", "warning")
            if usable:
                text = _tr("Reconnected: %1.").replace("%1", headline(summary))
            else:
                text = _tr("Could not reconnect: %1.").replace(
                    "%1", headline(summary) + (f" ({summary.message[:120]})" if summary.message else ""))
            self._reconnect_result[device] = (usable, text)
            (log.info if usable else log.warning)("reconnect %s: %s %s", device, summary.state,
                                                  summary.message)
            self.audit("devices.reconnect", OK if usable else FAILED, device,
                       f"{summary.state} {','.join(summary.details)}".strip())
        self.changed.emit()

    # --- live scans -------------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def scans(self) -> ScanListModel:
        return self._scans
