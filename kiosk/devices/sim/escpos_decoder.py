"""Decode an ESC/POS byte stream the way a printer does: text lines with styles, images, cuts.

Incremental: bytes may arrive in any chunks; an incomplete command waits for the rest. Real-time
status queries (`DLE EOT n`) come out as events in stream order, so the fake printer answers them
only after it has "printed" everything sent before them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from PIL import Image

from kiosk.devices.qr import build_qr

Align = Literal["left", "center", "right"]
_ALIGNS: dict[int, Align] = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass
class TextLine:
    runs: list[Run]
    align: Align = "left"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class ImageBlock:
    image: Image.Image  # mode "1", black = printed
    align: Align = "left"
    qr_payload: str | None = None  # set when the printer drew a native QR code


Block = TextLine | ImageBlock


@dataclass
class DecodedJob:
    blocks: list[Block] = field(default_factory=list)
    cut: bool = False  # a job without a cut was cut off (connection dropped)
    drawer_kicks: int = 0
    lost_bytes: int = 0  # data that arrived while the printer could not print
    unknown: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, TextLine)]

    @property
    def qr_payload(self) -> str | None:
        """What the job's last native QR code says (a receipt's: its order page), if it drew one."""
        codes = [block.qr_payload for block in self.blocks
                 if isinstance(block, ImageBlock) and block.qr_payload]
        return codes[-1] if codes else None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def images(self) -> list[ImageBlock]:
        return [block for block in self.blocks if isinstance(block, ImageBlock)]

    @property
    def empty(self) -> bool:
        return not (self.blocks or self.drawer_kicks or self.lost_bytes)


@dataclass(frozen=True)
class StatusRequest:
    query: int  # n of DLE EOT n


@dataclass(frozen=True)
class LineFed:
    """One line of paper moved: the fake printer uses it to be slow."""


@dataclass(frozen=True)
class JobDone:
    job: DecodedJob


Event = StatusRequest | LineFed | JobDone


class _NeedMore(Exception):
    pass


class EscposDecoder:
    def __init__(self) -> None:
        self._buf = bytearray()
        self.printing = True  # False while paper is out or the cover open: data is consumed, not printed
        self.job_bytes = 0  # bytes of the current job, status queries excluded
        self._job = DecodedJob()
        self._reset_style()

    def _reset_style(self) -> None:
        self.align: Align = "left"
        self.bold = False
        self.width = 1
        self.height = 1
        self.chinese = False
        self._runs: list[Run] = []
        self._pending = bytearray()
        self._line_align: Align | None = None
        self._qr_data = b""
        self._qr_module = 3

    # --- public ----------------------------------------------------------------------------------

    def feed(self, data: bytes) -> list[Event]:
        self._buf += data
        events: list[Event] = []
        pos = 0
        while pos < len(self._buf):
            realtime = self._buf[pos] == 0x10
            try:
                used = self._step(pos, events)
            except _NeedMore:
                break
            if not realtime:
                self.job_bytes += used
            pos += used
        del self._buf[:pos]
        return events

    def finish(self) -> DecodedJob | None:
        """The stream ended: whatever was received of an unfinished job."""
        self._end_line(force=False)
        job, self._job = self._job, DecodedJob()
        return None if job.empty else job

    # --- parsing ---------------------------------------------------------------------------------

    def _need(self, pos: int, count: int) -> bytes:
        if pos + count > len(self._buf):
            raise _NeedMore
        return bytes(self._buf[pos:pos + count])

    def _step(self, pos: int, events: list[Event]) -> int:
        byte = self._buf[pos]
        if byte == 0x10:
            return self._dle(pos, events)
        if byte == 0x1B:
            return self._esc(pos, events)
        if byte == 0x1D:
            return self._gs(pos, events)
        if byte == 0x1C:
            return self._fs(pos)
        if byte == 0x0A:
            self._end_line(force=True)
            events.append(LineFed())
            return 1
        if byte == 0x0C:
            self._end_line(force=False)
            return 1
        if byte == 0x09:
            self._text(b" " * 4)
            return 1
        if byte < 0x20:
            return 1  # CR and other controls print nothing
        if self.chinese and byte >= 0x81:
            second = self._need(pos, 2)[1]
            size = 4 if 0x30 <= second <= 0x39 else 2
            self._text(self._need(pos, size))
            return size
        self._text(bytes((byte,)))
        return 1

    def _dle(self, pos: int, events: list[Event]) -> int:
        cmd = self._need(pos, 2)[1]
        if cmd == 0x04:
            events.append(StatusRequest(self._need(pos, 3)[2]))
            return 3
        if cmd == 0x14:
            return len(self._need(pos, 5))
        self._job.unknown.append(f"DLE {cmd:#04x}")
        return 1

    def _esc(self, pos: int, events: list[Event]) -> int:
        cmd = chr(self._need(pos, 2)[1])
        if cmd == "@":
            self._end_line(force=False)
            self._reset_style()
            return 2
        if cmd in "2<":
            return 2
        if cmd in "aE!-MtdJ3G{ RVUc":
            arg = self._need(pos, 3)[2]
            if cmd == "a":
                self._set_style(align=_ALIGNS.get(arg, "left"))
            elif cmd == "E":
                self._set_style(bold=bool(arg & 1))
            elif cmd == "!":
                self._set_style(bold=bool(arg & 0x08), height=2 if arg & 0x10 else 1,
                                width=2 if arg & 0x20 else 1)
            elif cmd == "d":
                for _ in range(arg):
                    self._end_line(force=True)
                    events.append(LineFed())
            return 3
        if cmd == "p":
            self._need(pos, 5)
            if self.printing:
                self._job.drawer_kicks += 1
            return 5
        if cmd == "*":
            head = self._need(pos, 5)
            columns = head[3] | head[4] << 8
            rows_bytes = 1 if head[2] in (0, 1) else 3
            data = self._need(pos, 5 + columns * rows_bytes)[5:]
            self._image(_column_image(data, columns, rows_bytes))
            return 5 + columns * rows_bytes
        self._job.unknown.append(f"ESC {cmd!r}")
        return 2

    def _gs(self, pos: int, events: list[Event]) -> int:
        cmd = chr(self._need(pos, 2)[1])
        if cmd == "!":
            arg = self._need(pos, 3)[2]
            self._set_style(width=(arg >> 4) + 1, height=(arg & 0x0F) + 1)
            return 3
        if cmd == "V":
            mode = self._need(pos, 3)[2]
            size = 4 if mode in (65, 66, 97, 98, 103, 104) else 3
            self._need(pos, size)
            self._end_line(force=False)
            self._job.cut = True
            job, self._job = self._job, DecodedJob()
            self.job_bytes = 0
            events.append(JobDone(job))
            return size
        if cmd == "v":
            head = self._need(pos, 8)
            width_bytes = head[4] | head[5] << 8
            height = head[6] | head[7] << 8
            data = self._need(pos, 8 + width_bytes * height)[8:]
            image = Image.frombytes("1", (width_bytes * 8, height), data, "raw", "1;I")
            self._image(image)
            return 8 + width_bytes * height
        if cmd == "(":
            head = self._need(pos, 5)
            length = head[3] | head[4] << 8
            body = self._need(pos, 5 + length)[5:]
            if chr(head[2]) == "k":
                self._qr_command(body)
            elif chr(head[2]) != "L":
                self._job.unknown.append(f"GS ( {chr(head[2])!r}")
            return 5 + length
        if cmd in "BHfhwraLW":
            return len(self._need(pos, 4 if cmd in "LW" else 3))
        self._job.unknown.append(f"GS {cmd!r}")
        return 2

    def _fs(self, pos: int) -> int:
        cmd = chr(self._need(pos, 2)[1])
        if cmd in "&.":
            self._flush_run()
            self.chinese = cmd == "&"
            return 2
        if cmd in "!-C":
            return 3
        self._job.unknown.append(f"FS {cmd!r}")
        return 2

    def _qr_command(self, body: bytes) -> None:
        if len(body) < 2 or body[0] != ord("1"):
            return
        fn = body[1]
        if fn == 67 and len(body) > 2:
            self._qr_module = max(1, min(16, body[2]))
        elif fn == 80:
            self._qr_data = body[3:]
        elif fn == 81 and self._qr_data:
            payload = self._qr_data.decode("utf-8", "replace")
            matrix = build_qr(payload)
            size = matrix.size * self._qr_module
            image = Image.new("1", (matrix.size, matrix.size), 1)
            image.putdata([0 if dark else 1 for row in matrix.rows for dark in row])
            self._image(image.resize((size, size), Image.Resampling.NEAREST), payload)

    # --- building the job --------------------------------------------------------------------------

    def _set_style(self, **changes: object) -> None:
        self._flush_run()
        for name, value in changes.items():
            setattr(self, name, value)

    def _text(self, data: bytes) -> None:
        if self._line_align is None:
            self._line_align = self.align  # a printer takes the alignment at the start of a line
        self._pending += data

    def _flush_run(self) -> None:
        if not self._pending:
            return
        text = self._pending.decode("gb18030" if self.chinese else "cp437", "replace")
        self._pending.clear()
        if self.printing:
            self._runs.append(Run(text, self.bold, self.width, self.height))
        else:
            self._job.lost_bytes += len(text)

    def _end_line(self, force: bool) -> None:
        self._flush_run()
        if self._runs or force:
            if self.printing:
                self._job.blocks.append(TextLine(self._runs, self._line_align or self.align))
            self._runs = []
        self._line_align = None

    def _image(self, image: Image.Image, qr_payload: str | None = None) -> None:
        self._end_line(force=False)
        if self.printing:
            self._job.blocks.append(ImageBlock(image, self.align, qr_payload))
        else:
            self._job.lost_bytes += image.width * image.height // 8


def _column_image(data: bytes, columns: int, rows_bytes: int) -> Image.Image:
    """`ESC *` column format: each column is `rows_bytes` bytes, MSB at the top."""
    height = rows_bytes * 8
    image = Image.new("1", (columns, height), 1)
    pixels = image.load()
    assert pixels is not None
    for x in range(columns):
        for r in range(rows_bytes):
            byte = data[x * rows_bytes + r]
            for bit in range(8):
                if byte & (0x80 >> bit):
                    pixels[x, r * 8 + bit] = 0
    return image
