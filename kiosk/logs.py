"""Rotating log files under the data dir; personal data never reaches them.

Every record passes through `PiiFilter`, which masks phone numbers, e-mail addresses and Chinese ID
numbers in the final message, so a careless `log.info("%s", order)` cannot leak them.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<email>"),
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "<id-number>"),
    # mainland mobile numbers, with optional +86 and separators: keep the shape, hide the middle
    (re.compile(r"(?<![\d-])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\d-])"), r"\1****\3"),
]


def mask_pii(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PiiFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_pii(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup_logging(folder: Path, level: str = "INFO", max_bytes: int = 2_000_000, backups: int = 10,
                  console: bool = True) -> Path:
    """Route the root logger to `folder/kiosk.log` (rotating) and stderr; returns the log file."""
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / "kiosk.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(
            log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    ]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.addFilter(PiiFilter())
        root.addHandler(handler)
    root.setLevel(level)
    # libraries' chatter at INFO (migration plugins, HTTP client lines) is not the kiosk's story
    for noisy in ("alembic", "httpx", "httpcore", "escpos"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    return log_file
