"""The demo controls window over the real simulators: a fake printer on TCP and a pty scanner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow
from sqlalchemy import distinct, func, select

from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.db.models import Product, ProductBarcode
from kiosk.devices.sim.fake_printer import PaperLevel
from kiosk.orders import CartLine, PaymentRecord
from kiosk.services import Services, data_paths
from kiosk.ui.app import KioskUi
from kiosk.ui.demo import DemoControls
from kiosk.ui.demo.controls import TAB_SIZE, WINDOW_SIZE, place_beside, place_demo
from kiosk.ui.demo.payment import PaymentSection
from kiosk.ui.demo.printer import PrinterSection, ReceiptSection
from kiosk.ui.demo.scanner import ScannerSection
from kiosk.ui.demo.status import StatusSection
from kiosk.ui.placement import DESIGN_SIZES
from tests.ui.conftest import prop
from tests.ui.plain_text import MARKUP, assert_shown_literally


@pytest.fixture
def shots(module_tmp: Path) -> Path:
    """Screenshots land beside the module's data dir (pytest --basetemp=DIR keeps them at hand)."""
    folder = module_tmp / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


class Rig(NamedTuple):
    ui: KioskUi
    services: Services
    controls: DemoControls
    shown: QRect  # the demo window as it first showed: its frame's position, its size
    shown_collapsed: bool


class Demo:
    def __init__(self, rig: Rig) -> None:
        self.ui, self.services, self.controls = rig.ui, rig.services, rig.controls
        self.window: QQuickWindow = self.controls.window
        assert self.services.devices is not None
        self.devices = self.services.devices
        assert self.devices.fake_printer is not None and self.devices.pty_scanner is not None
        self.fake = self.devices.fake_printer
        self.pty = self.devices.pty_scanner
        self.status: StatusSection = self.controls.section(StatusSection)
        self.scanner: ScannerSection = self.controls.section(ScannerSection)
        self.printer: PrinterSection = self.controls.section(PrinterSection)
        self.receipt: ReceiptSection = self.controls.section(ReceiptSection)

    def find(self, name: str) -> QQuickItem | None:
        """By objectName, through the visual tree (Repeater and Loader items included)."""
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            if item.objectName() == name:
                return item
            stack.extend(item.childItems())
        return None

    def item(self, name: str) -> QQuickItem:
        found = self.find(name)
        assert found is not None, f"no item {name!r} in the demo window"
        return found

    def click(self, qtbot: Any, name: str) -> None:
        item = self.item(name)
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        qtbot.mouseClick(self.window, Qt.MouseButton.LeftButton, pos=centre)


def placed_at(window: QQuickWindow) -> QRect:
    """As placed: the frame's position and the window's size (the frame adds its margins)."""
    return QRect(window.framePosition(), window.size())


def available_screens() -> list[QRect]:
    return [s.availableGeometry() for s in QGuiApplication.screens()]


def is_status(device: str, state: str, detail: str | None = None) -> Any:
    def check(topic: str, data: dict[str, Any]) -> bool:
        return (topic == "device.status" and data["device"] == device and data["state"] == state
                and (detail is None or detail in data["details"]))
    return check


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def demo_rig(qapp: Any, module_tmp: Path) -> Iterator[Rig]:
    """One kiosk with real simulators for the module: starting them is the slow part. The kiosk is
    fullscreen, as a kiosk runs, on the test screen (800×800): no room beside it for the demo window."""
    config = load_config(environ={}, overrides={
        "data_dir": str(module_tmp / "data"), "demo": True, "ui": {"windowed": False, "lockdown": False}})
    services = build_services(config, data_paths(config), with_store=False)
    ui = KioskUi(services.config, services.events)
    controls: DemoControls | None = None
    try:
        ui.attach(services)  # in demo mode with devices, this opens the demo controls
        controls = ui.demo_controls
        assert isinstance(controls, DemoControls)
        assert not controls.window.isVisible()  # it waits for the kiosk window
        ui.show()
        yield Rig(ui, services, controls, placed_at(controls.window), controls.collapsed)
    finally:
        if controls is not None:
            controls.close()
        ui.close()
        services.close()


@pytest.fixture
def demo(demo_rig: Rig, qtbot: Any) -> Iterator[Demo]:
    rig = Demo(demo_rig)
    # the window starts collapsed (no room beside the kiosk); the tests use it open
    rig.controls.place(rig.ui.window.frameGeometry(), available_screens(), collapsed=False)
    qtbot.waitExposed(rig.window)
    yield rig
    # leave the devices as a new test expects them
    rig.fake.reset()
    rig.fake.power_on()
    if not rig.pty.plugged:
        rig.pty.plug()
    rig.printer.changed.emit()
    rig.scanner.changed.emit()


@pytest.mark.gui
def test_window_opens_beside_the_kiosk(demo: Demo, qtbot: Any, shots: Path) -> None:
    assert demo.window.isVisible()
    assert demo.window.title() == "Kiosk demo controls"
    assert demo.window.transientParent() is demo.ui.window or demo.window.transientParent() == demo.ui.window
    screens = available_screens()
    expected = place_beside(demo.ui.window.frameGeometry(), WINDOW_SIZE, screens)
    assert demo.window.size() == expected.size()
    assert demo.window.framePosition() == expected.topLeft()
    qtbot.waitUntil(lambda: demo.scanner.productCount >= 150)
    qtbot.waitUntil(lambda: demo.status.stateOf("printer") == "ready"
                    and demo.status.stateOf("scanner") == "ready")
    demo.window.grabWindow().save(str(shots / "demo-controls.png"))


@pytest.mark.gui
def test_scanning_a_product_from_the_list(demo: Demo, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: demo.scanner.productCount >= 150)
    list_view = demo.item("productList")
    first_gtin = demo.scanner.products.data(demo.scanner.products.index(0), demo.scanner.products.GtinRole)
    qtbot.waitUntil(lambda: demo.find(f"scanProduct_{first_gtin}") is not None)
    assert list_view.property("count") >= 150
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=lambda topic, data: topic == "device.scan") as blocker:
        demo.click(qtbot, f"scanProduct_{first_gtin}")
    data = blocker.args[1]
    assert data["ok"] and data["kind"] == "gtin" and data["gtin"] == first_gtin
    qtbot.waitUntil(lambda: first_gtin in demo.item("lastScanLabel").property("text"))

    # the search narrows the list; a typed code scans as well
    demo.scanner.setFilter(first_gtin)
    assert demo.scanner.products.rowCount() == 1
    demo.scanner.setFilter("")
    demo.item("codeInput").setProperty("text", "96385074")
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=lambda topic, data: topic == "device.scan") as blocker:
        demo.click(qtbot, "scanCodeButton")
    assert blocker.args[1]["gtin"] == "96385074"


@pytest.mark.gui
def test_bad_input_is_reported_as_bad_scans(demo: Demo, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: demo.scanner.productCount >= 150)
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=lambda topic, data: topic == "device.scan") as blocker:
        demo.click(qtbot, "scanBadCheckDigitButton")
    assert not blocker.args[1]["ok"] and blocker.args[1]["kind"] == "invalid"
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=lambda topic, data: topic == "device.scan") as blocker:
        demo.click(qtbot, "scanGs1Button")
    data = blocker.args[1]
    assert data["ok"] and data["kind"] == "gs1" and data["gtin"] == demo.scanner.products.first_gtin()
    demo.click(qtbot, "scanGarbageButton")  # survived; whatever is left of it, the scanner stays up
    demo.click(qtbot, "scanGs1Button")
    qtbot.waitUntil(lambda: "gs1" in demo.scanner.lastScan)
    assert demo.status.stateOf("scanner") == "ready"


@pytest.mark.gui
def test_a_code_with_markup_is_shown_as_text_on_both_windows(demo: Demo, qtbot: Any) -> None:
    demo.item("codeInput").setProperty("text", MARKUP)
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=lambda topic, data: topic == "device.scan") as blocker:
        demo.click(qtbot, "scanCodeButton")  # through the pty and the kiosk's serial adapter
    assert blocker.args[1]["data"] == MARKUP
    qtbot.waitUntil(lambda: MARKUP in demo.item("lastScanLabel").property("text"))
    assert_shown_literally(demo.item("lastScanLabel"))
    assert_shown_literally(demo.item("lastSentLabel"))
    qtbot.waitUntil(lambda: bool(prop(demo.ui, "toast", "visible")))
    assert_shown_literally(demo.ui.item("toastText"))


@pytest.mark.gui
def test_paper_out_then_the_test_receipt_is_not_printed(demo: Demo, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: demo.status.stateOf("printer") == "ready")
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=is_status("printer", "error", "paper_out")):
        demo.click(qtbot, "paper_out")
    assert demo.fake.paper is PaperLevel.OUT
    qtbot.waitUntil(lambda: demo.status.detailsOf("printer") == "paper_out")
    jobs_before = len(demo.fake.jobs)
    with qtbot.waitSignal(demo.printer.jobFinished, timeout=5000) as blocker:
        demo.click(qtbot, "printTestReceiptButton")
    assert blocker.args == ["not_printed"]
    assert "not_printed" in demo.item("printResultLabel").property("text")
    assert len(demo.fake.jobs) == jobs_before
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=is_status("printer", "ready")):
        demo.click(qtbot, "paper_ok")


@pytest.mark.gui
def test_cover_and_power(demo: Demo, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: demo.status.stateOf("printer") == "ready")
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=is_status("printer", "error", "cover_open")):
        demo.click(qtbot, "coverOpenSwitch")
    assert demo.printer.coverOpen
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=is_status("printer", "ready")):
        demo.click(qtbot, "coverOpenSwitch")
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=5000,
                          check_params_cb=is_status("printer", "disconnected")):
        demo.click(qtbot, "powerSwitch")
    assert not demo.fake.powered and not demo.item("powerSwitch").property("checked")
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=8000,
                          check_params_cb=is_status("printer", "ready")):
        demo.click(qtbot, "powerSwitch")


@pytest.mark.gui
def test_printed_test_receipt_is_shown(demo: Demo, qtbot: Any, shots: Path) -> None:
    qtbot.waitUntil(lambda: demo.status.stateOf("printer") == "ready")
    before = demo.receipt.jobCount
    with qtbot.waitSignal(demo.printer.jobFinished, timeout=8000) as blocker:
        demo.click(qtbot, "printTestReceiptButton")
    assert blocker.args == ["printed"]
    qtbot.waitUntil(lambda: demo.receipt.jobCount == before + 1)
    last = demo.fake.last_job
    assert last is not None and "K01-1126-0042" in last.text
    image = demo.item("lastReceiptImage")
    qtbot.waitUntil(lambda: image.property("implicitWidth") == demo.fake.paper_dots)
    assert image.height() > image.width() > 100
    # the rendering is really on screen: white paper with black print where the image is
    shot = demo.window.grabWindow()
    shot.save(str(shots / "demo-controls-receipt.png"))
    top_left = image.mapToScene(QPointF(0, 0)).toPoint()
    visible = demo.item("receiptFlickable").height()
    area = shot.copy(top_left.x(), top_left.y(), int(image.width()), int(min(image.height(), visible)))
    gray = area.convertToFormat(QImage.Format.Format_Grayscale8)
    values = set(bytes(gray.constBits()))
    assert max(values) > 240 and min(values) < 80


@pytest.mark.gui
def test_the_last_receipts_qr_code_scans_through_the_kiosks_scanner(demo: Demo, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: demo.status.stateOf("printer") == "ready"
                    and demo.status.stateOf("scanner") == "ready")
    button = demo.item("scanReceiptQr")
    with qtbot.waitSignal(demo.printer.jobFinished, timeout=8000):
        demo.click(qtbot, "printTestReceiptButton")
    qtbot.waitUntil(lambda: demo.fake.last_job is not None and "K01-1126-0042" in demo.fake.last_job.text)
    assert not button.property("enabled")  # a test page is no order's receipt

    # a paid order's receipt: its QR code (printed as an image) opens the order's page
    orders = demo.services.orders
    product = demo.scanner.products.data(demo.scanner.products.index(0), demo.scanner.products.GtinRole)
    with demo.services.db.read() as session:
        item = session.scalars(select(Product).join(ProductBarcode)
                               .where(ProductBarcode.gtin == product)).one()
        line = CartLine(item.sku, item.name_zh, item.name_en, item.price_minor, 1, item.id)
    order = orders.create_pending([line])
    orders.mark_paid(order.order_uuid, PaymentRecord("wechat", "p-demo-qr", "WX1"))
    jobs = demo.receipt.jobCount
    demo.services.receipt_desk().print_once(order.order_uuid)
    qtbot.waitUntil(lambda: demo.receipt.jobCount == jobs + 1 and button.property("enabled"), timeout=8000)
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=lambda topic, data: topic == "device.scan") as blocker:
        demo.click(qtbot, "scanReceiptQr")
    data = blocker.args[1]
    assert data["ok"] and data["kind"] == "text"
    assert data["data"] == demo.services.receipt_settings().order_page(order.order_uuid)


@pytest.mark.gui
def test_drop_mid_job_interrupts_the_receipt(demo: Demo, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: demo.status.stateOf("printer") == "ready")
    demo.click(qtbot, "dropNextJobButton")
    assert demo.printer.dropArmed
    with qtbot.waitSignal(demo.printer.jobFinished, timeout=8000) as blocker:
        demo.click(qtbot, "printTestReceiptButton")
    assert blocker.args == ["interrupted"]
    qtbot.waitUntil(lambda: "incomplete" in demo.receipt.caption)
    qtbot.waitUntil(lambda: demo.status.stateOf("printer") == "ready", timeout=8000)


@pytest.mark.gui
def test_unplug_and_replug_the_scanner(demo: Demo, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: demo.status.stateOf("scanner") == "ready")
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=is_status("scanner", "disconnected")):
        demo.click(qtbot, "scannerPluggedSwitch")
    assert not demo.pty.plugged and not demo.item("scannerPluggedSwitch").property("checked")
    qtbot.waitUntil(lambda: demo.status.stateOf("scanner") in ("disconnected", "connecting"))
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=4000,
                          check_params_cb=is_status("scanner", "ready")):
        demo.click(qtbot, "scannerPluggedSwitch")
    assert demo.pty.plugged
    # replug: out and back in, and scans work afterwards
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=4000,
                          check_params_cb=is_status("scanner", "ready")):
        demo.click(qtbot, "replugScannerButton")
    with qtbot.waitSignal(demo.ui.bridge.published, timeout=3000,
                          check_params_cb=lambda topic, data: topic == "device.scan" and data["ok"]):
        qtbot.waitUntil(lambda: demo.scanner.scanCode("4006381333931"))


def test_placement_beside_the_kiosk() -> None:
    size = QSize(1000, 860)
    screen = QRect(0, 0, 3840, 2160)
    assert place_beside(QRect(0, 0, 1080, 1920), size, [screen]) == QRect(1092, 0, 1000, 860)
    assert place_beside(QRect(2700, 100, 1080, 1920), size, [screen]) == QRect(1688, 100, 1000, 860)
    # less room beside it: narrower, never under the minimum
    assert place_beside(QRect(0, 0, 1080, 1000), size, [QRect(0, 0, 1920, 1080)]) == QRect(1092, 0, 828, 860)
    # a full-screen kiosk: another screen if there is one, else over its top-right corner
    full = QRect(0, 0, 1920, 1080)
    second = QRect(1920, 0, 1280, 800)
    assert place_beside(full, size, [full, second]) == QRect(2060, 0, 1000, 800)
    assert place_beside(full, size, [full]) == QRect(1920 - 1000 - 12, 0, 1000, 860)


def kiosk_bands(kiosk: QRect, design: QSize) -> tuple[QRectF, QRectF, QRectF]:
    """The kiosk's stage (its design size scaled into the window, centred), and its header and toolbar
    bands at their tallest (large text: 112 × 1.2 design px)."""
    scale = min(kiosk.width() / design.width(), kiosk.height() / design.height())
    stage = QRectF(0, 0, design.width() * scale, design.height() * scale)
    stage.moveCenter(QRectF(kiosk).center())
    band = 112 * 1.2 * scale
    return (stage, QRectF(stage.left(), stage.top(), stage.width(), band),
            QRectF(stage.left(), stage.bottom() - band, stage.width(), band))


@pytest.mark.parametrize(("orientation", "screen"), [
    ("portrait", QRect(0, 0, 1080, 1920)),
    ("landscape", QRect(0, 0, 1920, 1080)),
    ("portrait", QRect(0, 0, 2200, 1920)),  # letterboxed: the touch tool's screen
    ("landscape", QRect(0, 0, 2200, 1920)),
    ("portrait", QRect(1920, 0, 1080, 1920)),  # not at the origin
])
def test_over_a_fullscreen_kiosk_a_tab_clear_of_every_button(orientation: str, screen: QRect) -> None:
    design = DESIGN_SIZES[orientation]
    placed = place_demo(screen, design, [screen])
    assert placed.collapsed
    assert placed.window == place_beside(screen, WINDOW_SIZE, [screen])  # expanded: over the kiosk
    tab = QRectF(placed.tab)
    assert placed.tab.size() == TAB_SIZE and tab.height() >= 64
    assert QRectF(screen).contains(tab)
    stage, header, toolbar = kiosk_bands(screen, design)
    scale = stage.width() / design.width()
    back = QRectF(stage.left() + 16 * scale, stage.top() + 16 * scale, 160 * scale, 80 * scale)
    home = QRectF(stage.right() - 176 * scale, back.top(), 160 * scale, back.height())
    # in the margin beside the stage, or in the header between Back and Home: never over a button,
    # nor at the bottom, where the pay buttons and the toolbar ride on the keyboard
    assert not tab.intersects(back) and not tab.intersects(home) and not tab.intersects(toolbar)
    if stage.intersects(tab):
        assert header.contains(tab.center())


def test_a_kiosk_with_room_beside_it_opens_the_window_there() -> None:
    kiosk, desktop = QRect(0, 0, 1080, 1920), QRect(0, 0, 3840, 2160)
    placed = place_demo(kiosk, DESIGN_SIZES["portrait"], [desktop])
    assert not placed.collapsed
    assert placed.window == QRect(1092, 0, 1000, 940)
    assert not placed.tab.intersects(kiosk)  # collapsing it there hides nothing either


@pytest.mark.gui
def test_the_window_starts_collapsed_when_it_would_cover_the_kiosk(demo_rig: Rig) -> None:
    kiosk = demo_rig.ui.window.frameGeometry()
    assert kiosk == QGuiApplication.primaryScreen().geometry()  # fullscreen: no room beside it
    _, header, toolbar = kiosk_bands(kiosk, DESIGN_SIZES[demo_rig.ui.placement.orientation])
    shown = QRectF(demo_rig.shown)
    assert header.intersects(shown) and not shown.intersects(toolbar), (demo_rig.shown, kiosk)
    assert demo_rig.shown_collapsed
    assert demo_rig.shown.size() == TAB_SIZE


@pytest.mark.gui
def test_tap_the_tab_to_open_and_hide_to_collapse(demo: Demo, qtbot: Any, shots: Path) -> None:
    screen = QRect(0, 0, 1080, 1920)  # a fullscreen portrait kiosk on its only screen
    placed = place_demo(screen, DESIGN_SIZES["portrait"], [screen])
    demo.controls.place(screen, [screen])
    assert demo.controls.collapsed
    qtbot.waitUntil(lambda: placed_at(demo.window) == placed.tab)
    tab = demo.item("demoTab")
    qtbot.waitUntil(lambda: tab.width() == demo.window.width())  # laid out at the new size
    assert tab.isVisible() and tab.height() >= 64
    assert not demo.item("demoColumns").isVisible()
    demo.window.grabWindow().save(str(shots / "demo-controls-collapsed.png"))

    demo.click(qtbot, "demoTab")
    assert not demo.controls.collapsed
    qtbot.waitUntil(lambda: placed_at(demo.window) == placed.window)
    qtbot.waitUntil(lambda: tab.width() == demo.window.width())
    assert demo.item("demoColumns").isVisible() and not tab.isVisible()
    hide = demo.item("collapseDemoButton")
    assert hide.isVisible() and hide.height() >= 64

    demo.click(qtbot, "collapseDemoButton")
    assert demo.controls.collapsed
    qtbot.waitUntil(lambda: placed_at(demo.window) == placed.tab)
    assert tab.isVisible()


def section_frames(demo: Demo) -> dict[str, tuple[float, float]]:
    frames = {}
    for kind in (StatusSection, ScannerSection, PaymentSection, PrinterSection, ReceiptSection):
        title = demo.controls.section(kind).title
        frame = demo.item(f"demoSection_{title}")
        frames[title] = (frame.mapToScene(QPointF(0, 0)).y(), frame.height())
    return frames


@pytest.mark.gui
def test_status_lines_do_not_move_the_layout(demo: Demo, qtbot: Any) -> None:
    payment: PaymentSection = demo.controls.section(PaymentSection)
    qtbot.waitUntil(lambda: demo.scanner.productCount >= 150)
    qtbot.waitUntil(lambda: all(demo.status.stateOf(device) == "ready" for device in ("printer", "scanner")))
    before = section_frames(demo)
    long = "a status line long enough to wrap onto a second line in any section of the demo window " * 3
    for section in (payment, demo.printer):
        section._last_result = long
        section.changed.emit()
    demo.scanner._last_sent = long
    demo.scanner.changed.emit()
    qtbot.wait(100)
    assert section_frames(demo) == before
    for section in (payment, demo.printer):
        section._last_result = ""
        section.changed.emit()
    qtbot.wait(100)
    assert section_frames(demo) == before


@pytest.mark.gui
def test_the_product_count_counts_products_not_barcodes(demo: Demo, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: demo.scanner.productCount >= 150)
    with demo.services.db.read() as session:
        products = session.scalar(select(func.count(distinct(ProductBarcode.product_id)))
                                  .join(Product, Product.id == ProductBarcode.product_id)
                                  .where(Product.active.is_(True)))
    barcodes = demo.scanner.products.rowCount()
    assert barcodes > products  # some products have more than one barcode
    assert demo.scanner.productCount == products
    assert f"Search {products} demo products" in demo.item("productSearch").property("placeholderText")

