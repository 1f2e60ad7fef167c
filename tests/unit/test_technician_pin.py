"""The technician PIN: argon2id with OWASP's parameters and a pepper outside the database, and a
lockout that grows and survives a restart."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from argon2 import Type
from argon2.low_level import ARGON2_VERSION

from kiosk.__main__ import main
from kiosk.audit import AuditLog
from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.errors import EXIT_ALREADY_RUNNING
from kiosk.instance_lock import InstanceLock
from kiosk.paths import DataPaths
from kiosk.technician_pin import (
    FIRST_LOCK_S,
    FREE_TRIES,
    HASH_KEY,
    LONGEST_LOCK_S,
    PinRuleError,
    TechnicianPin,
    check_new_pin,
    lock_seconds,
)

PIN = "482916"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 7, 9, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def stored_hash(db: Database) -> str:
    with sqlite3.connect(db.path) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (HASH_KEY,)).fetchone()
    return str(row[0])


def test_the_hash_is_argon2id_with_owasp_parameters_and_no_pin_in_the_database(db: Database,
                                                                                tmp_path: Path) -> None:
    pin = TechnicianPin(db, tmp_path / "pin.pepper")
    pin.set_pin(PIN)
    encoded = stored_hash(db)
    # $argon2id$v=19$m=19456,t=2,p=1$salt$hash
    _, variant, version, params, _salt, _digest = encoded.split("$")
    assert variant == "argon2id" and Type.ID.name == "ID"
    assert version == f"v={ARGON2_VERSION}"
    assert dict(p.split("=") for p in params.split(",")) == {"m": "19456", "t": "2", "p": "1"}
    assert PIN.encode() not in db.path.read_bytes()


def test_the_pepper_lives_outside_the_database_and_the_hash_alone_does_not_verify(db: Database,
                                                                                   tmp_path: Path) -> None:
    TechnicianPin(db, tmp_path / "pin.pepper").set_pin(PIN)
    pepper = (tmp_path / "pin.pepper").read_bytes()
    assert len(pepper) == 32 and pepper not in db.path.read_bytes()
    assert oct((tmp_path / "pin.pepper").stat().st_mode & 0o777) == "0o600"
    assert TechnicianPin(db, tmp_path / "pin.pepper").verify(PIN).ok
    # the database copied without its pepper file: the right PIN does not match any more
    assert not TechnicianPin(db, tmp_path / "other.pepper").verify(PIN).ok


@pytest.mark.parametrize("bad", ["12345", "1234567890123", "12a456", "000000", "123456", "987654",
                                 "１２３４５６"])
def test_easy_or_malformed_pins_are_refused(bad: str) -> None:
    with pytest.raises(PinRuleError):
        check_new_pin(bad)


def test_five_wrong_pins_lock_the_pad_and_each_further_one_doubles_the_lock(db: Database,
                                                                             tmp_path: Path) -> None:
    clock = Clock()
    pin = TechnicianPin(db, tmp_path / "pin.pepper", clock)
    pin.set_pin(PIN)
    results = [pin.verify("000001") for _ in range(FREE_TRIES)]
    assert [r.tries_left for r in results] == [4, 3, 2, 1, 0]
    assert results[-1].locked_s == FIRST_LOCK_S
    # while locked even the right PIN is refused, unchecked
    refused = pin.verify(PIN)
    assert not refused.ok and refused.locked_s == FIRST_LOCK_S
    clock.advance(FIRST_LOCK_S)
    sixth = pin.verify("000001")
    assert sixth.locked_s == 2 * FIRST_LOCK_S
    clock.advance(2 * FIRST_LOCK_S)
    assert pin.verify(PIN).ok
    assert pin.verify("000001").locked_s == 0  # a right PIN starts the count afresh


def test_the_lock_survives_a_restart(db: Database, tmp_path: Path) -> None:
    clock = Clock()
    TechnicianPin(db, tmp_path / "pin.pepper", clock).set_pin(PIN)
    for _ in range(FREE_TRIES):
        TechnicianPin(db, tmp_path / "pin.pepper", clock).verify("000001")
    db.close()
    reopened = TechnicianPin(Database(db.path), tmp_path / "pin.pepper", clock)
    assert reopened.locked_for() == FIRST_LOCK_S
    assert not reopened.verify(PIN).ok


def test_a_clock_set_back_cannot_lock_the_pad_for_longer_than_the_longest_lock(db: Database,
                                                                              tmp_path: Path) -> None:
    clock = Clock()
    pin = TechnicianPin(db, tmp_path / "pin.pepper", clock)
    pin.set_pin(PIN)
    for _ in range(FREE_TRIES):
        pin.verify("000001")
    clock.advance(-30 * 24 * 3600)
    assert 0 < pin.locked_for() <= LONGEST_LOCK_S


def test_lock_seconds_grow_to_an_hour_and_stop_there() -> None:
    assert [lock_seconds(n) for n in range(FREE_TRIES)] == [0] * FREE_TRIES
    assert lock_seconds(FREE_TRIES) == FIRST_LOCK_S
    assert lock_seconds(FREE_TRIES + 1) == 2 * FIRST_LOCK_S
    assert lock_seconds(10_000) == LONGEST_LOCK_S


def test_a_pepper_file_others_could_read_is_made_owner_only(db: Database, tmp_path: Path) -> None:
    TechnicianPin(db, tmp_path / "pin.pepper")
    os.chmod(tmp_path / "pin.pepper", 0o644)
    TechnicianPin(db, tmp_path / "pin.pepper")
    assert (tmp_path / "pin.pepper").stat().st_mode & 0o077 == 0


def test_the_operator_resets_a_forgotten_pin_from_the_command_line_with_the_kiosk_stopped(
        tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    db = Database(paths.database)
    upgrade(db)
    pin = TechnicianPin(db, paths.pin_pepper)
    pin.set_pin(PIN)
    for _ in range(FREE_TRIES):
        pin.verify("000001")
    assert pin.locked_for() > 0

    running = InstanceLock(paths.lock_file)
    running.acquire()
    try:
        assert main(["--reset-pin", "--data-dir", str(paths.root)]) == EXIT_ALREADY_RUNNING
        assert pin.is_set()
    finally:
        running.release()

    assert main(["--reset-pin", "--data-dir", str(paths.root)]) == 0
    assert not pin.is_set() and pin.locked_for() == 0
    entry = AuditLog(db).recent(1)[0]
    assert (entry.actor, entry.action, entry.result) == ("operator", "maintenance.pin_reset", "ok")
    db.close()
