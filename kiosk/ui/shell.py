"""Kiosk-wide view state QML binds to: identity, orientation, language and display modes."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import __version__
from kiosk.config import KioskConfig


class Shell(QObject):
    orientationChanged = Signal()
    languageChanged = Signal()
    accessibilityChanged = Signal()
    readyChanged = Signal()
    storeNameChanged = Signal()
    languagesChanged = Signal()

    def __init__(self, config: KioskConfig, lockdown: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self._lockdown = lockdown
        self._orientation: str = config.ui.orientation
        self._language: str = config.ui.language
        self._large_text = False
        self._high_contrast = False
        self._reach = False
        self._ready = False
        self.languageChanged.connect(self.storeNameChanged)

    @Property(bool, notify=readyChanged)
    def ready(self) -> bool:
        """True once the database and services are up; until then only the attract screen works."""
        return self._ready

    def setReady(self, ready: bool) -> None:
        if ready != self._ready:
            self._ready = ready
            self.readyChanged.emit()

    def set_config(self, config: KioskConfig) -> None:
        """A technician's change, applied at once: the store's name and the languages offered (the
        default language takes effect with the next shopper)."""
        names = (self._config.identity, self._config.ui.languages)
        self._config = config
        if names[0] != config.identity:
            self.storeNameChanged.emit()
        if names[1] != config.ui.languages:
            self.languagesChanged.emit()

    @Property(list, notify=languagesChanged)
    def languages(self) -> list[str]:
        """The languages a shopper may choose (ui.languages)."""
        return self._config.ui.offered()

    @Property(bool, notify=languagesChanged)
    def canSwitchLanguage(self) -> bool:
        return len(self._config.ui.offered()) > 1

    @Property(str, notify=storeNameChanged)
    def storeName(self) -> str:
        """In the shopper's language (the window's title too)."""
        return self._config.identity.store_name_in(self._language)

    @Property(str, constant=True)
    def deviceName(self) -> str:
        return self._config.identity.device_name

    @Property(str, constant=True)
    def version(self) -> str:
        return __version__

    @Property(bool, constant=True)
    def demo(self) -> bool:
        return self._config.demo

    @Property(bool, constant=True)
    def lockdown(self) -> bool:
        return self._lockdown

    @Property(int, constant=True)
    def attractIntervalMs(self) -> int:
        return self._config.ui.attract_interval_s * 1000

    def _get_orientation(self) -> str:
        return self._orientation

    def _set_orientation(self, value: str) -> None:
        if value not in ("portrait", "landscape"):
            raise ValueError(f"orientation must be portrait or landscape, not {value!r}")
        if value != self._orientation:
            self._orientation = value
            self.orientationChanged.emit()

    orientation = Property(str, _get_orientation, _set_orientation, notify=orientationChanged)

    def _get_language(self) -> str:
        return self._language

    def _set_language(self, value: str) -> None:
        if value not in ("zh_CN", "en_US"):
            raise ValueError(f"language must be zh_CN or en_US, not {value!r}")
        if value != self._language:
            self._language = value
            self.languageChanged.emit()

    language = Property(str, _get_language, _set_language, notify=languageChanged)

    @Property(bool, notify=accessibilityChanged)
    def largeText(self) -> bool:
        return self._large_text

    @Property(bool, notify=accessibilityChanged)
    def highContrast(self) -> bool:
        return self._high_contrast

    @Property(bool, notify=accessibilityChanged)
    def reachMode(self) -> bool:
        return self._reach

    @Slot(bool, bool, bool)
    def setAccessibility(self, large_text: bool, high_contrast: bool, reach: bool) -> None:
        self._large_text, self._high_contrast, self._reach = large_text, high_contrast, reach
        self.accessibilityChanged.emit()

    @Slot(str)
    def setLanguage(self, value: str) -> None:
        self._set_language(value)

    @Slot()
    def toggleLanguage(self) -> None:
        other = "en_US" if self._language == "zh_CN" else "zh_CN"
        if other in self._config.ui.offered():
            self._set_language(other)

    @Slot(bool)
    def setLargeText(self, on: bool) -> None:
        self.setAccessibility(on, self._high_contrast, self._reach)

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:
        self.setAccessibility(self._large_text, on, self._reach)

    @Slot(bool)
    def setReachMode(self, on: bool) -> None:
        self.setAccessibility(self._large_text, self._high_contrast, on)

    def resetSession(self) -> None:
        """A new shopper: the configured language, every accessibility mode off."""
        self._set_language(self._config.ui.language)
        if self._large_text or self._high_contrast or self._reach:
            self.setAccessibility(False, False, False)
