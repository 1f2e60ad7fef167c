"""Run the real store under Uvicorn on 127.0.0.1 and talk to it as a kiosk would.

Used by the unit tests here and by tests/e2e/test_cloudstore_*.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import socket
import ssl
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from cloudstore import accounts
from cloudstore.app import create_app
from cloudstore.db import StoreDB
from cloudstore.migrate import upgrade
from cloudstore.models import SandboxPayment
from cloudstore.settings import Settings
from kiosk.sync.protocol import ORDER_PAID_KIND, payload_hash, signed_headers

PG_URL_ENV = "CLOUDSTORE_TEST_PG_URL"
# the staff account the harness signs in with (through the real login form)
MERCHANT_NAME, MERCHANT_PASSWORD = "merchant", "merchant-test-password"
_FORM_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class AdminClient(httpx.Client):
    """A browser signed in to the admin side: its CSRF token goes into every form it posts (the hidden
    field a real page's form carries) and into the X-CSRF-Token header (what the JSON API wants)."""

    csrf = ""

    def request(self, method: str, url: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        data = kwargs.get("data")
        bodiless = all(kwargs.get(k) is None for k in ("data", "json", "content", "files"))
        if method.upper() == "POST" and self.csrf and (bodiless or isinstance(data, dict)):
            kwargs["data"] = {"csrf_token": self.csrf, **(data or {})}
        return super().request(method, url, **kwargs)


def form_csrf(page: str) -> str:
    found = _FORM_CSRF.search(page)
    assert found, "no csrf_token field on the page"
    return found.group(1)


def login(client: httpx.Client, name: str, password: str) -> httpx.Response:
    """Sign in through the real form: fetch it (its CSRF cookie and field), post it. No redirects followed."""
    form = client.get("/admin/login")
    assert form.status_code == 200, form.text
    return client.post("/admin/login", follow_redirects=False,
                       data={"name": name, "password": password, "csrf_token": form_csrf(form.text)})


def ensure_user(db: StoreDB, name: str = MERCHANT_NAME, password: str = MERCHANT_PASSWORD,
                role: str = accounts.MERCHANT) -> None:
    with db.write() as session:
        if accounts.find_user(session, name) is None:
            accounts.add_user(session, name, role, password)


def staff_client(base_url: str, db: StoreDB | None = None, *, name: str = MERCHANT_NAME,
                 password: str = MERCHANT_PASSWORD, **kwargs: Any) -> AdminClient:
    """A new client signed in as `name` (made a merchant in `db` first when a database is given)."""
    if db is not None:
        ensure_user(db, name, password)
    client = AdminClient(base_url=base_url, timeout=kwargs.pop("timeout", 10), **kwargs)
    signed_in = login(client, name, password)
    assert signed_in.status_code == 303, signed_in.text
    session = client.get("/admin/api/session")
    assert session.status_code == 200, session.text
    client.csrf = session.json()["csrf_token"]
    client.headers["X-CSRF-Token"] = client.csrf
    return client


class HmacAuth(httpx.Auth):
    """Signs each request as DESIGN's sync contract says; `clock` lets a test skew time."""

    requires_request_body = True

    def __init__(self, device_id: str, secret: str, clock: Callable[[], float] = time.time) -> None:
        self.device_id, self.secret, self.clock = device_id, secret, clock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        target = request.url.raw_path.decode("ascii")
        request.headers.update(signed_headers(self.device_id, self.secret, request.method, target,
                                              request.content, now=self.clock()))
        yield request


@dataclass
class LiveStore:
    base_url: str
    db: StoreDB
    settings: Settings
    _clients: list[httpx.Client] = field(default_factory=list)
    # what the harness's own clients trust (an https:// store: its CA's context)
    verify: ssl.SSLContext | bool = True
    # the path of every HTTP request that reached the app (past Uvicorn, and past TLS when it serves it)
    requests: list[str] = field(default_factory=list)
    _merchant: AdminClient | None = None

    def admin(self, **kwargs: Any) -> AdminClient:
        """A client signed in as the harness's merchant (created at the first call), for the admin pages
        and the JSON API. The login form is used once per store; every client shares that session."""
        kwargs.setdefault("verify", self.verify)
        if self._merchant is None:
            self._merchant = staff_client(self.base_url, self.db, verify=self.verify)
            self._clients.append(self._merchant)
        client = AdminClient(base_url=self.base_url, timeout=kwargs.pop("timeout", 10),
                             cookies=self._merchant.cookies, **kwargs)
        client.csrf = self._merchant.csrf
        client.headers["X-CSRF-Token"] = client.csrf
        self._clients.append(client)
        return client

    def staff(self, name: str = MERCHANT_NAME, password: str = MERCHANT_PASSWORD,
              role: str = accounts.MERCHANT) -> AdminClient:
        """A client of its own session, signed in as `name` (a user made with `role` if there is none)."""
        ensure_user(self.db, name, password, role)
        client = staff_client(self.base_url, name=name, password=password, verify=self.verify)
        self._clients.append(client)
        return client

    def plain(self, **kwargs: Any) -> httpx.Client:
        kwargs.setdefault("verify", self.verify)
        client = httpx.Client(base_url=self.base_url, timeout=10, **kwargs)
        self._clients.append(client)
        return client

    def add_device(self, name: str = "kiosk") -> tuple[str, str]:
        created = self.admin().post("/admin/api/devices", json={"name": name}).json()
        return created["device_id"], created["secret"]

    def kiosk(self, name: str = "kiosk", clock: Callable[[], float] = time.time) -> Kiosk:
        device_id, secret = self.add_device(name)
        client = httpx.Client(base_url=self.base_url, auth=HmacAuth(device_id, secret, clock), timeout=10,
                              verify=self.verify)
        self._clients.append(client)
        return Kiosk(device_id, secret, client)

    def close(self) -> None:
        for client in self._clients:
            client.close()


@dataclass
class Kiosk:
    device_id: str
    secret: str
    http: httpx.Client


def free_socket() -> socket.socket:
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY on accepted connections only when the
    # listening socket names its protocol; without it each response waits out a delayed ACK
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


_PG_KEY_DIR = tempfile.mkdtemp(prefix="cloudstore-pii-")  # the PostgreSQL schemas' keys, by URL


def pii_key_file(db_url: str) -> str:
    """The PII key of a test database: one per database, so a restarted store opens what it sealed
    (beside a SQLite file, in a temp directory by URL for PostgreSQL)."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database:
        return str(Path(url.database).with_name("pii.key"))
    return os.path.join(_PG_KEY_DIR, hashlib.sha256(db_url.encode()).hexdigest()[:16] + ".key")


class _Recorded:
    """The app, noting the path of each HTTP request that reaches it."""

    def __init__(self, app: Any, seen: list[str]) -> None:
        self.app, self.seen = app, seen

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.seen.append(scope["path"])
        await self.app(scope, receive, send)


@contextmanager
def running_store(db_url: str, *, tls: tuple[str, str] | None = None, verify: ssl.SSLContext | bool = True,
                  **settings: Any) -> Iterator[LiveStore]:
    """The real app under uvicorn.Server in a thread, bound to a free loopback port.

    `tls`: (certificate file, key file) to serve HTTPS with, as `cloudstore serve --ssl-certfile
    --ssl-keyfile` does; `verify`: what the harness's own clients trust then."""
    db = StoreDB(db_url)
    upgrade(db)
    salt_dir = tempfile.TemporaryDirectory(prefix="cloudstore-salt-")  # not the user's data dir
    settings.setdefault("shopper_salt_file", os.path.join(salt_dir.name, "shopper-salt.key"))
    settings.setdefault("pii_key_file", pii_key_file(db_url))
    cfg = Settings(db_url=db_url, **settings)
    sock = free_socket()
    port = sock.getsockname()[1]
    seen: list[str] = []
    certfile, keyfile = tls or (None, None)
    server = uvicorn.Server(uvicorn.Config(_Recorded(create_app(cfg, db), seen), log_level="warning",
                                           lifespan="on", ssl_certfile=certfile, ssl_keyfile=keyfile))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("store did not start")
        time.sleep(0.01)
    scheme = "https" if tls else "http"
    store = LiveStore(f"{scheme}://127.0.0.1:{port}", db, cfg, verify=verify, requests=seen)
    try:
        yield store
    finally:
        store.close()
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        db.close()
        salt_dir.cleanup()


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A throwaway schema in the test database; yields a URL whose search_path points at it."""
    schema = "t_" + secrets.token_hex(6)
    admin = create_engine(base_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def pg_base_url() -> str:
    url = os.environ.get(PG_URL_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not configured: set {PG_URL_ENV} (tools/postgres.sh prints it)")
    return url


# --- payloads ----------------------------------------------------------------------------------------


def order_payload(order_uuid: str | None = None, *, qty: int = 2, price: int = 1590, shipping: int = 0,
                  total: int | None = None, sku: str = "D00001", method: str = "wechat") -> dict[str, Any]:
    """An order as a kiosk pushes it; it says it was paid by `method` (give it a payment that says so:
    `paid_payment` or `pay_on_phone`, or the store flags it)."""
    order_uuid = order_uuid or str(uuid.uuid4())
    subtotal = qty * price
    total = subtotal + shipping if total is None else total
    return {
        "order_uuid": order_uuid, "order_no": f"K01-{order_uuid[:8]}", "currency": "CNY",
        "subtotal_minor": subtotal, "shipping_minor": shipping, "total_minor": total,
        "fulfilment": "delivery" if shipping else "pickup",
        "lines": [{"position": 0, "sku": sku, "name_zh": "可乐", "name_en": "Cola", "unit_price_minor": price,
                   "quantity": qty, "line_total_minor": qty * price}],
        "contact": {"name": "张三", "phone": "13800001234"} if shipping else {},
        "payment": {"method": method, "amount_minor": total},
    }


def paid_payment(db: StoreDB, device_id: str, payload: dict[str, Any], **columns: Any) -> str:
    """A payment of the order straight into the store's database: PAID, of the order's total, by the
    method the order names, unless `columns` say otherwise. Returns its id."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    payment_id = "pay_" + secrets.token_hex(12)
    values: dict[str, Any] = {
        "id": payment_id, "token": secrets.token_urlsafe(18), "out_trade_no": payment_id,
        "device_id": device_id, "order_uuid": payload["order_uuid"], "method": payload["payment"]["method"],
        "amount_minor": payload["total_minor"], "currency": payload["currency"], "status": "PAID",
        "reference": "SBX" + secrets.token_hex(4), "created_at": now, "expires_at": now, "paid_at": now,
        **columns}
    with db.write() as session:
        session.add(SandboxPayment(**values))
    return payment_id


def pay_on_phone(kiosk: Kiosk, payload: dict[str, Any], *, amount_minor: int | None = None,
                 method: str | None = None) -> dict[str, Any]:
    """What a real sale does first: the kiosk creates the order's payment and a phone pays it."""
    created = kiosk.http.post("/v1/payments", json={
        "order_uuid": payload["order_uuid"], "currency": payload["currency"],
        "amount_minor": payload["total_minor"] if amount_minor is None else amount_minor,
        "method": method or payload["payment"]["method"]})
    assert created.status_code == 201, created.text
    payment: dict[str, Any] = created.json()
    assert httpx.post(f"{payment['code_url']}/pay").status_code == 303
    paid: dict[str, Any] = kiosk.http.get(f"/v1/payments/{payment['payment_id']}").json()
    assert paid["status"] == "PAID"
    payload["payment"] |= {"payment_id": paid["payment_id"], "reference": paid["reference"]}
    return paid


def batch_item(seq: int, payload: dict[str, Any]) -> dict[str, Any]:
    return {"device_seq": seq, "order_uuid": payload["order_uuid"], "kind": ORDER_PAID_KIND,
            "payload": payload, "payload_hash": payload_hash(payload)}
