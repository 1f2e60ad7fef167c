"""Every QML Text shows plain text: Qt's default (AutoText) renders anything that looks like markup
as rich text, so a product name or a scanned code could restyle the screen."""

from __future__ import annotations

import re
from pathlib import Path

import kiosk.ui

QML = Path(kiosk.ui.__file__).parent / "qml"
_TEXT = re.compile(r"(?<![\w.])Text\s*\{")


def _block(source: str, start: int) -> str:
    """The text of the `{ … }` block opening at `start`, without its nested blocks."""
    depth, own = 0, []
    for ch in source[start:]:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1:
            own.append(ch)
    return "".join(own)


def test_every_text_item_is_plain_text() -> None:
    files = sorted(QML.rglob("*.qml"))
    assert files
    missing = []
    for path in files:
        source = path.read_text(encoding="utf-8")
        for match in _TEXT.finditer(source):
            if not re.search(r"\btextFormat\s*:\s*Text\.PlainText\b", _block(source, match.end() - 1)):
                line = source.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(QML)}:{line}")
    assert not missing, f"Text without textFormat: Text.PlainText: {missing}"
