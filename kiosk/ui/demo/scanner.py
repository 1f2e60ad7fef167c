"""Scanner controls: scan a demo product or any code, inject bad input, unplug and replug."""

from __future__ import annotations

import datetime as dt
import logging
import threading
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
from sqlalchemy import select

from kiosk import display_text
from kiosk.db.engine import Database
from kiosk.db.models import Product, ProductBarcode
from kiosk.devices.sim.pty_scanner import PtyScanner
from kiosk.ui.demo.section import DemoSection, Post

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

# line noise: control bytes, bytes that are not UTF-8, an escape sequence, then a terminator
GARBAGE = b"\x00\x07\xff\xfe\x1b[2J\x80\x13#~\r"


@dataclass(frozen=True)
class ProductRow:
    gtin: str
    name_zh: str
    name_en: str
    product_id: int

    def matches(self, needle: str) -> bool:
        return (needle in self.gtin or needle in self.name_zh.casefold()
                or needle in self.name_en.casefold())


def load_products(db: Database) -> list[ProductRow]:
    """Every active product with a barcode, by English name (one row per barcode)."""
    with db.read() as session:
        rows = session.execute(
            select(ProductBarcode.gtin, Product.name_zh, Product.name_en, Product.id)
            .join(Product, Product.id == ProductBarcode.product_id)
            .where(Product.active.is_(True))
            .order_by(Product.name_en, ProductBarcode.gtin)
        ).all()
    def name(text: str) -> str:
        return display_text.shown(text, display_text.NAME)

    return [ProductRow(gtin, name(zh), name(en), product_id) for gtin, zh, en, product_id in rows]


def bad_check_digit(gtin: str) -> str:
    return gtin[:-1] + str((int(gtin[-1]) + 1) % 10)


def gs1_128(gtin: str, today: dt.date) -> str:
    """A GS1-128 label as a scanner sends it: AIM id, (01) GTIN-14, (17) expiry, (10) batch."""
    expiry = (today + dt.timedelta(days=365)).strftime("%y%m%d")
    return f"]C101{gtin.zfill(14)}17{expiry}10DEMO42"


class ProductListModel(QAbstractListModel):
    GtinRole = Qt.ItemDataRole.UserRole + 1
    NameZhRole = Qt.ItemDataRole.UserRole + 2
    NameEnRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[ProductRow] = []
        self._shown: list[ProductRow] = []
        self._filter = ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def roleNames(self) -> dict[int, QByteArray]:
        return {self.GtinRole: QByteArray(b"gtin"), self.NameZhRole: QByteArray(b"nameZh"),
                self.NameEnRole: QByteArray(b"nameEn")}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        row = self._shown[index.row()]
        if role == self.GtinRole:
            return row.gtin
        if role == self.NameZhRole:
            return row.name_zh
        if role in (self.NameEnRole, Qt.ItemDataRole.DisplayRole):
            return row.name_en
        return None

    def set_rows(self, rows: list[ProductRow]) -> None:
        self._all = rows
        self._refilter()

    def set_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._filter:
            self._filter = needle
            self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._shown = [r for r in self._all if r.matches(self._filter)] if self._filter else list(self._all)
        self.endResetModel()

    @property
    def total(self) -> int:
        """Products, not rows: a product with two barcodes is listed twice."""
        return len({row.product_id for row in self._all})

    def first_gtin(self) -> str:
        rows = self._shown or self._all
        return rows[0].gtin if rows else "4006381333931"


class ScannerSection(DemoSection):
    qml_file = "ScannerSection.qml"
    title_text = "Scanner"
    column = 0
    fills = True

    changed = Signal()
    productsLoaded = Signal()

    def __init__(self, post: Post, pty: PtyScanner, db: Database, parent: QObject | None = None) -> None:
        super().__init__(post, parent)
        self._pty = pty
        self._products = ProductListModel(self)
        self._last_scan = ""
        self._last_sent = ""
        # a few hundred rows, but still I/O: read them beside the GUI thread
        threading.Thread(target=self._load, args=(db,), name="demo-products", daemon=True).start()

    def _load(self, db: Database) -> None:
        try:
            rows = load_products(db)
        except Exception:
            log.exception("demo controls: could not read the demo products")
            return
        self.post(lambda: self._loaded(rows))

    def _loaded(self, rows: list[ProductRow]) -> None:
        self._products.set_rows(rows)
        self.productsLoaded.emit()

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        if topic != "device.scan":
            return
        # what was read may be anything, and a parser's error may quote it
        if data.get("ok"):
            code = display_text.shown(str(data.get("gtin") or data.get("data")), display_text.CODE)
            self._last_scan = f"{data.get('kind')}: {code}"
        else:
            self._last_scan = f"bad scan: {display_text.shown(str(data.get('error')), 2 * display_text.CODE)}"
        self.changed.emit()

    def _send(self, code: str, raw: bytes | None = None) -> bool:
        sent = self._pty.write(raw) if raw is not None else self._pty.scan(code)
        self._last_sent = (display_text.shown(code, display_text.CODE) if sent
                           else "not sent: the scanner is unplugged")
        self.changed.emit()
        return sent

    # --- bound by QML ---------------------------------------------------------------------------

    @Property(QObject, constant=True)
    def products(self) -> ProductListModel:
        return self._products

    @Property(int, notify=productsLoaded)
    def productCount(self) -> int:
        return self._products.total

    @Property(bool, notify=changed)
    def plugged(self) -> bool:
        return self._pty.plugged

    @Property(str, notify=changed)
    def lastScan(self) -> str:
        """What the kiosk's scanner adapter made of the last frame."""
        return self._last_scan

    @Property(str, notify=changed)
    def lastSent(self) -> str:
        return self._last_sent

    @Slot(str)
    def setFilter(self, text: str) -> None:
        self._products.set_filter(text)

    @Slot(str, result=bool)
    def scanCode(self, code: str) -> bool:
        code = code.strip()
        return bool(code) and self._send(code)

    @Slot(result=bool)
    def scanGarbage(self) -> bool:
        return self._send("line noise", GARBAGE)

    @Slot(result=bool)
    def scanBadCheckDigit(self) -> bool:
        return self._send(bad_check_digit(self._products.first_gtin()))

    @Slot(result=bool)
    def scanGs1(self) -> bool:
        return self._send(gs1_128(self._products.first_gtin(), dt.date.today()))

    @Slot(bool)
    def setPlugged(self, plugged: bool) -> None:
        if plugged:
            self._pty.plug()
        else:
            self._pty.unplug()
        self.changed.emit()

    @Slot()
    def replug(self) -> None:
        self._pty.replug()
        self.changed.emit()
