"""The screenshot tour's payment outcomes and receipts: checking, declined with its choices and help,
the e-receipt QR, the printer out of paper. Rendered in both languages, no tofu, no cut labels, and
the e-receipt QR readable from the picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from kiosk.ui.tour import missing_glyphs, run_tour

pytestmark = pytest.mark.gui

SHOTS = ("payment-checking", "payment-declined", "payment-declined-help", "done-e-receipt",
         "fulfilment-printer-out", "payment-printer-out", "done-printer-out")
ORDER_PAGE = "http://127.0.0.1:8765/o/5b0e4c1a-7d2f-4e8b-9a61-c3f0d2e4b7a9"


def codes(path: Path) -> list[str]:
    with Image.open(path) as image:
        return [c.text for c in zxingcpp.read_barcodes(image.convert("L"))]


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_payment_outcomes_and_receipts_in_both_languages(qtbot: Any, tmp_path: Path,
                                                         orientation: str) -> None:
    shots = run_tour(tmp_path, orientations=(orientation,), only=SHOTS)
    assert len(shots) == 2 * len(SHOTS)
    assert missing_glyphs(shots) == {}
    assert [s.path.name for s in shots if s.cut_labels] == []
    shot = {s.path.name.removeprefix(f"{orientation}-"): s for s in shots}
    zh, en = "zh_CN-", "en_US-"

    assert "订单号：K01-1126-0042" in shot[zh + "payment-checking.png"].texts
    assert "Order number: K01-1126-0042" in shot[en + "payment-checking.png"].texts
    assert "Cancel payment" not in shot[en + "payment-checking.png"].texts
    for label in ("Try again", "Pay with Alipay instead", "Help with payment", "Back to cart"):
        assert label in shot[en + "payment-declined.png"].texts
    assert "改用支付宝" in shot[zh + "payment-declined.png"].texts
    help_texts = shot[en + "payment-declined-help.png"].texts
    assert "K01-1126-0042" in help_texts and "pay_8c41d7e09b2a5f63e1d0c4b7" in help_texts
    assert "支付流水号" in shot[zh + "payment-declined-help.png"].texts

    notice = "The printer is out of paper: you will get your receipt on your phone."
    assert notice in shot[en + "fulfilment-printer-out.png"].texts
    assert notice in shot[en + "payment-printer-out.png"].texts
    for language in (zh, en):
        for name in ("done-e-receipt", "done-printer-out"):
            assert codes(tmp_path / f"{orientation}-{language}{name}.png") == [ORDER_PAGE], name
