"""Screenshot tour: every shopper screen in both languages and orientations, rendered to PNG.

`kiosk --screenshot-tour DIR` runs it offscreen on a throw-away demo data dir. Each shot also records
the text that was on screen, so a check can prove the shipped font covers every character (no tofu).
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.paths import asset
from kiosk.services import Services, data_paths
from kiosk.ui.app import KioskUi
from kiosk.ui.fonts import FONT_FILES
from kiosk.ui.items import child_items, walk
from kiosk.ui.pump import process_events

if TYPE_CHECKING:
    from kiosk.sync.order_lookup import OrderView

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en_US")
ORIENTATIONS = ("portrait", "landscape")
SETTLE_TIMEOUT_S = 3.0
_TEXT_CLASSES = ("QQuickText", "QQuickTextInput", "QQuickTextEdit")


@dataclass
class Shot:
    path: Path
    screen: str
    texts: list[str] = field(default_factory=list)
    cut_labels: list[str] = field(default_factory=list)  # button labels shown elided

    def characters(self) -> set[str]:
        return {ch for text in self.texts for ch in text if not ch.isspace()}


def font_characters() -> set[str]:
    """Every character the shipped fonts have a glyph for."""
    chars: set[str] = set()
    for name in FONT_FILES:
        with TTFont(asset("fonts", name), lazy=True) as font:
            chars.update(chr(code) for code in font.getBestCmap())
    return chars


class Tour:
    def __init__(self, ui: KioskUi, out_dir: Path) -> None:
        self.ui = ui
        self.out_dir = out_dir
        self.shots: list[Shot] = []

    def pump(self, seconds: float = 0.05) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            process_events()
            time.sleep(0.005)

    def settle(self) -> None:
        """Until every picture on screen has loaded (they load in the background) and a frame is drawn."""
        end = time.monotonic() + SETTLE_TIMEOUT_S
        self.pump(0.1)
        while time.monotonic() < end:
            loading = [i for i in self._items() if i.metaObject().className().startswith("QQuickImage")
                       and i.isVisible() and str(i.property("source").toString())
                       and float(i.property("progress")) < 1.0]
            if not loading:
                break
            self.pump(0.05)
        self.pump(0.05)

    def _items(self) -> Iterable[QQuickItem]:
        return walk(self.ui.window.contentItem())

    def visible_texts(self) -> list[str]:
        window_rect = (0.0, 0.0, float(self.ui.window.width()), float(self.ui.window.height()))
        texts = []
        for item in self._items():
            # inherits: a text type made in QML (an inline component) is a text item too
            if not any(item.inherits(cls) for cls in _TEXT_CLASSES) or not item.isVisible():
                continue
            if item.opacity() <= 0 or not self._on_screen(item, window_rect):
                continue
            text = item.property("text")
            if text:
                texts.append(str(text))
            placeholder = item.property("placeholderText")
            if placeholder and not text:
                texts.append(str(placeholder))
        return texts

    def cut_labels(self) -> list[str]:
        cut = []
        for item in self._items():
            if item.metaObject().className().startswith("KioskButton") and item.isVisible():
                cut += [str(child.property("text")) for child in child_items(item)
                        if child.metaObject().className().startswith("QQuickText")
                        and child.property("truncated")]
        return cut

    @staticmethod
    def _on_screen(item: QQuickItem, rect: tuple[float, float, float, float]) -> bool:
        top_left = item.mapToScene(QPointF(0, 0))
        bottom_right = item.mapToScene(QPointF(item.width(), item.height()))
        return (bottom_right.x() > rect[0] and top_left.x() < rect[2]
                and bottom_right.y() > rect[1] and top_left.y() < rect[3])

    def shoot(self, name: str) -> Shot:
        self.settle()
        shell = self.ui.shell
        file = self.out_dir / f"{shell.property('orientation')}-{shell.property('language')}-{name}.png"
        image = self.ui.window.grabWindow()
        if not image.save(str(file)):
            raise OSError(f"could not write {file}")
        shot = Shot(file, name, self.visible_texts(), self.cut_labels())
        self.shots.append(shot)
        log.info("tour: %s", file.name)
        return shot


def _steps(ui: KioskUi) -> list[tuple[str, Callable[[], None]]]:
    """(shot name, how to get there) in visiting order; each step starts where the last one ended."""
    shopper, nav, shell = ui.shopper, ui.navigator, ui.shell

    def product_with_reviews() -> None:
        nav.home()
        featured = shopper.catalog.property("featured")
        shopper.catalog.openProduct(int(featured.raw(0).id))

    def scroll_product() -> None:
        flick = ui.item("productFlick")
        flick.setProperty("contentY", max(0.0, flick.property("contentHeight") - flick.height()))

    def first_category() -> None:
        categories = shopper.catalog.property("categories")
        shopper.catalog.openCategory(int(categories.raw(0).id))

    def help_screen() -> None:
        nav.home()
        shopper.help.open()

    def help_no_match() -> None:
        shopper.help.setTyped("zzqxv", "")

    def help_call(state: str) -> Callable[[], None]:
        def go() -> None:
            shopper.help.clear()
            shopper.help.preview(state, "10:42", "10:45")
        return go

    def accessibility_panel() -> None:
        shopper.help.forget()  # the previewed call ends with the help screen's shots
        shopper.session.setAccessibilityOpen(True)

    def idle_warning() -> None:
        shopper.session.setAccessibilityOpen(False)
        # five seconds into the countdown, frozen there until the next step
        idle = shopper.idle
        start = time.monotonic()
        idle.clock = lambda: start
        idle.poke()
        quiet = (idle.timeout_for(str(nav.property("screen"))) or 0) + 5
        idle.clock = lambda: start + quiet
        idle.tick()

    def accessible() -> None:
        shopper.idle.clock = time.monotonic
        shopper.idle.poke()
        shell.setAccessibility(True, True, True)
        nav.home()

    def search(text: str) -> Callable[[], None]:
        def go() -> None:
            nav.home()
            nav.push("search")
            shopper.search.setText(text)
        return go

    def search_typing() -> None:
        search("kl" if shell.property("language") == "zh_CN" else "cola")()
        type_into(ui, "searchField")

    checkout = _checkout_steps(ui)
    return [
        ("attract", nav.reset),
        ("home", nav.home),
        ("category", first_category),
        ("product", product_with_reviews),
        ("product-reviews", scroll_product),
        ("search-empty", search("")),
        ("search-results", search("kl" if shell.property("language") == "zh_CN" else "cola")),
        ("search-keyboard", search_typing),
        ("search-no-results", search("zzqxv")),
        *checkout,
        ("help", help_screen),
        ("help-no-match", help_no_match),
        ("help-call-on-the-way", help_call("onTheWay")),
        ("help-call-unreachable", help_call("unreachable")),
        ("help-call-seen", help_call("seen")),
        *_my_order_steps(ui),
        ("accessibility-panel", accessibility_panel),
        ("idle-warning", idle_warning),
        ("accessible-home", accessible),
        ("accessible-product", product_with_reviews),
        *_accessible_checkout_steps(ui),
        *_technician_steps(ui),
    ]


def sample_order(status: str, *, fulfilment: str = "delivery", source: str = "store", minutes_old: int = 0,
                 requests: Sequence[tuple[str, str, int, str]] = (), handed_over_days: int | None = None,
                 zh: bool = True) -> OrderView:
    """An order as a lookup returns it (the screenshot tour and layout checks): `status` the store's, or
    this kiosk's for a LOCAL one; `requests` (kind, status, fee difference, the merchant's note)."""
    import datetime as dt

    from kiosk import order_rules
    from kiosk.sync.order_lookup import LineView, OrderView, RequestView, Source, TimelineStep

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    placed = now - dt.timedelta(days=(handed_over_days or 0) + 2, hours=3)
    steps = [TimelineStep("PLACED", placed)]
    if status not in order_rules.UNPAID_EDITABLE | order_rules.PAYING:
        steps.append(TimelineStep("PAID", placed + dt.timedelta(minutes=1)))
    flow = ["ACCEPTED", "SHIPPED", "DELIVERED"] if fulfilment == "delivery" else \
        ["ACCEPTED", "READY_FOR_PICKUP", "PICKED_UP"]
    if status in flow:
        for i, step in enumerate(flow[: flow.index(status) + 1]):
            steps.append(TimelineStep(step, placed + dt.timedelta(hours=2 + 20 * i),
                                      "SF1234567890" if step == "SHIPPED" else ""))
    handed = now - dt.timedelta(days=handed_over_days) if handed_over_days is not None else None
    if handed is not None:
        steps[-1] = TimelineStep(steps[-1].status, handed)
    lines = (LineView("6901234567892", "农夫山泉饮用天然水 550ml", "Nongfu Spring Water 550ml", 6, 1200),
             LineView("6920152400012", "可口可乐 330ml 罐装", "Coca-Cola 330ml can", 2, 700),
             LineView("6901028075909", "乐事薯片 原味 70g", "Lay's Classic Chips 70g", 1, 850))
    asked_back = {"type": "return", "reason": "damaged", "lines": [{"sku": "6901234567892", "quantity": 2}]}
    shown = [RequestView(f"req-{i}", kind, state, {"fulfilment": "delivery", "address": "****"}
                         if kind == "modification" else asked_back, note,
                         placed + dt.timedelta(hours=1 + i), None, fee)
             for i, (kind, state, fee, note) in enumerate(requests)]
    pending = any(r.status == "PENDING" for r in shown)
    subtotal = sum(line.line_total_minor for line in lines)
    shipping = 1000 if fulfilment == "delivery" else 0
    as_of = now - dt.timedelta(minutes=minutes_old)
    return OrderView(
        order_uuid="5b0e4c1a-7d2f-4e8b-9a61-c3f0d2e4b7a9", order_no="K01-1207-0042", status=status,
        fulfilment=fulfilment, currency="CNY", subtotal_minor=subtotal, shipping_minor=shipping,
        total_minor=subtotal + shipping, lines=lines,
        contact_name="张*" if zh else "E*****i", contact_phone="138****8000",
        contact_address="北京市朝阳区****" if zh else "****, Chaoyang, Beijing", timeline=tuple(steps),
        requests=tuple(shown), tracking_no="SF1234567890" if status == "SHIPPED" else "",
        return_deadline=handed + dt.timedelta(days=7) if handed else None,
        merchant_name="云购便利店" if zh else "CloudMart", merchant_phone="400-820-8820",
        source=Source(source), as_of=as_of,
        modification=order_rules.modification_check(status, pending_request=pending),
        returns=order_rules.return_check(status, handed, now, pending_request=pending),
        lookup_code="4821")


def _my_order_steps(ui: KioskUi) -> list[tuple[str, Callable[[], None]]]:
    """My order: the lookup (empty, typed, refused, throttled), an order in each kind of state, the
    change request (with the keyboard) and the unpaid order's edit, and a return."""
    from PySide6.QtGui import QGuiApplication

    from kiosk.sync.order_lookup import LookupResult, Outcome

    shopper, shell = ui.shopper, ui.shell
    mine = shopper.my_order

    def zh() -> bool:
        return str(shell.property("language")) == "zh_CN"

    def lookup() -> None:
        shopper.help.forget()
        mine.open()

    def typed() -> None:
        mine.typed("0112070042", "48")

    def not_found() -> None:
        mine.typed("0112070042", "4821")
        mine._found(LookupResult(Outcome.NOT_FOUND))

    def throttled() -> None:
        mine._found(LookupResult(Outcome.THROTTLED, retry_after_s=600))

    def order(status: str, **kw: object) -> Callable[[], None]:
        def go() -> None:
            QGuiApplication.inputMethod().hide()
            ui.item("stage").forceActiveFocus()
            mine._throttle_over()
            mine.show_order(sample_order(status, zh=zh(), **kw))  # type: ignore[arg-type]
        return go

    def change() -> None:
        order("ACCEPTED", fulfilment="pickup")()
        mine.openChange()
        mine.setDelivery(True)

    def change_errors() -> None:
        mine.setPhone("12345")
        mine.sendChange()

    def change_keyboard() -> None:
        mine.setPhone("13900139000")
        type_into(ui, "changeAddress")

    def edit() -> None:
        order("PAYMENT_FAILED", source="local", fulfilment="pickup")()
        mine.openChange()
        mine.setDelivery(True)

    def give_back() -> None:
        order("DELIVERED", handed_over_days=2)()
        mine.openReturn()
        mine.setReturnReason("damaged")
        mine.stepLine(0, 1)
        mine.stepLine(0, 1)
        mine.setNote("瓶盖破损" if zh() else "The caps were broken")

    def leave() -> None:
        QGuiApplication.inputMethod().hide()
        mine.forget()
        ui.navigator.home()

    approved = [("modification", "APPROVED", 1000, "已改为送货上门" if zh() else "Now delivered to you")]
    return [
        ("order-lookup", lookup),
        ("order-lookup-typed", typed),
        ("order-lookup-not-found", not_found),
        ("order-lookup-throttled", throttled),
        ("order-accepted", order("ACCEPTED", requests=approved)),
        ("order-pending", order("READY_FOR_PICKUP", fulfilment="pickup",
                                requests=[("modification", "PENDING", 0, "")])),
        ("order-shipped-cached", order("SHIPPED", source="cache", minutes_old=18)),
        ("order-delivered", order("DELIVERED", handed_over_days=2)),
        ("order-window-over", order("PICKED_UP", fulfilment="pickup", handed_over_days=9)),
        ("order-unpaid", order("PAYMENT_FAILED", source="local", fulfilment="pickup")),
        ("order-change", change),
        ("order-change-errors", change_errors),
        ("order-change-keyboard", change_keyboard),
        ("order-edit-unpaid", edit),
        ("order-return", give_back),
        ("order-left", leave),
    ]


def _technician_steps(ui: KioskUi) -> list[tuple[str, Callable[[], None]]]:
    """The PIN pad (typing, a wrong PIN, locked, choosing a new PIN) and every technician page."""
    from kiosk.technician_pin import DEMO_PIN, FREE_TRIES

    entry, services = ui.maintenance.entry, ui.services
    assert services is not None and services.pin is not None
    pin = services.pin

    def keep_language(step: Callable[[], None]) -> Callable[[], None]:
        def go() -> None:
            language = str(ui.shell.property("language"))
            step()  # a wipe (the pad's, entering's) starts the next shopper in the default language
            ui.shell.setLanguage(language)
        return go

    def pad(digits: str = "") -> Callable[[], None]:
        def go() -> None:
            ui.shell.setAccessibility(False, False, False)
            ui.shopper.session.wipe()
            pin.set_pin(DEMO_PIN)  # a clean count: the tour's lock below must not outlive it
            entry._open_pad()
            for digit in digits:
                entry.digit(digit)
        return go

    def wrong() -> None:
        pad("975310")()
        entry.submit()

    def locked() -> None:
        pad()()
        for _ in range(FREE_TRIES):
            for digit in "975310":
                entry.digit(digit)
            entry.submit()

    def enter() -> None:
        pad(DEMO_PIN)()
        entry.submit()

    def page(name: str) -> Callable[[], None]:
        return lambda: entry.showPage(name)

    def choose_pin() -> None:
        entry.showPage("settings")
        entry.changePin()

    def leave() -> None:
        entry.cancel()
        entry.leave()
        pin.set_pin(DEMO_PIN)

    return [
        ("technician-pin", keep_language(pad("2468"))),
        ("technician-pin-wrong", keep_language(wrong)),
        ("technician-pin-locked", keep_language(locked)),
        ("technician-devices", keep_language(enter)),
        ("technician-sync", page("sync")),
        ("technician-orders", page("orders")),
        ("technician-reports", page("analytics")),
        ("technician-settings", page("settings")),
        ("technician-new-pin", choose_pin),
        ("technician-locked", keep_language(leave)),
        *_service_steps(ui),
    ]


def _service_steps(ui: KioskUi) -> list[tuple[str, Callable[[], None]]]:
    """The closed screen (outside opening hours) and the technician's out of service."""
    import dataclasses
    import datetime as dt

    from kiosk.config import HoursConfig

    state = ui.service_state
    config = ui.config

    def closed() -> None:
        hours = HoursConfig(weekly="mon-sun 09:00-21:00")
        state.now = lambda: dt.datetime(2026, 12, 7, 15, 30, tzinfo=dt.UTC)  # 23:30 in Shanghai
        state.set_config(dataclasses.replace(config, hours=hours))

    def out_of_service() -> None:
        state.set_config(config)
        state.now = lambda: dt.datetime.now(dt.UTC)
        state.set_hold(True, "补货中 / Restocking")

    def back() -> None:
        state.set_hold(False)

    return [("closed", closed), ("out-of-service", out_of_service), ("back-in-service", back)]


def type_into(ui: KioskUi, field: str) -> None:
    """Focus a text field as a tap does: the keyboard comes up for it."""
    from PySide6.QtGui import QGuiApplication

    ui.window.requestActivate()  # the keyboard serves the active window only
    ui.item(field).forceActiveFocus()
    QGuiApplication.inputMethod().show()


def _checkout_steps(ui: KioskUi) -> list[tuple[str, Callable[[], None]]]:
    """Cart, pickup or delivery, every payment outcome and the order screen. No store is asked: the
    payment screens are shown as the checkout would report each step."""
    import datetime as dt

    from PySide6.QtGui import QGuiApplication

    from kiosk.checkout import CheckoutUpdate, Phase
    from kiosk.devices.ports import JobOutcome
    from kiosk.orders import Contact

    shopper, nav, shell = ui.shopper, ui.navigator, ui.shell
    pay, form = shopper.payment, shopper.fulfilment
    order_no, total = "K01-1126-0042", 12345

    def contact() -> Contact:
        if shell.property("language") == "zh_CN":
            return Contact("张伟", "13800138000", "北京市朝阳区建国路88号SOHO现代城5号楼1203室")
        return Contact("Emma Li", "13800138000", "Room 1203, Building 5, 88 Jianguo Road, Chaoyang, Beijing")

    def empty_cart() -> None:
        pay.receipt.set_printer_present(True)  # the tour has no devices; its screens show a printer's
        shopper.state.clear_cart()
        nav.home()
        shopper.cart.open()
        shopper.session.showToast("")

    def fill_cart() -> None:
        featured = shopper.catalog.property("featured")
        for row in range(3):
            shopper.catalog.openProduct(int(featured.raw(row).id))
            shopper.product.addToCart()
        shopper.cart.open()
        shopper.cart.increase(0)
        shopper.session.showToast("")

    def delivery_errors() -> None:
        form.setDelivery(True)
        form.setName(contact().name)
        form.setPhone("12345")
        form.setAddress("")
        form.pay("wechat")

    def keyboard(field: str) -> Callable[[], None]:
        def go() -> None:
            form.setPhone(contact().phone)
            type_into(ui, field)
        return go

    def step(phase: Phase, method: str = "wechat", **fields: object) -> Callable[[], None]:
        def go() -> None:
            QGuiApplication.inputMethod().hide()
            ui.item("stage").forceActiveFocus()
            delivery = bool(form.property("delivery"))
            update = CheckoutUpdate(phase, "tour", order_no, total, "CNY", **fields)  # type: ignore[arg-type]
            pay.preview("delivery" if delivery else "pickup", contact(), method, update)
        return go

    def pickup() -> None:
        form.setDelivery(False)
        step(Phase.PAID, "alipay", receipt=JobOutcome.PRINTED, order_page=order_page)()

    def e_receipt() -> None:
        pickup()
        pay.receipt.setOnPhone(True)

    def declined_help() -> None:
        step(Phase.DECLINED, payment_ref=payment_ref)()
        ui.item("paymentProblemScreen").setProperty("helpOpen", True)

    def printer_out() -> None:
        pay.receipt.printer_status("error", ["paper_out"])
        fill_cart()
        shopper.cart.checkout()

    def done_printer_out() -> None:
        step(Phase.PAID, receipt=JobOutcome.NOT_PRINTED, order_page=order_page)()
        pay.receipt.printer_status("ready", [])  # paper back in: the order screen keeps what it said

    expires = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=2)
    code_url = "http://127.0.0.1:8765/pay/3f2a9c7e5b1d4c8e9f6a2d4b8e1c0a7f"
    order_page = "http://127.0.0.1:8765/o/5b0e4c1a-7d2f-4e8b-9a61-c3f0d2e4b7a9"
    payment_ref = "pay_8c41d7e09b2a5f63e1d0c4b7"
    return [
        ("cart-empty", empty_cart),
        ("cart", fill_cart),
        ("fulfilment", shopper.cart.checkout),
        ("fulfilment-delivery-errors", delivery_errors),
        ("fulfilment-keyboard-name", keyboard("deliveryName")),
        ("fulfilment-keyboard-phone", keyboard("deliveryPhone")),
        ("fulfilment-keyboard", keyboard("deliveryAddress")),
        ("payment-preparing", step(Phase.PREPARING)),
        ("payment", step(Phase.AWAITING_PAYMENT, code_url=code_url, expires_at=expires)),
        ("payment-store-gone", step(Phase.AWAITING_PAYMENT, code_url=code_url, expires_at=expires,
                                    detail="ConnectError")),
        ("payment-checking", step(Phase.CHECKING)),
        ("payment-declined", step(Phase.DECLINED, payment_ref=payment_ref)),
        ("payment-declined-help", declined_help),
        ("payment-unavailable", step(Phase.UNAVAILABLE)),
        ("payment-unknown", step(Phase.UNKNOWN, payment_ref=payment_ref)),
        ("cart-cancelled", step(Phase.CANCELLED)),
        ("done-delivery", step(Phase.PAID, receipt=JobOutcome.NOT_PRINTED, order_page=order_page)),
        ("done-pickup", pickup),
        ("done-e-receipt", e_receipt),
        ("fulfilment-printer-out", printer_out),
        ("payment-printer-out", step(Phase.AWAITING_PAYMENT, code_url=code_url, expires_at=expires)),
        ("done-printer-out", done_printer_out),
    ]


def _accessible_checkout_steps(ui: KioskUi) -> list[tuple[str, Callable[[], None]]]:
    """Large text, high contrast and reach mode on the cart, the delivery form and the QR."""
    shopper = ui.shopper
    steps = dict(_checkout_steps(ui))

    def cart() -> None:
        shopper.product.addToCart()
        shopper.cart.open()
        shopper.session.showToast("")

    def delivery() -> None:
        shopper.cart.checkout()
        steps["fulfilment-delivery-errors"]()

    return [("accessible-cart", cart), ("accessible-delivery", delivery),
            ("accessible-payment", steps["payment"]), ("accessible-done", steps["done-delivery"])]


def run_tour(out_dir: Path, languages: Sequence[str] = LANGUAGES,
             orientations: Sequence[str] = ORIENTATIONS, only: Sequence[str] | None = None,
             services: Services | None = None) -> list[Shot]:
    """Render the tour into `out_dir`; `only` limits it to some shot names (a quicker check)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots: list[Shot] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-tour-") as tmp:
        own = services is None
        if services is None:
            config = load_config(environ={}, overrides={"data_dir": tmp, "demo": True})
            services = build_services(config, data_paths(config), with_devices=False, with_store=False)
        try:
            for orientation in orientations:
                config = load_config(environ={}, overrides={
                    "data_dir": str(services.paths.root), "demo": True, "ui": {"orientation": orientation}})
                ui = KioskUi(config, services.events)
                try:
                    ui.attach(services)
                    ui.window.resize(*((1080, 1920) if orientation == "portrait" else (1920, 1080)))
                    ui.window.show()
                    tour = Tour(ui, out_dir)
                    tour.pump(0.3)  # the keyboard loads after the first frame
                    give_up = time.monotonic() + 30
                    while not ui.shopper.catalog.property("loaded"):
                        if time.monotonic() > give_up:
                            raise TimeoutError("the catalog did not load; see the log")
                        tour.pump(0.05)
                    for language in languages:
                        ui.shopper.session.wipe()
                        ui.shell.setLanguage(language)
                        for name, step in _steps(ui):
                            step()
                            if only is None or name in only:
                                tour.shoot(name)
                            else:  # what the step set off (a queued call of the screen) runs on its screen
                                tour.pump(0.02)
                        ui.shopper.session.wipe()
                    shots.extend(tour.shots)
                finally:
                    ui.close()
                    process_events()
        finally:
            if own:
                services.close()
    return shots


def missing_glyphs(shots: Iterable[Shot]) -> dict[str, set[str]]:
    """Characters shown that the shipped font cannot draw, by shot file name."""
    covered = font_characters()
    return {s.path.name: missing for s in shots if (missing := s.characters() - covered)}


def main(out_dir: Path) -> int:
    shots = run_tour(out_dir)
    for shot in shots:
        print(shot.path)
    missing = missing_glyphs(shots)
    for name, chars in missing.items():
        print(f"{name}: no glyph for {''.join(sorted(chars))!r}")
    for shot in shots:
        if shot.cut_labels:
            print(f"{shot.path.name}: button labels cut short: {shot.cut_labels}")
    note = f"; {len(missing)} with missing glyphs" if missing else ""
    print(f"{len(shots)} screenshots in {out_dir}{note}")
    return 1 if missing else 0


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        print("usage: python -m kiosk.ui.tour DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
