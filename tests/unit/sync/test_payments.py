"""The payment client and poller against the store's sandbox: create/query/close, the "final query
first, then close" rule, late payments, cancel, and an unreachable store."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

import httpx
import pytest

from kiosk.sync.client import StoreEndpoint, SyncClient
from kiosk.sync.payments import PaymentClient, PaymentPoller, PaymentResult, PaymentUnavailable
from kiosk.sync.protocol import PaymentInfo
from tests.unit.cloudstore.harness import LiveStore, free_socket
from tests.unit.sync.fault_proxy import Fault, fault_proxy
from tests.unit.sync.helpers import make_client


def _force(store: LiveStore, payment_id: str, outcome: str = "pay", delay_s: float = 0) -> None:
    response = store.plain().post(f"/sandbox/payments/{payment_id}/force",
                                  json={"outcome": outcome, "delay_s": delay_s})
    assert response.status_code == 200, response.text


def test_create_query_and_pay(store: LiveStore, client: SyncClient) -> None:
    payments = PaymentClient(client)
    created = payments.create("order-1", 3180, "CNY", "wechat", out_trade_no="T-1")
    assert created["status"] == "CREATED" and "/pay/" in created["code_url"]
    assert payments.create("order-1", 3180, "CNY", "wechat", out_trade_no="T-1")["payment_id"] \
        == created["payment_id"]  # a retried create is the same payment
    _force(store, created["payment_id"])
    assert payments.query(created["payment_id"])["status"] == "PAID"


def test_finish_closes_an_unpaid_payment(store: LiveStore, client: SyncClient) -> None:
    payments = PaymentClient(client)
    created = payments.create("order-2", 100, "CNY", "alipay")
    assert payments.finish(created["payment_id"])["status"] == "CLOSED"


def test_a_late_payment_wins_over_the_close(store: LiveStore, client: SyncClient) -> None:
    payments = PaymentClient(client)
    created = payments.create("order-3", 100, "CNY", "wechat")
    store.plain().post(f"/sandbox/payments/{created['payment_id']}/expire")
    _force(store, created["payment_id"])  # paid after the QR expired
    assert payments.finish(created["payment_id"])["status"] == "PAID"
    assert payments.close(created["payment_id"])["status"] == "PAID"  # 409 answers with the paid state


def test_poller_reports_a_payment_that_lands_while_polling(store: LiveStore, client: SyncClient) -> None:
    payments = PaymentClient(client)
    created = payments.create("order-4", 100, "CNY", "wechat")
    updates: list[PaymentInfo] = []
    done: list[PaymentResult] = []
    poller = PaymentPoller(payments, created["payment_id"], timeout_s=10, interval_s=0.05,
                           on_update=updates.append, on_done=done.append).start()
    _force(store, created["payment_id"], delay_s=0.2)
    result = poller.wait(5)
    assert result is not None and result.status == "PAID"
    assert [u["status"] for u in updates] == ["CREATED", "PAID"] and done == [result]


def test_poller_cancel_and_timeout_close_after_a_final_query(store: LiveStore, client: SyncClient) -> None:
    payments = PaymentClient(client)
    cancelled = PaymentPoller(payments, payments.create("order-5", 100, "CNY", "wechat")["payment_id"],
                              timeout_s=30, interval_s=0.05).start()
    cancelled.cancel()
    assert (cancelled.wait(5) or PaymentResult("", None)).status == "CLOSED"
    timed_out = PaymentPoller(payments, payments.create("order-6", 100, "CNY", "wechat")["payment_id"],
                              timeout_s=0.2, interval_s=0.05).start()
    assert (timed_out.wait(5) or PaymentResult("", None)).status == "CLOSED"
    # paid between the last poll and the time-up: the final query sees it, the close never happens
    late_id = payments.create("order-7", 100, "CNY", "wechat")["payment_id"]
    gate = threading.Event()
    late = PaymentPoller(payments, late_id, timeout_s=2.0, interval_s=10,
                         on_update=lambda info: gate.set()).start()
    gate.wait(5)
    _force(store, late_id)
    assert (late.wait(5) or PaymentResult("", None)).status == "PAID"


def test_an_unreachable_store_is_unknown_not_failed(device: tuple[str, str]) -> None:
    sock = free_socket()
    try:
        with make_client(f"http://127.0.0.1:{sock.getsockname()[1]}", device) as client:
            payments = PaymentClient(client)
            with pytest.raises(PaymentUnavailable):
                payments.create("order-8", 100, "CNY", "wechat")
            result = PaymentPoller(payments, "pay_x", timeout_s=0.2, interval_s=0.05).start().wait(5)
    finally:
        sock.close()
    assert result is not None and result.status == "UNKNOWN" and result.error


@pytest.mark.parametrize("body", [b"{}", b"[]", b"<html>busy</html>", b"", b'{"status": "PAID"}',
                                  b'{"payment_id": "p", "method": "wechat", "status": "SOMETHING"}'])
def test_answers_that_are_no_payment_end_the_wait_unknown(body: bytes) -> None:
    stub = httpx.MockTransport(lambda _request: httpx.Response(200, content=body))
    with SyncClient(StoreEndpoint("http://store.test", "K01", "s"), transport=stub) as client:
        result = PaymentPoller(PaymentClient(client), "p", timeout_s=0.3, interval_s=0.05).start().wait(5)
    assert result is not None and result.status == "UNKNOWN", result


def test_a_listener_that_breaks_still_ends_the_wait(store: LiveStore, client: SyncClient) -> None:
    payments = PaymentClient(client)
    created = payments.create("order-9", 100, "CNY", "wechat")

    def broken(_info: PaymentInfo) -> None:
        raise RuntimeError("a view-model bug")

    poller = PaymentPoller(payments, created["payment_id"], timeout_s=5, interval_s=0.05, on_update=broken)
    result = poller.start().wait(10)
    assert result is not None and result.status == "UNKNOWN" and "view-model bug" in result.error


def test_the_poller_says_at_once_when_the_store_goes_and_when_it_is_back(store: LiveStore) -> None:
    device = store.add_device("K09")
    troubles: list[str | None] = []
    with fault_proxy(urlsplit(store.base_url).port or 0) as proxy, \
            make_client(proxy.url, device) as client:
        payments = PaymentClient(client)
        created = payments.create("order-t", 100, "CNY", "wechat")
        proxy.set_rates({Fault.RESET: 1.0})
        poller = PaymentPoller(payments, created["payment_id"], timeout_s=10, interval_s=0.05,
                               on_trouble=troubles.append).start()
        deadline = time.monotonic() + 5
        while not troubles and time.monotonic() < deadline:
            time.sleep(0.02)
        proxy.heal()
        while len(troubles) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        poller.cancel()
        assert poller.wait(10) is not None
    assert len(troubles) == 2 and troubles[0] and troubles[1] is None  # once each way, not every poll
