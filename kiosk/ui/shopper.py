"""The shopper-facing view-models, built with the window and given the database in `attach`."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtQml import QQmlEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.config import KioskConfig
from kiosk.services import Services
from kiosk.session import ShopperSession
from kiosk.ui.bridge import Bridge
from kiosk.ui.navigator import Navigator
from kiosk.ui.shell import Shell
from kiosk.ui.translations import Translations
from kiosk.ui.viewmodels.cart import CartViewModel
from kiosk.ui.viewmodels.catalog import Catalog
from kiosk.ui.viewmodels.fulfilment import FulfilmentViewModel
from kiosk.ui.viewmodels.help import HelpViewModel
from kiosk.ui.viewmodels.idle import IdleMonitor
from kiosk.ui.viewmodels.my_order import MyOrderViewModel
from kiosk.ui.viewmodels.payment import PaymentViewModel
from kiosk.ui.viewmodels.product_detail import ProductDetail
from kiosk.ui.viewmodels.recommendations import Recommendations
from kiosk.ui.viewmodels.scans import ScanRouter
from kiosk.ui.viewmodels.search import SearchViewModel
from kiosk.ui.viewmodels.session import SessionViewModel

# QML singleton name → attribute of Shopper (registered in module Kiosk.Backend)
SINGLETONS: dict[str, tuple[type[QObject], str]] = {
    "Catalog": (Catalog, "catalog"),
    "Product": (ProductDetail, "product"),
    "Search": (SearchViewModel, "search"),
    "Session": (SessionViewModel, "session"),
    "Idle": (IdleMonitor, "idle"),
    "Cart": (CartViewModel, "cart"),
    "Fulfilment": (FulfilmentViewModel, "fulfilment"),
    "Payment": (PaymentViewModel, "payment"),
    "Help": (HelpViewModel, "help"),
    "Recommend": (Recommendations, "recommend"),
    "MyOrder": (MyOrderViewModel, "my_order"),
}


class Shopper:
    def __init__(self, config: KioskConfig, navigator: Navigator, shell: Shell, bridge: Bridge,
                 clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.config = config
        self._engine: QQmlEngine | None = None
        self.shell = shell
        self.translations = Translations()
        self.translations.use(self._language())  # before the QML loads: its first frame is translated
        self.state = ShopperSession()
        self.session = SessionViewModel(self.state, shell, navigator)
        self.product = ProductDetail(self.state, config.shipping, now)
        self.catalog = Catalog(navigator, self.product, bridge.post)
        self.search = SearchViewModel(self.state)
        self.idle = IdleMonitor(config.idle, navigator, clock)
        self.scans = ScanRouter(navigator, self.catalog, self.session)
        currency = config.identity.currency
        self.cart = CartViewModel(self.state, navigator, currency, toast=self.session.showToast)
        self.payment = PaymentViewModel(self.state, navigator, self.cart, self._language, bridge.post)
        self.fulfilment = FulfilmentViewModel(self.state, self.payment.start, currency,
                                              back_to_cart=self.cart.show_with_notice)
        self.help = HelpViewModel(self.state, navigator, currency, bridge.post, toast=self.session.showToast)
        self.product.checkoutRequested.connect(self.cart.checkout)
        self.my_order = MyOrderViewModel(navigator, bridge.post, self.payment.start, currency)
        self.scans.receipt_scanned = self.my_order.open_receipt
        self.payment.back_to_order = self.my_order.back_from_payment
        self.recommend = Recommendations(self.state, bridge.post)
        self.product.shown.connect(
            lambda: self.recommend.show_product(int(self.product.property("productId"))))
        self.idle.expired.connect(self.session.wipe)
        self.session.wiped.connect(self.catalog.forget)
        self.session.wiped.connect(self.payment.forget)
        self.session.wiped.connect(self.help.forget)  # stop asking the store about the shopper's call
        self.session.wiped.connect(self.my_order.forget)  # nothing of one shopper's order for the next
        self.idle.paused = self.help.waiting_for_staff  # a shopper waiting for staff is not idle
        bridge.published.connect(self.scans.on_event)
        bridge.published.connect(self._on_event)
        bridge.published.connect(self.payment.on_event)  # the printer's status, an order recovered
        self.set_language(self._language())

    def _on_event(self, topic: str, _data: dict[str, Any]) -> None:
        if topic == "sync.catalog":
            # the store changed the catalog: categories and home rows follow; an open grid or product
            # stays as the shopper sees it until they open it again
            self.catalog.refresh()
        if topic in ("sync.catalog", "sync.together"):
            self.recommend.refresh()

    def _language(self) -> str:
        return str(self.shell.property("language"))

    def bind(self, engine: QQmlEngine, window: QQuickWindow) -> None:
        """Once the QML is loaded: retranslate it on every language change; watch it for activity."""
        def on_language() -> None:
            # the translator first: view-models re-read their translated sentences right after
            self.translations.use(self._language(), engine)
            self.set_language(self._language())

        self.shell.languageChanged.connect(on_language)
        window.installEventFilter(self.idle)
        self._engine = engine

    def set_language(self, language: str) -> None:
        self.catalog.set_language(language)
        self.product.set_language(language)
        self.search.set_language(language)
        self.cart.set_language(language)
        self.fulfilment.set_language(language)
        self.payment.set_language(language)
        self.help.set_language(language)
        self.my_order.set_language(language)
        self.recommend.set_language(language)

    def attach(self, services: Services) -> None:
        db, root = services.db, services.paths.root
        if services.session_events is not None:
            self.state.recorder = services.session_events.record  # the funnel report's steps
        self.catalog.attach(db, root)
        self.product.attach(db, root)
        self.search.attach(db, root)
        self.scans.attach(db)
        self.cart.attach(db, root)
        self.recommend.attach(db, root, self.config.identity.timezone)
        self.fulfilment.attach(db)
        self.payment.attach(services)
        self.help.attach(services)
        self.my_order.attach(services)
        if self._engine is not None and self.payment.qr is None:
            # after the first frame: the QR encoder is not needed before a shopper pays
            from kiosk.ui.qr_display import make_qr_display

            self.payment.set_display(make_qr_display(self.config, self._engine))

    def close(self) -> None:
        self.payment.close()
        self.help.close()
        self.my_order.close()
        self.idle.stop()
        self.translations.close()
