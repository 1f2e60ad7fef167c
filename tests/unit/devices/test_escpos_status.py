from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.escpos_status import (
    StatusQuery,
    details_for_replies,
    details_for_reply,
    encode_reply,
    is_valid_reply,
    query_bytes,
)
from kiosk.devices.status import Detail, DeviceState, state_for


def test_query_bytes_are_dle_eot_n() -> None:
    assert [query_bytes(q) for q in StatusQuery] == [b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x03",
                                                      b"\x10\x04\x04"]


def test_pattern_0xx1xx10() -> None:
    valid = [b for b in range(256) if is_valid_reply(b)]
    assert len(valid) == 16  # four free bits
    assert 0x12 in valid and 0x7E in valid
    for bad in (0x00, 0xFF, 0x92, 0x13, 0x10, 0x02):
        assert not is_valid_reply(bad)


@given(st.sampled_from(list(StatusQuery)), st.integers(0, 255))
def test_any_byte_off_the_pattern_is_unknown_and_never_an_error(query: StatusQuery, byte: int) -> None:
    details = details_for_reply(query, byte)
    if not (byte & 0x80 == 0 and byte & 0x10 and byte & 0x02 and not byte & 0x01):
        assert details == {Detail.UNKNOWN}
    else:
        assert Detail.UNKNOWN not in details


def test_missing_reply_is_unknown_not_offline() -> None:
    details = details_for_replies({StatusQuery.PRINTER: None})
    assert details == {Detail.UNKNOWN}
    assert state_for(details) is DeviceState.WARNING


def test_known_epson_replies() -> None:
    assert details_for_reply(StatusQuery.PRINTER, 0x16) == set()  # drawer pin high, online
    assert details_for_reply(StatusQuery.PRINTER, 0x1E) == {Detail.OFFLINE}
    assert details_for_reply(StatusQuery.OFFLINE_CAUSE, 0x16) == {Detail.COVER_OPEN}
    assert details_for_reply(StatusQuery.OFFLINE_CAUSE, 0x32) == {Detail.PAPER_OUT}
    assert details_for_reply(StatusQuery.ERROR_CAUSE, 0x1A) == {Detail.CUTTER_ERROR}
    assert details_for_reply(StatusQuery.ERROR_CAUSE, 0x32) == {Detail.UNRECOVERABLE_ERROR}
    assert details_for_reply(StatusQuery.PAPER, 0x1E) == {Detail.PAPER_NEAR_END}
    assert details_for_reply(StatusQuery.PAPER, 0x72) == {Detail.PAPER_OUT}
    assert details_for_reply(StatusQuery.PAPER, 0x12) == set()


DETAIL_SETS = st.sets(st.sampled_from([Detail.PAPER_NEAR_END, Detail.PAPER_OUT, Detail.COVER_OPEN,
                                        Detail.CUTTER_ERROR, Detail.OFFLINE])).map(frozenset)


@given(DETAIL_SETS)
def test_encoded_replies_decode_to_the_same_condition(details: frozenset[Detail]) -> None:
    replies = {q: encode_reply(q, details) for q in StatusQuery}
    assert all(is_valid_reply(b) for b in replies.values())
    expected = set(details)
    if Detail.PAPER_OUT in expected:
        expected.discard(Detail.PAPER_NEAR_END)
    if expected - {Detail.OFFLINE, Detail.PAPER_NEAR_END}:
        expected.discard(Detail.OFFLINE)  # a cause explains the offline bit
    assert details_for_replies(replies) == expected


def test_states_from_details() -> None:
    assert state_for(frozenset()) is DeviceState.READY
    assert state_for(frozenset({Detail.PAPER_NEAR_END})) is DeviceState.WARNING
    assert state_for(frozenset({Detail.PAPER_NEAR_END, Detail.COVER_OPEN})) is DeviceState.ERROR
