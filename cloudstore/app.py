"""The FastAPI application: wiring only; the work is in the service modules."""

from __future__ import annotations

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


def create_app(settings: Settings, db: StoreDB | None = None, *, owns_db: bool = False) -> FastAPI:
    """The app over an already migrated database (`build` migrates first).

    A database passed in stays the caller's to close unless `owns_db`.
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
    app.state.settings = settings
    app.state.db = store_db
    app.state.nonces = NonceCache(store_db)
    app.state.secrets = DeviceSecrets(store_db)
    app.state.shopper_salt = load_salt(settings.shopper_salt_file)
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


def build(settings: Settings) -> FastAPI:
    db = StoreDB(settings.db_url)
    upgrade(db)
    return create_app(settings, db, owns_db=True)
