"""The technician's device jobs against the real simulators: a fake ESC/POS printer on a TCP socket and
a pty scanner; statuses read as the shopper lives them, the test page, reconnect, the scan rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import display_text
from kiosk.config import PrinterConfig, ScannerConfig
from kiosk.devices.backoff import Backoff
from kiosk.devices.escpos_printer import EscposReceiptPrinter
from kiosk.devices.printer_link import NetworkLink
from kiosk.devices.receipt import PaperProfile, display_width
from kiosk.devices.scans import parse_scan, scan_event
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.sim.fake_printer import FakePrinter, PaperLevel
from kiosk.devices.sim.pty_scanner import PtyScanner
from kiosk.devices.status import Detail, DeviceState, DeviceStatus
from kiosk.devices.wedge import WedgeScanner
from kiosk.technician.devices import (
    PRINTER,
    SCANNER,
    DeviceDesk,
    Effect,
    Level,
    PrintTestOutcome,
    printer_connection,
    scan_row,
    scanner_connection,
    summarize,
    summary_of,
)
from tests.unit.devices.helpers import ScanLog, StatusLog, is_state

AT = dt.datetime(2026, 12, 7, 10, 30, 5)
GS1_RAW = "]C10109506000134352\x1d17201231"


@pytest.mark.parametrize(("device", "state", "details", "level", "effect"), [
    (PRINTER, "ready", (), Level.OK, Effect.RECEIPT_ON_PAPER),
    (PRINTER, "busy", (), Level.OK, Effect.RECEIPT_ON_PAPER),
    (PRINTER, "warning", ("paper_near_end",), Level.WARNING, Effect.PAPER_LOW),
    (PRINTER, "warning", ("unknown",), Level.WARNING, Effect.RECEIPT_UNCHECKED),
    (PRINTER, "error", ("paper_out",), Level.ERROR, Effect.RECEIPT_ON_PHONE),
    (PRINTER, "error", ("cover_open",), Level.ERROR, Effect.RECEIPT_ON_PHONE),
    (PRINTER, "error", ("cutter_error",), Level.ERROR, Effect.RECEIPT_ON_PHONE),
    (PRINTER, "error", ("offline",), Level.ERROR, Effect.RECEIPT_ON_PHONE),
    (PRINTER, "disconnected", (), Level.ERROR, Effect.RECEIPT_ON_PHONE),
    (PRINTER, "connecting", (), Level.WARNING, Effect.RECEIPT_ON_PHONE_FOR_NOW),
    (PRINTER, "none", (), Level.OFF, Effect.NO_PRINTER),
    (SCANNER, "ready", (), Level.OK, Effect.SCANNING_WORKS),
    (SCANNER, "disconnected", (), Level.ERROR, Effect.SCANNING_OFF),
    (SCANNER, "connecting", (), Level.WARNING, Effect.SCANNING_FOR_NOW_OFF),
    (SCANNER, "none", (), Level.OFF, Effect.NO_SCANNER),
])
def test_each_state_says_what_the_shopper_gets(device: str, state: str, details: tuple[str, ...],
                                               level: Level, effect: Effect) -> None:
    summary = summarize(device, state, details)
    assert (summary.level, summary.effect) == (level, effect)
    assert summary.details == details


def test_the_worst_detail_comes_first_and_event_case_does_not_matter() -> None:
    summary = summarize(PRINTER, "ERROR", ["paper_near_end", "cover_open", "paper_out", ""])
    assert summary.details == ("cover_open", "paper_out", "paper_near_end")
    assert summary.state == "error"
    status = DeviceStatus(PRINTER, DeviceState.ERROR, frozenset({Detail.PAPER_OUT}), "no paper")
    assert summary_of(PRINTER, status).details == ("paper_out",)
    assert summary_of(PRINTER, status).message == "no paper"
    assert summary_of(SCANNER, None).effect is Effect.NO_SCANNER


@pytest.fixture
def fake() -> Iterator[FakePrinter]:
    with FakePrinter(58) as printer:
        yield printer


@pytest.fixture
def printer(fake: FakePrinter) -> Iterator[tuple[EscposReceiptPrinter, StatusLog]]:
    adapter = EscposReceiptPrinter(NetworkLink(*fake.address, 2.0), profile=PaperProfile(58),
                                   status_timeout_s=0.3, job_timeout_s=3.0, poll_interval_s=0.2,
                                   backoff=Backoff(base_s=0.05, cap_s=0.3))
    log = StatusLog()
    adapter.add_status_listener(log)
    adapter.start()
    log.wait_for(lambda s: s.usable)
    yield adapter, log
    adapter.stop()


def desk_for(printer: EscposReceiptPrinter | None = None, scanner: SerialScanner | WedgeScanner | None = None,
             width: int = 58) -> DeviceDesk:
    return DeviceDesk(printer, scanner, PaperProfile(58 if width == 58 else 80), store_name="云商城测试店",
                      store_name_en="Test Store", device_name="K07", now=lambda: AT)


def test_the_test_page_prints_on_the_printer_thread_with_both_scripts_and_the_paper_width(
        fake: FakePrinter, printer: tuple[EscposReceiptPrinter, StatusLog]) -> None:
    job_id, future = desk_for(printer[0]).test_print()
    result = future.result(10)
    assert result.ok and result.outcome is PrintTestOutcome.PRINTED and result.job_id == job_id
    [job] = fake.wait_for_jobs(1)
    assert job.complete  # cut
    lines = job.text.splitlines()
    for expected in ("打印测试", "TEST PAGE", "云商城测试店", "Test Store", "K07", "2026-12-07 10:30:05",
                     "58 mm", "中文：收据打印正常。", "English: receipt printing works."):
        assert any(expected in line for line in lines), (expected, job.text)
    ruler = next(line for line in lines if line.startswith("+-"))
    assert display_width(ruler) == PaperProfile(58).columns  # one full line of 58 mm paper
    # a second tap is a second job, never taken for a duplicate of the first
    assert desk_for(printer[0]).test_print()[1].result(10).ok
    assert len(fake.wait_for_jobs(2)) == 2


def test_a_test_page_refused_for_paper_out_says_why_and_sends_nothing(
        fake: FakePrinter, printer: tuple[EscposReceiptPrinter, StatusLog]) -> None:
    adapter, log = printer
    fake.set_paper(PaperLevel.OUT)
    log.wait_for(is_state(DeviceState.ERROR, Detail.PAPER_OUT))
    result = desk_for(adapter).test_print()[1].result(10)
    assert result.outcome is PrintTestOutcome.NOT_PRINTED and not result.ok
    assert result.details == ("paper_out",) and result.state == "error"
    assert fake.jobs == []


def test_no_printer_no_test_page() -> None:
    with pytest.raises(LookupError):
        desk_for(None).test_print()


def test_reconnect_closes_and_reopens_the_printer(
        fake: FakePrinter, printer: tuple[EscposReceiptPrinter, StatusLog]) -> None:
    adapter, log = printer
    accepted = fake.connections_accepted
    mark = log.mark()
    summary = desk_for(adapter).reconnect(PRINTER).result(10)
    assert summary.state == "ready" and summary.effect is Effect.RECEIPT_ON_PAPER
    assert fake.connections_accepted == accepted + 1  # a new connection, not the old one kept
    log.wait_for(is_state(DeviceState.CONNECTING), since=mark)  # the screen saw it go round


def test_a_reconnect_that_cannot_open_says_so(
        fake: FakePrinter, printer: tuple[EscposReceiptPrinter, StatusLog]) -> None:
    adapter, log = printer
    fake.power_off()
    log.wait_for(is_state(DeviceState.DISCONNECTED))
    summary = desk_for(adapter).reconnect(PRINTER).result(10)
    assert summary.state == "disconnected" and summary.effect is Effect.RECEIPT_ON_PHONE
    assert summary.message  # the OS's reason (connection refused), for the technician


def test_reconnect_finds_a_replugged_scanner_at_once(tmp_path: Path) -> None:
    """Unplugged, then plugged back while the supervisor waits out a long backoff: a reconnect opens it
    now instead of in half a minute, and scans come through again."""
    with PtyScanner(tmp_path / "scanner") as pty:
        scanner = SerialScanner(pty.path, backoff=Backoff(base_s=30.0, cap_s=30.0))
        log, scans = StatusLog(), ScanLog()
        scanner.add_status_listener(log)
        scanner.add_scan_listener(scans)
        scanner.start()
        try:
            log.wait_for(is_state(DeviceState.READY))
            mark = log.mark()
            pty.unplug()
            log.wait_for(is_state(DeviceState.DISCONNECTED), since=mark)
            pty.plug()
            assert scanner.status.state is DeviceState.DISCONNECTED  # the backoff has 15 s or more to go
            summary = desk_for(None, scanner).reconnect(SCANNER).result(5)
            assert summary.state == "ready" and summary.effect is Effect.SCANNING_WORKS
            assert pty.scan("4006381333931")
            assert scans.wait_for(lambda s: s.ok).gtin == "4006381333931"
        finally:
            scanner.stop()


def test_a_stopped_device_refuses_a_reconnect(tmp_path: Path) -> None:
    with PtyScanner(tmp_path / "scanner") as pty:
        scanner = SerialScanner(pty.path)
        scanner.start()
        scanner.stop()
        with pytest.raises(RuntimeError, match="stopped"):
            desk_for(None, scanner).reconnect(SCANNER).result(5)


def test_a_wedge_scanner_has_nothing_to_reopen() -> None:
    summary = desk_for(None, WedgeScanner()).reconnect(SCANNER).result(1)
    assert summary.state == "ready"
    with pytest.raises(LookupError):
        desk_for(None, None).reconnect(PRINTER)


def test_scan_rows_show_control_bytes_by_name_and_the_gs1_fields() -> None:
    row = scan_row(scan_event(parse_scan(GS1_RAW)), AT)
    assert row.ok and row.kind == "gs1" and row.symbology == "GS1 128" and row.aim == "]C1"
    assert row.raw == "]C10109506000134352<GS>17201231"
    assert row.parsed == "(01)09506000134352(17)201231"
    assert row.at == "10:30:05"
    noisy = scan_row(scan_event(parse_scan("ab\u009b31m\u202ecd")), AT)
    assert not noisy.ok and noisy.error == "unreadable characters"
    assert noisy.raw == "ab<U+009B>31m<U+202E>cd"
    long = scan_row(scan_event(parse_scan("x" * 1000)), AT)
    assert len(long.raw) <= 200 and long.raw.endswith(display_text.ELLIPSIS)


def test_raw_codes_name_every_control_character() -> None:
    assert display_text.raw_code("a\x00b\rc\x7f\x1b") == "a<NUL>b<CR>c<DEL><ESC>"
    assert display_text.raw_code("<b>x</b>") == "<b>x</b>"  # plain text: the view shows it as is


def test_connection_rows_say_where_the_device_is() -> None:
    assert printer_connection(PrinterConfig(kind="network", host="10.0.0.9", port=9100)) == [
        ("kind", "network"), ("address", "10.0.0.9:9100"), ("paper", "80 mm"), ("timeout", "5 s")]
    sim = printer_connection(PrinterConfig(kind="sim"), ("127.0.0.1", 40123))
    assert sim[1] == ("address", "127.0.0.1:40123")
    assert printer_connection(PrinterConfig(kind="usb", usb_vendor_id=0x0416, usb_product_id=0x5011))[1] == (
        "usb", "0416:5011")
    assert printer_connection(PrinterConfig(kind="serial", serial_port="/dev/ttyS0", baudrate=19200,
                                            paper_width_mm=58))[1:3] == [
        ("serial", "/dev/ttyS0 @ 19200"), ("paper", "58 mm")]
    assert printer_connection(PrinterConfig(kind="file", path="/tmp/out\x1b.bin"))[1] == (
        "file", "/tmp/out\ufffd.bin")  # a config value is shown safely too
    assert printer_connection(PrinterConfig(kind="none")) == [("kind", "none")]
    assert scanner_connection(ScannerConfig(kind="serial", port="/dev/serial/by-id/x")) == [
        ("kind", "serial"), ("serial", "/dev/serial/by-id/x @ 9600")]
    assert scanner_connection(ScannerConfig(kind="wedge")) == [("kind", "wedge")]
