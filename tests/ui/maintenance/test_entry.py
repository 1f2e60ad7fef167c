"""The way into the technician area: the hidden gesture, the PIN pad, the lockout, the auto-lock, and
every other path tried — none of them opens the area without the PIN."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk.technician_pin import DEMO_PIN, FIRST_LOCK_S, FREE_TRIES
from kiosk.ui.app import KioskUi
from tests.ui.conftest import tap
from tests.ui.maintenance.conftest import corner_taps, enter, type_pin

pytestmark = pytest.mark.gui


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def audit(ui: KioskUi) -> list[tuple[str, str, str]]:
    assert ui.services is not None
    return [(e.action, e.result, e.detail) for e in reversed(ui.services.audit.recent(50))]  # type: ignore[union-attr]


def product_gtin(ui: KioskUi) -> str:
    assert ui.services is not None
    with sqlite3.connect(ui.services.paths.database) as conn:
        (code,) = conn.execute("SELECT gtin FROM product_barcodes LIMIT 1").fetchone()
    return str(code)


def state(ui: KioskUi) -> str:
    return str(ui.maintenance.entry.property("state"))


def test_five_corner_taps_and_the_pin_open_the_area_and_lock_closes_it(qtbot: Any, kiosk_ui: KioskUi) -> None:
    assert kiosk_ui.navigator.screen == "attract"
    corner_taps(qtbot, kiosk_ui, 4)
    assert state(kiosk_ui) == "closed"  # four taps are not the gesture
    corner_taps(qtbot, kiosk_ui, 1)
    qtbot.waitUntil(lambda: state(kiosk_ui) == "pin")
    assert kiosk_ui.item("pinPad").isVisible()
    type_pin(qtbot, kiosk_ui, DEMO_PIN)
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "maintenance")
    assert kiosk_ui.item("maintenanceScreen").isVisible()
    tap(qtbot, kiosk_ui, kiosk_ui.item("maintenanceLock"))
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "attract")
    assert state(kiosk_ui) == "closed"
    assert [a[:2] for a in audit(kiosk_ui)] == [("maintenance.pin_pad", "ok"), ("maintenance.enter", "ok"),
                                              ("maintenance.lock", "ok")]
    assert audit(kiosk_ui)[-1][2] == "left"


def test_slow_taps_or_a_tap_elsewhere_are_not_the_gesture(qtbot: Any, kiosk_ui: KioskUi) -> None:
    clock = Clock()
    kiosk_ui.maintenance.entry.clock = clock
    for _ in range(5):
        corner_taps(qtbot, kiosk_ui, 1)
        clock.now += 1.0  # five taps over 5 s: more than the 3 s the gesture allows
    assert state(kiosk_ui) == "closed"
    clock.now += 10
    corner_taps(qtbot, kiosk_ui, 3)
    qtbot.mouseClick(kiosk_ui.window, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    corner_taps(qtbot, kiosk_ui, 2)
    assert state(kiosk_ui) == "closed"


def test_the_pad_shows_no_digits_and_a_wrong_pin_says_how_many_tries_are_left(qtbot: Any,
                                                                            kiosk_ui: KioskUi) -> None:
    corner_taps(qtbot, kiosk_ui)
    qtbot.waitUntil(lambda: state(kiosk_ui) == "pin")
    type_pin(qtbot, kiosk_ui, "97531", submit=False)
    assert kiosk_ui.maintenance.entry.property("entered") == 5
    texts = [str(kiosk_ui.item(n).property("text")) for n in ("pinTitle", "pinMessage")]
    assert not any("97531" in t for t in texts)
    tap(qtbot, kiosk_ui, kiosk_ui.item("pinKey_ok"))
    qtbot.waitUntil(lambda: "4" in str(kiosk_ui.item("pinMessage").property("text")))
    assert kiosk_ui.navigator.screen == "attract"
    assert audit(kiosk_ui)[-1][:2] == ("maintenance.pin", "failed")


def test_five_wrong_pins_lock_the_pad_and_the_lock_survives_a_restart(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory(ui={"language": "en_US"})  # the pad's words are checked in English
    corner_taps(qtbot, ui)
    qtbot.waitUntil(lambda: state(ui) == "pin")
    for _ in range(FREE_TRIES):
        type_pin(qtbot, ui, "975310")
    qtbot.waitUntil(lambda: ui.maintenance.entry.property("lockedSeconds") > 0)
    assert not ui.item("pinKey_1").isEnabled()
    type_pin(qtbot, ui, DEMO_PIN)  # the keys are dead while locked: the right PIN does nothing
    assert ui.navigator.screen == "attract"
    assert audit(ui)[-1][:2] == ("maintenance.pin", "refused")
    assert ui.services is not None
    data_dir = ui.services.paths.root
    ui.services.close()  # the kiosk stops (its window goes with the fixture)

    again = kiosk_factory(ui={"language": "en_US"})  # a restart over the same data dir
    assert again.services is not None and again.services.paths.root == data_dir
    corner_taps(qtbot, again)
    qtbot.waitUntil(lambda: state(again) == "pin")
    assert 0 < again.maintenance.entry.property("lockedSeconds") <= FIRST_LOCK_S
    assert "Try again" in str(again.item("pinMessage").property("text"))
    again.maintenance.entry.digit("2")
    assert again.maintenance.entry.property("entered") == 0


def test_the_area_locks_itself_after_the_idle_time(qtbot: Any, kiosk_ui: KioskUi) -> None:
    clock = Clock()
    kiosk_ui.maintenance.entry.clock = clock
    enter(qtbot, kiosk_ui)
    clock.now += kiosk_ui.config.maintenance.idle_lock_s - 1
    kiosk_ui.maintenance.entry.tick()
    assert kiosk_ui.navigator.screen == "maintenance"
    tap(qtbot, kiosk_ui, kiosk_ui.item("maintenanceTab_sync"))  # a touch starts the quiet time afresh
    clock.now += kiosk_ui.config.maintenance.idle_lock_s - 1
    kiosk_ui.maintenance.entry.tick()
    assert kiosk_ui.navigator.screen == "maintenance"
    clock.now += 1
    kiosk_ui.maintenance.entry.tick()
    assert kiosk_ui.navigator.screen == "attract" and state(kiosk_ui) == "closed"
    assert audit(kiosk_ui)[-1] == ("maintenance.lock", "ok", "idle")


def test_entering_ends_the_shopper_session(qtbot: Any, kiosk_ui: KioskUi) -> None:
    catalog = kiosk_ui.shopper.catalog
    catalog.openProduct(int(catalog.property("featured").raw(0).id))
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "product")
    tap(qtbot, kiosk_ui, kiosk_ui.item("addToCart"))
    assert kiosk_ui.shopper.session.property("cartCount") == 1
    enter(qtbot, kiosk_ui)
    assert kiosk_ui.shopper.session.property("cartCount") == 0
    assert kiosk_ui.navigator.stack == ["maintenance"]


def test_no_other_path_opens_the_area(qtbot: Any, kiosk_ui: KioskUi) -> None:
    """Esc, back, home, a second gesture, a scan, a language switch, the shopper idle time and the
    pad's own idle time: none of them gets past the PIN pad."""
    ui = kiosk_ui
    corner_taps(qtbot, ui)
    qtbot.waitUntil(lambda: state(ui) == "pin")
    type_pin(qtbot, ui, DEMO_PIN[:3], submit=False)
    qtbot.keyClick(ui.window, Qt.Key.Key_Escape)
    qtbot.keyClick(ui.window, Qt.Key.Key_Return)
    qtbot.keyClick(ui.window, Qt.Key.Key_Back)
    ui.navigator.back()
    ui.navigator.home()
    corner_taps(qtbot, ui)  # a second gesture over the pad
    before = ui.navigator.screen
    ui.bridge.published.emit("device.scan", {"ok": True, "gtin": "", "data": DEMO_PIN})
    ui.bridge.published.emit("device.scan", {"ok": True, "gtin": product_gtin(ui), "data": ""})
    assert ui.navigator.screen == before  # a real product's code does not open it under the pad
    ui.shell.setProperty("language", "en_US")
    ui.shell.setProperty("language", "zh_CN")
    with pytest.raises(ValueError):
        ui.navigator.push("maintenance")  # QML's only navigation slot refuses the technician screen
    # and the way in that the PIN uses is no slot: QML cannot call it
    assert ui.navigator.metaObject().indexOfMethod("enterMaintenance()") == -1
    assert ui.navigator.metaObject().indexOfMethod("reset()") >= 0  # (the lookup itself works)
    assert ui.navigator.screen != "maintenance" and state(ui) in ("pin", "closed")

    # the shopper idle time runs out under the pad: the pad closes, nothing opens
    ui.shopper.idle.expired.emit()
    assert ui.navigator.screen == "attract"
    clock = Clock()
    ui.maintenance.entry.clock = clock
    corner_taps(qtbot, ui)
    qtbot.waitUntil(lambda: state(ui) == "pin")
    clock.now += 31
    ui.maintenance.entry.tick()
    assert state(ui) == "closed" and ui.navigator.screen == "attract"
    assert not any(a[0] == "maintenance.enter" for a in audit(ui))


def test_the_shopper_idle_wipe_closes_an_open_pad(qtbot: Any, kiosk_ui: KioskUi) -> None:
    corner_taps(qtbot, kiosk_ui)
    qtbot.waitUntil(lambda: state(kiosk_ui) == "pin")
    kiosk_ui.shopper.session.wipe()
    assert state(kiosk_ui) == "closed"


def test_a_new_kiosk_outside_demo_mode_asks_for_a_pin_first(qtbot: Any,
                                                           kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory(demo=False, ui={"language": "en_US"})
    qtbot.waitUntil(lambda: state(ui) == "setPin")
    assert not ui.item("pinCancel").isVisible()  # the first PIN cannot be skipped
    type_pin(qtbot, ui, "123456")  # too easy
    assert "6 to 12 digits" in str(ui.item("pinMessage").property("text"))
    type_pin(qtbot, ui, "583920")
    type_pin(qtbot, ui, "583921")  # differs
    assert "differ" in str(ui.item("pinMessage").property("text"))
    type_pin(qtbot, ui, "583920")
    type_pin(qtbot, ui, "583920")
    qtbot.waitUntil(lambda: ui.navigator.screen == "maintenance")
    tap(qtbot, ui, ui.item("maintenanceLock"))
    enter(qtbot, ui, "583920")
    assert [a[0] for a in audit(ui)] == ["maintenance.pin_set", "maintenance.lock", "maintenance.pin_pad",
                                         "maintenance.enter"]
    assert ui.services is not None
    with sqlite3.connect(ui.services.paths.database) as conn:
        (stored,) = conn.execute("SELECT value FROM settings WHERE key='technician.pin_hash'").fetchone()
    assert str(stored).startswith("$argon2id$") and "583920" not in str(stored)


def test_a_technician_changes_the_pin_from_inside(qtbot: Any, kiosk_ui: KioskUi) -> None:
    enter(qtbot, kiosk_ui)
    kiosk_ui.maintenance.entry.changePin()
    qtbot.waitUntil(lambda: state(kiosk_ui) == "setPin")
    assert kiosk_ui.item("pinCancel").isVisible()
    type_pin(qtbot, kiosk_ui, "740361")
    type_pin(qtbot, kiosk_ui, "740361")
    qtbot.waitUntil(lambda: state(kiosk_ui) == "open")
    tap(qtbot, kiosk_ui, kiosk_ui.item("maintenanceLock"))
    corner_taps(qtbot, kiosk_ui)
    qtbot.waitUntil(lambda: state(kiosk_ui) == "pin")
    type_pin(qtbot, kiosk_ui, DEMO_PIN)
    assert kiosk_ui.navigator.screen == "attract"  # the old PIN no longer opens it
    type_pin(qtbot, kiosk_ui, "740361")
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "maintenance")
    assert ("maintenance.pin_set", "ok", "") in audit(kiosk_ui)


def test_a_pin_removed_under_a_running_kiosk_is_chosen_anew(qtbot: Any, kiosk_ui: KioskUi) -> None:
    assert kiosk_ui.services is not None and kiosk_ui.services.pin is not None
    kiosk_ui.services.pin.forget()
    corner_taps(qtbot, kiosk_ui)
    qtbot.waitUntil(lambda: state(kiosk_ui) == "setPin")
    assert kiosk_ui.navigator.screen != "maintenance" and not kiosk_ui.item("pinCancel").isVisible()


def session_events(ui: KioskUi) -> list[tuple[str, str]]:
    assert ui.services is not None and ui.services.session_events is not None
    assert ui.services.session_events.flush()
    with sqlite3.connect(ui.services.paths.database) as conn:
        return [(str(s), str(k)) for s, k in conn.execute("SELECT session_id, kind FROM session_events")]


def test_the_gesture_s_taps_are_no_shopper_session_in_the_funnel(qtbot: Any, kiosk_ui: KioskUi) -> None:
    # on a real screen the gesture's first tap takes the attract screen home, as any tap there does,
    # and that starts a "session" no shopper had
    tap(qtbot, kiosk_ui, kiosk_ui.item("attractScreen"))
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "home")
    enter(qtbot, kiosk_ui)
    assert session_events(kiosk_ui) == []
    tap(qtbot, kiosk_ui, kiosk_ui.item("maintenanceLock"))

    # a shopper who looked at a product is a session, whoever comes to the kiosk next
    catalog = kiosk_ui.shopper.catalog
    catalog.openProduct(int(catalog.property("featured").raw(0).id))
    qtbot.waitUntil(lambda: kiosk_ui.navigator.screen == "product")
    enter(qtbot, kiosk_ui)
    assert sorted(kind for _, kind in session_events(kiosk_ui)) == ["product_viewed", "session"]
