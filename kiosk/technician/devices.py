"""The technician's device jobs: each device's status in terms of what the shopper gets, a test page
through the printer's own thread, reconnect, the live scans and the connection settings.

Qt-free: the view-model (kiosk/ui/maintenance/devices.py) turns the keys here into translated words.
Every call that does I/O returns a `Future` completed on the device's thread; nothing here blocks.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from biip.symbology import SymbologyIdentifier

from kiosk import display_text
from kiosk.config import PrinterConfig, ScannerConfig
from kiosk.devices.escpos_commands import EscposWriter
from kiosk.devices.ports import BarcodeScanner, Device, JobOutcome, JobResult, PrintJob, ReceiptPrinter
from kiosk.devices.receipt import PaperProfile
from kiosk.devices.status import Detail, DeviceState, DeviceStatus

PRINTER, SCANNER = "printer", "scanner"  # the device names in "device.status" events
NOT_CONFIGURED = "none"  # the state shown for a device the config leaves out
TEST_JOB_PREFIX = "test-page-"
SCANS_KEPT = 20
PARSED_LIMIT = 120  # characters of a parsed code or of an error on a scan row
RAW_LIMIT = 200  # characters of a raw frame (a GS1 DataMatrix holds a few dozen; noise may hold more)


class Level(StrEnum):
    """How a device card is coloured."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    OFF = "off"  # not configured


class Effect(StrEnum):
    """What the device's state means for the shopper."""

    RECEIPT_ON_PAPER = "receipt_on_paper"
    PAPER_LOW = "paper_low"  # still prints; the roll needs changing soon
    RECEIPT_UNCHECKED = "receipt_unchecked"  # prints, but an unconfirmed receipt also goes to the phone
    RECEIPT_ON_PHONE = "receipt_on_phone"
    RECEIPT_ON_PHONE_FOR_NOW = "receipt_on_phone_for_now"  # connecting
    NO_PRINTER = "no_printer"
    SCANNING_WORKS = "scanning_works"
    SCANNING_OFF = "scanning_off"
    SCANNING_FOR_NOW_OFF = "scanning_for_now_off"  # connecting
    NO_SCANNER = "no_scanner"


# the worst first: the one the card names when there are several
DETAIL_ORDER = (Detail.UNRECOVERABLE_ERROR, Detail.OFFLINE, Detail.COVER_OPEN, Detail.PAPER_OUT,
                Detail.CUTTER_ERROR, Detail.RECOVERABLE_ERROR, Detail.PAPER_NEAR_END, Detail.UNKNOWN)
_RANK = {detail.value: i for i, detail in enumerate(DETAIL_ORDER)}


@dataclass(frozen=True)
class DeviceSummary:
    device: str
    state: str  # a DeviceState value, or NOT_CONFIGURED
    details: tuple[str, ...]  # Detail values, worst first
    level: Level
    effect: Effect
    message: str = ""  # the adapter's own words (a port path, an OS error), for the technician


def summarize(device: str, state: str, details: Iterable[str] = (), message: str = "") -> DeviceSummary:
    """A status report (as the "device.status" event carries it) in the technician's terms."""
    state = state.lower()
    found = tuple(sorted({d.lower() for d in details if d}, key=lambda d: (_RANK.get(d, len(_RANK)), d)))
    if state == NOT_CONFIGURED:
        return DeviceSummary(device, state, (), Level.OFF,
                             Effect.NO_PRINTER if device == PRINTER else Effect.NO_SCANNER)
    usable = state in (DeviceState.READY, DeviceState.BUSY, DeviceState.WARNING)
    level = (Level.OK if state in (DeviceState.READY, DeviceState.BUSY) and not found
             else Level.WARNING if usable or state == DeviceState.CONNECTING else Level.ERROR)
    if device == PRINTER:
        if state == DeviceState.CONNECTING:
            effect = Effect.RECEIPT_ON_PHONE_FOR_NOW
        elif not usable:
            effect = Effect.RECEIPT_ON_PHONE
        elif Detail.UNKNOWN in found:
            effect = Effect.RECEIPT_UNCHECKED
        elif Detail.PAPER_NEAR_END in found:
            effect = Effect.PAPER_LOW
        else:
            effect = Effect.RECEIPT_ON_PAPER
    elif state == DeviceState.CONNECTING:
        effect = Effect.SCANNING_FOR_NOW_OFF
    else:
        effect = Effect.SCANNING_WORKS if usable else Effect.SCANNING_OFF
    return DeviceSummary(device, state, found, level, effect, message)


def summary_of(device: str, status: DeviceStatus | None) -> DeviceSummary:
    if status is None:
        return summarize(device, NOT_CONFIGURED)
    return summarize(device, status.state.value, (d.value for d in status.details), status.message)


def summary_from_event(data: Mapping[str, Any]) -> DeviceSummary:
    return summarize(str(data.get("device", "")), str(data.get("state", "")),
                     (str(d) for d in data.get("details") or ()), str(data.get("message", "")))


# --- the test page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrinterTestPage:
    store_name: str
    store_name_en: str
    device_name: str
    printed_at: dt.datetime
    profile: PaperProfile


def printer_test_page(page: PrinterTestPage) -> bytes:
    """A short page that shows the printer works end to end: both scripts, the paper's full width, the
    cutter. Chinese goes out as GB18030 like every receipt."""
    columns = page.profile.columns
    out = EscposWriter().init().align("center").bold(True).size(2, 2).line("打印测试")
    out.size(1, 1).line("TEST PAGE").bold(False).feed(1)
    out.line(page.store_name)
    if page.store_name_en and page.store_name_en != page.store_name:
        out.line(page.store_name_en)
    out.align("left").feed(1)
    out.line(f"终端 Kiosk: {page.device_name}")
    out.line(f"时间 Time: {page.printed_at:%Y-%m-%d %H:%M:%S}")
    out.line(f"纸宽 Paper: {page.profile.width_mm} mm, {columns} columns, {page.profile.dots} dots")
    out.line("中文：收据打印正常。")
    out.line("English: receipt printing works.")
    # exactly one line wide: a wrapped or short ruler shows a wrong paper width setting
    out.line("+" + "-" * (columns - 2) + "+")
    out.feed(3).cut()
    return out.getvalue()


class PrintTestOutcome(StrEnum):
    PRINTED = "printed"
    UNCONFIRMED = "unconfirmed"  # sent, the printer gave no status after it
    NOT_PRINTED = "not_printed"  # refused before a byte went out
    INTERRUPTED = "interrupted"  # failed part way
    FAILED = "failed"  # the printer thread could not run it (stopped, an error)


@dataclass(frozen=True)
class PrintTestResult:
    job_id: str
    outcome: PrintTestOutcome
    state: str  # the printer's state when the job ended
    details: tuple[str, ...]  # worst first: why it did not print
    message: str = ""  # the adapter's words, for the log and the audit

    @property
    def ok(self) -> bool:
        return self.outcome is PrintTestOutcome.PRINTED


_OUTCOMES = {JobOutcome.PRINTED: PrintTestOutcome.PRINTED,
             JobOutcome.UNVERIFIED: PrintTestOutcome.UNCONFIRMED,
             JobOutcome.NOT_PRINTED: PrintTestOutcome.NOT_PRINTED,
             JobOutcome.INTERRUPTED: PrintTestOutcome.INTERRUPTED}


def print_test_result(job_id: str, future: Future[JobResult]) -> PrintTestResult:
    error = future.exception()
    if error is not None:
        return PrintTestResult(job_id, PrintTestOutcome.FAILED, "", (), str(error) or type(error).__name__)
    result = future.result()
    summary = summary_of(PRINTER, result.status)
    outcome = _OUTCOMES.get(result.outcome, PrintTestOutcome.FAILED)  # DUPLICATE cannot happen: new ids
    return PrintTestResult(job_id, outcome, summary.state, summary.details, result.message)


# --- connection settings --------------------------------------------------------------------------


def printer_connection(cfg: PrinterConfig,
                       sim_address: tuple[str, int] | None = None) -> list[tuple[str, str]]:
    """(field, value) rows of the printer's connection as configured; the field keys are named in the
    view-model. The simulator's address is the one it really listens on."""
    rows: list[tuple[str, str]] = [("kind", cfg.kind)]
    if cfg.kind == "sim":
        host, port = sim_address or (cfg.host, cfg.port)
        rows.append(("address", f"{host}:{port}"))
    elif cfg.kind == "network":
        rows.append(("address", f"{cfg.host}:{cfg.port}"))
    elif cfg.kind == "usb":
        rows.append(("usb", f"{cfg.usb_vendor_id:04x}:{cfg.usb_product_id:04x}"))
    elif cfg.kind == "serial":
        rows.append(("serial", f"{cfg.serial_port} @ {cfg.baudrate}"))
    elif cfg.kind == "file":
        rows.append(("file", cfg.path))
    if cfg.kind != "none":
        rows.append(("paper", f"{cfg.paper_width_mm} mm"))
        rows.append(("timeout", f"{cfg.timeout_s} s"))
    return [(key, display_text.shown(value, display_text.SPEC_VALUE)) for key, value in rows]


def scanner_connection(cfg: ScannerConfig, sim_path: str | None = None) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [("kind", cfg.kind)]
    if cfg.kind in ("sim", "serial"):
        port = (sim_path or cfg.port) if cfg.kind == "sim" else cfg.port
        rows.append(("serial", f"{port} @ {cfg.baudrate}"))
    return [(key, display_text.shown(value, display_text.SPEC_VALUE)) for key, value in rows]


# --- the live scans -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanRow:
    at: str  # HH:MM:SS, when it reached the page
    raw: str  # as read, control characters drawn as symbols, capped
    symbology: str  # from the AIM id ("EAN 13", "GS1 128"), "" without one
    aim: str
    kind: str  # kiosk.devices.scans.ScanKind
    parsed: str  # the GTIN, the GS1 element strings, or the text
    ok: bool
    error: str


def symbology_name(aim: str) -> str:
    if not aim:
        return ""
    try:
        ident = SymbologyIdentifier.extract(aim)
    except Exception:  # an AIM id biip does not know: the id itself says enough
        return ""
    named = ident.gs1_symbology or ident.iso_symbology
    return named.name.replace("_", " ")


def scan_row(data: Mapping[str, Any], at: dt.datetime) -> ScanRow:
    """A "device.scan" event (kiosk.devices.scans.scan_event) as the technician's list shows it."""
    aim = str(data.get("aim") or "")
    parsed = str(data.get("ais") or data.get("gtin") or data.get("data") or "")
    raw = str(data.get("raw", data.get("data", "")))
    return ScanRow(at=f"{at:%H:%M:%S}", raw=display_text.raw_code(raw, RAW_LIMIT),
                   symbology=symbology_name(aim), aim=display_text.shown(aim, 3),
                   kind=str(data.get("kind", "")), parsed=display_text.shown(parsed, PARSED_LIMIT),
                   ok=bool(data.get("ok")),
                   error=display_text.shown(str(data.get("error") or ""), PARSED_LIMIT))


# --- the service ----------------------------------------------------------------------------------


class DeviceDesk:
    """The technician's device actions over the kiosk's devices (either may be None: not configured)."""

    def __init__(self, printer: ReceiptPrinter | None, scanner: BarcodeScanner | None, paper: PaperProfile,
                 *, store_name: str, store_name_en: str, device_name: str,
                 now: Callable[[], dt.datetime]) -> None:
        self.printer = printer
        self.scanner = scanner
        self.paper = paper
        self.store_name = store_name
        self.store_name_en = store_name_en
        self.device_name = device_name
        self.now = now

    def device(self, name: str) -> Device | None:
        return self.printer if name == PRINTER else self.scanner if name == SCANNER else None

    def summary(self, name: str) -> DeviceSummary:
        device = self.device(name)
        return summary_of(name, device.status if device is not None else None)

    def test_print(self) -> tuple[str, Future[PrintTestResult]]:
        """Queue the test page on the printer's thread; the job id and its result to come."""
        if self.printer is None:
            raise LookupError("no printer is configured")
        job_id = TEST_JOB_PREFIX + uuid.uuid4().hex[:12]  # a new job each tap: never taken for a duplicate
        page = PrinterTestPage(self.store_name, self.store_name_en, self.device_name, self.now(), self.paper)
        job = self.printer.print_job(PrintJob(job_id, printer_test_page(page)))
        result: Future[PrintTestResult] = Future()

        def finished(future: Future[JobResult]) -> None:  # on the printer's thread
            try:
                result.set_result(print_test_result(job_id, future))
            except Exception as exc:
                result.set_exception(exc)

        job.add_done_callback(finished)
        return job_id, result

    def reconnect(self, name: str) -> Future[DeviceSummary]:
        """Close and reopen the device on its own thread; its summary after the new attempt."""
        device = self.device(name)
        if device is None:
            raise LookupError(f"no {name} is configured")
        done: Future[DeviceSummary] = Future()

        def finished(future: Future[DeviceStatus]) -> None:
            error = future.exception()
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(summary_of(name, future.result()))

        device.reconnect().add_done_callback(finished)
        return done
