"""Personal data at rest in the store: sealed with AES-GCM under a key kept outside the database,
shown masked, erased a retention after the order is complete.

What is personal: an order's `contact` (name, phone, address, as the kiosk pushed it), the same inside a
quarantined payload, and the contact values a change request asks for (`contact_name`, `contact_phone`,
`address`). Each is stored as its masked forms (what every page shows) plus one ciphertext of the clear
values (`"sealed"`), bound to its place as associated data ("order:<uuid>", "quarantine:<uuid>",
"request:<request_id>") so a ciphertext copied to another row does not open there. Erasing drops the
ciphertext and keeps the masked forms (`"erased": true`).

The key is 32 random bytes in a file of its own (`--pii-key-file`, $CLOUDSTORE_PII_KEY_FILE, default
`pii.key` in the store's data directory), owner-only, made atomically at the first start. A check value
sealed under it is kept in `store_state` ("pii-check"): a start whose key file is missing or holds
another key while the database has one refuses to start (PiiKeyError) instead of sealing new orders
under a new key or, worse, storing them in the clear. Every reader opens the data here, through the
session's cipher (`StoreDB.pii`, set by `cloudstore.app.create_app`).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import platformdirs
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session

from cloudstore.db import StoreDB
from cloudstore.models import OrderEvent, OrderRequest, QuarantinedItem, StoreOrder, StoreState
from kiosk.sync.protocol import FulfilmentStatus as S
from kiosk.sync.protocol import mask_address, mask_name
from kiosk.sync.protocol import mask_phone as _mask_phone

log = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
KEY_FILE_ENV = "CLOUDSTORE_PII_KEY_FILE"
RETENTION_ENV = "CLOUDSTORE_PII_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30
PURGE_INTERVAL_S = 3600.0
# An order is complete when nothing more happens to it that needs the shopper's contact: handed over
# (DELIVERED, PICKED_UP; a return within the window asks for no contact, and a return request takes the
# order out of this set again) or refunded after a return (REFUNDED). RETURNED is not: the refund is
# still to be made. ACCEPTED, READY_FOR_PICKUP, SHIPPED and RETURN_REQUESTED are under way.
COMPLETE = (S.DELIVERED, S.PICKED_UP, S.REFUNDED)
CONTACT_FIELDS = ("name", "phone", "address")
REQUEST_FIELDS = {"contact_name": "name", "contact_phone": "phone", "address": "address"}
CHECK_STATE = "pii-check"
SEAL_STATE = "seal-plain"  # written by migration 0004 when rows from before sealing exist
PURGE_STATE = "pii-purge"
LEASE = dt.timedelta(minutes=15)
_CHECK_TEXT = "cloudstore pii key check"
_PAGE = 500
_MASKED_PHONE = re.compile(r"\d{3}\*{4}\d{4}|\*+\d{0,2}")


class PiiError(RuntimeError):
    """A sealed value does not open (tampered, or another key)."""


class PiiKeyError(PiiError):
    """The key file cannot be used: the store does not start until someone fixes it."""


def default_key_file() -> str:
    env = os.environ.get(KEY_FILE_ENV)
    if env:
        return env
    return str(Path(platformdirs.user_data_dir("cloudstore", appauthor=False)) / "pii.key")


def mask_phone(phone: str) -> str:
    """kiosk.sync.protocol.mask_phone, that leaves an already masked phone (an erased order's) as it is."""
    if _MASKED_PHONE.fullmatch(phone):
        return phone
    return _mask_phone(phone)


def masked(contact: dict[str, str]) -> dict[str, str]:
    return {"name": mask_name(contact.get("name", "")),
            "phone": mask_phone(contact.get("phone", "")) if contact.get("phone") else "",
            "address": mask_address(contact.get("address", "")) if contact.get("address") else ""}


class PiiCipher:
    def __init__(self, key: bytes, path: Path | None = None) -> None:
        if len(key) != KEY_BYTES:
            raise PiiKeyError(f"the PII key must be {KEY_BYTES} bytes, not {len(key)}")
        self._aead = AESGCM(key)
        self.path = path

    def seal(self, value: Any, *, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return base64.b64encode(nonce + self._aead.encrypt(nonce, plain, context.encode("utf-8"))).decode()

    def open(self, sealed: str, *, context: str) -> Any:
        try:
            blob = base64.b64decode(sealed, validate=True)
        except ValueError:
            raise PiiError(f"the sealed value of {context.split(':')[0]} is damaged") from None
        if len(blob) <= NONCE_BYTES:
            raise PiiError("sealed value is truncated")
        try:
            plain = self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode("utf-8"))
        except InvalidTag:
            raise PiiError(f"a sealed {context.split(':')[0]} does not open with this key") from None
        return json.loads(plain)


# --- the key file and the start-up check -------------------------------------------------------------


def load(path: str | Path, db: StoreDB) -> PiiCipher:
    """The store's cipher, from its key file, checked against the database (see the module's doc)."""
    path = Path(path)
    with db.read() as session:
        check = session.get(StoreState, CHECK_STATE)
        check_value = check.value if check is not None else None
    if not path.exists() and check_value is not None:
        raise PiiKeyError(
            f"the PII key file {path} is missing, but the database holds personal data sealed under a "
            f"key: put the store's key file back from a backup (or point --pii-key-file / {KEY_FILE_ENV} "
            f"at it). The store does not start without it")
    created = _ensure_key_file(path)
    cipher = PiiCipher(_read_key(path), path)
    if created:
        log.info("made a new PII key at %s", path)
    if check_value is None:
        with contextlib.suppress(IntegrityError), db.write() as session:  # another worker's came first
            if session.get(StoreState, CHECK_STATE) is None:
                session.add(StoreState(name=CHECK_STATE, value=cipher.seal(_CHECK_TEXT, context=CHECK_STATE)))
        with db.read() as session:  # another worker may have written its check first: it must open
            check = session.get(StoreState, CHECK_STATE)
            check_value = check.value if check is not None else None
    try:
        if check_value is None or cipher.open(check_value, context=CHECK_STATE) != _CHECK_TEXT:
            raise PiiError("no key check")
    except PiiError:
        raise PiiKeyError(
            f"the PII key file {path} holds another key than the one the database's personal data is "
            f"sealed under: put the store's own key file back. The store does not start with it") from None
    return cipher


def _ensure_key_file(path: Path) -> bool:
    """Make the key file when there is none (whole or not at all; the first of two starts wins)."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _read_key(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO planted here must not hang
    except OSError as exc:
        raise PiiKeyError(f"the PII key file {path} cannot be read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PiiKeyError(f"the PII key file {path} is not a regular file")
        if os.name == "posix":
            if info.st_uid != os.geteuid():
                raise PiiKeyError(f"the PII key file {path} is owned by uid {info.st_uid}, not by the "
                                  f"store's user (uid {os.geteuid()}): give it to that user, mode 0600")
            if stat.S_IMODE(info.st_mode) & 0o077:
                os.fchmod(fd, 0o600)
                log.warning("the PII key file %s could be read by others; now owner-only (0600)", path)
        key = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(key) != KEY_BYTES:
        raise PiiKeyError(f"the PII key file {path} holds {len(key)} bytes, not {KEY_BYTES}: it is damaged "
                          "or not a key. Put the store's key file back from a backup")
    return key


def cipher_of(session: Session) -> PiiCipher:
    cipher = session.info.get("pii")
    if not isinstance(cipher, PiiCipher):
        raise PiiKeyError("this database session has no PII key (StoreDB.pii is not set)")
    return cipher


# --- sealing ------------------------------------------------------------------------------------------


def order_context(order_uuid: str) -> str:
    return f"order:{order_uuid}"


def seal_contact(cipher: PiiCipher, contact: Any, context: str, *, pushed: bool = True) -> Any:
    """The stored form of a contact: masked forms and one ciphertext of the whole contact. An empty one
    (a pickup order's {}) and one not a dict are kept as they are; so is, when it is a stored row's
    (`pushed` False), one sealed or erased already."""
    if not contact:
        return contact
    if not isinstance(contact, dict):  # not a valid order's (quarantined): sealed whatever it holds
        return {"sealed": cipher.seal(contact, context=context)}
    if not pushed and ("sealed" in contact or contact.get("erased") is True):
        return contact
    clear = {str(k): v for k, v in contact.items()}
    shown = masked({k: str(v) for k, v in clear.items() if k in CONTACT_FIELDS and isinstance(v, str)})
    return {**shown, "sealed": cipher.seal(clear, context=context)}


def seal_payload(cipher: PiiCipher, payload: dict[str, Any], context: str, *,
                 pushed: bool = True) -> dict[str, Any] | None:
    """The payload with its contact sealed; None when it has nothing to seal."""
    contact = payload.get("contact")
    stored = seal_contact(cipher, contact, context, pushed=pushed)
    return None if stored is contact else {**payload, "contact": stored}


def seal_quarantined(cipher: PiiCipher, text: str, order_uuid: str, *, pushed: bool = True) -> str:
    """A quarantined payload (text as received, maybe not JSON at all) with its contact sealed."""
    try:
        payload = json.loads(text)
    except ValueError:
        return text
    if not isinstance(payload, dict):
        return text
    sealed = seal_payload(cipher, payload, f"quarantine:{order_uuid}", pushed=pushed)
    return text if sealed is None else json.dumps(sealed, ensure_ascii=False, separators=(",", ":"))


def seal_changes(cipher: PiiCipher, changes: dict[str, Any], request_id: str) -> dict[str, Any]:
    """A change request's stored values: its contact values masked, and sealed together."""
    clear = {f: v for f, v in changes.items() if f in REQUEST_FIELDS and isinstance(v, str)}
    if not clear:
        return dict(changes)
    shown = masked({REQUEST_FIELDS[f]: v for f, v in clear.items()})
    return {**changes, **{f: shown[REQUEST_FIELDS[f]] for f in clear},
            "sealed": cipher.seal(clear, context=f"request:{request_id}")}


# --- reading: the one place that opens stored personal data -------------------------------------------


def contact(session: Session, order_uuid: str, payload: dict[str, Any]) -> dict[str, str]:
    """An order's contact as pushed: clear while sealed (or from before sealing), its masked forms once
    erased. Unmasked: mask it for every page and answer (`masked`)."""
    raw = payload.get("contact")
    if not isinstance(raw, dict):
        return {k: "" for k in CONTACT_FIELDS}
    if "sealed" in raw:
        raw = cipher_of(session).open(str(raw["sealed"]), context=order_context(order_uuid))
    return {k: str(raw.get(k) or "") for k in CONTACT_FIELDS} if isinstance(raw, dict) \
        else {k: "" for k in CONTACT_FIELDS}


def request_changes(session: Session, req: OrderRequest) -> dict[str, Any]:
    """A request's changes with its contact values clear (masked once erased); no "sealed" key."""
    changes = dict(req.changes)
    sealed = changes.pop("sealed", None)
    changes.pop("erased", None)
    if isinstance(sealed, str):
        changes.update(cipher_of(session).open(sealed, context=f"request:{req.request_id}"))
    return changes


def shown_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """A stored payload fit for the merchant's audit view: its contact masked, no ciphertext."""
    raw = payload.get("contact")
    if not isinstance(raw, dict) or not raw:
        return payload
    clear = {k: str(raw.get(k) or "") for k in CONTACT_FIELDS}
    return {**payload, "contact": masked(clear)}


# --- the one-time sealing of rows stored before the store sealed them ----------------------------------


def seal_stored(db: StoreDB, cipher: PiiCipher) -> int:
    """Seal the personal data of the rows stored in the clear before migration 0004, once (its marker
    row), a page per transaction. Returns how many rows were sealed."""
    with db.read() as session:
        if session.get(StoreState, SEAL_STATE) is None:
            return 0
    done = 0
    models: tuple[type[StoreOrder] | type[QuarantinedItem] | type[OrderRequest], ...] = (
        StoreOrder, QuarantinedItem, OrderRequest)
    for model in models:
        last = 0
        while True:
            with db.write() as session:
                rows = cast(list[StoreOrder | QuarantinedItem | OrderRequest], list(session.execute(
                    select(model).where(model.id > last).order_by(model.id).limit(_PAGE)).scalars()))
                for row in rows:
                    done += _seal_row(cipher, row)
            if len(rows) < _PAGE:
                break
            last = rows[-1].id
    with db.write() as session:
        marker = session.get(StoreState, SEAL_STATE)
        if marker is not None:
            session.delete(marker)
    db.checkpoint()  # no clear copy left behind in SQLite's -wal file
    log.info("sealed the personal data of %d rows stored before the store encrypted it", done)
    return done


def _seal_row(cipher: PiiCipher, row: StoreOrder | QuarantinedItem | OrderRequest) -> int:
    if isinstance(row, StoreOrder):
        sealed = seal_payload(cipher, row.payload, order_context(row.order_uuid), pushed=False)
        if sealed is None:
            return 0
        session = object_session(row)
        assert session is not None
        session.execute(update(StoreOrder).where(StoreOrder.id == row.id)
                        .values(payload=sealed, updated_at=StoreOrder.updated_at))  # no change to the order
        return 1
    if isinstance(row, QuarantinedItem):
        text = seal_quarantined(cipher, row.payload, row.order_uuid, pushed=False)
        if text == row.payload:
            return 0
        row.payload = text
        return 1
    if row.kind != "modification" or "sealed" in row.changes or row.changes.get("erased"):
        return 0
    changes = seal_changes(cipher, row.changes, row.request_id)
    if changes == row.changes:
        return 0
    row.changes = changes
    return 1


# --- retention -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Purged:
    orders: int = 0
    requests: int = 0
    quarantined: int = 0


def erased_contact(contact: Any) -> Any:
    """A stored contact without its ciphertext: the masked forms alone (nothing of one that was not
    a contact at all)."""
    if not contact:
        return contact
    if not isinstance(contact, dict):
        return {"erased": True}
    shown = {k: v for k, v in contact.items() if k in CONTACT_FIELDS and isinstance(v, str)}
    return {**masked(shown), "erased": True}


def _erased_changes(changes: dict[str, Any]) -> dict[str, Any]:
    kept = {f: v for f, v in changes.items() if f != "sealed"}
    personal = {REQUEST_FIELDS[f]: v for f, v in kept.items() if f in REQUEST_FIELDS and isinstance(v, str)}
    if not personal:
        return kept
    shown = masked(personal)
    return {**kept, **{f: shown[k] for f, k in REQUEST_FIELDS.items() if k in personal}, "erased": True}


def completed_at() -> Any:
    """When an order reached the status it has (its latest event), for the retention's clock."""
    latest = (select(func.max(OrderEvent.at)).where(OrderEvent.order_uuid == StoreOrder.order_uuid)
              .scalar_subquery())
    return func.coalesce(latest, StoreOrder.updated_at)


def purge(db: StoreDB, retention_days: int, now: dt.datetime | None = None) -> Purged:
    """Erase the personal data of the orders complete for more than `retention_days`, of their requests
    and quarantined copies, and of quarantined items of no stored order received that long ago. Needs
    no key: the masked forms stay, the ciphertext goes. A page per transaction."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    cutoff = now - dt.timedelta(days=retention_days)
    orders = requests = quarantined = 0
    while True:
        with db.write() as session:
            page = list(session.execute(
                select(StoreOrder).where(StoreOrder.status.in_([str(s) for s in COMPLETE]),
                                         StoreOrder.pii_erased_at.is_(None), completed_at() < cutoff)
                .order_by(StoreOrder.id).limit(_PAGE).with_for_update()).scalars())
            uuids = [o.order_uuid for o in page]
            for order in page:
                payload = order.payload
                if "contact" in payload:
                    payload = {**payload, "contact": erased_contact(payload["contact"])}
                session.execute(update(StoreOrder).where(StoreOrder.id == order.id).values(
                    payload=payload, pii_erased_at=now, updated_at=StoreOrder.updated_at))  # no change to it
            if uuids:
                for req in session.execute(select(OrderRequest).where(OrderRequest.order_uuid.in_(uuids),
                                                                      OrderRequest.kind == "modification")
                                           ).scalars():
                    erased = _erased_changes(req.changes)
                    if erased != req.changes:
                        req.changes = erased
                        requests += 1
                quarantined += _erase_quarantined(session, QuarantinedItem.order_uuid.in_(uuids), now)
            orders += len(page)
        if len(page) < _PAGE:
            break
    with db.write() as session:
        orphan = and_(QuarantinedItem.received_at < cutoff, ~select(StoreOrder.id).where(
            StoreOrder.order_uuid == QuarantinedItem.order_uuid).exists())
        quarantined += _erase_quarantined(session, orphan, now)
    if orders or quarantined:
        db.checkpoint()  # no older copy of the ciphertext left in SQLite's -wal file
    return Purged(orders, requests, quarantined)


def _erase_quarantined(session: Session, where: Any, now: dt.datetime) -> int:
    count = 0
    for item in session.execute(select(QuarantinedItem).where(where, QuarantinedItem.pii_erased_at.is_(None))
                                ).scalars():
        with contextlib.suppress(ValueError):
            payload = json.loads(item.payload)
            if isinstance(payload, dict) and "contact" in payload:
                erased = {**payload, "contact": erased_contact(payload["contact"])}
                if erased != payload:
                    item.payload = json.dumps(erased, ensure_ascii=False, separators=(",", ":"))
                    count += 1
        item.pii_erased_at = now
    return count


# --- the scheduled purge: one process at a time, by a lease in the database ------------------------------


@contextlib.contextmanager
def lease(db: StoreDB, name: str, holder: str, now: dt.datetime | None = None) -> Iterator[bool]:
    """True inside when this process holds the job `name` (no other holds it, or its lease ran out);
    the lease is released when the block ends."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with contextlib.suppress(IntegrityError), db.write() as session:  # made by migration 0004 for the purge
        if session.get(StoreState, name) is None:
            session.add(StoreState(name=name, value=""))
    with db.write() as session:
        result: Any = session.execute(update(StoreState).where(
            StoreState.name == name, or_(StoreState.lease_until.is_(None), StoreState.lease_until < now))
            .values(lease_until=now + LEASE, holder=holder[:64]))
        got = result.rowcount == 1
    try:
        yield got
    finally:
        if got:
            with db.write() as session:
                session.execute(update(StoreState).where(StoreState.name == name, StoreState.holder == holder)
                                .values(lease_until=None, last_run_at=now))


def scheduled_purge(db: StoreDB, retention_days: int, holder: str) -> Purged | None:
    """One run of the scheduled purge, unless another process is running it (None)."""
    with lease(db, PURGE_STATE, holder) as got:
        if not got:
            log.info("personal data purge: another store process is running it")
            return None
        done = purge(db, retention_days)
    log.info("personal data purge (retention %d days): erased %d orders, %d requests, %d quarantined items",
             retention_days, done.orders, done.requests, done.quarantined)
    return done
