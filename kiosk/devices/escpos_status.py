"""Our own reading of ESC/POS real-time status (`DLE EOT n`, n = 1..4).

Every reply byte has the fixed pattern 0xx1xx10 (bit 7 = 0, bit 4 = 1, bit 1 = 1, bit 0 = 0). A byte
that fails it, or a reply that never comes, means UNKNOWN: a printer we cannot hear is not known to be
offline, and line noise must never pass for "paper out".
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum

from kiosk.devices.status import Detail

DLE_EOT = b"\x10\x04"
_PATTERN_MASK = 0b1001_0011
_PATTERN_BITS = 0b0001_0010


class StatusQuery(IntEnum):
    PRINTER = 1  # online / offline
    OFFLINE_CAUSE = 2  # cover open, paper-end stop, error occurred
    ERROR_CAUSE = 3  # cutter, unrecoverable, auto-recoverable
    PAPER = 4  # roll paper near-end and end sensors


def query_bytes(query: StatusQuery) -> bytes:
    return DLE_EOT + bytes((int(query),))


def is_valid_reply(byte: int) -> bool:
    return 0 <= byte <= 0xFF and byte & _PATTERN_MASK == _PATTERN_BITS


def details_for_reply(query: StatusQuery, byte: int | None) -> frozenset[Detail]:
    """What one reply says; UNKNOWN when it is missing or malformed."""
    if byte is None or not is_valid_reply(byte):
        return frozenset({Detail.UNKNOWN})
    found: set[Detail] = set()
    if query is StatusQuery.PRINTER:
        if byte & 0x08:
            found.add(Detail.OFFLINE)
    elif query is StatusQuery.OFFLINE_CAUSE:
        if byte & 0x04:
            found.add(Detail.COVER_OPEN)
        if byte & 0x20:
            found.add(Detail.PAPER_OUT)
    elif query is StatusQuery.ERROR_CAUSE:
        if byte & 0x04:
            found.add(Detail.RECOVERABLE_ERROR)
        if byte & 0x08:
            found.add(Detail.CUTTER_ERROR)
        if byte & 0x20:
            found.add(Detail.UNRECOVERABLE_ERROR)
        if byte & 0x40:
            found.add(Detail.RECOVERABLE_ERROR)
    elif query is StatusQuery.PAPER:
        if byte & 0x60 == 0x60:
            found.add(Detail.PAPER_OUT)
        elif byte & 0x0C == 0x0C:
            found.add(Detail.PAPER_NEAR_END)
    return frozenset(found)


def details_for_replies(replies: Mapping[StatusQuery, int | None]) -> frozenset[Detail]:
    """Combine the replies. OFFLINE is dropped when a cause explains it (cover, paper, cutter)."""
    found: set[Detail] = set()
    for query in StatusQuery:
        if query in replies:
            found |= details_for_reply(query, replies[query])
    explained = {Detail.COVER_OPEN, Detail.PAPER_OUT, Detail.CUTTER_ERROR,
                 Detail.RECOVERABLE_ERROR, Detail.UNRECOVERABLE_ERROR}
    if Detail.OFFLINE in found and found & explained:
        found.discard(Detail.OFFLINE)
    if Detail.PAPER_OUT in found:
        found.discard(Detail.PAPER_NEAR_END)
    return frozenset(found)


def encode_reply(query: StatusQuery, details: frozenset[Detail]) -> int:
    """The byte a printer in this condition answers; the fake printer speaks through this."""
    byte = _PATTERN_BITS
    offline = bool(details & {Detail.OFFLINE, Detail.COVER_OPEN, Detail.PAPER_OUT, Detail.CUTTER_ERROR,
                              Detail.RECOVERABLE_ERROR, Detail.UNRECOVERABLE_ERROR})
    errors = bool(details & {Detail.CUTTER_ERROR, Detail.RECOVERABLE_ERROR, Detail.UNRECOVERABLE_ERROR})
    if query is StatusQuery.PRINTER:
        byte |= 0x08 if offline else 0
    elif query is StatusQuery.OFFLINE_CAUSE:
        byte |= 0x04 if Detail.COVER_OPEN in details else 0
        byte |= 0x20 if Detail.PAPER_OUT in details else 0
        byte |= 0x40 if errors else 0
    elif query is StatusQuery.ERROR_CAUSE:
        byte |= 0x08 if Detail.CUTTER_ERROR in details else 0
        byte |= 0x20 if Detail.UNRECOVERABLE_ERROR in details else 0
        byte |= 0x40 if Detail.RECOVERABLE_ERROR in details else 0
    elif query is StatusQuery.PAPER:
        byte |= 0x60 if Detail.PAPER_OUT in details else 0
        # the near-end sensor sees no paper either once the roll is out
        byte |= 0x0C if details & {Detail.PAPER_NEAR_END, Detail.PAPER_OUT} else 0
    return byte
