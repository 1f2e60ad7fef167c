"""The shopper's receipt: on paper, or on their phone as the store's order page (the e-receipt QR).

Paper is the default while the printer can print (config `receipt.default = "phone"` shows the QR
first), and the shopper may ask for the QR instead (unless `receipt.e_receipt` is off). The QR
shows by itself when no paper receipt came out for sure (refused, interrupted, unverified, already
sent once, or no outcome from a printer that exists) and when the printer was known not to print before
the shopper paid (paper out, cover open, offline): they are told so on the way to paying.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

if TYPE_CHECKING:
    from kiosk.devices.qr import QrMatrix

log = logging.getLogger(__name__)

PRINTER = "printer"  # the device name in "device.status" events and Services.device_states
PRINTED = "printed"  # kiosk.devices.ports.JobOutcome.PRINTED: the one outcome that is paper in hand
UNVERIFIED = "unverified"
# kiosk.devices.status: what stops a receipt coming out (a printer with these refuses the job)
WONT_PRINT_STATES = frozenset({"error", "disconnected"})
WONT_PRINT_DETAILS = frozenset({"paper_out", "cover_open", "offline", "cutter_error", "recoverable_error",
                                "unrecoverable_error"})


class CodeImage(QObject):
    """A QR code for KioskDevices/QrCode.qml to paint crisp (as the payment QR's view does)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._payload = ""
        self._matrix: QrMatrix | None = None
        self._revision = 0
        self._urls: dict[int, str] = {}

    def set_payload(self, payload: str) -> None:
        if payload == self._payload:
            return
        from kiosk.devices.qr import build_qr  # the encoder loads with the first code, not at start-up

        self._payload = payload
        self._matrix = build_qr(payload) if payload else None
        self._revision += 1
        self._urls.clear()
        self.changed.emit()

    @Property(bool, notify=changed)
    def active(self) -> bool:
        return self._matrix is not None

    @Property(str, notify=changed)
    def payload(self) -> str:
        return self._payload

    @Property(int, notify=changed)
    def revision(self) -> int:
        return self._revision

    @Property(int, notify=changed)
    def moduleCount(self) -> int:
        return self._matrix.size if self._matrix is not None else 0

    @Slot(int, result=str)
    def imageUrl(self, scale: int) -> str:
        """The code at `scale` whole pixels per module, quiet zone included ("" when none)."""
        from kiosk.ui.qr_display import scaled_image_url

        return scaled_image_url(self._matrix, scale, self._urls)


class ReceiptViewModel(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._printer_present = False
        self._printer_state = ""
        self._printer_details: frozenset[str] = frozenset()
        self._order_page = ""
        self._outcome: str | None = None
        self._pending = False
        self._printer_out_at_payment = False
        self._out_details: frozenset[str] = frozenset()  # why it would not print, when the shopper paid
        self._choice: bool | None = None  # the shopper's: True = on the phone; None = the default
        self._default_phone = False  # receipt.default == "phone"
        self._e_receipt = True  # receipt.e_receipt: the shopper may choose the QR
        self._code = CodeImage(self)

    # --- the printer ----------------------------------------------------------------------------

    def set_policy(self, default: str, e_receipt: bool) -> None:
        """The config's receipt default ("paper" or "phone") and whether the QR is offered as a choice.
        Without the e-receipt the QR still shows when no paper came out: a paid order always has one."""
        self._default_phone, self._e_receipt = default == "phone" and e_receipt, e_receipt
        self.changed.emit()

    def set_printer_present(self, present: bool) -> None:
        self._printer_present = present
        self.changed.emit()

    def printer_status(self, state: str, details: Iterable[str]) -> None:
        """A "device.status" report of the printer (state and details as kiosk.devices.status names them)."""
        state, found = state.lower(), frozenset(d.lower() for d in details if d)
        if (state, found) == (self._printer_state, self._printer_details):
            return
        self._printer_state, self._printer_details = state, found
        log.info("receipt printer: %s %s", state, ",".join(sorted(found)))
        self.changed.emit()

    def _printer_problem(self) -> bool:
        return self._printer_present and (self._printer_state in WONT_PRINT_STATES
                                          or bool(self._printer_details & WONT_PRINT_DETAILS))

    @Property(bool, notify=changed)
    def printerProblem(self) -> bool:
        """The printer is known not to print now: the shopper is told before paying."""
        return self._printer_problem()

    @Property(str, notify=changed)
    def printerNotice(self) -> str:
        if not self._printer_problem():
            return ""
        if "paper_out" in self._printer_details:
            return QCoreApplication.translate(
                "ReceiptNotice", "The printer is out of paper: you will get your receipt on your phone.")
        return QCoreApplication.translate(
            "ReceiptNotice", "The receipt printer is not working right now: you will get your receipt on "
            "your phone.")

    # --- an order's receipt ---------------------------------------------------------------------

    def show(self, order_page: str, outcome: str | None, pending: bool) -> None:
        """A paid order: its page (what the QR opens) and how its paper receipt went so far."""
        if order_page != self._order_page:
            self._choice = None
            self._printer_out_at_payment = self._printer_problem()
            self._out_details = self._printer_details if self._printer_out_at_payment else frozenset()
        self._order_page, self._outcome, self._pending = order_page, outcome, pending
        self._code.set_payload(order_page)
        self.changed.emit()

    def forget(self) -> None:
        self._order_page, self._outcome, self._pending = "", None, False
        self._choice = None
        self._printer_out_at_payment = False
        self._out_details = frozenset()
        self._code.set_payload("")
        self.changed.emit()

    def retranslate(self) -> None:
        self.changed.emit()

    def _paper(self) -> bool:
        """Paper is coming or came out (as far as the kiosk can tell)."""
        if self._outcome == PRINTED:
            return True
        return self._pending and not self._printer_out_at_payment

    @Property(QObject, constant=True)
    def code(self) -> CodeImage:
        return self._code

    @Property(bool, notify=changed)
    def canChoose(self) -> bool:
        """Paper came (or is coming) out: the shopper may have the QR as well, or instead."""
        return bool(self._order_page) and self._paper() and self._e_receipt

    @Property(bool, notify=changed)
    def onPhone(self) -> bool:
        """The e-receipt QR is on screen."""
        if not self._order_page:
            return False
        if not self._paper():
            return True
        return self._default_phone if self._choice is None else self._choice

    @Slot(bool)
    def setOnPhone(self, on_phone: bool) -> None:
        if self._choice != on_phone:
            self._choice = on_phone
            self.changed.emit()

    @Property(bool, notify=changed)
    def printed(self) -> bool:
        return self._outcome == PRINTED

    @Property(str, notify=changed)
    def text(self) -> str:
        """How the receipt comes, in one line."""
        if self._pending and not self._printer_out_at_payment:
            return QCoreApplication.translate("DoneScreen", "Printing your receipt…")
        if self._outcome == PRINTED:
            return QCoreApplication.translate("DoneScreen", "Your receipt has been printed: please take it.")
        if self._outcome == UNVERIFIED:
            return QCoreApplication.translate(
                "DoneScreen", "Please take your receipt. If none came out, scan the code below for your "
                "receipt on your phone.")
        if not self._printer_present:
            return QCoreApplication.translate(
                "DoneScreen", "Scan the code below with your phone for your receipt.")
        if self._printer_out_at_payment and "paper_out" in self._out_details:
            return QCoreApplication.translate(
                "DoneScreen", "The printer is out of paper: scan the code below for your receipt on your "
                "phone.")
        if self._printer_out_at_payment:
            return QCoreApplication.translate(
                "DoneScreen", "The printer is not working: scan the code below for your receipt on your "
                "phone.")
        return QCoreApplication.translate(
            "DoneScreen", "The paper receipt did not print: scan the code below for your receipt on your "
            "phone.")

    @Property(str, notify=changed)
    def codeCaption(self) -> str:
        return QCoreApplication.translate(
            "DoneScreen", "Scan with your phone's camera: your receipt opens as a web page you can keep.")
