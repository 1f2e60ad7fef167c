"""The `cloudstore` command as an operator runs it: add-device, seed-demo, serve (a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.unit.cloudstore.harness import HmacAuth, free_socket

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).resolve().parents[1] / "unit" / "cloudstore" / "catalog_fixture.json"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cloudstore", *args], capture_output=True, text=True,
                          timeout=60, check=False)


def test_add_device_seed_and_serve(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    added = _cli("add-device", "K01", "--db", db)
    assert added.returncode == 0, added.stderr
    device = json.loads(added.stdout)
    assert set(device) == {"device_id", "secret"}
    seeded = _cli("seed-demo", "--db", db, "--file", str(FIXTURE))
    assert seeded.returncode == 0, seeded.stderr
    assert json.loads(seeded.stdout)["products"] == 3

    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = dict(os.environ)
    proc = subprocess.Popen([sys.executable, "-m", "cloudstore", "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--db", db, "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not come up"
            time.sleep(0.1)
        with httpx.Client(base_url=base, auth=HmacAuth(device["device_id"], device["secret"])) as kiosk:
            changes = kiosk.get("/v1/catalog/changes", params={"cursor": 0}).json()
        assert {c["key"] for c in changes["changes"]} >= {"D00001", "D00002", "S00001"}
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=20)
    assert "/admin/login" in output and "token" not in output  # staff sign in; no shared token any more


def test_serve_refuses_a_time_zone_it_does_not_know() -> None:
    refused = _cli("serve", "--timezone", "Mars/Olympus_Mons")
    assert refused.returncode == 2 and "unknown time zone" in refused.stderr
