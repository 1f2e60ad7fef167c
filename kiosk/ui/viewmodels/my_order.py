"""My order: find an order after the purchase (a scanned receipt QR, or its number and a 4-digit code
typed on the keypad), follow it, and ask for a change or a return, by the rules of kiosk.order_rules.

The lookup service (`kiosk.sync.order_lookup.OrderLookup`) blocks on the network: every call runs on
a worker thread and its answer is posted back to the GUI thread, tagged with the shopper's turn, so an
answer that comes after the idle wipe shows nothing to the next shopper. An unpaid order is edited
here and then paid through the ordinary payment screen (`CheckoutRequest.retry_order`).

Nothing here decides what a shopper may do: the order's `modification` and `returns` checks (made by
the rules on the view) choose the buttons; kiosk.ui.viewmodels.order_words puts them into words.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QCoreApplication, QObject, QTimer, Signal, Slot

from kiosk import display_text, order_rules
from kiosk.contact_rules import ADDRESS_MAX, NAME_MAX, Problem, clean, phone_digits
from kiosk.money import Money, format_money
from kiosk.order_rules import ReturnRefusal, Stage
from kiosk.ui.navigator import Navigator
from kiosk.ui.viewmodels.catalog_text import pick
from kiosk.ui.viewmodels.fulfilment import field_message
from kiosk.ui.viewmodels.order_words import (
    fee_text,
    fulfilment_text,
    group_number,
    locked_text,
    request_state,
    request_words,
    status_text,
)

if TYPE_CHECKING:
    # the lookup brings the order book and its encryption: loaded when a shopper first asks, not before
    # the first frame
    from kiosk.services import Services
    from kiosk.sync.order_lookup import AmendRefused, LookupResult, OrderLookup, OrderView, RequestResult

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], None]], None]
# (pickup | delivery, contact, shipping in minor units, method, retry_order) → the payment screen
StartPayment = Callable[..., None]

LOOKUP, ORDER, CHANGE, RETURN = "orderLookup", "order", "orderChange", "orderReturn"
SCREENS = (LOOKUP, ORDER, CHANGE, RETURN)
NUMBER_MIN, NUMBER_MAX = 8, 16  # the digits of an order number: MMDD, a 4-digit count, the kiosk's
CODE_DIGITS = order_rules.LOOKUP_CODE_DIGITS
TIME_FORMAT = "%Y-%m-%d %H:%M"
# the request form's fields → the delivery form's names (for its messages)
_FORM_FIELDS = {"contact_name": "name", "contact_phone": "phone", "address": "address"}


class MyOrderViewModel(QObject):
    lookupChanged = Signal()  # the typed number and code, messages, busy, throttling
    orderChanged = Signal()
    formChanged = Signal()  # the change and return forms
    busyChanged = Signal()

    def __init__(self, navigator: Navigator, post: Post, start_payment: StartPayment,
                 currency: str = "CNY", clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], dt.datetime] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._navigator = navigator
        self._post = post
        self._start_payment = start_payment
        self._currency = currency
        self._clock = clock
        self._now = now or (lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None))
        self._language = "zh_CN"
        self._services: Services | None = None
        self._tz: dt.tzinfo | None = None
        self._turn = 0  # a wipe starts a new turn: answers of the last one are dropped
        self._busy = ""  # what the worker is doing ("" when nothing)
        self._threads: list[threading.Thread] = []
        # the lookup form
        self._number = ""
        self._code = ""
        self._field = "number"
        self._number_error = ""
        self._code_error = ""
        self._message = ""
        self._throttled_until: float | None = None
        self._by_scan = False  # the last lookup was a scanned receipt (its refusal says so)
        self._throttle_timer = QTimer(self)
        self._throttle_timer.setSingleShot(True)
        self._throttle_timer.timeout.connect(self._throttle_over)
        # the order on screen
        self._order: OrderView | None = None
        self._notice = ""  # a sentence above the order (a request sent, refused)
        # the change form
        self._fields = {"contact_name": "", "contact_phone": "", "address": ""}
        self._fulfilment = "pickup"
        self._problems: dict[str, str] = {}
        self._form_message = ""
        self._checked = False
        # the return form
        self._return_kind = "return"
        self._return_reason = ""
        self._return_lines: dict[str, int] = {}
        self._note = ""

    # --- wiring ----------------------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        from kiosk.config import store_timezone

        self._services = services
        self._tz = store_timezone(services.config.identity)

    def set_language(self, language: str) -> None:
        self._language = language
        self.lookupChanged.emit()
        self.orderChanged.emit()
        self.formChanged.emit()

    def _service(self) -> OrderLookup | None:
        # asked each time: the store's client comes once the store is known (demo: once it has started)
        return self._services.order_lookup if self._services is not None else None

    def _run(self, what: str, work: Callable[[Any], Any], done: Callable[[Any], None]) -> bool:
        """`work(service)` on a worker thread, `done(answer)` back on the GUI thread (same turn only)."""
        if self._busy:
            return False
        service = self._service()
        if service is None:
            log.warning("my order: %s not possible, no lookup service", what)
            done(None)
            return False
        turn = self._turn
        self._set_busy(what)

        def run() -> None:
            try:
                answer = work(service)
            except Exception:  # the service says what went wrong; this is a bug: still answer the shopper
                log.exception("my order: %s failed", what)
                answer = None
            self._post(lambda: self._answered(turn, done, answer))

        thread = threading.Thread(target=run, name=f"my-order-{what}", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return True

    def _answered(self, turn: int, done: Callable[[Any], None], answer: Any) -> None:
        if turn != self._turn:
            log.info("my order: an answer for a shopper who has gone, dropped")
            return
        self._set_busy("")
        done(answer)

    def _set_busy(self, what: str) -> None:
        if what != self._busy:
            self._busy = what
            self.busyChanged.emit()

    @Property(bool, notify=busyChanged)
    def busy(self) -> bool:
        return bool(self._busy)

    @Property(str, notify=busyChanged)
    def busyText(self) -> str:
        return {"find": QCoreApplication.translate("MyOrder", "Looking up your order…"),
                "refresh": QCoreApplication.translate("MyOrder", "Asking the store…"),
                "change": QCoreApplication.translate("MyOrder", "Sending your request…"),
                "return": QCoreApplication.translate("MyOrder", "Sending your request…"),
                "amend": QCoreApplication.translate("MyOrder", "Saving your details…")}.get(self._busy, "")

    # --- entry ---------------------------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        """"My order": the lookup screen, with an empty form (unless a lookup is under way)."""
        if not self._busy:
            self._clear_lookup()
        self._navigator.push(LOOKUP)

    def open_receipt(self, scanned: str) -> None:
        """A receipt's QR was scanned (kiosk.ui.viewmodels.scans): look its order up and show it."""
        if self._busy:
            return
        self._clear_lookup()
        self._navigator.push(LOOKUP)
        self._by_scan = True
        self._run("find", lambda s: s.by_receipt(scanned), self._found)

    # --- the lookup form -------------------------------------------------------------------------

    @Property(str, notify=lookupChanged)
    def numberText(self) -> str:
        return group_number(self._number)

    @Property(str, notify=lookupChanged)
    def codeText(self) -> str:
        return self._code

    @Property(str, notify=lookupChanged)
    def activeField(self) -> str:
        return self._field

    @Property(str, notify=lookupChanged)
    def numberError(self) -> str:
        return self._number_error

    @Property(str, notify=lookupChanged)
    def codeError(self) -> str:
        return self._code_error

    @Property(str, notify=lookupChanged)
    def lookupMessage(self) -> str:
        return self._message

    @Property(bool, notify=lookupChanged)
    def throttled(self) -> bool:
        return self._throttled_until is not None

    @Property(bool, notify=lookupChanged)
    def canFind(self) -> bool:
        return self._throttled_until is None and bool(self._number or self._code)

    @Slot(str)
    def selectField(self, name: str) -> None:
        if name in ("number", "code") and name != self._field:
            self._field = name
            self.lookupChanged.emit()

    @Slot(str)
    def digit(self, digit: str) -> None:
        if self._throttled_until is not None or self._busy or len(digit) != 1 or not digit.isdigit():
            return
        if self._field == "number":
            if len(self._number) >= NUMBER_MAX:
                return
            self._number += digit
            self._number_error = ""
        else:
            if len(self._code) >= CODE_DIGITS:
                return
            self._code += digit
            self._code_error = ""
        self._message = ""
        self.lookupChanged.emit()

    @Slot()
    def backspace(self) -> None:
        if self._throttled_until is not None or self._busy:
            return
        if self._field == "number":
            if not self._number and self._code == "":
                return
            self._number = self._number[:-1]
        elif self._code:
            self._code = self._code[:-1]
        else:
            self._field = "number"  # an empty code: back into the number
        self.lookupChanged.emit()

    def typed(self, number: str, code: str) -> None:
        """Tests and the screenshot tour: fill the form as the keypad would."""
        self._number = order_rules.order_number_key(number)[:NUMBER_MAX]
        self._code = "".join(ch for ch in code if ch.isdigit())[:CODE_DIGITS]
        self.lookupChanged.emit()

    @Slot()
    def find(self) -> None:
        if self._throttled_until is not None or self._busy:
            return
        self._number_error = self._code_error = self._message = ""
        if len(self._number) < NUMBER_MIN:
            self._number_error = QCoreApplication.translate(
                "MyOrder", "Please type the whole order number from your receipt")
        if len(self._code) != CODE_DIGITS:
            self._code_error = QCoreApplication.translate("MyOrder", "Please type 4 digits")
        if self._number_error or self._code_error:
            self._field = "number" if self._number_error else "code"
            self.lookupChanged.emit()
            return
        self.lookupChanged.emit()
        number, code = self._number, self._code
        self._by_scan = False
        self._run("find", lambda s: s.by_number(number, code), self._found)

    def _found(self, result: LookupResult | None) -> None:
        from kiosk.sync.order_lookup import Outcome

        if result is not None and result.outcome is Outcome.FOUND and result.order is not None:
            self._show(result.order)
            self._notice = ""
            self._navigator.push(ORDER)
            return
        outcome = result.outcome if result is not None else Outcome.UNREACHABLE
        log.info("my order: lookup %s", outcome.value)
        if outcome in (Outcome.NOT_FOUND, Outcome.INVALID) and self._by_scan:
            self._message = QCoreApplication.translate(
                "MyOrder", "The order of this receipt was not found. Please type its order "
                              "number and code instead.")
        elif outcome is Outcome.NOT_FOUND:
            self._message = QCoreApplication.translate(
                "MyOrder", "No order matches this number and code. Please check both and "
                              "try again.")
            self._code = ""
            self._field = "code"
        elif outcome is Outcome.THROTTLED:
            self._throttle(result.retry_after_s if result is not None else order_rules.LOOKUP_WINDOW_S)
        elif outcome is Outcome.INVALID:
            self._message = QCoreApplication.translate(
                "MyOrder", "This is not an order number and code we can look up. Please "
                              "check your receipt.")
        else:
            self._message = QCoreApplication.translate(
                "MyOrder", "We cannot reach the store right now, so your order cannot be "
                              "looked up. Please try again in a few minutes, or ask a member of staff.")
        if self._navigator.property("screen") != LOOKUP:
            self._navigator.push(LOOKUP)
        self.lookupChanged.emit()

    def _throttle(self, retry_after_s: int) -> None:
        wait_s = max(1, int(retry_after_s) or order_rules.LOOKUP_WINDOW_S)
        self._throttled_until = self._clock() + wait_s
        minutes = max(1, math.ceil(wait_s / 60))
        self._message = QCoreApplication.translate(
            "MyOrder", "Too many tries. Please try again in %n minute(s).", "", minutes)
        self._throttle_timer.start(wait_s * 1000)

    def _throttle_over(self) -> None:
        self._throttled_until = None
        self._message = ""
        self.lookupChanged.emit()

    def _clear_lookup(self) -> None:
        self._number = self._code = ""
        self._field = "number"
        self._number_error = self._code_error = ""
        if self._throttled_until is None:
            self._message = ""
        self.lookupChanged.emit()

    # --- the order ------------------------------------------------------------------------------

    def _show(self, order: OrderView) -> None:
        self._order = order
        self.orderChanged.emit()
        self.formChanged.emit()

    def show_order(self, order: OrderView, notice: str = "") -> None:
        """Put an order on screen without asking anyone (the screenshot tour and layout checks)."""
        self._show(order)
        self._notice = notice
        self.orderChanged.emit()
        if self._navigator.property("screen") != ORDER:
            self._navigator.push(ORDER)

    @Property(bool, notify=orderChanged)
    def hasOrder(self) -> bool:
        return self._order is not None

    @property
    def order(self) -> OrderView | None:
        return self._order

    def _money(self, minor: int) -> str:
        currency = self._order.currency if self._order is not None else self._currency
        return format_money(Money(minor, currency), self._language)

    def _time(self, moment: dt.datetime | None) -> str:
        if moment is None:
            return ""
        aware = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
        return aware.astimezone(self._tz).strftime(TIME_FORMAT)

    def _date(self, moment: dt.datetime | None) -> str:
        return self._time(moment)[:10]

    @Property(str, notify=orderChanged)
    def orderNo(self) -> str:
        return display_text.shown(self._order.order_no, display_text.CODE) if self._order else ""

    @Property(str, notify=orderChanged)
    def statusText(self) -> str:
        return status_text(self._order.status) if self._order else ""

    @Property(str, notify=orderChanged)
    def staleText(self) -> str:
        """For an answer not fresh from the store: how old it is, and why."""
        order = self._order
        if order is None or order.source == "store":  # Source.STORE
            return ""
        if order.source == "local" and (order.status in order_rules.UNPAID_EDITABLE
                                             or order.status in order_rules.PAYING):
            return ""  # the store never hears of an unpaid order: this kiosk's word is the whole story
        minutes = max(0, int((self._now() - order.as_of).total_seconds() // 60))
        return QCoreApplication.translate(
            "MyOrder", "As of %1 (%n min ago): the store cannot be reached right now.", "", minutes
        ).replace("%1", self._time(order.as_of)[11:])

    @Property(str, notify=orderChanged)
    def noticeText(self) -> str:
        return self._notice

    @Property(str, notify=orderChanged)
    def fulfilmentText(self) -> str:
        return fulfilment_text(self._order.fulfilment) if self._order else ""

    @Property(str, notify=orderChanged)
    def contactText(self) -> str:
        order = self._order
        if order is None:
            return ""
        parts = [display_text.shown(part, display_text.CONTACT)
                 for part in (order.contact_name, order.contact_phone, order.contact_address) if part]
        return "  ".join(parts)

    @Property(str, notify=orderChanged)
    def totalText(self) -> str:
        return self._money(self._order.total_minor) if self._order else ""

    @Property(str, notify=orderChanged)
    def shippingText(self) -> str:
        if self._order is None:
            return ""
        fee = self._order.shipping_minor
        return self._money(fee) if fee else QCoreApplication.translate("MyOrder", "Free")

    @Property(str, notify=orderChanged)
    def lookupCode(self) -> str:
        return self._order.lookup_code if self._order else ""

    @Property(list, notify=orderChanged)
    def timeline(self) -> list[dict[str, str]]:
        order = self._order
        if order is None:
            return []
        steps = []
        for step in order.timeline:
            words = QCoreApplication.translate("MyOrder", "Paid") if step.status == "PAID" \
                else status_text(step.status)
            if step.status == "SHIPPED" and (step.detail or order.tracking_no):
                tracking = display_text.shown(step.detail or order.tracking_no, display_text.CODE)
                words = QCoreApplication.translate("MyOrder", "Shipped, tracking number %1").replace(
                    "%1", tracking)
            steps.append({"what": words, "at": self._time(step.at), "status": step.status})
        return steps

    @Property(list, notify=orderChanged)
    def lines(self) -> list[dict[str, Any]]:
        order = self._order
        if order is None:
            return []
        return [{"sku": line.sku, "quantity": line.quantity,
                 "name": display_text.shown(pick(line.name_zh, line.name_en, self._language),
                                            display_text.NAME),
                 "total": self._money(line.line_total_minor)} for line in order.lines]

    @Property(list, notify=orderChanged)
    def requests(self) -> list[dict[str, str]]:
        order = self._order
        if order is None:
            return []
        shown = []
        for request in order.requests:
            note = display_text.shown(request.note, display_text.SPEC_VALUE)
            shown.append({
                "what": request_words(request.kind, request.changes),
                "state": request_state(request.status),
                "status": request.status,
                "at": self._time(request.created_at),
                "note": QCoreApplication.translate("MyOrder", "The store's note: %1").replace("%1", note)
                if note else "",
                "fee": fee_text(request.fee_difference_minor, order.currency, self._language)
                if request.kind == "modification" and request.status != "REJECTED" else "",
            })
        return shown

    # what the shopper may do: the rules' answers on the view, in words

    def _stage(self) -> Stage | None:
        return self._order.modification.stage if self._order is not None else None

    @Property(bool, notify=orderChanged)
    def canEdit(self) -> bool:
        return self._stage() is Stage.EDIT

    @Property(bool, notify=orderChanged)
    def canRequest(self) -> bool:
        return self._stage() is Stage.REQUEST

    @Property(str, notify=orderChanged)
    def lockedText(self) -> str:
        order = self._order
        if order is None or order.modification.stage is not Stage.LOCKED:
            return ""
        return locked_text(order)

    @Property(bool, notify=orderChanged)
    def canReturn(self) -> bool:
        return self._order is not None and self._order.returns.allowed

    @Property(str, notify=orderChanged)
    def returnText(self) -> str:
        """Why no return may be asked for, once the order is handed over ("" otherwise)."""
        order = self._order
        if order is None or order.status not in order_rules.HANDED_OVER:
            return ""
        refusal = order.returns.refusal
        if refusal is ReturnRefusal.WINDOW_OVER:
            return QCoreApplication.translate(
                "MyOrder", "The return window ended on %1, so a return can no longer be requested.").replace(
                "%1", self._date(order.returns.deadline or order.return_deadline))
        if refusal is ReturnRefusal.ALREADY:
            return QCoreApplication.translate("MyOrder", "A return request is already waiting for the store.")
        if refusal is ReturnRefusal.NONE and order.returns.deadline is not None:
            return QCoreApplication.translate(
                "MyOrder", "You can request a return or exchange until %1.").replace(
                "%1", self._date(order.returns.deadline))
        return ""

    @Slot()
    def refresh(self) -> None:
        """The shopper asks again: what was said before (a request sent) is old news now."""
        if self._order is None:
            return
        self._notice = ""
        self.orderChanged.emit()
        self._reload()

    def _reload(self) -> None:
        """Ask for the order again, keeping the sentence above it (a request just sent)."""
        order = self._order
        if order is None:
            return
        uuid = order.order_uuid
        self._run("refresh", lambda s: s.refresh(uuid), self._refreshed)

    def _refreshed(self, result: LookupResult | None) -> None:
        from kiosk.sync.order_lookup import Outcome

        if result is not None and result.outcome is Outcome.FOUND and result.order is not None:
            self._show(result.order)
            return
        outcome = result.outcome if result is not None else Outcome.UNREACHABLE
        if outcome is Outcome.THROTTLED:
            self._notice = QCoreApplication.translate("MyOrder", "Too many tries. Please try again later.")
        elif outcome is Outcome.NOT_FOUND:
            self._notice = QCoreApplication.translate(
                "MyOrder", "The store no longer finds this order. Please ask a member of staff.")
        else:
            self._notice = QCoreApplication.translate(
                "MyOrder", "We cannot reach the store right now. What you see may not be "
                             "the latest.")
        self.orderChanged.emit()

    @Slot()
    def done(self) -> None:
        """The shopper has seen their order: back to the lookup screen, which goes back further."""
        self.forget_order()
        self._navigator.home()

    def forget_order(self) -> None:
        self._order = None
        self._notice = ""
        self._reset_forms()
        self.orderChanged.emit()

    # --- changes (edit when unpaid, request when paid) -----------------------------------------

    def _reset_forms(self) -> None:
        self._fields = {key: "" for key in self._fields}
        self._fulfilment = self._order.fulfilment if self._order is not None else "pickup"
        self._problems = {}
        self._form_message = ""
        self._checked = False
        self._return_kind, self._return_reason, self._note = "return", "", ""
        self._return_lines = {line.sku: 0 for line in self._order.lines} if self._order is not None else {}
        self.formChanged.emit()

    @Slot()
    def openChange(self) -> None:
        if self._stage() not in (Stage.EDIT, Stage.REQUEST):
            return
        self._reset_forms()
        self._navigator.push(CHANGE)

    @Property(bool, notify=formChanged)
    def editMode(self) -> bool:
        """Unpaid: the details are changed here and the order is paid next."""
        return self._stage() is Stage.EDIT

    @Property(bool, notify=formChanged)
    def delivery(self) -> bool:
        return self._fulfilment == "delivery"

    @Slot(bool)
    def setDelivery(self, delivery: bool) -> None:
        self._fulfilment = "delivery" if delivery else "pickup"
        self._recheck()

    @Property(str, notify=formChanged)
    def name(self) -> str:
        return self._fields["contact_name"]

    @Property(str, notify=formChanged)
    def phone(self) -> str:
        return self._fields["contact_phone"]

    @Property(str, notify=formChanged)
    def address(self) -> str:
        return self._fields["address"]

    def _set(self, key: str, text: str) -> None:
        safe = display_text.typed(text)
        if safe != self._fields[key]:
            self._fields[key] = safe
            self._recheck()
        elif safe != text:
            self.formChanged.emit()

    @Slot(str)
    def setName(self, text: str) -> None:
        self._set("contact_name", text)

    @Slot(str)
    def setPhone(self, text: str) -> None:
        self._set("contact_phone", text)

    @Slot(str)
    def setAddress(self, text: str) -> None:
        self._set("address", text)

    @Property(int, constant=True)
    def nameMaxLength(self) -> int:
        return NAME_MAX

    @Property(int, constant=True)
    def addressMaxLength(self) -> int:
        return ADDRESS_MAX

    @Property(str, notify=formChanged)
    def currentName(self) -> str:
        return display_text.shown(self._order.contact_name, display_text.CONTACT) if self._order else ""

    @Property(str, notify=formChanged)
    def currentPhone(self) -> str:
        return display_text.shown(self._order.contact_phone, display_text.CONTACT) if self._order else ""

    @Property(str, notify=formChanged)
    def currentAddress(self) -> str:
        return display_text.shown(self._order.contact_address, display_text.CONTACT) if self._order else ""

    def _changes(self) -> dict[str, str]:
        """What the shopper asks to change: the fields typed in, and the fulfilment if another."""
        changes = {key: value for key, value in self._fields.items() if value.strip()}
        if self._order is not None and self._fulfilment != self._order.fulfilment:
            changes["fulfilment"] = self._fulfilment
        return changes

    def _current(self) -> order_rules.ContactNow:
        order = self._order
        if order is None:
            return order_rules.ContactNow()
        # the masked values stand for "there is one": the rules only ask whether each is there
        return order_rules.ContactNow(order.contact_name, order.contact_phone, order.contact_address,
                                      order.fulfilment)

    def _form_problems(self) -> dict[str, str]:
        if self._stage() is Stage.EDIT:
            if self._fulfilment == "pickup":
                return {}
            # unpaid: the order takes a whole new contact, as the delivery form asks for one
            changes: dict[str, str] = dict(self._fields)
            return order_rules.check_changes(changes, order_rules.ContactNow(fulfilment="delivery"))
        return order_rules.check_changes(self._changes(), self._current())

    def _recheck(self) -> None:
        if self._checked:
            self._problems = self._form_problems()
            self._form_message = self._nothing_message()
        self.formChanged.emit()

    def _nothing_message(self) -> str:
        if "changes" in self._problems:
            return QCoreApplication.translate("MyOrder", "Nothing is changed yet: type a new detail, or "
                                              "choose the other way to get your order.")
        return ""

    def _field_error(self, key: str) -> str:
        problem = self._problems.get(key, "")
        if not problem:
            return ""
        try:
            known = Problem(problem)
        except ValueError:
            known = Problem.SYMBOLS
        return field_message(_FORM_FIELDS[key], known)

    @Property(str, notify=formChanged)
    def nameError(self) -> str:
        return self._field_error("contact_name")

    @Property(str, notify=formChanged)
    def phoneError(self) -> str:
        return self._field_error("contact_phone")

    @Property(str, notify=formChanged)
    def addressError(self) -> str:
        return self._field_error("address")

    @Property(str, notify=formChanged)
    def formMessage(self) -> str:
        return self._form_message

    @Property(str, notify=formChanged)
    def feeText(self) -> str:
        """The delivery fee after the change, and the difference with what was paid."""
        order = self._order
        if order is None:
            return ""
        change = order_rules.fee_change(order.subtotal_minor, order.shipping_minor, self._fulfilment)
        fee = self._money(change.new_minor) if change.new_minor else QCoreApplication.translate(
            "MyOrder", "Free")
        if self._stage() is Stage.EDIT:
            total = self._money(order.subtotal_minor + change.new_minor)
            return QCoreApplication.translate(
                "MyOrder", "Delivery fee: %1. To pay: %2").replace("%1", fee).replace("%2", total)
        difference = fee_text(change.difference_minor, order.currency, self._language)
        return difference or QCoreApplication.translate(
            "MyOrder", "Delivery fee: %1 (no change)").replace("%1", fee)

    @Property(str, notify=formChanged)
    def deliveryFeeNote(self) -> str:
        order = self._order
        if order is None:
            return ""
        fee = order_rules.fee_change(order.subtotal_minor, 0, "delivery").new_minor
        if fee == 0:
            return QCoreApplication.translate("MyOrder", "Free for this order")
        return self._money(fee)

    @Slot(result=bool)
    def sendChange(self) -> bool:
        """Paid, not shipped: ask the store for the change (the merchant decides)."""
        self._checked = True
        self._problems = self._form_problems()
        self._form_message = self._nothing_message()
        self.formChanged.emit()
        order = self._order
        if self._problems or order is None or self._stage() is Stage.EDIT:
            return False
        changes = dict(self._changes())
        uuid = order.order_uuid
        self._run("change", lambda s: s.request_change(uuid, changes), self._sent)
        return True

    @Slot(str, result=bool)
    def payNow(self, method: str) -> bool:
        """Unpaid: save the new details on the order, then pay it on the payment screen."""
        self._checked = True
        self._problems = self._form_problems()
        self._form_message = ""
        self.formChanged.emit()
        order = self._order
        if (self._problems or order is None or self._stage() is not Stage.EDIT
                or method not in ("wechat", "alipay")):
            return False
        from kiosk.orders import Contact

        fulfilment = self._fulfilment
        contact = Contact() if fulfilment == "pickup" else Contact(
            clean(self._fields["contact_name"]), phone_digits(self._fields["contact_phone"]),
            clean(self._fields["address"]))
        uuid = order.order_uuid

        from kiosk.sync.order_lookup import AmendRefused, OrderView

        def amend(service: OrderLookup) -> OrderView | AmendRefused | None:
            try:
                return service.amend_unpaid(uuid, fulfilment, contact)
            except AmendRefused as refused:  # the rules refused the edit: the order is unchanged
                return refused

        def paid_next(answer: OrderView | AmendRefused | None) -> None:
            if isinstance(answer, OrderView):
                self._show(answer)
                self._start_payment(answer.fulfilment, contact, answer.shipping_minor, method,
                                    retry_order=answer.order_uuid)
                return
            problems = answer.problems if answer is not None else {}
            reason = answer.reason if answer is not None else ""
            why = ", ".join(sorted(problems)) or reason or "error"
            log.info("my order: unpaid order not edited (%s)", why)  # field names only: never what was typed
            if problems:
                self._problems = {key: str(value) for key, value in problems.items() if key in _FORM_FIELDS}
                self._form_message = QCoreApplication.translate(
                    "MyOrder", "Please check the details marked in red. Nothing was charged.")
            elif reason:  # no longer unpaid here (paid meanwhile, or of an earlier day): show it as it is
                self._notice = QCoreApplication.translate(
                    "MyOrder", "This order can no longer be changed here. Here is where it stands now.")
                self._navigator.push(ORDER)
                self.orderChanged.emit()
                self._reload()
                return
            else:
                self._form_message = QCoreApplication.translate(
                    "MyOrder", "Your details could not be saved, and nothing was charged. Please try again.")
            self.formChanged.emit()

        self._run("amend", amend, paid_next)
        return True

    def back_from_payment(self) -> None:
        """The unpaid order's payment was given up or ran out of time: back to the order, as it is now."""
        self._notice = QCoreApplication.translate(
            "MyOrder", "The payment was not completed and nothing was charged. Your order is still waiting "
            "to be paid.")
        self._navigator.push(ORDER)
        self.orderChanged.emit()
        self._reload()

    def _sent(self, result: RequestResult | None) -> None:
        from kiosk.sync.order_lookup import Sent

        outcome = result.outcome if result is not None else Sent.UNREACHABLE
        log.info("my order: request %s", outcome.value)
        if outcome is Sent.SENT:
            self._notice = QCoreApplication.translate(
                "MyOrder", "Request sent. The store will confirm; look up your order again to "
                             "see the answer.")
            self._reset_forms()
            self._navigator.push(ORDER)  # back to the order, which is asked again for the request
            self.orderChanged.emit()
            self._reload()
            return
        if outcome is Sent.INVALID and result is not None:
            self._problems = {key: value for key, value in result.problems.items() if key in _FORM_FIELDS}
            self._form_message = (self._nothing_message() if "changes" in result.problems
                                  else QCoreApplication.translate(
                                      "MyOrder", "The store did not accept these details. Please check "
                                         "them."))
        elif outcome is Sent.REFUSED:
            self._notice = QCoreApplication.translate(
                "MyOrder", "The store cannot accept this request any more: the order has "
                             "moved on. Here is where it stands now.")
            self._navigator.push(ORDER)
            self.orderChanged.emit()
            self._reload()
        elif outcome is Sent.NOT_FOUND:
            self._form_message = QCoreApplication.translate(
                "MyOrder", "The store no longer finds this order. Please ask a member of "
                                   "staff.")
        elif outcome is Sent.THROTTLED:
            self._form_message = QCoreApplication.translate(
                "MyOrder", "Too many tries. Please try again later.")
        else:
            self._form_message = QCoreApplication.translate(
                "MyOrder", "We cannot reach the store right now, and nothing was sent. "
                                   "Please try again in a moment.")
        self.formChanged.emit()

    # --- returns ----------------------------------------------------------------------------------

    @Slot()
    def openReturn(self) -> None:
        if self._order is None or not self._order.returns.allowed:
            return
        self._reset_forms()
        self._navigator.push(RETURN)

    @Property(str, notify=formChanged)
    def returnKind(self) -> str:
        return self._return_kind

    @Slot(str)
    def setReturnKind(self, kind: str) -> None:
        if kind in order_rules.RETURN_TYPES:
            self._return_kind = kind
            self._form_message = ""
            self.formChanged.emit()

    @Property(str, notify=formChanged)
    def returnReason(self) -> str:
        return self._return_reason

    @Slot(str)
    def setReturnReason(self, reason: str) -> None:
        if reason in order_rules.RETURN_REASONS:
            self._return_reason = reason
            self._form_message = ""
            self.formChanged.emit()

    @Property(list, notify=formChanged)
    def returnLines(self) -> list[dict[str, Any]]:
        order = self._order
        if order is None:
            return []
        return [{"sku": line.sku, "bought": line.quantity, "chosen": self._return_lines.get(line.sku, 0),
                 "name": display_text.shown(pick(line.name_zh, line.name_en, self._language),
                                            display_text.NAME)} for line in order.lines]

    @Slot(int, int)
    def stepLine(self, row: int, delta: int) -> None:
        order = self._order
        if order is None or not 0 <= row < len(order.lines):
            return
        line = order.lines[row]
        chosen = min(line.quantity, max(0, self._return_lines.get(line.sku, 0) + delta))
        if chosen != self._return_lines.get(line.sku, 0):
            self._return_lines[line.sku] = chosen
            self._form_message = ""
            self.formChanged.emit()

    @Property(str, notify=formChanged)
    def note(self) -> str:
        return self._note

    @Slot(str)
    def setNote(self, text: str) -> None:
        safe = display_text.typed(text, order_rules.NOTE_MAX + 20)
        if safe != self._note:
            self._note = safe
            self.formChanged.emit()

    @Property(int, constant=True)
    def noteMaxLength(self) -> int:
        return order_rules.NOTE_MAX

    @Slot(result=bool)
    def sendReturn(self) -> bool:
        order = self._order
        if order is None:
            return False
        asked = {sku: n for sku, n in self._return_lines.items() if n > 0}
        ordered: dict[str, int] = {}
        for line in order.lines:
            ordered[line.sku] = ordered.get(line.sku, 0) + line.quantity
        if not self._return_reason:
            self._form_message = QCoreApplication.translate("MyOrder", "Please choose a reason.")
        elif order_rules.check_return_lines(ordered, asked):
            self._form_message = QCoreApplication.translate(
                "MyOrder", "Please choose at least one item with +.")
        elif order_rules.check_return(self._return_kind, self._return_reason, clean(self._note)):
            self._form_message = QCoreApplication.translate(
                "MyOrder", "Please shorten the note to %1 characters and remove "
                                   "special symbols.").replace("%1", str(order_rules.NOTE_MAX))
        else:
            self._form_message = ""
        self.formChanged.emit()
        if self._form_message:
            return False
        uuid, kind, reason, note = order.order_uuid, self._return_kind, self._return_reason, clean(self._note)
        self._run("return", lambda s: s.request_return(uuid, kind, reason, asked, note), self._sent)
        return True

    # --- the end of a shopper's turn -----------------------------------------------------------------

    def forget(self, *_args: Any) -> None:
        """The session was wiped: nothing of this shopper's order stays for the next one."""
        self._turn += 1
        self._set_busy("")
        self._clear_lookup()
        self._message = "" if self._throttled_until is None else self._message
        self.forget_order()
        self.lookupChanged.emit()

    def close(self) -> None:
        self._turn += 1
        self._throttle_timer.stop()
        for thread in self._threads:
            thread.join(timeout=5)
