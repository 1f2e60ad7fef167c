"""The device ports the rest of the kiosk talks to; adapters and fakes implement these."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kiosk.devices.receipt import Receipt
from kiosk.devices.scans import Scan
from kiosk.devices.status import DeviceStatus, StatusListener

ScanListener = Callable[[Scan], None]


class JobOutcome(StrEnum):
    PRINTED = "printed"  # status after the job was fine
    UNVERIFIED = "unverified"  # sent, but the printer did not answer the status check after it
    NOT_PRINTED = "not_printed"  # refused before a byte was sent: safe to retry the same job id
    INTERRUPTED = "interrupted"  # failed part way: the paper may hold half a receipt
    DUPLICATE = "duplicate"  # this job id was already handled; a reprint is a new job id


@dataclass(frozen=True)
class PrintJob:
    job_id: str  # e.g. the order uuid: the same id never prints twice
    data: bytes  # ESC/POS bytes, without status queries
    # called on the device thread once the printer is ready, just before the first byte goes out;
    # False: send nothing (NOT_PRINTED). A caller records "sent" here, so a crash can never leave a
    # receipt it believes unsent on paper (the record and the bytes are moments apart, not a layout)
    before_send: Callable[[], bool] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class JobResult:
    job_id: str
    outcome: JobOutcome
    status: DeviceStatus  # the printer's status when the job finished
    message: str = ""
    original: JobOutcome | None = None  # for DUPLICATE: what happened the first time

    @property
    def printed(self) -> bool:
        first = self.original if self.outcome is JobOutcome.DUPLICATE else self.outcome
        return first in (JobOutcome.PRINTED, JobOutcome.UNVERIFIED)


class Device(ABC):
    @property
    @abstractmethod
    def status(self) -> DeviceStatus: ...

    @abstractmethod
    def add_status_listener(self, listener: StatusListener) -> None:
        """Called on the device thread, only when the state or details changed."""

    @abstractmethod
    def remove_status_listener(self, listener: StatusListener) -> None: ...

    @abstractmethod
    def start(self) -> None: ...

    @abstractmethod
    def stop(self) -> None: ...

    def reconnect(self) -> Future[DeviceStatus]:
        """Close the device and open it again on its own thread; the status the new attempt ended in.
        A device with no link of its own (a keyboard wedge) has nothing to reopen: its status as is."""
        future: Future[DeviceStatus] = Future()
        future.set_result(self.status)
        return future


class ReceiptPrinter(Device):
    @abstractmethod
    def print_job(self, job: PrintJob) -> Future[JobResult]: ...

    @abstractmethod
    def print_receipt(self, job_id: str, receipt: Receipt, *,
                      before_send: Callable[[], bool] | None = None) -> Future[JobResult]:
        """Lay the receipt out for this printer's paper and print it as one job."""

    @abstractmethod
    def kick_drawer(self) -> Future[bool]: ...

    @abstractmethod
    def check_status(self) -> Future[DeviceStatus]:
        """Query now instead of waiting for the next poll."""


class BarcodeScanner(Device):
    @abstractmethod
    def add_scan_listener(self, listener: ScanListener) -> None:
        """Called for every frame, good or bad (`scan.ok`), on the scanner's thread."""

    @abstractmethod
    def remove_scan_listener(self, listener: ScanListener) -> None: ...


class QrPaymentDisplay(ABC):
    """Shows the payment QR (on screen or on a customer display); painted in kiosk/ui."""

    @abstractmethod
    def show(self, payload: str, amount: int, currency: str, deadline: datetime) -> None: ...

    @abstractmethod
    def clear(self) -> None: ...
