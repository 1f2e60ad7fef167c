"""Barcode scans open the scanned product; an unknown code says so instead of doing nothing."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Slot

from kiosk.ui.navigator import ATTRACT, Navigator
from kiosk.ui.viewmodels.catalog import Catalog
from kiosk.ui.viewmodels.queries import product_for_gtin
from kiosk.ui.viewmodels.session import SessionViewModel

if TYPE_CHECKING:
    from kiosk.db.engine import Database

log = logging.getLogger(__name__)

# screens where a scan must not pull the shopper away: paying, and an outcome with an order number
# the shopper has to see (Finish, or the idle timer, ends them)
IGNORED_ON = {"outOfService", "payment", "paymentProblem", "done"}


class ScanRouter(QObject):
    def __init__(self, navigator: Navigator, catalog: Catalog, session: SessionViewModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._navigator = navigator
        self._catalog = catalog
        self._session = session
        self._db: Database | None = None

    def attach(self, db: Database) -> None:
        self._db = db

    @Slot(str, dict)
    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        screen = str(self._navigator.property("screen"))
        if topic != "device.scan" or self._db is None or screen in IGNORED_ON:
            return
        code = str(data.get("gtin") or "")
        product_id = product_for_gtin(self._db, code) if code and data.get("ok", True) else None
        if product_id is None:
            shown = code or str(data.get("data") or "")
            log.info("scan not in the catalog: %r", shown)
            text = QCoreApplication.translate("Scan", "Barcode %1 is not in our catalog").replace("%1", shown)
            self._session.showToast(text)
            return
        if screen == ATTRACT:
            self._navigator.push("home")
        self._catalog.openProduct(product_id)
