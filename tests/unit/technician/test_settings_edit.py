"""The technician's overlay: checked with the config's own rules before it is written, written whole,
and layered above kiosk.toml and below the environment and the command line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.config import OVERLAY_NAME, load_config, overlay_path
from kiosk.errors import ConfigError
from kiosk.technician.settings_edit import SETTINGS, SettingsEditor


def _kiosk_toml(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text('[idle]\nhome_s = 70\nproduct_s = 150\n[payment]\ntime_limit_s = 200\n')
    return path


def test_overlay_sits_between_kiosk_toml_and_the_environment(tmp_path: Path) -> None:
    data = tmp_path / "data"
    overrides = {"data_dir": str(data)}
    config = load_config(_kiosk_toml(tmp_path), environ={}, overrides=overrides)
    editor = SettingsEditor(overlay_path(config), environ={})
    editor.save(editor.plan(config, {"idle.home_s": "45", "payment.time_limit_s": "300"}))
    assert (data / OVERLAY_NAME).exists()
    again = load_config(_kiosk_toml(tmp_path), environ={}, overrides=overrides)
    assert again.idle.home_s == 45  # the overlay over kiosk.toml
    assert again.idle.product_s == 150  # kiosk.toml where the overlay says nothing
    assert again.payment.time_limit_s == 300
    env = load_config(_kiosk_toml(tmp_path), environ={"KIOSK_IDLE__HOME_S": "33"}, overrides=overrides)
    assert env.idle.home_s == 33  # the environment over the overlay
    cli = load_config(_kiosk_toml(tmp_path), environ={}, overrides={**overrides, "idle": {"home_s": 22}})
    assert cli.idle.home_s == 22


@pytest.mark.parametrize(("key", "value", "allowed"), [
    ("idle.home_s", "5", "from 10 to 3600"),
    ("idle.home_s", "soon", "whole number"),
    ("printer.kind", "laser", "one of"),
    ("identity.store_name", "", "1 to 40"),
    ("hours.weekly", "weekdays 9-5", "HH:MM"),
    ("ui.language", "en_US", "offered languages"),  # with ui.languages reduced to zh_CN below
    ("store.secret", "x", "a setting the technician may change"),
])
def test_a_bad_value_names_the_key_and_nothing_is_written(tmp_path: Path, key: str, value: str,
                                                          allowed: str) -> None:
    config = load_config(environ={}, overrides={"data_dir": str(tmp_path)})
    editor = SettingsEditor(tmp_path / OVERLAY_NAME, environ={})
    edits = {key: value, **({"ui.languages": "zh_CN"} if key == "ui.language" else {})}
    with pytest.raises(ConfigError, match=allowed) as caught:
        editor.save(editor.plan(config, edits))
    assert caught.value.key == key
    assert not (tmp_path / OVERLAY_NAME).exists()


def test_a_refused_change_leaves_the_saved_file_as_it_was(tmp_path: Path) -> None:
    config = load_config(environ={}, overrides={"data_dir": str(tmp_path)})
    editor = SettingsEditor(tmp_path / OVERLAY_NAME, environ={})
    editor.save(editor.plan(config, {"idle.countdown_s": "30"}))
    before = (tmp_path / OVERLAY_NAME).read_bytes()
    with pytest.raises(ConfigError, match=r"idle\.countdown_s"):
        editor.plan(config, {"idle.countdown_s": "3000"})
    assert (tmp_path / OVERLAY_NAME).read_bytes() == before
    assert list(tmp_path.glob("*.tmp")) == []


def test_the_plan_says_what_changed_and_what_waits_for_a_restart(tmp_path: Path) -> None:
    config = load_config(environ={}, overrides={"data_dir": str(tmp_path)})
    editor = SettingsEditor(tmp_path / OVERLAY_NAME, environ={})
    plan = editor.plan(config, {"identity.store_name": "星光便利", "identity.store_name_en": "Starlight",
                                "printer.port": "9101", "idle.home_s": str(config.idle.home_s)})
    assert [(c.key, c.new, c.live) for c in plan.changes] == [
        ("identity.store_name", "星光便利", True), ("identity.store_name_en", "Starlight", True),
        ("printer.port", "9101", False)]  # the unchanged idle time is no change
    assert plan.needs_restart
    assert plan.live_config.identity.store_name == "星光便利"
    assert plan.live_config.printer.port == config.printer.port  # the running printer keeps its port
    editor.save(plan)
    saved = tomllib.loads((tmp_path / OVERLAY_NAME).read_text())
    assert saved["identity"]["store_name"] == "星光便利" and saved["printer"]["port"] == 9101


def test_text_with_quotes_and_newlines_round_trips(tmp_path: Path) -> None:
    config = load_config(environ={}, overrides={"data_dir": str(tmp_path)})
    editor = SettingsEditor(tmp_path / OVERLAY_NAME, environ={})
    name = 'Tom\'s "Corner"\\Shop'
    editor.save(editor.plan(config, {"identity.store_name": name, "identity.store_name_en": ""}))
    assert load_config(environ={}, overrides={"data_dir": str(tmp_path)}).identity.store_name == name


def test_a_key_set_by_the_environment_is_not_edited_here(tmp_path: Path) -> None:
    editor = SettingsEditor(tmp_path / OVERLAY_NAME, environ={"KIOSK_IDLE__HOME_S": "40"})
    config = load_config(environ={"KIOSK_IDLE__HOME_S": "40"}, overrides={"data_dir": str(tmp_path)})
    assert editor.env_locked("idle.home_s") == "KIOSK_IDLE__HOME_S"
    with pytest.raises(ConfigError, match="KIOSK_IDLE__HOME_S"):
        editor.plan(config, {"idle.home_s": "50"})


def test_no_secret_is_editable_and_an_overlay_may_not_hold_the_store(tmp_path: Path) -> None:
    assert not [key for key in SETTINGS if key.startswith("store.") or key in ("demo", "data_dir")]
    (tmp_path / OVERLAY_NAME).write_text('[store]\nsecret = "stolen"\n')
    with pytest.raises(ConfigError, match="store"):
        load_config(environ={}, overrides={"data_dir": str(tmp_path)})
