"""Render a decoded job as the paper would look: a PNG, with the shipped CJK font."""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.devices.sim.escpos_decoder import DecodedJob, ImageBlock, TextLine
from kiosk.paths import asset

CELL_PX = 12  # font A: 12 x 24 dots at 203 dpi
GLYPH_PX = 22
BASELINE_PX = 22
LINE_PX = 30  # 24-dot characters plus the default line spacing
MARGIN_PX = 12


@lru_cache(maxsize=16)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _font_path() -> str:
    return str(asset("fonts", "NotoSansSC-Regular.otf"))


def _offset(align: str, width: int, paper: int) -> int:
    if align == "center":
        return max(0, (paper - width) // 2)
    if align == "right":
        return max(0, paper - width)
    return 0


@lru_cache(maxsize=8192)
def _glyph(font_path: str, char: str, bold: bool, width: int, height: int) -> Image.Image:
    """One character in its printer cell: 12 dots wide, 24 for CJK and full-width forms."""
    cell = CELL_PX * (2 if unicodedata.east_asian_width(char) in "WF" else 1)
    font = _font(font_path, GLYPH_PX)
    stroke = 1 if bold else 0
    advance = max(1, int(font.getlength(char)) + 2 * stroke)
    image = Image.new("L", (max(cell, advance), LINE_PX), 255)
    ImageDraw.Draw(image).text(((image.width - advance) // 2 + stroke, BASELINE_PX), char, font=font,
                               fill=0, anchor="ls", stroke_width=stroke, stroke_fill=0)
    if image.width != cell * width or height != 1:  # squeeze wide Latin glyphs, apply GS ! sizes
        image = image.resize((cell * width, LINE_PX * height))
    return image


def _render_line(line: TextLine, paper: int, font_path: str) -> Image.Image:
    height = LINE_PX * max((run.height for run in line.runs), default=1)
    glyphs = [_glyph(font_path, char, run.bold, run.width, run.height)
              for run in line.runs for char in run.text]
    total = sum(g.width for g in glyphs)
    out = Image.new("L", (paper, height), 255)
    x = _offset(line.align, total, paper)
    for glyph in glyphs:
        if x >= paper:
            break  # a real printer would wrap; the layout never sends lines this long
        out.paste(glyph, (x, height - glyph.height))
        x += glyph.width
    return out


def render_job(job: DecodedJob, paper_dots: int = 576, font_path: Path | None = None) -> Image.Image:
    path = str(font_path) if font_path else _font_path()
    rows: list[Image.Image] = []
    for block in job.blocks:
        if isinstance(block, TextLine):
            rows.append(_render_line(block, paper_dots, path))
        elif isinstance(block, ImageBlock):
            image = block.image.convert("L")
            row = Image.new("L", (max(paper_dots, image.width), image.height), 255)
            row.paste(image, (_offset(block.align, image.width, paper_dots), 0))
            rows.append(row)
    height = sum(r.height for r in rows) + 2 * MARGIN_PX
    width = max([paper_dots, *(r.width for r in rows)])
    page = Image.new("L", (width, height), 255)
    y = MARGIN_PX
    for row in rows:
        page.paste(row, (0, y))
        y += row.height
    if job.cut:  # a dashed line where the cutter went through
        draw = ImageDraw.Draw(page)
        for x in range(0, width, 12):
            draw.line((x, height - 2, x + 6, height - 2), fill=0)
    return page


def render_png(job: DecodedJob, paper_dots: int = 576) -> bytes:
    buffer = io.BytesIO()
    render_job(job, paper_dots).save(buffer, format="PNG")
    return buffer.getvalue()
