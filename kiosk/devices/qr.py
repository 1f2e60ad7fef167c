"""QR matrices for the payment screen and the receipt: EC level M, quiet zone of 4 modules.

Only the matrix is built here (Qt-free); kiosk/ui paints it, and the printer gets raster bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
import qrcode.constants

QUIET_ZONE = 4


@dataclass(frozen=True)
class QrMatrix:
    """Square grid of modules, True = dark, quiet zone included."""

    rows: tuple[tuple[bool, ...], ...]
    quiet_zone: int = QUIET_ZONE

    @property
    def size(self) -> int:
        return len(self.rows)


def build_qr(payload: str, quiet_zone: int = QUIET_ZONE) -> QrMatrix:
    if not payload:
        raise ValueError("a QR code needs a payload")
    code = qrcode.QRCode(border=quiet_zone, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    return QrMatrix(tuple(tuple(bool(m) for m in row) for row in code.get_matrix()), quiet_zone)


def raster_rows(matrix: QrMatrix, scale: int, left_pad_bytes: int = 0) -> tuple[int, int, bytes]:
    """ESC/POS raster bits (1 = black, MSB first): returns (width_bytes, height_dots, data)."""
    if scale < 1:
        raise ValueError("scale must be a whole number >= 1")
    width_dots = matrix.size * scale
    width_bytes = left_pad_bytes + (width_dots + 7) // 8
    pad_bits = (width_dots + 7) // 8 * 8 - width_dots
    out = bytearray()
    pad = bytes(left_pad_bytes)
    for row in matrix.rows:
        bits = "".join(("1" if dark else "0") * scale for dark in row) + "0" * pad_bits
        line = pad + int(bits, 2).to_bytes(len(bits) // 8, "big")
        out += line * scale
    return width_bytes, matrix.size * scale, bytes(out)
