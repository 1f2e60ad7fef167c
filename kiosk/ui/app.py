"""Qt side of start-up: the application, fonts, view-models, QML engine and the window."""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from operator import attrgetter
from types import TracebackType
from typing import TYPE_CHECKING, Any

import PySide6.QtQuick  # noqa: F401  (so the root object comes back as a QQuickWindow)
from PySide6.QtCore import QLoggingCategory, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlEngine, QQmlError, qmlRegisterSingletonType
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.config import KioskConfig
from kiosk.errors import EXIT_FAILURE
from kiosk.events import EventBus
from kiosk.paths import qml_dir
from kiosk.services import Services, data_paths
from kiosk.ui.bridge import Bridge
from kiosk.ui.environment import keep_keyboard_from_learning
from kiosk.ui.focus import TouchFocus, on_new_screen
from kiosk.ui.fonts import install_fonts
from kiosk.ui.items import walk
from kiosk.ui.lockdown import LockdownFilter
from kiosk.ui.maintenance import SINGLETONS as MAINTENANCE_SINGLETONS
from kiosk.ui.maintenance import Maintenance
from kiosk.ui.navigator import Navigator
from kiosk.ui.placement import WindowPlacement
from kiosk.ui.shell import Shell
from kiosk.ui.shopper import SINGLETONS as SHOPPER_SINGLETONS
from kiosk.ui.shopper import Shopper
from kiosk.ui.viewmodels.service_state import ServiceStateViewModel

if TYPE_CHECKING:
    from kiosk.ui.demo import DemoControls
    from kiosk.ui.wedge_filter import WedgeKeyFilter

log = logging.getLogger(__name__)

BACKEND_URI = "Kiosk.Backend"
# one KioskUi per engine: QML singletons are created per engine and looked up here
_by_engine: dict[int, KioskUi] = {}
_registered = False


def _singleton(attr: str) -> Any:
    def create(engine: QQmlEngine) -> QObject:
        obj: QObject = attrgetter(attr)(_by_engine[id(engine)])
        # the Python side owns view-models; the engine must not delete them
        QQmlEngine.setObjectOwnership(obj, QQmlEngine.ObjectOwnership.CppOwnership)
        return obj

    return create


def _register_types() -> None:
    global _registered
    if _registered:
        return
    singletons = [(Navigator, "Navigator", "navigator"), (Shell, "Shell", "shell"),
                  (Bridge, "Bridge", "bridge"), (ServiceStateViewModel, "ServiceState", "service_state")]
    singletons += [(cls, name, f"shopper.{attr}") for name, (cls, attr) in SHOPPER_SINGLETONS.items()]
    singletons += [(cls, name, f"maintenance.{attr}") for name, (cls, attr) in MAINTENANCE_SINGLETONS.items()]
    for cls, name, attr in singletons:
        # the stubs say bytes for the QML name; PySide6 wants str
        qmlRegisterSingletonType(cls, BACKEND_URI, 1, 0, name, _singleton(attr))  # type: ignore[call-overload]
    _registered = True


# Qt's own noise that says nothing about the kiosk: the virtual keyboard's sound backend probing for
# PipeWire, and a notice about Qt's own popup QML. Everything else still reaches the log (and fails tests).
QUIET_QT_CATEGORIES = "qt.multimedia.symbolsresolver.warning=false\nqt.qml.propertyCache.append.warning=false"


def ensure_app() -> QGuiApplication:
    QLoggingCategory.setFilterRules(QUIET_QT_CATEGORIES)
    app = QGuiApplication.instance()
    if app is None:
        QGuiApplication.setApplicationName("kiosk")
        app = QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    return app


class KioskUi:
    """Builds and owns the view-models, the engine and the window.

    The window comes up before the database is ready (`attach` follows), so the attract screen
    shows as fast as a bare Qt Quick window would.
    """

    def __init__(self, config: KioskConfig, events: EventBus) -> None:
        self.config = config
        keep_keyboard_from_learning(data_paths(config).keyboard)
        self.services: Services | None = None
        self.demo_controls: DemoControls | None = None
        self.wedge_filter: WedgeKeyFilter | None = None
        self.app = ensure_app()
        self.font_family = install_fonts(self.app)
        self.lockdown = config.ui.lockdown and not config.ui.windowed
        self.navigator = Navigator()
        self.shell = Shell(config, self.lockdown)
        self.bridge = Bridge(events)
        self.shopper = Shopper(config, self.navigator, self.shell, self.bridge)
        self.maintenance = Maintenance(config, self.navigator, self.bridge, self.shopper.session)
        # a scan under the PIN pad would change the screen behind it
        self.shopper.scans.paused = lambda: self.maintenance.entry.property("state") != "closed"
        # closed outside opening hours, out of service by the technician or a failed required device
        self.service_state = ServiceStateViewModel(config, self.navigator)
        self.bridge.published.connect(self.service_state.on_event)
        self.maintenance.settings.bind_ui(self.apply_config, self.service_state, self.exit_to_desktop)
        self.lockdown_filter = LockdownFilter(self.lockdown)
        self.app.installEventFilter(self.lockdown_filter)

        _register_types()
        self.engine = QQmlApplicationEngine()
        _by_engine[id(self.engine)] = self
        self.engine.addImportPath(str(qml_dir()))
        self.engine.warnings.connect(self._on_qml_warnings)
        self.engine.load(QUrl.fromLocalFile(str(qml_dir() / "Main.qml")))
        roots = self.engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            raise RuntimeError("Main.qml did not load; see the QML errors above")
        self.window: QQuickWindow = roots[0]
        self.touch_focus = TouchFocus(self.window, self.item("keyboardLoader"))
        self.navigator.screenChanged.connect(lambda: on_new_screen(self.window))
        self.placement = WindowPlacement(self.window, config.ui.windowed, config.ui.orientation)
        self.shell.orientationChanged.connect(
            lambda: self.placement.set_orientation(str(self.shell.property("orientation"))))
        self.shopper.bind(self.engine, self.window)
        self.maintenance.bind(self.window)
        # after the shopper's handler, which installs the new translator first
        self.shell.languageChanged.connect(self.maintenance.retranslate)
        self._previous_hook = sys.excepthook
        sys.excepthook = self._on_uncaught

    def attach(self, services: Services) -> None:
        """The core is ready: give the view-models their services (GUI thread)."""
        self.services = services
        self.shopper.attach(services)
        self.maintenance.attach(services)
        self.apply_config(services.config)
        self.service_state.attach(services)
        self.shell.setReady(True)
        if self.config.demo and services.devices is not None:
            from kiosk.ui.demo import open_demo_controls

            self.demo_controls = open_demo_controls(self, services)
        scanner = services.devices.scanner if services.devices is not None else None
        # imported here, like the devices: they are not needed for the first frame
        from kiosk.devices.wedge import WedgeScanner
        from kiosk.ui.wedge_filter import install_wedge_filter

        if isinstance(scanner, WedgeScanner):
            # a keyboard-wedge scanner types into the app: its bursts are taken out of the key stream
            self.wedge_filter = install_wedge_filter(self.app, scanner)
        log.info("services attached; kiosk ready")

    def apply_config(self, config: KioskConfig) -> None:
        """A config the technician changed, applied at once where it can be (kiosk.technician.settings_edit
        keeps the printer and scanner connections as they started)."""
        self.config = config
        if self.services is not None:
            self.services.config = config  # make_checkout reads the payment time limit from here
            if self.services.reconciler is not None:
                self.services.reconciler.pay_window_s = config.payment.time_limit_s
        self.shell.set_config(config)
        self.shopper.config = config
        self.shopper.idle.set_config(config.idle)
        self.shopper.payment.receipt.set_policy(config.receipt.default, config.receipt.e_receipt)
        self.service_state.set_config(config)

    def exit_to_desktop(self) -> None:
        """The technician's "exit to desktop": end the event loop with 0, as SIGTERM does (run_ui then
        stops the devices, the sync and the local store). exit() from the loop: the locked-down window
        refuses a close."""
        log.info("exit to desktop")
        QTimer.singleShot(0, lambda: self.app.exit(0))

    def _on_qml_warnings(self, warnings: list[QQmlError]) -> None:
        for warning in warnings:
            log.error("QML: %s", warning.toString())

    def _on_uncaught(self, exc_type: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
        """Never a traceback on screen: log it and show the out-of-service screen."""
        log.critical("uncaught exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        self.navigator.showOutOfService(exc_type.__name__)

    def item(self, object_name: str) -> QQuickItem:
        """The QML item with this objectName (tests and the screenshot tour use it)."""
        found = _find_visual(self.window.contentItem(), object_name)
        if found is None:
            raise LookupError(f"no QML item named {object_name!r} on screen {self.navigator.screen!r}")
        return found

    def show(self) -> None:
        self.placement.show()

    def close(self) -> None:
        sys.excepthook = self._previous_hook
        self.app.removeEventFilter(self.lockdown_filter)
        if self.wedge_filter is not None:
            self.app.removeEventFilter(self.wedge_filter)
        if self.demo_controls is not None:
            self.demo_controls.close()
        self.bridge.close()
        self.shopper.close()
        self.maintenance.close()
        self.service_state.stop()
        self.window.hide()
        _by_engine.pop(id(self.engine), None)
        self.engine.deleteLater()


class ServiceStarter:
    """Builds the services on a worker thread, one attempt at a time."""

    def __init__(self, build: Callable[[], Services]) -> None:
        self._build = build
        self._thread: threading.Thread | None = None
        self._future: Future[Services] | None = None

    def start(self) -> Future[Services]:
        if self._thread is not None:
            self._thread.join()
        future: Future[Services] = Future()

        def run() -> None:
            try:
                future.set_result(self._build())
            except BaseException as exc:
                future.set_exception(exc)

        self._future = future
        self._thread = threading.Thread(target=run, name="startup", daemon=True)
        self._thread.start()
        return future

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self._future is not None and self._future.done() and self._future.exception() is None:
            self._future.result().close()


START_RETRY_MS = 30_000


def _find_visual(root: QQuickItem, object_name: str) -> QQuickItem | None:
    """Search the visual tree (items made by a Repeater or a view have no QObject parent to find);
    a visible item wins over one on a screen kept alive underneath."""
    hidden = None
    for item in walk(root):
        if item.objectName() == object_name:
            if item.isVisible():
                return item
            hidden = hidden or item
    return hidden


def run_ui(config: KioskConfig, events: EventBus, build_services: Callable[[], Services],
           exit_after_first_frame: bool = False) -> int:
    """Show the window at once and build the services beside it; returns the exit code."""
    starter = ServiceStarter(build_services)
    try:
        ui = KioskUi(config, events)
    except Exception:
        log.exception("the user interface failed to start")
        starter.close()
        return EXIT_FAILURE

    def watch(attempt: Future[Services]) -> None:
        def done(future: Future[Services]) -> None:  # on the startup thread
            error = future.exception()
            if error is None:
                ui.bridge.post(lambda: ui.attach(future.result()))
            else:
                log.critical("start-up failed; trying again in %d s", START_RETRY_MS // 1000, exc_info=error)
                ui.bridge.post(lambda: failed(error))

        attempt.add_done_callback(done)

    def failed(error: BaseException) -> None:
        # an unattended kiosk heals itself when it can (a full disk freed, a device back)
        ui.navigator.showOutOfService(type(error).__name__)
        QTimer.singleShot(START_RETRY_MS, lambda: watch(starter.start()))


    def first_frame() -> None:
        # frameSwapped may come from the render thread: stamp it here, act on the GUI thread
        stamp = time.time()
        ui.bridge.post(lambda: on_first_frame(stamp))

    def on_first_frame(stamp: float) -> None:
        log.info("first frame shown")
        # the database, devices and store start now: their imports would only compete with Qt's
        # for the interpreter lock and delay the frame a shopper sees first
        watch(starter.start())
        if exit_after_first_frame:
            print(f"first-frame {stamp:.6f}", flush=True)  # read by bench/startup.py
            # exit() from inside the loop: quit() would ask the locked-down window, which refuses
            QTimer.singleShot(0, lambda: ui.app.exit(0))

    ui.window.frameSwapped.connect(first_frame, Qt.ConnectionType.SingleShotConnection)
    stop_on_signals(ui.app)
    ui.show()
    code = ui.app.exec()
    ui.close()
    starter.close()
    return code


def stop_on_signals(app: QGuiApplication) -> None:
    """SIGTERM / SIGINT end the event loop cleanly, so devices and the local store are stopped."""
    def stop(signum: int, _frame: object) -> None:
        log.info("signal %d: shutting down", signum)
        app.exit(0)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    # Python runs signal handlers only between bytecodes: wake it up regularly inside Qt's loop
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(200)
