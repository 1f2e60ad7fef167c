"""Personal data at rest: AES-GCM with a key kept outside the database, and masking for display.

Each ciphertext is bound to its place (e.g. "order:<uuid>:phone") as associated data, so a value
copied into another row or field does not decrypt there.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12


class PiiError(Exception):
    """The key is unusable or a value does not decrypt (tampered, or another key)."""


class PiiCipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise PiiError(f"the PII key must be {KEY_BYTES} bytes, not {len(key)}")
        self._aead = AESGCM(key)

    @classmethod
    def from_key_file(cls, path: Path) -> PiiCipher:
        """Load the key, creating it (owner-only) on first use."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create_key_file(path)
        return cls(path.read_bytes())

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


_DIGITS = re.compile(r"\D")


def mask_phone(phone: str) -> str:
    """138****1234 for screens and receipts; short or odd input shows only its last two digits."""
    digits = _DIGITS.sub("", phone)
    if len(digits) >= 11:
        digits = digits[-11:]
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 2:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def mask_name(name: str) -> str:
    """张** / L***y: enough for a shopper to recognise their own order, not to identify them."""
    name = name.strip()
    if not name:
        return ""
    if len(name) == 1:
        return name + "*"
    if name.isascii() and len(name) > 2:
        return name[0] + "*" * (len(name) - 2) + name[-1]
    return name[0] + "*" * (len(name) - 1)
