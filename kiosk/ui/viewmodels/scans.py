"""Barcode scans open the scanned product; any other scan tells the shopper what happened.

A scan that could not be read (line noise, an empty frame, a wrong check digit) asks for another try:
a misread code must never be reported as a product we do not have. Only a well-read code that is not
in the catalog says so, echoing the code as plain, capped text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Slot

from kiosk import display_text, order_rules
from kiosk.catalog.ean import is_valid_gtin
from kiosk.ui.navigator import ATTRACT, Navigator
from kiosk.ui.viewmodels.catalog import Catalog
from kiosk.ui.viewmodels.queries import product_for_gtin
from kiosk.ui.viewmodels.session import SessionViewModel

if TYPE_CHECKING:
    from kiosk.db.engine import Database

log = logging.getLogger(__name__)

# screens where a scan must not pull the shopper away: paying, and an outcome with an order number
# the shopper has to see (Finish, or the idle timer, ends them)
IGNORED_ON = {"outOfService", "closed", "payment", "paymentProblem", "done", "maintenance"}


class ScanRouter(QObject):
    def __init__(self, navigator: Navigator, catalog: Catalog, session: SessionViewModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._navigator = navigator
        self._catalog = catalog
        self._session = session
        self._db: Database | None = None
        # True while something over the screens takes no scans (the technician's PIN pad)
        self.paused: Callable[[], bool] = lambda: False
        # a receipt's QR (…/o/{uuid}): its order is looked up and shown (kiosk.ui.viewmodels.my_order)
        self.receipt_scanned: Callable[[str], None] | None = None

    def attach(self, db: Database) -> None:
        self._db = db

    @Slot(str, dict)
    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        screen = str(self._navigator.property("screen"))
        if topic != "device.scan" or self._db is None or screen in IGNORED_ON or self.paused():
            return
        code = str(data.get("gtin") or "")
        text = str(data.get("data") or "")
        # a GTIN is checked again: an event may come from anywhere, and a wrong check digit is a misread
        if not data.get("ok", True) or (code and not is_valid_gtin(code)) or not (code or text.strip()):
            log.info("unreadable scan (%r): %r", data.get("error"), text[:100])  # repr: no raw control bytes
            self._session.showToast(
                QCoreApplication.translate("Scan", "Could not read the code, please scan again"))
            return
        if not code and self.receipt_scanned is not None and order_rules.order_uuid_from_scan(text):
            log.info("receipt QR scanned: its order is looked up")  # the uuid is the order's secret
            self.receipt_scanned(text)
            return
        product_id = product_for_gtin(self._db, code) if code else None
        if product_id is None:
            log.info("scan not in the catalog: %r", (code or text)[:100])
            shown = display_text.shown(code or text, display_text.CODE)
            self._session.showToast(
                QCoreApplication.translate("Scan", "Barcode %1 is not in our catalog").replace("%1", shown))
            return
        if screen == ATTRACT:
            self._navigator.push("home")
        self._catalog.openProduct(product_id)
