"""Rebuild the shipped CJK font subset in assets/fonts from Debian's fonts-noto-cjk.

    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x
    .venv/bin/python tools/subset_font.py x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        assets/fonts/NotoSansSC-Regular.otf

Index 2 of the collection is the Simplified Chinese face. The subset keeps Latin, punctuation,
symbols (the keyboard's digit pad labels its space key ␣, U+2423), kana and the whole CJK Unified
Ideographs block, so anything Pinyin input can produce renders; it drops hinting (the kiosk renders at
large sizes) to halve the size.
"""

from __future__ import annotations

import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

SC_FACE = 2
RANGES = [
    (0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F),
    (0x2190, 0x21FF), (0x2400, 0x243F), (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x2600, 0x26FF),
    (0x3000, 0x303F), (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
]


def main(src: str, out: str) -> None:
    font = TTCollection(src).fonts[SC_FACE]
    cmap = font.getBestCmap()
    codepoints = [c for lo, hi in RANGES for c in range(lo, hi + 1) if c in cmap]
    opts = subset.Options()
    opts.layout_features = ["kern", "liga", "locl", "ccmp", "palt", "halt", "vert", "vrt2"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.save(out)
    print(f"{out}: {len(codepoints)} code points")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
