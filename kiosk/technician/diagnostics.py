"""The diagnostic bundle: one zip a technician carries away on a USB stick for whoever fixes the kiosk.

What is in it: the log files, the effective config as TOML (the store's secret redacted), device
statuses, sync status (queue depth, oldest pending, quarantined, last errors), versions (kiosk,
Python, Qt/PySide6, SQLite, OS) and the last 200 audit entries. What never is: the database, the PII
key, the PIN pepper, the secret, a shopper's contact details. Logs are masked on the way in as they
were on the way out (kiosk.logs), and any line holding the secret is dropped.

The zip is written beside its final name and renamed when complete: a stick pulled out mid-write
leaves no half bundle with a good name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
import io
import json
import logging
import os
import platform
import sqlite3
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kiosk import __version__
from kiosk.config import KioskConfig, as_toml
from kiosk.db.models import OutboxRow, OutboxState
from kiosk.logs import mask_pii
from kiosk.services import Services

log = logging.getLogger(__name__)

AUDIT_ENTRIES = 200
REDACTED = "<redacted>"
_LAST_ERRORS = 10


def redacted_config(config: KioskConfig) -> KioskConfig:
    secret = REDACTED if config.store.secret else ""
    return dataclasses.replace(config, store=dataclasses.replace(config.store, secret=secret))


def versions(ui_versions: Mapping[str, str] | None = None) -> dict[str, str]:
    """The kiosk's, Python's, SQLite's and the OS's; the UI adds Qt's and PySide6's (only kiosk.ui
    imports Qt)."""
    found = {"kiosk": __version__, "python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version,
             "os": platform.platform()}
    try:
        found["pyside6"] = importlib.metadata.version("PySide6")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        found["pyside6"] = "missing"
    return {**found, **(ui_versions or {})}


def sync_status(services: Services) -> dict[str, Any]:
    from kiosk.sync.outbox import queue_stats

    stats = queue_stats(services.db)
    with services.db.read() as session:
        errors = list(session.execute(
            select(OutboxRow.device_seq, OutboxRow.state, OutboxRow.last_error)
            .where(OutboxRow.last_error != "").order_by(OutboxRow.id.desc()).limit(_LAST_ERRORS)))
    worker = services.sync
    return {
        "store_url": services.store_url or services.config.store.url,
        "store_ca_file": services.config.store.ca_file,  # "": the usual public CAs
        "running": bool(worker is not None and worker.running),
        # why the store's certificate was last refused (kiosk.sync.client.TLS_*); "" when it was not
        "tls_problem": worker.status().tls_problem if worker is not None else "",
        "queue_depth": stats.depth,
        "oldest_pending_age_s": round(stats.oldest_pending_age_s, 1),
        "quarantined": stats.quarantined,
        # the worker's failing jobs as it last saw them ("push", "pull", "beat" → error)
        "failing": dict(getattr(worker, "_failing", {}) or {}),
        "last_errors": [{"device_seq": seq, "state": OutboxState(state).value, "error": error}
                        for seq, state, error in errors],
    }


def _audit_lines(services: Services) -> str:
    if services.audit is None:
        return ""
    rows = services.audit.recent(AUDIT_ENTRIES)
    return "".join(json.dumps({"at": r.at.isoformat(), "actor": r.actor, "action": r.action,
                               "subject": r.subject, "result": r.result, "detail": r.detail},
                              ensure_ascii=False) + "\n" for r in rows)


def _clean_log(raw: bytes, secret: str) -> bytes:
    text = raw.decode("utf-8", errors="replace")
    lines = [mask_pii(line) for line in text.splitlines(keepends=True) if not (secret and secret in line)]
    return "".join(lines).encode("utf-8")


def bundle_name(now: dt.datetime, device_name: str) -> str:
    return f"kiosk-diagnostics-{device_name}-{now:%Y%m%d-%H%M%S}.zip"


def write_bundle(services: Services, folder: Path, now: dt.datetime | None = None,
                 ui_versions: Mapping[str, str] | None = None) -> Path:
    """Write the bundle into `folder`; returns its path. Raises OSError when the folder refuses it."""
    now = now or dt.datetime.now(dt.UTC)
    config = services.config
    secret = config.store.secret
    target = folder / bundle_name(now, config.identity.device_name)
    partial = target.with_name(target.name + ".part")
    summary = {"written_at": now.isoformat(), "versions": versions(ui_versions),
               "devices": dict(services.device_states), "sync": sync_status(services)}
    parts: dict[str, bytes] = {
        "config.toml": as_toml(redacted_config(config)).encode("utf-8"),
        "status.json": json.dumps(summary, ensure_ascii=False, indent=2, default=str).encode("utf-8"),
        "audit.jsonl": _audit_lines(services).encode("utf-8"),
    }
    logs = services.paths.logs
    for path in sorted(logs.glob("*.log*")) if logs.is_dir() else []:
        if path.is_file():
            parts[f"logs/{path.name}"] = _clean_log(path.read_bytes(), secret)
    leaking = [name for name, part in parts.items() if secret and secret.encode() in part]
    if leaking:  # never: every part above leaves it out
        raise RuntimeError(f"the diagnostic bundle would hold the store's secret in {leaking[0]}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, part in parts.items():
            bundle.writestr(name, part)
    data = buffer.getvalue()
    try:
        with partial.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("diagnostic bundle written: %s (%d bytes)", target, len(data))
    return target
