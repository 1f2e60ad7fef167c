"""1,000 orders pushed through a misbehaving network land in the store exactly once each.

Real Uvicorn store on 127.0.0.1, real SQLite files on both sides, and the fault proxy between them
dropping requests, dropping answers after the store committed, delaying, stalling past the client's
timeout, resetting connections, duplicating answers and answering 500/503/429 (with Retry-After).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from kiosk.db.engine import Database
from kiosk.sync.outbox import OutboxPusher
from tests.unit.cloudstore.harness import running_store
from tests.unit.sync.fault_proxy import Fault, fault_proxy
from tests.unit.sync.helpers import FAST_BACKOFF, assert_exactly_once, make_client
from tests.unit.sync.orders import create_paid_orders

ORDERS = 1000
RATES = {Fault.DROP_REQUEST: 0.08, Fault.DROP_RESPONSE: 0.10, Fault.DELAY: 0.08, Fault.RESET: 0.06,
         Fault.DUPLICATE: 0.10, Fault.ERROR_500: 0.05, Fault.ERROR_503: 0.05, Fault.ERROR_429: 0.05,
         Fault.ERROR_AFTER_COMMIT: 0.06}


def test_a_thousand_orders_through_a_faulty_network_arrive_exactly_once(tmp_path: Path, db: Database) -> None:
    create_paid_orders(db, ORDERS)
    with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}") as store:
        device = store.add_device("K01")
        port = int(store.base_url.rsplit(":", 1)[1])
        with fault_proxy(port, seed=1126, stall_s=1.3) as proxy, make_client(proxy.url, device) as client:
            proxy.script(Fault.STALL, Fault.DROP_RESPONSE, Fault.DUPLICATE)
            proxy.set_rates(RATES)
            # small batches: more requests, so every kind of fault hits many times
            pusher = OutboxPusher(db, client, batch_size=20, backoff=FAST_BACKOFF, rng=random.Random(5))
            started = time.monotonic()
            report = pusher.drain(deadline=started + 45)
            elapsed = time.monotonic() - started
            assert report.remaining == 0, (report, proxy.counts)
            assert report.quarantined == 0
            proxy.heal()
            assert pusher.drain().sent == 0  # healed: nothing was left behind
        assert_exactly_once(db, store.db, device[0])
    injected = {f for f, n in proxy.counts.items() if n}
    assert injected >= set(RATES) | {Fault.STALL}, proxy.counts
    assert report.retries >= 20, report
    print(f"{ORDERS} orders in {elapsed:.1f} s; {report.batches} batch attempts, {report.retries} retries; "
          f"faults {dict(proxy.counts)}")
