"""Whatever the cart, the printed receipt's money lines are the order's, and they add up."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.checkout import Checkout, ReceiptSettings
from kiosk.db.engine import Database
from kiosk.db.models import Fulfilment
from kiosk.devices.receipt import ENGLISH_LABELS, ReceiptLabels, receipt_text_lines
from kiosk.orders import CartLine, Contact, OrderBook, PaymentRecord
from kiosk.pii import PiiCipher
from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.payments import PaymentClient
from kiosk.sync.protocol import delivery_fee_minor

AMOUNT = re.compile(r"(-?)[¥￥](\d+)\.(\d\d)\s*$")
CARTS = st.lists(st.tuples(st.integers(1, 30_000), st.integers(1, 9)), min_size=1, max_size=6)


def amount(line: str) -> int:
    found = AMOUNT.search(line)
    assert found, line
    sign, units, cents = found.groups()
    return (-1 if sign else 1) * (int(units) * 100 + int(cents))


def money_line(lines: list[str], label: str) -> int | None:
    found = [amount(line) for line in lines if line.startswith(label)]
    assert len(found) <= 1, (label, found)
    return found[0] if found else None


@pytest.fixture
def checkout(db: Database, tmp_path: Path) -> Iterator[Checkout]:
    # no store is asked anything: only the receipt is built
    client = SyncClient(StoreEndpoint("http://127.0.0.1:9", "K01", "unused"))
    book = OrderBook(db, PiiCipher.from_key_file(tmp_path / "pii.key"), "K01")
    yield Checkout(book, PaymentClient(client), printer=None, receipt=ReceiptSettings("云商城", "K01"),
                   on_update=lambda _update: None, on_paid=lambda: None)
    client.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cart=CARTS, delivery=st.booleans(), english=st.booleans())
def test_the_receipt_s_money_lines_are_the_order_s_and_add_up(
        checkout: Checkout, cart: list[tuple[int, int]], delivery: bool, english: bool) -> None:
    lines = [CartLine(f"S{i}", f"商品{i}", f"Item {i}", price, quantity)
             for i, (price, quantity) in enumerate(cart)]
    fulfilment = Fulfilment.DELIVERY if delivery else Fulfilment.PICKUP
    fee = delivery_fee_minor(fulfilment.value, sum(price * quantity for price, quantity in cart))
    contact = Contact("张三", "13812345678", "上海市浦东新区世纪大道100号") if delivery else Contact()
    book = checkout.orders
    order = book.create_pending(lines, fulfilment=fulfilment, contact=contact, shipping_minor=fee,
                                language="en_US" if english else "zh_CN")
    paid = book.mark_paid(order.order_uuid, PaymentRecord("wechat", f"pay-{order.order_uuid}", "WX1"))
    labels: ReceiptLabels = ENGLISH_LABELS if english else ReceiptLabels()
    text = receipt_text_lines(checkout.receipt_for(paid), labels=labels)

    items = [amount(line) for line in text if labels.quantity_sep in line and line.startswith("  ")]
    subtotal, shipping = money_line(text, labels.subtotal), money_line(text, labels.shipping)
    total = money_line(text, labels.total)
    assert items == [line.line_total_minor for line in paid.lines]
    assert subtotal == sum(items) == paid.subtotal_minor
    # delivery always shows its fee (0.00 when free), pickup has none
    assert shipping == (paid.shipping_minor if delivery else None)
    assert total == paid.total_minor == subtotal + (shipping or 0)


def test_the_receipt_s_time_is_the_store_s_like_its_order_number(checkout: Checkout) -> None:
    book = checkout.orders
    book.clock = lambda: dt.datetime(2026, 12, 6, 23, 8)  # UTC: 07:08 on the 7th in Shanghai
    order = book.create_pending([CartLine("S1", "商品", "Item", 100, 1)])
    paid = book.mark_paid(order.order_uuid, PaymentRecord("wechat", "pay-time", "WX1"))
    receipt = checkout.receipt_for(paid)
    assert paid.order_no.split("-")[1] == "1207"
    assert receipt.created_at == dt.datetime(2026, 12, 7, 7, 8)
