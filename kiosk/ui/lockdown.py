"""Kiosk lockdown: the keys that would end or leave the app do nothing while it is locked."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

log = logging.getLogger(__name__)


class LockdownFilter(QObject):
    """Swallows Esc and Alt+F4 application-wide; window close is refused in Main.qml."""

    def __init__(self, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.enabled or event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_F4 and alt):
            log.info("lockdown: ignored %s", "Esc" if key == Qt.Key.Key_Escape else "Alt+F4")
            return True
        return False
