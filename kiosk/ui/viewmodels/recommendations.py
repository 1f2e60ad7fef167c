"""The recommendation rows: "often bought together" on product detail and cart, "popular at this
hour" on home (answers from kiosk.recommend; this only schedules them and presents the tiles).

Each answer is read on a worker thread (the kiosk's own co-purchase counts can take tens of ms on a
large history) and arrives on the GUI thread through `post`; a newer request makes an older answer
stale, so a fast shopper never sees the row of the product before. Rows follow the cart: whatever
goes into it leaves every row. An empty row is hidden by its screen (`count` 0).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject

from kiosk.session import ShopperSession
from kiosk.ui.viewmodels import queries
from kiosk.ui.viewmodels.cards import CARD_ROLES, present_card
from kiosk.ui.viewmodels.rows import RowsModel

if TYPE_CHECKING:
    from kiosk.db.engine import Database
    from kiosk.recommend import Recommender

log = logging.getLogger(__name__)

TOGETHER_ROW = 6
HOURLY_ROW = 12


class Recommendations(QObject):
    def __init__(self, session: ShopperSession, post: Callable[[Callable[[], Any]], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._post = post
        self._recommender: Recommender | None = None
        self._db: Database | None = None
        self._data_root: Path | None = None
        self._product_id = 0
        self._generation = {"product": 0, "cart": 0, "hourly": 0}
        self._product = RowsModel(CARD_ROLES, self._present, self)
        self._cart = RowsModel(CARD_ROLES, self._present, self)
        self._hourly = RowsModel(CARD_ROLES, self._present, self)
        session.on_change(self.refresh)

    def attach(self, db: Database, data_root: Path, timezone: str) -> None:
        from kiosk.recommend import Recommender

        self._db, self._data_root = db, data_root
        self._recommender = Recommender(db, timezone)
        self.refresh()

    def _present(self, card: queries.Card, language: str) -> dict[str, Any]:
        return present_card(card, language, self._data_root)

    def set_language(self, language: str) -> None:
        for model in (self._product, self._cart, self._hourly):
            model.set_language(language)

    @Property(QObject, constant=True)
    def together(self) -> RowsModel:
        """Often bought together with the product on the product screen."""
        return self._product

    @Property(QObject, constant=True)
    def cartTogether(self) -> RowsModel:
        """Often bought together with what is in the cart."""
        return self._cart

    @Property(QObject, constant=True)
    def hourly(self) -> RowsModel:
        """Popular at this hour (home)."""
        return self._hourly

    def show_product(self, product_id: int) -> None:
        self._product_id = product_id
        self._product.set_rows([])  # never the row of the product before, even for a moment
        self._load_product()

    def refresh(self) -> None:
        """All rows again: the cart changed, the catalog or the store's lists changed, a new shopper."""
        self._load_product()
        self._load_cart()
        self._load_hourly()

    def _cart_ids(self) -> list[int]:
        return list(dict.fromkeys(line.product_id for line in self._session.lines))

    def _load_product(self) -> None:
        product_id = self._product_id
        if product_id:
            cart = set(self._cart_ids())
            self._run("product", self._product, lambda r: r.together(product_id, cart, TOGETHER_ROW))

    def _load_cart(self) -> None:
        cart = self._cart_ids()

        def answer(r: Recommender) -> list[int]:
            # round-robin over the lines' lists, newest line first: every line gets its say
            lists = [r.together(pid, cart, TOGETHER_ROW) for pid in reversed(cart)]
            picked: list[int] = []
            for rank in range(TOGETHER_ROW):
                for ids in lists:
                    if rank < len(ids) and ids[rank] not in picked:
                        picked.append(ids[rank])
            return picked[:TOGETHER_ROW]

        self._run("cart", self._cart, answer)

    def _load_hourly(self) -> None:
        cart = set(self._cart_ids())
        self._run("hourly", self._hourly, lambda r: r.popular_at_hour(r.current_hour(), cart, HOURLY_ROW))

    def _run(self, row: str, model: RowsModel, ask: Callable[[Recommender], list[int]]) -> None:
        recommender, db = self._recommender, self._db
        if recommender is None or db is None:
            return
        self._generation[row] += 1
        generation = self._generation[row]

        def load() -> None:
            try:
                cards = queries.cards(db, ask(recommender))
            except Exception:
                log.exception("could not load the %s recommendations", row)
                cards = []  # the row hides; the shopper's screen is otherwise untouched
            self._post(lambda: self._show(row, generation, model, cards))

        threading.Thread(target=load, name=f"recommend-{row}", daemon=True).start()

    def _show(self, row: str, generation: int, model: RowsModel, cards: list[queries.Card]) -> None:
        if generation == self._generation[row]:  # else a newer request is on its way
            model.set_rows(cards)
