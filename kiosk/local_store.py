"""Demo mode's central store: the reference `cloudstore` service as a child process on 127.0.0.1.

The kiosk never waits for it: it keeps taking orders offline and the sync worker delivers them once
the store answers. Its database, device credentials and log live in the kiosk's data dir.

At first start it also gets a merchant account, DEMO_MERCHANT, whose random password is not kept: the
demo controls sign the merchant in with a one-time code (`login_code`), typed at /admin/login/code.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

START_TIMEOUT_S = 60.0
DEMO_MERCHANT = "demo"
LOGIN_CODE_PATH = "/admin/login/code"


@dataclass(frozen=True)
class StoreCredentials:
    url: str
    device_id: str
    secret: str


def cloudstore_command() -> list[str]:
    if getattr(sys, "frozen", False):  # PyInstaller: the kiosk executable runs the store too
        return [sys.executable, "--run-cloudstore"]
    return [sys.executable, "-m", "cloudstore"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LocalStore:
    def __init__(self, folder: Path, device_name: str,
                 on_ready: Callable[[StoreCredentials], None] | None = None) -> None:
        self.folder = folder
        self.device_name = device_name
        self.on_ready = on_ready
        self.port = _free_port()  # kept across restarts, so clients keep their address
        self.db_url = f"sqlite:///{folder / 'store.sqlite3'}"
        self.ready = threading.Event()
        self.credentials: StoreCredentials | None = None
        self.error = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()

    def _cloudstore(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([*cloudstore_command(), *args, "--db", self.db_url], input=stdin,
                              capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"cloudstore {args[0]} failed: {done.stderr.strip()[-500:]}")
        return done.stdout

    def _prepare(self) -> tuple[str, str]:
        """Device registration, catalog seed and the demo merchant happen once per data dir."""
        self.folder.mkdir(parents=True, exist_ok=True)
        creds_file = self.folder / "device.json"
        if not creds_file.exists():
            self._cloudstore("seed-demo")
            device = json.loads(self._cloudstore("add-device", self.device_name))
            creds_file.write_text(json.dumps(device), encoding="utf-8")
            creds_file.chmod(0o600)
        device = json.loads(creds_file.read_text(encoding="utf-8"))
        if not device.get("merchant"):  # also a data dir from before the store had accounts
            self._cloudstore("add-user", DEMO_MERCHANT, "--role", "merchant", stdin=secrets.token_urlsafe(24))
            device.pop("admin_token", None)
            device["merchant"] = DEMO_MERCHANT
            creds_file.write_text(json.dumps(device), encoding="utf-8")
        return device["device_id"], device["secret"]

    def login_code(self) -> str:
        """A fresh one-time sign-in code of the demo merchant (blocking: a child process, about a
        second); raises RuntimeError when the store's command fails."""
        answer = json.loads(self._cloudstore("login-code", DEMO_MERCHANT))
        return str(answer["code"])

    def start(self) -> LocalStore:
        threading.Thread(target=self._run, name="local-store", daemon=True).start()
        return self

    def _run(self) -> None:
        """Start the store and keep it running; this thread must live as long as the child does,
        since the child's parent-death signal fires when its creating thread ends."""
        delay = 1.0
        try:
            device_id, secret = self._prepare()
        except Exception as exc:
            self.error = str(exc)
            log.error("the local store could not be prepared: %s", exc)
            return
        while not self._stopping.is_set():
            try:
                url = self._spawn()
                self.credentials = StoreCredentials(url, device_id, secret)
                log.info("local store up at %s (log %s)", url, self.folder / "store.log")
                first = not self.ready.is_set() and self.on_ready is not None
                self.ready.set()
                if first and self.on_ready is not None:
                    self.on_ready(self.credentials)
                    self.on_ready = None
                delay = 1.0
                assert self._process is not None
                self._process.wait()
                if self._stopping.is_set():
                    return
                log.error("the local store exited with %s; restarting", self._process.returncode)
            except Exception as exc:
                self.error = str(exc)
                log.error("the local store did not start: %s", exc)
            self.ready.clear()
            self._stopping.wait(delay)
            delay = min(delay * 2, 30.0)

    def _spawn(self) -> str:
        port = self.port
        url = f"http://127.0.0.1:{port}"
        env = dict(os.environ)
        with (self.folder / "store.log").open("ab") as log_file:
            self._process = subprocess.Popen(
                [*cloudstore_command(), "serve", "--host", "127.0.0.1", "--port", str(port),
                 "--db", self.db_url, "--sandbox-controls", "--log-level", "warning",
                 # the demo store's secrets stay in the kiosk's data dir, like its database
                 "--shopper-salt-file", str(self.folder / "shopper-salt.key")],
                stdout=log_file, stderr=subprocess.STDOUT, env=env, preexec_fn=_die_with_parent)
        self._wait_until_up(url)
        return url

    def _wait_until_up(self, url: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and not self._stopping.is_set():
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"cloudstore serve exited with {self._process.returncode}; see store.log")
            try:
                with urllib.request.urlopen(f"{url}/openapi.json", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"cloudstore did not answer within {START_TIMEOUT_S:.0f} s")

    def stop(self) -> None:
        self._stopping.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _die_with_parent() -> None:
    """In the child before exec: the store goes when the kiosk goes, even on kill -9 (Linux)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
