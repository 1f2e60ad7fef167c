"""Flat product silhouettes for the demo catalog images, drawn with Pillow.

Each shape draws itself inside a square box and returns the rectangle of its label band (where the
caller prints brand and name) or None when the object carries no label. Coordinates are floats on a
supersampled canvas; the caller downsamples, which is what smooths the edges.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import ImageDraw

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]
Point = tuple[float, float]


def parse_hex(color: str) -> RGB:
    value = color.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"colour must be #rrggbb, got {color!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """`a` moved a fraction `t` of the way towards `b`."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def luminance(c: RGB) -> float:
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255


WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)


@dataclass(frozen=True)
class Palette:
    fill: RGB
    stroke: RGB
    shade: RGB
    hi: RGB
    band: RGB
    ink: RGB
    metal: RGB = (196, 201, 208)

    @classmethod
    def of(cls, fill: RGB) -> Palette:
        light = luminance(fill) > 0.8
        stroke = (150, 156, 166) if light else mix(fill, BLACK, 0.38)
        shade = mix(fill, BLACK, 0.12) if light else mix(fill, BLACK, 0.22)
        band = (255, 255, 255) if luminance(fill) < 0.93 else (240, 243, 247)
        ink = (40, 44, 52)
        return cls(fill, stroke, shade, mix(fill, WHITE, 0.45), band, ink)

    def shifted(self, t: float) -> Palette:
        """The same palette darkened (t < 0) or lightened (t > 0): colour variants in a gallery."""
        target = WHITE if t > 0 else BLACK
        return Palette.of(mix(self.fill, target, abs(t)))


W = 8  # outline width on the supersampled canvas


def _rr(d: ImageDraw.ImageDraw, box: Box, r: float, fill: RGB, p: Palette, width: int = W) -> None:
    d.rounded_rectangle(box, radius=r, fill=fill, outline=p.stroke, width=width)


def _poly(d: ImageDraw.ImageDraw, pts: Sequence[Point], fill: RGB, p: Palette, width: int = W) -> None:
    d.polygon(list(pts), fill=fill, outline=p.stroke, width=width)


def _ell(d: ImageDraw.ImageDraw, box: Box, fill: RGB, p: Palette, width: int = W) -> None:
    d.ellipse(box, fill=fill, outline=p.stroke, width=width)


def _rot(pts: Sequence[Point], deg: float, c: Point) -> list[Point]:
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    return [(c[0] + (x - c[0]) * ca - (y - c[1]) * sa, c[1] + (x - c[0]) * sa + (y - c[1]) * ca)
            for x, y in pts]


def _geom(box: Box) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0


def bottle(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    x0, y0 = cx - w * 0.2, box[1]
    bw = w * 0.4
    _rr(d, (cx - w * 0.075, y0, cx + w * 0.075, y0 + h * 0.09), 10, p.shade, p)
    _rr(d, (cx - w * 0.06, y0 + h * 0.08, cx + w * 0.06, y0 + h * 0.16), 6, p.hi, p)
    _poly(d, [(cx - w * 0.06, y0 + h * 0.15), (cx + w * 0.06, y0 + h * 0.15), (x0 + bw, y0 + h * 0.32),
              (x0 + bw, box[3] - 30), (x0, box[3] - 30), (x0, y0 + h * 0.32)], p.fill, p)
    _rr(d, (x0, y0 + h * 0.3, x0 + bw, box[3]), 36, p.fill, p)
    d.rectangle((x0 + W, y0 + h * 0.3, x0 + bw - W, y0 + h * 0.36), fill=p.fill)
    d.rounded_rectangle((x0 + bw * 0.12, y0 + h * 0.38, x0 + bw * 0.2, box[3] - h * 0.08), 10, fill=p.hi)
    band = (x0 + W / 2, y0 + h * 0.5, x0 + bw - W / 2, y0 + h * 0.78)
    d.rectangle(band, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def can(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    bw, top, bot = w * 0.46, box[1] + h * 0.08, box[3] - h * 0.02
    x0 = cx - bw / 2
    _rr(d, (x0, top, x0 + bw, bot), 40, p.fill, p)
    _ell(d, (x0 + 6, top - h * 0.05, x0 + bw - 6, top + h * 0.05), p.metal, p)
    _ell(d, (cx - bw * 0.18, top - h * 0.02, cx + bw * 0.18, top + h * 0.02), mix(p.metal, BLACK, 0.15), p, 4)
    d.rounded_rectangle((x0 + bw * 0.1, top + h * 0.1, x0 + bw * 0.18, bot - h * 0.1), 10, fill=p.hi)
    band = (x0 + W / 2, top + h * 0.32, x0 + bw - W / 2, top + h * 0.62)
    d.rectangle(band, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def carton(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    bw = w * 0.44
    x0, y0 = cx - bw / 2, box[1]
    _poly(d, [(x0 + bw * 0.1, y0 + h * 0.04), (x0 + bw * 0.9, y0 + h * 0.04), (x0 + bw, y0 + h * 0.22),
              (x0, y0 + h * 0.22)], p.shade, p)
    _rr(d, (cx + bw * 0.1, y0 + h * 0.08, cx + bw * 0.3, y0 + h * 0.15), 6, p.hi, p)
    d.rectangle((x0, y0 + h * 0.22, x0 + bw, box[3]), fill=p.fill, outline=p.stroke, width=W)
    band = (x0 + W / 2, y0 + h * 0.45, x0 + bw - W / 2, y0 + h * 0.75)
    d.rectangle(band, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def box_shape(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    bw, bh, depth = w * 0.6, h * 0.7, w * 0.1
    x0, y0 = cx - bw / 2 - depth / 2, box[3] - bh
    _poly(d, [(x0, y0), (x0 + depth, y0 - depth), (x0 + bw + depth, y0 - depth), (x0 + bw, y0)], p.hi, p)
    _poly(d, [(x0 + bw, y0), (x0 + bw + depth, y0 - depth), (x0 + bw + depth, y0 + bh - depth),
              (x0 + bw, y0 + bh)], p.shade, p)
    d.rectangle((x0, y0, x0 + bw, y0 + bh), fill=p.fill, outline=p.stroke, width=W)
    band = (x0 + bw * 0.08, y0 + bh * 0.3, x0 + bw * 0.92, y0 + bh * 0.72)
    d.rounded_rectangle(band, 16, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def bag(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    bw = w * 0.56
    x0, y0, y1 = cx - bw / 2, box[1] + h * 0.04, box[3]
    teeth = 9
    top = [(x0 + bw * i / teeth, y0 + (0 if i % 2 == 0 else 16)) for i in range(teeth + 1)]
    bottom = [(x0 + bw * i / teeth, y1 - (0 if i % 2 == 0 else 16)) for i in range(teeth, -1, -1)]
    bulge = bw * 0.05
    _poly(d, [*top, (x0 + bw + bulge, y0 + h * 0.3), (x0 + bw + bulge, y1 - h * 0.3), *bottom,
              (x0 - bulge, y1 - h * 0.3), (x0 - bulge, y0 + h * 0.3)], p.fill, p)
    d.rectangle((x0 + 4, y0 + h * 0.08, x0 + bw - 4, y0 + h * 0.1), fill=p.shade)
    d.rectangle((x0 + 4, y1 - h * 0.1, x0 + bw - 4, y1 - h * 0.08), fill=p.shade)
    band = (x0 + bw * 0.06, y0 + h * 0.34, x0 + bw * 0.94, y0 + h * 0.66)
    d.rounded_rectangle(band, 40, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def jar(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    bw = w * 0.56
    x0 = cx - bw / 2
    _rr(d, (x0 + bw * 0.04, box[1] + h * 0.12, x0 + bw * 0.96, box[3]), 60, p.fill, p)
    _rr(d, (x0, box[1] + h * 0.04, x0 + bw, box[1] + h * 0.2), 16, p.shade, p)
    for i in range(1, 8):
        x = x0 + bw * i / 8
        d.line((x, box[1] + h * 0.06, x, box[1] + h * 0.18), fill=p.stroke, width=4)
    band = (x0 + bw * 0.04 + W / 2, box[1] + h * 0.4, x0 + bw * 0.96 - W / 2, box[1] + h * 0.75)
    d.rectangle(band, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def cup(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    top, bot = w * 0.62, w * 0.44
    y0, y1 = box[1] + h * 0.16, box[3]
    _poly(d, [(cx - top / 2, y0), (cx + top / 2, y0), (cx + bot / 2, y1), (cx - bot / 2, y1)], p.fill, p)
    _rr(d, (cx - top / 2 - 14, y0 - h * 0.07, cx + top / 2 + 14, y0 + h * 0.02), 20, p.band, p)
    band = (cx - top * 0.38, y0 + h * 0.22, cx + top * 0.38, y0 + h * 0.52)
    d.rounded_rectangle(band, 16, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def tube(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    tw, bw = w * 0.52, w * 0.34
    y0, y1 = box[1] + h * 0.02, box[3] - h * 0.12
    _poly(d, [(cx - tw / 2, y0), (cx + tw / 2, y0), (cx + tw / 2, y0 + h * 0.06),
              (cx + bw / 2, y1), (cx - bw / 2, y1), (cx - tw / 2, y0 + h * 0.06)], p.fill, p)
    for i in range(1, 10):
        x = cx - tw / 2 + tw * i / 10
        d.line((x, y0 + 6, x, y0 + h * 0.05), fill=p.stroke, width=3)
    _rr(d, (cx - bw * 0.38, y1 - 4, cx + bw * 0.38, box[3]), 14, p.band, p)
    band = (cx - tw * 0.4, y0 + h * 0.3, cx + tw * 0.4, y0 + h * 0.6)
    d.rounded_rectangle(band, 12, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def pump(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    bw = w * 0.44
    x0 = cx - bw / 2
    _rr(d, (cx - w * 0.04, box[1] + h * 0.06, cx + w * 0.04, box[1] + h * 0.2), 6, p.metal, p)
    _rr(d, (cx - w * 0.04, box[1] + h * 0.03, cx + w * 0.2, box[1] + h * 0.08), 8, p.band, p)
    _rr(d, (cx - w * 0.1, box[1] + h * 0.18, cx + w * 0.1, box[1] + h * 0.26), 10, p.band, p)
    _rr(d, (x0, box[1] + h * 0.25, x0 + bw, box[3]), 50, p.fill, p)
    d.rounded_rectangle((x0 + bw * 0.1, box[1] + h * 0.32, x0 + bw * 0.18, box[3] - h * 0.08), 10, fill=p.hi)
    band = (x0 + W / 2, box[1] + h * 0.45, x0 + bw - W / 2, box[1] + h * 0.78)
    d.rectangle(band, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def _leaf(d: ImageDraw.ImageDraw, c: Point, size: float, p: Palette) -> None:
    green: RGB = (76, 153, 74)
    d.line((c[0], c[1], c[0] + 4, c[1] - size * 0.7), fill=(110, 72, 40), width=12)
    d.ellipse((c[0] + 4, c[1] - size * 0.9, c[0] + size, c[1] - size * 0.45), fill=green,
              outline=mix(green, BLACK, 0.35), width=W // 2)


def fruit(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    r = w * 0.2
    for dx, dy in ((-0.9, 0.55), (0.9, 0.55), (0.0, -0.25)):
        x, y = cx + dx * r, cy + dy * r + h * 0.05
        _ell(d, (x - r, y - r, x + r, y + r), p.fill, p)
        d.ellipse((x - r * 0.55, y - r * 0.6, x - r * 0.25, y - r * 0.25), fill=p.hi)
    _leaf(d, (cx, cy - 1.15 * r + h * 0.05), r, p)
    return None


def banana(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    c0 = (cx - w * 0.08, cy - h * 0.3)
    crescent: list[Point] = []
    for k in range(25):  # outer edge left to right, then the inner edge back: a crescent
        a = math.radians(160 - 135 * k / 24)
        crescent.append((c0[0] + math.cos(a) * w * 0.38, c0[1] + math.sin(a) * h * 0.56))
    for k in range(24, -1, -1):
        a = math.radians(160 - 135 * k / 24)
        crescent.append((c0[0] + math.cos(a) * w * 0.33, c0[1] + math.sin(a) * h * 0.4))
    pivot = crescent[24]
    for i, deg in enumerate((-34, -17, 0)):
        _poly(d, _rot(crescent, deg, pivot), mix(p.fill, WHITE, 0.1 * (2 - i)), p)
    tip = _rot([crescent[0]], 0, pivot)[0]
    d.ellipse((tip[0] - 14, tip[1] - 14, tip[0] + 14, tip[1] + 14), fill=(90, 70, 40))
    d.rounded_rectangle((pivot[0] - 20, pivot[1] - 50, pivot[0] + 24, pivot[1] + 10), 10, fill=(130, 150, 60),
                        outline=p.stroke, width=W // 2)
    return None


def grapes(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    r = w * 0.075
    rows = [5, 4, 4, 3, 2, 1]
    y = box[1] + h * 0.22
    for n in rows:
        for i in range(n):
            x = cx + (i - (n - 1) / 2) * r * 1.8
            _ell(d, (x - r, y - r, x + r, y + r), p.fill, p, W // 2)
            d.ellipse((x - r * 0.5, y - r * 0.55, x - r * 0.15, y - r * 0.2), fill=p.hi)
        y += r * 1.55
    _leaf(d, (cx, box[1] + h * 0.2 - r), r * 2.2, p)
    return None


def egg(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    tray: RGB = (196, 170, 130)
    x0, x1, y0 = cx - w * 0.42, cx + w * 0.42, box[1] + h * 0.35
    _rr(d, (x0, y0 + h * 0.25, x1, box[3] - h * 0.05), 24, tray, p)
    ew, eh = (x1 - x0) / 3.4, h * 0.3
    for row in range(2):
        for i in range(3):
            ex = x0 + (x1 - x0) * (i + 0.5) / 3 + (row - 0.5) * ew * 0.25
            ey = y0 + row * h * 0.12
            _ell(d, (ex - ew / 2, ey, ex + ew / 2, ey + eh), p.fill, p)
            d.ellipse((ex - ew * 0.25, ey + eh * 0.15, ex - ew * 0.05, ey + eh * 0.35), fill=WHITE)
    return None


def bread(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    bw = w * 0.7
    x0, y0 = cx - bw / 2, box[1] + h * 0.2
    _ell(d, (x0, y0, x0 + bw, y0 + h * 0.4), p.shade, p)
    _rr(d, (x0 + 10, y0 + h * 0.15, x0 + bw - 10, box[3] - h * 0.05), 30, p.fill, p)
    d.rectangle((x0 + 10 + W, y0 + h * 0.15, x0 + bw - 10 - W, y0 + h * 0.24), fill=p.fill)
    crumb = mix(p.fill, WHITE, 0.6)
    d.rounded_rectangle((x0 + bw * 0.12, y0 + h * 0.2, x0 + bw * 0.88, box[3] - h * 0.12), 24, fill=crumb)
    for i in range(4):
        x = x0 + bw * (0.25 + 0.17 * i)
        d.line((x, y0 + h * 0.06, x + 30, y0 + h * 0.14), fill=p.stroke, width=6)
    return None


def roll(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    rw = w * 0.5
    x0, y0, y1 = cx - rw / 2, box[1] + h * 0.12, box[3] - h * 0.06
    d.rectangle((x0, y0, x0 + rw, y1), fill=p.fill, outline=p.stroke, width=W)
    _ell(d, (x0, y1 - h * 0.08, x0 + rw, y1 + h * 0.06), p.fill, p)
    d.rectangle((x0 + W, y1 - h * 0.04, x0 + rw - W, y1), fill=p.fill)
    _ell(d, (x0, y0 - h * 0.07, x0 + rw, y0 + h * 0.07), p.hi, p)
    _ell(d, (cx - rw * 0.15, y0 - h * 0.025, cx + rw * 0.15, y0 + h * 0.025), (190, 160, 120), p, W // 2)
    band = (x0 + W / 2, y0 + h * 0.28, x0 + rw - W / 2, y0 + h * 0.58)
    d.rectangle(band, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def phonecase(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    pw = w * 0.46
    x0 = cx - pw / 2
    _rr(d, (x0, box[1], x0 + pw, box[3]), 56, p.fill, p)
    _rr(d, (x0 + pw * 0.08, box[1] + h * 0.04, x0 + pw * 0.52, box[1] + h * 0.24), 30, p.shade, p)
    for dx, dy in ((0.19, 0.085), (0.41, 0.085), (0.19, 0.19)):
        x, y = x0 + pw * dx, box[1] + h * dy
        _ell(d, (x - 26, y - 26, x + 26, y + 26), (30, 33, 40), p, 4)
    band = (x0 + pw * 0.1, box[1] + h * 0.5, x0 + pw * 0.9, box[1] + h * 0.76)
    d.rounded_rectangle(band, 16, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def tablet(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    tw, th = w * 0.66, h * 0.86
    x0, y0 = cx - tw / 2, box[3] - th
    _rr(d, (x0, y0, x0 + tw, y0 + th), 40, p.fill, p)
    screen = (x0 + tw * 0.07, y0 + th * 0.06, x0 + tw * 0.93, y0 + th * 0.94)
    d.rounded_rectangle(screen, 16, fill=(236, 240, 244))
    sx0, sy0, sx1, _ = screen
    for i in range(6):
        y = sy0 + th * (0.12 + i * 0.07)
        d.rounded_rectangle((sx0 + 40, y, sx1 - 40 - (i % 3) * 50, y + 18), 9, fill=(190, 198, 208))
    band = (sx0 + 30, sy0 + th * 0.58, sx1 - 30, sy0 + th * 0.82)
    d.rounded_rectangle(band, 16, fill=WHITE, outline=p.stroke, width=W // 2)
    return band


def earbuds(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    _rr(d, (cx - w * 0.3, cy + h * 0.02, cx + w * 0.3, box[3]), 90, p.fill, p)
    d.line((cx - w * 0.29, cy + h * 0.16, cx + w * 0.29, cy + h * 0.16), fill=p.stroke, width=6)
    d.ellipse((cx - 14, cy + h * 0.26, cx + 14, cy + h * 0.26 + 28), fill=(80, 200, 120))
    for side in (-1, 1):
        x = cx + side * w * 0.16
        _rr(d, (x - w * 0.035, box[1] + h * 0.12, x + w * 0.035, box[1] + h * 0.42), 24, p.fill, p)
        _ell(d, (x - w * 0.08, box[1], x + w * 0.08, box[1] + h * 0.16), p.fill, p)
        d.ellipse((x - w * 0.035, box[1] + h * 0.04, x + w * 0.035, box[1] + h * 0.11), fill=p.shade)
    return None


def headphones(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    r = w * 0.34
    d.arc((cx - r, box[1] + h * 0.04, cx + r, box[1] + h * 0.04 + 2 * r), 180, 360, fill=p.stroke, width=56)
    d.arc((cx - r + 8, box[1] + h * 0.04 + 8, cx + r - 8, box[1] + h * 0.04 + 2 * r - 8), 180, 360,
          fill=p.fill, width=40)
    for side in (-1, 1):
        x = cx + side * r
        _rr(d, (x - w * 0.06, cy - h * 0.06, x + w * 0.06, cy + h * 0.08), 12, p.metal, p)
        _rr(d, (x - w * 0.11, cy + h * 0.02, x + w * 0.11, box[3] - h * 0.04), 60, p.fill, p)
        d.rounded_rectangle((x - w * 0.06, cy + h * 0.08, x + w * 0.06, box[3] - h * 0.1), 40, fill=p.shade)
    return None


def speaker(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    sw = w * 0.48
    x0, y0 = cx - sw / 2, box[1] + h * 0.08
    _rr(d, (x0, y0, x0 + sw, box[3]), 90, p.fill, p)
    grille = mix(p.fill, BLACK, 0.3)
    for row in range(9):
        for col in range(6):
            x = x0 + sw * (0.18 + col * 0.128)
            y = y0 + h * (0.12 + row * 0.075)
            d.ellipse((x - 9, y - 9, x + 9, y + 9), fill=grille)
    _rr(d, (cx - sw * 0.3, y0 - h * 0.03, cx + sw * 0.3, y0 + h * 0.03), 18, p.shade, p)
    return None


def watch(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    bw = w * 0.2
    _rr(d, (cx - bw / 2, box[1], cx + bw / 2, box[3]), 30, p.fill, p)
    for i in range(4):
        y = cy + h * (0.26 + i * 0.05)
        d.ellipse((cx - 8, y - 8, cx + 8, y + 8), fill=p.shade)
    _rr(d, (cx - w * 0.2, cy - h * 0.22, cx + w * 0.2, cy + h * 0.22), 60, (40, 44, 52), p)
    screen = (cx - w * 0.16, cy - h * 0.18, cx + w * 0.16, cy + h * 0.18)
    d.rounded_rectangle(screen, 44, fill=(16, 18, 24))
    d.arc((cx - w * 0.11, cy - h * 0.11, cx + w * 0.11, cy + h * 0.11), 150, 400, fill=(80, 220, 140),
          width=18)
    d.arc((cx - w * 0.07, cy - h * 0.07, cx + w * 0.07, cy + h * 0.07), 150, 330, fill=(255, 120, 80),
          width=18)
    return None


def powerbank(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    pw = w * 0.46
    x0 = cx - pw / 2
    _rr(d, (x0, box[1] + h * 0.04, x0 + pw, box[3]), 48, p.fill, p)
    for i in range(4):
        x = cx + (i - 1.5) * 34
        d.ellipse((x - 9, box[1] + h * 0.12, x + 9, box[1] + h * 0.12 + 18),
                  fill=(90, 220, 140) if i < 3 else mix(p.fill, BLACK, 0.3))
    _rr(d, (cx - 40, box[1] + h * 0.02, cx + 40, box[1] + h * 0.06), 8, (50, 54, 62), p, 4)
    band = (x0 + pw * 0.1, box[1] + h * 0.42, x0 + pw * 0.9, box[1] + h * 0.72)
    d.rounded_rectangle(band, 16, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def cable(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    wire = p.stroke if luminance(p.fill) > 0.8 else p.fill
    for i in range(4):
        r = w * (0.16 + 0.045 * i)
        d.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), outline=wire, width=20)
    for side in (-1, 1):
        x = cx + side * w * 0.3
        y = box[1] + h * 0.1 if side < 0 else box[3] - h * 0.32
        d.line((x, y + h * 0.1, cx + side * w * 0.24, cy), fill=wire, width=20)
        _rr(d, (x - w * 0.05, y - h * 0.02, x + w * 0.05, y + h * 0.14), 14, p.band, p)
        _rr(d, (x - w * 0.03, y - h * 0.08, x + w * 0.03, y), 6, p.metal, p, 4)
    return None


def charger(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    s = w * 0.5
    x0, y0 = cx - s / 2, box[3] - s - h * 0.04
    for dx in (-0.15, 0.15):
        d.rectangle((cx + dx * s - 12, y0 - h * 0.16, cx + dx * s + 12, y0), fill=p.metal,
                    outline=(120, 126, 134), width=4)
    _rr(d, (x0, y0, x0 + s, y0 + s), 60, p.fill, p)
    for i in range(2):
        _rr(d, (cx - s * 0.3 + i * s * 0.34, y0 + s * 0.62, cx - s * 0.04 + i * s * 0.34, y0 + s * 0.72), 10,
            (40, 44, 52), p, 3)
    band = (x0 + s * 0.1, y0 + s * 0.18, x0 + s * 0.9, y0 + s * 0.5)
    d.rounded_rectangle(band, 16, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def card(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    cw, ch = w * 0.56, h * 0.74
    x0, y0 = cx - cw / 2, cy - ch / 2
    cut = cw * 0.22
    _poly(d, [(x0 + cut, y0), (x0 + cw, y0), (x0 + cw, y0 + ch), (x0, y0 + ch), (x0, y0 + cut)], p.fill, p)
    gold: RGB = (226, 186, 84)
    _rr(d, (cx - cw * 0.22, y0 + ch * 0.12, cx + cw * 0.22, y0 + ch * 0.36), 14, gold, p, 4)
    for i in range(1, 3):
        d.line((cx - cw * 0.22, y0 + ch * (0.12 + 0.08 * i), cx + cw * 0.22, y0 + ch * (0.12 + 0.08 * i)),
               fill=mix(gold, BLACK, 0.3), width=4)
    band = (x0 + cw * 0.08, y0 + ch * 0.5, x0 + cw * 0.92, y0 + ch * 0.82)
    d.rounded_rectangle(band, 14, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def mouse(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    mw = w * 0.42
    _rr(d, (cx - mw / 2, box[1] + h * 0.06, cx + mw / 2, box[3]), int(mw / 2), p.fill, p)
    d.line((cx - mw / 2 + 10, box[1] + h * 0.4, cx + mw / 2 - 10, box[1] + h * 0.4), fill=p.stroke, width=6)
    d.line((cx, box[1] + h * 0.06, cx, box[1] + h * 0.4), fill=p.stroke, width=6)
    _rr(d, (cx - 14, box[1] + h * 0.16, cx + 14, box[1] + h * 0.28), 12, p.shade, p, 4)
    return None


def camera(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    cw, ch = w * 0.7, h * 0.56
    x0, y0 = cx - cw / 2, cy - ch / 2 + h * 0.06
    _rr(d, (x0 + cw * 0.6, y0 - h * 0.08, x0 + cw * 0.85, y0 + 10), 10, p.shade, p)
    _rr(d, (x0, y0, x0 + cw, y0 + ch), 40, p.fill, p)
    r = ch * 0.36
    _ell(d, (cx - r, cy - r + h * 0.06, cx + r, cy + r + h * 0.06), (30, 33, 40), p)
    r2 = r * 0.6
    d.ellipse((cx - r2, cy - r2 + h * 0.06, cx + r2, cy + r2 + h * 0.06), fill=(60, 90, 140))
    d.ellipse((cx - r2 * 0.5, cy - r2 * 0.6 + h * 0.06, cx - r2 * 0.1, cy - r2 * 0.2 + h * 0.06), fill=WHITE)
    d.ellipse((x0 + 40, y0 + 40, x0 + 80, y0 + 80), fill=(230, 60, 60))
    return None


def kettle(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    kw = w * 0.46
    x0, y0 = cx - kw / 2 - w * 0.04, box[1] + h * 0.1
    d.arc((x0 + kw * 0.7, y0 + h * 0.1, x0 + kw + w * 0.2, y0 + h * 0.7), 270, 90, fill=p.stroke, width=40)
    _poly(d, [(x0, y0 + h * 0.2), (x0 - w * 0.12, y0 + h * 0.06), (x0 - w * 0.1, y0 + h * 0.02),
              (x0 + 10, y0 + h * 0.14)], p.fill, p)
    _poly(d, [(x0 + kw * 0.08, y0), (x0 + kw * 0.92, y0), (x0 + kw, box[3] - h * 0.1),
              (x0, box[3] - h * 0.1)], p.fill, p)
    _rr(d, (x0 - 20, box[3] - h * 0.12, x0 + kw + 20, box[3]), 20, (50, 54, 62), p)
    _rr(d, (cx - w * 0.1, y0 - h * 0.05, cx + w * 0.02, y0 + 6), 10, p.shade, p)
    d.rounded_rectangle((x0 + kw * 0.42, y0 + h * 0.12, x0 + kw * 0.58, box[3] - h * 0.2), 18,
                        fill=(140, 190, 230), outline=p.stroke, width=4)
    return None


def appliance(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    aw = w * 0.7
    x0, y0 = cx - aw / 2, box[1] + h * 0.18
    _rr(d, (x0, y0, x0 + aw, box[3]), 70, p.fill, p)
    _ell(d, (x0 + 10, y0 - h * 0.12, x0 + aw - 10, y0 + h * 0.14), p.shade, p)
    _rr(d, (cx - aw * 0.12, y0 - h * 0.14, cx + aw * 0.12, y0 - h * 0.06), 12, p.metal, p)
    panel = (cx - aw * 0.3, y0 + h * 0.3, cx + aw * 0.3, y0 + h * 0.5)
    _rr(d, panel, 20, (36, 40, 48), p, 4)
    for i in range(4):  # a lit display: four digit blocks
        x = cx - aw * 0.22 + i * aw * 0.12
        d.rounded_rectangle((x, y0 + h * 0.35, x + aw * 0.08, y0 + h * 0.45), 6, fill=(90, 220, 140))
    for i in range(3):
        x = cx + (i - 1) * aw * 0.18
        _ell(d, (x - 22, y0 + h * 0.56, x + 22, y0 + h * 0.56 + 44), p.band, p, 4)
    return None


def notebook(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    nw = w * 0.58
    x0 = cx - nw / 2 + w * 0.03
    d.rectangle((x0 + 16, box[1] + 16, x0 + nw + 16, box[3] + 4), fill=(245, 242, 232),
                outline=(170, 170, 170), width=4)
    _rr(d, (x0, box[1], x0 + nw, box[3] - 10), 14, p.fill, p)
    for i in range(12):
        y = box[1] + h * (0.05 + i * 0.078)
        d.ellipse((x0 - 28, y, x0 + 20, y + 30), outline=(90, 96, 104), width=8)
    band = (x0 + nw * 0.16, box[1] + h * 0.2, x0 + nw * 0.9, box[1] + h * 0.46)
    d.rounded_rectangle(band, 10, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def _stick(d: ImageDraw.ImageDraw, box: Box, p: Palette, pencil: bool) -> None:
    cx, cy, w, h = _geom(box)
    length, thick = h * 1.0, w * 0.1
    x0, x1 = cx - thick / 2, cx + thick / 2
    y0, y1 = cy - length / 2, cy + length / 2
    c = (cx, cy)
    tip = (y1 - length * 0.16)
    body = _rot([(x0, y0), (x1, y0), (x1, tip), (x0, tip)], 35, c)
    if pencil:
        wood: RGB = (236, 200, 150)
        _poly(d, _rot([(x0, tip), (x1, tip), (cx, y1)], 35, c), wood, p)
        _poly(d, _rot([(cx - thick * 0.18, y1 - length * 0.045), (cx + thick * 0.18, y1 - length * 0.045),
                       (cx, y1)], 35, c), (50, 50, 50), p, 3)
        _poly(d, body, p.fill, p)
        _poly(d, _rot([(x0, y0), (x1, y0), (x1, y0 + length * 0.08), (x0, y0 + length * 0.08)], 35, c),
              (240, 150, 160), p)
        _poly(d, _rot([(x0, y0 + length * 0.08), (x1, y0 + length * 0.08), (x1, y0 + length * 0.13),
                       (x0, y0 + length * 0.13)], 35, c), p.metal, p)
    else:
        nib = [(x0 + 6, tip), (x1 - 6, tip), (cx + 6, y1 - 14), (cx - 6, y1 - 14)]
        _poly(d, _rot(nib, 35, c), p.metal, p)
        _poly(d, body, p.fill, p)
        cap = [(x0, y0), (x1, y0), (x1, y0 + length * 0.32), (x0, y0 + length * 0.32)]
        _poly(d, _rot(cap, 35, c), p.shade, p)
        _poly(d, _rot([(x1, y0 + length * 0.05), (x1 + 16, y0 + length * 0.05), (x1 + 16, y0 + length * 0.38),
                       (x1, y0 + length * 0.4)], 35, c), p.metal, p, 4)


def pen(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    _stick(d, box, p, pencil=False)
    return None


def pencil(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    _stick(d, box, p, pencil=True)
    return None


def blocks(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    colors = [p.fill, (255, 190, 11), (58, 134, 255), (6, 214, 160), (255, 0, 110)]
    bh = h * 0.22
    layout = [(0, -0.32, 0.36), (1, 0.05, 0.36), (2, -0.14, 0.24), (3, 0.14, 0.24), (4, -0.02, 0.24)]
    rows = [0, 0, 1, 1, 2]
    for (ci, dx, bw), row in zip(layout, rows, strict=True):
        x0 = cx + dx * w - w * 0.02
        y1 = box[3] - row * bh
        bwp = bw * w
        col = colors[ci]
        pal = Palette.of(col)
        for k in range(2):
            sx = x0 + bwp * (0.25 + 0.5 * k)
            _rr(d, (sx - bwp * 0.12, y1 - bh - 20, sx + bwp * 0.12, y1 - bh + 10), 8, pal.hi, pal, 4)
        _rr(d, (x0, y1 - bh, x0 + bwp, y1), 12, col, pal)
    return None


def bear(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    muzzle = mix(p.fill, WHITE, 0.5)
    _ell(d, (cx - w * 0.26, box[1] + h * 0.5, cx + w * 0.26, box[3]), p.fill, p)
    d.ellipse((cx - w * 0.15, box[1] + h * 0.62, cx + w * 0.15, box[3] - h * 0.06), fill=muzzle)
    for side in (-1, 1):
        ex = cx + side * w * 0.2
        _ell(d, (ex - w * 0.09, box[1] + h * 0.02, ex + w * 0.09, box[1] + h * 0.2), p.fill, p)
        d.ellipse((ex - w * 0.05, box[1] + h * 0.06, ex + w * 0.05, box[1] + h * 0.16), fill=muzzle)
        _ell(d, (cx + side * w * 0.3 - w * 0.08, box[1] + h * 0.55, cx + side * w * 0.3 + w * 0.08,
                 box[1] + h * 0.75), p.fill, p)
    _ell(d, (cx - w * 0.24, box[1] + h * 0.06, cx + w * 0.24, box[1] + h * 0.52), p.fill, p)
    d.ellipse((cx - w * 0.1, box[1] + h * 0.3, cx + w * 0.1, box[1] + h * 0.46), fill=muzzle)
    d.ellipse((cx - 26, box[1] + h * 0.31, cx + 26, box[1] + h * 0.36), fill=(40, 30, 30))
    for side in (-1, 1):
        ex = cx + side * w * 0.1
        d.ellipse((ex - 16, box[1] + h * 0.22, ex + 16, box[1] + h * 0.22 + 32), fill=(30, 30, 30))
    bow = [(cx - 40, box[1] + h * 0.5), (cx + 40, box[1] + h * 0.5), (cx, box[1] + h * 0.56)]
    d.polygon(bow, fill=(230, 57, 70))
    return None


def car(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    x0, x1 = cx - w * 0.42, cx + w * 0.42
    y1 = cy + h * 0.16
    _poly(d, [(x0, y1), (x0, cy - h * 0.02), (cx - w * 0.24, cy - h * 0.06), (cx - w * 0.14, cy - h * 0.2),
              (cx + w * 0.14, cy - h * 0.2), (cx + w * 0.26, cy - h * 0.06), (x1, cy - h * 0.02), (x1, y1)],
          p.fill, p)
    glass: RGB = (190, 225, 245)
    d.polygon([(cx - w * 0.2, cy - h * 0.06), (cx - w * 0.12, cy - h * 0.17), (cx - w * 0.01, cy - h * 0.17),
               (cx - w * 0.01, cy - h * 0.06)], fill=glass)
    d.polygon([(cx + w * 0.02, cy - h * 0.06), (cx + w * 0.02, cy - h * 0.17), (cx + w * 0.12, cy - h * 0.17),
               (cx + w * 0.21, cy - h * 0.06)], fill=glass)
    d.rectangle((x1 - 30, cy, x1 - 4, cy + 24), fill=(255, 220, 120))
    for wx in (cx - w * 0.24, cx + w * 0.24):
        r = w * 0.09
        _ell(d, (wx - r, y1 - r, wx + r, y1 + r), (40, 40, 46), p)
        d.ellipse((wx - r * 0.45, y1 - r * 0.45, wx + r * 0.45, y1 + r * 0.45), fill=p.metal)
    return None


def ball(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    r = min(w, h) * 0.4
    _ell(d, (cx - r, cy - r, cx + r, cy + r), p.fill, p)
    line = mix(p.fill, BLACK, 0.5)
    d.line((cx - r, cy, cx + r, cy), fill=line, width=10)
    d.line((cx, cy - r, cx, cy + r), fill=line, width=10)
    d.arc((cx - r * 1.6, cy - r, cx - r * 0.3, cy + r), 300, 60, fill=line, width=10)
    d.arc((cx + r * 0.3, cy - r, cx + r * 1.6, cy + r), 120, 240, fill=line, width=10)
    d.ellipse((cx - r * 0.62, cy - r * 0.7, cx - r * 0.32, cy - r * 0.4), fill=p.hi)
    return None


def mug(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, _, w, h = _geom(box)
    mw = w * 0.5
    x0, y0 = cx - mw / 2 - w * 0.06, box[1] + h * 0.14
    d.ellipse((x0 + mw - 40, y0 + h * 0.16, x0 + mw + w * 0.2, y0 + h * 0.56), outline=p.stroke, width=44)
    d.ellipse((x0 + mw - 32, y0 + h * 0.16 + 8, x0 + mw + w * 0.2 - 8, y0 + h * 0.56 - 8), outline=p.fill,
              width=28)
    _rr(d, (x0, y0, x0 + mw, box[3]), 40, p.fill, p)
    _ell(d, (x0, y0 - h * 0.04, x0 + mw, y0 + h * 0.05), mix(p.fill, BLACK, 0.25), p)
    band = (x0 + mw * 0.12, y0 + h * 0.24, x0 + mw * 0.88, y0 + h * 0.56)
    d.rounded_rectangle(band, 16, fill=p.band, outline=p.stroke, width=W // 2)
    return band


def pot(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    pw = w * 0.62
    x0, y0 = cx - pw / 2, cy - h * 0.08
    for side in (-1, 1):
        hx = cx + side * (pw / 2 + w * 0.05)
        _rr(d, (hx - w * 0.07, y0 + h * 0.04, hx + w * 0.07, y0 + h * 0.12), 16, (50, 54, 62), p)
    _rr(d, (x0, y0, x0 + pw, cy + h * 0.34), 60, p.fill, p)
    _ell(d, (x0 - 10, y0 - h * 0.12, x0 + pw + 10, y0 + h * 0.06), p.shade, p)
    _ell(d, (cx - w * 0.06, y0 - h * 0.18, cx + w * 0.06, y0 - h * 0.06), (50, 54, 62), p)
    d.rounded_rectangle((x0 + pw * 0.08, y0 + h * 0.1, x0 + pw * 0.16, cy + h * 0.26), 12, fill=p.hi)
    return None


def knife(d: ImageDraw.ImageDraw, box: Box, p: Palette) -> Box | None:
    cx, cy, w, h = _geom(box)
    c = (cx, cy)
    steel: RGB = (214, 219, 226)
    blade = [(cx - w * 0.1, cy - h * 0.46), (cx + w * 0.1, cy - h * 0.42), (cx + w * 0.1, cy + h * 0.1),
             (cx - w * 0.1, cy + h * 0.1)]
    _poly(d, _rot(blade, 30, c), steel, Palette.of(steel))
    handle = [(cx - w * 0.055, cy + h * 0.1), (cx + w * 0.055, cy + h * 0.1), (cx + w * 0.055, cy + h * 0.46),
              (cx - w * 0.055, cy + h * 0.46)]
    _poly(d, _rot(handle, 30, c), (40, 40, 46), p)
    for t in (0.2, 0.32):
        rx, ry = _rot([(cx, cy + h * t)], 30, c)[0]
        d.ellipse((rx - 10, ry - 10, rx + 10, ry + 10), fill=p.metal)
    return None


Shape = Callable[[ImageDraw.ImageDraw, Box, Palette], "Box | None"]

SHAPES: dict[str, Shape] = {
    "bottle": bottle, "can": can, "carton": carton, "box": box_shape, "bag": bag, "jar": jar, "cup": cup,
    "tube": tube, "pump": pump, "fruit": fruit, "banana": banana, "grapes": grapes, "egg": egg,
    "bread": bread, "roll": roll, "phonecase": phonecase, "tablet": tablet, "earbuds": earbuds,
    "headphones": headphones, "speaker": speaker, "watch": watch, "powerbank": powerbank, "cable": cable,
    "charger": charger, "card": card, "mouse": mouse, "camera": camera, "kettle": kettle,
    "appliance": appliance, "notebook": notebook, "pen": pen, "pencil": pencil, "blocks": blocks,
    "bear": bear, "car": car, "ball": ball, "mug": mug, "pot": pot, "knife": knife,
}
