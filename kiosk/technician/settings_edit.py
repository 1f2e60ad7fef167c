"""The technician's settings: which keys they may change by touch, checking a change, and saving it.

A change is checked with the config's own rules (`kiosk.config._build` and `_check`) over the kiosk's
effective config before anything is written: a bad value raises `ConfigError` naming the key and
what is allowed, and nothing is saved. A good one is merged into the data dir's overlay
(`settings.toml`, see `kiosk.config`) with a temp file, fsync and rename, so a power cut leaves the
old file or the new one, never half of one.

Which changes apply at once: everything on the page except the printer and scanner connections,
which the running devices keep until the next start (`Change.live`). A key the environment sets
(`KIOSK_<SECTION>__<KEY>`) is not editable here: the environment would override the saved value at
the next start, so the technician is told where it is set instead. `[store]` (the secret among it)
is never listed.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from kiosk.config import ENV_PREFIX, KioskConfig, _build, _check, read_overlay
from kiosk.errors import ConfigError

log = logging.getLogger(__name__)

EDITABLE_KEYS = (
    "identity.store_name", "identity.store_name_en",
    "ui.language", "ui.languages",
    "idle.home_s", "idle.category_s", "idle.product_s", "idle.search_s", "idle.other_s", "idle.countdown_s",
    "payment.time_limit_s",
    "receipt.default", "receipt.e_receipt",
    "hours.weekly", "hours.exceptions",
    "printer.kind", "printer.host", "printer.port", "printer.usb_vendor_id", "printer.usb_product_id",
    "printer.serial_port", "printer.path", "printer.paper_width_mm",
    "scanner.kind", "scanner.port", "scanner.baudrate",
)
# the running device threads keep their connection: these apply at the next start
RESTART_SECTIONS = frozenset({"printer", "scanner"})

Kind = Literal["text", "number", "choice", "toggle"]


@dataclass(frozen=True)
class Setting:
    key: str
    kind: Kind
    choices: tuple[str, ...] = ()
    lo: int = 0
    hi: int = 0

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def live(self) -> bool:
        return self.section not in RESTART_SECTIONS

    @property
    def step(self) -> int:
        """A stepper's step: coarse for wide ranges."""
        return 1 if self.hi - self.lo <= 120 else 5 if self.hi - self.lo <= 4000 else 100


def _describe(key: str) -> Setting:
    section, name = key.split(".")
    cls = type(getattr(KioskConfig(), section))
    tp = typing.get_type_hints(cls)[name]
    meta = {f.name: f.metadata for f in dataclasses.fields(cls)}[name]
    if get_origin(tp) is Literal:
        return Setting(key, "choice", tuple(str(c) for c in get_args(tp)))
    if tp is bool:
        return Setting(key, "toggle", ("true", "false"))
    if tp is int:
        lo, hi = meta["range"]
        return Setting(key, "number", lo=lo, hi=hi)
    return Setting(key, "text")


SETTINGS: dict[str, Setting] = {key: _describe(key) for key in EDITABLE_KEYS}


def value_of(config: KioskConfig, key: str) -> Any:
    section, name = key.split(".")
    return getattr(getattr(config, section), name)


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def env_var(key: str) -> str:
    section, name = key.split(".")
    return f"{ENV_PREFIX}{section.upper()}__{name.upper()}"


@dataclass(frozen=True)
class Change:
    key: str
    old: str
    new: str
    live: bool


@dataclass(frozen=True)
class Plan:
    """A checked change: the config before and after, and each key that changed."""

    before: KioskConfig
    after: KioskConfig
    changes: tuple[Change, ...]
    typed: dict[str, Any]  # key → the typed value, as the overlay stores it

    @property
    def live_config(self) -> KioskConfig:
        """What runs now: the new values, but the devices' connections as they started."""
        kept = {section: getattr(self.before, section) for section in RESTART_SECTIONS}
        return dataclasses.replace(self.after, **kept)

    @property
    def needs_restart(self) -> bool:
        return any(not c.live for c in self.changes)


def _tree(flat: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    tree: dict[str, dict[str, Any]] = {}
    for key, value in flat.items():
        section, name = key.split(".")
        tree.setdefault(section, {})[name] = value
    return tree


class SettingsEditor:
    """Checks and saves the technician's changes in the overlay file."""

    def __init__(self, overlay_file: Path, environ: Mapping[str, str] | None = None) -> None:
        self.overlay_file = overlay_file
        self._environ = os.environ if environ is None else environ

    def env_locked(self, key: str) -> str:
        """The environment variable that sets `key` ("" when none does)."""
        var = env_var(key)
        return var if var in self._environ else ""

    def plan(self, config: KioskConfig, edits: Mapping[str, str]) -> Plan:
        """Check `edits` (key → the text typed or chosen) against the effective `config`.

        Raises ConfigError naming the first bad key; the result says what would change."""
        for key, text in edits.items():
            if key not in SETTINGS:
                raise ConfigError(key, text, "a setting the technician may change")
            var = self.env_locked(key)
            if var:
                raise ConfigError(key, text, f"a change made where it is set: the environment variable {var}")
        after = _build(KioskConfig, _tree(edits), "", True, config)
        _check(after)
        changes: list[Change] = []
        typed: dict[str, Any] = {}
        for key in edits:
            old, new = value_of(config, key), value_of(after, key)
            typed[key] = new
            if old != new:
                changes.append(Change(key, as_text(old), as_text(new), SETTINGS[key].live))
        return Plan(config, after, tuple(changes), typed)

    def save(self, plan: Plan) -> None:
        """Merge the plan's values into the overlay, atomically. Raises OSError or ConfigError."""
        if not plan.changes:
            return
        overlay = read_overlay(self.overlay_file)
        for key, value in plan.typed.items():
            section, name = key.split(".")
            table = overlay.setdefault(section, {})
            if not isinstance(table, dict):
                raise ConfigError(f"{self.overlay_file.name}: {section}", table, f"a [{section}] table")
            table[name] = value
        _build(KioskConfig, overlay, "", False, KioskConfig())  # types and ranges, before anything is written
        write_atomically(self.overlay_file, to_toml(overlay))
        log.info("settings saved to %s: %s", self.overlay_file, ", ".join(c.key for c in plan.changes))


def _toml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # a JSON string is a valid TOML basic string (the same escapes)
    return json.dumps(str(value), ensure_ascii=False)


def to_toml(tables: Mapping[str, Any]) -> str:
    lines = ["# The technician's settings (kiosk settings page); above kiosk.toml, below the environment."]
    for section in sorted(tables):
        lines.append(f"\n[{section}]")
        for name, value in sorted(tables[section].items()):
            lines.append(f"{name} = {_toml_scalar(value)}")
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, rename over, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
