"""Typing on the on-screen keyboard as a shopper does: key taps, then a pinyin candidate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QObject, Qt
from PySide6.QtQml import QQmlComponent

from kiosk.ui.app import KioskUi

_DRIVER = b"""
import QtQuick
import QtQuick.VirtualKeyboard
QtObject {
    function click(key, text) { InputContext.inputEngine.virtualKeyClick(key, text, 0); return true }
    function candidateCount() { return InputContext.inputEngine.wordCandidateListModel.count }
    function candidate(i) { return InputContext.inputEngine.wordCandidateListModel.dataAt(i) }
    function select(i) { InputContext.inputEngine.wordCandidateListModel.selectItem(i); return true }
    function locale() { return InputContext.locale }
}
"""


class Keyboard:
    def __init__(self, qtbot: Any, ui: KioskUi) -> None:
        self.qtbot = qtbot
        component = QQmlComponent(ui.engine)
        component.setData(_DRIVER, "keyboard_driver.qml")  # type: ignore[arg-type]
        self.driver: QObject = component.create()
        assert self.driver is not None, component.errorString()
        self._component = component

    def _call(self, name: str, *args: Any) -> Any:
        return QMetaObject.invokeMethod(self.driver, name, Q_RETURN_ARG("QVariant"),
                                        *(Q_ARG("QVariant", a) for a in args))

    def type(self, letters: str) -> None:
        for ch in letters:
            key = Qt.Key.Key_Space if ch == " " else getattr(Qt.Key, f"Key_{ch.upper()}")
            self._call("click", int(key.value), ch)

    def candidates(self) -> list[str]:
        return [str(self._call("candidate", i)) for i in range(int(self._call("candidateCount")))]

    def select(self, index: int) -> None:
        self._call("select", index)

    def locale(self) -> str:
        return str(self._call("locale"))
