"""What every page of the technician area shares: the services once they are up, and the audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal

from kiosk.audit import OK
from kiosk.services import Services


def translate(context: str, text: str) -> str:
    """The pages' words. Named so lupdate finds every literal passed to it (a wrapper with another
    name hides them), translated at run time in its context."""
    return QCoreApplication.translate(context, text)


Audit = Callable[..., None]  # MaintenanceEntry.audit(action, result=OK, subject="", detail="")
Post = Callable[[Callable[[], None]], None]  # runs a callable on the GUI thread (Bridge.post)


class TechnicianPage(QObject):
    """A page's view-model. `attach` follows start-up; `opened` runs each time the technician shows
    the page, `on_event` gets every core event (already on the GUI thread)."""

    readyChanged = Signal()

    def __init__(self, audit: Audit, post: Post, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._audit = audit
        self._post = post
        self.services: Services | None = None

    def attach(self, services: Services) -> None:
        self.services = services
        self.readyChanged.emit()

    @Property(bool, notify=readyChanged)
    def ready(self) -> bool:
        return self.services is not None

    def audit(self, action: str, result: str = OK, subject: str = "", detail: str = "") -> None:
        self._audit(action, result, subject, detail)

    def opened(self) -> None:
        """The technician has just shown this page: refresh what it shows."""

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        """A core event (device status, sync progress, a scan)."""

    def retranslate(self) -> None:
        """The language changed (the new translator is already in): word everything shown anew."""

    def locked(self) -> None:
        """The area has locked: forget what only the technician was meant to see."""

    def close(self) -> None:
        """The kiosk is stopping: stop timers and threads."""
