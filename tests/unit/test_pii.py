"""Personal data is encrypted at rest with a key outside the database, and masked for display."""

from __future__ import annotations

import errno
import logging
import os
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.pii import PiiCipher, PiiError, PiiKeyError
from kiosk.sync.protocol import mask_name, mask_phone


@pytest.fixture
def cipher(tmp_path: Path) -> PiiCipher:
    return PiiCipher.from_key_file(tmp_path / "pii.key")


@given(text=st.text(max_size=200))
def test_round_trip_of_any_text(text: str) -> None:
    cipher = PiiCipher(b"k" * 32)
    blob = cipher.encrypt(text, context="order:1:phone")
    assert cipher.decrypt(blob, context="order:1:phone") == text
    if len(text.encode()) >= 8:  # shorter byte strings turn up in random ciphertext by chance
        assert text.encode() not in blob


def test_key_file_is_created_once_and_private(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "pii.key"
    blob = PiiCipher.from_key_file(key_file).encrypt("13812341234", context="c")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert PiiCipher.from_key_file(key_file).decrypt(blob, context="c") == "13812341234"


def test_tampered_moved_or_foreign_values_do_not_decrypt(cipher: PiiCipher, tmp_path: Path) -> None:
    blob = cipher.encrypt("北京市朝阳区", context="order:a:address")
    with pytest.raises(PiiError):
        cipher.decrypt(blob[:-1] + bytes([blob[-1] ^ 1]), context="order:a:address")
    with pytest.raises(PiiError):
        cipher.decrypt(blob, context="order:b:address")  # copied into another order
    with pytest.raises(PiiError):
        PiiCipher.from_key_file(tmp_path / "other.key").decrypt(blob, context="order:a:address")
    with pytest.raises(PiiError, match="truncated"):
        cipher.decrypt(b"short", context="x")


def test_a_wrong_size_key_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "pii.key"
    bad.write_bytes(b"too short")
    with pytest.raises(PiiError, match="32 bytes"):
        PiiCipher.from_key_file(bad)


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812341234", "138****1234"), ("+86 138-1234-1234", "138****1234"), ("12345", "***45"), ("", ""),
])
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(("name", "masked"), [
    ("张三", "张*"), ("欧阳娜娜", "欧***"), ("Lily", "L**y"), ("Li", "L*"),
])
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


# --- the key file: written whole or not at all, one key however many processes start together --------


def test_a_key_write_that_fails_leaves_no_key_file_behind(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    key_file = tmp_path / "pii.key"

    def disk_error(_fd: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_error)
        with pytest.raises(OSError, match="I/O error"):
            PiiCipher.from_key_file(key_file)
    # a half-written key at the real name would refuse every later start as the wrong length
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    PiiCipher.from_key_file(key_file).encrypt("x", context="c")
    assert len(key_file.read_bytes()) == 32


def test_a_new_key_is_synced_to_disk_with_its_directory(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(os.fstat(fd).st_mode)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    key_file = tmp_path / "keys" / "pii.key"
    PiiCipher.from_key_file(key_file)
    assert [stat.S_ISREG(m) for m in synced] == [True, False]  # the key's bytes, then the rename
    assert stat.S_ISDIR(synced[1])
    assert [p.name for p in key_file.parent.iterdir()] == ["pii.key"]  # no temp file left over
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def _race(key_file: Path, starters: int) -> tuple[list[bytes], list[BaseException]]:
    start = threading.Barrier(starters)
    blobs: list[bytes] = []
    errors: list[BaseException] = []

    def starter() -> None:
        start.wait()
        try:
            blobs.append(PiiCipher.from_key_file(key_file).encrypt("13812341234", context="c"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=starter) for _ in range(starters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return blobs, errors


def test_starters_racing_on_a_missing_key_end_with_one_key(tmp_path: Path) -> None:
    """Two kiosk processes (here threads) starting together: the first key to land wins and every other
    starter reads that one; none reads a half-written file."""
    for attempt in range(20):
        key_file = tmp_path / f"run{attempt}" / "pii.key"
        blobs, errors = _race(key_file, 8)
        assert errors == []
        final = PiiCipher(key_file.read_bytes())
        assert {final.decrypt(blob, context="c") for blob in blobs} == {"13812341234"}
        assert [p.name for p in key_file.parent.iterdir()] == ["pii.key"]


# --- the key file is checked at start ----------------------------------------------------------------


def test_a_key_file_others_can_read_is_tightened_to_the_owner_and_logged(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    key_file = tmp_path / "pii.key"
    blob = PiiCipher.from_key_file(key_file).encrypt("13812341234", context="c")
    key_file.chmod(0o664)
    with caplog.at_level(logging.WARNING, logger="kiosk.pii"):
        cipher = PiiCipher.from_key_file(key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert cipher.decrypt(blob, context="c") == "13812341234"
    [record] = [r for r in caplog.records if r.name == "kiosk.pii"]
    assert record.levelno == logging.WARNING
    assert str(key_file) in record.getMessage() and "0o664" in record.getMessage()
    assert cipher.key_file is not None and cipher.key_file.loosened_mode == 0o664
    [alert] = cipher.startup_alerts  # the store hears of it too, once sync runs
    assert (alert["kind"], alert["severity"]) == ("pii.key_permissions", "warning")


def test_a_key_file_of_another_owner_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key_file = tmp_path / "pii.key"
    PiiCipher.from_key_file(key_file)
    monkeypatch.setattr(os, "geteuid", lambda: key_file.stat().st_uid + 1)
    with pytest.raises(PiiKeyError, match=f"{key_file}.*owned by uid"):
        PiiCipher.from_key_file(key_file)


@pytest.mark.parametrize("content", [b"", b"too short", b"k" * 33])
def test_a_key_file_of_the_wrong_length_is_a_clear_start_up_error(tmp_path: Path, content: bytes) -> None:
    key_file = tmp_path / "pii.key"
    key_file.write_bytes(content)
    key_file.chmod(0o600)
    with pytest.raises(PiiKeyError) as refused:
        PiiCipher.from_key_file(key_file)
    # the start-up path shows such errors as "out of service" and logs the message: it must say what to do
    assert isinstance(refused.value, KioskError)
    message = str(refused.value)
    assert str(key_file) in message and f"{len(content)} bytes, not 32" in message
    assert "backup" in message
    assert key_file.read_bytes() == content  # never replaced: it may be the only copy of a damaged key


def test_a_key_path_that_is_no_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pii.key").mkdir()
    with pytest.raises(PiiKeyError, match="not a regular file"):
        PiiCipher.from_key_file(tmp_path / "pii.key")
