from __future__ import annotations

import pytest

from kiosk.devices.scan_framing import Frame, ScanFramer
from kiosk.devices.scans import ScanKind, parse_scan, scan_event
from kiosk.devices.serial_scanner import scan_from_frame

GS = "\x1d"


# --- framing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"])
def test_each_terminator_ends_exactly_one_frame(terminator: bytes) -> None:
    framer = ScanFramer()
    frames = framer.feed(b"4006381333931" + terminator + b"12345670" + terminator, now=0.0)
    assert [f.data for f in frames] == [b"4006381333931", b"12345670"]


def test_frame_split_across_reads() -> None:
    framer = ScanFramer(max_gap_s=0.05)
    assert framer.feed(b"40063", 0.0) == []
    assert framer.feed(b"81333", 0.01) == []
    assert [f.data for f in framer.feed(b"931\r", 0.02)] == [b"4006381333931"]


def test_control_bytes_dropped_but_gs_kept() -> None:
    frames = ScanFramer().feed(b"\x00\x0701\x1b0590\x1d10AB\x7f\r", 0.0)
    assert frames == [Frame(b"010590\x1d10AB")]


def test_noise_only_frame_is_ignored() -> None:
    assert ScanFramer().feed(b"\x00\x01\x02\r\n\r", 0.0) == []


def test_inter_byte_gap_discards_the_stale_part() -> None:
    framer = ScanFramer(max_gap_s=0.05)
    framer.feed(b"5901", 0.0)
    frames = framer.feed(b"4006381333931\r", 0.2)
    assert [f.data for f in frames] == [b"4006381333931"]
    assert framer.dropped_partials == 1


def test_too_long_frame_is_reported_and_the_next_one_is_clean() -> None:
    framer = ScanFramer(max_length=16)
    frames = framer.feed(b"A" * 40 + b"\r12345670\r", 0.0)
    assert frames[0].error is not None and len(frames[0].data) == 16
    assert frames[1] == Frame(b"12345670")
    assert scan_from_frame(frames[0], 0.0).kind is ScanKind.INVALID


def test_undecodable_bytes_are_a_bad_scan() -> None:
    scan = scan_from_frame(Frame(b"\xff\xfe12"), 0.0)
    assert not scan.ok and scan.kind is ScanKind.INVALID


# --- meaning -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "gtin"), [
    ("4006381333931", "4006381333931"),
    ("]E04006381333931", "4006381333931"),
    ("]E312345670", "12345670"),  # EAN-8
    ("036000291452", "0036000291452"),  # UPC-A as GTIN-13
])
def test_gtins(raw: str, gtin: str) -> None:
    scan = parse_scan(raw)
    assert scan.ok and scan.kind is ScanKind.GTIN and scan.gtin == gtin


@pytest.mark.parametrize("raw", ["4006381333932", "]E04006381333932", "12345671"])
def test_bad_check_digit_is_a_bad_scan_not_a_lookup(raw: str) -> None:
    scan = parse_scan(raw)
    assert not scan.ok and scan.kind is ScanKind.INVALID and scan.gtin is None
    assert "check digit" in (scan.error or "").lower()


def test_aim_id_is_split_off() -> None:
    scan = parse_scan("]Q1https://store.example/o/1")
    assert scan.aim == "]Q1" and scan.data == "https://store.example/o/1" and scan.kind is ScanKind.TEXT


def test_gs1_128_with_expiry_and_batch() -> None:
    scan = parse_scan("]C1" + "0105901234123457" + "17250101" + "10ABC123" + GS + "21XYZ")
    assert scan.ok and scan.kind is ScanKind.GS1
    assert scan.gtin == "5901234123457"
    assert scan.ais == (("01", "05901234123457"), ("17", "250101"), ("10", "ABC123"), ("21", "XYZ"))


def test_gs1_without_aim_is_recognised_by_its_separator() -> None:
    scan = parse_scan("0105901234123457" + "10LOT7" + GS + "17250101")
    assert scan.kind is ScanKind.GS1 and scan.gtin == "5901234123457"
    assert dict(scan.ais)["10"] == "LOT7"


def test_gs1_with_bad_gtin_check_digit_is_bad() -> None:
    scan = parse_scan("]C1" + "0105901234123458" + "17250101")
    assert not scan.ok and scan.kind is ScanKind.INVALID


def test_gs1_aim_with_nonsense_is_bad() -> None:
    assert not parse_scan("]C1hello").ok


def test_other_codes_are_text() -> None:
    scan = parse_scan("K01-1126-0042")
    assert scan.ok and scan.kind is ScanKind.TEXT and scan.aim is None


@pytest.mark.parametrize("raw", ["\x1b[31m4006381333931", "ABC\x07", "12\ufffd34", "\x00\x1b[2J#~", "   "])
def test_control_bytes_and_undecodable_text_are_a_bad_scan(raw: str) -> None:
    scan = parse_scan(raw)
    assert not scan.ok and scan.kind is ScanKind.INVALID and scan.gtin is None


def test_markup_is_text_as_read() -> None:
    raw = '<font size="7" color="green">FREE ITEMS AT COUNTER</font>'
    scan = parse_scan(raw)
    assert scan.ok and scan.kind is ScanKind.TEXT and scan.data == raw


def test_a_scan_event_carries_what_the_kiosk_shows() -> None:
    assert scan_event(parse_scan("4006381333932")) == {
        "ok": False, "kind": "invalid", "data": "4006381333932", "gtin": "",
        "error": parse_scan("4006381333932").error, "raw": "4006381333932", "aim": "", "ais": ""}
    assert scan_event(parse_scan("]E04006381333931"))["gtin"] == "4006381333931"
    gs1 = scan_event(parse_scan("]C10109506000134352\x1d17201231"))
    assert (gs1["raw"], gs1["aim"], gs1["ais"]) == (
        "]C10109506000134352\x1d17201231", "]C1", "(01)09506000134352(17)201231")
