"""The help screen: the FAQ, searched as the shopper types, and the call for an attendant.

The FAQ itself is kiosk.help_faq (one place, Qt-free). A call raises an alert through the heartbeat's
alert path (kept and resent while the store is away) and then asks the store every few seconds, on a
worker thread, whether staff have seen it; the answers come back to the GUI thread through `post`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk import help_faq
from kiosk.config import store_timezone
from kiosk.money import format_money
from kiosk.services import Services
from kiosk.session import ShopperSession
from kiosk.sync import attendant
from kiosk.sync.client import SyncClient
from kiosk.sync.heartbeat import HeartbeatSender
from kiosk.ui.navigator import Navigator

log = logging.getLogger(__name__)

POLL_S = 3.0  # how often the kiosk asks the store whether staff have seen the call
CALL_GAP_S = 60.0  # a shopper calls at most once a minute, even after staff have answered

# call states (QML shows a sentence for each)
IDLE, SENDING, ON_THE_WAY, UNREACHABLE, SEEN = "", "sending", "onTheWay", "unreachable", "seen"
OPEN_STATES = (SENDING, ON_THE_WAY, UNREACHABLE)
WAIT_FOR_STAFF_S = 15 * 60  # after this, an unanswered call no longer holds off the idle wipe


def _translate(source: str) -> str:
    return QCoreApplication.translate(help_faq.CONTEXT, source)


def _hhmm(moment: dt.datetime, tz: dt.tzinfo | None) -> str:
    """The store's wall clock (identity.timezone), as on receipts; the machine's own zone before the
    services are up."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(tz).strftime("%H:%M")


class HelpViewModel(QObject):
    faqsChanged = Signal()
    callChanged = Signal()

    def __init__(self, session: ShopperSession, navigator: Navigator, currency: str,
                 post: Callable[[Callable[[], None]], None], toast: Callable[[str], None],
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._session = session
        self._navigator = navigator
        self._currency = currency
        self._post = post
        self._toast = toast
        self._clock = clock
        self.poll_s = POLL_S
        self._query = ""
        self._text = ""  # what the field holds, without letters still being composed
        self._faqs: list[dict[str, str]] = []
        self._services: Services | None = None
        self._call_id = ""
        self._call_state = IDLE
        self._asked_at = ""
        self._seen_at = ""
        self._last_call: float | None = None
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None
        self._filter()

    def _store_tz(self) -> dt.tzinfo | None:
        return store_timezone(self._services.config.identity) if self._services is not None else None

    def attach(self, services: Services) -> None:
        self._services = services  # its sync worker may start later (demo: once the local store has)

    def set_language(self, _language: str) -> None:
        self._filter()

    # --- the FAQ --------------------------------------------------------------------------------------

    def _filter(self) -> None:
        self._faqs = [{"faqId": faq.id, "question": _translate(faq.question),
                       "answer": _translate(faq.answer)} for faq in help_faq.search(self._query, _translate)]
        self.faqsChanged.emit()

    @Property(list, notify=faqsChanged)
    def faqs(self) -> list[dict[str, str]]:
        return self._faqs

    @Property(str, notify=faqsChanged)
    def query(self) -> str:
        return self._query

    @Property(str, notify=faqsChanged)
    def text(self) -> str:
        return self._text

    @Property(bool, notify=faqsChanged)
    def noMatch(self) -> bool:
        return not self._faqs

    @Slot(str, str)
    def setTyped(self, text: str, preedit: str) -> None:
        """What the field shows, letters still being composed (pinyin) included."""
        query = (text + preedit)[:100]
        self._text = text
        if query != self._query:
            self._query = query
            self._filter()

    @Slot()
    def clear(self) -> None:
        self.setTyped("", "")

    @Slot()
    def open(self) -> None:
        self._navigator.push("help")

    # --- calling an attendant -------------------------------------------------------------------------

    @Property(str, notify=callChanged)
    def callState(self) -> str:
        return self._call_state

    @Property(str, notify=callChanged)
    def askedAt(self) -> str:
        return self._asked_at

    @Property(str, notify=callChanged)
    def seenAt(self) -> str:
        return self._seen_at

    def _set_call(self, state: str, seen_at: str = "") -> None:
        self._call_state, self._seen_at = state, seen_at or self._seen_at
        self.callChanged.emit()

    def summary(self, device_id: str) -> str:
        """What staff see: kiosk, screen, cart; never who the shopper is or what they typed."""
        stack = list(self._navigator.property("stack"))
        screen = stack[-2] if len(stack) > 1 and stack[-1] == "help" else stack[-1]
        lines = self._session.lines
        products = [f"{line.name_zh or line.name_en} ×{line.quantity}" for line in lines]
        total = format_money(self._session.total(self._currency), "en_US")
        return attendant.call_message(device_id, screen, self._session.item_count, total,
                                      products)

    def waiting_for_staff(self) -> bool:
        """A shopper who called for help and was not answered yet, for up to WAIT_FOR_STAFF_S: the idle
        timer must not wipe them while they wait."""
        return (self._call_state in (SENDING, ON_THE_WAY) and self._last_call is not None
                and self._clock() - self._last_call < WAIT_FOR_STAFF_S)

    @Slot()
    def callAttendant(self) -> None:
        if self._call_state in OPEN_STATES:
            self._toast(QCoreApplication.translate("Help", "Your call is already on its way."))
            return
        now = self._clock()
        if self._last_call is not None and now - self._last_call < CALL_GAP_S:
            self._toast(QCoreApplication.translate("Help",
                                                   "Staff have just been called. Please wait a moment."))
            return
        self._last_call = now
        self._asked_at = _hhmm(dt.datetime.now(dt.UTC), self._store_tz())
        self._seen_at = ""
        sync = self._services.sync if self._services is not None else None
        if sync is None:
            log.warning("attendant call not sent: this kiosk has no store to send it to")
            self._set_call(UNREACHABLE)
            return
        heartbeat = sync.heartbeat
        self._call_id = attendant.new_call_id()
        self._set_call(SENDING)
        stop = threading.Event()
        self._stop = stop
        self._thread = threading.Thread(
            target=self._run, name="attendant-call", daemon=True,
            args=(self._call_id, self.summary(heartbeat.client.endpoint.device_id), heartbeat,
                  heartbeat.client, stop, self._store_tz()))
        self._thread.start()

    def _run(self, call_id: str, message: str, heartbeat: HeartbeatSender, client: SyncClient,
             stop: threading.Event, tz: dt.tzinfo | None) -> None:
        """The worker thread: raise the call, then ask whether staff have seen it until they have."""
        try:
            taken = attendant.call_attendant(heartbeat, call_id, message)
        except Exception:  # never let the thread die silently: the screen must say something
            log.exception("attendant call %s could not be raised", call_id)
            taken = False
        self._post(lambda: self._answer(call_id, ON_THE_WAY if taken else UNREACHABLE))
        while not stop.wait(self.poll_s):
            try:
                state = attendant.alert_state(client, call_id)
            except attendant.StoreUnreachable as exc:
                log.warning("attendant call %s: the store could not be asked: %s", call_id, exc)
                self._post(lambda: self._answer(call_id, UNREACHABLE))
                continue
            except Exception:
                log.exception("attendant call %s: the store's answer could not be read", call_id)
                self._post(lambda: self._answer(call_id, UNREACHABLE))
                continue
            if state is None:  # not taken yet: the heartbeat sends it again
                continue
            if state["state"] == "resolved":
                seen = _hhmm(dt.datetime.fromisoformat(state["resolved_at"] or state["raised_at"]), tz)
                log.info("attendant call %s seen by staff at %s", call_id, seen)
                self._post(functools.partial(self._answer, call_id, SEEN, seen))
                return
            self._post(lambda: self._answer(call_id, ON_THE_WAY))

    def _answer(self, call_id: str, state: str, seen_at: str = "") -> None:
        if call_id != self._call_id or self._call_state in (IDLE, SEEN):
            return  # a call of a session already wiped, or already answered
        if state != self._call_state or seen_at:
            self._set_call(state, seen_at)

    def preview(self, state: str, asked_at: str, seen_at: str) -> None:
        """Show a call's state without calling anyone: the screenshot tour's way to each sentence."""
        self._stop_polling()
        self._call_id, self._asked_at = "", asked_at
        self._set_call(state, seen_at)

    def forget(self, *_args: Any) -> None:
        """The shopper's session ends: stop asking the store; the next shopper starts with no call."""
        self._stop_polling()
        self._call_id, self._asked_at, self._seen_at, self._last_call = "", "", "", None
        self._set_call(IDLE)
        if self._query:
            self.clear()

    def _stop_polling(self) -> None:
        if self._stop is not None:
            self._stop.set()
        self._stop = None

    def close(self) -> None:
        self._stop_polling()
        if self._thread is not None:
            self._thread.join(timeout=5)
