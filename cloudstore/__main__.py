"""Command line: `cloudstore serve | add-device | revoke-device | seed-demo | migrate | purge | add-user |
set-password | remove-user | login-code`."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import zoneinfo
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

from cloudstore import pii
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


WORKERS_ENV = "CLOUDSTORE_WORKERS"
SQLITE_ONE_WORKER = (
    "cloudstore: --workers {n} needs PostgreSQL. On SQLite the store queues its writes behind a lock "
    "inside its one process; several processes would instead wait on the database file's lock, and "
    "under load a request would fail with 'database is locked'. Serve SQLite with one worker, or put "
    "the store on PostgreSQL (--db postgresql+psycopg://user:pass@host/db).")


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from cloudstore.app import WORKER_CONFIG_ENV, create_app, worker_config
    from cloudstore.shoppers import backfill, load_salt

    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        print("cloudstore: --ssl-certfile and --ssl-keyfile go together", file=sys.stderr)
        return 2
    workers: int = args.workers
    if workers > 1 and make_url(args.db).get_backend_name() == "sqlite":
        print(SQLITE_ONE_WORKER.format(n=workers), file=sys.stderr)
        return 2
    settings = Settings(db_url=args.db, merchant_name=args.merchant, public_url=args.public_url,
                        sandbox_controls=args.sandbox_controls or env_flag(SANDBOX_CONTROLS_ENV),
                        payment_ttl_s=args.payment_ttl, timezone=args.timezone,
                        shopper_salt_file=args.shopper_salt_file, return_window_days=args.return_window_days,
                        merchant_phone=args.merchant_phone, session_idle_s=args.session_idle * 60,
                        secure_cookies=True if args.secure_cookies else None,
                        pii_key_file=args.pii_key_file, pii_retention_days=args.pii_retention_days)
    # a budget for all workers together, split over each one's two pools (cloudstore.db)
    per_worker = max(2, args.db_connections // (2 * workers))
    db = StoreDB(args.db, max_connections=per_worker)
    upgrade(db)
    try:  # here, once: a missing or wrong key file is one clear refusal, not one per worker
        db.pii = cipher = pii.load(settings.pii_key_file, db)
    except pii.PiiKeyError as exc:
        db.close()
        print(f"cloudstore: {exc}", file=sys.stderr)
        return 2
    where = f"{'https' if args.ssl_certfile else 'http'}://{args.host}:{args.port}"
    print(f"cloudstore: database {args.db}", flush=True)
    print(f"cloudstore: admin sign-in {where}/admin/login (add staff with `cloudstore add-user`)  "
          f"OpenAPI {where}/openapi.json", flush=True)
    if settings.sandbox_controls:
        print("cloudstore: sandbox controls mounted at /sandbox (test use only)", flush=True)
    if workers == 1:
        app = create_app(settings, db, owns_db=True)
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level,
                    proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips,
                    ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
        return 0
    # several processes on one PostgreSQL: the one-off work happens here, before any worker starts
    try:
        backfill(db, load_salt(settings.shopper_salt_file))
        pii.seal_stored(db, cipher)
    finally:
        db.close()
    os.environ[WORKER_CONFIG_ENV] = worker_config(settings, per_worker)
    print(f"cloudstore: {workers} worker processes, up to {2 * per_worker} database connections each",
          flush=True)
    uvicorn.run("cloudstore.app:worker_app", factory=True, workers=workers, host=args.host, port=args.port,
                log_level=args.log_level, proxy_headers=True, forwarded_allow_ips=args.forwarded_allow_ips,
                ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile)
    return 0


def _connections(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of connections: {text!r}") from None
    if n < 4:
        raise argparse.ArgumentTypeError(f"at least 4 connections, not {n}")
    return n


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of workers: {text!r}") from None
    if not 1 <= n <= 64:
        raise argparse.ArgumentTypeError(f"between 1 and 64 workers, not {n}")
    return n


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


def _read_password(args: argparse.Namespace) -> str:
    """From --password-file (its first line), else a prompt (asked twice) on a terminal, else stdin's
    first line. Never an argument: those show in `ps` and the shell's history."""
    if args.password_file:
        lines = Path(args.password_file).read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Again: "):
            raise ValueError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _account_command(args: argparse.Namespace, change: str) -> int:
    from cloudstore import accounts
    from cloudstore.models import utcnow

    try:
        password = _read_password(args) if change in ("add", "password") else ""
    except (OSError, ValueError) as exc:
        print(f"cloudstore: {exc}", file=sys.stderr)
        return 1
    db = _open(args.db)
    try:
        with db.write() as session:
            if change == "add":
                accounts.add_user(session, args.name, args.role, password)
            elif change == "password":
                accounts.set_password(session, args.name, password)
            else:
                accounts.remove_user(session, args.name)
            accounts.audit(session, "(command line)", f"user_{change}", f"user {args.name}", "ok", utcnow())
    except accounts.AccountError as exc:
        print(f"cloudstore: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(json.dumps({"user": args.name, "done": change}))
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    return _account_command(args, "add")


def cmd_set_password(args: argparse.Namespace) -> int:
    return _account_command(args, "password")


def cmd_remove_user(args: argparse.Namespace) -> int:
    return _account_command(args, "remove")


def cmd_login_code(args: argparse.Namespace) -> int:
    import datetime as dt

    from cloudstore import accounts
    from cloudstore.models import utcnow

    db = _open(args.db)
    try:
        with db.write() as session:
            code = accounts.new_login_code(session, args.name, utcnow(), dt.timedelta(seconds=args.ttl))
            accounts.audit(session, "(command line)", "login_code", f"user {args.name}", "ok", utcnow())
    except accounts.AccountError as exc:
        print(f"cloudstore: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(json.dumps({"user": args.name, "code": code, "path": "/admin/login/code",
                      "expires_in_s": args.ttl}))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    """Erase the personal data past its retention now (the running store also does it hourly)."""
    db = _open(args.db)
    try:
        done = pii.purge(db, args.pii_retention_days)
    finally:
        db.close()
    print(json.dumps({"retention_days": args.pii_retention_days, "orders": done.orders,
                      "requests": done.requests, "quarantined": done.quarantined}))
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

    def retention(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--pii-retention-days", type=_days,
                        default=os.environ.get(pii.RETENTION_ENV, str(pii.DEFAULT_RETENTION_DAYS)),
                        help="days after an order is complete (delivered, picked up or refunded) that its "
                             f"personal data is kept (or {pii.RETENTION_ENV})")

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
    serve.add_argument("--pii-key-file", default=pii.default_key_file(),
                       help="the key of the personal data at rest, a file outside the database made on first "
                            f"start; keep a backup of it (or {pii.KEY_FILE_ENV})")
    retention(serve)
    serve.add_argument("--workers", type=_workers, default=os.environ.get(WORKERS_ENV, "1"),
                       help="worker processes sharing the port (PostgreSQL only; about one per CPU core) "
                            f"(or {WORKERS_ENV})")
    serve.add_argument("--db-connections", type=_connections, default=60,
                       help="PostgreSQL connections all workers together may open (keep it below the "
                            "server's max_connections)")
    serve.add_argument("--forwarded-allow-ips", default=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
                       help="addresses of the reverse proxy whose X-Forwarded-Proto/-For headers are "
                            "trusted (comma-separated; '*' trusts any)")
    serve.add_argument("--session-idle", type=int, default=30, metavar="MINUTES",
                       help="an admin session ends after this many minutes without a request")
    serve.add_argument("--secure-cookies", action="store_true",
                       help="always mark the admin session cookie Secure (default: when the request came "
                            "over https, directly or from a proxy Uvicorn trusts)")
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

    def with_password(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--password-file", default=None,
                        help="read the password from this file's first line (scripts); otherwise it is "
                             "asked for on a terminal or read from stdin's first line")
        return sp

    # no abbreviations: `--password x` must be refused, not taken for --password-file
    add_user = with_password(with_db(sub.add_parser("add-user", allow_abbrev=False,
                                                    help="add a staff account of the admin pages")))
    add_user.add_argument("name")
    add_user.add_argument("--role", choices=["merchant", "technician"], required=True,
                          help="merchant: everything; technician: the fleet, quarantine and reports")
    add_user.set_defaults(func=cmd_add_user)

    set_password = with_password(with_db(sub.add_parser("set-password", allow_abbrev=False,
                                                        help="give a staff account a new password")))
    set_password.add_argument("name")
    set_password.set_defaults(func=cmd_set_password)

    remove_user = with_db(sub.add_parser("remove-user", help="remove a staff account (its sessions end)"))
    remove_user.add_argument("name")
    remove_user.set_defaults(func=cmd_remove_user)

    code = with_db(sub.add_parser("login-code",
                                  help="a one-time sign-in code for /admin/login/code; prints JSON"))
    code.add_argument("name")
    code.add_argument("--ttl", type=int, default=300, help="seconds the code stays good (default 300)")
    code.set_defaults(func=cmd_login_code)
    purge = with_db(sub.add_parser("purge", help="erase the personal data past its retention now"))
    retention(purge)
    purge.set_defaults(func=cmd_purge)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    os.umask(0o077)  # what the store makes (database, key files, data directory) is its user's alone
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
