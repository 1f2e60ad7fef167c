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
    above its bar and every `label_every`-th label below the axis. Sized to read on a phone's width."""
    n = max(1, len(values))
    width, height, top, bottom, left = 520, 230, 26, 30, 2
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
            # written from the bar's middle, or from its edge near either end so it stays inside
            anchor, at = ("start", x) if i < n * 0.2 else ("end", x + slot) if i >= n * 0.8 else \
                ("middle", x + slot / 2)
            parts.append(f'<text x="{at:.1f}" y="{height - bottom - h - 7:.1f}" font-size="16" '
                         f'text-anchor="{anchor}" fill="{_TEXT}">{escape(fmt(value))}</text>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - 9}" font-size="15" text-anchor="middle" '
                         f'fill="{_MUTED}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(title: str, rows: Sequence[tuple[str, int]], fmt: Fmt = str, *, chart_id: str = "") -> str:
    """Horizontal bars, one row each: the label as text above its bar (it wraps on a narrow screen),
    the bar an SVG as wide as its share of the largest value, the value beside it."""
    peak = max((v for _, v in rows), default=0)
    items = []
    for label, value in rows:
        share = 0.0 if peak <= 0 else max(0.5, 100 * value / peak)
        items.append(
            f'<li><span class="label">{escape(label)}</span><span class="bar">'
            '<svg viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="14" '
            'aria-hidden="true">'
            f'<rect width="{share:.2f}" height="10" rx="1" fill="{_BAR}"/></svg>'
            f'<span class="value">{escape(fmt(value))}</span></span></li>')
    return f'<ul class="bars" role="list" aria-label="{escape(title)}"{_id(chart_id)}>{"".join(items)}</ul>'


def _clip(label: str, limit: int = 60) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def _id(chart_id: str) -> str:
    return f' id="{escape(chart_id)}"' if chart_id else ""
