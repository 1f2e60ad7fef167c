"""Bar charts as inline SVG, drawn on the server: no script, no library, text from data escaped.

Each chart scales to its container's width (viewBox, width 100%), so the same markup serves a phone and
a desktop screen; values are written on or beside the bars, so nothing depends on hovering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

Fmt = Callable[[int], str]

_BAR = "#2f6fde"
_TEXT = "#1d2733"
_MUTED = "#6b7785"


def columns(title: str, labels: Sequence[str], values: Sequence[int], fmt: Fmt = str, *,
            label_every: int = 1, chart_id: str = "") -> str:
    """Vertical bars, one per label (hours of a day, days of a period); the highest value is written
    above its bar and every `label_every`-th label below the axis."""
    n = max(1, len(values))
    width, height, top, bottom, left = 720, 220, 24, 28, 4
    slot = (width - left) / n
    peak = max(values, default=0)
    plot = height - top - bottom
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{escape(title)}"{_id(chart_id)}><title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
             'stroke="#c9d0d8"/>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = 0.0 if peak <= 0 else plot * value / peak
        x = left + i * slot
        parts.append(f'<rect x="{x + slot * 0.12:.1f}" y="{height - bottom - h:.1f}" '
                     f'width="{slot * 0.76:.1f}" height="{h:.1f}" fill="{_BAR}">'
                     f'<title>{escape(label)}: {escape(fmt(value))}</title></rect>')
        if value == peak and peak > 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - bottom - h - 6:.1f}" font-size="13" '
                         f'text-anchor="middle" fill="{_TEXT}">{escape(fmt(value))}</text>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - 8}" font-size="13" text-anchor="middle" '
                         f'fill="{_MUTED}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(title: str, rows: Sequence[tuple[str, int]], fmt: Fmt = str, *, chart_id: str = "") -> str:
    """Horizontal bars, one row each: the label above its bar, the value at the bar's end."""
    width, row_h, left = 720, 46, 4
    height = max(1, len(rows)) * row_h + 6
    peak = max((v for _, v in rows), default=0)
    usable = width - left - 150  # room for the value after the longest bar
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="{escape(title)}"{_id(chart_id)}><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(rows):
        y = i * row_h
        w = 0.0 if peak <= 0 else max(2.0, usable * value / peak)
        parts.append(f'<text x="{left}" y="{y + 16}" font-size="15" fill="{_TEXT}">'
                     f'{escape(_clip(label))}</text>')
        parts.append(f'<rect x="{left}" y="{y + 22}" width="{w:.1f}" height="16" rx="2" fill="{_BAR}"/>')
        parts.append(f'<text x="{left + w + 8:.1f}" y="{y + 35}" font-size="14" fill="{_MUTED}">'
                     f'{escape(fmt(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(label: str, limit: int = 60) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def _id(chart_id: str) -> str:
    return f' id="{escape(chart_id)}"' if chart_id else ""
