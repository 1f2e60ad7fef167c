"""The FastAPI application: wiring only; the work is in the service modules."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
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
from cloudstore.routes import admin_api, admin_pages, device_api, order_page, pay_page, reports_page, sandbox
from cloudstore.settings import Settings
from cloudstore.shoppers import backfill, load_salt

log = logging.getLogger(__name__)


async def _validation_as_400(_request: Request, exc: Exception) -> JSONResponse:
    # the kiosk's pusher splits a batch on 400 to isolate a poison row (DESIGN, sync contract)
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return JSONResponse({"detail": [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in errors]}, status_code=400)


def create_app(settings: Settings, db: StoreDB | None = None, *, owns_db: bool = False) -> FastAPI:
    """The app over an already migrated database (`build` migrates first).

    A database passed in stays the caller's to close unless `owns_db`.
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
    app.state.settings = settings
    app.state.db = store_db
    app.state.nonces = NonceCache(store_db)
    app.state.secrets = DeviceSecrets(store_db)
    app.state.shopper_salt = load_salt(settings.shopper_salt_file)
    backfill(store_db, app.state.shopper_salt)  # orders from before the store kept shopper hashes
    pii.seal_stored(store_db, store_db.pii)  # once: rows stored in the clear before migration 0004
    app.add_exception_handler(RequestValidationError, _validation_as_400)
    app.include_router(device_api.router)
    app.include_router(pay_page.router)
    app.include_router(order_page.router)
    app.include_router(admin_api.router)
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


def build(settings: Settings) -> FastAPI:
    db = StoreDB(settings.db_url)
    upgrade(db)
    return create_app(settings, db, owns_db=True)
