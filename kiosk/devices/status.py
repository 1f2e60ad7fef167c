"""The status every device reports: one state plus the details that explain it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class DeviceState(StrEnum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    READY = "ready"
    BUSY = "busy"
    WARNING = "warning"  # usable, but someone should look (paper near end, status unknown)
    ERROR = "error"  # connected but cannot work until fixed (paper out, cover open)


class Detail(StrEnum):
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    CUTTER_ERROR = "cutter_error"
    OFFLINE = "offline"
    RECOVERABLE_ERROR = "recoverable_error"
    UNRECOVERABLE_ERROR = "unrecoverable_error"
    # a status reply failed validation or never came: we do not know, which is not "offline"
    UNKNOWN = "unknown"


ERROR_DETAILS = frozenset({
    Detail.PAPER_OUT, Detail.COVER_OPEN, Detail.CUTTER_ERROR, Detail.OFFLINE,
    Detail.RECOVERABLE_ERROR, Detail.UNRECOVERABLE_ERROR,
})


@dataclass(frozen=True)
class DeviceStatus:
    device: str
    state: DeviceState
    details: frozenset[Detail] = field(default_factory=frozenset)
    message: str = ""  # for logs and the technician screen; not part of equality of "what changed"

    def same_as(self, other: DeviceStatus | None) -> bool:
        return other is not None and (self.state, self.details) == (other.state, other.details)

    @property
    def usable(self) -> bool:
        return self.state in (DeviceState.READY, DeviceState.BUSY, DeviceState.WARNING)


def state_for(details: frozenset[Detail]) -> DeviceState:
    """The state a connected device is in, given what its status queries found."""
    if details & ERROR_DETAILS:
        return DeviceState.ERROR
    if details:
        return DeviceState.WARNING
    return DeviceState.READY


StatusListener = Callable[[DeviceStatus], None]
