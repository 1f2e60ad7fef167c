"""The technician's devices page: printer, scanner and QR display (status, test print, live scans,
reconnect, connection settings).

The page's jobs live in kiosk/technician/devices.py; this view-model words them for the screen and
hands device work to the device threads (every call returns at once; results come back through
`self._post`). Scans are kept only while the area is open, and forgotten when it locks.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
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


CONTEXT = "Maintenance"

# the words for each key of kiosk/technician/devices.py, marked for lupdate, translated when shown
STATES = {
    "ready": QT_TRANSLATE_NOOP("Maintenance", "Ready"),
    "busy": QT_TRANSLATE_NOOP("Maintenance", "Printing"),
    "warning": QT_TRANSLATE_NOOP("Maintenance", "Needs a look"),
    "error": QT_TRANSLATE_NOOP("Maintenance", "Not working"),
    "disconnected": QT_TRANSLATE_NOOP("Maintenance", "Not connected"),
    "connecting": QT_TRANSLATE_NOOP("Maintenance", "Connecting"),
    "none": QT_TRANSLATE_NOOP("Maintenance", "Not configured"),
}
DETAILS = {
    "paper_near_end": QT_TRANSLATE_NOOP("Maintenance", "Paper near end"),
    "paper_out": QT_TRANSLATE_NOOP("Maintenance", "Paper out"),
    "cover_open": QT_TRANSLATE_NOOP("Maintenance", "Cover open"),
    "cutter_error": QT_TRANSLATE_NOOP("Maintenance", "Cutter error"),
    "offline": QT_TRANSLATE_NOOP("Maintenance", "Offline"),
    "recoverable_error": QT_TRANSLATE_NOOP("Maintenance", "Printer error (clears by itself)"),
    "unrecoverable_error": QT_TRANSLATE_NOOP("Maintenance", "Printer fault (needs service)"),
    "unknown": QT_TRANSLATE_NOOP("Maintenance", "Status unknown"),
}
# what each state means for the shopper, in plain words
EFFECTS = {
    Effect.RECEIPT_ON_PAPER: QT_TRANSLATE_NOOP("Maintenance", "Receipts print on paper."),
    Effect.PAPER_LOW: QT_TRANSLATE_NOOP("Maintenance", "Receipts still print; change the paper roll soon."),
    Effect.RECEIPT_UNCHECKED: QT_TRANSLATE_NOOP(
        "Maintenance", "Receipts are sent but cannot be checked: the shopper also gets the receipt on "
        "their phone."),
    Effect.RECEIPT_ON_PHONE: QT_TRANSLATE_NOOP("Maintenance", "Receipts go to the shopper's phone."),
    Effect.RECEIPT_ON_PHONE_FOR_NOW: QT_TRANSLATE_NOOP(
        "Maintenance", "Receipts go to the shopper's phone until the printer is ready."),
    Effect.NO_PRINTER: QT_TRANSLATE_NOOP(
        "Maintenance", "No printer is configured: every receipt goes to the shopper's phone."),
    Effect.SCANNING_WORKS: QT_TRANSLATE_NOOP("Maintenance", "Shoppers can scan products."),
    Effect.SCANNING_OFF: QT_TRANSLATE_NOOP(
        "Maintenance", "Scanning does nothing: shoppers find products by touch and search."),
    Effect.SCANNING_FOR_NOW_OFF: QT_TRANSLATE_NOOP(
        "Maintenance", "Scanning is off until the scanner is back: shoppers find products by touch and "
        "search."),
    Effect.NO_SCANNER: QT_TRANSLATE_NOOP(
        "Maintenance", "No scanner is configured: shoppers find products by touch and search."),
}
KINDS = {
    "sim": QT_TRANSLATE_NOOP("Maintenance", "Simulator (demo)"),
    "network": QT_TRANSLATE_NOOP("Maintenance", "Network"),
    "usb": "USB",
    "serial": QT_TRANSLATE_NOOP("Maintenance", "Serial"),
    "file": QT_TRANSLATE_NOOP("Maintenance", "File"),
    "wedge": QT_TRANSLATE_NOOP("Maintenance", "Keyboard wedge"),
    "none": QT_TRANSLATE_NOOP("Maintenance", "Not configured"),
}
FIELDS = {
    "kind": QT_TRANSLATE_NOOP("Maintenance", "Connection"),
    "address": QT_TRANSLATE_NOOP("Maintenance", "Address"),
    "usb": QT_TRANSLATE_NOOP("Maintenance", "USB vendor:product"),
    "serial": QT_TRANSLATE_NOOP("Maintenance", "Serial port"),
    "file": QT_TRANSLATE_NOOP("Maintenance", "File"),
    "paper": QT_TRANSLATE_NOOP("Maintenance", "Paper width"),
    "timeout": QT_TRANSLATE_NOOP("Maintenance", "Timeout"),
}


def _shown(table: Mapping[Any, object], key: Any, fallback: str = "") -> str:
    text = table.get(key)  # QT_TRANSLATE_NOOP gives back its text (typed as object)
    return QCoreApplication.translate(CONTEXT, str(text)) if text else fallback


def state_text(state: str) -> str:
    return _shown(STATES, state, state)


def detail_text(detail: str) -> str:
    return _shown(DETAILS, detail, detail)


def effect_text(effect: Effect) -> str:
    return _shown(EFFECTS, effect)


def headline(summary: DeviceSummary) -> str:
    """"Paper out" when a detail says why, else the state: the card's first line."""
    if summary.details:
        return ", ".join(detail_text(d) for d in summary.details)
    return state_text(summary.state)


# the page's own sentences; %1 is filled in when shown
MESSAGES = {
    "qr_second": QT_TRANSLATE_NOOP("Maintenance", "Customer display (screen %1)"),
    "qr_second_text": QT_TRANSLATE_NOOP("Maintenance", "The payment QR shows on the customer display."),
    "qr_missing": QT_TRANSLATE_NOOP("Maintenance", "Customer display (screen %1): not found"),
    "qr_missing_text": QT_TRANSLATE_NOOP("Maintenance", "The payment QR shows on the kiosk screen instead."),
    "qr_onscreen": QT_TRANSLATE_NOOP("Maintenance", "On the kiosk screen"),
    "qr_onscreen_text": QT_TRANSLATE_NOOP("Maintenance", "The payment QR shows in the payment screen."),
    "no_store": QT_TRANSLATE_NOOP("Maintenance", "Paying is not possible yet: the store is not connected."),
    "printing": QT_TRANSLATE_NOOP("Maintenance", "Printing the test page…"),
    "printed": QT_TRANSLATE_NOOP("Maintenance", "Test page printed."),
    "unconfirmed": QT_TRANSLATE_NOOP(
        "Maintenance", "Test page sent, but the printer did not confirm it: look at the paper."),
    "not_printed": QT_TRANSLATE_NOOP("Maintenance", "Not printed: %1."),
    "interrupted": QT_TRANSLATE_NOOP("Maintenance", "Printing stopped part way: %1."),
    "failed": QT_TRANSLATE_NOOP("Maintenance", "Not printed: the printer could not take the job (%1)."),
    "no_printer": QT_TRANSLATE_NOOP("Maintenance", "Not printed: no printer is configured."),
    "reconnected": QT_TRANSLATE_NOOP("Maintenance", "Reconnected: %1."),
    "not_reconnected": QT_TRANSLATE_NOOP("Maintenance", "Could not reconnect: %1."),
}


def _say(key: str, arg: str = "") -> str:
    return QCoreApplication.translate(CONTEXT, str(MESSAGES[key])).replace("%1", arg)


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
        self._print_note: tuple[str, str] | None = None  # a message key and its %1, when no result came
        self._reconnecting: set[str] = set()
        # device → the summary the reconnect ended in, or why it could not run
        self._reconnected: dict[str, DeviceSummary | str] = {}

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
        self._print_result, self._print_note = None, None
        self._reconnected.clear()
        self.changed.emit()

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        if topic == "device.status":
            summary = summary_from_event(data)
            if summary.device in (PRINTER, SCANNER):
                self._summaries[summary.device] = summary
                self.changed.emit()
        elif topic == "device.scan" and self._open:
            # the store's clock, like the test page, the orders and the log
            zone = store_timezone(self.services.config.identity) if self.services is not None else None
            self._scans.add(scan_row(data, dt.datetime.now(zone)))

    @Slot()
    def retranslate(self) -> None:
        """The language changed: every text here is worded anew."""
        self.changed.emit()

    # --- the device cards -------------------------------------------------------------------------

    def _reconnect_text(self, device: str) -> tuple[bool, str]:
        outcome = self._reconnected.get(device)
        if outcome is None:
            return True, ""
        if isinstance(outcome, str):
            return False, _say("not_reconnected", outcome)
        if outcome.state in ("ready", "busy", "warning"):
            return True, _say("reconnected", headline(outcome))
        return False, _say("not_reconnected", headline(outcome))  # the adapter's reason is on the card

    def _card(self, device: str) -> dict[str, Any]:
        summary = self._summaries.get(device)
        if summary is None:
            return {"configured": False, "state": "", "level": "off", "headline": "", "effect": "",
                    "message": "", "reconnecting": False, "reconnectText": "", "reconnectOk": True}
        usable, text = self._reconnect_text(device)
        return {
            "configured": summary.state != "none", "state": summary.state, "level": summary.level.value,
            "headline": headline(summary), "stateText": state_text(summary.state),
            "effect": effect_text(summary.effect),
            # the adapter's words explain a problem; when all is well they only repeat the connection
            "message": summary.message[:200] if summary.level is not Level.OK else "",
            "reconnecting": device in self._reconnecting, "reconnectText": text, "reconnectOk": usable,
        }

    @Property(dict, notify=changed)
    def printer(self) -> dict[str, Any]:
        return self._card(PRINTER)

    @Property(dict, notify=changed)
    def scanner(self) -> dict[str, Any]:
        return self._card(SCANNER)

    @staticmethod
    def _rows(rows: list[tuple[str, str]]) -> list[dict[str, str]]:
        return [{"label": _shown(FIELDS, key, key),
                 "value": _shown(KINDS, value, value) if key == "kind" else value} for key, value in rows]

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
            return {"mode": "", "available": False, "secondScreen": False, "text": ""}
        settings = self.services.config.qr_display
        screen = customer_screen(settings)
        if settings.mode == "second_screen":
            found = screen is not None
            mode = _say("qr_second" if found else "qr_missing", str(settings.screen))
            text = _say("qr_second_text" if found else "qr_missing_text")
        else:
            mode, text = _say("qr_onscreen"), _say("qr_onscreen_text")
        available = self.services.payments is not None
        if not available:
            text += " " + _say("no_store")
        return {"mode": mode, "available": available, "secondScreen": screen is not None, "text": text}

    # --- test print -------------------------------------------------------------------------------

    @Property(bool, notify=changed)
    def testPrinting(self) -> bool:
        return self._printing

    @Property(str, notify=changed)
    def testPrintText(self) -> str:
        if self._printing:
            return _say("printing")
        if self._print_note is not None:
            return _say(*self._print_note)
        result = self._print_result
        if result is None:
            return ""
        why = ", ".join(detail_text(d) for d in result.details) or state_text(result.state) or result.message
        texts = {PrintTestOutcome.PRINTED: ("printed", ""), PrintTestOutcome.UNCONFIRMED: ("unconfirmed", ""),
                 PrintTestOutcome.NOT_PRINTED: ("not_printed", why),
                 PrintTestOutcome.INTERRUPTED: ("interrupted", why)}
        return _say(*texts.get(result.outcome, ("failed", result.message[:200])))

    @Property(str, notify=changed)
    def testPrintOutcome(self) -> str:
        """"" (none yet), "printing", "failed" or a PrintTestOutcome value."""
        if self._printing:
            return "printing"
        if self._print_note is not None:
            return "failed"
        return self._print_result.outcome.value if self._print_result is not None else ""

    @Slot()
    def testPrint(self) -> None:
        if self.desk is None or self.desk.printer is None:
            self.audit("devices.test_print", REFUSED, PRINTER, "no printer configured")
            self._print_result, self._print_note = None, ("no_printer", "")
            self.changed.emit()
            return
        if self._printing:
            self.audit("devices.test_print", REFUSED, PRINTER, "a test page is already printing")
            return
        self._printing, self._print_result, self._print_note = True, None, None
        self.changed.emit()
        job_id, future = self.desk.test_print()  # queued on the printer's own thread
        log.info("technician test print %s queued", job_id)
        future.add_done_callback(lambda f: self._post(lambda: self._printed(job_id, f)))

    def _printed(self, job_id: str, future: Future[PrintTestResult]) -> None:
        self._printing = False
        error = future.exception()
        if error is not None:
            why = str(error)[:200] or type(error).__name__
            log.error("test print %s failed: %s", job_id, why)
            self._print_note = ("failed", why)
            self.audit("devices.test_print", FAILED, PRINTER, f"{job_id}: {why}")
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
        self._reconnected.pop(device, None)
        self.changed.emit()
        log.info("technician: reconnect %s", device)
        future = self.desk.reconnect(device)  # closes and reopens on the device's own thread
        future.add_done_callback(lambda f: self._post(lambda: self._reconnect_done(device, f)))

    def _reconnect_done(self, device: str, future: Future[DeviceSummary]) -> None:
        self._reconnecting.discard(device)
        error = future.exception()
        if error is not None:
            why = str(error)[:200] or type(error).__name__
            log.error("reconnecting the %s failed: %s", device, why)
            self._reconnected[device] = why
            self.audit("devices.reconnect", FAILED, device, why)
        else:
            summary = future.result()
            self._reconnected[device] = summary
            usable = summary.state in ("ready", "busy", "warning")
            (log.info if usable else log.warning)("reconnect %s: %s %s", device, summary.state,
                                                  summary.message)
            self.audit("devices.reconnect", OK if usable else FAILED, device,
                       f"{summary.state} {','.join(summary.details)}".strip())
        self.changed.emit()

    # --- live scans -------------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def scans(self) -> ScanListModel:
        return self._scans
