"""Cut a scanner's byte stream into codes.

A code ends at CR, LF or CRLF. Control bytes are line noise and dropped, except GS (the GS1 field
separator). A frame that grows past `max_length`, or whose bytes stop arriving for longer than
`max_gap_s` (a half-sent code from an unplugged cable), is thrown away rather than glued to the next.
"""

from __future__ import annotations

from dataclasses import dataclass

_CR, _LF, _GS = 0x0D, 0x0A, 0x1D


@dataclass(frozen=True)
class Frame:
    data: bytes
    error: str | None = None  # "too long" frames are reported; noise-only frames are not

    def text(self) -> str | None:
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError:
            return None


class ScanFramer:
    def __init__(self, max_length: int = 512, max_gap_s: float = 0.2) -> None:
        self.max_length = max_length
        self.max_gap_s = max_gap_s
        self._buffer = bytearray()
        self._last_byte_at: float | None = None
        self._overflowed = False
        self.dropped_partials = 0  # frames cut off by a gap: a counter for the technician screen

    def feed(self, data: bytes, now: float) -> list[Frame]:
        self.expire(now)
        frames: list[Frame] = []
        for byte in data:
            if byte in (_CR, _LF):
                if self._overflowed:
                    frames.append(Frame(bytes(self._buffer), "code longer than the frame limit"))
                elif self._buffer:
                    frames.append(Frame(bytes(self._buffer)))
                self._reset()
                continue
            if (byte < 0x20 and byte != _GS) or byte == 0x7F:
                continue
            if self._overflowed:
                continue
            if len(self._buffer) >= self.max_length:
                self._overflowed = True
                continue
            self._buffer.append(byte)
        if self._buffer or self._overflowed:
            self._last_byte_at = now
        return frames

    def expire(self, now: float) -> None:
        """Drop a partial frame whose bytes stopped coming."""
        if self._last_byte_at is not None and now - self._last_byte_at > self.max_gap_s:
            if self._buffer:
                self.dropped_partials += 1
            self._reset()

    def drop_partial(self) -> None:
        """The line went away (an unplug): what came before it can never be completed."""
        if self._buffer:
            self.dropped_partials += 1
        self._reset()

    def _reset(self) -> None:
        self._buffer.clear()
        self._overflowed = False
        self._last_byte_at = None
