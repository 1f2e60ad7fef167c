"""A sample order receipt: the demo's "print a test receipt" button, tests and the benchmark."""

from __future__ import annotations

from datetime import datetime

from kiosk.devices.receipt import Delivery, Pickup, Receipt, ReceiptLine


def sample_receipt(lines: int = 3, delivery: bool = True) -> Receipt:
    """Mixed Chinese and English lines, a discount, a masked phone and an order QR."""
    names = ["可口可乐 330ml（罐装）", "农夫山泉 550ml", "Lay's 薯片 原味 70g", "USB-C 数据线 1m",
             "Notebook A5, 80 sheets", "蓝牙耳机 — 降噪版"]
    items = tuple(ReceiptLine(names[i % len(names)] + (f" #{i}" if i >= len(names) else ""),
                              i % 3 + 1, 350 + 100 * i, (i % 3 + 1) * (350 + 100 * i)) for i in range(lines))
    subtotal = sum(item.total for item in items)
    fulfilment: Pickup | Delivery = (
        Delivery("张三", "13812341234", "上海市浦东新区世纪大道100号，B座12楼") if delivery
        else Pickup("A-0042", "一楼服务台"))
    return Receipt(
        store_name="云商城自助终端", order_no="K01-1126-0042", created_at=datetime(2024, 11, 26, 14, 3, 5),
        lines=items, subtotal=subtotal, total=subtotal - 500, currency="CNY", payment_method="微信支付",
        payment_ref="WX4200001234", fulfilment=fulfilment,
        qr_url="https://store.example/o/123e4567-e89b-12d3-a456-426614174000", discount=500,
        device_name="K01", footer=("谢谢惠顾！欢迎再次光临。", "Thank you, come again."),
    )
