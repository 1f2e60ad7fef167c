"""Privacy at the store: personal data sealed at rest under a key file outside the database, shown
masked, erased a retention after the order is complete; the database file owner-only."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import sqlite3
import stat
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, text, update
from sqlalchemy.engine import make_url

from cloudstore import pii
from cloudstore.__main__ import main, parser
from cloudstore.app import create_app
from cloudstore.db import StoreDB
from cloudstore.devices import add_device
from cloudstore.migrate import alembic_config, upgrade
from cloudstore.models import Base, OrderEvent, OrderRequest, QuarantinedItem, StoreOrder, StoreState
from cloudstore.settings import Settings
from kiosk.sync import protocol
from tests.unit.cloudstore.after_sales import STORE_PARAMS, lookup, order_number, store_at
from tests.unit.cloudstore.harness import (
    Kiosk,
    LiveStore,
    batch_item,
    order_payload,
    pay_on_phone,
    running_store,
)

NAME, ADDRESS = "欧阳明月", "上海市浦东新区世纪大道100号3栋1201室"


@pytest.fixture(scope="module", params=STORE_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    with store_at(request.param, str(tmp_path_factory.mktemp("privacy"))) as live:
        yield live


@pytest.fixture(scope="module")
def kiosk(store: LiveStore) -> Kiosk:
    return store.kiosk("lobby")


_seq = iter(range(1, 100_000))


def new_phone() -> str:
    """A phone number no other order of the run has: what the database files are searched for."""
    return "139" + f"{secrets.randbelow(10**8):08d}"


def sell(kiosk: Kiosk, phone: str, *, name: str = NAME, address: str = ADDRESS) -> dict[str, Any]:
    payload = order_payload(shipping=1000)
    payload["order_no"] = order_number()
    payload["contact"] = {"name": name, "phone": phone, "address": address}
    pay_on_phone(kiosk, payload)
    assert push(kiosk, payload)["status"] == "created"
    return payload


def push(kiosk: Kiosk, payload: dict[str, Any], seq: int | None = None) -> dict[str, Any]:
    pushed = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(seq or next(_seq), payload)]})
    assert pushed.status_code == 200, pushed.text
    result: dict[str, Any] = pushed.json()["results"][0]
    return result


def stored_bytes(db: StoreDB) -> bytes:
    """Everything the database holds, as bytes: the SQLite file with its -wal and -shm, before and after
    a checkpoint; on PostgreSQL, every row of every table as text."""
    if db.dialect == "sqlite":
        path = Path(str(make_url(db.url).database))
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        before = b"".join(f.read_bytes() for f in files if f.exists())
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        return before + b"".join(f.read_bytes() for f in files if f.exists())
    with db.reader.connect() as conn:
        return "\n".join(str(row) for table in Base.metadata.sorted_tables
                         for row in conn.execute(text(f"SELECT row_to_json(t)::text FROM {table.name} t"))
                         .scalars()).encode()


def personal(*values: str) -> list[bytes]:
    return [v.encode() for v in values] + [json.dumps(v).encode() for v in values]  # raw and JSON-escaped


def assert_not_stored(db: StoreDB, *values: str) -> None:
    data = stored_bytes(db)
    for value in personal(*values):
        assert value not in data, f"{value!r} is stored in the clear"


def clear_contact(db: StoreDB, order_uuid: str) -> dict[str, str]:
    with db.read() as session:
        order = session.execute(select(StoreOrder).where(StoreOrder.order_uuid == order_uuid)).scalar_one()
        return pii.contact(session, order_uuid, order.payload)


def set_status(store: LiveStore, order_uuid: str, *statuses: str) -> None:
    for status in statuses:
        response = store.admin().post(f"/admin/api/orders/{order_uuid}/status", json={
            "status": status, "tracking_no": "SF100200300" if status == "SHIPPED" else ""})
        assert response.status_code == 200, response.text


def completed_days_ago(db: StoreDB, order_uuid: str, days: float) -> None:
    """Move the order's whole history back: it reached its status `days` ago."""
    back = dt.timedelta(days=days)
    with db.write() as session:
        for event in session.execute(select(OrderEvent).where(OrderEvent.order_uuid == order_uuid)).scalars():
            event.at -= back
        order = session.execute(select(StoreOrder).where(StoreOrder.order_uuid == order_uuid)).scalar_one()
        session.execute(update(StoreOrder).where(StoreOrder.id == order.id).values(
            updated_at=order.updated_at - back, received_at=order.received_at - back))


def modify(kiosk: Kiosk, order_uuid: str, changes: dict[str, Any]) -> str:
    request_id = uuid.uuid4().hex
    response = kiosk.http.post(f"/v1/orders/{order_uuid}/modifications",
                               json={"request_id": request_id, "changes": changes})
    assert response.status_code in (200, 201), response.text
    return request_id


# --- sealed at rest, shown masked --------------------------------------------------------------------


def test_a_pushed_orders_contact_is_not_in_the_database_but_every_page_shows_it_masked(
        store: LiveStore, kiosk: Kiosk) -> None:
    phone = new_phone()
    order = sell(kiosk, phone)
    assert_not_stored(store.db, phone, NAME, ADDRESS)
    # the store itself still opens it, in one place
    assert clear_contact(store.db, order["order_uuid"]) == {"name": NAME, "phone": phone, "address": ADDRESS}
    masked_phone = protocol.mask_phone(phone)
    # the order page a receipt links to
    page = store.plain().get(f"/o/{order['order_uuid']}")
    assert page.status_code == 200
    assert masked_phone in page.text and protocol.mask_name(NAME) in page.text
    assert phone not in page.text and NAME not in page.text and "世纪大道" not in page.text
    # a kiosk's lookup by the number and the phone's last 4 digits, from another kiosk
    found = lookup(store.kiosk("gate"), order["order_no"], phone[-4:])
    assert found.status_code == 200, found.text
    assert found.json()["contact"] == {"name": protocol.mask_name(NAME), "phone": masked_phone,
                                       "address": protocol.mask_address(ADDRESS)}
    # the merchant's orders page and the audit endpoint
    listing = store.admin().get("/admin", params={"q": order["order_no"]}).text
    assert masked_phone in listing and phone not in listing
    audit = store.admin().get(f"/admin/api/orders/{order['order_uuid']}/audit")
    assert audit.status_code == 200
    body = audit.text
    for value in (phone, NAME, ADDRESS, "世纪大道", '"sealed"'):
        assert value not in body and json.dumps(value)[1:-1] not in body
    assert audit.json()["payload"]["contact"] == {"name": protocol.mask_name(NAME), "phone": masked_phone,
                                                  "address": protocol.mask_address(ADDRESS)}


def test_a_change_requests_new_phone_is_sealed_and_an_approved_one_proves_the_order(
        store: LiveStore, kiosk: Kiosk) -> None:
    order = sell(kiosk, new_phone())
    phone, name, address = new_phone(), "司马光", "北京市朝阳区建国路99号5号楼"
    request_id = modify(kiosk, order["order_uuid"], {"contact_phone": phone, "contact_name": name,
                                                     "address": address})
    assert_not_stored(store.db, phone, name, address)
    pending = store.admin().get("/admin/api/orders", params={"q": order["order_no"]}).json()
    [asked] = [r for o in pending for r in o["requests"] if r["request_id"] == request_id]
    assert asked["changes"]["contact_phone"] == protocol.mask_phone(phone)
    assert "sealed" not in asked["changes"]
    decided = store.admin().post(f"/admin/api/requests/{request_id}/decision",
                                 json={"approve": True, "note": ""})
    assert decided.status_code == 200, decided.text
    assert clear_contact(store.db, order["order_uuid"])["phone"] != phone  # the payload keeps the first
    found = lookup(store.kiosk("gate"), order["order_no"], phone[-4:])  # the contact as it stands now
    assert found.status_code == 200, found.text
    assert found.json()["contact"]["phone"] == protocol.mask_phone(phone)
    assert_not_stored(store.db, phone, name, address)


def test_a_repeated_push_is_a_duplicate_and_another_payload_is_quarantined_sealed(
        store: LiveStore, kiosk: Kiosk) -> None:
    phone = new_phone()
    order = sell(kiosk, phone)
    with store.db.read() as session:
        seq = session.execute(select(StoreOrder.device_seq).where(
            StoreOrder.order_uuid == order["order_uuid"])).scalar_one()
    assert push(kiosk, order, seq)["status"] == "duplicate"  # the hash is of what the kiosk sent
    other_phone = new_phone()
    changed = {**order, "contact": {**order["contact"], "phone": other_phone}}
    result = push(kiosk, changed, seq)
    assert (result["status"], result["reason"]) == (
        "rejected", "order_uuid already received with another payload")
    with store.db.read() as session:
        [kept] = session.execute(select(QuarantinedItem).where(
            QuarantinedItem.order_uuid == order["order_uuid"])).scalars().all()
        assert json.loads(kept.payload)["contact"]["phone"] == protocol.mask_phone(other_phone)
    assert_not_stored(store.db, phone, other_phone)


# --- retention ---------------------------------------------------------------------------------------


def test_the_purge_erases_what_is_past_the_retention_and_keeps_the_rest(store: LiveStore, kiosk: Kiosk,
                                                                        capsys: pytest.CaptureFixture[str]
                                                                        ) -> None:
    done_phone, open_phone, recent_phone, asked_phone, quarantined_phone = (new_phone() for _ in range(5))
    done = sell(kiosk, done_phone, name="诸葛孔明")
    asked = modify(kiosk, done["order_uuid"], {"contact_phone": asked_phone})
    assert store.admin().post(f"/admin/api/requests/{asked}/decision",
                              json={"approve": True, "note": ""}).status_code == 200
    assert push(kiosk, {**done, "contact": {**done["contact"], "phone": quarantined_phone}},
                )["status"] == "rejected"
    set_status(store, done["order_uuid"], "SHIPPED", "DELIVERED")
    completed_days_ago(store.db, done["order_uuid"], 31)
    still_open = sell(kiosk, open_phone)  # not complete, however old
    completed_days_ago(store.db, still_open["order_uuid"], 400)
    recent = sell(kiosk, recent_phone)  # complete, within the retention
    set_status(store, recent["order_uuid"], "SHIPPED", "DELIVERED")
    completed_days_ago(store.db, recent["order_uuid"], 29)

    assert main(["purge", "--db", store.db.url, "--pii-retention-days", "30"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["orders"] >= 1 and counts["requests"] >= 1 and counts["quarantined"] >= 1
    for value in personal(done_phone, asked_phone, quarantined_phone, "诸葛孔明"):
        assert value not in stored_bytes(store.db)
    with store.db.read() as session:
        erased = session.execute(select(StoreOrder).where(
            StoreOrder.order_uuid == done["order_uuid"])).scalar_one()
        assert erased.pii_erased_at is not None and "sealed" not in erased.payload["contact"]
    # the masked forms stay: the page and the lookup by the last 4 digits still work
    page = store.plain().get(f"/o/{done['order_uuid']}").text
    assert protocol.mask_phone(asked_phone) in page
    assert lookup(store.kiosk("gate"), done["order_no"], asked_phone[-4:]).status_code == 200
    # the rest is kept, and still opens
    assert clear_contact(store.db, still_open["order_uuid"])["phone"] == open_phone
    assert clear_contact(store.db, recent["order_uuid"])["phone"] == recent_phone
    # a second purge finds nothing more of these
    assert main(["purge", "--db", store.db.url, "--pii-retention-days", "30"]) == 0
    assert clear_contact(store.db, recent["order_uuid"])["phone"] == recent_phone


def _erased(db: StoreDB, order_uuid: str) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with db.read() as session:
            if session.execute(select(StoreOrder.pii_erased_at).where(
                    StoreOrder.order_uuid == order_uuid)).scalar_one() is not None:
                return True
        time.sleep(0.05)
    return False


def test_the_running_store_purges_at_start_and_on_schedule_one_process_at_a_time(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="cloudstore.pii")
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    phone, later_phone = new_phone(), new_phone()
    with running_store(url) as first:
        order = sell(first.kiosk("lobby"), phone)
        set_status(first, order["order_uuid"], "SHIPPED", "DELIVERED")
        completed_days_ago(first.db, order["order_uuid"], 8)
    with running_store(url, pii_retention_days=7, pii_purge_interval_s=0.2) as store:
        assert _erased(store.db, order["order_uuid"]), "the purge at start did not run"
        # an order that passes its retention while the store runs: the next scheduled run erases it
        later = sell(store.kiosk("gate"), later_phone)
        set_status(store, later["order_uuid"], "SHIPPED", "DELIVERED")
        completed_days_ago(store.db, later["order_uuid"], 8)
        assert _erased(store.db, later["order_uuid"]), "the scheduled purge did not run"
        for value in personal(phone, later_phone):
            assert value not in stored_bytes(store.db)
    logged = [r.getMessage() for r in caplog.records if r.name == "cloudstore.pii"]
    assert any("erased 1 orders" in line for line in logged), logged  # counts, never data
    assert not any(phone in line or later_phone in line or NAME in line for line in logged)
    db = StoreDB(url)  # another store process on the same database, the first one stopped
    try:
        with pii.lease(db, pii.PURGE_STATE, "other-worker") as got:
            assert got
            assert pii.scheduled_purge(db, 7, "this-worker") is None  # not while another runs it
        assert pii.scheduled_purge(db, 7, "this-worker") is not None  # the lease was released
        with db.read() as session:
            state = session.get(StoreState, pii.PURGE_STATE)
            assert state is not None and state.last_run_at is not None and state.lease_until is None
    finally:
        db.close()


def test_which_statuses_count_as_complete() -> None:
    assert set(pii.COMPLETE) == {"DELIVERED", "PICKED_UP", "REFUNDED"}


# --- files ---------------------------------------------------------------------------------------------


def test_the_database_file_and_its_directory_are_the_store_users_alone(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    with running_store(url) as store:
        sell(store.kiosk("lobby"), new_phone())  # writes through the WAL
        path = folder / "store.sqlite3"
        for f in (path, path.with_name("store.sqlite3-wal"), path.with_name("store.sqlite3-shm")):
            assert f.exists() and stat.S_IMODE(f.stat().st_mode) == 0o600, f
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(Path(store.settings.pii_key_file).stat().st_mode) == 0o600


def test_a_world_readable_database_file_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    sqlite3.connect(path).close()
    os.chmod(path, 0o644)
    db = StoreDB(f"sqlite:///{path}")
    db.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- the key -------------------------------------------------------------------------------------------


def test_a_missing_or_wrong_key_file_stops_the_start(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    key = tmp_path / "pii.key"
    settings = Settings(db_url=url, pii_key_file=str(key), shopper_salt_file=str(tmp_path / "salt"))
    db = StoreDB(url)
    upgrade(db)
    try:
        create_app(settings, db)
        assert key.stat().st_size == pii.KEY_BYTES
        original = key.read_bytes()
        key.unlink()
        with pytest.raises(pii.PiiKeyError, match="missing"):
            create_app(settings, db)
        assert not key.exists()  # no new key made over the stored data
        key.write_bytes(os.urandom(pii.KEY_BYTES))
        with pytest.raises(pii.PiiKeyError, match="another key"):
            create_app(settings, db)
        key.write_bytes(b"short")
        with pytest.raises(pii.PiiKeyError, match="5 bytes"):
            create_app(settings, db)
        # the command line says so and exits, serving nothing
        code = main(["serve", "--db", url, "--pii-key-file", str(key), "--port", "1",
                     "--shopper-salt-file", str(tmp_path / "salt")])
        assert code == 2
        assert "PII key file" in capsys.readouterr().err
        key.write_bytes(original)
        create_app(settings, db)
    finally:
        db.close()


def test_ingest_without_a_key_stores_nothing(store: LiveStore) -> None:
    db = StoreDB(store.db.url)  # no cipher set: never a silent plain-text fallback
    try:
        from cloudstore.batch_body import parse_batch
        from cloudstore.ingest import check_items, ingest_batch
        payload = order_payload(shipping=1000)
        payload["contact"] = {"name": NAME, "phone": new_phone(), "address": ADDRESS}
        items = parse_batch(json.dumps({"items": [batch_item(1, payload)]}).encode())
        with pytest.raises(pii.PiiKeyError), db.write() as session:
            ingest_batch(session, "nobody", check_items(items), dt.datetime(2026, 12, 7))
    finally:
        db.close()


def test_the_options_come_from_the_command_line_or_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    monkeypatch.delenv(pii.KEY_FILE_ENV, raising=False)
    monkeypatch.delenv(pii.RETENTION_ENV, raising=False)
    defaults = parser().parse_args(["serve"])
    assert Path(defaults.pii_key_file).name == "pii.key" and defaults.pii_retention_days == 30
    assert Path(defaults.pii_key_file).parent == Path(defaults.shopper_salt_file).parent
    monkeypatch.setenv(pii.KEY_FILE_ENV, str(tmp_path / "k"))
    monkeypatch.setenv(pii.RETENTION_ENV, "90")
    from_env = parser().parse_args(["serve"])
    assert (from_env.pii_key_file, from_env.pii_retention_days) == (str(tmp_path / "k"), 90)
    assert parser().parse_args(["purge", "--pii-retention-days", "0"]).pii_retention_days == 0


# --- rows from before sealing ----------------------------------------------------------------------------


_OLD_ORDER = (  # an order as the store at revision 0003 stored it: its contact in the clear
    "INSERT INTO orders (order_uuid, device_id, device_seq, order_no, kind, payload, payload_hash, "
    "currency, total_minor, computed_total_minor, audit_flags, fulfilment, status, tracking_no, received_at, "
    "updated_at, paid_at, shopper_hash, order_key) VALUES "
    "(:u, :d, 1, :n, 'order.paid', :p, 'h', 'CNY', 100, 100, '', 'delivery', 'ACCEPTED', '', :r, :r, :r, '', "
    ":k)")


def test_orders_stored_in_the_clear_before_are_sealed_at_the_next_start(store_url: str) -> None:
    db = StoreDB(store_url)
    phone = new_phone()
    try:
        with db.writer.begin() as conn:
            command.upgrade(alembic_config(conn), "0003")
        with db.write() as session:
            device = add_device(session, "K01")["device_id"]
        order_uuid = str(uuid.uuid4())
        with db.writer.begin() as conn:
            conn.execute(text(_OLD_ORDER), {
                "u": order_uuid, "d": device, "n": "K01-1207-0042", "k": "0112070042",
                "p": json.dumps({"order_uuid": order_uuid, "contact": {"name": NAME, "phone": phone,
                                                                      "address": ADDRESS}}),
                "r": dt.datetime(2026, 12, 7, 1, 0)})
        upgrade(db)
        with db.read() as session:
            assert session.get(StoreState, pii.SEAL_STATE) is not None  # the migration left the step
        with running_store(store_url) as store:
            assert clear_contact(store.db, order_uuid)["phone"] == phone
            assert_not_stored(store.db, phone, NAME, ADDRESS)
            with store.db.read() as session:
                assert session.get(StoreState, pii.SEAL_STATE) is None  # done once
            assert lookup(store.kiosk("gate"), "K01-1207-0042", phone[-4:]).status_code == 200
    finally:
        db.close()


def test_a_sealed_value_opens_only_in_its_place() -> None:
    cipher = pii.PiiCipher(os.urandom(pii.KEY_BYTES))
    sealed = cipher.seal({"phone": "13800001234"}, context="order:a")
    assert cipher.open(sealed, context="order:a") == {"phone": "13800001234"}
    with pytest.raises(pii.PiiError):
        cipher.open(sealed, context="order:b")
    assert pii.mask_phone(pii.mask_phone("13800001234")) == "138****1234"


def test_the_request_values_of_an_erased_order_stay_masked(store: LiveStore, kiosk: Kiosk) -> None:
    order = sell(kiosk, new_phone())
    phone = new_phone()
    request_id = modify(kiosk, order["order_uuid"], {"contact_phone": phone})
    store.admin().post(f"/admin/api/requests/{request_id}/decision", json={"approve": False, "note": ""})
    set_status(store, order["order_uuid"], "SHIPPED", "DELIVERED")
    completed_days_ago(store.db, order["order_uuid"], 2)
    assert pii.purge(store.db, 1).orders >= 1
    with store.db.read() as session:
        req = session.execute(select(OrderRequest).where(OrderRequest.request_id == request_id)).scalar_one()
        assert req.changes == {"contact_phone": protocol.mask_phone(phone), "erased": True}
    listing = store.admin().get("/admin/api/orders", params={"q": order["order_no"]})
    assert protocol.mask_phone(phone) in listing.text and phone not in listing.text


@pytest.mark.parametrize("contact", [
    {"name": NAME, "phone": "13800001234", "address": ADDRESS},
    {"phone": "13800001234", "note": "13800001234"},
    "张三 13800001234",  # not a contact at all (a payload the store quarantined)
])
def test_what_is_sealed_and_then_erased_keeps_no_clear_value(contact: Any) -> None:
    cipher = pii.PiiCipher(os.urandom(pii.KEY_BYTES))
    sealed = pii.seal_contact(cipher, contact, "quarantine:x")
    assert "13800001234" not in json.dumps(sealed, ensure_ascii=False)
    assert cipher.open(sealed["sealed"], context="quarantine:x") == contact
    erased = pii.erased_contact(sealed)
    assert "sealed" not in erased and erased["erased"] is True
    assert "13800001234" not in json.dumps(erased, ensure_ascii=False)
