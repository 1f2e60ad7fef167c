"""TLS for kiosks: the kiosk verifies an https:// store's certificate, trusting a private CA only when it is
configured as `store.ca_file`; a refused certificate is named (a log line, the sync status) and the outbox
keeps its orders and retries, as for any network trouble.

The real store serves HTTPS under Uvicorn (as `cloudstore serve --ssl-certfile --ssl-keyfile` does) with
certificates made here on the fly (tests/unit/sync/tls_certs.py).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from cloudstore import catalog as store_catalog
from cloudstore import pii as store_pii
from cloudstore.models import StoreOrder
from kiosk.__main__ import EXIT_CONFIG, main
from kiosk.config import load_config
from kiosk.db.engine import Database
from kiosk.db.models import Order, OrderState, OutboxRow, OutboxState, Product
from kiosk.errors import ConfigError
from kiosk.events import EventBus
from kiosk.orders import OrderBook
from kiosk.pii import PiiCipher
from kiosk.sync.catalog_pull import CatalogPuller
from kiosk.sync.client import (
    TLS_EXPIRED,
    TLS_HANDSHAKE,
    TLS_HOSTNAME,
    TLS_UNTRUSTED,
    StoreCertificateError,
    StoreEndpoint,
    SyncClient,
)
from kiosk.sync.outbox import OutboxPusher, PushStatus
from kiosk.sync.worker import SyncIntervals, SyncWorker
from kiosk.technician.sync_status import snapshot
from tests.unit.cloudstore.harness import LiveStore
from tests.unit.sync.helpers import FAST_BACKOFF, TEST_TIMEOUTS, assert_exactly_once
from tests.unit.sync.orders import CONTACT, book_paid_order
from tests.unit.sync.tls_certs import Ca, https_store, make_ca, register

FIXTURE = Path(__file__).resolve().parents[1] / "cloudstore" / "catalog_fixture.json"
CLIENT_LOG = "kiosk.sync.client"


@pytest.fixture
def ca(tmp_path: Path) -> Ca:
    return make_ca(tmp_path / "pki")


@pytest.fixture
def book(db: Database, tmp_path: Path) -> OrderBook:
    return OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K01")


def kiosk_client(store: LiveStore, device: tuple[str, str], ca_file: str = "") -> SyncClient:
    return SyncClient(StoreEndpoint(store.base_url, *device, ca_file=ca_file), timeouts=TEST_TIMEOUTS)


def store_order_count(store: LiveStore) -> int:
    with store.db.read() as session:
        return session.scalar(select(func.count()).select_from(StoreOrder)) or 0


def kiosk_states(db: Database, order_uuid: str) -> tuple[OrderState | None, OutboxState | None]:
    with db.read() as session:
        return (session.scalar(select(Order.state).where(Order.order_uuid == order_uuid)),
                session.scalar(select(OutboxRow.state).where(OutboxRow.order_uuid == order_uuid)))


def tls_log_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == CLIENT_LOG and r.levelno >= logging.ERROR]


def test_with_its_ca_file_the_kiosk_pushes_an_order_and_pulls_the_catalog_over_https(
        tmp_path: Path, db: Database, book: OrderBook, ca: Ca) -> None:
    with https_store(tmp_path, ca.issue(tmp_path / "pki", "store"), ca) as store:
        with store.db.write() as session:
            store_catalog.load_catalog(session, json.loads(FIXTURE.read_text(encoding="utf-8")))
        device = register(store)
        order_uuid = book_paid_order(book, CONTACT)
        with kiosk_client(store, device, ca_file=str(ca.cert_file)) as client:
            report = OutboxPusher(db, client, decode_payload=book.decode_payload, backoff=FAST_BACKOFF).drain(
                deadline=time.monotonic() + 10)
            pulled = CatalogPuller(db, client, events=EventBus()).pull()
            assert client.tls_problem == ""
        assert store.base_url.startswith("https://127.0.0.1:")
        assert (report.sent, report.quarantined, report.remaining) == (1, 0, 0)
        assert_exactly_once(db, store.db, device[0])
        with store.db.read() as session:
            stored = session.scalars(select(StoreOrder)).one()
            phone = store_pii.contact(session, stored.order_uuid, stored.payload)["phone"]
        assert (stored.order_uuid, phone) == (order_uuid, CONTACT.phone)
        assert pulled.snapshot and pulled.upserts > 0
        with db.read() as session:
            assert session.scalar(select(Product.price_minor).where(Product.sku == "D00001")) == 1590
        assert any(path.startswith("/v1/") for path in store.requests)


def test_without_the_ca_file_the_store_is_refused_and_the_paid_order_waits_until_it_is_configured(
        tmp_path: Path, db: Database, book: OrderBook, ca: Ca, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=CLIENT_LOG)
    with https_store(tmp_path, ca.issue(tmp_path / "pki", "store"), ca) as store:
        device = register(store)
        order_uuid = book_paid_order(book, CONTACT)
        with kiosk_client(store, device) as client:  # the usual public CAs only
            pusher = OutboxPusher(db, client, decode_payload=book.decode_payload, backoff=FAST_BACKOFF)
            outcomes = [pusher.push_batch() for _ in range(3)]  # the outbox retries, as offline
            with pytest.raises(StoreCertificateError) as refused:
                client.get("/v1/catalog/changes")
            assert client.tls_problem == TLS_UNTRUSTED
        assert [o.status for o in outcomes] == [PushStatus.RETRY] * 3
        assert all("certificate not trusted" in o.error for o in outcomes)
        assert (refused.value.problem, refused.value.url) == (TLS_UNTRUSTED, store.base_url)
        # one clear line, not one per retry: the store's URL, the reason, what happens to the orders
        [line] = tls_log_lines(caplog)
        assert store.base_url in line and "certificate not trusted" in line and "store.ca_file" in line
        assert "outbox" in line
        # nothing reached the store's handlers, and the kiosk lost nothing
        assert store.requests == []
        assert store_order_count(store) == 0
        assert kiosk_states(db, order_uuid) == (OrderState.PAID, OutboxState.PENDING)

        # the technician configures the store's CA: the same order goes through, once
        with kiosk_client(store, device, ca_file=str(ca.cert_file)) as client:
            report = OutboxPusher(db, client, decode_payload=book.decode_payload, backoff=FAST_BACKOFF).drain(
                deadline=time.monotonic() + 10)
        assert (report.sent, report.remaining) == (1, 0)
        assert kiosk_states(db, order_uuid) == (OrderState.SYNCED, OutboxState.SENT)
        assert_exactly_once(db, store.db, device[0])


def _expired(ca: Ca, folder: Path) -> tuple[str, str]:
    now = dt.datetime.now(dt.UTC)
    return ca.issue(folder, "expired", not_before=now - dt.timedelta(days=60),
                    not_after=now - dt.timedelta(days=1))


@pytest.mark.parametrize(("case", "problem", "reason"), [
    ("other_host", TLS_HOSTNAME, "hostname mismatch"),
    ("expired", TLS_EXPIRED, "certificate expired"),
    ("other_ca", TLS_UNTRUSTED, "certificate not trusted"),
])
def test_a_certificate_the_configured_ca_does_not_vouch_for_is_refused(
        tmp_path: Path, db: Database, book: OrderBook, ca: Ca, caplog: pytest.LogCaptureFixture,
        case: str, problem: str, reason: str) -> None:
    folder = tmp_path / "pki"
    certs: dict[str, Callable[[], tuple[str, str]]] = {
        "other_host": lambda: ca.issue(folder, "other", ("store.example.com",)),
        "expired": lambda: _expired(ca, folder),
        "other_ca": lambda: make_ca(folder / "rogue", "Rogue CA").issue(folder, "rogue"),
    }
    caplog.set_level(logging.INFO, logger=CLIENT_LOG)
    with https_store(tmp_path, certs[case](), ca) as store:
        device = register(store)
        order_uuid = book_paid_order(book)
        with kiosk_client(store, device, ca_file=str(ca.cert_file)) as client:
            outcome = OutboxPusher(db, client, decode_payload=book.decode_payload).push_batch()
            with pytest.raises(StoreCertificateError) as refused:
                client.get("/v1/catalog/changes")
        assert outcome.status == PushStatus.RETRY and reason in outcome.error
        assert refused.value.problem == problem
        [line] = tls_log_lines(caplog)
        assert store.base_url in line and reason in line
        assert store.requests == [] and store_order_count(store) == 0
        assert kiosk_states(db, order_uuid) == (OrderState.PAID, OutboxState.PENDING)


def _until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_the_sync_status_the_technician_sees_says_the_certificate_is_not_trusted(
        tmp_path: Path, db: Database, book: OrderBook, ca: Ca) -> None:
    with https_store(tmp_path, ca.issue(tmp_path / "pki", "store"), ca) as store:
        device = register(store)
        book_paid_order(book)
        quick = SyncIntervals(push_s=0.05, catalog_s=60, heartbeat_s=60, error_pause_s=0.1)
        worker = SyncWorker(tmp_path, db, kiosk_client(store, device), events=EventBus(), version="t",
                            intervals=quick, backoff=FAST_BACKOFF).start()
        try:
            _until(lambda: worker.status().online is False)
            snap = snapshot(db, worker)
        finally:
            worker.stop()
            worker.pusher.client.close()
    assert snap.worker is not None
    assert (snap.worker.online, snap.worker.tls_problem) == (False, TLS_UNTRUSTED)
    assert "certificate not trusted" in snap.worker.link_error
    assert (snap.depth, snap.quarantined) == (1, 0)  # kept, to be retried


def _store_env(tmp_path: Path, url: str, ca_file: str) -> dict[str, str]:
    return {"KIOSK_DEMO": "false", "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_STORE__URL": url,
            "KIOSK_STORE__DEVICE_ID": "k-1", "KIOSK_STORE__SECRET": "s", "KIOSK_STORE__CA_FILE": ca_file}


def test_store_ca_file_is_configured_and_print_config_shows_it(
        tmp_path: Path, ca: Ca, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    env = _store_env(tmp_path, "https://store.example.com", str(ca.cert_file))
    assert load_config(environ=env).store.ca_file == str(ca.cert_file)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["--print-config"]) == 0
    assert f'ca_file = "{ca.cert_file}"' in capsys.readouterr().out


@pytest.mark.parametrize(("case", "key", "allowed"), [
    ("missing", "store.ca_file", "an existing PEM file"),
    ("directory", "store.ca_file", "a readable PEM file"),
    ("not_pem", "store.ca_file", "holding the store's CA certificate"),
    ("plain_http", "store.url", "an https:// address when store.ca_file is set"),
])
def test_a_bad_store_ca_file_is_a_clear_config_error_and_the_kiosk_does_not_start(
        tmp_path: Path, ca: Ca, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        case: str, key: str, allowed: str) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    ca_file = {"missing": str(tmp_path / "nope" / "ca.pem"), "directory": str(tmp_path),
               "not_pem": str(junk), "plain_http": str(ca.cert_file)}[case]
    url = "http://store.example.com" if case == "plain_http" else "https://store.example.com"
    env = _store_env(tmp_path, url, ca_file)
    with pytest.raises(ConfigError) as error:
        load_config(environ=env)
    assert error.value.key == key and allowed in str(error.value)
    assert (ca_file if key == "store.ca_file" else url) in str(error.value)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["--print-config"]) == EXIT_CONFIG
    assert f"config {key}" in capsys.readouterr().err


def test_an_http_store_at_an_https_address_is_a_failed_handshake_and_the_order_waits(
        db: Database, book: OrderBook, store: LiveStore, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=CLIENT_LOG)
    device = store.add_device("K01")
    order_uuid = book_paid_order(book)
    calls_before = len(store.requests)
    https_url = store.base_url.replace("http://", "https://")
    with SyncClient(StoreEndpoint(https_url, *device), timeouts=TEST_TIMEOUTS) as client:
        outcome = OutboxPusher(db, client, decode_payload=book.decode_payload).push_batch()
        assert client.tls_problem == TLS_HANDSHAKE
    assert outcome.status == PushStatus.RETRY and "TLS handshake failed" in outcome.error
    [line] = tls_log_lines(caplog)
    assert https_url in line and "TLS handshake failed" in line
    assert len(store.requests) == calls_before and store_order_count(store) == 0
    assert kiosk_states(db, order_uuid) == (OrderState.PAID, OutboxState.PENDING)


def test_a_refused_certificate_is_forgotten_when_the_store_is_then_simply_unreachable(
        tmp_path: Path, ca: Ca) -> None:
    with https_store(tmp_path, ca.issue(tmp_path / "pki", "store"), ca) as store:
        client = kiosk_client(store, register(store))
        with pytest.raises(StoreCertificateError):
            client.get("/v1/catalog/changes")
        assert client.tls_problem == TLS_UNTRUSTED
    with client:  # the store has stopped: the trouble now is the network's
        with pytest.raises(httpx.ConnectError) as gone:
            client.get("/v1/catalog/changes")
        assert not isinstance(gone.value, StoreCertificateError)
        assert client.tls_problem == ""
