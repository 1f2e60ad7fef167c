"""The FastAPI application: wiring only; the work is in the service modules.

Scale-out (`cloudstore serve --workers N`, PostgreSQL only): N processes each build their own app with
`worker_app` and share nothing but the database. What one process keeps in `app.state` is either the
same in every process (settings, the shopper salt read from its file) or a cache another process never
needs (see each line in `create_app`); everything a request must agree on with a request served by
another process lives in the database: nonces, payments, orders and their seq bookkeeping, throttles.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import os
import pickle
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from cloudstore import __version__, pii
from cloudstore.auth import DeviceSecrets, NonceCache
from cloudstore.db import StoreDB
from cloudstore.migrate import upgrade
from cloudstore.routes import (
    admin_api,
    admin_pages,
    device_api,
    order_page,
    pay_page,
    reports_page,
    sandbox,
    staff,
)
from cloudstore.settings import Settings
from cloudstore.shoppers import backfill, load_salt

log = logging.getLogger(__name__)


async def _validation_as_400(_request: Request, exc: Exception) -> JSONResponse:
    # the kiosk's pusher splits a batch on 400 to isolate a poison row (DESIGN, sync contract)
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return JSONResponse({"detail": [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in errors]}, status_code=400)


def create_app(settings: Settings, db: StoreDB | None = None, *, owns_db: bool = False,
               backfill_shoppers: bool = True) -> FastAPI:
    """The app over an already migrated database (`build` migrates first).

    A database passed in stays the caller's to close unless `owns_db`. `backfill_shoppers=False`: the
    caller has done the one-off shopper-hash backfill and the sealing of personal data stored before
    migration 0004 already (the parent of several workers).
    """
    store_db = db or StoreDB(settings.db_url)
    close_on_shutdown = owns_db or db is None
    # a key file that is missing or wrong while the database holds sealed data stops the start here
    store_db.pii = pii.load(settings.pii_key_file, store_db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        purging = asyncio.create_task(_purge_every(store_db, settings))
        yield
        purging.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await purging
        if close_on_shutdown:
            store_db.close()

    app = FastAPI(title="cloudstore", version=__version__, lifespan=lifespan,
                  description="Reference central store for the self-service kiosks: signed device API, "
                              "payment sandbox, merchant admin.",
                  docs_url="/docs", redoc_url=None)
    # the same in every worker: `serve` fixes the settings (the admin token included) in the parent
    app.state.settings = settings
    # a connection pool; every transaction's state is in the database
    app.state.db = store_db
    # nonces are rows (UNIQUE per device and nonce): a replay to another worker meets the row; only the
    # time of this process's last prune of old nonces is local, and any worker may prune
    app.state.nonces = NonceCache(store_db)
    # a per-process cache of device secrets: a secret never changes, and revocation is read from the
    # database in each batch's own transaction, so a worker that cached it still refuses a revoked kiosk
    app.state.secrets = DeviceSecrets(store_db)
    # read from its file, the same file for every worker (`serve` creates it before they start)
    app.state.shopper_salt = load_salt(settings.shopper_salt_file)
    if backfill_shoppers:
        backfill(store_db, app.state.shopper_salt)  # orders from before the store kept shopper hashes
        pii.seal_stored(store_db, store_db.pii)  # once: rows stored in the clear before migration 0004
    app.add_exception_handler(RequestValidationError, _validation_as_400)
    app.include_router(device_api.router)
    app.include_router(pay_page.router)
    app.include_router(order_page.router)
    app.include_router(admin_api.router)
    app.include_router(staff.router)
    app.include_router(admin_pages.router)
    app.include_router(reports_page.router)
    if settings.sandbox_controls:
        app.include_router(sandbox.router)
    return app


async def _purge_every(db: StoreDB, settings: Settings) -> None:
    """The scheduled purge of personal data past its retention: at start, then every interval; each
    run by one store process at a time (a lease in the database)."""
    holder = f"{socket.gethostname()}:{os.getpid()}:{id(db):x}"
    while True:
        try:
            await asyncio.to_thread(pii.scheduled_purge, db, settings.pii_retention_days, holder)
        except Exception as exc:  # the next run tries again; the store serves on
            # the type alone: a database error's text may quote the rows' values
            log.error("personal data purge failed (%s); next try in %.0f s", type(exc).__name__,
                      settings.pii_purge_interval_s)
        await asyncio.sleep(settings.pii_purge_interval_s)


WORKER_CONFIG_ENV = "CLOUDSTORE_WORKER_CONFIG"


def worker_config(settings: Settings, max_connections: int) -> str:
    """What `worker_app` in each worker process builds its app from, passed in the environment: Uvicorn
    starts its workers as fresh interpreters that import the factory by name. Pickled, so that the
    settings arrive whole whatever their fields hold; only our own parent process writes it."""
    return base64.b64encode(pickle.dumps((settings, max_connections))).decode("ascii")


def worker_app() -> FastAPI:
    """The app factory of one of `cloudstore serve --workers N`'s processes. The parent has migrated
    the database, made the salt file, checked the PII key, backfilled the shopper hashes and sealed
    older personal data once, for all of them."""
    settings, max_connections = pickle.loads(base64.b64decode(os.environ[WORKER_CONFIG_ENV]))
    if not isinstance(settings, Settings):
        raise TypeError(f"{WORKER_CONFIG_ENV} holds no store settings")
    db = StoreDB(settings.db_url, max_connections=int(max_connections))
    return create_app(settings, db, owns_db=True, backfill_shoppers=False)


def build(settings: Settings) -> FastAPI:
    db = StoreDB(settings.db_url)
    upgrade(db)
    return create_app(settings, db, owns_db=True)
