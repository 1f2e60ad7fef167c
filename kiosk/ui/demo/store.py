"""The local reference store: where it runs, the link to its merchant admin page, and how sync is doing.

Demo mode starts the store a moment after the kiosk's first frame, so the link appears once the store
answers. The admin token in the link is the demo store's own (made for this data dir, local only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices

from kiosk.ui.demo.section import DemoSection, Post

if TYPE_CHECKING:
    from kiosk.local_store import LocalStore

POLL_MS = 500


class StoreSection(DemoSection):
    qml_file = "StoreSection.qml"
    title_text = "Store"
    column = 1

    changed = Signal()

    def __init__(self, post: Post, store: LocalStore, parent: QObject | None = None) -> None:
        super().__init__(post, parent)
        self._store = store
        self._url = ""
        self._token = ""
        self._queue = -1  # unknown until the sync worker reports
        self._online: bool | None = None
        self._pushed = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        self._poll()

    def _poll(self) -> None:
        credentials = self._store.credentials
        if credentials is None:
            return
        self._timer.stop()
        self._url, self._token = credentials.url, credentials.admin_token
        self.changed.emit()

    @Property(str, notify=changed)
    def storeUrl(self) -> str:
        return self._url

    def admin_url(self) -> str:
        """The merchant admin page, signed in (the token becomes a cookie on the first visit)."""
        return f"{self._url}/admin?token={self._token}" if self._url else ""

    adminUrl = Property(str, admin_url, notify=changed)

    @Property(str, notify=changed)
    def syncText(self) -> str:
        if self._online is None:
            return "Sync: waiting for the first contact"
        state = "online" if self._online else "store unreachable, orders are kept and retried"
        queue = "" if self._queue < 0 else f", {self._queue} order(s) waiting"
        return f"Sync: {state}{queue}, {self._pushed} pushed since start"

    @Slot()
    def openAdmin(self) -> None:
        url = self.admin_url()
        if url:
            QDesktopServices.openUrl(QUrl(url))

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        if topic == "sync.queue":
            self._queue = int(data.get("depth", 0))
        elif topic == "sync.online":
            self._online = bool(data.get("online"))
        elif topic == "sync.pushed":
            self._pushed += int(data.get("sent", 0))
        else:
            return
        self.changed.emit()

    def close(self) -> None:
        self._timer.stop()
        super().close()
