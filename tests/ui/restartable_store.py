"""The reference store that can be stopped and started again on the same address, its data kept: a
store that goes away while a shopper waits, then comes back."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from cloudstore.__main__ import demo_catalog_path
from cloudstore.app import create_app
from cloudstore.catalog import load_catalog
from cloudstore.db import StoreDB
from cloudstore.migrate import upgrade
from cloudstore.settings import Settings
from tests.unit.cloudstore.harness import LiveStore, free_socket


class RestartableStore:
    def __init__(self, path: Path) -> None:
        url = f"sqlite:///{path}"
        self.db = StoreDB(url)
        upgrade(self.db)
        with self.db.write() as session:
            load_catalog(session, json.loads(demo_catalog_path().read_text(encoding="utf-8")))
        self.settings = Settings(db_url=url, sandbox_controls=True,
                                 shopper_salt_file=str(path.with_name("shopper-salt.key")))
        sock = free_socket()
        self.port = sock.getsockname()[1]
        sock.close()
        self.live = LiveStore(f"http://127.0.0.1:{self.port}", self.db, self.settings)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    def start(self) -> None:
        sock = _bind(self.port)
        server = uvicorn.Server(uvicorn.Config(create_app(self.settings, self.db), log_level="warning",
                                               lifespan="on"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("store did not start")
            time.sleep(0.01)
        self._server, self._thread, self._sock = server, thread, sock

    def stop(self) -> None:
        """Gone: nothing listens on its port until it starts again."""
        if self._server is None or self._thread is None or self._sock is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
        self._server = self._thread = self._sock = None

    def close(self) -> None:
        self.stop()
        self.live.close()
        self.db.close()


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


@contextmanager
def restartable_store(path: Path) -> Iterator[RestartableStore]:
    store = RestartableStore(path)
    store.start()
    try:
        yield store
    finally:
        store.close()
