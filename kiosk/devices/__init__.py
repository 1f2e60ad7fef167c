"""Qt-free device layer: ports, adapters, one I/O thread per device with a reconnecting supervisor."""

from kiosk.devices.factory import build_printer, build_scanner
from kiosk.devices.ports import (
    BarcodeScanner,
    JobOutcome,
    JobResult,
    PrintJob,
    QrPaymentDisplay,
    ReceiptPrinter,
)
from kiosk.devices.scans import Scan, ScanKind
from kiosk.devices.status import Detail, DeviceState, DeviceStatus

__all__ = ["BarcodeScanner", "Detail", "DeviceState", "DeviceStatus", "JobOutcome", "JobResult", "PrintJob",
           "QrPaymentDisplay", "ReceiptPrinter", "Scan", "ScanKind", "build_printer", "build_scanner"]
