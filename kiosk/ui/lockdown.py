"""Kiosk lockdown: the keys that would end or leave the app do nothing while it is locked."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

log = logging.getLogger(__name__)

_KEYS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)


class LockdownFilter(QObject):
    """Swallows Esc, Alt+F4 and context-menu requests application-wide; window close is refused in
    Main.qml.

    A context menu (Qt Quick Controls gives every text field one: undo, paste, select all) is a
    window of its own that no shopper needs and that could paste what the last one copied.
    """

    def __init__(self, enabled: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.enabled:
            return False
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind not in _KEYS:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_F4 and alt):
            if kind == QEvent.Type.KeyPress:  # once per key, not again for its shortcut check
                log.info("lockdown: ignored %s", "Esc" if key == Qt.Key.Key_Escape else "Alt+F4")
            return True
        return False
