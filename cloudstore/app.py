"""The FastAPI application: wiring only; the work is in the service modules.

Scale-out (`cloudstore serve --workers N`, PostgreSQL only): N processes each build their own app with
`worker_app` and share nothing but the database. What one process keeps in `app.state` is either the
same in every process (settings, the shopper salt read from its file) or a cache another process never
needs (see each line in `create_app`); everything a request must agree on with a request served by
another process lives in the database: nonces, payments, orders and their seq bookkeeping, throttles.
"""

from __future__ import annotations

import base64
import os
import pickle
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from cloudstore import __version__
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
    caller has done the one-off shopper-hash backfill already (the parent of several workers).
    """
    store_db = db or StoreDB(settings.db_url)
    close_on_shutdown = owns_db or db is None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
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


WORKER_CONFIG_ENV = "CLOUDSTORE_WORKER_CONFIG"


def worker_config(settings: Settings, max_connections: int) -> str:
    """What `worker_app` in each worker process builds its app from, passed in the environment: Uvicorn
    starts its workers as fresh interpreters that import the factory by name. Pickled, so that the
    settings arrive whole whatever their fields hold; only our own parent process writes it."""
    return base64.b64encode(pickle.dumps((settings, max_connections))).decode("ascii")


def worker_app() -> FastAPI:
    """The app factory of one of `cloudstore serve --workers N`'s processes. The parent has migrated
    the database, made the salt file and backfilled the shopper hashes once, for all of them."""
    settings, max_connections = pickle.loads(base64.b64decode(os.environ[WORKER_CONFIG_ENV]))
    if not isinstance(settings, Settings):
        raise TypeError(f"{WORKER_CONFIG_ENV} holds no store settings")
    db = StoreDB(settings.db_url, max_connections=int(max_connections))
    return create_app(settings, db, owns_db=True, backfill_shoppers=False)


def build(settings: Settings) -> FastAPI:
    db = StoreDB(settings.db_url)
    upgrade(db)
    return create_app(settings, db, owns_db=True)
