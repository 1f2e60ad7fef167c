"""The payment client checkout uses: create → `code_url` for the QR, query, close.

The store's sandbox follows WeChat Pay Native / Alipay precreate. When the shopper's time runs out
or they cancel, the rule is "final query first, then close": a payment that landed at the last
moment wins over the close (and a close that meets a paid payment answers 409 with the paid state).
Network trouble, a store that cannot be asked (401 after the clock was corrected, 403, 5xx) or an
answer that is not a payment raises `PaymentUnavailable`: the outcome is then unknown and the order
goes to PAYMENT_UNKNOWN for reconciliation, never silently to failed or cancelled.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal, cast

import httpx

from kiosk.sync.client import SyncClient
from kiosk.sync.protocol import PaymentCreate, PaymentInfo, PaymentStatus

FINAL_STATUSES = frozenset({PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.CLOSED})
REQUEST_TIMEOUT_S = 5.0  # a shopper is waiting: fail fast and let the poller try again
_CREATE_ATTEMPTS = 3


class PaymentError(Exception):
    pass


class PaymentUnavailable(PaymentError):
    """The store could not be asked, or its answer was no payment: the payment's state is unknown."""


class PaymentRefused(PaymentError):
    """The store refused the request itself (unknown payment, bad amount, reused out_trade_no). It says
    nothing of whether anything was paid."""

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(f"HTTP {status_code}: {detail}")
        self.status_code = status_code


def is_final(info: PaymentInfo) -> bool:
    return info["status"] in FINAL_STATUSES


class PaymentClient:
    def __init__(self, client: SyncClient, *, timeout_s: float = REQUEST_TIMEOUT_S) -> None:
        self.client = client
        self.timeout_s = timeout_s

    def create(self, order_uuid: str, amount_minor: int, currency: str, method: Literal["wechat", "alipay"],
               *, description: str = "", out_trade_no: str | None = None,
               expires_in_s: int | None = None) -> PaymentInfo:
        """A new payment (or the same one again for a repeated `out_trade_no`)."""
        # the merchant number makes a retried create return the payment the first try made
        trade_no = out_trade_no or uuid.uuid4().hex
        body: PaymentCreate = {"order_uuid": order_uuid, "amount_minor": amount_minor, "currency": currency,
                               "method": method, "description": description[:128], "out_trade_no": trade_no}
        if expires_in_s is not None:
            body["expires_in_s"] = expires_in_s
        last: Exception | None = None
        for _attempt in range(_CREATE_ATTEMPTS):
            try:
                return self._call("POST", "/v1/payments", body, ok=(200, 201))
            except PaymentUnavailable as exc:
                last = exc
        raise PaymentUnavailable(f"create failed {_CREATE_ATTEMPTS} times: {last}")

    def query(self, payment_id: str) -> PaymentInfo:
        return self._call("GET", f"/v1/payments/{payment_id}", None, ok=(200,))

    def close(self, payment_id: str) -> PaymentInfo:
        """Close an unpaid payment; returns the payment as it stands (PAID if it was paid first)."""
        return self._call("POST", f"/v1/payments/{payment_id}/close", None, ok=(200, 409))

    def finish(self, payment_id: str) -> PaymentInfo:
        """Timeout or cancel: the final query first (a late payment wins), then close."""
        info = self.query(payment_id)
        if is_final(info):
            return info
        return self.close(payment_id)

    def _call(self, method: str, path: str, body: Any, *, ok: tuple[int, ...]) -> PaymentInfo:
        response = self._send(method, path, body)
        if response.status_code == 401:
            # a kiosk clock out of the store's window: the client has just learnt the store's time
            # from this answer, so the request is signed again once
            response = self._send(method, path, body)
        if response.status_code in ok:
            return _payment(response)
        if response.status_code >= 500 or response.status_code in (401, 403, 408, 429):
            raise PaymentUnavailable(f"HTTP {response.status_code}")
        raise PaymentRefused(response.status_code, response.text[:300])

    def _send(self, method: str, path: str, body: Any) -> httpx.Response:
        try:
            return self.client.request(method, path, json_body=body, timeout=self.timeout_s)
        except httpx.TransportError as exc:
            raise PaymentUnavailable(f"{type(exc).__name__}: {exc}") from None


def _payment(response: httpx.Response) -> PaymentInfo:
    """The payment in an answer, or PaymentUnavailable: an answer that is not one says nothing."""
    try:
        value = response.json()
    except ValueError:
        raise PaymentUnavailable("store answered with a body that is not JSON") from None
    if not (isinstance(value, dict) and isinstance(value.get("payment_id"), str)
            and value.get("status") in set(PaymentStatus) and isinstance(value.get("method"), str)
            and isinstance(value.get("reference", ""), str)):
        raise PaymentUnavailable(f"store answered with no payment: {str(value)[:120]!r}")
    return cast(PaymentInfo, value)
