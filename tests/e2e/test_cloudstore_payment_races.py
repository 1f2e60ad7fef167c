"""A phone paying and a kiosk closing the same payment at the same moment, through the real HTTP API.

Whoever comes second must see what the first did: a close that answers CLOSED leaves a payment nobody
paid, and a payment the phone paid stays PAID (the kiosk's close then answers 409 with the paid
state). Run many times on PostgreSQL, where two requests really do run side by side, and on SQLite.
"""

from __future__ import annotations

import random
import re
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.payments import PaymentClient
from kiosk.sync.protocol import PaymentInfo
from tests.unit.cloudstore.harness import LiveStore, pg_base_url, postgres_schema, running_store

pytestmark = pytest.mark.e2e

PAIRS_AT_ONCE = 4
# the phone's pay needs no signature check and so reaches the payment a few ms before the close does:
# a random head start for the close spreads the two over each other's window
CLOSE_HEAD_START_S = 0.012


@dataclass
class Race:
    payment: PaymentInfo
    told_kiosk: PaymentInfo | None = None
    told_phone: str = ""
    error: BaseException | None = None


@pytest.fixture(params=[pytest.param(("sqlite", 40), id="sqlite"),
                        pytest.param(("postgres", 200), id="postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[LiveStore, int]]:
    backend, races = request.param
    if backend == "sqlite":
        with running_store(f"sqlite:///{tmp_path / 'store.sqlite3'}") as live:
            yield live, races
    else:
        with postgres_schema(pg_base_url()) as url, running_store(url) as live:
            yield live, races


def _phone_pays(phone: httpx.Client, race: Race, barrier: threading.Barrier, delay_s: float) -> None:
    """What a phone does: press Pay, then read the page the redirect shows."""
    try:
        barrier.wait(timeout=10)
        threading.Event().wait(delay_s)
        code_url = race.payment["code_url"]
        assert phone.post(f"{code_url}/pay").status_code == 303
        state = re.search(r'data-state="(\w+)"', phone.get(code_url).text)
        race.told_phone = state.group(1) if state else "(no state)"
    except BaseException as exc:  # reported by the test, not lost in a thread
        race.error = exc


def _kiosk_closes(payments: PaymentClient, race: Race, barrier: threading.Barrier, delay_s: float) -> None:
    try:
        barrier.wait(timeout=10)
        threading.Event().wait(delay_s)
        race.told_kiosk = payments.close(race.payment["payment_id"])
    except BaseException as exc:
        race.error = exc


@pytest.fixture
def kiosk_payments(store: tuple[LiveStore, int]) -> Iterator[PaymentClient]:
    """The kiosk's own payment client, signing as a registered device."""
    device_id, secret = store[0].add_device("racer")
    with SyncClient(StoreEndpoint(store[0].base_url, device_id, secret)) as client:
        yield PaymentClient(client)


def _run_races(payments: PaymentClient, count: int) -> list[Race]:
    races = [Race(payments.create(str(uuid.uuid4()), 3180, "CNY", "wechat")) for _ in range(count)]
    rnd = random.Random(20261126)
    phones = [httpx.Client(timeout=10) for _ in range(PAIRS_AT_ONCE)]
    try:
        for start in range(0, count, PAIRS_AT_ONCE):
            threads = []
            for race, phone in zip(races[start:start + PAIRS_AT_ONCE], phones, strict=False):
                barrier = threading.Barrier(2)
                head_start = rnd.uniform(0, CLOSE_HEAD_START_S)
                threads += [threading.Thread(target=_phone_pays, args=(phone, race, barrier, head_start)),
                            threading.Thread(target=_kiosk_closes, args=(payments, race, barrier, 0.0))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=30)
    finally:
        for phone in phones:
            phone.close()
    return races


def test_pay_and_close_at_once_agree_with_what_both_were_told(store: tuple[LiveStore, int],
                                                              kiosk_payments: PaymentClient) -> None:
    count = store[1]
    payments, races = kiosk_payments, _run_races(kiosk_payments, count)
    outcomes: Counter[str] = Counter()
    wrong: list[str] = []
    for race in races:
        assert race.error is None, repr(race.error)
        assert race.told_kiosk is not None
        final = payments.query(race.payment["payment_id"])
        outcomes[final["status"]] += 1
        kiosk, phone = race.told_kiosk["status"], race.told_phone
        expected_phone = {"PAID": "paid", "CLOSED": "closed"}.get(final["status"], "?")
        if kiosk != final["status"] or phone != expected_phone:
            wrong.append(f"{final['payment_id']}: kiosk told {kiosk}, phone told {phone}, store holds "
                         f"{final['status']}")
        elif final["status"] == "CLOSED" and (final["paid_at"] or final["reference"]):
            wrong.append(f"{final['payment_id']}: closed, yet paid at {final['paid_at']} "
                         f"(reference {final['reference']})")
    assert not wrong, f"{len(wrong)} of {count} races disagree, e.g. {wrong[:3]}"
    assert set(outcomes) == {"PAID", "CLOSED"}, outcomes  # both sides won some: the races were real
