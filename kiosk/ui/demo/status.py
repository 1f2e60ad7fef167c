"""Live device statuses, as the bridge reports them ("device.status" events)."""

from __future__ import annotations

from dataclasses import dataclass
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
    Slot,
)

from kiosk.devices.status import DeviceStatus
from kiosk.ui.demo.section import DemoSection, Post

Index = QModelIndex | QPersistentModelIndex


@dataclass
class StatusRow:
    device: str
    state: str
    details: tuple[str, ...] = ()
    message: str = ""


class DeviceStatusModel(QAbstractListModel):
    DeviceRole = Qt.ItemDataRole.UserRole + 1
    StateRole = Qt.ItemDataRole.UserRole + 2
    DetailsRole = Qt.ItemDataRole.UserRole + 3
    MessageRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StatusRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {self.DeviceRole: QByteArray(b"device"), self.StateRole: QByteArray(b"state"),
                self.DetailsRole: QByteArray(b"details"), self.MessageRole: QByteArray(b"message")}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (self.DeviceRole, Qt.ItemDataRole.DisplayRole):
            return row.device
        if role == self.StateRole:
            return row.state
        if role == self.DetailsRole:
            return ", ".join(row.details)
        if role == self.MessageRole:
            return row.message
        return None

    def update(self, row: StatusRow) -> None:
        for i, existing in enumerate(self._rows):
            if existing.device == row.device:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i), self.index(i))
                return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self.endInsertRows()

    def row(self, device: str) -> StatusRow | None:
        return next((r for r in self._rows if r.device == device), None)


class StatusSection(DemoSection):
    qml_file = "StatusSection.qml"
    title_text = "Devices"
    column = 0

    changed = Signal()

    def __init__(self, post: Post, statuses: list[DeviceStatus], parent: QObject | None = None) -> None:
        super().__init__(post, parent)
        self._model = DeviceStatusModel(self)
        for status in statuses:
            self._model.update(StatusRow(status.device, status.state.value,
                                         tuple(sorted(d.value for d in status.details)), status.message))

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        if topic != "device.status":
            return
        self._model.update(StatusRow(str(data.get("device", "")), str(data.get("state", "")),
                                     tuple(data.get("details", ())), str(data.get("message", ""))))
        self.changed.emit()

    @Property(QObject, constant=True)
    def devices(self) -> DeviceStatusModel:
        return self._model

    @Slot(str, result=str)
    def stateOf(self, device: str) -> str:
        row = self._model.row(device)
        return row.state if row else ""

    @Slot(str, result=str)
    def detailsOf(self, device: str) -> str:
        row = self._model.row(device)
        return ", ".join(row.details) if row else ""
