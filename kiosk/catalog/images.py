"""Draw the demo catalog's product and category images (`python -m kiosk.catalog.images`).

Deterministic: the same catalog gives byte-identical PNGs. Pictures are drawn at twice the size and
downsampled (Pillow's shapes have no anti-aliasing), then reduced to a small palette so ~200 images
stay a few MB. View 1 is the product, view 2 adds its spec card, view 3 shows colour variants.
"""

from __future__ import annotations

import argparse
import functools
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk import paths
from kiosk.catalog.demo_data import DemoCatalog, DemoCategory, DemoProduct, load_demo_catalog
from kiosk.catalog.shapes import RGB, SHAPES, WHITE, Box, Palette, luminance, mix, parse_hex

SIZE = 480
ICON_SIZE = 256
SCALE = 2
COLORS = 64
INK: RGB = (33, 37, 45)
MUTED: RGB = (110, 117, 128)

Font = ImageFont.FreeTypeFont


@functools.cache
def font(size: int, bold: bool = True) -> Font:
    name = "NotoSansSC-Bold.otf" if bold else "NotoSansSC-Regular.otf"
    return ImageFont.truetype(str(paths.asset("fonts", name)), size)


def _fit(d: ImageDraw.ImageDraw, text: str, max_w: float, size: int, bold: bool = True,
         min_size: int = 16) -> Font:
    f = font(size, bold)
    while size > min_size and d.textlength(text, font=f) > max_w:
        size -= 2
        f = font(size, bold)
    return f


def _ellipsize(d: ImageDraw.ImageDraw, text: str, f: Font, max_w: float) -> str:
    if d.textlength(text, font=f) <= max_w:
        return text
    while text and d.textlength(text + "…", font=f) > max_w:
        text = text[:-1]
    return text + "…"


def _background(product_fill: RGB, fallback: RGB) -> RGB:
    # white or pale products need a coloured backdrop to stand out
    base = fallback if luminance(product_fill) > 0.78 else product_fill
    return mix(base, WHITE, 0.84)


def _draw_object(d: ImageDraw.ImageDraw, shape: str, box: Box, pal: Palette, brand: str, label: str) -> None:
    band = SHAPES[shape](d, box, pal)
    if band is None:
        return
    x0, y0, x1, y1 = band
    bw, bh = x1 - x0, y1 - y0
    small = _fit(d, brand, bw * 0.86, max(16, int(bh * 0.24)), bold=False)
    big = _fit(d, label, bw * 0.88, max(18, int(bh * 0.42)))
    cx = (x0 + x1) / 2
    d.text((cx, y0 + bh * 0.28), brand, font=small, fill=MUTED, anchor="mm")
    d.text((cx, y0 + bh * 0.66), label, font=big, fill=pal.stroke if luminance(pal.fill) < 0.8 else INK,
           anchor="mm")


def _caption(d: ImageDraw.ImageDraw, product: DemoProduct, s: int) -> None:
    top = int(s * 0.8)
    d.rectangle((0, top, s, s), fill=WHITE)
    d.line((0, top, s, top), fill=(226, 230, 236), width=4)
    pad = s * 0.05
    title = _fit(d, product.art.label, s * 0.5, int(s * 0.075))
    d.text((pad, top + s * 0.1), product.art.label, font=title, fill=INK, anchor="lm")
    brand_font = font(int(s * 0.036), bold=False)
    brand = _ellipsize(d, f"{product.brand.zh} · {product.brand.en}", brand_font, s * 0.4)
    d.text((s - pad, top + s * 0.1), brand, font=brand_font, fill=MUTED, anchor="rm")


def _spec_card(d: ImageDraw.ImageDraw, product: DemoProduct, box: Box) -> None:
    x0, y0, x1, y1 = box
    d.rounded_rectangle(box, 28, fill=WHITE, outline=(214, 219, 226), width=4)
    head = font(40)
    d.text((x0 + 36, y0 + 50), "规格参数", font=head, fill=INK, anchor="lm")
    rows = product.specs[1:7]  # the first row is the brand, already in the caption
    row_h = (y1 - y0 - 110) / max(len(rows), 1)
    key_font, val_font = font(28, bold=False), font(30)
    for i, spec in enumerate(rows):
        y = y0 + 110 + row_h * (i + 0.5)
        d.text((x0 + 36, y), spec.key.zh, font=key_font, fill=MUTED, anchor="lm")
        value = _ellipsize(d, spec.value.zh, val_font, (x1 - x0) * 0.58)
        d.text((x1 - 36, y), value, font=val_font, fill=INK, anchor="rm")
        if i:
            d.line((x0 + 30, y - row_h / 2, x1 - 30, y - row_h / 2), fill=(236, 239, 243), width=3)


def render_product(product: DemoProduct, view: int, category_color: str) -> Image.Image:
    """View 1, 2 or 3 of a product at SIZE × SIZE."""
    s = SIZE * SCALE
    fill = parse_hex(product.art.color)
    pal = Palette.of(fill)
    img = Image.new("RGB", (s, s), _background(fill, parse_hex(category_color)))
    d = ImageDraw.Draw(img)
    bg = img.getpixel((0, 0))
    assert isinstance(bg, tuple)
    glow = mix((bg[0], bg[1], bg[2]), WHITE, 0.55)
    shape, brand, label = product.art.shape, product.brand.zh, product.art.label
    if view == 1:
        d.ellipse((s * 0.14, s * 0.02, s * 0.86, s * 0.74), fill=glow)
        _draw_object(d, shape, (s * 0.2, s * 0.08, s * 0.8, s * 0.74), pal, brand, label)
    elif view == 2:
        d.ellipse((s * 0.0, s * 0.12, s * 0.5, s * 0.62), fill=glow)
        _draw_object(d, shape, (s * 0.04, s * 0.16, s * 0.46, s * 0.6), pal, brand, label)
        _spec_card(d, product, (s * 0.5, s * 0.06, s * 0.96, s * 0.74))
    elif view == 3:
        d.ellipse((s * 0.2, s * 0.04, s * 0.8, s * 0.64), fill=glow)
        _draw_object(d, shape, (s * 0.0, s * 0.3, s * 0.36, s * 0.7), pal.shifted(-0.3), brand, label)
        _draw_object(d, shape, (s * 0.64, s * 0.3, s * 1.0, s * 0.7), pal.shifted(0.35), brand, label)
        _draw_object(d, shape, (s * 0.24, s * 0.1, s * 0.76, s * 0.74), pal, brand, label)
    else:
        raise ValueError(f"no view {view}")
    _caption(d, product, s)
    return img.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def render_category(category: DemoCategory) -> Image.Image:
    s = ICON_SIZE * SCALE
    img = Image.new("RGB", (s, s), WHITE)
    d = ImageDraw.Draw(img)
    color = parse_hex(category.art.color)
    d.rounded_rectangle((0, 0, s - 1, s - 1), radius=s * 0.22, fill=color)
    d.ellipse((s * 0.12, s * 0.1, s * 0.88, s * 0.86), fill=mix(color, WHITE, 0.2))
    SHAPES[category.art.shape](d, (s * 0.2, s * 0.16, s * 0.8, s * 0.8), Palette.of(mix(color, WHITE, 0.85)))
    return img.resize((ICON_SIZE, ICON_SIZE), Image.Resampling.LANCZOS)


def encode_png(img: Image.Image) -> bytes:
    """A small palette PNG; no dithering, which only adds noise and bytes to flat art."""
    small = img.quantize(colors=COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def iter_images(catalog: DemoCatalog) -> Iterator[tuple[str, Image.Image]]:
    """(asset-relative path, image) for every category icon and product image of the catalog."""
    colors = {c.code: c.art.color for c in catalog.categories}
    for category in catalog.categories:
        yield category.icon, render_category(category)
    for product in catalog.products:
        for view, rel in enumerate(product.images, start=1):
            yield rel, render_product(product, view, colors[product.category])


def write_images(catalog: DemoCatalog, assets: Path) -> tuple[int, int]:
    """Write every image under `assets`; returns (files, total bytes)."""
    unknown = {p.art.shape for p in catalog.products} | {c.art.shape for c in catalog.categories}
    unknown -= SHAPES.keys()
    if unknown:
        raise ValueError(f"no drawing for shapes: {sorted(unknown)}")
    count = total = 0
    for rel, img in iter_images(catalog):
        data = encode_png(img)
        target = assets / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        # leave unchanged files alone so their timestamps (and packaging caches) stay put
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        count += 1
        total += len(data)
    return count, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.catalog.images", description=__doc__)
    parser.add_argument("--assets", type=Path, default=paths.assets_dir(),
                        help="assets dir the catalog's image paths are relative to")
    args = parser.parse_args(argv)
    count, total = write_images(load_demo_catalog(), args.assets)
    print(f"{count} images, {total / 1e6:.2f} MB under {args.assets / 'catalog' / 'images'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
