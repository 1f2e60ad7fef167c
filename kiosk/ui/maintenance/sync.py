"""The technician's sync page: the store link, the outbox, quarantined orders, open alerts and the audit.

What it shows comes from `kiosk.technician.sync_status.snapshot`, read on the page's own worker thread
(database reads only; the GUI thread never waits on the database or the network). "Sync now" and "Pull
catalog now" only wake the kiosk's one sync worker (`push_now` / `pull_now`); its `sync.done` event says
how the job went. Retrying or exporting a quarantined row runs on the page's thread too. Every action is
written to the audit log with its result; a quarantined row's action names the order uuid as subject.
"""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.audit import FAILED, OK, REFUSED, AuditRecord
from kiosk.config import store_timezone
from kiosk.sync.client import TLS_EXPIRED, TLS_HOSTNAME, TLS_UNTRUSTED
from kiosk.technician import sync_status
from kiosk.technician.export_folders import ExportFolder, export_folders
from kiosk.technician.sync_status import OpenAlert, QuarantinedRow, RowGone, SyncSnapshot
from kiosk.ui.maintenance.page import Audit, Post, TechnicianPage, translate

log = logging.getLogger(__name__)

JOB_TIMEOUT_MS = 120_000  # a push or pull the worker has not answered by then is reported as lost
EVENT_ALERTS = 50  # alerts seen on the bus since the kiosk started, newest kept


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def duration_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 60:
        return translate("Maintenance", "%1 s").replace("%1", str(seconds))
    if seconds < 3600:
        return translate(
            "Maintenance", "%1 min %2 s").replace("%1", str(seconds // 60)).replace("%2", str(seconds % 60))
    hours, rest = divmod(seconds, 3600)
    return translate("Maintenance", "%1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest // 60))


def _certificate_text(problem: str) -> str:
    """Why the store's certificate was refused (kiosk.sync.client.TLS_*), with %1 for since when."""
    texts = {
        TLS_UNTRUSTED: translate(
            "Maintenance", "The store's certificate is not trusted (since %1): orders are kept on the kiosk. "
            "A store with its own CA needs store.ca_file."),
        TLS_EXPIRED: translate(
            "Maintenance", "The store's certificate has expired (since %1): orders are kept on the kiosk."),
        TLS_HOSTNAME: translate(
            "Maintenance", "The store's certificate is for another address (since %1): orders are kept on "
            "the kiosk."),
    }
    return texts.get(problem) or translate(
        "Maintenance", "No secure connection to the store (since %1): orders are kept on the kiosk.")


def _error_text(kind: str) -> str:
    """Why a row is quarantined, in the technician's words."""
    texts = {
        sync_status.CONFLICT_PAYLOAD: translate(
            "Maintenance", "The store already has this order with different contents."),
        sync_status.CONFLICT_SEQ: translate(
            "Maintenance", "The store already has another order under this sequence number."),
        sync_status.CONFLICT_ELSEWHERE: translate(
            "Maintenance", "The store already has this order from another kiosk or number."),
        sync_status.DAMAGED: translate(
            "Maintenance", "The order's data does not match its checksum: it was damaged."),
        sync_status.UNDECRYPTABLE: translate(
            "Maintenance", "The contact details cannot be decrypted with this kiosk's key."),
        sync_status.UNREADABLE: translate("Maintenance", "The stored order cannot be read."),
        sync_status.INVALID: translate("Maintenance", "The store refused the order as invalid."),
    }
    return texts.get(kind) or translate("Maintenance", "The store refused the order.")


class SyncPage(TechnicianPage):
    changed = Signal()  # the status figures and the message
    # the lists change only when what they show does: a list rebuilt under a finger would lose the tap
    rowsChanged = Signal()
    alertsChanged = Signal()
    auditChanged = Signal()
    chooserChanged = Signal()

    def __init__(self, audit: Audit, post: Post, parent: QObject | None = None) -> None:
        super().__init__(audit, post, parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tech-sync")
        self._closed = False
        self._active = False  # the page is on screen
        self._snap: SyncSnapshot | None = None
        self._read_error = ""
        self._refreshing = False
        self._refresh_again = False
        self._tickets: dict[str, set[int]] = {"push": set(), "pull": set()}  # asked of the worker, unanswered
        self._message: Callable[[], str] = str  # kept as a function: it follows a language switch
        self._message_kind = ""  # "", "busy", "ok", "error"
        self._event_alerts: dict[str, OpenAlert] = {}
        self._folders: list[ExportFolder] = []
        self._export_row: QuarantinedRow | None = None
        # where exports may go: USB sticks, else the kiosk's exports folder (tests point it elsewhere)
        self.folder_source: Callable[[], list[ExportFolder]] | None = None
        self._timers: dict[str, QTimer] = {}
        for job in ("push", "pull"):
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(JOB_TIMEOUT_MS)
            timer.timeout.connect(lambda job=job: self._job_lost(job))
            self._timers[job] = timer

    # -- what QML binds to ---------------------------------------------------------------------------

    @Property(bool, notify=changed)
    def configured(self) -> bool:
        return self._snap is not None and self._snap.configured

    @Property(str, notify=changed)
    def link(self) -> str:
        """"online", "offline", "revoked", "unknown" (no answer yet) or "none" (no store set up)."""
        return self._link()

    def _link(self) -> str:
        snap = self._snap
        if snap is None or snap.worker is None:
            return "none" if snap is not None else "unknown"
        if snap.worker.revoked:
            return "revoked"
        return {True: "online", False: "offline", None: "unknown"}[snap.worker.online]

    @Property(str, notify=changed)
    def linkText(self) -> str:
        snap, link = self._snap, self._link()
        if snap is None:
            return self._read_error or translate("Maintenance", "Reading the sync status…")
        worker = snap.worker
        since = self._time(worker.link_since) if worker is not None and worker.link_since else ""
        if link == "none":
            return translate("Maintenance", "No store is set up for this kiosk: orders stay on the kiosk.")
        if link == "revoked":
            return translate(
                "Maintenance", "The store refuses this kiosk (revoked): orders are kept on the kiosk.")
        if link == "online":
            return translate("Maintenance", "Store reachable since %1").replace("%1", since)
        if link == "offline" and worker is not None and worker.tls_problem:
            return _certificate_text(worker.tls_problem).replace("%1", since)
        if link == "offline":
            return translate("Maintenance", "Store unreachable since %1").replace("%1", since)
        return translate("Maintenance", "No answer from the store yet")

    @Property(str, notify=changed)
    def linkError(self) -> str:
        snap = self._snap
        if snap is None or snap.worker is None or snap.worker.online is not False:
            return ""
        return snap.worker.link_error

    @Property(str, notify=changed)
    def offsetText(self) -> str:
        snap = self._snap
        if snap is None or snap.worker is None or snap.worker.online is None:
            return "—"
        offset = snap.worker.offset_s
        if abs(offset) < 1:
            return translate("Maintenance", "In step with the store")
        if offset > 0:
            text = translate("Maintenance", "Store is %1 ahead")
        else:
            text = translate("Maintenance", "Store is %1 behind")
        return text.replace("%1", duration_text(abs(offset)))

    @Property(int, notify=changed)
    def depth(self) -> int:
        return self._snap.depth if self._snap is not None else 0

    @Property(str, notify=changed)
    def oldestText(self) -> str:
        if self._snap is None or not self._snap.depth:
            return "—"
        return duration_text(self._snap.oldest_pending_age_s)

    @Property(int, notify=changed)
    def quarantinedCount(self) -> int:
        return self._snap.quarantined if self._snap is not None else 0

    @Property(str, notify=changed)
    def lastPushText(self) -> str:
        snap = self._snap
        if snap is None:
            return "—"
        text = self._time(snap.last_sent_at) if snap.last_sent_at else translate("Maintenance", "never")
        last = snap.worker.last_push if snap.worker is not None else None
        if last is not None and not last.ok:
            text += " · " + translate(
                "Maintenance", "last try failed at %1").replace("%1", self._time(last.at))
        return text

    @Property(str, notify=changed)
    def catalogText(self) -> str:
        snap = self._snap
        if snap is None:
            return "—"
        version = snap.catalog_version or "—"
        if snap.catalog_cursor:
            return translate("Maintenance", "version %1 (store cursor %2)").replace("%1", version).replace(
                "%2", str(snap.catalog_cursor))
        return translate("Maintenance", "version %1 (bundled, never pulled)").replace("%1", version)

    @Property(str, notify=changed)
    def lastPullText(self) -> str:
        snap = self._snap
        last = snap.worker.last_pull if snap is not None and snap.worker is not None else None
        if last is None:
            return translate("Maintenance", "not since the kiosk started")
        if last.ok:
            return self._time(last.at)
        return translate(
            "Maintenance", "failed at %1: %2").replace("%1", self._time(last.at)).replace("%2", last.error)

    @Property(bool, notify=changed)
    def pushing(self) -> bool:
        return bool(self._tickets["push"])

    @Property(bool, notify=changed)
    def pulling(self) -> bool:
        return bool(self._tickets["pull"])

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._message()

    @Property(str, notify=changed)
    def messageKind(self) -> str:
        return self._message_kind

    @Property(list, notify=rowsChanged)
    def rows(self) -> list[dict[str, Any]]:
        if self._snap is None:
            return []
        return [{"rowId": r.row_id, "orderNo": r.order_no or r.order_uuid[:8], "seq": r.device_seq,
                 "when": self._time(r.at), "error": _error_text(r.kind), "detail": r.detail,
                 "attempts": r.attempts} for r in self._snap.rows]

    @Property(list, notify=alertsChanged)
    def alerts(self) -> list[dict[str, Any]]:
        waiting = {a.alert_id: a for a in self._snap.alerts} if self._snap is not None else {}
        merged = {**self._event_alerts, **waiting}
        shown = sorted(merged.values(), key=lambda a: a.at or dt.datetime.min, reverse=True)
        return [{"kind": a.kind, "message": a.message, "when": self._time(a.at) if a.at else "—",
                 "delivered": a.alert_id not in waiting} for a in shown]

    @Property(list, notify=auditChanged)
    def auditRows(self) -> list[dict[str, Any]]:
        records: list[AuditRecord] = self._snap.audit if self._snap is not None else []
        return [{"when": self._time(r.at), "action": r.action, "result": r.result,
                 "detail": " ".join(p for p in (r.subject, r.detail) if p)} for r in records]

    @Property(bool, notify=chooserChanged)
    def choosingFolder(self) -> bool:
        return self._export_row is not None

    @Property(str, notify=chooserChanged)
    def exportOrderNo(self) -> str:
        return self._export_row.order_no if self._export_row is not None else ""

    @Property(list, notify=chooserChanged)
    def folders(self) -> list[dict[str, Any]]:
        return [{"label": f.label, "removable": f.removable} for f in self._folders]

    # -- the page's life -----------------------------------------------------------------------------

    def opened(self) -> None:
        self._active = True
        self.refresh()

    @Slot()
    def hidden(self) -> None:
        """The page left the screen (QML tells): events no longer make it read the database."""
        self._active = False
        if self._export_row is not None:
            self.cancelExport()

    def on_event(self, topic: str, data: dict[str, Any]) -> None:
        if topic == "orders.alert":
            self._remember_alert(str(data.get("alert_id") or data.get("kind")), str(data.get("kind", "")),
                                 str(data.get("message", "")))
        elif topic == "sync.alert":
            self._remember_alert(str(data.get("kind", "")), str(data.get("kind", "")),
                                 str(data.get("message", "")))
        elif topic == "sync.done":
            self._job_done(data)
        if self._active and (topic.startswith("sync.") or topic == "orders.alert"):
            self.refresh()

    def _remember_alert(self, alert_id: str, kind: str, message: str) -> None:
        self._event_alerts[alert_id] = OpenAlert(alert_id, kind, message, _utcnow(), True)
        while len(self._event_alerts) > EVENT_ALERTS:
            del self._event_alerts[next(iter(self._event_alerts))]
        self.alertsChanged.emit()

    def close(self) -> None:
        self._closed = True
        for timer in self._timers.values():
            timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- reading -------------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the status again on the page's thread (a read already running is followed by one more)."""
        services = self.services
        if services is None or self._closed:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        self._background(lambda: sync_status.snapshot(services.db, services.sync, services.audit),
                         self._refreshed, self._refresh_failed)

    def _refreshed(self, snap: SyncSnapshot) -> None:
        old, self._snap, self._read_error = self._snap, snap, ""
        if old is None or old.rows != snap.rows:
            self.rowsChanged.emit()
        if old is None or old.alerts != snap.alerts:
            self.alertsChanged.emit()
        if old is None or old.audit != snap.audit:
            self.auditChanged.emit()
        self._after_refresh()

    @Slot()
    def retranslate(self) -> None:
        """The language changed: every text again (once the new translator is in)."""
        def emit_all() -> None:
            for signal in (self.changed, self.rowsChanged, self.alertsChanged, self.auditChanged,
                           self.chooserChanged):
                signal.emit()

        QTimer.singleShot(0, emit_all)

    def _refresh_failed(self, exc: Exception) -> None:
        log.error("sync page: reading the status failed: %s", exc)
        self._read_error = translate(
            "Maintenance", "The sync status could not be read: %1").replace("%1", str(exc))
        self._after_refresh()

    def _after_refresh(self) -> None:
        self._refreshing = False
        self.changed.emit()
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    # -- sync now / pull catalog now -----------------------------------------------------------------

    @Slot()
    def syncNow(self) -> None:
        self._start_job("push")

    @Slot()
    def pullNow(self) -> None:
        self._start_job("pull")

    def _start_job(self, job: str) -> None:
        action = "sync.push_now" if job == "push" else "sync.pull_now"
        worker = self.services.sync if self.services is not None else None
        if worker is None or not worker.running:
            log.warning("sync page: %s refused: no sync worker runs", action)
            self.audit(action, REFUSED, detail="no sync worker")
            self._say("error", lambda: translate(
                "Maintenance", "No store is set up for this kiosk, so there is nothing to sync."))
            return
        # asked again while the worker runs the last one: it runs once more (e.g. for a row just retried)
        self._tickets[job].add(worker.push_now() if job == "push" else worker.pull_now())
        if job == "push":
            self._say("busy", lambda: translate("Maintenance", "Sending the waiting orders to the store…"))
        else:
            self._say("busy", lambda: translate("Maintenance", "Asking the store for catalog changes…"))
        self._timers[job].start()

    def _job_done(self, data: dict[str, Any]) -> None:
        job = str(data.get("job"))
        answered = self._tickets.get(job, set()) & set(data.get("tickets") or ())
        if not answered:
            return  # a job someone else asked for
        self._tickets[job] -= answered
        if not self._tickets[job]:
            self._timers[job].stop()
        ok, error = bool(data.get("ok")), str(data.get("error") or "")
        if job == "push":
            sent, quarantined, remaining = (str(int(data.get(k) or 0)) for k in ("sent", "quarantined",
                                                                                 "remaining"))
            detail = f"sent {sent}, quarantined {quarantined}, waiting {remaining}"
            self.audit("sync.push_now", OK if ok else FAILED,
                       detail=f"{detail}; {error}" if error else detail)
            if ok:
                self._say("ok", lambda: translate(
                    "Maintenance", "Done: %1 sent, %2 quarantined, %3 still waiting.")
                          .replace("%1", sent).replace("%2", quarantined).replace("%3", remaining))
            elif data.get("status") == "revoked":
                log.warning("sync page: sync now refused: the store revoked this kiosk")
                self._say("error", lambda: translate(
                    "Maintenance", "The store refuses this kiosk (revoked). Kept on the kiosk: "
                                               "%1. Ask the store's operator to register it again.")
                          .replace("%1", remaining))
            else:
                log.warning("sync page: sync now failed: %s", error)
                self._say("error", lambda: translate(
                    "Maintenance", "Sending failed: %1. Still waiting: %2; the kiosk keeps "
                                               "trying by itself.").replace("%1", error)
                          .replace("%2", remaining))
        else:
            upserts, deletes = int(data.get("upserts") or 0), int(data.get("deletes") or 0)
            detail = f"{upserts} changed, {deletes} removed" if ok else error
            self.audit("sync.pull_now", OK if ok else FAILED, detail=detail)
            if ok and (data.get("not_modified") or not (upserts or deletes)):
                self._say("ok", lambda: translate("Maintenance", "The catalog is up to date."))
            elif ok:
                self._say("ok", lambda: translate("Maintenance", "Catalog updated: %1 changed, %2 removed.")
                          .replace("%1", str(upserts)).replace("%2", str(deletes)))
            else:
                log.warning("sync page: pull catalog now failed: %s", error)
                self._say("error", lambda: translate(
                    "Maintenance", "The catalog could not be pulled: %1").replace("%1", error))
        self.refresh()

    def _job_lost(self, job: str) -> None:
        self._tickets[job].clear()
        action = "sync.push_now" if job == "push" else "sync.pull_now"
        log.error("sync page: the sync worker did not answer %s within %d s", action, JOB_TIMEOUT_MS // 1000)
        self.audit(action, FAILED, detail="no answer from the sync worker")
        self._say("error", lambda: translate(
            "Maintenance", "The sync worker did not answer. Try again; if it keeps failing, "
                                       "restart the kiosk."))

    # -- quarantined rows ----------------------------------------------------------------------------

    @Slot(int)
    def retry(self, row_id: int) -> None:
        services = self.services
        if services is None:
            return
        self._background(lambda: sync_status.retry(services.db, row_id), self._retried,
                         lambda exc: self._row_failed("sync.retry", row_id, exc))

    def _retried(self, row: QuarantinedRow) -> None:
        self.audit("sync.retry", OK, subject=row.order_uuid, detail=f"seq {row.device_seq} queued again")
        order_no = row.order_no
        self._say("ok", lambda: translate("Maintenance", "Order %1 is queued again.").replace("%1", order_no))
        worker = self.services.sync if self.services is not None else None
        if worker is not None and worker.running:
            self._start_job("push")  # sent now; its answer shows as for "sync now"
        self.refresh()

    def _row_failed(self, action: str, row_id: int, exc: Exception) -> None:
        subject = self._subject(row_id)
        if isinstance(exc, RowGone):
            self.audit(action, REFUSED, subject=subject, detail="not quarantined any more")
            self._say("error", lambda: translate("Maintenance", "That order is not quarantined any more."))
        else:
            log.error("sync page: %s of outbox row %d failed: %s", action, row_id, exc)
            self.audit(action, FAILED, subject=subject, detail=f"{type(exc).__name__}: {exc}")
            text = str(exc)
            self._say("error", lambda: translate("Maintenance", "It did not work: %1").replace("%1", text))
        self.refresh()

    def _subject(self, row_id: int) -> str:
        rows = self._snap.rows if self._snap is not None else []
        return next((r.order_uuid for r in rows if r.row_id == row_id), f"outbox row {row_id}")

    @Slot(int)
    def exportRow(self, row_id: int) -> None:
        """Offer the folders to write the row to (USB sticks first)."""
        services = self.services
        if services is None:
            return
        rows = self._snap.rows if self._snap is not None else []
        row = next((r for r in rows if r.row_id == row_id), None)
        if row is None:
            return
        source = self.folder_source or (lambda: export_folders(services.paths.exports))

        def listed(folders: list[ExportFolder]) -> None:
            self._export_row, self._folders = row, folders
            self.chooserChanged.emit()

        self._background(source, listed, lambda exc: self._row_failed("sync.export", row_id, exc))

    @Slot(int)
    def exportTo(self, index: int) -> None:
        services, row = self.services, self._export_row
        if services is None or row is None or not 0 <= index < len(self._folders):
            return
        folder = self._folders[index]
        self.cancelExport()
        self._say("busy", lambda: translate("Maintenance", "Writing the file…"))

        def written(result: tuple[Any, QuarantinedRow]) -> None:
            path, _row = result
            self.audit("sync.export", OK, subject=row.order_uuid, detail=f"to {folder.label}")
            name, label = path.name, folder.label
            self._say("ok", lambda: translate(
                "Maintenance", "Saved %1 to %2.").replace("%1", name).replace("%2", label))

        def failed(exc: Exception) -> None:
            if isinstance(exc, OSError):
                log.error("sync page: export to %s failed: %s", folder.path, exc)
                self.audit("sync.export", FAILED, subject=row.order_uuid,
                           detail=f"to {folder.label}: {type(exc).__name__}")
                label, text = folder.label, exc.strerror or str(exc)
                self._say("error", lambda: translate(
                    "Maintenance", "Could not write to %1: %2").replace("%1", label)
                          .replace("%2", text))
                self.refresh()
            else:
                self._row_failed("sync.export", row.row_id, exc)

        self._background(lambda: sync_status.export_row(services.db, row.row_id, folder.path), written,
                         failed)

    @Slot()
    def cancelExport(self) -> None:
        self._export_row, self._folders = None, []
        self.chooserChanged.emit()

    # -- helpers -------------------------------------------------------------------------------------

    def _say(self, kind: str, message: Callable[[], str]) -> None:
        self._message_kind, self._message = kind, message
        self.changed.emit()

    def _time(self, moment: dt.datetime | None) -> str:
        """A stored UTC time on the store's wall clock."""
        if moment is None:
            return "—"
        zone = (store_timezone(self.services.config.identity) if self.services is not None
                else zoneinfo.ZoneInfo("UTC"))
        local = moment.replace(tzinfo=dt.UTC).astimezone(zone)
        return f"{local:%Y-%m-%d %H:%M:%S}"

    def _background(self, work: Callable[[], Any], done: Callable[[Any], None],
                    failed: Callable[[Exception], None]) -> None:
        """Run `work` on the page's thread; `done(result)` or `failed(exc)` then run on the GUI thread."""
        if self._closed:
            return

        def run() -> None:
            try:
                result = work()
            except Exception as exc:
                error = exc
                self._post(lambda: None if self._closed else failed(error))
                return
            self._post(lambda: None if self._closed else done(result))

        self._pool.submit(run)
