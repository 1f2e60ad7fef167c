"""The order screen and its request screens by touch, on orders as a lookup returns them: the rules'
answer in plain words (shipped: locked, with the merchant's phone; handed over: a return until the
window ends, then the date it ended), an answer from the cache with its age, the change form checked
with the delivery form's messages and the new fee shown before anything is sent, and the return form's
steppers bounded by what was bought."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.config import store_timezone
from kiosk.ui.app import KioskUi
from kiosk.ui.tour import missing_glyphs, run_tour, sample_order
from tests.ui.conftest import prop, tap

pytestmark = pytest.mark.gui


def show(qtbot: Any, ui: KioskUi, status: str, **kw: Any) -> None:
    ui.shell.setProperty("language", "en_US")
    ui.navigator.push("home")
    ui.shopper.my_order.show_order(sample_order(status, zh=False, **kw))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order")
    qtbot.waitUntil(lambda: bool(prop(ui, "orderScreen", "visible")))


def visible(ui: KioskUi, name: str) -> bool:
    try:
        return ui.item(name).isVisible()
    except LookupError:
        return False


def test_a_shipped_order_is_locked_with_the_reason_and_the_merchant(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    show(qtbot, ui, "SHIPPED", source="cache", minutes_old=18)
    assert prop(ui, "orderStatus", "text") == "Shipped"
    locked = prop(ui, "orderLocked", "text")
    assert "has shipped" in locked and "refuse the parcel" in locked and "400-820-8820" in locked
    assert "(18 min ago): the store cannot be reached" in prop(ui, "orderStale", "text")
    steps = [step["what"] for step in ui.shopper.my_order.property("timeline")]
    assert steps[-1] == "Shipped, tracking number SF1234567890"
    for name in ("orderEdit", "orderRequestChange", "orderReturn"):
        assert not visible(ui, name), name
    assert visible(ui, "orderRefresh") and visible(ui, "orderDone")
    tap(qtbot, ui, ui.item("orderDone"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    assert not ui.shopper.my_order.property("hasOrder")


def test_handed_over_a_return_until_the_window_ends(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    show(qtbot, ui, "DELIVERED", handed_over_days=2)
    assert visible(ui, "orderReturn") and not visible(ui, "orderRequestChange")
    assert "you can request a return" in prop(ui, "orderLocked", "text")
    assert "until" in prop(ui, "orderReturnNote", "text")
    order = ui.shopper.my_order.order
    assert order is not None and order.returns.deadline is not None
    show(qtbot, ui, "PICKED_UP", fulfilment="pickup", handed_over_days=9)
    qtbot.waitUntil(lambda: not visible(ui, "orderReturn"))
    ended = ui.shopper.my_order.order
    assert ended is not None and ended.returns.deadline is not None
    note = prop(ui, "orderReturnNote", "text")
    deadline = ended.returns.deadline.replace(tzinfo=dt.UTC).astimezone(store_timezone(ui.config.identity))
    assert note == f"The return window ended on {deadline:%Y-%m-%d}, so a return can no longer be requested."
    assert "request a return" not in prop(ui, "orderLocked", "text")


def test_requests_show_their_state_the_note_and_the_fee(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    show(qtbot, ui, "ACCEPTED", requests=[("modification", "APPROVED", 1000, "Now delivered to you"),
                                          ("modification", "REJECTED", -1000, "Too late, sorry")])
    requests = ui.shopper.my_order.property("requests")
    assert [r["state"] for r in requests] == ["Approved", "Rejected"]
    assert requests[0]["fee"] == "+CN¥10.00 delivery fee to pay on delivery"
    assert requests[0]["note"] == "The store's note: Now delivered to you"
    assert requests[1]["fee"] == ""  # a rejected change costs nothing
    assert prop(ui, "orderRequestState_0", "text").startswith("Approved")
    assert visible(ui, "orderRequestChange")
    show(qtbot, ui, "READY_FOR_PICKUP", fulfilment="pickup", requests=[("modification", "PENDING", 0, "")])
    qtbot.waitUntil(lambda: not visible(ui, "orderRequestChange"))
    assert prop(ui, "orderLocked", "text") == "Your change request is waiting for the store."


def test_the_change_form_checks_before_sending_and_shows_the_fee(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    mine = ui.shopper.my_order
    show(qtbot, ui, "ACCEPTED", fulfilment="pickup")
    tap(qtbot, ui, ui.item("orderRequestChange"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "orderChange")
    qtbot.waitUntil(lambda: bool(prop(ui, "orderChangeScreen", "visible")))
    # nothing typed, nothing chosen: nothing to ask for, and the store is not asked
    tap(qtbot, ui, ui.item("changeSend"))
    qtbot.waitUntil(lambda: "Nothing is changed yet" in prop(ui, "changeMessage", "text"))
    assert not mine.property("busy")
    tap(qtbot, ui, ui.item("changeDelivery"))
    qtbot.waitUntil(lambda: prop(ui, "changeFee", "text") == "+CN¥10.00 delivery fee to pay on delivery")
    mine.setPhone("12345")
    tap(qtbot, ui, ui.item("changeSend"))
    qtbot.waitUntil(lambda: bool(prop(ui, "changePhoneError", "visible")))
    assert "11-digit" in prop(ui, "changePhoneError", "text")
    assert ui.navigator.screen == "orderChange"
    tap(qtbot, ui, ui.item("changePickup"))
    qtbot.waitUntil(lambda: "no change" in prop(ui, "changeFee", "text"))
    tap(qtbot, ui, ui.item("backButton"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "order")


def test_the_send_button_stays_above_the_keyboard(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    show(qtbot, ui, "ACCEPTED")
    tap(qtbot, ui, ui.item("orderRequestChange"))
    qtbot.waitUntil(lambda: bool(prop(ui, "orderChangeScreen", "visible")))
    qtbot.waitUntil(lambda: bool(ui.item("keyboardLoader").property("item")))
    tap(qtbot, ui, ui.item("changeAddress"))
    qtbot.waitUntil(lambda: bool(ui.item("inputPanel").property("active")))
    panel = ui.item("inputPanel")
    send = ui.item("changeSend")
    qtbot.waitUntil(lambda: send.mapToScene(send.boundingRect().bottomLeft()).y()
                    <= panel.mapToScene(panel.boundingRect().topLeft()).y() + 1)
    assert send.isVisible()


def test_the_return_form_counts_within_what_was_bought(qtbot: Any, kiosk_ui: KioskUi) -> None:
    ui = kiosk_ui
    mine = ui.shopper.my_order
    show(qtbot, ui, "DELIVERED", handed_over_days=1)
    tap(qtbot, ui, ui.item("orderReturn"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "orderReturn")
    qtbot.waitUntil(lambda: bool(prop(ui, "orderReturnScreen", "visible")))
    tap(qtbot, ui, ui.item("returnSend"))  # no reason, no item
    qtbot.waitUntil(lambda: prop(ui, "returnMessage", "text") == "Please choose a reason.")
    tap(qtbot, ui, ui.item("returnReason_damaged"))
    tap(qtbot, ui, ui.item("returnSend"))
    qtbot.waitUntil(lambda: "at least one item" in prop(ui, "returnMessage", "text"))
    bought = mine.property("returnLines")[2]["bought"]
    for _ in range(bought + 2):
        tap(qtbot, ui, ui.item("returnMore_2"))
    qtbot.waitUntil(lambda: prop(ui, "returnCount_2", "text") == f"{bought} / {bought}")
    for _ in range(bought + 1):
        tap(qtbot, ui, ui.item("returnLess_2"))
    qtbot.waitUntil(lambda: prop(ui, "returnCount_2", "text") == f"0 / {bought}")
    tap(qtbot, ui, ui.item("returnKindExchange"))
    assert mine.property("returnKind") == "exchange"


MY_ORDER_SHOTS = ("order-lookup-throttled", "order-accepted", "order-shipped-cached", "order-change-keyboard",
                  "order-edit-unpaid", "order-return")


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_tour_renders_my_order_screens_whole(qtbot: Any, tmp_path: Path, orientation: str) -> None:
    shots = run_tour(tmp_path, orientations=(orientation,), only=MY_ORDER_SHOTS)
    assert len(shots) == 2 * len(MY_ORDER_SHOTS)
    for shot in shots:
        image = QImage(str(shot.path))
        assert image.width() > 0 and len({image.pixel(x, y) for x in range(0, image.width(), 16)
                                          for y in range(0, image.height(), 16)}) > 8, shot.path.name
        assert shot.cut_labels == [], f"{shot.path.name}: button labels cut short"
    assert missing_glyphs(shots) == {}
    by_name = {shot.path.name: shot for shot in shots}
    shipped = by_name[f"{orientation}-en_US-order-shipped-cached.png"]
    assert any("the store cannot be reached" in text for text in shipped.texts)
    assert "Shipped" in shipped.texts and any("has shipped" in text for text in shipped.texts)
    assert "Shipped, tracking number SF1234567890" in shipped.texts
