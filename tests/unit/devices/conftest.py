"""Fixtures for device tests: real simulators on real sockets and ptys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.devices.sim.fake_printer import FakePrinter


@pytest.fixture
def fake_printer() -> Iterator[FakePrinter]:
    with FakePrinter(80) as fake:
        yield fake
