"""Fixtures for every unit test that talks to a store: the reference store, live on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.cloudstore.harness import LiveStore, running_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LiveStore]:
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}", sandbox_controls=True) as live:
        yield live
