"""A small ESC/POS byte writer: only the commands our receipts use, each one easy to check.

Text goes out in GB18030 after `FS &` (Chinese character mode), which prints ASCII, Chinese,
full-width punctuation and ￥ alike on Chinese-market printers.
"""

from __future__ import annotations

from typing import Literal

from kiosk.devices.qr import QrMatrix, raster_rows

Align = Literal["left", "center", "right"]
ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
_ALIGN = {"left": 0, "center": 1, "right": 2}
# ¥ (U+00A5) has only a four-byte GB18030 code, which printer fonts lack; the full-width sign prints
_NORMALISE = str.maketrans({"¥": "￥"})


def encode_text(text: str) -> bytes:
    """GB18030 bytes a printer font can show; characters outside the two-byte area become '?'."""
    text = text.translate(_NORMALISE)
    try:
        return text.encode("gbk")  # GBK is the two-byte part of GB18030: the fast path
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for char in text:
        encoded = char.encode("gb18030")
        out += encoded if len(encoded) <= 2 else b"?"
    return bytes(out)


class EscposWriter:
    def __init__(self) -> None:
        self._out = bytearray()

    def raw(self, data: bytes) -> EscposWriter:
        self._out += data
        return self

    def init(self, chinese: bool = True) -> EscposWriter:
        self._out += INIT
        if chinese:
            self._out += CHINESE_ON
        return self

    def align(self, align: Align) -> EscposWriter:
        self._out += ESC + b"a" + bytes((_ALIGN[align],))
        return self

    def bold(self, on: bool) -> EscposWriter:
        self._out += ESC + b"E" + (b"\x01" if on else b"\x00")
        return self

    def size(self, width: int = 1, height: int = 1) -> EscposWriter:
        if not (1 <= width <= 8 and 1 <= height <= 8):
            raise ValueError("character size multipliers run from 1 to 8")
        self._out += GS + b"!" + bytes((((width - 1) << 4) | (height - 1),))
        return self

    def text(self, text: str) -> EscposWriter:
        self._out += encode_text(text)
        return self

    def line(self, text: str = "") -> EscposWriter:
        self._out += encode_text(text) + b"\n"
        return self

    def feed(self, lines: int) -> EscposWriter:
        self._out += ESC + b"d" + bytes((max(0, min(255, lines)),))
        return self

    def qr_native(self, payload: str, module_dots: int = 6) -> EscposWriter:
        """`GS ( k`: the printer draws the code itself (model 2, EC level M)."""
        data = payload.encode("utf-8")

        def fn(code: int, params: bytes) -> bytes:
            body = b"1" + bytes((code,)) + params
            return GS + b"(k" + len(body).to_bytes(2, "little") + body

        self._out += fn(65, b"2\x00") + fn(67, bytes((module_dots,))) + fn(69, b"1")
        self._out += fn(80, b"0" + data) + fn(81, b"0")
        return self

    def raster(self, width_bytes: int, height: int, data: bytes) -> EscposWriter:
        """`GS v 0`: a 1-bit image, 1 = black."""
        if len(data) != width_bytes * height:
            raise ValueError("raster data does not match its size")
        self._out += GS + b"v0\x00" + width_bytes.to_bytes(2, "little") + height.to_bytes(2, "little")
        self._out += data
        return self

    def qr_image(self, matrix: QrMatrix, module_dots: int, paper_dots: int) -> EscposWriter:
        """The QR as a centred raster image, for printers without native QR."""
        left_pad = max(0, (paper_dots - matrix.size * module_dots) // 2) // 8
        self.raster(*raster_rows(matrix, module_dots, left_pad))
        return self

    def kick_drawer(self, pin: int = 0) -> EscposWriter:
        self._out += ESC + b"p" + bytes((pin, 25, 250))
        return self

    def cut(self, feed_dots: int = 16) -> EscposWriter:
        """`GS V 66 n`: feed to the cutter plus n dots, then a partial cut."""
        self._out += GS + b"V" + bytes((66, feed_dots))
        return self

    def getvalue(self) -> bytes:
        return bytes(self._out)
