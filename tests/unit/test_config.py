"""Typed configuration: layering, and refusal of any wrong value with a message that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import KioskConfig, as_toml, load_config
from kiosk.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_built_in_defaults_are_the_demo_setup() -> None:
    config = load_config(environ={})
    assert config == KioskConfig()
    assert config.demo and config.printer.kind == "sim" and config.scanner.kind == "sim"


def test_file_then_environment_then_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[ui]\nlanguage = "en_US"\norientation = "landscape"\n[printer]\nport = 9200\n')
    config = load_config(path, environ={"KIOSK_PRINTER__PORT": "9300", "KIOSK_UI__WINDOWED": "yes"},
                         overrides={"ui": {"orientation": "portrait"}})
    assert config.ui.language == "en_US"
    assert config.printer.port == 9300
    assert config.ui.windowed is True
    assert config.ui.orientation == "portrait"


def test_kiosk_config_variable_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[identity]\ndevice_name = "K07"\n')
    assert load_config(environ={"KIOSK_CONFIG": str(path)}).identity.device_name == "K07"


@pytest.mark.parametrize(("text", "key", "allowed"), [
    ('[ui]\norientation = "sideways"\n', "ui.orientation", "'portrait', 'landscape'"),
    ('[printer]\nport = 70000\n', "printer.port", "from 1 to 65535"),
    ('[printer]\nport = "9100"\n', "printer.port", "whole number"),
    ('[ui]\nwindowed = "maybe"\n', "ui.windowed", "true or false"),
    ('[ui]\ncolour = "red"\n', "ui.colour", "known keys"),
    ('[printer]\npaper_width_mm = 57\n', "printer.paper_width_mm", "58, 80"),
    ('ui = 3\n', "ui", "[ui] table"),
    ('[printer]\nkind = "serial"\n', "printer.serial_port", "serial device path"),
    ('[identity]\ndevice_name = "K-01!"\n', "identity.device_name", "letters or digits"),
    ('[store]\nurl = "ftp://x"\n', "store.url", "http"),
    ('[identity]\nstore_name = "  "\n', "identity.store_name", "1 to 40 characters"),
    ('[identity]\nstore_name_en = "' + "x" * 41 + '"\n', "identity.store_name_en", "up to 40 characters"),
    # another store's name must not go out in English under the demo's
    ('[identity]\nstore_name = "万达自助购"\n', "identity.store_name_en", "English name"),
])
def test_wrong_values_name_key_value_and_what_is_allowed(
        tmp_path: Path, text: str, key: str, allowed: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text), environ={})
    assert caught.value.key == key
    assert allowed in str(caught.value)
    assert key in str(caught.value)


def test_bad_environment_value_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"ui\.language"):
        load_config(environ={"KIOSK_UI__LANGUAGE": "fr_FR"})


def test_broken_toml_and_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="valid TOML"):
        load_config(write(tmp_path, "[ui\n"), environ={})
    with pytest.raises(ConfigError, match=r"existing kiosk\.toml"):
        load_config(tmp_path / "nope.toml", environ={})


def test_printed_config_loads_back_to_the_same_values(tmp_path: Path) -> None:
    config = load_config(environ={"KIOSK_UI__LANGUAGE": "en_US", "KIOSK_PRINTER__PORT": "9999"})
    assert load_config(write(tmp_path, as_toml(config)), environ={}) == config


def test_the_store_name_in_each_language(tmp_path: Path) -> None:
    default = load_config(environ={}).identity
    assert (default.store_name_in("zh_CN"), default.store_name_in("en_US")) == (
        "云商城自助终端", "Cloud Mall Self-Service")
    same = load_config(write(tmp_path, '[identity]\nstore_name = "7-Eleven"\nstore_name_en = ""\n'),
                       environ={}).identity
    assert same.store_name_in("en_US") == "7-Eleven"


def test_the_store_time_zone_is_checked() -> None:
    berlin = load_config(environ={"KIOSK_IDENTITY__TIMEZONE": "Europe/Berlin"})
    assert berlin.identity.timezone == "Europe/Berlin"
    for value in ("Mars/Olympus", "", "../../etc/passwd"):
        with pytest.raises(ConfigError, match=r"identity\.timezone"):
            load_config(environ={"KIOSK_IDENTITY__TIMEZONE": value})
