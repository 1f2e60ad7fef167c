"""The technician's PIN: an argon2id hash with a pepper, and a lockout that survives a restart.

The hash (argon2-cffi, OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane) is kept in the
database's settings; the pepper, a 32-byte secret HMAC'd into the PIN before hashing, is a file beside
the database and never in it, so a copied database alone cannot be brute-forced offline: with six
digits there are only a million PINs.

Five wrong PINs in a row lock the pad for 30 s; every wrong PIN after that locks it again for twice as
long, up to an hour. The count and the end of the lock are stored, so a restart (or a pulled plug)
does not reset them. A clock set back cannot stretch a lock beyond its longest delay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from kiosk.db.engine import Database
from kiosk.db.models import Setting
from kiosk.errors import KioskError
from kiosk.pii import secret_file

log = logging.getLogger(__name__)

# OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1
TIME_COST = 2
MEMORY_KIB = 19 * 1024
PARALLELISM = 1
PIN_DIGITS = (6, 12)
DEMO_PIN = "246810"  # demo mode only; documented in the README

FREE_TRIES = 5
FIRST_LOCK_S = 30
LONGEST_LOCK_S = 3600

HASH_KEY = "technician.pin_hash"
FAILURES_KEY = "technician.pin_failures"
LOCKED_UNTIL_KEY = "technician.pin_locked_until"


class PinRuleError(KioskError):
    """A new PIN that is not allowed (too short, not digits, too easy to guess)."""


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    locked_s: int = 0  # > 0: refused without being checked, or this try started a lock
    tries_left: int = FREE_TRIES  # wrong PINs before the next lock


def hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                          hash_len=32, salt_len=16, type=Type.ID)


def check_new_pin(pin: str) -> None:
    lo, hi = PIN_DIGITS
    if not (pin.isascii() and pin.isdigit() and lo <= len(pin) <= hi):
        raise PinRuleError(f"a PIN is {lo} to {hi} digits")
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if steps in ({0}, {1}, {-1}):
        raise PinRuleError("a PIN of one repeated digit or a run such as 123456 is too easy to guess")


def lock_seconds(failures: int) -> int:
    """How long the pad stays locked after this many wrong PINs in a row (0: not locked)."""
    if failures < FREE_TRIES:
        return 0
    return int(min(LONGEST_LOCK_S, FIRST_LOCK_S * 2 ** min(failures - FREE_TRIES, 20)))


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class TechnicianPin:
    def __init__(self, db: Database, pepper_file: Path,
                 clock: Callable[[], dt.datetime] = _utcnow) -> None:
        self._db = db
        self._pepper = secret_file(pepper_file, "PIN pepper")
        self._clock = clock
        self._hasher = hasher()

    def _peppered(self, pin: str) -> str:
        return hmac.new(self._pepper, pin.encode(), hashlib.sha256).hexdigest()

    def _get(self, key: str) -> str:
        with self._db.read() as session:
            return session.scalar(select(Setting.value).where(Setting.key == key)) or ""

    def is_set(self) -> bool:
        return bool(self._get(HASH_KEY))

    def set_pin(self, pin: str) -> None:
        check_new_pin(pin)
        digest = self._hasher.hash(self._peppered(pin))
        with self._db.write() as session:
            session.merge(Setting(key=HASH_KEY, value=digest))
            session.merge(Setting(key=FAILURES_KEY, value="0"))
            session.merge(Setting(key=LOCKED_UNTIL_KEY, value=""))

    def forget(self) -> None:
        """The operator's way back when nobody knows the PIN (or its pepper file was lost): the next
        start asks for a new one. Only from the command line, with the kiosk stopped."""
        with self._db.write() as session:
            for key in (HASH_KEY, FAILURES_KEY, LOCKED_UNTIL_KEY):
                row = session.get(Setting, key)
                if row is not None:
                    session.delete(row)

    def locked_for(self) -> int:
        """Seconds until the pad takes a PIN again (0: it does now)."""
        until = self._get(LOCKED_UNTIL_KEY)
        if not until:
            return 0
        left = (dt.datetime.fromisoformat(until) - self._clock()).total_seconds()
        # a clock set back must not lock the pad for longer than the longest lock
        return max(0, min(LONGEST_LOCK_S, int(left + 0.999)))

    def verify(self, pin: str) -> PinCheck:
        """Check a PIN unless the pad is locked; a wrong one counts even across restarts."""
        locked = self.locked_for()
        if locked:
            return PinCheck(False, locked_s=locked, tries_left=0)
        stored = self._get(HASH_KEY)
        if not stored:
            raise KioskError("no technician PIN is set")
        try:
            self._hasher.verify(stored, self._peppered(pin))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return self._failed()
        with self._db.write() as session:
            session.merge(Setting(key=FAILURES_KEY, value="0"))
            session.merge(Setting(key=LOCKED_UNTIL_KEY, value=""))
            if self._hasher.check_needs_rehash(stored):  # parameters raised since it was set
                session.merge(Setting(key=HASH_KEY, value=self._hasher.hash(self._peppered(pin))))
        return PinCheck(True)

    def _failed(self) -> PinCheck:
        with self._db.write() as session:
            row = session.get(Setting, FAILURES_KEY)
            failures = (int(row.value) if row is not None and row.value.isdigit() else 0) + 1
            session.merge(Setting(key=FAILURES_KEY, value=str(failures)))
            lock = lock_seconds(failures)
            until = (self._clock() + dt.timedelta(seconds=lock)).isoformat() if lock else ""
            session.merge(Setting(key=LOCKED_UNTIL_KEY, value=until))
        log.warning("technician PIN: wrong PIN (%d in a row)%s", failures,
                    f"; locked for {lock} s" if lock else "")
        return PinCheck(False, locked_s=lock, tries_left=max(0, FREE_TRIES - failures))
