"""What a scanned code means: AIM symbology id, GTIN or GS1 element strings (via biip), or text.

A code that claims to be a GTIN or GS1 data but fails its check digits is a bad scan, reported as such,
never looked up as a product; so is a code with characters no label holds (control bytes, bytes that
were not text): line noise, not a code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import biip
from biip.gtin import Gtin, GtinFormat

GS = "\x1d"
_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
# AIM ids whose data is GS1 element strings: GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR, GS1 Composite
_GS1_AIMS = {"]C1", "]e0", "]d2", "]Q3", "]J1"}
_GTIN_LENGTHS = {8, 12, 13, 14}
# control characters other than GS (the GS1 separator), and U+FFFD, what decoding put for bytes that
# were not UTF-8
_UNREADABLE = re.compile("[\x00-\x1c\x1e-\x1f\x7f-\x9f\ufffd]")


class ScanKind(StrEnum):
    GTIN = "gtin"  # a retail product code (EAN-13/8, UPC-A, GTIN-14)
    GS1 = "gs1"  # GS1 element strings, e.g. (01) GTIN (17) expiry (10) batch
    TEXT = "text"  # anything else: a URL, an order number, an internal code
    INVALID = "invalid"


@dataclass(frozen=True)
class Scan:
    raw: str  # as the scanner sent it, AIM id included, terminator excluded
    aim: str | None
    data: str  # without the AIM id
    kind: ScanKind
    gtin: str | None = None  # GTIN-13 when it fits, else GTIN-14 / GTIN-8 as scanned
    ais: tuple[tuple[str, str], ...] = ()  # GS1 (application identifier, value) pairs
    error: str | None = None
    parsed: biip.ParseResult | None = None
    at: float = 0.0  # time.monotonic() when the frame was complete

    @property
    def ok(self) -> bool:
        return self.error is None


def _gtin_text(gtin: Gtin) -> str:
    if gtin.format in (GtinFormat.GTIN_12, GtinFormat.GTIN_13):
        return gtin.as_gtin_13()
    return gtin.value if gtin.format is GtinFormat.GTIN_8 else gtin.as_gtin_14()


def scan_event(scan: Scan) -> dict[str, str | bool]:
    """The fields of a "device.scan" event: how kiosk.app publishes every scanner's reads. `raw` is
    as read (control bytes and all: whoever shows it makes it safe first); `ais` the GS1 element
    strings in their printed form, "(01)09506000134352(17)201231"."""
    return {"ok": scan.ok, "kind": scan.kind.value, "data": scan.data, "gtin": scan.gtin or "",
            "error": scan.error or "", "raw": scan.raw, "aim": scan.aim or "",
            "ais": "".join(f"({ai}){value}" for ai, value in scan.ais)}


def bad_scan(raw: str, error: str, at: float = 0.0) -> Scan:
    aim = raw[:3] if _AIM.match(raw) else None
    return Scan(raw, aim, raw[3:] if aim else raw, ScanKind.INVALID, error=error, at=at)


def parse_scan(raw: str, at: float = 0.0) -> Scan:
    aim = raw[:3] if _AIM.match(raw) else None
    data = raw[3:] if aim else raw
    if not data.strip():
        return bad_scan(raw, "empty code", at)
    if _UNREADABLE.search(data):
        return bad_scan(raw, "unreadable characters", at)
    if aim is not None and aim.startswith("]E"):
        return _as_gtin(raw, aim, data, at)
    if aim in _GS1_AIMS or (aim is None and GS in data):
        return _as_gs1(raw, aim, data, at)
    if aim is None and data.isdigit() and len(data) in _GTIN_LENGTHS:
        return _as_gtin(raw, aim, data, at)
    return Scan(raw, aim, data, ScanKind.TEXT, at=at)


def _as_gtin(raw: str, aim: str | None, data: str, at: float) -> Scan:
    result = biip.parse(raw)
    if result.gtin is None:
        return Scan(raw, aim, data, ScanKind.INVALID, error=result.gtin_error or "not a GTIN",
                    parsed=result, at=at)
    return Scan(raw, aim, data, ScanKind.GTIN, gtin=_gtin_text(result.gtin), parsed=result, at=at)


def _as_gs1(raw: str, aim: str | None, data: str, at: float) -> Scan:
    # biip needs the AIM id to know GS1 is meant; without one, name it GS1-128 ourselves
    result = biip.parse(raw if aim else "]C1" + data)
    message = result.gs1_message
    if message is None:
        return Scan(raw, aim, data, ScanKind.INVALID, error=result.gs1_message_error or "not GS1 data",
                    parsed=result, at=at)
    for element in message.element_strings:
        problem = element.gtin_error or element.sscc_error or element.gln_error
        if problem:
            return Scan(raw, aim, data, ScanKind.INVALID, error=problem, parsed=result, at=at)
    ais = tuple((element.ai.ai, element.value) for element in message.element_strings)
    gtin = result.gtin
    return Scan(raw, aim, data, ScanKind.GS1, gtin=_gtin_text(gtin) if gtin else None, ais=ais,
                parsed=result, at=at)
