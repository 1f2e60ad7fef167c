"""Log files rotate under the data dir and never contain personal data."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import mask_pii, setup_logging


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


@pytest.mark.parametrize(("text", "expected"), [
    ("phone 13812341234 ok", "phone 138****1234 ok"),
    ("tel +86 138-1234-1234.", "tel 138****1234."),
    ("mail zhang.san@example.com", "mail <email>"),
    ("id 11010519491231002X", "id <id-number>"),
    ("order K01-1126-0042 total 12345678", "order K01-1126-0042 total 12345678"),
])
def test_mask_pii(text: str, expected: str) -> None:
    assert mask_pii(text) == expected


def test_log_file_masks_personal_data_and_rotates(tmp_path: Path, restore_root_logger: None) -> None:
    log_file = setup_logging(tmp_path / "logs", max_bytes=10_000, backups=3, console=False)
    log = logging.getLogger("kiosk.test")
    log.info("customer %s called from %s", "张三", "13900001111")
    for i in range(400):
        log.info("filler line %04d %s", i, "x" * 60)
    for handler in logging.getLogger().handlers:
        handler.flush()
    files = sorted(p.name for p in log_file.parent.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
    everything = "".join(p.read_text(encoding="utf-8") for p in log_file.parent.iterdir())
    assert "13900001111" not in everything
    assert all(p.stat().st_size <= 10_000 for p in log_file.parent.iterdir())
