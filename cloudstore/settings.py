"""Run-time settings of the store, from the command line and the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from cloudstore.pii import DEFAULT_RETENTION_DAYS, PURGE_INTERVAL_S, default_key_file
from cloudstore.shoppers import default_salt_file

ADMIN_TOKEN_ENV = "CLOUDSTORE_ADMIN_TOKEN"
SANDBOX_CONTROLS_ENV = "CLOUDSTORE_SANDBOX_CONTROLS"
TIMEZONE_ENV = "CLOUDSTORE_TIMEZONE"
DEFAULT_TIMEZONE = "Asia/Shanghai"  # as the kiosks' identity.timezone
RETURN_WINDOW_ENV = "CLOUDSTORE_RETURN_WINDOW_DAYS"
DEFAULT_RETURN_WINDOW_DAYS = 7  # kiosk.order_rules.RETURN_WINDOW_DAYS, the kiosks' default too
MERCHANT_PHONE_ENV = "CLOUDSTORE_MERCHANT_PHONE"


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def admin_token_from_env() -> str | None:
    return os.environ.get(ADMIN_TOKEN_ENV) or None


@dataclass(frozen=True)
class Settings:
    db_url: str
    admin_token: str = field(default_factory=lambda: admin_token_from_env() or secrets.token_urlsafe(24))
    merchant_name: str = "云商城 Cloud Mall"
    # base of code_url; None: the scheme and host the kiosk itself used to reach the store
    public_url: str | None = None
    # the test-only /sandbox router that forces payment outcomes
    sandbox_controls: bool = False
    payment_ttl_s: int = 300
    # the store's local time (IANA name): what its pages show times in, as the receipts print them
    timezone: str = DEFAULT_TIMEZONE
    # the store-wide salt of the shoppers' phone hashes (repeat shoppers in the reports), kept outside
    # the database; made on first start
    shopper_salt_file: str = field(default_factory=default_salt_file)
    # after the purchase: days after delivery or pickup in which a return may be asked for, and the
    # number a shopper is told to call when an order can no longer be changed ("": none shown)
    return_window_days: int = DEFAULT_RETURN_WINDOW_DAYS
    merchant_phone: str = ""
    # personal data at rest (cloudstore.pii): the key file, outside the database, made on first start;
    # the days after an order is complete that its personal data is kept; how often the running store
    # purges what is past that (and once at start)
    pii_key_file: str = field(default_factory=default_key_file)
    pii_retention_days: int = DEFAULT_RETENTION_DAYS
    pii_purge_interval_s: float = PURGE_INTERVAL_S
