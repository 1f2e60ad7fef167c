"""Receipt → adapter → fake printer over TCP → decoded text and a rendered PNG."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from kiosk.devices.ports import JobOutcome
from kiosk.devices.receipt import PaperProfile, receipt_text_lines
from kiosk.devices.sim.fake_printer import FakePrinter

from .helpers import connected_printer, sample_receipt


@pytest.mark.parametrize(("width", "qr_mode"), [(80, "image"), (58, "image"), (80, "native"), (58, "native")])
def test_receipt_round_trip(width: int, qr_mode: str) -> None:
    profile = PaperProfile(width, qr_mode)  # type: ignore[arg-type]
    receipt = sample_receipt(lines=6)
    with FakePrinter(width) as fake, connected_printer(fake, profile) as (printer, _log):  # type: ignore[arg-type]
        result = printer.print_receipt("order-1", receipt).result(10)
        assert result.outcome is JobOutcome.PRINTED, result
        job = fake.wait_for_jobs(1)[0]
    assert job.complete and not job.decoded.unknown
    printed = job.decoded.lines
    for line in receipt_text_lines(receipt, profile):
        assert line in printed
    # the things a shopper reads, checked literally rather than through the layout code
    text = job.text
    for expected in ("云商城自助终端", "K01-1126-0042", "可口可乐 330ml（罐装）", "谢谢惠顾！欢迎再次光临。",
                     "138****1234", "微信支付", "WX4200001234", "￥"):
        assert expected in text
    assert "13812341234" not in text
    assert max(len(line.encode("gbk")) for line in printed) <= profile.columns
    png = Image.open(io.BytesIO(job.png()))
    assert png.width == profile.dots
    codes = zxingcpp.read_barcodes(png)
    assert [c.text for c in codes] == [receipt.qr_url]


def test_pickup_receipt_prints_pickup_code(fake_printer: FakePrinter) -> None:
    receipt = sample_receipt(lines=2, delivery=False)
    with connected_printer(fake_printer) as (printer, _log):
        assert printer.print_receipt("p-1", receipt).result(10).outcome is JobOutcome.PRINTED
    text = fake_printer.wait_for_jobs(1)[0].text
    assert "A-0042" in text and "一楼服务台" in text and "电话" not in text


def test_same_job_id_prints_once_and_reprint_is_a_new_job(fake_printer: FakePrinter) -> None:
    receipt = sample_receipt()
    with connected_printer(fake_printer) as (printer, _log):
        first = printer.print_receipt("order-7", receipt)
        again = printer.print_receipt("order-7", receipt)
        assert first.result(10).outcome is JobOutcome.PRINTED
        duplicate = again.result(10)
        assert duplicate.outcome is JobOutcome.DUPLICATE and duplicate.original is JobOutcome.PRINTED
        assert duplicate.printed
        assert printer.print_receipt("order-7/reprint-1", receipt).result(10).outcome is JobOutcome.PRINTED
    assert len(fake_printer.wait_for_jobs(2)) == 2
    assert printer.driver.connected is False  # stopped


def test_drawer_kick_reaches_the_printer(fake_printer: FakePrinter) -> None:
    with connected_printer(fake_printer) as (printer, _log):
        assert printer.kick_drawer().result(5) is True
        assert printer.print_receipt("d-1", sample_receipt(1)).result(10).outcome is JobOutcome.PRINTED
    assert fake_printer.wait_for_jobs(1)[0].decoded.drawer_kicks == 1
