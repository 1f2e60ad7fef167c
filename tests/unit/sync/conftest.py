"""Fixtures for the sync tests: a live store on loopback, a registered device, a signed client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.events import Event, EventBus
from kiosk.sync.client import SyncClient
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.helpers import make_client


@pytest.fixture
def device(store: LiveStore) -> tuple[str, str]:
    return store.add_device("K01")


@pytest.fixture
def client(store: LiveStore, device: tuple[str, str]) -> Iterator[SyncClient]:
    with make_client(store.base_url, device) as sync_client:
        yield sync_client


class Recorder:
    def __init__(self, bus: EventBus) -> None:
        self.events: list[Event] = []
        bus.subscribe("", self.events.append)

    def topics(self) -> list[str]:
        return [e.topic for e in self.events]

    def of(self, topic: str) -> list[Event]:
        return [e for e in self.events if e.topic == topic]


@pytest.fixture
def bus() -> EventBus:
    return EventBus()


@pytest.fixture
def recorder(bus: EventBus) -> Recorder:
    return Recorder(bus)
