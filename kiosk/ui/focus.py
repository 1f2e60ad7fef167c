"""Who takes typing, and when the on-screen keyboard goes away.

The keyboard serves the focused text field of the *active* window only. Another window of the app (the
demo controls) or a session without a window manager to activate windows on a click leaves the kiosk
window inactive: a shopper taps a field, and no keyboard comes up. So a touch on the kiosk makes its
window active.

Qt Quick keeps a field focused until something else takes focus, and a tap on a picture or a blank
part of the screen takes none: the keyboard would stay up over the screen. So a tap outside the
focused field and outside the keyboard puts the keyboard away, and so does every change of screen.
A drag (scrolling a form while typing) does not.
"""

from __future__ import annotations

from PySide6.QtCore import Q_ARG, QEvent, QMetaObject, QObject, QPointF, QRectF, QTimer
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow

# a finger that moves further than this between press and release was scrolling, not tapping
TAP_SLOP_PX = 24


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def is_text_input(item: QQuickItem | None) -> bool:
    return item is not None and (item.inherits("QQuickTextInput") or item.inherits("QQuickTextEdit"))


def put_keyboard_away(window: QQuickWindow) -> None:
    """Take focus off any text field (its keyboard closes with it)."""
    field = window.activeFocusItem()
    if field is not None and is_text_input(field):
        # letters still being composed (Pinyin before a candidate is picked) would be dropped with the
        # focus: they stay in the field as typed, so "kl" still searches
        letters = str(field.property("preeditText") or "").replace(" ", "")
        QGuiApplication.inputMethod().reset()
        if letters:
            at = int(field.property("cursorPosition"))
            QMetaObject.invokeMethod(field, "insert", Q_ARG(int, at), Q_ARG(str, letters))
        # (focus given to the window's root item would flow back down its focus chain to the field)
        field.setFocus(False)
    QGuiApplication.inputMethod().hide()


def on_new_screen(window: QQuickWindow) -> None:
    """After a change of screen: the keyboard stays only for a field of the new screen (search takes
    focus as it opens); a field left behind on a hidden screen gives its focus up."""
    def settle() -> None:
        field = window.activeFocusItem()
        if not (is_text_input(field) and field is not None and field.isVisible()):
            put_keyboard_away(window)

    QTimer.singleShot(0, window, settle)  # once the screens have shown and hidden themselves


class TouchFocus(QObject):
    def __init__(self, window: QQuickWindow, keyboard_loader: QQuickItem) -> None:
        super().__init__(window)
        self._window = window
        self._keyboard_loader = keyboard_loader
        self._pressed_at: QPointF | None = None
        window.installEventFilter(self)

    def _keyboard_rect(self) -> QRectF | None:
        panel = self._keyboard_loader.property("item")
        if not isinstance(panel, QQuickItem) or not panel.isVisible():
            return None
        return scene_rect(panel)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            # not isActive(): that is also true while a window of ours on top (the demo controls) has focus
            if QGuiApplication.focusWindow() is not self._window:
                self._window.requestActivate()
            assert isinstance(event, QMouseEvent)
            self._pressed_at = event.scenePosition()
        elif kind == QEvent.Type.MouseButtonRelease and self._pressed_at is not None:
            assert isinstance(event, QMouseEvent)
            moved = (event.scenePosition() - self._pressed_at).manhattanLength()
            self._pressed_at = None
            if moved <= TAP_SLOP_PX:
                self._tapped(event.scenePosition())
        return False

    def _tapped(self, window_pos: QPointF) -> None:
        field = self._window.activeFocusItem()
        if not is_text_input(field):
            return
        assert field is not None
        keyboard = self._keyboard_rect()
        # scene coordinates are the window's (the stage's scaling included)
        if scene_rect(field).contains(window_pos) or (keyboard is not None and keyboard.contains(window_pos)):
            return

        def after_the_tap() -> None:
            # the tap may have moved focus to another field (its keyboard stays) or opened a screen
            if self._window.activeFocusItem() is field:
                put_keyboard_away(self._window)

        QTimer.singleShot(0, self, after_the_tap)
