"""The on-screen QR image decodes to its payload and keeps a clean quiet zone."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtGui import QGuiApplication, QImage

from kiosk.devices.qr import QUIET_ZONE, build_qr
from kiosk.ui.qr_image import qr_image, qr_scale_for

PAYLOAD = "https://pay.example/p/7f3a9c2e-1b4d-4e8f-9a6b-2c5d8e1f0a3b?amount=13100"


def to_pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    return Image.frombytes("L", (image.width(), image.height()), data, "raw", "L", image.bytesPerLine())


@pytest.mark.parametrize("scale", [3, 8])
def test_qr_image_decodes_and_has_a_quiet_zone(qapp: QGuiApplication, scale: int) -> None:
    matrix = build_qr(PAYLOAD)
    image = qr_image(matrix, scale)
    assert image.width() == image.height() == matrix.size * scale
    pil = to_pil(image)
    assert [c.text for c in zxingcpp.read_barcodes(pil)] == [PAYLOAD]
    values = set(pil.tobytes())
    assert values == {0, 255}  # no smoothing: only black and white pixels
    border = QUIET_ZONE * scale
    side = pil.width
    for box in [(0, 0, side, border), (0, side - border, side, side), (0, 0, border, side),
                (side - border, 0, side, side)]:
        assert set(pil.crop(box).tobytes()) == {255}
    # the first dark module starts exactly at the quiet zone: the finder pattern's corner
    assert pil.getpixel((border, border)) == 0 and pil.getpixel((border - 1, border)) == 255


def test_scale_fits_the_space(qapp: QGuiApplication) -> None:
    matrix = build_qr(PAYLOAD)
    scale = qr_scale_for(matrix, 300)
    assert matrix.size * scale <= 300 < matrix.size * (scale + 1)
    with pytest.raises(ValueError):
        qr_image(matrix, 0)
