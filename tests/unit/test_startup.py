"""The kiosk process refuses to start on bad config, without a display, or twice per data dir."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import display_problem
from kiosk.errors import EXIT_ALREADY_RUNNING, EXIT_CONFIG, EXIT_NO_DISPLAY, AlreadyRunningError
from kiosk.instance_lock import InstanceLock


def run_kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          env={**base, **(env or {})}, timeout=60, check=False)


def test_display_problem() -> None:
    assert display_problem({}, "linux") is not None
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None


def test_bad_config_refuses_to_start_and_names_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "kiosk.toml"
    bad.write_text('[printer]\nkind = "laser"\n', encoding="utf-8")
    result = run_kiosk("--config", str(bad), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == EXIT_CONFIG
    assert "printer.kind" in result.stderr and "'laser'" in result.stderr and "'sim'" in result.stderr
    assert not (tmp_path / "d").exists()  # nothing was started


def test_no_display_says_so_and_exits_non_zero(tmp_path: Path) -> None:
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = run_kiosk("--demo", "--data-dir", str(tmp_path), env=env)
    assert result.returncode == EXIT_NO_DISPLAY
    assert "no display" in result.stderr


def test_second_instance_on_the_same_data_dir_refuses(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    held = InstanceLock(tmp_path / "kiosk.lock").acquire()
    try:
        with pytest.raises(AlreadyRunningError):
            InstanceLock(tmp_path / "kiosk.lock").acquire()
        result = run_kiosk("--data-dir", str(tmp_path), env={"QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == EXIT_ALREADY_RUNNING
        assert "already running" in result.stderr and str(os.getpid()) in result.stderr
    finally:
        held.release()
    InstanceLock(tmp_path / "kiosk.lock").acquire().release()  # free again once released


def test_print_config_shows_the_effective_values(tmp_path: Path) -> None:
    result = run_kiosk("--print-config", "--lang", "en", "--orientation", "landscape")
    assert result.returncode == 0
    assert 'language = "en_US"' in result.stdout and 'orientation = "landscape"' in result.stdout
