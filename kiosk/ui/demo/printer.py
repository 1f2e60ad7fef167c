"""Printer controls: script the fake printer's faults, print a test receipt, show the last receipt."""

from __future__ import annotations

import base64
import itertools
import logging
import uuid
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.devices.ports import JobResult, ReceiptPrinter
from kiosk.devices.sim.fake_printer import FakePrinter, MidJobFault, PaperLevel, PrintedJob
from kiosk.devices.sim.sample_receipt import sample_receipt
from kiosk.ui.demo.section import DemoSection, Post

log = logging.getLogger(__name__)

SLOW_SECONDS_PER_LINE = 0.08
DROP_AFTER_BYTES = 300  # into the next job: past the header, well before the cut


class PrinterSection(DemoSection):
    qml_file = "PrinterSection.qml"
    title_text = "Printer"
    column = 1

    changed = Signal()
    jobFinished = Signal(str)  # the outcome

    def __init__(self, post: Post, fake: FakePrinter, printer: ReceiptPrinter,
                 parent: QObject | None = None) -> None:
        super().__init__(post, parent)
        self._fake = fake
        self._printer = printer
        self._slow = False
        self._drop_armed = False
        self._printing = 0
        self._last_result = ""
        self._last_outcome = ""
        self._numbers = itertools.count(1)

    def _changed(self) -> None:
        self.changed.emit()
        if self._fake.powered:
            # ask now rather than at the next poll, so the status follows the switch at once
            self._printer.check_status()

    # --- bound by QML ---------------------------------------------------------------------------

    @Property(str, notify=changed)
    def paper(self) -> str:
        return self._fake.paper.value

    @Property(bool, notify=changed)
    def coverOpen(self) -> bool:
        return self._fake.cover_open

    @Property(bool, notify=changed)
    def powered(self) -> bool:
        return self._fake.powered

    @Property(bool, notify=changed)
    def slow(self) -> bool:
        return self._slow

    @Property(bool, notify=changed)
    def dropArmed(self) -> bool:
        return self._drop_armed

    @Property(bool, notify=changed)
    def printing(self) -> bool:
        return self._printing > 0

    @Property(str, notify=changed)
    def lastResult(self) -> str:
        return self._last_result

    @Property(str, notify=changed)
    def lastOutcome(self) -> str:
        return self._last_outcome

    @Slot(str)
    def setPaper(self, level: str) -> None:
        self._fake.set_paper(PaperLevel(level))
        self._changed()

    @Slot(bool)
    def setCoverOpen(self, is_open: bool) -> None:
        self._fake.set_cover_open(is_open)
        self._changed()

    @Slot(bool)
    def setPowered(self, on: bool) -> None:
        if on:
            self._fake.power_on()
        else:
            self._fake.power_off()
        self._changed()

    @Slot(bool)
    def setSlow(self, slow: bool) -> None:
        self._slow = slow
        self._fake.set_slow(SLOW_SECONDS_PER_LINE if slow else 0.0)
        self.changed.emit()

    @Slot()
    def dropNextJob(self) -> None:
        """The next job loses its connection part way through."""
        self._fake.fault_after(DROP_AFTER_BYTES, MidJobFault.DROP_CONNECTION)
        self._drop_armed = True
        self.changed.emit()

    @Slot()
    def printTestReceipt(self) -> None:
        """A sample order receipt through the real printer adapter, as a paid order would print."""
        job_id = f"demo-test-{next(self._numbers)}-{uuid.uuid4().hex[:8]}"
        self._printing += 1
        self._drop_armed = False  # it applies to this job
        self._last_result = f"printing {job_id}…"
        self.changed.emit()
        future = self._printer.print_receipt(job_id, sample_receipt())
        future.add_done_callback(lambda f: self.post(lambda: self._finished(job_id, f)))

    def _finished(self, job_id: str, future: Future[JobResult]) -> None:
        self._printing -= 1
        error = future.exception()
        if error is not None:
            self._last_outcome = "failed"
            self._last_result = f"{job_id}: {error}"
        else:
            result = future.result()
            self._last_outcome = result.outcome.value
            self._last_result = f"{job_id}: {result.outcome.value}" + (
                f" ({result.message})" if result.message else "")
        log.info("demo test receipt %s", self._last_result)
        self.changed.emit()
        self.jobFinished.emit(self._last_outcome)


class ReceiptSection(DemoSection):
    """The last job the fake printer received, rendered as it would come out on paper."""

    qml_file = "ReceiptSection.qml"
    title_text = "Last receipt"
    column = 1
    fills = True

    changed = Signal()

    def __init__(self, post: Post, fake: FakePrinter, parent: QObject | None = None, *,
                 scan: Callable[[str], bool] | None = None,
                 order_link: Callable[[str], str] | None = None) -> None:
        super().__init__(post, parent)
        self._image_url = ""
        self._caption = "nothing printed yet"
        self._jobs = 0
        self._qr = ""  # what the last receipt's QR code says (its order page), for a demo scan of it
        self._scan = scan
        # receipts print their QR as an image: the order page it encodes comes from the printed text
        self._order_link = order_link or (lambda text: "")
        fake.add_job_listener(self._on_job)  # on the fake printer's thread
        last = fake.last_job
        if last is not None:
            self._on_job(last)

    def _on_job(self, job: PrintedJob) -> None:
        # rendered and encoded on the printer's thread, not the GUI's
        png = job.png()
        url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # IHDR
        complete = job.complete
        try:
            qr = job.decoded.qr_payload or self._order_link(job.text)
        except Exception:  # a demo nicety: the receipt still shows
            log.exception("demo controls: could not tell the last receipt's order")
            qr = ""
        self.post(lambda: self._show(url, width, height, complete, qr))

    def _show(self, url: str, width: int, height: int, complete: bool, qr: str = "") -> None:
        self._jobs += 1
        self._image_url = url
        self._qr = qr
        self._caption = f"job {self._jobs}: {width} × {height} dots" + (
            "" if complete else ", incomplete: no cut")
        self.changed.emit()

    @Property(str, notify=changed)
    def imageUrl(self) -> str:
        return self._image_url

    @Property(str, notify=changed)
    def caption(self) -> str:
        return self._caption

    @Property(int, notify=changed)
    def jobCount(self) -> int:
        return self._jobs

    @Property(bool, notify=changed)
    def canScanQr(self) -> bool:
        return bool(self._qr) and self._scan is not None

    @Slot(result=bool)
    def scanQr(self) -> bool:
        """Hold the receipt under the kiosk's scanner: its QR code goes through the demo scanner."""
        if not self._qr or self._scan is None:
            return False
        log.info("demo: scanning the last receipt's QR code")
        return self._scan(self._qr)
