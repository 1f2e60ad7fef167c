"""A tiny thread-safe event bus: how core, devices and sync report without knowing about Qt.

Handlers run on the publisher's thread; the UI bridge re-emits them as queued Qt signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

Handler = Callable[["Event"], None]


@dataclass(frozen=True)
class Event:
    topic: str  # e.g. "device.status", "sync.queue", "app.error"
    data: dict[str, Any] = field(default_factory=dict)


class EventBus:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: list[tuple[str, Handler]] = []

    def subscribe(self, prefix: str, handler: Handler) -> Callable[[], None]:
        """Call `handler` for every topic starting with `prefix`; returns the unsubscribe function."""
        entry = (prefix, handler)
        with self._lock:
            self._handlers.append(entry)

        def unsubscribe() -> None:
            with self._lock:
                if entry in self._handlers:
                    self._handlers.remove(entry)

        return unsubscribe

    def publish(self, topic: str, **data: Any) -> None:
        event = Event(topic, data)
        with self._lock:
            handlers = [h for prefix, h in self._handlers if topic.startswith(prefix)]
        for handler in handlers:
            try:
                handler(event)
            except Exception:
                # one broken subscriber must not stop the others or the publisher's thread
                log.exception("event handler failed for %s", topic)
