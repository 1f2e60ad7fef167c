"""Typed kiosk configuration: built-in demo defaults < kiosk.toml < settings.toml < environment <
command line.

Every value is validated when loaded. A wrong value names the key, the value and what is allowed,
and the kiosk refuses to start (`ConfigError`) rather than run half-configured.

`settings.toml` in the data dir is the technician's overlay: what they changed by touch on the
settings page (kiosk.technician.settings_edit writes it atomically, after checking it with the same
rules as here). It sits above the installer's kiosk.toml and below the environment and the command
line, so an operator's override still wins; it may not hold `demo`, `data_dir` or `[store]` (the
data dir it lives in, and the secret, are not the technician's to change).

Environment overrides use `KIOSK_<SECTION>__<KEY>`, e.g. `KIOSK_UI__LANGUAGE=en_US`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
import typing
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from kiosk.errors import ConfigError

Language = Literal["zh_CN", "en_US"]
LANGUAGES: tuple[str, ...] = get_args(Language)
Orientation = Literal["portrait", "landscape"]
ENV_PREFIX = "KIOSK_"


def _range(lo: int, hi: int) -> dict[str, tuple[int, int]]:
    return {"range": (lo, hi)}


@dataclass(frozen=True)
class IdentityConfig:
    device_name: str = "K01"  # short kiosk code, part of every order number
    store_name: str = "云商城自助终端"
    # what English-speaking shoppers (and their receipts) see; "": the same name in both languages
    store_name_en: str = "Cloud Mall Self-Service"
    currency: str = "CNY"
    # the store's local day (order numbers, reports, opening hours): an IANA zone, never the kiosk's
    timezone: str = "Asia/Shanghai"

    def store_name_in(self, language: str) -> str:
        return self.store_name if language == "zh_CN" else self.store_name_en or self.store_name


@dataclass(frozen=True)
class UiConfig:
    language: Language = "zh_CN"  # the language a new shopper session starts in
    orientation: Orientation = "portrait"
    windowed: bool = False
    lockdown: bool = True  # ignore Alt+F4 / Esc / window close while fullscreen
    attract_interval_s: int = field(default=6, metadata=_range(2, 120))
    # the languages a shopper may switch between, comma-separated; one alone hides the switch
    languages: str = "zh_CN,en_US"

    def offered(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]


@dataclass(frozen=True)
class IdleConfig:
    """Seconds without a touch before "still there?" shows, per shopper screen; then a countdown.

    The attract screen never times out and the payment screen pauses the clock.
    """

    home_s: int = field(default=60, metadata=_range(10, 3600))
    category_s: int = field(default=90, metadata=_range(10, 3600))
    product_s: int = field(default=120, metadata=_range(10, 3600))
    search_s: int = field(default=90, metadata=_range(10, 3600))
    other_s: int = field(default=90, metadata=_range(10, 3600))  # shopper screens not listed above
    countdown_s: int = field(default=20, metadata=_range(5, 300))


@dataclass(frozen=True)
class ShippingConfig:
    cutoff_hour: int = field(default=16, metadata=_range(0, 24))  # 24: no cutoff
    transit_days: int = field(default=2, metadata=_range(0, 60))
    # comma-separated "YYYY-MM-DD" days or "YYYY-MM-DD..YYYY-MM-DD" ranges
    holidays: str = ""
    workdays: str = ""  # make-up working days on weekends (调休)

    def day_lists(self) -> tuple[list[str], list[str]]:
        def split(text: str) -> list[str]:
            return [part.strip() for part in text.split(",") if part.strip()]

        return split(self.holidays), split(self.workdays)


@dataclass(frozen=True)
class PaymentConfig:
    # how long a shopper has to pay the QR; reconciliation leaves younger orders alone
    time_limit_s: int = field(default=120, metadata=_range(30, 900))


@dataclass(frozen=True)
class ReceiptConfig:
    # what the order screen shows first: the paper receipt, or the e-receipt QR ("phone")
    default: Literal["paper", "phone"] = "paper"
    # the e-receipt QR is offered; false: paper is required, so no printer means out of service
    e_receipt: bool = True


@dataclass(frozen=True)
class HoursConfig:
    """Opening hours in the store's time zone; the format is kiosk.service_hours's docstring."""

    weekly: str = ""  # empty: open around the clock
    exceptions: str = ""  # public holidays and special hours


@dataclass(frozen=True)
class StoreConfig:
    url: str = ""  # empty: demo mode starts the reference store locally
    device_id: str = ""
    secret: str = ""
    # PEM file of the CA that signed an https:// store's certificate (a private or self-signed CA);
    # "": the usual public CAs. When set, only its CAs are trusted.
    ca_file: str = ""


@dataclass(frozen=True)
class PrinterConfig:
    kind: Literal["sim", "network", "usb", "serial", "file", "none"] = "sim"
    host: str = "127.0.0.1"
    port: int = field(default=9100, metadata=_range(1, 65535))
    usb_vendor_id: int = field(default=0, metadata=_range(0, 0xFFFF))
    usb_product_id: int = field(default=0, metadata=_range(0, 0xFFFF))
    serial_port: str = ""
    baudrate: int = field(default=9600, metadata=_range(1200, 921600))
    path: str = ""
    paper_width_mm: Literal[58, 80] = 80
    timeout_s: int = field(default=5, metadata=_range(1, 60))


@dataclass(frozen=True)
class ScannerConfig:
    kind: Literal["sim", "serial", "wedge", "none"] = "sim"
    port: str = ""  # a stable path such as /dev/serial/by-id/...
    baudrate: int = field(default=9600, metadata=_range(1200, 921600))


@dataclass(frozen=True)
class QrDisplayConfig:
    # where the payment QR appears: in the kiosk's own payment screen, or on a customer-facing display
    mode: Literal["onscreen", "second_screen"] = "onscreen"
    screen: int = field(default=1, metadata=_range(0, 15))  # index in the system's screen list


@dataclass(frozen=True)
class PrivacyConfig:
    # shoppers' contact details are erased this long after the store has their order
    retention_days: int = field(default=30, metadata=_range(0, 3650))


@dataclass(frozen=True)
class MaintenanceConfig:
    """The technician's hidden way in: taps in one corner of the screen, then the PIN."""

    gesture_corner: Literal["top-left", "top-right", "bottom-left", "bottom-right"] = "top-left"
    gesture_taps: int = field(default=5, metadata=_range(3, 10))
    gesture_window_s: int = field(default=3, metadata=_range(1, 10))
    idle_lock_s: int = field(default=120, metadata=_range(15, 3600))  # locks itself after this long


@dataclass(frozen=True)
class LogConfig:
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_bytes: int = field(default=2_000_000, metadata=_range(10_000, 1_000_000_000))
    backups: int = field(default=10, metadata=_range(1, 1000))


@dataclass(frozen=True)
class KioskConfig:
    demo: bool = True
    data_dir: str = ""  # empty: the platform's user data dir
    identity: IdentityConfig = IdentityConfig()
    ui: UiConfig = UiConfig()
    idle: IdleConfig = IdleConfig()
    shipping: ShippingConfig = ShippingConfig()
    store: StoreConfig = StoreConfig()
    printer: PrinterConfig = PrinterConfig()
    scanner: ScannerConfig = ScannerConfig()
    qr_display: QrDisplayConfig = QrDisplayConfig()
    privacy: PrivacyConfig = PrivacyConfig()
    payment: PaymentConfig = PaymentConfig()
    receipt: ReceiptConfig = ReceiptConfig()
    hours: HoursConfig = HoursConfig()
    maintenance: MaintenanceConfig = MaintenanceConfig()
    log: LogConfig = LogConfig()


def _allowed(tp: Any) -> str:
    if get_origin(tp) is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    return {bool: "true or false", int: "a whole number", str: "text"}.get(tp, str(tp))


def _coerce(key: str, raw: Any, tp: Any, meta: Mapping[str, Any], from_text: bool) -> Any:
    """Turn one raw value into the field's type, or raise ConfigError naming it."""
    def fail(extra: str = "") -> ConfigError:
        return ConfigError(key, raw, _allowed(tp) + extra)

    if get_origin(tp) is Literal:
        choices = get_args(tp)
        for choice in choices:
            if raw == choice or (from_text and str(choice) == str(raw).strip()):
                return choice
        raise fail()
    if tp is bool:
        if isinstance(raw, bool):
            return raw
        if from_text and str(raw).strip().lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
            return str(raw).strip().lower() in {"1", "true", "yes", "on"}
        raise fail()
    if tp is int:
        if isinstance(raw, bool):
            raise fail()
        value: int
        if isinstance(raw, int):
            value = raw
        elif from_text:
            try:
                value = int(str(raw).strip(), 0)
            except ValueError:
                raise fail() from None
        else:
            raise fail()
        lo, hi = meta.get("range", (None, None))
        if lo is not None and not lo <= value <= hi:
            raise ConfigError(key, raw, f"a whole number from {lo} to {hi}")
        return value
    if tp is str:
        if isinstance(raw, str) and "\x00" not in raw:
            return raw
        raise fail()
    raise fail()


def _build(cls: type[Any], data: Mapping[str, Any], prefix: str, from_text: bool, base: Any) -> Any:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        name = f"{prefix}{unknown[0]}"
        raise ConfigError(name, data[unknown[0]], "one of the known keys: " + ", ".join(fields))
    changes: dict[str, Any] = {}
    for name, raw in data.items():
        tp = hints[name]
        key = f"{prefix}{name}"
        if dataclasses.is_dataclass(tp):
            if not isinstance(raw, Mapping):
                raise ConfigError(key, raw, f"a [{key}] table")
            changes[name] = _build(
                typing.cast(type[Any], tp), raw, key + ".", from_text, getattr(base, name)
            )
        else:
            changes[name] = _coerce(key, raw, tp, fields[name].metadata, from_text)
    return dataclasses.replace(base, **changes)


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for var, value in environ.items():
        if not var.startswith(ENV_PREFIX) or var == "KIOSK_CONFIG":
            continue
        parts = var[len(ENV_PREFIX):].lower().split("__")
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(var, value, "a key inside a section, e.g. KIOSK_UI__LANGUAGE")
        node[parts[-1]] = value
    return tree


OVERLAY_NAME = "settings.toml"
# what the technician's overlay may not hold: where it lives, the mode, the store's address and secret
OVERLAY_FORBIDDEN = ("demo", "data_dir", "store")


def data_dir_of(config: KioskConfig) -> Path:
    from kiosk.paths import default_data_dir

    return Path(config.data_dir) if config.data_dir else default_data_dir()


def overlay_path(config: KioskConfig) -> Path:
    """The technician's settings file in this kiosk's data dir."""
    return data_dir_of(config) / OVERLAY_NAME


def read_overlay(path: Path) -> dict[str, Any]:
    """The overlay's tables ({} when there is none); a broken one names itself."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(str(path), "", f"a readable TOML file ({exc})") from None
    for name in OVERLAY_FORBIDDEN:
        if name in data:
            raise ConfigError(f"{path.name}: {name}", data[name], "a key the technician may change")
    return data


def load_config(
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    overlay: Mapping[str, Any] | None = None,
) -> KioskConfig:
    """Layer the sources; `overrides` (from the command line) are already typed values.

    `overlay` replaces the data dir's settings.toml (kiosk.technician.settings_edit checks a
    technician's change with it before writing it)."""
    config: KioskConfig = KioskConfig()
    env = dict(os.environ if environ is None else environ)
    if path is None and env.get("KIOSK_CONFIG"):
        path = Path(env["KIOSK_CONFIG"])
    if path is not None:
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError("--config", str(path), "an existing kiosk.toml file") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError("--config", str(path), f"valid TOML ({exc})") from None
        config = _build(KioskConfig, data, "", False, config)
    env_tree = _env_overrides(env)

    def upper(base: KioskConfig) -> KioskConfig:
        base = _build(KioskConfig, env_tree, "", True, base)
        return _build(KioskConfig, overrides, "", False, base) if overrides else base

    if overlay is None:
        # the overlay lives in the data dir, which the layers above it may choose
        overlay = read_overlay(overlay_path(upper(config)))
    if overlay:
        for name in OVERLAY_FORBIDDEN:
            if name in overlay:
                raise ConfigError(name, overlay[name], "a key the technician may change")
        config = _build(KioskConfig, overlay, "", False, config)
    config = upper(config)
    _check(config)
    return config


def _check(config: KioskConfig) -> None:
    """Rules that span several keys."""
    if not config.demo and config.store.url and not (config.store.device_id and config.store.secret):
        raise ConfigError("store.device_id", config.store.device_id,
                          "a device id and secret from `cloudstore add-device` when store.url is set")
    if config.store.url and not config.store.url.startswith(("http://", "https://")):
        raise ConfigError("store.url", config.store.url, "an http:// or https:// address")
    _check_ca_file(config.store)
    if config.printer.kind == "usb" and not (config.printer.usb_vendor_id and config.printer.usb_product_id):
        raise ConfigError("printer.usb_vendor_id", config.printer.usb_vendor_id,
                          "the printer's USB vendor and product ids when printer.kind is usb")
    if config.printer.kind == "serial" and not config.printer.serial_port:
        raise ConfigError("printer.serial_port", "", "a serial device path when printer.kind is serial")
    if config.printer.kind == "file" and not config.printer.path:
        raise ConfigError("printer.path", "", "a device file path when printer.kind is file")
    if config.scanner.kind == "serial" and not config.scanner.port:
        raise ConfigError("scanner.port", "", "a serial device path when scanner.kind is serial")
    if not (2 <= len(config.identity.device_name) <= 8 and config.identity.device_name.isalnum()):
        raise ConfigError("identity.device_name", config.identity.device_name,
                          "2 to 8 letters or digits (it is part of every order number)")
    keys = ("shipping.holidays", "shipping.workdays")
    for key, days in zip(keys, config.shipping.day_lists(), strict=True):
        for day in days:
            # the format kiosk.shipping.BusinessCalendar.from_iso reads (not imported here: it pulls
            # in the database models, too slow for the start-up path)
            first, sep, last = day.partition("..")
            try:
                start = dt.date.fromisoformat(first.strip())
                end = dt.date.fromisoformat(last.strip()) if sep else start
            except ValueError:
                raise ConfigError(key, day, "comma-separated YYYY-MM-DD dates or YYYY-MM-DD..YYYY-MM-DD "
                                  "ranges") from None
            if end < start:
                raise ConfigError(key, day, "a range that ends on or after its start")
    _check_store_names(config.identity)
    _check_languages(config.ui)
    _check_hours(config.hours)
    if len(config.identity.currency) != 3 or not config.identity.currency.isalpha():
        raise ConfigError("identity.currency", config.identity.currency, "an ISO 4217 code such as CNY")
    try:
        store_timezone(config.identity)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ConfigError("identity.timezone", config.identity.timezone,
                          "an IANA time zone such as Asia/Shanghai") from None


def _check_ca_file(store: StoreConfig) -> None:
    if not store.ca_file:
        return
    if not store.url.startswith("https://"):
        raise ConfigError("store.url", store.url, "an https:// address when store.ca_file is set")
    import ssl

    try:
        ssl.create_default_context(cafile=store.ca_file)  # what kiosk.sync.client.trust_context does
    except FileNotFoundError:
        raise ConfigError("store.ca_file", store.ca_file, "an existing PEM file of the store's CA") from None
    except ssl.SSLError as exc:
        raise ConfigError("store.ca_file", store.ca_file,
                          "a PEM file holding the store's CA certificate "
                          f"(OpenSSL read none: {exc.reason})") from None
    except OSError as exc:
        raise ConfigError("store.ca_file", store.ca_file,
                          f"a readable PEM file of the store's CA ({exc.strerror or exc})") from None


def _check_languages(ui: UiConfig) -> None:
    offered = ui.offered()
    if not offered or any(lang not in LANGUAGES for lang in offered) or len(set(offered)) != len(offered):
        raise ConfigError("ui.languages", ui.languages, "a comma-separated list of " + ", ".join(LANGUAGES))
    if ui.language not in offered:
        raise ConfigError("ui.language", ui.language, "one of the offered languages (ui.languages): "
                          + ", ".join(offered))


def _check_hours(hours: HoursConfig) -> None:
    from kiosk.service_hours import EXCEPTIONS_FORMAT, WEEKLY_FORMAT, HoursError, check

    for key, weekly, exceptions, fmt in (("hours.weekly", hours.weekly, "", WEEKLY_FORMAT),
                                         ("hours.exceptions", "", hours.exceptions, EXCEPTIONS_FORMAT)):
        try:
            check(weekly, exceptions)
        except HoursError as exc:
            raise ConfigError(key, weekly or exceptions, f"{fmt}: {exc}") from None


def store_timezone(identity: IdentityConfig) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(identity.timezone)


STORE_NAME_MAX = 40  # one line of the header, the attract screen and a receipt's title


def _check_store_names(identity: IdentityConfig) -> None:
    name, name_en = identity.store_name, identity.store_name_en
    if not name.strip() or len(name) > STORE_NAME_MAX:
        raise ConfigError("identity.store_name", name, f"a name of 1 to {STORE_NAME_MAX} characters")
    if len(name_en) > STORE_NAME_MAX:
        raise ConfigError("identity.store_name_en", name_en, f"a name of up to {STORE_NAME_MAX} characters")
    default = IdentityConfig()
    if name != default.store_name and name_en == default.store_name_en:
        # the demo's English name would stand for another store
        raise ConfigError("identity.store_name_en", name_en,
                          'the store\'s English name (or "" for the same name in English) '
                          "when identity.store_name is set")


# documented for the README and `kiosk --print-config`
def as_toml(config: KioskConfig) -> str:
    lines: list[str] = []
    top = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
    for name, value in top.items():
        if not dataclasses.is_dataclass(value):
            lines.append(f"{name} = {_toml_value(value)}")
    for name, value in top.items():
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            lines.append(f"\n[{name}]")
            for f in dataclasses.fields(value):
                lines.append(f"{f.name} = {_toml_value(getattr(value, f.name))}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


