"""Small shared pieces of the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from cloudstore.auth import DeviceCaller, signed_device
from cloudstore.db import StoreDB
from cloudstore.settings import Settings


def get_db(request: Request) -> StoreDB:
    db: StoreDB = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def public_base(request: Request) -> str:
    """Where a phone reaches this store: the configured public URL or the host the caller used."""
    configured = get_settings(request).public_url
    return configured.rstrip("/") if configured else str(request.base_url).rstrip("/")


DB = Annotated[StoreDB, Depends(get_db)]
Caller = Annotated[DeviceCaller, Depends(signed_device)]
