"""The serial scanner adapter on a real pty: what goes down the wire comes out as scan events."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import ScannerConfig
from kiosk.devices.factory import build_scanner
from kiosk.devices.scan_framing import ScanFramer
from kiosk.devices.scans import ScanKind
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.sim.pty_scanner import PtyScanner
from kiosk.devices.status import DeviceState

from .helpers import ScanLog, StatusLog, is_state

GS = "\x1d"


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[tuple[PtyScanner, SerialScanner, ScanLog]]:
    sim = PtyScanner(tmp_path / "scanner")
    sim.plug()
    scanner = SerialScanner(sim.path, framer=ScanFramer(max_length=64, max_gap_s=0.1))
    statuses, scans = StatusLog(), ScanLog()
    scanner.add_status_listener(statuses)
    scanner.add_scan_listener(scans)
    scanner.start()
    statuses.wait_for(is_state(DeviceState.READY))
    yield sim, scanner, scans
    scanner.stop()
    sim.close()


def test_scans_in_all_framings(rig: tuple[PtyScanner, SerialScanner, ScanLog]) -> None:
    sim, _scanner, scans = rig
    sim.scan("4006381333931", terminator=b"\r")
    sim.scan("12345670", aim="]E4", terminator=b"\n")
    sim.scan("https://store.example/o/1", aim="]Q1", terminator=b"\r\n")
    got = scans.wait_count(3)
    assert [s.gtin for s in got[:2]] == ["4006381333931", "12345670"]
    assert got[1].aim == "]E4"
    assert got[2].kind is ScanKind.TEXT and got[2].data == "https://store.example/o/1"
    assert all(s.ok for s in got)


def test_garbage_and_partial_frames(rig: tuple[PtyScanner, SerialScanner, ScanLog]) -> None:
    sim, _scanner, scans = rig
    sim.write(b"\x00\x07\x1b\x7f\r\n")  # line noise: nothing at all
    sim.write(b"59012")  # a partial frame that never ends...
    time.sleep(0.25)  # ...because the scanner went quiet for longer than the inter-byte gap
    sim.write(b"40063813\x0033931\r")  # a control byte inside a code is dropped
    sim.write(b"\xff\xfe\xfd\r")  # undecodable bytes
    sim.write(b"9" * 100 + b"\r")  # longer than the frame limit
    sim.scan("4006381333932")  # bad check digit
    got = scans.wait_count(4)
    assert got[0].ok and got[0].gtin == "4006381333931"
    assert [s.ok for s in got[1:]] == [False, False, False]
    assert "check digit" in (got[3].error or "")
    assert len(scans.items) == 4


def test_gs1_with_group_separator_over_the_wire(rig: tuple[PtyScanner, SerialScanner, ScanLog]) -> None:
    sim, _scanner, scans = rig
    sim.scan("0104006381333931" + "10B42" + GS + "17261231", aim="]C1")
    scan = scans.wait_for(lambda s: True)
    assert scan.kind is ScanKind.GS1 and scan.gtin == "4006381333931"
    assert dict(scan.ais) == {"01": "04006381333931", "10": "B42", "17": "261231"}


def test_scanner_from_config(tmp_path: Path) -> None:
    with PtyScanner(tmp_path / "scanner") as sim:
        scanner = build_scanner(ScannerConfig(kind="serial", port=sim.path))
        assert isinstance(scanner, SerialScanner)
        statuses, scans = StatusLog(), ScanLog()
        scanner.add_status_listener(statuses)
        scanner.add_scan_listener(scans)
        scanner.start()
        try:
            statuses.wait_for(is_state(DeviceState.READY))
            sim.scan("4006381333931")
            assert scans.wait_for(lambda s: True).gtin == "4006381333931"
        finally:
            scanner.stop()
    assert build_scanner(ScannerConfig(kind="none")) is None
