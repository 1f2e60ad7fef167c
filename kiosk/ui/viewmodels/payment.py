"""Paying: one checkout attempt at a time, its QR on screen, and where each outcome takes the shopper.

`kiosk.checkout.Checkout` does the work on its own thread and reports `CheckoutUpdate`s there; they
are posted to the GUI thread and tagged with their attempt, so a late word from an abandoned attempt
never moves the screen. Outcomes: paid → the order screen (the cart is emptied at once, whether or not
the shopper stays); declined, no payment possible, outcome unknown → the problem screen; time up or
cancelled → back to the cart, which is kept. While the outcome is still being checked the screen says
so, with the order number, and waits: there is nothing to cancel.

A declined order is paid again as the same order (`CheckoutRequest.retry_order`), the same way or the
other. An order paid just before a crash and found at start-up ("checkout.recovered") gets the order
screen too, for a shopper still standing there. The receipt part of the order screen is
`kiosk.ui.viewmodels.receipt`.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot

from kiosk import display_text
from kiosk.money import Money, format_money
from kiosk.session import ShopperSession
from kiosk.session_events import PAID as PAID_STEP
from kiosk.session_events import QR_SHOWN, RECEIPT_PRINTED
from kiosk.ui.navigator import Navigator
from kiosk.ui.viewmodels.cart import CartViewModel
from kiosk.ui.viewmodels.receipt import PRINTED, PRINTER, ReceiptViewModel

if TYPE_CHECKING:
    # the checkout brings SQLAlchemy and the sync client: loaded when the first shopper pays, not
    # before the first frame
    from kiosk.checkout import Checkout, CheckoutUpdate
    from kiosk.orders import CartLine, Contact
    from kiosk.services import Services
    from kiosk.ui.qr_display import QrPaymentView, QtQrDisplay

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], Any]], None]

# kiosk.checkout.Phase values (a StrEnum: they compare equal to these)
PREPARING, AWAITING, PAID = "preparing", "awaiting_payment", "paid"
DECLINED, EXPIRED, CANCELLED = "declined", "expired", "cancelled"
UNAVAILABLE, UNKNOWN = "unavailable", "unknown"
CHECKING = "checking"  # the outcome is not known yet: the store is still being asked, on screen
CANCELLING = "cancelling"  # the shopper cancelled; the store is asked once more before the close
RUNNING = {PREPARING, AWAITING, CANCELLING, CHECKING}
CAN_RETRY = {DECLINED, UNAVAILABLE}
PICKUP = "pickup"  # kiosk.db.models.Fulfilment.PICKUP
CLOSE_WAIT_S = 5.0  # at shutdown: long enough for the final query and the close


@dataclass(frozen=True)
class _Attempt:
    fulfilment: str  # pickup | delivery
    contact: Contact
    shipping_minor: int
    method: str


def order_lines(session: ShopperSession) -> list[CartLine]:
    """The cart as the order book takes it: price and names as the shopper saw them."""
    from kiosk.orders import CartLine

    return [CartLine(sku=line.sku, name_zh=line.name_zh, name_en=line.name_en,
                     unit_price_minor=line.unit_price.minor, quantity=line.quantity,
                     product_id=line.product_id, catalog_version=line.catalog_version)
            for line in session.lines]


def method_name(method: str) -> str:
    if method == "alipay":
        return QCoreApplication.translate("PaymentScreen", "Alipay")
    return QCoreApplication.translate("PaymentScreen", "WeChat Pay")


def other_method(method: str) -> str:
    return "wechat" if method == "alipay" else "alipay"


class PaymentViewModel(QObject):
    changed = Signal()
    qrChanged = Signal()

    def __init__(self, session: ShopperSession, navigator: Navigator, cart: CartViewModel,
                 language: Callable[[], str], post: Post, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._navigator = navigator
        self._cart = cart
        self._shopper_language = language
        self._post = post
        self._services: Services | None = None
        self._display: QtQrDisplay | None = None
        self._language = "zh_CN"
        # what make_checkout is asked for (None: kiosk.checkout.PAYMENT_TIMEOUT_S); tests shorten both
        self.timeout_s: float | None = None
        self.interval_s = 1.0
        self.checking_s: float | None = None  # None: kiosk.checkout.CHECKING_S
        self._checkout: Checkout | None = None
        self._serial = 0  # which attempt the screen follows
        self._phase = ""
        self._update: CheckoutUpdate | None = None
        self._last: _Attempt | None = None
        self._was_checking = False  # the attempt's outcome was checked on screen before it settled
        self._recovered: list[dict[str, Any]] = []  # "checkout.recovered" before the services came
        self._closed = False
        self.receipt = ReceiptViewModel(self)
        # an unpaid order looked up and paid with no cart (kiosk.ui.viewmodels.my_order): a payment given
        # up goes back to that order, not to an empty cart
        self.back_to_order: Callable[[], None] | None = None
        self._for_order = False

    def attach(self, services: Services) -> None:
        self._services = services
        self.receipt.set_printer_present(services.printer is not None)
        status = services.device_states.get(PRINTER)
        if status is not None:
            self.receipt.printer_status(status["status"], status.get("detail", "").split(","))
        recovered, self._recovered = self._recovered, []
        for data in recovered:
            self._on_recovered(data)

    def on_event(self, topic: str, data: Mapping[str, Any]) -> None:
        """Bridged events (GUI thread): the printer's status, and an order recovered at start-up."""
        if topic == "device.status" and data.get("device") == PRINTER:
            self.receipt.printer_status(str(data.get("state", "")), data.get("details") or ())
        elif topic == "checkout.recovered":
            self._on_recovered(dict(data))

    def set_display(self, display: QtQrDisplay) -> None:
        self._display = display
        display.view.setLocale(self._language)
        self.qrChanged.emit()

    def set_language(self, language: str) -> None:
        self._language = language
        if self._display is not None:
            self._display.view.setLocale(language)
        self.changed.emit()
        self.receipt.retranslate()

    # --- attempts -------------------------------------------------------------------------------

    def start(self, fulfilment: str, contact: Contact, shipping_minor: int, method: str,
              retry_order: str = "") -> None:
        """Begin paying for the cart (the fulfilment screen calls this once its form is right), or for
        a declined order of it again (`retry_order`: its uuid)."""
        from kiosk.checkout import CheckoutRequest
        from kiosk.db.models import Fulfilment

        # an unpaid order looked up (kiosk.ui.viewmodels.my_order) is paid as it stands: no cart needed
        if self._phase in RUNNING or (not self._session.lines and not retry_order):
            return
        if method not in ("wechat", "alipay"):
            raise ValueError(f"unknown payment method {method!r}")
        self._last = _Attempt(fulfilment, contact, shipping_minor, method)
        self._for_order = bool(retry_order) and not self._session.lines
        self._serial += 1
        serial = self._serial
        self._update = None
        self._was_checking = False
        self.receipt.forget()
        checkout = None
        if self._services is not None:
            # made now, not at start-up: in demo mode the store only becomes known after the first frame
            checkout = self._services.make_checkout(
                lambda update: self._post(lambda: self._on_update(serial, update)),
                timeout_s=self.timeout_s, interval_s=self.interval_s, checking_s=self.checking_s)
        if checkout is None:
            log.warning("checkout: no store known yet; paying is unavailable")
            self._set_phase(UNAVAILABLE)
            self._navigator.push("paymentProblem")
            return
        lines = order_lines(self._session)
        request = CheckoutRequest(
            lines=lines, method="alipay" if method == "alipay" else "wechat",
            fulfilment=Fulfilment(fulfilment),
            contact=contact, shipping_minor=shipping_minor, language=self._shopper_language(),
            catalog_version=max((line.catalog_version for line in lines), default=0), retry_order=retry_order)
        self._checkout = checkout
        self._set_phase(PREPARING)
        checkout.begin(request)
        self._navigator.push("payment")

    def preview(self, fulfilment: str, contact: Contact, method: str, update: CheckoutUpdate) -> None:
        """Show an attempt's step without a store (the screenshot tour renders every outcome this way)."""
        self._last = _Attempt(fulfilment, contact, 0, method)
        self._serial += 1
        self._was_checking = False
        self._phase, self._update = "", None  # a new attempt: a second "paid" is not its receipt's word
        self.receipt.forget()
        if self._screen() != "payment":
            self._navigator.push("payment")
        self._on_update(self._serial, update)

    def _on_update(self, serial: int, update: CheckoutUpdate) -> None:
        """On the GUI thread: follow the attempt on screen."""
        if serial != self._serial:
            log.info("checkout: an update of an earlier attempt (%s) ignored", update.phase)
            return
        phase = str(update.phase.value)
        cancelling = self._phase == CANCELLING
        self._update = update
        if phase == PREPARING:
            if not cancelling:
                self._set_phase(phase)
            return
        if phase == AWAITING:
            if cancelling:  # a QR that comes after the cancel is never shown
                return
            if self._phase == AWAITING:
                self.changed.emit()  # the same QR: the store stopped (or started again) answering
                return
            self._show_code(update)
            self._set_phase(phase)
            self._session.step(QR_SHOWN)
            return
        if phase == CHECKING:  # the code goes; the screen says it is still asking, and stays
            self._clear_code()
            self._was_checking = True
            self._set_phase(phase)
            return
        if phase == PAID:
            self.receipt.show(update.order_page, _outcome(update), update.receipt_pending)
            self._session.step(PAID_STEP)
            if _outcome(update) == PRINTED:
                self._session.step(RECEIPT_PRINTED)
            if self._phase == PAID:
                self.changed.emit()  # the second word of a paid attempt: how the receipt went
                return
        self._clear_code()
        on_payment_screen = self._screen() == "payment"
        self._set_phase(phase)
        if phase == PAID:
            # the goods are bought: nothing of them may stay in a cart the next shopper could see
            self._session.clear_cart()
            self._navigator.push("done")
        elif phase in (EXPIRED, CANCELLED):
            if on_payment_screen and self._for_order and self.back_to_order is not None:
                self.back_to_order()
            elif on_payment_screen:
                self._cart.show_with_notice(self._back_notice(phase))
        elif on_payment_screen:
            self._navigator.push("paymentProblem")

    # --- an order recovered at start-up ----------------------------------------------------------

    def _on_recovered(self, data: dict[str, Any]) -> None:
        """An order paid just before a crash, its receipt printed (or not) at restart: a shopper still
        at the kiosk sees its order screen. Its details are read beside the GUI thread."""
        services = self._services
        if services is None:
            self._recovered.append(data)
            return
        if self._phase in RUNNING:  # someone is paying now: their screen is not taken from them
            log.info("order %s recovered while a payment runs; not shown", data.get("order_no"))
            return

        def load() -> None:
            attempt = _Attempt(PICKUP, _no_contact(), 0, "")
            try:
                order = services.orders.get(str(data["order_uuid"]))
                paid = [p for p in order.payments if p.state.value == "PAID"] or list(order.payments)
                attempt = _Attempt(order.fulfilment.value, services.orders.contact(order),
                                   order.shipping_minor, paid[-1].method if paid else "")
            except Exception:
                log.exception("recovered order %s: its details could not be read", data.get("order_no"))
            self._post(lambda: self._show_recovered(data, attempt))

        threading.Thread(target=load, name="recovered-order", daemon=True).start()

    def _show_recovered(self, data: dict[str, Any], attempt: _Attempt) -> None:
        from kiosk.checkout import CheckoutUpdate, Phase
        from kiosk.devices.ports import JobOutcome

        if self._services is None or self._closed or self._phase in RUNNING:
            return
        order_uuid = str(data["order_uuid"])
        state = str(data.get("receipt_state") or "")
        receipt = JobOutcome(state) if state in set(JobOutcome) else None
        update = CheckoutUpdate(Phase.PAID, order_uuid, str(data.get("order_no", "")),
                                int(data.get("total_minor", 0)), str(data.get("currency", "CNY")),
                                receipt=receipt, method=attempt.method,
                                order_page=self._services.receipt_settings().order_page(order_uuid))
        log.info("order %s paid before a restart: its order screen is shown", update.order_no)
        self._serial += 1  # nothing of an earlier attempt follows it
        self._clear_code()
        self._last, self._update = attempt, update
        self.receipt.show(update.order_page, _outcome(update), pending=False)
        self._set_phase(PAID)
        self._navigator.push("done")

    def _back_notice(self, phase: str) -> str:
        if phase == EXPIRED and self._was_checking:  # the store came back and said: not paid, now closed
            return QCoreApplication.translate(
                "PaymentScreen", "This payment was not completed and nothing was charged. Your cart is "
                "still here.")
        if phase == EXPIRED:
            return QCoreApplication.translate(
                "PaymentScreen", "The time to pay ran out and nothing was charged. Your cart is still here.")
        return QCoreApplication.translate(
            "PaymentScreen", "Payment cancelled and nothing was charged. Your cart is still here.")

    def _show_code(self, update: CheckoutUpdate) -> None:
        if self._display is None:
            return
        # the checkout gives up at the earlier of the store's expiry and its own time limit
        if update.deadline is not None:
            deadline = update.deadline.replace(tzinfo=dt.UTC)
        else:  # an update made for the screenshot tour
            from kiosk.checkout import PAYMENT_TIMEOUT_S

            deadline = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.timeout_s or PAYMENT_TIMEOUT_S)
        self._display.show(update.code_url, update.total_minor, update.currency, deadline)

    def _clear_code(self) -> None:
        if self._display is not None:
            self._display.clear()

    def _screen(self) -> str:
        return str(self._navigator.property("screen"))

    def _set_phase(self, phase: str) -> None:
        self._phase = phase
        self.changed.emit()

    # --- bound by QML ---------------------------------------------------------------------------

    @Property(QObject, notify=qrChanged)
    def qr(self) -> QrPaymentView | None:
        return self._display.view if self._display is not None else None

    @Property(str, notify=changed)
    def phase(self) -> str:
        return self._phase

    @Property(bool, notify=changed)
    def running(self) -> bool:
        return self._phase in RUNNING

    @Property(str, notify=changed)
    def orderNo(self) -> str:
        return self._update.order_no if self._update is not None else ""

    @Property(str, notify=changed)
    def lookupCode(self) -> str:
        """The 4-digit code printed beside the order number: with it, the order is found again at a
        kiosk without the receipt's QR (kiosk.order_rules.lookup_code)."""
        if self._update is None or not self._update.order_uuid:
            return ""
        from kiosk.order_rules import lookup_code

        return lookup_code(self._update.order_uuid)

    @Property(str, notify=changed)
    def codeUrl(self) -> str:
        """What the QR on screen encodes ("" while none is shown; the demo controls pay it)."""
        return self._update.code_url if self._update is not None and self._phase == AWAITING else ""

    @Property(str, notify=changed)
    def amountText(self) -> str:
        update = self._update
        if update is None or not update.order_no:
            return ""
        return format_money(Money(update.total_minor, update.currency), self._language)

    @Property(str, notify=changed)
    def methodName(self) -> str:
        return method_name(self._last.method) if self._last is not None and self._last.method else ""

    @Property(str, notify=changed)
    def scanHint(self) -> str:
        if self._last is not None and self._last.method == "alipay":
            return QCoreApplication.translate("PaymentScreen", "Open Alipay on your phone and scan the code")
        return QCoreApplication.translate("PaymentScreen", "Open WeChat on your phone and scan the code")

    @Property(str, notify=changed)
    def statusText(self) -> str:
        """While no code is on screen: what is happening."""
        if self._phase == PREPARING:
            return QCoreApplication.translate("PaymentScreen", "Preparing your payment…")
        if self._phase == CANCELLING:
            return QCoreApplication.translate("PaymentScreen", "Cancelling the payment…")
        if self._phase == CHECKING:
            return QCoreApplication.translate(
                "PaymentScreen", "Checking your payment with the payment service… If you have paid, "
                "please stay: it will count.")
        return ""

    @Property(str, notify=changed)
    def troubleText(self) -> str:
        """While the QR is up and the store cannot be reached: said at once, the QR stays."""
        if self._phase != AWAITING or self._update is None or not self._update.detail:
            return ""
        return QCoreApplication.translate(
            "PaymentScreen", "We cannot reach the payment service right now. If you have paid, keep this "
            "screen: we keep checking and your payment will count.")

    @Property(bool, notify=changed)
    def canRetry(self) -> bool:
        return self._phase in CAN_RETRY

    @Property(bool, notify=changed)
    def outcomeUnknown(self) -> bool:
        return self._phase == UNKNOWN

    @Property(bool, notify=changed)
    def declined(self) -> bool:
        return self._phase == DECLINED

    @Property(str, notify=changed)
    def otherMethodText(self) -> str:
        """The button that pays a declined order the other way, naming that way."""
        if self._last is not None and self._last.method == "alipay":
            return QCoreApplication.translate("PaymentProblemScreen", "Pay with WeChat Pay instead")
        return QCoreApplication.translate("PaymentProblemScreen", "Pay with Alipay instead")

    @Property(str, notify=changed)
    def paymentRef(self) -> str:
        """The store's id of this attempt's payment (once paid, the provider's reference): staff find it."""
        return self._update.payment_ref if self._update is not None else ""

    @Property(str, notify=changed)
    def helpText(self) -> str:
        """Beside the order number and payment reference, for a shopper who asks for help."""
        if self._phase == DECLINED:
            return QCoreApplication.translate(
                "PaymentProblemScreen", "Nothing was charged for this payment. If you need help, show this "
                "to a member of staff: with these two numbers they can find your order and your payment.")
        return QCoreApplication.translate(
            "PaymentProblemScreen", "Show this to a member of staff: with these two numbers they can find "
            "your order and check your payment.")

    @Property(str, notify=changed)
    def problemTitle(self) -> str:
        if self._phase == DECLINED:
            return QCoreApplication.translate("PaymentProblemScreen", "The payment was declined")
        if self._phase == UNAVAILABLE:
            return QCoreApplication.translate("PaymentProblemScreen", "Paying is not available right now")
        if self._phase == UNKNOWN:
            return QCoreApplication.translate("PaymentProblemScreen", "We could not confirm your payment")
        return ""

    @Property(str, notify=changed)
    def problemText(self) -> str:
        if self._phase == DECLINED:
            return QCoreApplication.translate(
                "PaymentProblemScreen",
                "Nothing was charged. You can try again, pay another way, or go back to your cart.")
        if self._phase == UNAVAILABLE:
            return QCoreApplication.translate(
                "PaymentProblemScreen",
                "Nothing was charged and your cart is kept. "
                "Please try again in a moment, or ask a member of staff.")
        if self._phase == UNKNOWN:
            return QCoreApplication.translate(
                "PaymentProblemScreen",
                "If you paid, your order is safe: a member of staff will confirm the payment. "
                "Please note your order number and show it at the service desk.")
        return ""

    # the order screen

    @Property(bool, notify=changed)
    def pickup(self) -> bool:
        return self._last is None or self._last.fulfilment == PICKUP

    @Property(str, notify=changed)
    def fulfilmentText(self) -> str:
        attempt = self._last
        if attempt is None or attempt.fulfilment == PICKUP:
            return QCoreApplication.translate(
                "DoneScreen", "Collect your order at the service desk: show them this number.")
        from kiosk.sync.protocol import mask_phone

        contact = attempt.contact
        text = QCoreApplication.translate("DoneScreen", "We will deliver to %1 (%2):\n%3")
        # the phone masked, as on the receipt: someone may be reading over the shopper's shoulder
        name, address = (display_text.shown(part, display_text.CONTACT)
                         for part in (contact.name, contact.address))
        return text.replace("%1", name).replace("%2", mask_phone(contact.phone)).replace("%3", address)

    @Property(QObject, constant=True)
    def receiptView(self) -> ReceiptViewModel:
        """Paper or the e-receipt QR, and the printer's notice before paying."""
        return self.receipt

    @Slot()
    def cancel(self) -> None:
        """The shopper gave up on the QR; a payment made at this very moment still counts."""
        if self._phase not in (PREPARING, AWAITING):
            return
        self._clear_code()
        self._set_phase(CANCELLING)
        if self._checkout is not None:
            self._checkout.cancel()

    @Slot()
    def tryAgain(self) -> None:
        """Pay again the same way: a declined order is paid again as itself (same order number); when no
        payment could be made at all, a new order for the same cart."""
        if self.canRetry and self._last is not None:
            self._again(self._last.method)

    @Slot()
    def payAnotherWay(self) -> None:
        """The declined order, paid with the other method."""
        if self._phase == DECLINED and self._last is not None:
            self._again(other_method(self._last.method))

    def _again(self, method: str) -> None:
        assert self._last is not None
        last = self._last
        retry = self._update.order_uuid if self._phase == DECLINED and self._update is not None else ""
        self._set_phase("")
        self.start(last.fulfilment, last.contact, last.shipping_minor, method, retry_order=retry)

    @Slot()
    def backToCart(self) -> None:
        if self._phase not in RUNNING:
            self._set_phase("")
            self._cart.show_with_notice("")

    def forget(self) -> None:
        """The session was wiped: a running attempt is cancelled (its order closes), nothing is kept."""
        if self._phase in (PREPARING, AWAITING) and self._checkout is not None:
            self._checkout.cancel()
        self._serial += 1  # whatever the old attempt still says is not for the next shopper
        self._clear_code()
        self._last = None
        self._update = None
        self._was_checking = False
        self.receipt.forget()
        self._set_phase("")

    def close(self) -> None:
        """Shutdown: let a running attempt settle with the store (a late payment is still recorded)."""
        self._serial += 1  # a word that comes after this finds no screen to move
        self._closed = True
        checkout = self._checkout
        if checkout is not None and checkout.busy:
            checkout.cancel()
            if not checkout.wait(CLOSE_WAIT_S):
                log.warning("checkout still running at shutdown; its order is reconciled at the next start")
        if self._display is not None:
            self._display.close()


def _outcome(update: CheckoutUpdate) -> str | None:
    return str(update.receipt.value) if update.receipt is not None else None


def _no_contact() -> Contact:
    from kiosk.orders import Contact

    return Contact()
