"""Search as you type: each change of the text runs the index search (kiosk.catalog.search)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import display_text
from kiosk.session import ShopperSession
from kiosk.ui.viewmodels import queries
from kiosk.ui.viewmodels.cards import CARD_ROLES, present_card
from kiosk.ui.viewmodels.rows import RowsModel

if TYPE_CHECKING:
    from kiosk.db.engine import Database

log = logging.getLogger(__name__)

RESULTS = 30  # one screenful and a bit: the shopper refines the text rather than scrolls far

EMPTY = "empty"  # nothing typed: suggest categories
RESULTS_STATE = "results"
NO_RESULTS = "noResults"  # typed, nothing found: say so, suggest categories


class SearchViewModel(QObject):
    textChanged = Signal()
    queryChanged = Signal()
    stateChanged = Signal()

    def __init__(self, session: ShopperSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._db: Database | None = None
        self._data_root: Path | None = None
        self._results = RowsModel(CARD_ROLES, self._present, self)
        self._state = EMPTY
        # what an input method is still composing (Pinyin letters before a candidate is picked): it is
        # searched with the text, but never written back into the field, which would end the composing
        self._composing = ""
        session.on_change(self._follow_session)

    def attach(self, db: Database, data_root: Path) -> None:
        self._db, self._data_root = db, data_root

    def _present(self, card: queries.Card, language: str) -> dict[str, Any]:
        return present_card(card, language, self._data_root)

    def set_language(self, language: str) -> None:
        self._results.set_language(language)

    @Property(QObject, constant=True)
    def results(self) -> RowsModel:
        return self._results

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    def _get_text(self) -> str:
        return self._session.search_text

    def _set_text(self, text: str, composing: str = "") -> None:
        safe = display_text.typed(text)  # it is shown back: "Nothing found for …"
        composing = display_text.typed(composing)
        if safe == self._session.search_text and composing == self._composing:
            if safe != text:
                self.textChanged.emit()  # the field holds what was made safe here: it takes the safe text
            return
        if safe != self._session.search_text:
            self._session.search_text = safe
            self.textChanged.emit()
        self._composing = composing
        self.queryChanged.emit()
        self._run()

    text = Property(str, _get_text, _set_text, notify=textChanged)

    @Property(str, notify=queryChanged)
    def query(self) -> str:
        """What is searched: the text and what is still being composed ("kl" finds 可乐 by its initials
        before the shopper picks a candidate)."""
        return self._query()

    def _query(self) -> str:
        return self._session.search_text + self._composing

    @Slot(str)
    def setText(self, text: str) -> None:
        self._set_text(text)

    @Slot(str, str)
    def setTyped(self, text: str, composing: str) -> None:
        # Pinyin shows its letters split into syllables ("k l", "xi'an"): the search wants them whole
        self._set_text(text, composing.replace(" ", "").replace("'", ""))

    @Slot()
    def clear(self) -> None:
        self._set_text("")

    def _run(self) -> None:
        query = self._query().strip()
        if not query or self._db is None:
            self._results.set_rows([])
            self._set_state(EMPTY)
            return
        from kiosk.catalog.search import search  # with SQLAlchemy: after start-up

        hits = search(self._db, query, limit=RESULTS)
        self._results.set_rows(queries.cards(self._db, [h.product_id for h in hits]))
        self._set_state(RESULTS_STATE if self._results.rowCount() else NO_RESULTS)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit()

    def _follow_session(self) -> None:
        # a wipe empties the text behind our back: show the empty state again
        if not self._session.search_text and (self._state != EMPTY or self._results.rowCount()):
            self._composing = ""
            self.textChanged.emit()
            self.queryChanged.emit()
            self._run()
