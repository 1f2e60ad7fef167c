from __future__ import annotations

import pytest

from kiosk.devices.escpos_commands import CHINESE_ON, EscposWriter, encode_text
from kiosk.devices.receipt import (
    ENGLISH_LABELS,
    PaperProfile,
    build_receipt,
    display_width,
    mask_phone,
    plain_money,
    receipt_text_lines,
    two_columns,
    wrap,
)
from kiosk.devices.sim.escpos_decoder import EscposDecoder, JobDone

from .helpers import sample_receipt


def decode(data: bytes) -> JobDone:
    events = [e for e in EscposDecoder().feed(data) if isinstance(e, JobDone)]
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812341234", "138****1234"), ("+86 138-1234-1234", "138****1234"),
    ("021-62345678", "021****5678"), ("62345678", "****5678"),
    ("1234567", "*****67"), ("12", "12"),
])
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_full_width_punctuation_and_yuan_sign_are_gb18030() -> None:
    assert encode_text("，。！￥") == "，。！￥".encode("gb18030")  # no '?' as python-escpos gives
    assert encode_text("¥5") == "￥5".encode("gb18030")  # the half-width sign has no two-byte code
    assert encode_text("a😀b") == b"a?b"


def test_display_width_and_wrapping() -> None:
    assert display_width("可乐 ab") == 7
    for line in wrap("上海市浦东新区世纪大道100号，B座12楼 Building", 10):
        assert display_width(line) <= 10
    assert "".join(wrap("上海市浦东新区世纪大道", 7)) == "上海市浦东新区世纪大道"
    assert two_columns("合计", "￥1.00", 20) == ["合计" + " " * 10 + "￥1.00"]


@pytest.mark.parametrize("width", [58, 80])
def test_every_line_fits_the_paper(width: int) -> None:
    profile = PaperProfile(width)  # type: ignore[arg-type]
    receipt = sample_receipt(lines=20)
    lines = receipt_text_lines(receipt, profile)
    assert max(display_width(line) for line in lines) <= profile.columns
    job = decode(build_receipt(receipt, profile)).job
    assert job.cut
    # lines printed double width use half the columns
    for line in job.blocks:
        if hasattr(line, "runs"):
            assert sum(display_width(r.text) * r.width for r in line.runs) <= profile.columns


def test_receipt_starts_in_chinese_mode_and_english_labels_work() -> None:
    data = build_receipt(sample_receipt(), labels=ENGLISH_LABELS)
    assert data.startswith(b"\x1b@" + CHINESE_ON)
    text = decode(data).job.text
    assert "Order no." in text and "Total" in text and "可口可乐" in text


def test_without_chinese_mode_the_printer_shows_mojibake() -> None:
    # guards the decoder: it must not read Chinese unless FS & was sent
    job = decode(EscposWriter().init(chinese=False).line("可乐").cut().getvalue()).job
    assert "可乐" not in job.text


def test_plain_money() -> None:
    assert plain_money(12345, "CNY") == "￥123.45"
    assert plain_money(-5, "CNY") == "-￥0.05"
    assert plain_money(100, "JPY") == "1.00 JPY"


def test_chunked_stream_decodes_the_same() -> None:
    data = build_receipt(sample_receipt(), PaperProfile(80, "native"))
    whole = decode(data).job
    decoder = EscposDecoder()
    events = []
    for i in range(0, len(data), 7):
        events += decoder.feed(data[i:i + 7])
    chunked = next(e for e in events if isinstance(e, JobDone)).job
    assert chunked.lines == whole.lines
    assert [b.qr_payload for b in chunked.images] == ["https://store.example/o/123e4567-e89b-12d3-a456-426614174000"]
