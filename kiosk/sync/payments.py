"""The payment client checkout uses (create → `code_url` for the QR, query, close) and the poller that
follows one payment on a short-lived thread of its own.

The store's sandbox follows WeChat Pay Native / Alipay precreate. When the shopper's time runs out
or they cancel, the rule is "final query first, then close": a payment that landed at the last
moment wins over the close (and a close that meets a paid payment answers 409 with the paid state).
Network trouble, a store that cannot be asked (401 after the clock was corrected, 403, 5xx) or an
answer that is not a payment raises `PaymentUnavailable`: the outcome is then unknown and the order
goes to PAYMENT_UNKNOWN for reconciliation, never silently to failed or cancelled.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, cast

import httpx

from kiosk.sync.client import SyncClient
from kiosk.sync.protocol import PaymentCreate, PaymentInfo, PaymentStatus

log = logging.getLogger(__name__)

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

    def for_order(self, order_uuid: str) -> list[PaymentInfo]:
        """Every payment the store created for this order, newest first: for an order whose payment id
        the kiosk never recorded (a crash between the store's create and the kiosk's record)."""
        response = self._answer("GET", f"/v1/payments?order_uuid={order_uuid}", None, ok=(200,))
        try:
            listed = response.json()["payments"]
        except (ValueError, KeyError, TypeError):
            raise PaymentUnavailable("store answered with no list of payments") from None
        if not isinstance(listed, list):
            raise PaymentUnavailable("store answered with no list of payments")
        return [_payment_value(value) for value in listed]

    def close(self, payment_id: str) -> PaymentInfo:
        """Close an unpaid payment; returns the payment as it stands (PAID if it was paid first)."""
        return self._call("POST", f"/v1/payments/{payment_id}/close", None, ok=(200, 409))

    def finish(self, payment_id: str) -> PaymentInfo:
        """Timeout, cancel or decline: the final query first (a late payment wins), then close, so
        nothing can pay it later (a declined payment too: a phone could try it again)."""
        info = self.query(payment_id)
        if info["status"] in (PaymentStatus.PAID, PaymentStatus.CLOSED):
            return info
        return self.close(payment_id)

    def _call(self, method: str, path: str, body: Any, *, ok: tuple[int, ...]) -> PaymentInfo:
        return _payment(self._answer(method, path, body, ok=ok))

    def _answer(self, method: str, path: str, body: Any, *, ok: tuple[int, ...]) -> httpx.Response:
        response = self._send(method, path, body)
        if response.status_code == 401:
            # a kiosk clock out of the store's window: the client has just learnt the store's time
            # from this answer, so the request is signed again once
            response = self._send(method, path, body)
        if response.status_code in ok:
            return response
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
    return _payment_value(value)


def _payment_value(value: object) -> PaymentInfo:
    if not (isinstance(value, dict) and isinstance(value.get("payment_id"), str)
            and value.get("status") in set(PaymentStatus) and isinstance(value.get("method"), str)
            and isinstance(value.get("reference", ""), str)):
        raise PaymentUnavailable(f"store answered with no payment: {str(value)[:120]!r}")
    return cast(PaymentInfo, value)


@dataclass(frozen=True)
class PaymentResult:
    status: str  # PAID, FAILED, CLOSED, or UNKNOWN when the store could not tell us
    info: PaymentInfo | None
    error: str = ""


class PaymentPoller:
    """Polls one payment until it is final, the time is up or the shopper cancels.

    On time-up or cancel it does the final query and then the close (`PaymentClient.finish`), so a
    payment that landed in the last second is still reported PAID. `on_update` gets every status
    change, `on_done` the result exactly once, and `on_trouble` what went wrong when the store stops
    answering (None once it answers again); all run on the poller's thread.
    """

    def __init__(self, payments: PaymentClient, payment_id: str, *, timeout_s: float,
                 interval_s: float = 1.0, on_update: Callable[[PaymentInfo], None] | None = None,
                 on_done: Callable[[PaymentResult], None] | None = None,
                 on_trouble: Callable[[str | None], None] | None = None) -> None:
        self.payments = payments
        self.payment_id = payment_id
        self.timeout_s = timeout_s
        self.interval_s = interval_s
        self._on_update = on_update
        self._on_done = on_done
        self._on_trouble = on_trouble
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._result: PaymentResult | None = None
        self._thread = threading.Thread(target=self._run, name=f"payment-{payment_id}", daemon=True)

    def start(self) -> PaymentPoller:
        self._thread.start()
        return self

    def cancel(self) -> None:
        """The shopper gave up: finish now (final query, then close)."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> PaymentResult | None:
        self._done.wait(timeout)
        return self._result

    @property
    def result(self) -> PaymentResult | None:
        return self._result

    def _run(self) -> None:
        try:
            self._poll()
        except Exception as exc:  # a shopper is waiting on this: whatever broke, the wait ends, unknown
            log.exception("payment %s: polling failed", self.payment_id)
            if not self._done.is_set():
                self._finish(PaymentResult("UNKNOWN", None, f"{type(exc).__name__}: {exc}"))

    def _poll(self) -> None:
        deadline = time.monotonic() + self.timeout_s
        last_status: str | None = None
        error = ""
        while not self._cancel.is_set() and time.monotonic() < deadline:
            try:
                info = self.payments.query(self.payment_id)
            except PaymentRefused as exc:  # the store does not know it: nothing to wait for
                self._finish(PaymentResult("UNKNOWN", None, str(exc)))
                return
            except PaymentError as exc:
                if not error and self._on_trouble is not None:
                    self._on_trouble(str(exc))  # at once: the shopper must not wait on as if all were well
                error = str(exc)
            else:
                if error and self._on_trouble is not None:
                    self._on_trouble(None)
                error = ""
                if info["status"] != last_status:
                    last_status = info["status"]
                    if self._on_update is not None:
                        self._on_update(info)
                if is_final(info):
                    self._finish(PaymentResult(info["status"], info))
                    return
            self._cancel.wait(min(self.interval_s, max(0.0, deadline - time.monotonic())))
        try:
            info = self.payments.finish(self.payment_id)
        except PaymentError as exc:
            self._finish(PaymentResult("UNKNOWN", None, str(exc) or error))
            return
        if self._on_update is not None and info["status"] != last_status:
            self._on_update(info)
        self._finish(PaymentResult(info["status"], info))

    def _finish(self, result: PaymentResult) -> None:
        self._result = result
        self._done.set()
        if self._on_done is not None:
            self._on_done(result)
