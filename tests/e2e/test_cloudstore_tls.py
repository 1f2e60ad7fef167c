"""`cloudstore serve --ssl-certfile --ssl-keyfile` as a real process, and the kiosk's client against it:
trusted with the store's CA as `store.ca_file`, refused without it."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kiosk.sync.client import TLS_UNTRUSTED, StoreCertificateError, StoreEndpoint, SyncClient
from tests.unit.cloudstore.harness import free_socket
from tests.unit.sync.helpers import TEST_TIMEOUTS
from tests.unit.sync.tls_certs import make_ca

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).resolve().parents[1] / "unit" / "cloudstore" / "catalog_fixture.json"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cloudstore", *args], capture_output=True, text=True,
                          timeout=60, check=False)


def test_serve_over_https_and_the_kiosk_trusts_it_only_with_its_ca_file(tmp_path: Path) -> None:
    ca = make_ca(tmp_path / "pki")
    certfile, keyfile = ca.issue(tmp_path / "pki", "store")
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    added = _cli("add-device", "K01", "--db", db)
    assert added.returncode == 0, added.stderr
    device = json.loads(added.stdout)
    assert _cli("seed-demo", "--db", db, "--file", str(FIXTURE)).returncode == 0

    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {k: v for k, v in os.environ.items() if k != "CLOUDSTORE_ADMIN_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "cloudstore", "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--db", db, "--log-level", "warning", "--ssl-certfile", certfile,
                             "--ssl-keyfile", keyfile],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    base = f"https://127.0.0.1:{port}"
    try:
        trust = ssl.create_default_context(cafile=str(ca.cert_file))
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1, verify=trust).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not come up"
            time.sleep(0.1)
        trusted = StoreEndpoint(base, device["device_id"], device["secret"], ca_file=str(ca.cert_file))
        with SyncClient(trusted, timeouts=TEST_TIMEOUTS) as client:
            changes = client.get("/v1/catalog/changes", params={"cursor": 0}).json()
        assert {c["key"] for c in changes["changes"]} >= {"D00001", "D00002", "S00001"}
        with SyncClient(StoreEndpoint(base, device["device_id"], device["secret"]),
                        timeouts=TEST_TIMEOUTS) as client, pytest.raises(StoreCertificateError) as refused:
            client.get("/v1/catalog/changes", params={"cursor": 0})
        assert refused.value.problem == TLS_UNTRUSTED
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=20)
    assert f"{base}/admin/login" in output  # it says where it is, https


def test_serve_wants_the_certificate_and_its_key_together(tmp_path: Path) -> None:
    refused = _cli("serve", "--db", f"sqlite:///{tmp_path / 'store.sqlite3'}", "--ssl-certfile", "cert.pem")
    assert refused.returncode == 2 and "--ssl-certfile and --ssl-keyfile go together" in refused.stderr
