"""The FAQ-3 rules both the kiosk and the store ask: every status, the return window, what a change may
carry, the fee difference, and proof of an order."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.db.models import OrderState
from kiosk.order_rules import (
    ContactNow,
    Locked,
    ReturnRefusal,
    Stage,
    applied,
    check_changes,
    check_return,
    check_return_lines,
    fee_change,
    lookup_code,
    modification_check,
    order_number_key,
    order_uuid_from_scan,
    proof_matches,
    return_check,
)
from kiosk.sync.protocol import DELIVERY_FEE_MINOR, FREE_DELIVERY_FROM_MINOR
from kiosk.sync.protocol import FulfilmentStatus as F

NOW = dt.datetime(2026, 12, 7, 12, 0)
HOME = ContactNow("张伟", "13800138000", "上海市浦东新区世纪大道100号", "delivery")
PICKUP = ContactNow(fulfilment="pickup")


@pytest.mark.parametrize(("status", "stage", "locked"), [
    (OrderState.PAYMENT_FAILED, Stage.EDIT, Locked.NONE),
    (OrderState.CANCELLED, Stage.EDIT, Locked.NONE),
    (OrderState.PENDING_PAYMENT, Stage.LOCKED, Locked.PAYING),
    (OrderState.PAYMENT_UNKNOWN, Stage.LOCKED, Locked.PAYING),
    (OrderState.PAID, Stage.REQUEST, Locked.NONE),
    (OrderState.SYNCED, Stage.REQUEST, Locked.NONE),
    (F.ACCEPTED, Stage.REQUEST, Locked.NONE),
    (F.READY_FOR_PICKUP, Stage.REQUEST, Locked.NONE),
    (F.SHIPPED, Stage.LOCKED, Locked.SHIPPED),
    (F.DELIVERED, Stage.LOCKED, Locked.HANDED_OVER),
    (F.PICKED_UP, Stage.LOCKED, Locked.HANDED_OVER),
    (F.RETURN_REQUESTED, Stage.LOCKED, Locked.RETURNS),
    (F.RETURNED, Stage.LOCKED, Locked.RETURNS),
    (F.REFUNDED, Stage.LOCKED, Locked.RETURNS),
    ("LOST_IN_SPACE", Stage.LOCKED, Locked.UNKNOWN),
])
def test_each_status_has_one_modification_stage(status: str, stage: Stage, locked: Locked) -> None:
    check = modification_check(status)
    assert (check.stage, check.locked, check.allowed) == (stage, locked, stage is not Stage.LOCKED)


def test_a_pending_request_blocks_a_second_but_not_an_unpaid_edit() -> None:
    assert modification_check(F.ACCEPTED, pending_request=True).locked is Locked.PENDING
    assert modification_check(OrderState.PAYMENT_FAILED, pending_request=True).stage is Stage.EDIT


def test_every_store_status_is_covered() -> None:
    assert all(modification_check(s).locked is not Locked.UNKNOWN for s in F)
    assert all(modification_check(s).locked is not Locked.UNKNOWN for s in OrderState)


def test_returns_open_on_handover_for_the_window_and_never_twice() -> None:
    handed = NOW - dt.timedelta(days=3)
    assert return_check(F.ACCEPTED, None, NOW).refusal is ReturnRefusal.NOT_YET
    assert return_check(F.SHIPPED, None, NOW).refusal is ReturnRefusal.NOT_YET
    assert return_check(F.DELIVERED, None, NOW).refusal is ReturnRefusal.NOT_YET  # when is unknown
    open_ = return_check(F.PICKED_UP, handed, NOW, window_days=7)
    assert open_.allowed and open_.deadline == handed + dt.timedelta(days=7)
    assert return_check(F.DELIVERED, handed, NOW, window_days=3).allowed  # the last moment still counts
    over = return_check(F.DELIVERED, handed, NOW + dt.timedelta(seconds=1), window_days=3)
    assert over.refusal is ReturnRefusal.WINDOW_OVER
    assert return_check(F.DELIVERED, handed, NOW, pending_request=True).refusal is ReturnRefusal.ALREADY
    assert return_check(F.RETURNED, handed, NOW).refusal is ReturnRefusal.ALREADY


def test_a_change_is_checked_with_the_delivery_forms_rules() -> None:
    assert check_changes({"contact_phone": "12345"}, HOME) == {"contact_phone": "phone"}
    assert check_changes({"contact_name": "<b>x</b>"}, HOME) == {"contact_name": "symbols"}
    assert check_changes({"address": "短"}, HOME) == {"address": "tooShort"}
    assert check_changes({"fulfilment": "drone"}, HOME) == {"fulfilment": "unknown"}
    assert check_changes({"order_no": "K99"}, HOME) == {"order_no": "unknown"}
    assert check_changes({"contact_phone": 13800138000}, HOME) == {"contact_phone": "required"}
    assert check_changes({"address": "北京市朝阳区建国路88号"}, HOME) == {}


def test_delivery_needs_a_whole_contact_and_a_change_must_change_something() -> None:
    assert check_changes({"fulfilment": "delivery"}, PICKUP) == {
        "contact_name": "required", "contact_phone": "required", "address": "required"}
    whole = {"fulfilment": "delivery", "contact_name": "李娜", "contact_phone": "139 0013 9000",
             "address": "北京市朝阳区建国路88号"}
    assert check_changes(whole, PICKUP) == {}
    assert applied(whole, PICKUP) == ContactNow("李娜", "13900139000", "北京市朝阳区建国路88号", "delivery")
    assert check_changes({}, HOME) == {"changes": "nothing"}
    assert check_changes({"contact_name": " 张伟 "}, HOME) == {"changes": "nothing"}  # the same, cleaned
    assert check_changes({"fulfilment": "pickup"}, HOME) == {}  # the contact may stay behind


def test_the_fee_is_the_rule_on_the_same_goods_against_what_was_paid() -> None:
    small = FREE_DELIVERY_FROM_MINOR - 1
    assert fee_change(small, 0, "delivery").difference_minor == DELIVERY_FEE_MINOR
    assert fee_change(small, DELIVERY_FEE_MINOR, "pickup").difference_minor == -DELIVERY_FEE_MINOR
    assert fee_change(FREE_DELIVERY_FROM_MINOR, 0, "delivery").difference_minor == 0
    assert fee_change(small, DELIVERY_FEE_MINOR, "delivery").difference_minor == 0


def test_return_lines_and_words() -> None:
    ordered = {"D00001": 2, "D00002": 1}
    assert check_return_lines(ordered, {"D00001": 2}) == ""
    assert check_return_lines(ordered, {}) != ""
    assert check_return_lines(ordered, {"D00001": 3}) != ""
    assert check_return_lines(ordered, {"D00001": 0}) != ""
    assert check_return_lines(ordered, {"X": 1}) != ""
    assert check_return("exchange", "damaged", "盒子压坏了") == ""
    assert check_return("refund", "damaged", "") != ""
    assert check_return("return", "changed_my_mind", "") != ""
    assert check_return("return", "other", "x" * 201) != ""
    assert check_return("return", "other", "a\u202eb") != ""  # a right-to-left override


def test_a_receipt_qr_gives_its_uuid_and_nothing_else_does() -> None:
    order_uuid = str(uuid.uuid4())
    assert order_uuid_from_scan(f"http://127.0.0.1:8000/o/{order_uuid}") == order_uuid
    assert order_uuid_from_scan(f" https://shop.example/o/{order_uuid.upper()}?lang=en\r") == order_uuid
    assert order_uuid_from_scan(f"https://shop.example/o/{order_uuid}/") == order_uuid
    assert order_uuid_from_scan("6901234567892") is None
    assert order_uuid_from_scan(f"https://shop.example/o/{order_uuid}x") is None
    assert order_uuid_from_scan(f"https://shop.example/pay/{order_uuid}/extra") is None


def test_an_order_number_is_its_digits() -> None:
    assert order_number_key("K01-1207-0042") == order_number_key("01 1207 0042") == "0112070042"
    assert order_number_key("０１１２０７００４２") == "0112070042"  # full-width, from a phone's keyboard
    assert order_number_key("K--") == ""


@given(st.uuids(), st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_proof_is_the_last_four_of_the_phone_or_the_receipts_code(order: uuid.UUID, phone: str) -> None:
    order_uuid = str(order)
    code = lookup_code(order_uuid)
    assert len(code) == 4 and code.isdigit() and lookup_code(order_uuid.upper()) == code
    assert proof_matches(order_uuid, phone, phone[-4:])
    assert proof_matches(order_uuid, "", code) and proof_matches(order_uuid, phone, code)
    wrong = f"{(int(phone[-4:]) + 1) % 10000:04d}"
    assert proof_matches(order_uuid, phone, wrong) == (wrong == code)
    assert not proof_matches(order_uuid, phone, phone[-3:])  # three digits are no proof
    assert not proof_matches(order_uuid, "", "")
