"""Receipt content and its layout for 58 mm and 80 mm paper, as ESC/POS bytes.

The phone number is masked here, whatever the caller passes: a receipt is a piece of paper that
leaves the kiosk.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from kiosk.devices.escpos_commands import EscposWriter
from kiosk.devices.qr import build_qr

MoneyFormat = Callable[[int, str], str]
_SYMBOLS = {"CNY": "￥", "USD": "$", "EUR": "€", "HKD": "HK$"}


def plain_money(minor: int, currency: str) -> str:
    """Fallback money format (two decimals); the app passes its babel formatter instead."""
    sign = "-" if minor < 0 else ""
    units, cents = divmod(abs(minor), 100)
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{units}.{cents:02d}" if symbol else f"{sign}{units}.{cents:02d} {currency}"


def mask_phone(phone: str) -> str:
    """`13812341234` → `138****1234` (a +86 prefix dropped); shorter numbers keep their last digits only."""
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    keep = 4 if len(digits) >= 8 else 2
    return "*" * max(0, len(digits) - keep) + digits[-keep:]


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    quantity: int
    unit_price: int  # minor units
    total: int


@dataclass(frozen=True)
class Pickup:
    code: str
    location: str


@dataclass(frozen=True)
class Delivery:
    name: str
    phone: str
    address: str


@dataclass(frozen=True)
class Receipt:
    store_name: str
    order_no: str
    created_at: datetime
    lines: tuple[ReceiptLine, ...]
    subtotal: int
    total: int
    currency: str
    payment_method: str
    payment_ref: str
    fulfilment: Pickup | Delivery
    qr_url: str
    shipping: int = 0  # the delivery fee (minor units); subtotal + shipping - discount = total
    discount: int = 0
    device_name: str = ""
    footer: tuple[str, ...] = ()
    labels: ReceiptLabels | None = None  # the shopper's language; None: the printer's own labels
    copy: bool = False  # a reprint: marked so it is never taken for a second purchase
    # kiosk.order_rules.lookup_code: with the order number, finds the order at any kiosk of the store
    lookup_code: str = ""


@dataclass(frozen=True)
class ReceiptLabels:
    order_no: str = "订单号"
    time: str = "时间"
    kiosk: str = "终端"
    quantity_sep: str = " x "
    subtotal: str = "小计"
    shipping: str = "运费"
    discount: str = "优惠"
    total: str = "合计"
    payment: str = "支付方式"
    reference: str = "支付单号"
    pickup: str = "到店自提"
    pickup_code: str = "取货码"
    pickup_location: str = "自提点"
    delivery: str = "送货上门"
    recipient: str = "收货人"
    phone: str = "电话"
    address: str = "地址"
    scan_hint: str = "扫码查看订单："
    copy: str = "** 副本 COPY **"
    lookup_code: str = "查询码"


ENGLISH_LABELS = ReceiptLabels(
    order_no="Order no.", time="Time", kiosk="Kiosk", subtotal="Subtotal", shipping="Delivery",
    discount="Discount", total="Total", payment="Payment", reference="Reference", pickup="Pickup in store",
    pickup_code="Pickup code", pickup_location="Pickup point", delivery="Home delivery",
    recipient="Recipient", phone="Phone", address="Address", scan_hint="Scan to view your order:",
    copy="** COPY **", lookup_code="Lookup code",
)


@dataclass(frozen=True)
class PaperProfile:
    """Geometry and abilities of one printer model."""

    width_mm: Literal[58, 80] = 80
    qr_mode: Literal["native", "image"] = "image"  # image works on every printer
    qr_module_dots: int = field(default=0)  # 0: pick from the paper width

    @property
    def columns(self) -> int:  # font A, 12 dots per half-width column
        return 32 if self.width_mm == 58 else 48

    @property
    def dots(self) -> int:  # printable width at 203 dpi
        return 384 if self.width_mm == 58 else 576

    @property
    def module_dots(self) -> int:
        return self.qr_module_dots or (5 if self.width_mm == 58 else 6)


def display_width(text: str) -> int:
    """Columns on paper: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """Break on display width; Chinese has no spaces, so any character may end a line."""
    lines: list[str] = []
    current, width = "", 0
    for char in text:
        w = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if width + w > columns:
            lines.append(current.rstrip())
            current, width = "", 0
            if char == " ":
                continue
        current += char
        width += w
    if current or not lines:
        lines.append(current.rstrip())
    return lines


def two_columns(left: str, right: str, columns: int) -> list[str]:
    """`left ....... right`, wrapping the left part when both do not fit on one line."""
    gap = columns - display_width(left) - display_width(right)
    if gap >= 1:
        return [left + " " * gap + right]
    head = wrap(left, columns)
    last = head.pop()
    return head + two_columns(last, right, columns) if display_width(last) + display_width(
        right) < columns else [*head, last, " " * (columns - display_width(right)) + right]


@dataclass(frozen=True)
class _Block:
    lines: tuple[str, ...]
    align: Literal["left", "center", "right"] = "left"
    bold: bool = False
    width: int = 1
    height: int = 1


def _blocks(receipt: Receipt, profile: PaperProfile, labels: ReceiptLabels,
            money: MoneyFormat) -> Iterable[_Block]:
    cols = profile.columns
    rule = "-" * cols
    cur = receipt.currency
    yield _Block(tuple(wrap(receipt.store_name, cols // 2)), "center", bold=True, width=2, height=2)
    if receipt.copy:
        yield _Block(tuple(wrap(labels.copy, cols)), "center", bold=True)
    yield _Block((labels.order_no,), "center")
    yield _Block(tuple(wrap(receipt.order_no, cols // 2)), "center", bold=True, width=2, height=2)
    if receipt.lookup_code:
        yield _Block(tuple(wrap(f"{labels.lookup_code} {receipt.lookup_code}", cols)), "center")
    info = [*two_columns(labels.time, receipt.created_at.strftime("%Y-%m-%d %H:%M:%S"), cols)]
    if receipt.device_name:
        info += two_columns(labels.kiosk, receipt.device_name, cols)
    yield _Block((*info, rule))
    items: list[str] = []
    for line in receipt.lines:
        items += wrap(line.name, cols)
        items += two_columns(f"  {line.quantity}{labels.quantity_sep}{money(line.unit_price, cur)}",
                             money(line.total, cur), cols)
    yield _Block((*items, rule))
    sums = two_columns(labels.subtotal, money(receipt.subtotal, cur), cols)
    if receipt.shipping or isinstance(receipt.fulfilment, Delivery):  # a free delivery says so too
        sums += two_columns(labels.shipping, money(receipt.shipping, cur), cols)
    if receipt.discount:
        sums += two_columns(labels.discount, money(-abs(receipt.discount), cur), cols)
    yield _Block(tuple(sums))
    yield _Block(tuple(two_columns(labels.total, money(receipt.total, cur), cols // 2)), bold=True,
                 width=2, height=1)
    pay = [*two_columns(labels.payment, receipt.payment_method, cols)]
    pay += two_columns(labels.reference, receipt.payment_ref, cols)
    yield _Block((rule, *pay, rule))
    f = receipt.fulfilment
    if isinstance(f, Pickup):
        yield _Block((labels.pickup,), bold=True)
        yield _Block((*two_columns(labels.pickup_code, f.code, cols),
                      *wrap(f"{labels.pickup_location}：{f.location}", cols)))
    else:
        yield _Block((labels.delivery,), bold=True)
        yield _Block((*two_columns(labels.recipient, f.name, cols),
                      *two_columns(labels.phone, mask_phone(f.phone), cols),
                      *wrap(f"{labels.address}：{f.address}", cols)))
    yield _Block(("", *wrap(labels.scan_hint, cols)), "center")


def receipt_text_lines(receipt: Receipt, profile: PaperProfile = PaperProfile(),
                       labels: ReceiptLabels = ReceiptLabels(),
                       money: MoneyFormat = plain_money) -> list[str]:
    """Every text line the receipt prints, in order (the QR code aside)."""
    lines = [line for block in _blocks(receipt, profile, labels, money) for line in block.lines]
    return lines + [line for text in receipt.footer for line in wrap(text, profile.columns)]


def build_receipt(receipt: Receipt, profile: PaperProfile = PaperProfile(),
                  labels: ReceiptLabels = ReceiptLabels(), money: MoneyFormat = plain_money) -> bytes:
    out = EscposWriter().init(chinese=True)
    for block in _blocks(receipt, profile, labels, money):
        out.align(block.align).bold(block.bold).size(block.width, block.height)
        for line in block.lines:
            out.line(line)
    out.bold(False).size(1, 1).align("center")
    if profile.qr_mode == "native":
        out.qr_native(receipt.qr_url, profile.module_dots)
    else:
        matrix = build_qr(receipt.qr_url)
        module = max(1, min(profile.module_dots, profile.dots // matrix.size))
        out.align("left").qr_image(matrix, module, profile.dots)
    out.align("center").line()
    for text in receipt.footer:
        for line in wrap(text, profile.columns):
            out.line(line)
    return out.align("left").feed(3).cut().getvalue()
