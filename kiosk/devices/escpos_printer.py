"""ESC/POS receipt printer: status checked before and after every job, jobs idempotent by id."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future

from kiosk.devices.backoff import Backoff
from kiosk.devices.escpos_commands import EscposWriter
from kiosk.devices.escpos_status import StatusQuery, details_for_replies, query_bytes
from kiosk.devices.ports import JobOutcome, JobResult, PrintJob, ReceiptPrinter
from kiosk.devices.printer_link import LINK_ERRORS, PrinterLink
from kiosk.devices.receipt import (
    MoneyFormat,
    PaperProfile,
    Receipt,
    ReceiptLabels,
    build_receipt,
    plain_money,
)
from kiosk.devices.status import Detail, DeviceState, DeviceStatus, state_for
from kiosk.devices.supervisor import DeviceWorker, StatusSink, WorkerBackedDevice


class EscposPrinterDriver:
    """Runs only on the printer's device thread."""

    def __init__(self, name: str, link: PrinterLink, *, status_timeout_s: float = 0.5,
                 job_timeout_s: float = 5.0) -> None:
        self.name = name
        self.link = link
        self.status_timeout_s = status_timeout_s
        self.job_timeout_s = job_timeout_s
        self._connected = False
        # a query timed out: its answer may still be on the way and must not pass for the next one
        self._desynced = False

    @property
    def connected(self) -> bool:
        return self._connected

    def open(self) -> DeviceStatus:
        self.link.open()
        self._connected = True
        self._desynced = False
        return self.read_status()

    def poll(self) -> DeviceStatus:
        return self.read_status()

    def close(self) -> None:
        self._connected = False
        self.link.close()

    def _lost(self, exc: BaseException) -> DeviceStatus:
        self._connected = False
        return DeviceStatus(self.name, DeviceState.DISCONNECTED, message=str(exc) or type(exc).__name__)

    def read_status(self, first_timeout_s: float | None = None) -> DeviceStatus:
        """DLE EOT 1..4, input flushed before each so a late reply is never read as the next one."""
        if not self._connected:
            return DeviceStatus(self.name, DeviceState.DISCONNECTED)
        if not self.link.can_read:
            return DeviceStatus(self.name, DeviceState.WARNING, frozenset({Detail.UNKNOWN}),
                                "this connection cannot read printer status")
        replies: dict[StatusQuery, int | None] = {}
        timeout = first_timeout_s or self.status_timeout_s
        try:
            if self._desynced:
                self._drain_late_replies()
            for query in StatusQuery:
                self.link.flush_input()
                self.link.write(query_bytes(query))
                replies[query] = self.link.read_byte(timeout)
                if replies[query] is None:
                    self._desynced = True
                    if query is StatusQuery.PRINTER:
                        break  # a silent printer: do not wait for three more timeouts
                timeout = self.status_timeout_s
        except LINK_ERRORS as exc:
            return self._lost(exc)
        details = details_for_replies(replies)
        return DeviceStatus(self.name, state_for(details), details)

    def _drain_late_replies(self) -> None:
        """Wait out answers to timed-out queries (a busy printer answers late, a mute one never)."""
        while self.link.read_byte(self.status_timeout_s) is not None:
            pass
        self._desynced = False

    def write(self, data: bytes) -> bool:
        try:
            self.link.write(data)
        except LINK_ERRORS as exc:
            self._lost(exc)
            return False
        return True

    def print_job(self, job: PrintJob, publish: StatusSink) -> JobResult:
        before = self.read_status()
        if not self._connected or before.state is DeviceState.ERROR:
            publish(before)
            return JobResult(job.job_id, JobOutcome.NOT_PRINTED, before,
                             "printer not ready: " + (", ".join(sorted(before.details)) or before.state))
        if job.before_send is not None and not job.before_send():
            return JobResult(job.job_id, JobOutcome.NOT_PRINTED, before, "the caller withdrew the job")
        publish(DeviceStatus(self.name, DeviceState.BUSY, before.details))
        try:
            self.link.write(job.data)
        except LINK_ERRORS as exc:
            lost = self._lost(exc)
            publish(lost)
            return JobResult(job.job_id, JobOutcome.INTERRUPTED, lost, "connection lost while printing")
        # the first reply waits for the printer to work through the job, so it gets the job timeout
        after = self.read_status(first_timeout_s=self.job_timeout_s)
        publish(after)
        if not self._connected:
            return JobResult(job.job_id, JobOutcome.INTERRUPTED, after, "connection lost while printing")
        if after.state is DeviceState.ERROR:
            return JobResult(job.job_id, JobOutcome.INTERRUPTED, after,
                             "printer failed during the job: " + ", ".join(sorted(after.details)))
        if Detail.UNKNOWN in after.details:
            return JobResult(job.job_id, JobOutcome.UNVERIFIED, after, "no valid status after the job")
        return JobResult(job.job_id, JobOutcome.PRINTED, after)


class EscposReceiptPrinter(WorkerBackedDevice, ReceiptPrinter):
    def __init__(self, link: PrinterLink, *, name: str = "printer", profile: PaperProfile | None = None,
                 labels: ReceiptLabels | None = None, money: MoneyFormat = plain_money,
                 status_timeout_s: float = 0.5, job_timeout_s: float = 5.0, poll_interval_s: float = 2.0,
                 backoff: Backoff | None = None, remember_jobs: int = 1000) -> None:
        self.profile = profile or PaperProfile()
        self.labels = labels or ReceiptLabels()
        self.money = money
        self.driver = EscposPrinterDriver(name, link, status_timeout_s=status_timeout_s,
                                          job_timeout_s=job_timeout_s)
        self._worker = DeviceWorker(name, self.driver, idle_wait_s=poll_interval_s,
                                    backoff=backoff or Backoff(base_s=0.2, cap_s=5.0))
        # touched only on the device thread, which runs jobs one at a time
        self._done: OrderedDict[str, JobResult] = OrderedDict()
        self._remember = remember_jobs

    def print_job(self, job: PrintJob) -> Future[JobResult]:
        return self._worker.submit(lambda publish: self._run(job, publish))

    def print_receipt(self, job_id: str, receipt: Receipt, *,
                      before_send: Callable[[], bool] | None = None) -> Future[JobResult]:
        data = build_receipt(receipt, self.profile, receipt.labels or self.labels, self.money)
        return self.print_job(PrintJob(job_id, data, before_send))

    def kick_drawer(self) -> Future[bool]:
        pulse = EscposWriter().kick_drawer().getvalue()
        return self._worker.submit(lambda publish: self.driver.connected and self.driver.write(pulse))

    def check_status(self) -> Future[DeviceStatus]:
        def query(publish: StatusSink) -> DeviceStatus:
            status = self.driver.read_status()
            publish(status)
            return status

        return self._worker.submit(query)

    def _run(self, job: PrintJob, publish: StatusSink) -> JobResult:
        earlier = self._done.get(job.job_id)
        if earlier is not None and earlier.outcome is not JobOutcome.NOT_PRINTED:
            return JobResult(job.job_id, JobOutcome.DUPLICATE, self._worker.status,
                             "job already handled", original=earlier.outcome)
        result = self.driver.print_job(job, publish)
        self._done[job.job_id] = result
        self._done.move_to_end(job.job_id)
        while len(self._done) > self._remember:
            self._done.popitem(last=False)
        return result
