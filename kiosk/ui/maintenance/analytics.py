"""The technician's reports page: the merchant's figures (sales, categories, top products, repeat
shoppers, the funnel) over today, the last 7 or the last 30 store days, as charts, and as CSV files on a
USB stick or in the kiosk's exports folder.

The figures are read on a worker thread (kiosk.analytics.build_report) and handed to the GUI thread
with `self._post`; an answer for a period or language the technician has since left is dropped. QML
draws the charts with QtGraphs from the lists here.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, Signal, Slot, qInstallMessageHandler

from kiosk.audit import FAILED, OK
from kiosk.money import Money
from kiosk.sync.protocol import FUNNEL_STEPS
from kiosk.ui.maintenance.page import TechnicianPage, translate

if TYPE_CHECKING:
    from kiosk.analytics import Report
    from kiosk.services import Services
    from kiosk.technician.export_folders import ExportFolder

log = logging.getLogger(__name__)

PERIODS = {"today": 1, "7d": 7, "30d": 30}
DEFAULT_PERIOD = "7d"
# QtGraphs asks the GPU once per process how large a texture may be, through a throwaway OpenGL
# context; on the software renderer there is none, so Qt prints these two lines and uses its default
# width, which is all a 2D chart needs. `probe_chart_textures` has that question asked once, here.
_GL_PROBE_LINES = ("QRhiGles2: Failed to create temporary context", "QRhiGles2: Failed to create context")
_probed = False


def probe_chart_textures() -> None:
    """Let QtGraphs make its one-off texture-size probe now, with the two lines it prints when there is
    no OpenGL (the software renderer) logged at info; any other message goes on as usual."""
    global _probed
    if _probed:
        return
    _probed = True
    previous: Any = None

    def handler(mode: Any, context: Any, message: str) -> None:
        if message in _GL_PROBE_LINES:
            log.info("charts: no OpenGL here (%s); QtGraphs uses its default texture width", message)
        elif previous is not None:
            previous(mode, context, message)
        else:
            log.warning("Qt: %s", message)

    from PySide6.QtGraphs import QGraphsTheme

    previous = qInstallMessageHandler(handler)
    try:
        QGraphsTheme()  # its gradients ask for the maximum texture size
    finally:
        qInstallMessageHandler(previous)


def nice_max(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 5 × a power of ten); 1 for nothing."""
    if value <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= value:
        step *= 10
    while step > value:
        step /= 10
    for factor in (1, 2, 5, 10):
        if step * factor >= value:
            return step * factor
    return step * 10


class AnalyticsPage(TechnicianPage):
    changed = Signal()
    foldersChanged = Signal()
    exportChanged = Signal()

    def __init__(self, audit: Any, post: Any, parent: Any = None) -> None:
        super().__init__(audit, post, parent)
        self._period = DEFAULT_PERIOD
        self._language = "zh_CN"
        self._report: Report | None = None
        self._busy = False
        self._error = ""
        self._serial = 0
        self._folders: list[ExportFolder] = []
        self._export_message = ""
        self._export_ok = True
        self._exporting = False
        # tests point these elsewhere (a temp folder as the "stick", a fixed day)
        self.list_folders: Callable[[], list[ExportFolder]] | None = None
        self.today: Callable[[], dt.date] | None = None

    def attach(self, services: Services) -> None:
        probe_chart_textures()  # before the page's charts first load
        super().attach(services)

    # -- what QML binds to -------------------------------------------------------------------------

    @Property(str, notify=changed)
    def period(self) -> str:
        return self._period

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(bool, notify=changed)
    def hasReport(self) -> bool:
        return self._report is not None

    @Property(str, notify=changed)
    def periodText(self) -> str:
        report = self._report
        if report is None:
            return ""
        first, last = report.period.start, report.period.end - dt.timedelta(days=1)
        return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"

    @Property(str, notify=changed)
    def currency(self) -> str:
        """The charts' unit (their bars are in the currency's major units)."""
        return self._report.currency if self._report else ""

    @Property(str, notify=changed)
    def salesText(self) -> str:
        return self._report.money(self._report.sales_minor) if self._report else ""

    @Property(str, notify=changed)
    def ordersText(self) -> str:
        return str(self._report.orders) if self._report else ""

    @Property(str, notify=changed)
    def aovText(self) -> str:
        return self._report.money(self._report.aov_minor) if self._report else ""

    @Property(str, notify=changed)
    def repeatText(self) -> str:
        report = self._report
        if report is None:
            return ""
        return (translate("Maintenance", "%1 of %2 (%3%)").replace("%1", str(report.repeat_shoppers))
                .replace("%2", str(report.shoppers)).replace("%3", str(round(report.repeat_share * 100))))

    # charts: labels, values in the currency's major units (drawn only: the figures stay integers)

    def _major(self, minor: int) -> float:
        assert self._report is not None
        return float(Money(minor, self._report.currency).decimal)

    @Property(list, notify=changed)
    def hourLabels(self) -> list[str]:
        return [str(h) for h in range(24)]

    @Property(list, notify=changed)
    def hourValues(self) -> list[float]:
        return [self._major(v) for v in self._report.by_hour] if self._report else [0.0] * 24

    @Property(list, notify=changed)
    def dayLabels(self) -> list[str]:
        return [f"{day:%m-%d}" for day, _, _ in self._report.by_day] if self._report else []

    @Property(list, notify=changed)
    def dayValues(self) -> list[float]:
        return [self._major(s) for _, s, _ in self._report.by_day] if self._report else []

    @Property(list, notify=changed)
    def categoryLabels(self) -> list[str]:
        return [row.name for row in self._report.by_category] if self._report else []

    @Property(list, notify=changed)
    def categoryValues(self) -> list[float]:
        return [self._major(row.revenue_minor) for row in self._report.by_category] if self._report else []

    @Property(list, notify=changed)
    def funnelLabels(self) -> list[str]:
        """Each step's name with its count (the bars show the shape, the labels the numbers)."""
        names = {
            "session": translate("Maintenance", "Sessions"),
            "product_viewed": translate("Maintenance", "Viewed"),
            "added_to_cart": translate("Maintenance", "Carted"),
            "qr_shown": translate("Maintenance", "QR shown"),
            "paid": translate("Maintenance", "Paid"),
            "receipt_printed": translate("Maintenance", "Receipt"),
        }
        counts = self._funnel()
        return [f"{names[step]} {count}" for step, count in zip(FUNNEL_STEPS, counts, strict=True)]

    def _funnel(self) -> list[int]:
        report = self._report
        return [report.funnel[step] if report else 0 for step in FUNNEL_STEPS]

    @Property(list, notify=changed)
    def funnelValues(self) -> list[int]:
        return self._funnel()

    @Property(list, notify=changed)
    def topProducts(self) -> list[dict[str, Any]]:
        report = self._report
        if report is None:
            return []
        return [{"rank": i, "name": row.name, "quantity": row.quantity,
                 "revenue": report.money(row.revenue_minor)} for i, row in enumerate(report.top_products, 1)]

    @Slot(list, result=float)
    def axisMax(self, values: list[float]) -> float:
        return nice_max(max((float(v) for v in values), default=0.0))

    # -- actions -------------------------------------------------------------------------------------

    def opened(self) -> None:
        self.refresh()
        self._load_folders()

    @Slot(str)
    def setLanguage(self, language: str) -> None:
        """The screen's language (category names, money); the figures are read again in it."""
        if language != self._language:
            self._language = language
            if self._report is not None:
                self.refresh()

    @Slot(str)
    def choosePeriod(self, name: str) -> None:
        if name not in PERIODS:
            return
        self.audit("reports.period", OK, subject=name)
        self._period = name
        self.changed.emit()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        services = self.services
        if services is None:
            return
        from kiosk.analytics import Period, build_report, today
        from kiosk.config import store_timezone

        self._serial += 1
        serial, language = self._serial, self._language
        tz = store_timezone(services.config.identity)
        period = Period.last_days(PERIODS[self._period], self.today() if self.today else today(tz))
        currency = services.config.identity.currency
        self._busy, self._error = True, ""
        self.changed.emit()

        def work() -> None:
            try:
                report = build_report(services.db, period, tz, currency=currency, language=language)
            except Exception as exc:
                log.exception("the reports for %s could not be read", period.label)
                error = f"{type(exc).__name__}: {exc}"[:200]
                self._post(lambda: self._failed(serial, error))
                return
            self._post(lambda: self._show(serial, report))

        threading.Thread(target=work, name="reports", daemon=True).start()

    def _show(self, serial: int, report: Report) -> None:
        if serial != self._serial:
            return  # a newer period or language was asked for meanwhile
        self._report, self._busy = report, False
        self.changed.emit()

    def _failed(self, serial: int, error: str) -> None:
        if serial != self._serial:
            return
        self._busy = False
        self._error = translate(
            "Maintenance", "The figures could not be read (%1). Try again; if it keeps failing, export a "
                          "diagnostic bundle from the settings page.").replace("%1", error)
        self.changed.emit()

    # -- export ------------------------------------------------------------------------------------

    @Property(list, notify=foldersChanged)
    def folders(self) -> list[dict[str, Any]]:
        return [{"index": i, "label": f.label if f.removable else translate(
            "Maintenance", "Kiosk exports folder"),
                 "removable": f.removable} for i, f in enumerate(self._folders)]

    @Property(str, notify=exportChanged)
    def exportMessage(self) -> str:
        return self._export_message

    @Property(bool, notify=exportChanged)
    def exportOk(self) -> bool:
        return self._export_ok

    @Property(bool, notify=exportChanged)
    def exporting(self) -> bool:
        return self._exporting

    @Slot()
    def reloadFolders(self) -> None:
        self._load_folders()

    def _load_folders(self) -> None:
        services = self.services
        if services is None:
            return
        try:
            if self.list_folders is not None:
                folders = self.list_folders()
            else:
                from kiosk.technician.export_folders import export_folders

                folders = export_folders(services.paths.exports)
        except OSError as exc:
            log.exception("the export folders could not be listed")
            folders = []
            self._set_export(translate(
                "Maintenance", "No folder to write to: %1").replace("%1", str(exc)), ok=False)
        self._folders = folders
        self.foldersChanged.emit()

    @Slot(int)
    def exportTo(self, index: int) -> None:
        """Write every table of the shown period as CSV files into the chosen folder."""
        services, report = self.services, self._report
        if services is None or report is None or self._exporting or not 0 <= index < len(self._folders):
            return
        folder = self._folders[index]
        device = services.config.identity.device_name
        self._exporting = True
        self._set_export(translate("Maintenance", "Writing the files…"), ok=True)

        def work() -> None:
            from kiosk.analytics import export_csv

            try:
                written = export_csv(report, folder.path, device)
            except OSError as exc:
                log.exception("the reports could not be written to %s", folder.path)
                message = f"{type(exc).__name__}: {exc.strerror or exc}"[:200]
                self._post(lambda: self._exported(folder, report.period.label, [], message))
                return
            self._post(lambda: self._exported(folder, report.period.label, [p.name for p in written], ""))

        threading.Thread(target=work, name="reports-export", daemon=True).start()

    def _exported(self, folder: ExportFolder, label: str, names: list[str], error: str) -> None:
        self._exporting = False
        where = folder.label if folder.removable else translate("Maintenance", "Kiosk exports folder")
        if error:
            self.audit("reports.export", FAILED, subject=label, detail=f"{folder.label}: {error}")
            self._set_export(translate(
                "Maintenance", "The files could not be written to %1 (%2). Check the USB stick and try "
                                 "again.").replace("%1", where).replace("%2", error), ok=False)
            return
        self.audit("reports.export", OK, subject=label, detail=f"{len(names)} files to {folder.label}")
        self._set_export(translate(
            "Maintenance", "%1 files written to %2.").replace("%1", str(len(names))).replace("%2", where),
                         ok=True)

    def _set_export(self, message: str, ok: bool) -> None:
        self._export_message, self._export_ok = message, ok
        self.exportChanged.emit()
