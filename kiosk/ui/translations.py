"""UI translations (Qt Linguist .qm files), switched live with the shopper's language."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtQml import QQmlEngine

from kiosk.paths import qml_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en_US")


def i18n_dir() -> Path:
    return qml_dir().parent / "i18n"


def qm_file(language: str) -> Path:
    return i18n_dir() / f"kiosk_{language}.qm"


class Translations:
    """Keeps one QTranslator installed for the current language and retranslates every binding."""

    def __init__(self) -> None:
        self._translators: dict[str, QTranslator] = {}
        self._current: QTranslator | None = None
        self.language = ""

    def _translator(self, language: str) -> QTranslator | None:
        if language not in self._translators:
            translator = QTranslator()
            if not translator.load(str(qm_file(language))):
                log.error("no translations for %s at %s", language, qm_file(language))
                return None
            self._translators[language] = translator
        return self._translators[language]

    def use(self, language: str, engine: QQmlEngine | None = None) -> None:
        app = QCoreApplication.instance()
        if app is None or language == self.language:
            return
        if self._current is not None:
            app.removeTranslator(self._current)
        self._current = self._translator(language)
        if self._current is not None:
            app.installTranslator(self._current)
        self.language = language
        if engine is not None:
            engine.retranslate()

    def close(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._current is not None:
            app.removeTranslator(self._current)
        self._current = None
        self.language = ""
