"""Every demo image exists, is a real PNG of a sane size, and the renderer reproduces it exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from kiosk import paths
from kiosk.catalog.demo_data import DemoCatalog, load_demo_catalog
from kiosk.catalog.images import ICON_SIZE, SIZE, encode_png, render_category, render_product

MAX_TOTAL_BYTES = 6_000_000


@pytest.fixture(scope="module")
def catalog() -> DemoCatalog:
    return load_demo_catalog()


def _open(rel: str) -> Image.Image:
    path = paths.assets_dir() / rel
    assert path.is_file(), f"missing {rel}"
    img = Image.open(path)
    img.verify()  # structure and CRCs; verify() leaves the object unusable, so reopen
    img = Image.open(path)
    img.load()
    assert img.format == "PNG"
    return img


def test_every_product_image_is_a_valid_png(catalog: DemoCatalog) -> None:
    for p in catalog.products:
        assert p.images
        for rel in p.images:
            img = _open(rel)
            assert img.size == (SIZE, SIZE), rel
            # a blank or broken picture would have almost no colours
            assert len(img.convert("RGB").getcolors(maxcolors=1 << 16) or []) >= 8, rel


def test_every_category_icon_is_a_valid_png(catalog: DemoCatalog) -> None:
    for c in catalog.categories:
        assert _open(c.icon).size == (ICON_SIZE, ICON_SIZE)


def test_images_folder_has_nothing_stale_and_stays_small(catalog: DemoCatalog) -> None:
    folder = paths.assets_dir() / "catalog" / "images"
    expected = {Path(rel).name for p in catalog.products for rel in p.images} | {Path(c.icon).name
                                                                                for c in catalog.categories}
    present = {f.name for f in folder.glob("*.png")}
    assert present == expected
    assert sum(f.stat().st_size for f in folder.glob("*.png")) < MAX_TOTAL_BYTES


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute channel difference, 0-255."""
    pa, pb = a.convert("RGB").tobytes(), b.convert("RGB").tobytes()
    assert len(pa) == len(pb)
    return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / len(pa)


def _decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize("index", [0, 4, 39])
def test_renderer_is_deterministic_and_matches_shipped_files(catalog: DemoCatalog, index: int) -> None:
    p = catalog.products[index]
    color = next(c.art.color for c in catalog.categories if c.code == p.category)
    for view, rel in enumerate(p.images, start=1):
        data = encode_png(render_product(p, view, color))
        assert data == encode_png(render_product(p, view, color))
        # pixels, not bytes: another Pillow/zlib build may compress or quantise a little differently
        shipped = Image.open(paths.assets_dir() / rel)
        stale = f"{rel} is stale: run python -m kiosk.catalog.images"
        assert _difference(_decoded(data), shipped) < 2.0, stale


def test_category_icon_matches_shipped_file(catalog: DemoCatalog) -> None:
    c = catalog.categories[0]
    drawn = _decoded(encode_png(render_category(c)))
    assert _difference(drawn, Image.open(paths.assets_dir() / c.icon)) < 2.0
