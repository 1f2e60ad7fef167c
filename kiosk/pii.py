"""Personal data at rest: AES-GCM with a key kept outside the database (masking for display is one
rule shared with the store: kiosk.sync.protocol).

Each ciphertext is bound to its place (e.g. "order:<uuid>:phone") as associated data, so a value
copied into another row or field does not decrypt there.

The key file is made atomically and checked at every start (`PiiCipher.from_key_file`). A key made at
a start while the database still holds contact details sealed with the lost one is never silent:
`check_stored_data` logs it at ERROR and keeps an alert (`startup_alerts`) for the composition root to
hand to the sync worker, which delivers it to the store's fleet view.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.db.engine import Database
    from kiosk.sync.protocol import Alert

log = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12


class PiiError(KioskError):
    """The key is unusable or a value does not decrypt (tampered, or another key)."""


class PiiKeyError(PiiError):
    """The key file cannot be used as it is; the kiosk does not start until someone fixes it."""


@dataclass(frozen=True)
class KeyFile:
    """Where the key was loaded from and what start-up found there."""

    path: Path
    created: bool = False  # there was no key file: this start made a new key
    loosened_mode: int | None = None  # the mode it had when others could read it (now 0600)


class PiiCipher:
    def __init__(self, key: bytes, *, key_file: KeyFile | None = None) -> None:
        if len(key) != KEY_BYTES:
            raise PiiError(f"the PII key must be {KEY_BYTES} bytes, not {len(key)}")
        self._aead = AESGCM(key)
        self.key_file = key_file
        # what start-up found that the store's fleet view must hear (wire alerts, sent by the sync worker)
        self.startup_alerts: list[Alert] = []
        if key_file is not None and key_file.loosened_mode is not None:
            self.startup_alerts.append(_alert(
                "pii-key-permissions", "pii.key_permissions", "warning",
                f"the PII key file {key_file.path} could be read by others "
                f"(mode {oct(key_file.loosened_mode)}); it was made owner-only (0600) at start"))

    @classmethod
    def from_key_file(cls, path: Path) -> PiiCipher:
        """Load the key, creating it (owner-only) on first use.

        A key file others may read is tightened to 0600 with a warning; one owned by another user, one
        that is not a regular file or one of the wrong length is refused (PiiKeyError): replacing it
        would lose for good the contact details stored under it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        created = False
        try:
            key, loosened = _read_key_file(path)
        except FileNotFoundError:
            created = _create_key_file(path)
            key, loosened = _read_key_file(path)
        return cls(key, key_file=KeyFile(path, created, loosened))

    def check_stored_data(self, db: Database) -> list[Alert]:
        """Once the database is migrated: a key this start had to make while contact details sealed
        with the lost one are still stored is logged at ERROR and kept as a critical alert. The kiosk
        runs on with the new key for new orders; the old details cannot be read any more (their outbox
        rows are quarantined when pushed). Returns the alerts added."""
        if self.key_file is None or not self.key_file.created:
            return []
        orders, rows = _sealed_data(db)
        if not orders and not rows:
            log.info("made a new PII key at %s", self.key_file.path)
            return []
        message = (f"the PII key file {self.key_file.path} was missing at start: a new key was made, "
                   f"but {orders} order(s) and {rows} outbox row(s) hold contact details sealed with the "
                   f"old key, which can no longer be read; their unsent orders are quarantined instead of "
                   f"pushed. Restore the old key file from a backup to recover them")
        log.error("%s", message)
        added = [_alert("pii-key-missing", "pii.key_missing", "critical", message)]
        self.startup_alerts.extend(added)
        return added

    def encrypt(self, text: str, *, context: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, text.encode("utf-8"), context.encode("utf-8"))

    def decrypt(self, blob: bytes, *, context: str) -> str:
        if len(blob) <= NONCE_BYTES:
            raise PiiError("encrypted value is truncated")
        try:
            plain = self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode("utf-8"))
        except InvalidTag:
            raise PiiError(f"value for {context.split(':')[0]} does not decrypt with this key") from None
        return plain.decode("utf-8")


def _sealed_data(db: Database) -> tuple[int, int]:
    """How many orders, and outbox rows, hold encrypted contact details (not yet purged)."""
    from sqlalchemy import func, or_, select  # here: the UI imports this module for masking alone

    from kiosk.db.models import Order, OutboxRow

    with db.read() as session:
        orders = session.scalar(select(func.count()).select_from(Order).where(or_(
            Order.contact_name_enc.is_not(None), Order.contact_phone_enc.is_not(None),
            Order.address_enc.is_not(None))))
        # the stored payload's "contact_enc" (kiosk.orders): the order's ciphertexts, until purged
        rows = session.scalar(select(func.count()).select_from(OutboxRow)
                              .where(OutboxRow.payload.contains('"contact_enc"')))
    return int(orders or 0), int(rows or 0)


def _alert(alert_id: str, kind: str, severity: Literal["info", "warning", "critical"],
           message: str) -> Alert:
    return {"alert_id": alert_id, "kind": kind, "severity": severity, "message": message[:2000],
            "state": "open", "raised_at": dt.datetime.now(dt.UTC).isoformat()}


def secret_file(path: Path, what: str) -> bytes:
    """A 32-byte secret kept in its own owner-only file, made atomically on first use (the PII key's
    rules; `what` names it in errors). The technician PIN's pepper and the shopper-hash salt use it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _read_key_file(path, what)[0]
    except FileNotFoundError:
        _create_key_file(path)
        return _read_key_file(path, what)[0]


def _read_key_file(path: Path, what: str = "PII key") -> tuple[bytes, int | None]:
    """The key's bytes, and the mode it had if others could read it (then tightened to 0600)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO planted here must not hang
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PiiKeyError(f"the {what} {path} is not a regular file")
        loosened = None
        if os.name == "posix":
            if info.st_uid != os.geteuid():
                raise PiiKeyError(f"the {what} file {path} is owned by uid {info.st_uid}, not by the "
                                  f"kiosk's user (uid {os.geteuid()}): give it to that user, mode 0600")
            mode = stat.S_IMODE(info.st_mode)
            if mode & 0o077:
                os.fchmod(fd, 0o600)
                loosened = mode
                log.warning("the %s file %s could be read by others (mode %s); now owner-only (0600)",
                            what, path, oct(mode))
        key = b""
        while len(key) <= KEY_BYTES:
            chunk = os.read(fd, KEY_BYTES + 1 - len(key))
            if not chunk:
                break
            key += chunk
    finally:
        os.close(fd)
    if len(key) != KEY_BYTES:
        raise PiiKeyError(
            f"the {what} file {path} holds {info.st_size} bytes, not {KEY_BYTES} bytes: it is damaged or "
            f"not a key. Put the kiosk's key back from a backup. Moving this file away makes a new key, and "
            f"the contact details stored under the old one can then no longer be read")
    return key, loosened


def _create_key_file(path: Path) -> bool:
    """Write a new key to a temp file beside `path`, sync it and link it into place: the key appears
    whole or not at all. Linking never replaces: when two processes start together the first key to
    land wins and the other process uses it. True when this call's key is the one in place."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(AESGCM.generate_key(bit_length=KEY_BYTES * 8))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
        _fsync_dir(path.parent)  # the new name survives a power cut too
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # a directory cannot be opened for syncing on Windows
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
