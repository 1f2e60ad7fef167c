"""Every filesystem location the kiosk uses, in one place.

Assets are read-only and travel with the code (source tree, wheel or PyInstaller bundle); the data
dir holds everything the kiosk writes (database, logs, key, lock, generated images).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "kiosk"


def assets_dir() -> Path:
    """The shipped assets: fonts, images, demo data."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "assets"
    # kiosk/assets links to the top-level assets/ in a checkout and is a real folder in a wheel
    return Path(__file__).resolve().parent / "assets"


def asset(*parts: str) -> Path:
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing asset: {path}")
    return path


def qml_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "kiosk" / "ui" / "qml"
    return Path(__file__).resolve().parent / "ui" / "qml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """Locations below one data dir; created on demand by `ensure()`."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "kiosk.sqlite3"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def images(self) -> Path:
        return self.root / "images"

    @property
    def key_file(self) -> Path:
        # the PII key lives beside, never inside, the database
        return self.root / "pii.key"

    @property
    def pin_pepper(self) -> Path:
        # mixed into the technician PIN's hash; outside the database, like the PII key
        return self.root / "pin.pepper"

    @property
    def shopper_salt(self) -> Path:
        # the salt of the shopper hash (repeat shoppers in the reports); outside the database, so the
        # hashes in it cannot be tried against every phone number without this file
        return self.root / "shopper.salt"

    @property
    def exports(self) -> Path:
        # reports and diagnostic bundles when no USB stick is in
        return self.root / "exports"

    @property
    def keyboard(self) -> Path:
        # the on-screen keyboard's user data (kept empty: see kiosk.ui.environment)
        return self.root / "keyboard"

    @property
    def lock_file(self) -> Path:
        return self.root / "kiosk.lock"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.logs, self.images):
            folder.mkdir(parents=True, exist_ok=True)
        return self
