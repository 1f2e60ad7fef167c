"""The diagnostic bundle: what a technician carries away holds the logs, the config, statuses, versions
and the audit, and never the secret, the keys or a shopper's contact details."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import build_services
from kiosk.config import load_config
from kiosk.db.models import Fulfilment
from kiosk.orders import CartLine, Contact, PaymentRecord
from kiosk.services import Services, data_paths
from kiosk.technician.diagnostics import AUDIT_ENTRIES, REDACTED, write_bundle

SECRET = "s3cr3t-store-key-0123456789abcdef"
PHONE, NAME, ADDRESS = "13912345678", "张小明", "上海市浦东新区世纪大道100号"


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    config = load_config(environ={}, overrides={
        "data_dir": str(tmp_path / "data"),
        "store": {"url": "http://127.0.0.1:9", "device_id": "dev-1", "secret": SECRET}})
    paths = data_paths(config)
    built = build_services(config, paths, with_devices=False, with_store=False)
    yield built
    built.close()


def test_the_bundle_has_every_part_and_no_secret_or_contact(services: Services, tmp_path: Path) -> None:
    order = services.orders.create_pending(
        [CartLine("SKU1", "可乐", "Cola", 350, 2)], fulfilment=Fulfilment.DELIVERY, shipping_minor=1000,
        contact=Contact(NAME, PHONE, ADDRESS))
    services.orders.mark_paid(order.order_uuid, PaymentRecord("wechat", "pay-1", "WX1"))
    assert services.audit is not None
    for i in range(AUDIT_ENTRIES + 5):
        services.audit.write("settings.change", subject=f"idle.home_s #{i}", detail="60 -> 45")
    # as if a careless line had reached the log unmasked (the log's own filter masks it on the way out)
    (services.paths.logs / "kiosk.log").write_text(
        f"INFO a careless line with {PHONE} and {SECRET}\nINFO an ordinary line that must survive\n")
    (services.paths.logs / "kiosk.log.1").write_text(f"INFO an older file, phone {PHONE}\n")
    services.device_states["printer"] = {"status": "ERROR", "detail": "paper_out"}
    stick = tmp_path / "stick"
    stick.mkdir()

    path = write_bundle(services, stick, now=dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC),
                        ui_versions={"qt": "6.x"})

    assert path.parent == stick and path.name.endswith(".zip") and not list(stick.glob("*.part"))
    with zipfile.ZipFile(path) as bundle:
        names = set(bundle.namelist())
        blobs = {name: bundle.read(name) for name in names}
    assert {"config.toml", "status.json", "audit.jsonl", "logs/kiosk.log", "logs/kiosk.log.1"} <= names
    config = tomllib.loads(blobs["config.toml"].decode())
    assert config["store"]["secret"] == REDACTED and config["store"]["device_id"] == "dev-1"
    status = json.loads(blobs["status.json"])
    assert status["devices"]["printer"] == {"status": "ERROR", "detail": "paper_out"}
    assert status["sync"]["queue_depth"] == 1  # the paid order waits for the store
    assert status["sync"]["oldest_pending_age_s"] >= 0
    assert {"kiosk", "python", "qt", "pyside6", "sqlite", "os"} <= set(status["versions"])
    audit = blobs["audit.jsonl"].decode().splitlines()
    assert len(audit) == AUDIT_ENTRIES
    assert json.loads(audit[0])["subject"] == f"idle.home_s #{AUDIT_ENTRIES + 4}"  # the newest first
    assert "an ordinary line that must survive" in blobs["logs/kiosk.log"].decode()
    # nothing secret and no contact detail, in any part
    pepper = services.paths.pin_pepper.read_bytes()
    pii_key = services.paths.key_file.read_bytes()
    for name, blob in blobs.items():
        for needle in (SECRET.encode(), PHONE.encode(), NAME.encode(), ADDRESS.encode(), pepper, pii_key):
            assert needle not in blob, f"{name} leaks {needle[:8]!r}"
    assert not [n for n in names if n.endswith((".sqlite3", ".key", ".pepper"))]


def test_a_folder_that_refuses_leaves_no_file(services: Services, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_bundle(services, tmp_path / "no-such-stick")
