"""The kiosk as a shopper's terminal runs it: a real process, its local store, devices and signals."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cloudstore.db import StoreDB
from tests.unit.cloudstore.harness import staff_client

pytestmark = pytest.mark.e2e


def kiosk_env() -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    return {**base, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}


def wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/openapi.json", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def test_demo_kiosk_draws_its_first_frame_and_exits_cleanly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--demo", "--data-dir", str(tmp_path), "--exit-after-first-frame"],
        capture_output=True, text=True, env=kiosk_env(), timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"^first-frame \d+\.\d+$", result.stdout, re.M)
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "demo catalog seeded: 154 products" in log
    assert "Traceback" not in log


def test_demo_kiosk_runs_its_store_and_stops_everything_on_sigterm(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "kiosk.log"
    command = [sys.executable, "-m", "kiosk", "--demo", "--windowed", "--data-dir", str(tmp_path)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=kiosk_env())
    try:
        def logged(text: str) -> bool:
            return log_file.exists() and text in log_file.read_text(encoding="utf-8")

        wait_for(lambda: logged("kiosk ready"), 60, "the kiosk to be ready")
        wait_for(lambda: logged("local store up at"), 60, "the local store")
        log_text = log_file.read_text(encoding="utf-8")
        url = re.findall(r"local store up at (http://127\.0\.0\.1:\d+)", log_text)[-1]
        assert answers(url)
        device_file = tmp_path / "store" / "device.json"
        assert device_file.stat().st_mode & 0o077 == 0  # the secret is not world-readable
        # the demo merchant is made at first start (it signs in with one-time codes)
        assert json.loads(device_file.read_text(encoding="utf-8"))["merchant"] == "demo"
        store_db = StoreDB(f"sqlite:///{tmp_path / 'store' / 'store.sqlite3'}")
        staff = staff_client(url, store_db, name="checker")  # a merchant of our own, through the login form
        store_db.close()

        def heartbeat_with_devices() -> bool:
            fleet = staff.get("/admin/api/fleet", timeout=2).json()
            return bool(fleet) and fleet[0]["heartbeat_age_s"] is not None and all(
                fleet[0][device].get("status") == "READY" for device in ("printer", "scanner"))

        # the sync worker reaches the local store and reports the simulated devices
        wait_for(heartbeat_with_devices, 60, "a heartbeat with both devices READY")
        staff.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        wait_for(lambda: not answers(url), 10, "the local store to stop")
        assert logged("signal 15: shutting down")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
