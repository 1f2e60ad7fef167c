"""Paint a QR matrix into a QImage: whole-pixel modules, no smoothing, so phones read it at a glance."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kiosk.devices.qr import QrMatrix

_DARK, _LIGHT = b"\x00", b"\xff"


def qr_scale_for(matrix: QrMatrix, max_px: int) -> int:
    """The largest whole number of pixels per module that fits in `max_px` (at least 1)."""
    return max(1, max_px // matrix.size)


def qr_image(matrix: QrMatrix, scale: int) -> QImage:
    """Grayscale image, `scale` pixels per module, quiet zone included; never resampled afterwards."""
    if scale < 1:
        raise ValueError("scale must be a whole number >= 1")
    side = matrix.size * scale
    rows = bytearray()
    for row in matrix.rows:
        line = b"".join((_DARK if dark else _LIGHT) * scale for dark in row)
        rows += line * scale
    # copy(): the QImage must own its pixels, not borrow the bytearray
    return QImage(bytes(rows), side, side, side, QImage.Format.Format_Grayscale8).copy()
