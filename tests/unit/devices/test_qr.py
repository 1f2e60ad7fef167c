from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from kiosk.devices.qr import QUIET_ZONE, build_qr, raster_rows


def test_matrix_has_quiet_zone_and_ec_level_m() -> None:
    matrix = build_qr("https://store.example/o/1")
    q = QUIET_ZONE
    assert all(not any(row) for row in matrix.rows[:q] + matrix.rows[-q:])
    assert all(not any(row[:q]) and not any(row[-q:]) for row in matrix.rows)
    assert matrix.rows[q][q]  # finder pattern corner
    # version 2 (25 modules) holds 25 bytes at level M; level L would fit them into version 1 (21)
    assert matrix.size == 25 + 2 * q


def test_raster_rows_decode_back() -> None:
    payload = "订单 K01-1126-0042"
    matrix = build_qr(payload)
    width_bytes, height, data = raster_rows(matrix, 4, left_pad_bytes=2)
    assert height == matrix.size * 4 and len(data) == width_bytes * height
    image = Image.frombytes("1", (width_bytes * 8, height), data, "raw", "1;I")
    assert [c.text for c in zxingcpp.read_barcodes(image.convert("L"))] == [payload]


def test_empty_payload_rejected() -> None:
    with pytest.raises(ValueError):
        build_qr("")
