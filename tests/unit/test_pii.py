"""Personal data is encrypted at rest with a key outside the database, and masked for display."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.pii import PiiCipher, PiiError, mask_name, mask_phone


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
