"""Device faults survived with the right status: printer faults before and during a job, scanner
unplug/replug. Real sockets and ptys against the simulators."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.devices.ports import JobOutcome
from kiosk.devices.scans import ScanKind
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.sim.fake_printer import FakePrinter, MidJobFault, PaperLevel, StatusMode
from kiosk.devices.sim.pty_scanner import PtyScanner
from kiosk.devices.status import Detail, DeviceState
from tests.unit.devices.helpers import ScanLog, StatusLog, connected_printer, is_state, sample_receipt


@pytest.fixture
def fake() -> Iterator[FakePrinter]:
    with FakePrinter(80) as printer:
        yield printer


PRE_JOB_ERRORS: list[tuple[Callable[[FakePrinter], None], Detail]] = [
    (lambda f: f.set_paper(PaperLevel.OUT), Detail.PAPER_OUT),
    (lambda f: f.set_cover_open(True), Detail.COVER_OPEN),
    (lambda f: f.set_offline(True), Detail.OFFLINE),
    (lambda f: f.set_cutter_error(True), Detail.CUTTER_ERROR),
]


@pytest.mark.parametrize(("script", "detail"), PRE_JOB_ERRORS,
                         ids=["paper_out", "cover", "offline", "cutter"])
def test_error_before_job_refuses_it_and_it_can_be_retried_after_the_fix(
        fake: FakePrinter, script: Callable[[FakePrinter], None], detail: Detail) -> None:
    with connected_printer(fake) as (printer, log):
        mark = log.mark()
        script(fake)
        status = log.wait_for(is_state(DeviceState.ERROR, detail), since=mark)  # found by polling alone
        assert status.details == {detail}
        result = printer.print_receipt("order-1", sample_receipt()).result(10)
        assert result.outcome is JobOutcome.NOT_PRINTED and not result.printed
        assert detail in result.status.details
        fake.reset()
        assert printer.check_status().result(5).state is DeviceState.READY
        assert printer.print_receipt("order-1", sample_receipt()).result(10).outcome is JobOutcome.PRINTED
    jobs = fake.wait_for_jobs(1)
    assert len(jobs) == 1 and jobs[0].complete


def test_paper_near_end_warns_but_prints(fake: FakePrinter) -> None:
    fake.set_paper(PaperLevel.NEAR_END)
    with connected_printer(fake) as (printer, log):
        log.wait_for(is_state(DeviceState.WARNING, Detail.PAPER_NEAR_END))
        result = printer.print_receipt("order-1", sample_receipt()).result(10)
    assert result.outcome is JobOutcome.PRINTED
    assert result.status.state is DeviceState.WARNING
    assert fake.wait_for_jobs(1)[0].complete


@pytest.mark.parametrize("mode", [StatusMode.SILENT, StatusMode.GARBAGE])
def test_unanswered_or_malformed_status_is_unknown_not_offline(fake: FakePrinter, mode: StatusMode) -> None:
    fake.set_status_mode(mode)
    with connected_printer(fake, job_timeout_s=1.0) as (printer, log):
        status = log.wait_for(lambda s: s.state is DeviceState.WARNING)
        assert status.details == {Detail.UNKNOWN}
        result = printer.print_receipt("order-1", sample_receipt()).result(10)
        assert result.outcome is JobOutcome.UNVERIFIED and result.printed
        mark = log.mark()
        fake.set_status_mode(StatusMode.NORMAL)
        # answers to queries the printer dropped are skipped for at most one poll round
        log.wait_for(is_state(DeviceState.READY), since=mark, timeout_s=2.0)
    assert fake.wait_for_jobs(1)[0].complete


def test_power_off_disconnects_refuses_jobs_and_recovers(fake: FakePrinter) -> None:
    with connected_printer(fake) as (printer, log):
        mark = log.mark()
        fake.power_off()
        log.wait_for(is_state(DeviceState.DISCONNECTED), since=mark)
        result = printer.print_receipt("order-1", sample_receipt()).result(10)
        assert result.outcome is JobOutcome.NOT_PRINTED
        assert result.status.state is DeviceState.DISCONNECTED
        mark = log.mark()
        fake.power_on()
        log.wait_for(is_state(DeviceState.READY), since=mark)
        assert printer.print_receipt("order-1", sample_receipt()).result(10).outcome is JobOutcome.PRINTED
    assert fake.connections_accepted == 2


def test_slow_printer_is_busy_then_prints(fake: FakePrinter) -> None:
    fake.set_slow(0.02)
    with connected_printer(fake) as (printer, log):
        mark = log.mark()
        result = printer.print_receipt("order-1", sample_receipt()).result(10)
        assert result.outcome is JobOutcome.PRINTED
        states = [s.state for s in log.items[mark:]]
        assert states == [DeviceState.BUSY, DeviceState.READY]


def test_printer_slower_than_the_job_timeout_is_unverified_and_late_replies_are_flushed(
        fake: FakePrinter) -> None:
    fake.set_slow(0.03)  # about 1.4 s for this receipt, the adapter waits 0.3 s
    with connected_printer(fake, job_timeout_s=0.3) as (printer, _log):
        result = printer.print_receipt("order-1", sample_receipt(6)).result(10)
        assert result.outcome is JobOutcome.UNVERIFIED
        assert Detail.UNKNOWN in result.status.details
        fake.wait_for_jobs(1)
        fake.set_paper(PaperLevel.NEAR_END)
        # stale replies to the timed-out queries must not be read as answers to new ones
        assert printer.check_status().result(5).details == {Detail.PAPER_NEAR_END}
    assert fake.jobs[0].complete


MID_JOB = [
    (MidJobFault.PAPER_OUT, DeviceState.ERROR, Detail.PAPER_OUT),
    (MidJobFault.COVER_OPEN, DeviceState.ERROR, Detail.COVER_OPEN),
    (MidJobFault.CUTTER_ERROR, DeviceState.ERROR, Detail.CUTTER_ERROR),
]


@pytest.mark.parametrize(("fault", "state", "detail"), MID_JOB, ids=[f[0].value for f in MID_JOB])
def test_error_during_job_interrupts_it(fake: FakePrinter, fault: MidJobFault, state: DeviceState,
                                        detail: Detail) -> None:
    fake.fault_after(400, fault)
    receipt = sample_receipt()
    with connected_printer(fake) as (printer, _log):
        result = printer.print_receipt("order-1", receipt).result(10)
        assert result.outcome is JobOutcome.INTERRUPTED and not result.printed
        assert result.status.state is state and detail in result.status.details
        again = printer.print_receipt("order-1", receipt).result(10)
        assert again.outcome is JobOutcome.DUPLICATE  # never silently printed twice
    job = fake.wait_for_jobs(1)[0]
    assert "云商城自助终端" in job.text and "谢谢惠顾！欢迎再次光临。" not in job.text
    if fault is not MidJobFault.CUTTER_ERROR:
        assert job.decoded.lost_bytes > 0


@pytest.mark.parametrize("fault", [MidJobFault.DROP_CONNECTION, MidJobFault.POWER_OFF])
def test_connection_lost_during_job_interrupts_it_and_reconnects(fake: FakePrinter,
                                                                 fault: MidJobFault) -> None:
    fake.fault_after(400, fault)
    with connected_printer(fake) as (printer, log):
        mark = log.mark()
        result = printer.print_receipt("order-1", sample_receipt()).result(10)
        assert result.outcome is JobOutcome.INTERRUPTED
        assert result.status.state is DeviceState.DISCONNECTED
        log.wait_for(is_state(DeviceState.DISCONNECTED), since=mark)
        if fault is MidJobFault.POWER_OFF:
            fake.power_on()
        log.wait_for(is_state(DeviceState.READY), since=log.mark() - 1)
        assert printer.print_receipt("order-2", sample_receipt()).result(10).outcome is JobOutcome.PRINTED
    partial, complete = fake.wait_for_jobs(2)
    assert not partial.complete and "云商城自助终端" in partial.text
    assert complete.complete


def test_status_is_emitted_only_on_change(fake: FakePrinter) -> None:
    with connected_printer(fake, poll_interval_s=0.05) as (printer, log):
        queries = fake.status_queries
        deadline = time.monotonic() + 5
        while fake.status_queries < queries + 40 and time.monotonic() < deadline:
            printer.check_status().result(5)  # many polls, nothing changes
        assert [s.state for s in log.items] == [DeviceState.CONNECTING, DeviceState.READY]


# --- scanner -------------------------------------------------------------------------------------


@pytest.fixture
def pty_dir(tmp_path: Path) -> Path:
    (tmp_path / "by-id").mkdir()
    return tmp_path


def test_scanner_survives_20_unplug_replug_cycles(pty_dir: Path) -> None:
    sim = PtyScanner(pty_dir / "by-id" / "usb-Scanner-if00")
    sim.plug()
    scanner = SerialScanner(sim.path)
    statuses, scans = StatusLog(), ScanLog()
    scanner.add_status_listener(statuses)
    scanner.add_scan_listener(scans)
    scanner.start()
    try:
        statuses.wait_for(is_state(DeviceState.READY))
        slowest = 0.0
        for cycle in range(20):
            mark = statuses.mark()
            sim.unplug()
            statuses.wait_for(is_state(DeviceState.DISCONNECTED), since=mark)
            mark = statuses.mark()
            replugged = time.monotonic()
            sim.plug()
            statuses.wait_for(is_state(DeviceState.READY), since=mark, timeout_s=3.0)
            slowest = max(slowest, time.monotonic() - replugged)
            code = f"590123412345{7}" if cycle % 2 else "4006381333931"
            scan_mark = scans.mark()
            assert sim.scan(code)
            scan = scans.wait_for(lambda s: True, since=scan_mark, timeout_s=3.0)
            assert scan.ok and scan.gtin == code, scan
        assert slowest < 3.0
        assert sim.plug_count == 21
    finally:
        scanner.stop()
        sim.close()


def test_scanner_started_while_unplugged_comes_up_when_plugged(pty_dir: Path) -> None:
    sim = PtyScanner(pty_dir / "by-id" / "usb-Scanner-if00")
    scanner = SerialScanner(sim.path)
    statuses, scans = StatusLog(), ScanLog()
    scanner.add_status_listener(statuses)
    scanner.add_scan_listener(scans)
    scanner.start()
    try:
        statuses.wait_for(is_state(DeviceState.DISCONNECTED))
        sim.plug()
        statuses.wait_for(is_state(DeviceState.READY), timeout_s=3.0)
        sim.scan("]C1" + "0105901234123457" + "17250101" + "\x1d" + "10ABC123")
        scan = scans.wait_for(lambda s: True)
        assert scan.kind is ScanKind.GS1 and scan.gtin == "5901234123457"
    finally:
        scanner.stop()
        sim.close()


def test_partial_frame_cut_by_unplug_is_not_glued_to_the_next_code(pty_dir: Path) -> None:
    sim = PtyScanner(pty_dir / "by-id" / "usb-Scanner-if00")
    sim.plug()
    scanner = SerialScanner(sim.path)
    statuses, scans = StatusLog(), ScanLog()
    scanner.add_status_listener(statuses)
    scanner.add_scan_listener(scans)
    scanner.start()
    try:
        statuses.wait_for(is_state(DeviceState.READY))
        sim.write(b"590123")  # half a code, then the cable is pulled
        mark = statuses.mark()
        sim.unplug()
        statuses.wait_for(is_state(DeviceState.DISCONNECTED), since=mark)
        mark = statuses.mark()
        sim.plug()
        statuses.wait_for(is_state(DeviceState.READY), since=mark, timeout_s=3.0)
        sim.scan("4006381333931")
        scan = scans.wait_for(lambda s: True)
        assert scan.raw == "4006381333931" and scan.ok
        assert len(scans.items) == 1
    finally:
        scanner.stop()
        sim.close()
