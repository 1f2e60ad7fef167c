"""Fixtures for every unit test that talks to a store: the reference store, live on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.db.engine import Database
from kiosk.devices.escpos_printer import EscposReceiptPrinter
from kiosk.devices.sim.fake_printer import FakePrinter
from kiosk.orders import OrderBook
from kiosk.pii import PiiCipher
from tests.unit.cloudstore.harness import LiveStore, running_store
from tests.unit.devices.helpers import connected_printer


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LiveStore]:
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}", sandbox_controls=True) as live:
        yield live


@pytest.fixture
def book(db: Database, tmp_path: Path) -> OrderBook:
    return OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K01")


@pytest.fixture
def printer() -> Iterator[tuple[FakePrinter, EscposReceiptPrinter]]:
    with FakePrinter(80) as fake, connected_printer(fake) as (adapter, _log):
        yield fake, adapter
