"""The PII key at start-up, as the kiosk builds its services: a damaged key stops the start with a
message that says what to do; a lost key over stored personal data is logged and alerted, never silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app import build_services, data_paths
from kiosk.config import KioskConfig, load_config
from kiosk.errors import KioskError
from kiosk.pii import PiiKeyError


def _config(data_dir: Path, **overrides: object) -> KioskConfig:
    return load_config(environ={}, overrides={"data_dir": str(data_dir), **overrides})


def test_a_damaged_key_file_stops_the_start_with_what_to_do(tmp_path: Path) -> None:
    config = _config(tmp_path / "data")
    paths = data_paths(config)
    paths.key_file.write_bytes(b"\x00" * 31)
    with pytest.raises(PiiKeyError) as refused:
        build_services(config, paths, with_devices=False, with_store=False)
    # the start-up path logs the message and shows "out of service", then tries again: no traceback on
    # screen, and the key file is left as it is for a technician
    assert isinstance(refused.value, KioskError)
    assert str(paths.key_file) in str(refused.value) and "31 bytes" in str(refused.value)
    assert paths.key_file.read_bytes() == b"\x00" * 31
