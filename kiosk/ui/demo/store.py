"""The local reference store: where it runs, the link to its merchant admin page, and how sync is doing.

Demo mode starts the store a moment after the kiosk's first frame, so the link appears once the store
answers. The link carries no secret: it opens the one-time code form, and the section shows a fresh code
of the demo merchant to type there (made on a worker thread, good once, for a few minutes).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices

from kiosk.local_store import LOGIN_CODE_PATH
from kiosk.ui.demo.section import DemoSection, Post

if TYPE_CHECKING:
    from kiosk.local_store import LocalStore

log = logging.getLogger(__name__)

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
        self._code = ""
        self._code_text = ""
        self._making_code = False
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
        self._url = credentials.url
        self.changed.emit()

    @Property(str, notify=changed)
    def storeUrl(self) -> str:
        return self._url

    def admin_url(self) -> str:
        """The one-time code form of the merchant admin page (no secret in it)."""
        return f"{self._url}{LOGIN_CODE_PATH}" if self._url else ""

    adminUrl = Property(str, admin_url, notify=changed)

    @Property(str, notify=changed)
    def loginCode(self) -> str:
        return self._code

    @Property(str, notify=changed)
    def loginCodeText(self) -> str:
        return self._code_text

    @Slot()
    def newLoginCode(self) -> None:
        """A fresh one-time code of the demo merchant, made on a worker thread (a store command)."""
        if not self._url or self._making_code:
            return
        self._making_code = True
        self._code_text = "Making a sign-in code…"
        self.changed.emit()

        def work() -> None:
            try:
                code, text = self._store.login_code(), ""
            except Exception as exc:  # the command's failure, shown and logged; the button retries
                log.error("no sign-in code from the local store: %s", exc)
                code, text = "", "Could not make a sign-in code; press the button to try again."
            self.post(lambda: self._code_made(code, text))

        threading.Thread(target=work, name="demo-login-code", daemon=True).start()

    def _code_made(self, code: str, text: str) -> None:
        self._making_code = False
        self._code = code
        self._code_text = text or f"Sign-in code {code[:4]} {code[4:]}: type it on the page (once, 5 min)"
        self.changed.emit()

    @Property(str, notify=changed)
    def syncText(self) -> str:
        if self._online is None:
            return "Sync: waiting for the first contact"
        state = "online" if self._online else "store unreachable, orders are kept and retried"
        queue = "" if self._queue < 0 else f", {self._queue} order(s) waiting"
        return f"Sync: {state}{queue}, {self._pushed} pushed since start"

    @Slot()
    def openAdmin(self) -> None:
        """Open the code form in the browser, and make the code to type there."""
        url = self.admin_url()
        if url:
            self.newLoginCode()
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
