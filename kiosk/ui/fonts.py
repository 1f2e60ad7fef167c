"""Register the shipped CJK font so Chinese renders on a machine without any CJK font."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from kiosk.paths import asset

log = logging.getLogger(__name__)

FONT_FILES = ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf")


def install_fonts(app: QGuiApplication) -> str:
    """Load the shipped fonts and make them the application default; returns the family name."""
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(asset("fonts", name)))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load the shipped font {name}")
        family = family or QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPointSize(16)
    app.setFont(font)
    log.info("UI font: %s", family)
    return family
