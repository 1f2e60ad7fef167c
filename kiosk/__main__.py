"""`kiosk` command line: parse, validate the config, run. Bad config never starts the kiosk."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.errors import EXIT_CONFIG, ConfigError

_LANGS = {"zh": "zh_CN", "zh_CN": "zh_CN", "en": "en_US", "en_US": "en_US"}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk", description="Self-service ordering kiosk.")
    parser.add_argument("--demo", action="store_true",
                        help="demo mode: seeded catalog, simulated devices, local store, sandbox payments")
    parser.add_argument("--config", type=Path, help="kiosk.toml to load (default: $KIOSK_CONFIG)")
    parser.add_argument("--data-dir", type=Path, help="where the database, logs and key live")
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of fullscreen")
    parser.add_argument("--lang", choices=sorted(_LANGS), help="the default shopper language")
    parser.add_argument("--orientation", choices=["portrait", "landscape"])
    parser.add_argument("--print-config", action="store_true", help="print the effective config and exit")
    parser.add_argument("--reset-pin", action="store_true",
                        help="forget the technician PIN and its lockout (the kiosk stopped); the next start "
                             "asks for a new one")
    parser.add_argument("--exit-after-first-frame", action="store_true",
                        help="quit once the first frame is drawn (start-up benchmark and smoke test)")
    parser.add_argument("--screenshot-tour", type=Path, metavar="DIR",
                        help="render every shopper screen (zh/en, portrait/landscape) to PNG files in DIR, "
                             "offscreen on a throw-away demo catalog, and exit")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    return parser.parse_args(argv)


def cli_overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    ui: dict[str, Any] = {}
    if args.demo:
        overrides["demo"] = True
    if args.data_dir:
        overrides["data_dir"] = str(args.data_dir)
    if args.windowed:
        ui["windowed"] = True
    if args.lang:
        ui["language"] = _LANGS[args.lang]
    if args.orientation:
        ui["orientation"] = args.orientation
    if ui:
        overrides["ui"] = ui
    return overrides


# a frozen build has no `python -m cloudstore`: demo mode re-runs this executable with this flag
RUN_CLOUDSTORE = "--run-cloudstore"


def screenshot_tour(out_dir: Path) -> int:
    import os

    # before Qt loads: no display needed, and the same renderer as the tests (the rest the kiosk sets
    # itself, as always)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from kiosk.ui.tour import main as tour

    return tour(out_dir)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [RUN_CLOUDSTORE]:
        from cloudstore.__main__ import main as cloudstore_main

        return cloudstore_main(argv[1:])
    args = parse_args(argv)
    if args.screenshot_tour:
        return screenshot_tour(args.screenshot_tour)
    from kiosk.app import reset_technician_pin, run
    from kiosk.config import as_toml, load_config

    try:
        config = load_config(args.config, overrides=cli_overrides(args))
    except ConfigError as exc:
        print(f"kiosk: {exc}. The kiosk will not start until this is fixed.", file=sys.stderr)
        return EXIT_CONFIG
    if args.print_config:
        print(as_toml(config), end="")
        return 0
    if args.reset_pin:
        return reset_technician_pin(config)
    return run(config, exit_after_first_frame=args.exit_after_first_frame)


if __name__ == "__main__":
    sys.exit(main())
