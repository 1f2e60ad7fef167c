"""Devices built from the typed config, and demo mode's simulators wired to the real adapters."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import PrinterConfig, ScannerConfig
from kiosk.devices.factory import build_printer, build_scanner
from kiosk.devices.ports import JobOutcome
from kiosk.devices.sim.demo import demo_devices
from kiosk.devices.sim.escpos_decoder import EscposDecoder, JobDone
from kiosk.devices.sim.fake_printer import FakePrinter
from kiosk.devices.status import Detail, DeviceState
from kiosk.devices.wedge import WedgeScanner

from .helpers import ScanLog, StatusLog, is_state, sample_receipt


def test_printer_from_config_uses_its_paper_width(fake_printer: FakePrinter) -> None:
    printer = build_printer(PrinterConfig(kind="sim", paper_width_mm=58), sim_address=fake_printer.address)
    assert printer is not None
    log = StatusLog()
    printer.add_status_listener(log)
    printer.start()
    try:
        log.wait_for(is_state(DeviceState.READY))
        assert printer.print_receipt("o-1", sample_receipt()).result(10).outcome is JobOutcome.PRINTED
    finally:
        printer.stop()
    lines = fake_printer.wait_for_jobs(1)[0].decoded.lines
    assert "-" * 32 in lines and "-" * 48 not in lines


def test_file_printer_prints_but_cannot_know_its_status(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    printer = build_printer(PrinterConfig(kind="file", path=str(target)))
    assert printer is not None
    log = StatusLog()
    printer.add_status_listener(log)
    printer.start()
    try:
        status = log.wait_for(lambda s: s.usable)
        assert status.state is DeviceState.WARNING and status.details == {Detail.UNKNOWN}
        result = printer.print_receipt("o-1", sample_receipt()).result(10)
    finally:
        printer.stop()
    assert result.outcome is JobOutcome.UNVERIFIED
    jobs = [e for e in EscposDecoder().feed(target.read_bytes()) if isinstance(e, JobDone)]
    assert len(jobs) == 1 and "K01-1126-0042" in jobs[0].job.text


def test_none_and_wedge_kinds() -> None:
    assert build_printer(PrinterConfig(kind="none")) is None
    assert isinstance(build_scanner(ScannerConfig(kind="wedge")), WedgeScanner)


def test_demo_devices_scan_and_print(tmp_path: Path) -> None:
    demo = demo_devices(PrinterConfig(), ScannerConfig(), tmp_path / "run")
    assert demo.printer and demo.scanner and demo.pty_scanner and demo.fake_printer
    printer_log, scanner_log, scans = StatusLog(), StatusLog(), ScanLog()
    demo.printer.add_status_listener(printer_log)
    demo.scanner.add_status_listener(scanner_log)
    demo.scanner.add_scan_listener(scans)
    demo.start()
    try:
        scanner_log.wait_for(is_state(DeviceState.READY))
        printer_log.wait_for(is_state(DeviceState.READY))
        demo.pty_scanner.scan("6901234567892")
        assert scans.wait_for(lambda s: True).gtin == "6901234567892"
        assert demo.printer.print_receipt("demo-1", sample_receipt()).result(10).printed
        png = demo.fake_printer.wait_for_jobs(1)[0].png()
        assert png.startswith(b"\x89PNG")
    finally:
        demo.stop()
    assert not demo.fake_printer.powered and not demo.pty_scanner.plugged
