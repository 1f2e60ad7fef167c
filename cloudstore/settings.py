"""Run-time settings of the store, from the command line and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from cloudstore.shoppers import default_salt_file

SANDBOX_CONTROLS_ENV = "CLOUDSTORE_SANDBOX_CONTROLS"
TIMEZONE_ENV = "CLOUDSTORE_TIMEZONE"
DEFAULT_TIMEZONE = "Asia/Shanghai"  # as the kiosks' identity.timezone
RETURN_WINDOW_ENV = "CLOUDSTORE_RETURN_WINDOW_DAYS"
DEFAULT_RETURN_WINDOW_DAYS = 7  # kiosk.order_rules.RETURN_WINDOW_DAYS, the kiosks' default too
MERCHANT_PHONE_ENV = "CLOUDSTORE_MERCHANT_PHONE"


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    db_url: str
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
    # the admin sign-in (cloudstore.accounts): a session ends after this long without a request, and
    # at the latest this long after sign-in
    session_idle_s: int = 30 * 60
    session_lifetime_s: int = 12 * 3600
    # failed sign-ins counted over this window: an account is refused after `login_tries_user`, a
    # client address after `login_tries_address`, until the window has passed over them
    login_window_s: int = 15 * 60
    login_tries_user: int = 5
    login_tries_address: int = 20
    # a one-time sign-in code (`cloudstore login-code`, the demo controls) is good this long
    login_code_ttl_s: int = 5 * 60
    # the session cookie's Secure flag: None marks it Secure when the request came over https, as
    # Uvicorn reports it (itself, or a trusted proxy's X-Forwarded-Proto); True always, False never
    secure_cookies: bool | None = None
