"""Refresh the Qt Linguist sources and compile them: `.venv/bin/python -m kiosk.ui.i18n_update`.

lupdate collects every qsTr() in the QML and every QCoreApplication.translate() in kiosk/ui into
kiosk/ui/i18n/kiosk_<lang>.ts (new strings come in unfinished, for a translator), and lrelease
compiles each into the .qm the kiosk loads. The operator's demo-controls window is not shopper UI and
stays untranslated.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.ui.translations import LANGUAGES, i18n_dir

UI_DIR = Path(__file__).resolve().parent
NOT_SHOPPER_UI = ("demo",)
SOURCE_LANGUAGE = "en_US"
EXTRA_SOURCES = ("help_faq.py",)  # under kiosk/


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def sources() -> list[Path]:
    found = [p for pattern in ("*.qml", "*.py") for p in UI_DIR.rglob(pattern)
             if not any(part in NOT_SHOPPER_UI for part in p.relative_to(UI_DIR).parts[:-1])]
    # Qt-free sources whose strings the UI shows: marked with QT_TRANSLATE_NOOP
    found.extend(UI_DIR.parent / name for name in EXTRA_SOURCES)
    return sorted(found)


def ts_file(language: str, folder: Path | None = None) -> Path:
    return (folder or i18n_dir()) / f"kiosk_{language}.ts"


def lupdate(ts: Path, language: str) -> str:
    result = subprocess.run(
        [_tool("lupdate"), *map(str, sources()), "-source-language", SOURCE_LANGUAGE,
         "-target-language", language, "-no-obsolete", "-locations", "none", "-ts", str(ts)],
        capture_output=True, text=True, check=True)
    return result.stdout + result.stderr


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm)], capture_output=True, check=True)


def main() -> int:
    for language in LANGUAGES:
        ts = ts_file(language)
        print(lupdate(ts, language).strip())
        lrelease(ts, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
