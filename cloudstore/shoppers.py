"""Repeat shoppers without their numbers: an HMAC-SHA256 of the shopper's phone under a store-wide salt.

The salt is 32 random bytes in a file of its own, outside the database (default beside the store's
default database, `--shopper-salt-file` or $CLOUDSTORE_SHOPPER_SALT_FILE to put it elsewhere), owner-only,
made atomically on first use: a copy of the database alone cannot tell which hash is which number by
trying every phone number. Losing the file only starts repeat-shopper counting afresh (new orders hash
differently from old ones); nothing else depends on it.

Every kiosk's orders hash under the same salt, so a shopper who buys at two kiosks is one shopper.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import re
import stat
import tempfile
from pathlib import Path

import platformdirs
from sqlalchemy import select, update

from cloudstore import pii
from cloudstore.db import StoreDB
from cloudstore.models import StoreOrder

log = logging.getLogger(__name__)

SALT_BYTES = 32
SALT_FILE_ENV = "CLOUDSTORE_SHOPPER_SALT_FILE"
_NOT_DIGITS = re.compile(r"[^0-9]")
MIN_PHONE_DIGITS = 5  # fewer is no phone number to recognise anyone by
PENDING = "?"  # the shopper hash of an order stored before the store kept them (migration 0002)
_BACKFILL_PAGE = 500


class SaltFileError(RuntimeError):
    """The salt file exists but cannot be used as one (wrong size, not a regular file, not ours)."""


def default_salt_file() -> str:
    env = os.environ.get(SALT_FILE_ENV)
    if env:
        return env
    return str(Path(platformdirs.user_data_dir("cloudstore", appauthor=False)) / "shopper-salt.key")


def load_salt(path: str | Path) -> bytes:
    """The salt in `path`, created there (mode 0600) when the file does not exist yet."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _read(path)
    except FileNotFoundError:
        _create(path)
        log.info("created the shopper-hash salt file %s", path)
        return _read(path)


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO planted here must not hang
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SaltFileError(f"the shopper salt {path} is not a regular file")
        if os.name == "posix":
            if info.st_uid != os.geteuid():
                raise SaltFileError(f"the shopper salt {path} is owned by uid {info.st_uid}, not by the "
                                    f"store's user (uid {os.geteuid()})")
            if stat.S_IMODE(info.st_mode) & 0o077:
                os.fchmod(fd, 0o600)
                log.warning("the shopper salt %s could be read by others; now owner-only (0600)", path)
        salt = os.read(fd, SALT_BYTES + 1)
    finally:
        os.close(fd)
    if len(salt) != SALT_BYTES:
        raise SaltFileError(f"the shopper salt {path} holds {len(salt)} bytes, not {SALT_BYTES}: damaged or "
                            "not a salt file. Restore it from a backup, or move it away to start repeat-"
                            "shopper counting afresh")
    return salt


def _create(path: Path) -> None:
    """Write a new salt beside `path` and link it into place: whole or not at all, and when two
    processes start together the first one's salt wins."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(SALT_BYTES))
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def normalise_phone(phone: str) -> str:
    """The digits that identify a phone: a mobile number's last 11 (so +86 138… and 138… match), else
    all of them; "" when there are too few digits to be a number."""
    digits = _NOT_DIGITS.sub("", phone)
    if len(digits) < MIN_PHONE_DIGITS:
        return ""
    return digits[-11:] if len(digits) >= 11 else digits


def shopper_hash(salt: bytes | None, phone: object) -> str:
    """Hex HMAC-SHA256 of the normalised phone under the salt; "" without a salt or a usable phone."""
    if salt is None or not isinstance(phone, str):
        return ""
    digits = normalise_phone(phone)
    if not digits:
        return ""
    return hmac.new(salt, digits.encode("ascii"), hashlib.sha256).hexdigest()


def order_shopper_hash(salt: bytes | None, payload: dict[str, object]) -> str:
    contact = payload.get("contact")
    return shopper_hash(salt, contact.get("phone")) if isinstance(contact, dict) else ""


def backfill(db: StoreDB, salt: bytes) -> int:
    """Hash the phones of the orders stored before the store kept shopper hashes (marked PENDING by
    migration 0002), a page per transaction; returns how many were done. Nothing to do is one query."""
    done = 0
    while True:
        with db.write() as session:
            page = session.execute(select(StoreOrder.id, StoreOrder.order_uuid, StoreOrder.payload)
                                   .where(StoreOrder.shopper_hash == PENDING)
                                   .order_by(StoreOrder.id).limit(_BACKFILL_PAGE)).all()
            for order_id, order_uuid, payload in page:
                phone = pii.contact(session, order_uuid, payload)["phone"]  # sealed or not yet
                session.execute(update(StoreOrder).where(StoreOrder.id == order_id)
                                .values(shopper_hash=shopper_hash(salt, phone),
                                        updated_at=StoreOrder.updated_at))  # no change to the order
        done += len(page)
        if len(page) < _BACKFILL_PAGE:
            if done:
                log.info("hashed the shoppers' phones of %d orders stored before the reports", done)
            return done
