"""Command line: `cloudstore serve | add-device | revoke-device | seed-demo | migrate`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import zoneinfo
from collections.abc import Sequence
from pathlib import Path

from cloudstore.db import StoreDB, default_db_url
from cloudstore.migrate import upgrade
from cloudstore.settings import (
    DEFAULT_RETURN_WINDOW_DAYS,
    DEFAULT_TIMEZONE,
    MERCHANT_PHONE_ENV,
    RETURN_WINDOW_ENV,
    SANDBOX_CONTROLS_ENV,
    TIMEZONE_ENV,
    Settings,
    admin_token_from_env,
    env_flag,
)
from cloudstore.shoppers import SALT_FILE_ENV, default_salt_file


def demo_catalog_path() -> Path:
    """assets/catalog/demo_catalog.json beside the code: source tree, wheel or frozen bundle."""
    here = Path(__file__).resolve().parent
    roots = [Path(getattr(sys, "_MEIPASS", here)) / "assets", here.parent / "assets",
             here.parent / "kiosk" / "assets"]
    for root in roots:
        candidate = root / "catalog" / "demo_catalog.json"
        if candidate.exists():
            return candidate
    return roots[1] / "catalog" / "demo_catalog.json"


def _open(url: str) -> StoreDB:
    db = StoreDB(url)
    upgrade(db)
    return db


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from cloudstore.app import create_app

    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        print("cloudstore: --ssl-certfile and --ssl-keyfile go together", file=sys.stderr)
        return 2
    token = admin_token_from_env()
    settings = Settings(db_url=args.db, merchant_name=args.merchant, public_url=args.public_url,
                        sandbox_controls=args.sandbox_controls or env_flag(SANDBOX_CONTROLS_ENV),
                        payment_ttl_s=args.payment_ttl, timezone=args.timezone,
                        shopper_salt_file=args.shopper_salt_file, return_window_days=args.return_window_days,
                        merchant_phone=args.merchant_phone,
                        **({"admin_token": token} if token else {}))
    db = _open(args.db)
    app = create_app(settings, db, owns_db=True)
    where = f"{'https' if args.ssl_certfile else 'http'}://{args.host}:{args.port}"
    print(f"cloudstore: database {args.db}", flush=True)
    if token is None:
        print(f"cloudstore: admin token {settings.admin_token} (set CLOUDSTORE_ADMIN_TOKEN to fix one)",
              flush=True)
    print(f"cloudstore: admin page {where}/admin?token=…  OpenAPI {where}/openapi.json", flush=True)
    if settings.sandbox_controls:
        print("cloudstore: sandbox controls mounted at /sandbox (test use only)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
    return 0


def cmd_add_device(args: argparse.Namespace) -> int:
    from cloudstore.devices import add_device

    db = _open(args.db)
    try:
        with db.write() as session:
            created = add_device(session, args.name)
    finally:
        db.close()
    print(json.dumps({"device_id": created["device_id"], "secret": created["secret"]}))
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    from cloudstore.devices import revoke_device

    db = _open(args.db)
    try:
        with db.write() as session:
            found = revoke_device(session, args.device_id)
    finally:
        db.close()
    if not found:
        print(f"cloudstore: no device {args.device_id}", file=sys.stderr)
        return 1
    print(json.dumps({"device_id": args.device_id, "revoked": True}))
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from cloudstore.catalog import CatalogError, load_catalog

    path = Path(args.file) if args.file else demo_catalog_path()
    if not path.exists():
        print(f"cloudstore: no catalog file at {path}", file=sys.stderr)
        return 1
    data = json.loads(path.read_text(encoding="utf-8"))
    db = _open(args.db)
    try:
        with db.write() as session:
            categories, products = load_catalog(session, data)
    except CatalogError as exc:
        print(f"cloudstore: {path}: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(json.dumps({"categories": categories, "products": products, "source": str(path)}))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    db = StoreDB(args.db)
    try:
        ran = upgrade(db)
    finally:
        db.close()
    print("cloudstore: migrated to head" if ran else "cloudstore: already at head")
    return 0


def _timezone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r}") from None
    return name


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if not 0 <= days <= 365:
        raise argparse.ArgumentTypeError(f"between 0 and 365 days, not {days}")
    return days


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cloudstore", description="Reference central store for the kiosks")
    sub = p.add_subparsers(dest="command", required=True)

    def with_db(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--db", default=default_db_url(),
                        help="SQLAlchemy URL: sqlite:///file.sqlite3 (default under the user data dir) "
                             "or postgresql+psycopg://user:pass@host/db")
        return sp

    serve = with_db(sub.add_parser("serve", help="run the HTTP service"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--public-url", default=None,
                       help="base URL phones use for the pay page (default: the host each kiosk used)")
    serve.add_argument("--merchant", default="云商城 Cloud Mall", help="merchant name on the pay page")
    serve.add_argument("--payment-ttl", type=int, default=300, help="seconds a payment QR stays valid")
    serve.add_argument("--sandbox-controls", action="store_true",
                       help=f"mount the test-only /sandbox router (or set {SANDBOX_CONTROLS_ENV}=1)")
    serve.add_argument("--timezone", type=_timezone, default=os.environ.get(TIMEZONE_ENV, DEFAULT_TIMEZONE),
                       help=f"the store's local time zone for the times its pages show (or {TIMEZONE_ENV})")
    serve.add_argument("--shopper-salt-file", default=default_salt_file(),
                       help="the salt of the shoppers' phone hashes (repeat shoppers in the reports), a file "
                            f"outside the database made on first start (or {SALT_FILE_ENV})")
    serve.add_argument("--return-window-days", type=_days,
                       default=os.environ.get(RETURN_WINDOW_ENV, str(DEFAULT_RETURN_WINDOW_DAYS)),
                       help="days after delivery or pickup in which a shopper may ask for a return "
                            f"(or {RETURN_WINDOW_ENV})")
    serve.add_argument("--merchant-phone", default=os.environ.get(MERCHANT_PHONE_ENV, ""),
                       help="the number shoppers are told to call about an order that can no longer be "
                            f"changed (or {MERCHANT_PHONE_ENV})")
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--ssl-certfile", default=None,
                       help="serve HTTPS with this PEM certificate (chain); production: a TLS reverse proxy")
    serve.add_argument("--ssl-keyfile", default=None, help="the PEM private key of --ssl-certfile")
    serve.set_defaults(func=cmd_serve)

    add = with_db(sub.add_parser("add-device", help="register a kiosk; prints its id and secret as JSON"))
    add.add_argument("name")
    add.set_defaults(func=cmd_add_device)

    revoke = with_db(sub.add_parser("revoke-device", help="refuse a kiosk from now on (403)"))
    revoke.add_argument("device_id")
    revoke.set_defaults(func=cmd_revoke_device)

    seed = with_db(sub.add_parser("seed-demo", help="load assets/catalog/demo_catalog.json"))
    seed.add_argument("--file", default=None, help="another catalog JSON file of the same shape")
    seed.set_defaults(func=cmd_seed_demo)

    migrate = with_db(sub.add_parser("migrate", help="apply database migrations only"))
    migrate.set_defaults(func=cmd_migrate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
