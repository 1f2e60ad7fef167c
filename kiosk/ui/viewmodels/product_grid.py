"""The products of one category, paged from the database as the shopper scrolls."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from kiosk.ui.viewmodels.cards import CARD_ROLES, present_card
from kiosk.ui.viewmodels.queries import SORTS, Card, card_page

if TYPE_CHECKING:
    from kiosk.db.engine import Database

Index = QModelIndex | QPersistentModelIndex

log = logging.getLogger(__name__)

PAGE_SIZE = 30  # about two screens of tiles: the view asks for more before the shopper reaches the end


class ProductGridModel(QAbstractListModel):
    """Never holds more than the pages the shopper has scrolled through (fetchMore / canFetchMore)."""

    sortChanged = Signal()
    countChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._data_root: Path | None = None
        self._language = "zh_CN"
        self._category_id = 0
        self._sort = "popular"
        self._cards: list[Card] = []
        self._shown: dict[int, dict[str, Any]] = {}  # presented rows, by row: views ask once per role
        self._exhausted = True

    def attach(self, db: Database, data_root: Path) -> None:
        self._db, self._data_root = db, data_root

    def roleNames(self) -> dict[int, QByteArray]:
        return {Qt.ItemDataRole.UserRole + i: QByteArray(n.encode()) for i, n in enumerate(CARD_ROLES)}

    def rowCount(self, parent: Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        i = role - Qt.ItemDataRole.UserRole
        if not index.isValid() or not 0 <= i < len(CARD_ROLES) or index.row() >= len(self._cards):
            return None
        # presented on demand, once per row: only the tiles on screen pay for formatting
        row = index.row()
        shown = self._shown.get(row)
        if shown is None:
            shown = self._shown[row] = present_card(self._cards[row], self._language, self._data_root)
        return shown[CARD_ROLES[i]]

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and self._db is not None

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted or self._db is None:
            return
        after = self._cards[-1] if self._cards else None
        page = card_page(self._db, self._category_id, self._sort, after, PAGE_SIZE)
        self._exhausted = len(page) < PAGE_SIZE
        if page:
            first = len(self._cards)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._cards.extend(page)
            self.endInsertRows()
            self.countChanged.emit()

    @Property(int, notify=countChanged)
    def count(self) -> int:
        return len(self._cards)

    @Property(str, notify=sortChanged)
    def sortKey(self) -> str:
        return self._sort

    @Slot(str)
    def setSort(self, sort: str) -> None:
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        if sort != self._sort:
            self._sort = sort
            self.sortChanged.emit()
            self._reload()

    def show_category(self, category_id: int) -> None:
        self._category_id = category_id
        if self._sort != "popular":
            self._sort = "popular"
            self.sortChanged.emit()
        self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._cards = []
        self._shown = {}
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())  # the first page at once: the screen never opens empty
        self.countChanged.emit()

    def set_language(self, language: str) -> None:
        self._language = language
        self._shown = {}
        if self._cards:
            self.dataChanged.emit(self.index(0), self.index(len(self._cards) - 1))

    @Slot(int, result=int)
    def productAt(self, row: int) -> int:
        return self._cards[row].id if 0 <= row < len(self._cards) else 0

    def clear(self) -> None:
        self.beginResetModel()
        self._cards = []
        self._shown = {}
        self._exhausted = True
        self.endResetModel()
        self.countChanged.emit()
