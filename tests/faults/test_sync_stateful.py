"""Property: whatever mix of orders, pushes, network faults and crashes happens, once the network
heals and the outbox drains, the store holds exactly the kiosk's orders, each once, seq contiguous.

A crash of the kiosk is a new Database and client on the same file (an uncommitted write is simply
not there); a crash of the store is a new server on the same store database, on a new port behind
the same proxy.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import select

from kiosk.db.engine import Database
from kiosk.db.migrate import upgrade
from kiosk.db.models import OutboxRow, OutboxState
from kiosk.sync.client import SyncClient
from kiosk.sync.outbox import OutboxPusher
from tests.unit.cloudstore.harness import LiveStore, running_store
from tests.unit.sync.fault_proxy import Fault, FaultProxy
from tests.unit.sync.helpers import FAST_BACKOFF, assert_exactly_once, make_client, store_orders
from tests.unit.sync.orders import create_paid_orders, kiosk_orders

FAULTS = [Fault.DROP_REQUEST, Fault.DROP_RESPONSE, Fault.DUPLICATE, Fault.RESET, Fault.ERROR_AFTER_COMMIT,
          Fault.ERROR_503, Fault.DELAY]


def _port(store: LiveStore) -> int:
    return int(store.base_url.rsplit(":", 1)[1])


class KioskAndStore(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="sync-machine-"))
        self.store_url = f"sqlite:///{self.tmp / 'store.sqlite3'}"
        self._store_cm: AbstractContextManager[LiveStore] | None = None
        self.store = self._start_store()
        self.device = self.store.add_device("K01")
        self.proxy = FaultProxy(_port(self.store))
        self.db: Database | None = None
        self.client: SyncClient | None = None
        self.pusher = self._start_kiosk()

    def _start_store(self) -> LiveStore:
        self._store_cm = running_store(self.store_url)
        return self._store_cm.__enter__()

    def _stop_store(self) -> None:
        if self._store_cm is not None:
            cm, self._store_cm = self._store_cm, None
            cm.__exit__(None, None, None)

    def _start_kiosk(self) -> OutboxPusher:
        self.db = Database(self.tmp / "kiosk.sqlite3")
        upgrade(self.db)
        self.client = make_client(self.proxy.url, self.device)
        return OutboxPusher(self.db, self.client, batch_size=5, backoff=FAST_BACKOFF, rng=random.Random(3))

    def _stop_kiosk(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.db is not None:
            self.db.close()

    # --- rules ---------------------------------------------------------------------------------------

    @rule(count=st.integers(min_value=1, max_value=7))
    def create_orders(self, count: int) -> None:
        assert self.db is not None
        create_paid_orders(self.db, count)

    @rule()
    def push(self) -> None:
        self.pusher.push_batch()

    @rule(faults=st.lists(st.sampled_from(FAULTS), min_size=1, max_size=3))
    def push_through_faults(self, faults: list[Fault]) -> None:
        self.proxy.script(*faults)
        for _ in faults:
            self.pusher.push_batch()

    @rule()
    def restart_kiosk(self) -> None:
        self._stop_kiosk()
        self.pusher = self._start_kiosk()

    @rule()
    def restart_store(self) -> None:
        self._stop_store()
        self.store = self._start_store()
        self.proxy.upstream_port = _port(self.store)

    @invariant()
    def the_store_never_holds_what_the_kiosk_does_not(self) -> None:
        assert self.db is not None
        local = kiosk_orders(self.db)
        remote = store_orders(self.store.db, self.device[0])
        assert len(remote) == len(dict(remote))
        assert all(local.get(u) == s for u, s in remote)
        with self.db.read() as session:
            sent = set(session.scalars(select(OutboxRow.order_uuid)
                                       .where(OutboxRow.state == OutboxState.SENT)))
        assert sent <= {u for u, _ in remote}  # SENT only after the store had it

    def teardown(self) -> None:
        try:
            self.proxy.heal()
            assert self.db is not None
            report = self.pusher.drain(deadline=time.monotonic() + 20)
            assert report.remaining == 0, report
            assert_exactly_once(self.db, self.store.db, self.device[0])
        finally:
            self._stop_kiosk()
            self.proxy.close()
            self._stop_store()
            shutil.rmtree(self.tmp, ignore_errors=True)


TestKioskAndStore = pytest.mark.slow(KioskAndStore.TestCase)
TestKioskAndStore.settings = settings(max_examples=18, stateful_step_count=14, deadline=None, database=None,
                                      derandomize=True, suppress_health_check=[HealthCheck.too_slow])
