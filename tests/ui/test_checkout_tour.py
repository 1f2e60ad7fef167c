"""The screenshot tour's checkout screens: rendered, in the chosen language, no tofu, no cut labels, and
the payment QR readable from the picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from kiosk.ui.tour import missing_glyphs, run_tour

pytestmark = pytest.mark.gui

SHOTS = ("cart", "fulfilment-delivery-errors", "payment", "payment-unknown", "done-delivery",
         "accessible-payment")


def test_checkout_screens_in_both_languages(qtbot: Any, tmp_path: Path) -> None:
    shots = run_tour(tmp_path, orientations=("portrait",), only=SHOTS)
    assert len(shots) == 2 * len(SHOTS)
    assert missing_glyphs(shots) == {}
    assert [s.path.name for s in shots if s.cut_labels] == []
    by_name = {s.path.name: s for s in shots}
    for language in ("zh_CN", "en_US"):
        for name in ("payment", "accessible-payment"):  # large text, reach mode: still a readable code
            with Image.open(tmp_path / f"portrait-{language}-{name}.png") as image:
                codes = [c.text for c in zxingcpp.read_barcodes(image.convert("L"))]
            assert codes == ["http://127.0.0.1:8765/pay/3f2a9c7e5b1d4c8e9f6a2d4b8e1c0a7f"], name
    zh, en = by_name["portrait-zh_CN-done-delivery.png"], by_name["portrait-en_US-done-delivery.png"]
    assert "K01-1126-0042" in zh.texts and "K01-1126-0042" in en.texts
    assert "支付成功" in zh.texts and "Paid" in en.texts
    assert any("138****8000" in t for t in en.texts) and not any("13800138000" in t for t in en.texts)
    errors = by_name["portrait-en_US-fulfilment-delivery-errors.png"]
    assert "Enter an 11-digit mobile number starting with 1, e.g. 13800138000" in errors.texts
