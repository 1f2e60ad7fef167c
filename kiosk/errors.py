"""Errors the core raises on purpose; each carries a message fit for a log line or a screen."""

from __future__ import annotations

# how the process ends (kiosk.__main__)
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2
EXIT_ALREADY_RUNNING = 3
EXIT_NO_DISPLAY = 4


class KioskError(Exception):
    """Base for the kiosk's own failures."""


class ConfigError(KioskError):
    """A configuration value is wrong: names the key, the value and what is allowed."""

    def __init__(self, key: str, value: object, allowed: str) -> None:
        self.key = key
        self.value = value
        self.allowed = allowed
        super().__init__(f"config {key} = {value!r} is not allowed: expected {allowed}")


class AlreadyRunningError(KioskError):
    """Another kiosk process holds the data dir's lock."""
