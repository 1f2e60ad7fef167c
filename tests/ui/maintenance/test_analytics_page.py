"""The reports page on the real kiosk: a shopper's steps recorded as anonymous session events, then the
technician's figures, QtGraphs charts and CSV export from the same database, by touch."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.analytics import read_csv
from kiosk.db.models import AuditEntry, Order, Product, SessionEvent
from kiosk.money import Money, format_money
from kiosk.orders import CartLine, Contact, PaymentRecord
from kiosk.technician.export_folders import export_folders
from kiosk.ui.app import KioskUi
from tests.ui.conftest import prop, tap
from tests.ui.maintenance.conftest import enter

pytestmark = pytest.mark.gui

PHONE = "13912345678"


def shop_a_product(qtbot: Any, ui: KioskUi) -> int:
    """Attract → home → a best seller → into the cart, by touch; returns the product id."""
    tap(qtbot, ui, ui.item("attractScreen"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "home")
    qtbot.waitUntil(lambda: prop(ui, "featuredCard_0", "visible") is not None)
    tap(qtbot, ui, ui.item("featuredCard_0"))
    qtbot.waitUntil(lambda: ui.navigator.screen == "product")
    tap(qtbot, ui, ui.item("addToCart"))
    qtbot.waitUntil(lambda: ui.shopper.state.item_count == 1)
    return int(ui.shopper.product.property("productId"))


def events(ui: KioskUi) -> list[tuple[str, str, str]]:
    assert ui.services is not None and ui.services.session_events is not None
    assert ui.services.session_events.flush()
    with ui.services.db.read() as session:
        return [(e.session_id, e.kind, e.subject)
                for e in session.scalars(select(SessionEvent).order_by(SessionEvent.id))]


def paid_orders(ui: KioskUi, count: int) -> list[Order]:
    """Paid orders through the kiosk's own order book (now: today's), two by the same phone."""
    assert ui.services is not None
    book = ui.services.orders
    with ui.services.db.read() as session:
        products = session.scalars(select(Product).order_by(Product.id).limit(3)).all()
        lines = [CartLine(sku=p.sku, name_zh=p.name_zh, name_en=p.name_en, unit_price_minor=p.price_minor,
                          quantity=1 + i % 2, product_id=p.id) for i, p in enumerate(products)]
    made = []
    for i in range(count):
        order = book.create_pending(lines[: 1 + i % 3], contact=Contact(phone=PHONE) if i < 2 else None)
        made.append(book.mark_paid(order.order_uuid, PaymentRecord("wechat", f"pay-{i}")))
    return made


def test_a_shopper_s_steps_are_recorded_without_personal_data(qtbot: Any,
                                                              kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    product_id = shop_a_product(qtbot, ui)
    rows = events(ui)
    assert [(kind, subject) for _, kind, subject in rows] == [
        ("session", ""), ("product_viewed", str(product_id)), ("added_to_cart", str(product_id))]
    first = rows[0][0]
    assert len({sid for sid, _, _ in rows}) == 1 and len(first) == 32
    # the session ends with the wipe; the next shopper's first touch is a new session
    ui.shopper.session.wipe()
    shop_a_product(qtbot, ui)
    later = events(ui)[3:]
    assert [kind for _, kind, _ in later] == ["session", "product_viewed", "added_to_cart"]
    assert later[0][0] != first
    # nothing but random ids, step names and product ids
    assert all(subject == "" or subject.isdigit() for _, _, subject in events(ui))


def test_the_reports_page_draws_the_figures_and_exports_them(qtbot: Any, tmp_path: Path,
                                                             kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    shop_a_product(qtbot, ui)
    orders = paid_orders(ui, 4)
    total = sum(o.total_minor for o in orders)
    assert orders[0].shopper_hash and orders[0].shopper_hash == orders[1].shopper_hash
    assert PHONE not in orders[0].shopper_hash

    enter(qtbot, ui, language="zh_CN")  # money in the Chinese format
    page = ui.maintenance.analytics
    stick = tmp_path / "media" / "REPORTS"
    stick.mkdir(parents=True)
    assert ui.services is not None
    exports = ui.services.paths.exports
    page.list_folders = lambda: export_folders(exports, roots=(tmp_path / "media",), require_mount=False)
    tap(qtbot, ui, ui.item("maintenanceTab_analytics"))
    qtbot.waitUntil(lambda: page.property("hasReport") and not page.property("busy"), timeout=5000)

    assert prop(ui, "analyticsFigureValue_sales", "text") == format_money(Money(total, "CNY"), "zh_CN")
    assert prop(ui, "analyticsFigureValue_orders", "text") == "4"
    assert prop(ui, "analyticsFigureValue_aov", "text") == format_money(Money(total // 4, "CNY"), "zh_CN")
    assert prop(ui, "analyticsFigureValue_repeat", "text").startswith("1 ")  # one phone, two orders
    # the charts are QtGraphs' own, fed the figures
    for chart in ("analyticsByHour", "analyticsByDay", "analyticsByCategory", "analyticsFunnel"):
        assert prop(ui, chart + "Graph", "visible")
    assert sum(page.property("hourValues")) == pytest.approx(total / 100)
    assert sum(page.property("dayValues")) == pytest.approx(total / 100)
    funnel = page.property("funnelValues")
    assert funnel[:3] == [1, 1, 1] and all(a >= b for a, b in itertools.pairwise(funnel))
    assert prop(ui, "analyticsTop_1", "visible")

    # the period by touch
    tap(qtbot, ui, ui.item("analyticsPeriod_today"))
    qtbot.waitUntil(lambda: page.property("period") == "today" and not page.property("busy"))
    assert prop(ui, "analyticsFigureValue_orders", "text") == "4"

    # CSV export to the "stick", by touch
    qtbot.waitUntil(lambda: prop(ui, "analyticsExportTo_0", "text") == "REPORTS")
    button = ui.item("analyticsExportTo_0")
    flick = ui.item("analyticsFlick")  # scrolled to the end, as a finger would
    flick.setProperty("contentY", max(0.0, flick.property("contentHeight") - flick.property("height")))
    tap(qtbot, ui, button)
    qtbot.waitUntil(lambda: "REPORTS" in str(page.property("exportMessage"))
                    and not page.property("exporting"), timeout=5000)
    assert page.property("exportOk")
    files = sorted(os.listdir(stick))
    assert len(files) == 6 and all(name.startswith("K01-") and name.endswith(".csv") for name in files)
    by_hour = read_csv(next(stick / f for f in files if "sales_by_hour" in f))
    assert sum(round(float(row[2]) * 100) for row in by_hour[1:]) == total
    assert (stick / next(f for f in files if "summary" in f)).read_bytes().startswith(b"\xef\xbb\xbf")
    with ui.services.db.read() as session:
        actions = [(e.action, e.result) for e in session.scalars(select(AuditEntry))]
    assert ("reports.export", "ok") in actions and ("reports.period", "ok") in actions


def test_a_failed_export_says_so_and_the_technician_can_try_again(
        qtbot: Any, tmp_path: Path, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    paid_orders(ui, 1)
    enter(qtbot, ui)
    page = ui.maintenance.analytics
    stick = tmp_path / "media" / "GONE"
    stick.mkdir(parents=True)
    assert ui.services is not None
    exports = ui.services.paths.exports
    page.list_folders = lambda: export_folders(exports, roots=(tmp_path / "media",), require_mount=False)
    tap(qtbot, ui, ui.item("maintenanceTab_analytics"))
    qtbot.waitUntil(lambda: page.property("hasReport") and prop(ui, "analyticsExportTo_0", "text") == "GONE")
    stick.rmdir()  # the stick was pulled out after the buttons were listed
    flick = ui.item("analyticsFlick")
    flick.setProperty("contentY", max(0.0, flick.property("contentHeight") - flick.property("height")))
    tap(qtbot, ui, ui.item("analyticsExportTo_0"))
    qtbot.waitUntil(lambda: not page.property("exporting") and not page.property("exportOk"), timeout=5000)
    message = prop(ui, "analyticsExportMessage", "text")
    assert "GONE" in message and prop(ui, "analyticsExportMessage", "visible")
    with ui.services.db.read() as session:
        audited = [(e.action, e.result) for e in session.scalars(select(AuditEntry))]
    assert ("reports.export", "failed") in audited
    # the way back: look for sticks again, and write to the kiosk's own folder instead
    tap(qtbot, ui, ui.item("analyticsReloadFolders"))
    qtbot.waitUntil(lambda: prop(ui, "analyticsExportTo_1", "text") is None)
    tap(qtbot, ui, ui.item("analyticsExportTo_0"))
    qtbot.waitUntil(lambda: not page.property("exporting") and page.property("exportOk"), timeout=5000)
    assert len(list(exports.glob("K01-*.csv"))) == 6


def test_a_whole_paid_run_reaches_every_step_of_the_funnel(qtbot: Any, tmp_path: Path) -> None:
    """Against the real reference store and the simulated printer: QR shown, paid by phone, receipt
    printed; the heartbeat carries the day's funnel."""
    from kiosk.session_events import funnel_days
    from kiosk.sync.heartbeat import build_heartbeat
    from kiosk.sync.protocol import FUNNEL_STEPS
    from kiosk.ui.demo.payment import phone_action
    from tests.ui.test_checkout_flow import demo_store, fill_cart, shops, to_payment

    with demo_store(tmp_path / "store.sqlite3") as store, shops(qtbot, tmp_path) as make:
        ui = make(store)
        fill_cart(qtbot, ui)
        code_url = to_payment(qtbot, ui)
        assert phone_action(code_url, "pay") == "paid"
        qtbot.waitUntil(lambda: ui.navigator.screen == "done", timeout=10_000)
        qtbot.waitUntil(lambda: [k for _, k, _ in events(ui)][-1] == "receipt_printed", timeout=10_000)
        rows = events(ui)
        assert {kind for _, kind, _ in rows} == set(FUNNEL_STEPS) and len({sid for sid, _, _ in rows}) == 1
        assert ui.services is not None
        tz = ui.services.sync.heartbeat.timezone if ui.services.sync else None
        assert tz is not None
        assert funnel_days(ui.services.db, tz, 7)[-1]["counts"] == dict.fromkeys(FUNNEL_STEPS, 1)
        beat = build_heartbeat(ui.services.db, dict, "test", tz)
        assert beat["funnel"][-1]["counts"]["receipt_printed"] == 1


def test_figures_that_cannot_be_read_say_so_and_refresh_tries_again(
        qtbot: Any, kiosk_factory: Callable[..., KioskUi]) -> None:
    ui = kiosk_factory()
    paid_orders(ui, 2)
    assert ui.services is not None
    db = ui.services.db
    with db.write() as session:  # a damaged database: a table the report reads is not there
        session.connection().exec_driver_sql("ALTER TABLE order_lines RENAME TO order_lines_away")
    enter(qtbot, ui)
    page = ui.maintenance.analytics
    tap(qtbot, ui, ui.item("maintenanceTab_analytics"))
    qtbot.waitUntil(lambda: bool(prop(ui, "analyticsError", "visible")), timeout=5000)
    assert "OperationalError" in prop(ui, "analyticsError", "text") and not page.property("hasReport")
    with db.write() as session:
        session.connection().exec_driver_sql("ALTER TABLE order_lines_away RENAME TO order_lines")
    tap(qtbot, ui, ui.item("analyticsRefresh"))
    qtbot.waitUntil(lambda: page.property("hasReport") and not prop(ui, "analyticsError", "visible"),
                    timeout=5000)
    assert prop(ui, "analyticsFigureValue_orders", "text") == "2"
