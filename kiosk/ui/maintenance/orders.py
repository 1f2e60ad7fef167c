"""The technician's orders page: today's orders, search by number on a keypad, one order's detail, and
reprint / settle / cancel (kiosk.technician.order_desk does the work).

Everything that reads the database or talks to the store or the printer runs on a worker thread; its
result comes back through `_post`. One action at a time: while one is running (`busy`), every action
button is disabled and a second tap does nothing — a double tap on "Reprint" prints one copy. What the
page shows is presented here, in the technician's language (money through kiosk.money); contact details
arrive masked and are never held in clear.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.audit import FAILED, OK, REFUSED
from kiosk.db.models import OrderState
from kiosk.money import Money, format_date, format_money
from kiosk.reconcile import OneOrder
from kiosk.services import Services
from kiosk.technician.order_desk import (
    BUSY,
    HANDED_OVER,
    NO_PRINTER,
    NOT_PAID,
    ORPHAN_SETTLED,
    REFUNDED,
    OrderDesk,
    OrderDetail,
    OrderSummary,
)
from kiosk.ui.maintenance.page import Audit, Post, TechnicianPage, translate
from kiosk.ui.viewmodels.rows import RowsModel

log = logging.getLogger(__name__)

T = TypeVar("T")
S = OrderState
MAX_TYPED = 16  # K01-1207-0042 is 13
ROW_ROLES = ("uuid", "orderNo", "time", "date", "state", "stateText", "tone", "total", "receipt")


def state_text(state: OrderState) -> str:
    return {
        S.PENDING_PAYMENT: translate("Maintenance", "Awaiting payment"),
        S.PAID: translate("Maintenance", "Paid"),
        S.SYNCED: translate("Maintenance", "Paid, at the store"),
        S.PAYMENT_FAILED: translate("Maintenance", "Payment failed"),
        S.PAYMENT_UNKNOWN: translate("Maintenance", "Payment unknown"),
        S.CANCELLED: translate("Maintenance", "Cancelled"),
        S.PAID_ORPHAN: translate("Maintenance", "Paid after the shopper left"),
    }[state]


def store_status_text(status: str) -> str:
    texts = {
        "ACCEPTED": translate("Maintenance", "Accepted"),
        "READY_FOR_PICKUP": translate("Maintenance", "Ready for pickup"),
        "SHIPPED": translate("Maintenance", "Shipped"),
        "DELIVERED": translate("Maintenance", "Delivered"),
        "PICKED_UP": translate("Maintenance", "Picked up"),
        "RETURN_REQUESTED": translate("Maintenance", "Return requested"),
        "RETURNED": translate("Maintenance", "Returned"),
        "REFUNDED": translate("Maintenance", "Refunded"),
    }
    return texts.get(status, status)


def payment_state_text(state: str) -> str:
    texts = {
        "CREATED": translate("Maintenance", "Open"),
        "PAID": translate("Maintenance", "Paid"),
        "FAILED": translate("Maintenance", "Declined"),
        "CLOSED": translate("Maintenance", "Closed"),
        "UNKNOWN": translate("Maintenance", "Unknown to the store"),
    }
    return texts.get(state, state)


def receipt_text(receipt_state: str, state: OrderState) -> str:
    if state not in (S.PAID, S.SYNCED, S.PAID_ORPHAN):
        return translate("Maintenance", "No receipt (not paid)")
    texts = {
        "": translate("Maintenance", "Not printed yet"),
        "sending": translate("Maintenance", "Was printing as the kiosk stopped"),
        "uncertain": translate("Maintenance", "Maybe printed (the kiosk stopped)"),
        "printed": translate("Maintenance", "Printed"),
        "unverified": translate("Maintenance", "Sent; the printer did not confirm"),
        "not_printed": translate("Maintenance", "Not printed"),
        "interrupted": translate("Maintenance", "Interrupted part way"),
        "duplicate": translate("Maintenance", "Already sent once"),
    }
    return texts.get(receipt_state, receipt_state)


def tone(summary: OrderSummary) -> str:
    """How the state is coloured: ok (paid), warn (needs a look), bad (failed), muted (closed)."""
    if summary.state is S.PAID_ORPHAN:
        return "ok" if summary.settled_by_staff else "warn"
    return {S.PAID: "ok", S.SYNCED: "ok", S.PENDING_PAYMENT: "warn", S.PAYMENT_UNKNOWN: "warn",
            S.PAYMENT_FAILED: "bad", S.CANCELLED: "muted"}[summary.state]


class OrdersPage(TechnicianPage):
    listChanged = Signal()
    queryChanged = Signal()
    detailChanged = Signal()
    statusChanged = Signal()
    languageChanged = Signal()
    attachedChanged = Signal()

    def __init__(self, audit: Audit, post: Post, parent: QObject | None = None) -> None:
        super().__init__(audit, post, parent)
        self.desk: OrderDesk | None = None
        self._language = "zh_CN"
        self._query = ""
        self._summaries: list[OrderSummary] = []
        self._rows = RowsModel(ROW_ROLES, lambda summary, _language: self._row(summary), self)
        self._loading = False
        self._list_error = ""
        self._generation = 0  # a list or detail load that a newer one overtook is dropped
        self._detail: OrderDetail | None = None
        self._busy = ""  # the action running: reprint, settle, cancel, orphan
        self._confirm = ""  # the question on screen: cancel, orphan
        self._message = ""
        self._message_tone = ""  # ok, error, info
        self._closed = False

    def attach(self, services: Services) -> None:
        def send_alert(alert: Any) -> object:
            return services.sync.heartbeat.raise_alert(alert) if services.sync is not None else None

        self.desk = OrderDesk(services.orders, services.receipt_desk, lambda: services.reconciler, send_alert)
        super().attach(services)
        self.attachedChanged.emit()

    # -- the worker ---------------------------------------------------------------------------------

    def _run(self, name: str, work: Callable[[], T],
             done: Callable[[T | None, Exception | None], None]) -> None:
        def body() -> None:
            try:
                result: T | None = work()
                error: Exception | None = None
            except Exception as exc:  # shown on screen, logged; the technician can try again
                log.exception("orders page: %s failed", name)
                result, error = None, exc
            self._post(lambda: None if self._closed else done(result, error))

        threading.Thread(target=body, name=f"tech-orders-{name}", daemon=True).start()

    # -- what QML binds to --------------------------------------------------------------------------

    def _get_language(self) -> str:
        return self._language

    def _set_language(self, value: str) -> None:
        if value != self._language:
            self._language = value
            self.languageChanged.emit()
            self._rows.set_language(value)
            self.listChanged.emit()
            self.detailChanged.emit()

    language = Property(str, _get_language, _set_language, notify=languageChanged)

    @Property(str, notify=queryChanged)
    def query(self) -> str:
        return self._query

    @Property(str, notify=attachedChanged)
    def devicePrefix(self) -> str:
        return self._prefix()

    def _prefix(self) -> str:
        """The device's part of its order numbers (K01-), one key on the keypad."""
        return f"{self.services.config.identity.device_name}-" if self.services is not None else ""

    @Property(QObject, constant=True)
    def orders(self) -> RowsModel:
        return self._rows

    @Property(bool, notify=listChanged)
    def loading(self) -> bool:
        return self._loading

    @Property(str, notify=listChanged)
    def listTitle(self) -> str:
        if self._query:
            return translate("Maintenance", "Order numbers ending in %1").replace("%1", self._query)
        return translate("Maintenance", "Today's orders")

    @Property(str, notify=listChanged)
    def listMessage(self) -> str:
        """Why the list is empty, or what went wrong loading it."""
        if self._list_error:
            return self._list_error
        if self._loading or self._summaries:
            return ""
        if self._query:
            return translate("Maintenance", "No order number ends in %1.").replace("%1", self._query)
        return translate("Maintenance", "No orders yet today.")

    @Property(bool, notify=detailChanged)
    def selected(self) -> bool:
        return self._detail is not None

    @Property(dict, notify=detailChanged)
    def detail(self) -> dict[str, Any]:
        return self._present_detail(self._detail) if self._detail is not None else {}

    @Property(str, notify=statusChanged)
    def busy(self) -> str:
        return self._busy

    @Property(str, notify=statusChanged)
    def confirm(self) -> str:
        return self._confirm

    @Property(str, notify=statusChanged)
    def message(self) -> str:
        return self._message

    @Property(str, notify=statusChanged)
    def messageTone(self) -> str:
        return self._message_tone

    # -- presentation -------------------------------------------------------------------------------

    def _money(self, money: Money) -> str:
        return format_money(money, self._language)

    def _state_line(self, summary: OrderSummary) -> str:
        text = state_text(summary.state)
        if summary.store_status:
            text += " · " + store_status_text(summary.store_status)
        if summary.state is S.PAID_ORPHAN and summary.settled_by_staff:
            text += " · " + translate("Maintenance", "settled by staff")
        return text

    def _row(self, summary: OrderSummary) -> dict[str, Any]:
        return {"uuid": summary.order_uuid, "orderNo": summary.order_no, "time": f"{summary.created:%H:%M}",
                "date": format_date(summary.created.date(), self._language),
                "state": summary.state.value, "stateText": self._state_line(summary), "tone": tone(summary),
                "total": self._money(summary.total),
                "receipt": receipt_text(summary.receipt_state, summary.state)}

    def _present_detail(self, d: OrderDetail) -> dict[str, Any]:
        s = d.summary
        english = self._language != "zh_CN"
        created = f"{format_date(s.created.date(), self._language)} {s.created:%H:%M}"
        fulfilment = (translate("Maintenance", "Delivery") if d.fulfilment == "delivery"
                      else translate("Maintenance", "Pickup"))
        info = [(translate("Maintenance", "Created"), created),
                (translate("Maintenance", "State"), self._state_line(s)),
                (translate("Maintenance", "Fulfilment"), fulfilment)]
        if d.tracking_no:
            info.append((translate("Maintenance", "Tracking number"), d.tracking_no))
        if d.paid is not None:
            info.append((translate(
                "Maintenance", "Paid"), f"{format_date(d.paid.date(), self._language)} {d.paid:%H:%M}"))
        info.append((translate("Maintenance", "Receipt"), receipt_text(s.receipt_state, s.state)
                     + (f" · {d.receipt_no}" if d.receipt_no else "")))
        contact = []
        if d.contact.unreadable:
            contact.append((translate(
                "Maintenance", "Contact"), translate("Maintenance", "Cannot be read on this kiosk")))
        elif d.contact.purged:
            contact.append((translate(
                "Maintenance", "Contact"), translate("Maintenance", "Erased after its retention")))
        for label, value in ((translate(
            "Maintenance", "Name"), d.contact.name), (translate("Maintenance", "Phone"), d.contact.phone),
                             (translate("Maintenance", "Address"), d.contact.address)):
            if value:
                contact.append((label, value))
        return {
            "uuid": s.order_uuid, "orderNo": s.order_no, "state": s.state.value, "tone": tone(s),
            "info": [{"label": k, "value": v} for k, v in info],
            "lines": [{"name": (line.name_en or line.name_zh) if english else line.name_zh,
                       "quantity": f"× {line.quantity}", "unit": self._money(line.unit),
                       "total": self._money(line.total)} for line in d.lines],
            "money": [{"label": translate("Maintenance", "Subtotal"), "value": self._money(d.subtotal)},
                      {"label": translate("Maintenance", "Delivery fee"), "value": self._money(d.shipping)},
                      {"label": translate("Maintenance", "Total"), "value": self._money(s.total)}],
            "payments": [{"label": f"{self._method(p.method)} · {payment_state_text(p.state)}",
                          "value": self._money(p.amount) + (f" · {p.reference}" if p.reference else "")}
                         for p in d.payments],
            "contact": [{"label": k, "value": v} for k, v in contact],
            "canReprint": d.can_reprint, "canSettle": d.can_settle, "canCancel": d.can_cancel,
            "orphan": s.state is S.PAID_ORPHAN,
        }

    @staticmethod
    def _method(method: str) -> str:
        return {"wechat": translate(
            "Maintenance", "WeChat Pay"), "alipay": translate("Maintenance", "Alipay")}.get(method, method)

    def _say(self, message: str, message_tone: str) -> None:
        self._message, self._message_tone = message, message_tone
        self.statusChanged.emit()

    # -- the list and the search --------------------------------------------------------------------

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        """An order changed behind the page (a payment settled at boot, a receipt recovered)."""
        if topic in ("orders.alert", "checkout.recovered") and self.desk is not None:
            self.refresh()

    def opened(self) -> None:
        self._say("", "")
        self.refresh()
        if self._detail is not None:
            self._load_detail(self._detail.summary.order_uuid)

    @Slot()
    def refresh(self) -> None:
        desk = self.desk
        if desk is None:
            return
        self._generation += 1
        generation, typed = self._generation, self._query
        self._loading = True
        self.listChanged.emit()

        def done(found: list[OrderSummary] | None, error: Exception | None) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self._list_error = (translate(
                "Maintenance", "The orders could not be read: %1").replace("%1", str(error))
                                if error else "")
            self._summaries = found or []
            self._rows.update_rows(self._summaries)
            self.listChanged.emit()

        self._run("list", (lambda: desk.search(typed)) if typed else desk.today, done)

    @Slot(str)
    def key(self, text: str) -> None:
        """A keypad key: a digit, "-", or the device prefix (K01-)."""
        allowed = text == "-" or (len(text) == 1 and text.isdigit()) or text == self._prefix()
        if not allowed or len(self._query) + len(text) > MAX_TYPED:
            return
        self._set_query(self._query + text)

    @Slot()
    def erase(self) -> None:
        if self._query:
            prefix = self._prefix()
            cut = len(prefix) if prefix and self._query.endswith(prefix) else 1
            self._set_query(self._query[:-cut])

    @Slot()
    def showToday(self) -> None:
        self._set_query("")

    def _set_query(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self.queryChanged.emit()
            self.refresh()

    # -- one order ----------------------------------------------------------------------------------

    @Slot(str)
    def openOrder(self, order_uuid: str) -> None:
        self._confirm = ""
        self._say("", "")
        self._load_detail(order_uuid)

    @Slot()
    def closeOrder(self) -> None:
        if self._busy:
            return  # the outcome of an action on it is still to come: stay to see it
        self._detail, self._confirm = None, ""
        self._say("", "")
        self.detailChanged.emit()
        self.refresh()

    def _load_detail(self, order_uuid: str) -> None:
        desk = self.desk
        if desk is None:
            return

        def done(detail: OrderDetail | None, error: Exception | None) -> None:
            if error is not None or detail is None:
                self._say(translate(
                    "Maintenance", "The order could not be read: %1").replace("%1", str(error)), "error")
                return
            self._detail = detail
            self.detailChanged.emit()

        self._run("detail", lambda: desk.detail(order_uuid), done)

    def _start(self, action: str) -> tuple[OrderDesk, OrderDetail] | None:
        """The action may begin: nothing else running, an order open. Marks it running at once, so a
        second tap before the worker starts is refused too."""
        if self._busy or self.desk is None or self._detail is None:
            return None
        self._busy, self._confirm = action, ""
        self._say(translate("Maintenance", "Working…"), "info")
        return self.desk, self._detail

    def _finish(self, order_uuid: str, message: str, message_tone: str) -> None:
        self._busy = ""
        self._say(message, message_tone)
        self._load_detail(order_uuid)
        self.refresh()

    @Slot()
    def reprint(self) -> None:
        started = self._start("reprint")
        if started is None:
            return
        desk, detail = started
        order_uuid = detail.summary.order_uuid

        def done(outcome: str | None, error: Exception | None) -> None:
            if error is not None or outcome is None:
                self.audit("orders.reprint", FAILED, order_uuid, str(error)[:200])
                self._finish(order_uuid, translate(
                    "Maintenance", "The copy could not be printed: %1").replace("%1", str(error)),
                             "error")
                return
            result = OK if outcome == "printed" else REFUSED if outcome in (BUSY, NOT_PAID) else FAILED
            self.audit("orders.reprint", result, order_uuid, outcome)
            messages = {"printed": translate("Maintenance", "A copy was printed."),
                        NO_PRINTER: translate("Maintenance", "No printer is connected: nothing was printed."),
                        BUSY: translate("Maintenance", "A copy of this order is already printing."),
                        NOT_PAID: translate("Maintenance", "Only a paid order has a receipt."),
                        "not_printed": translate(
                            "Maintenance", "The printer refused the copy (paper? cover?): nothing printed."),
                        "unverified": translate(
                            "Maintenance", "The copy was sent; the printer did not confirm it."),
                        "interrupted": translate(
                            "Maintenance", "The copy was interrupted: check the paper before trying again.")}
            self._finish(order_uuid, messages.get(outcome, outcome), "ok" if result == OK else "error")

        self._run("reprint", lambda: desk.reprint(order_uuid), done)

    @Slot()
    def settle(self) -> None:
        """Settle with the store; for a paid orphan, first ask how staff settled it."""
        if self._busy or self._detail is None:
            return
        if self._detail.summary.state is S.PAID_ORPHAN:
            self._confirm = "orphan"
            self.statusChanged.emit()
            return
        started = self._start("settle")
        if started is None:
            return
        desk, detail = started
        order_uuid, before = detail.summary.order_uuid, detail.summary.state
        self._run("settle", lambda: desk.settle(order_uuid),
                  lambda result, error: self._settled("orders.settle", order_uuid, before, result, error))

    @Slot()
    def askCancel(self) -> None:
        if not self._busy and self._detail is not None and self._detail.can_cancel:
            self._confirm = "cancel"
            self.statusChanged.emit()

    @Slot()
    def dismiss(self) -> None:
        if self._confirm:
            self._confirm = ""
            self.statusChanged.emit()

    @Slot()
    def confirmCancel(self) -> None:
        if self._confirm != "cancel":
            return
        started = self._start("cancel")
        if started is None:
            return
        desk, detail = started
        order_uuid, before = detail.summary.order_uuid, detail.summary.state
        self._run("cancel", lambda: desk.cancel(order_uuid),
                  lambda result, error: self._settled("orders.cancel", order_uuid, before, result, error))

    def _settled(self, action: str, order_uuid: str, before: OrderState, result: OneOrder | None,
                 error: Exception | None) -> None:
        if error is not None or result is None:
            self.audit(action, FAILED, order_uuid, str(error)[:200])
            self._finish(order_uuid, translate(
                "Maintenance", "The store could not be asked: %1").replace("%1", str(error)),
                         "error")
            return
        if not result.answered:
            self.audit(action, FAILED, order_uuid, f"{before.value}: {result.error}"[:200])
            why = {"unreachable": translate(
                "Maintenance", "the store could not be asked; try again when it is reachable"),
                   "still_open": translate(
                       "Maintenance", "the store still has the payment open, so its outcome is unknown"),
                   "held": translate("Maintenance", "a shopper's checkout is working on this order"),
                   "busy": translate("Maintenance", "the kiosk is settling other payments; try again"),
                   "no_store": translate("Maintenance", "no store is configured"),
                   "not_applicable": translate(
                       "Maintenance", "this is not possible for the order as it is now")}
            self._finish(order_uuid, translate("Maintenance", "Nothing was changed: %1. The order is: %2.")
                         .replace("%1", why.get(result.why, result.error))
                         .replace("%2", state_text(result.state)), "error")
            return
        self.audit(action, OK, order_uuid, f"{before.value} -> {result.state.value}")
        after = state_text(result.state)
        if action == "orders.cancel" and result.state is not S.CANCELLED:
            message = translate(
                "Maintenance", "Not cancelled: the store has this order as paid. It is now: %1.").replace(
                "%1", after)
        else:
            message = translate(
                "Maintenance", "The store answered. The order is now: %1.").replace("%1", after)
        self._finish(order_uuid, message, "ok")

    @Slot(str)
    def settleOrphan(self, how: str) -> None:
        """Staff handed a paid orphan over, or refunded it at the store."""
        if self._confirm != "orphan" or how not in (HANDED_OVER, REFUNDED):
            return
        started = self._start("orphan")
        if started is None:
            return
        desk, detail = started
        order_uuid = detail.summary.order_uuid

        def done(summary: OrderSummary | None, error: Exception | None) -> None:
            if error is not None or summary is None:
                self.audit(ORPHAN_SETTLED, FAILED, order_uuid, f"{how}: {error}"[:200])
                self._finish(order_uuid, translate(
                    "Maintenance", "Could not record it: %1").replace("%1", str(error)), "error")
                return
            self.audit(ORPHAN_SETTLED, OK, order_uuid, how)  # this entry is what marks it settled
            self._finish(order_uuid, translate(
                "Maintenance", "Recorded as handed over.") if how == HANDED_OVER
                         else translate("Maintenance", "Recorded as refunded at the store."), "ok")

        self._run("orphan", lambda: desk.settle_orphan(order_uuid, how), done)

    def close(self) -> None:
        self._closed = True
