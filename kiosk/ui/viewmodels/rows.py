"""A list model over plain rows, presented per language: small lists (categories, rows, specs)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex
Present = Callable[[Any, str], dict[str, Any]]


class RowsModel(QAbstractListModel):
    """Rows are raw data (both languages); `present(row, language)` makes what QML shows.

    Changing the language re-presents every row in place (dataChanged), so views keep their position.
    """

    countChanged = Signal()

    def __init__(self, roles: Sequence[str], present: Present, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roles = list(roles)
        self._present = present
        self._language = "zh_CN"
        self._raw: list[Any] = []
        self._shown: list[dict[str, Any]] = []

    def roleNames(self) -> dict[int, QByteArray]:
        return {Qt.ItemDataRole.UserRole + i: QByteArray(name.encode()) for i, name in enumerate(self._roles)}

    def rowCount(self, parent: Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        i = role - Qt.ItemDataRole.UserRole
        if not index.isValid() or not 0 <= i < len(self._roles) or index.row() >= len(self._shown):
            return None
        return self._shown[index.row()].get(self._roles[i])

    @Property(int, notify=countChanged)
    def count(self) -> int:
        return len(self._shown)

    def raw(self, row: int) -> Any:
        return self._raw[row]

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._raw = list(rows)
        self._shown = [self._present(r, self._language) for r in self._raw]
        self.endResetModel()
        self.countChanged.emit()

    def update_rows(self, rows: Sequence[Any]) -> None:
        """Like set_rows, but rows that stay in place are changed in place: a view keeps its position
        (a quantity stepped in a long cart does not jump the list back to its top)."""
        if len(rows) != len(self._raw) or not rows:
            self.set_rows(rows)
            return
        self._raw = list(rows)
        self._shown = [self._present(r, self._language) for r in self._raw]
        self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1))

    def set_language(self, language: str) -> None:
        self._language = language
        if not self._raw:
            return
        self._shown = [self._present(r, language) for r in self._raw]
        self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1))

    def row_dict(self, row: int) -> dict[str, Any]:
        return dict(self._shown[row]) if 0 <= row < len(self._shown) else {}
