"""Payment controls: pay or decline the QR on the kiosk screen as the shopper's phone would.

The phone opens the QR's `code_url` (the store's sandbox pay page) and taps Pay or Decline, which
POSTs to `{code_url}/pay` or `{code_url}/decline`: these buttons make that same request, off the
GUI thread, and show what the pay page then says.
"""

from __future__ import annotations

import logging
import re
import threading

import httpx
from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.ui.demo.section import DemoSection, Post
from kiosk.ui.viewmodels.payment import PaymentViewModel

log = logging.getLogger(__name__)

PHONE_TIMEOUT_S = 10.0
_STATE = re.compile(r'data-state="([a-z_]+)"')  # what the pay page shows after the tap


def phone_action(code_url: str, action: str) -> str:
    """POST the pay page's button; returns the state the page then shows (paid, declined, …)."""
    with httpx.Client(timeout=PHONE_TIMEOUT_S, follow_redirects=True) as client:
        response = client.post(f"{code_url}/{action}")
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    found = _STATE.search(response.text)
    return found.group(1) if found else "no answer on the pay page"


class PaymentSection(DemoSection):
    qml_file = "PaymentSection.qml"
    title_text = "Payment"
    column = 0

    changed = Signal()
    finished = Signal(str)  # what the pay page said, or the error

    def __init__(self, post: Post, payment: PaymentViewModel, parent: QObject | None = None) -> None:
        super().__init__(post, parent)
        self._payment = payment
        self._busy = False
        self._last_result = ""
        payment.changed.connect(self.changed)

    @Property(str, notify=changed)
    def codeUrl(self) -> str:
        """The URL the QR on screen encodes ("" while none is shown)."""
        return str(self._payment.property("codeUrl"))

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def lastResult(self) -> str:
        return self._last_result

    @Slot()
    def pay(self) -> None:
        self._act("pay")

    @Slot()
    def decline(self) -> None:
        self._act("decline")

    def _act(self, action: str) -> None:
        code_url = str(self.property("codeUrl"))
        if not code_url or self._busy:
            return
        self._busy = True
        self._last_result = f"{action}: asking the pay page…"
        self.changed.emit()

        def run() -> None:
            try:
                result = f"{action}: the pay page says {phone_action(code_url, action)}"
            except httpx.HTTPError as exc:
                result = f"{action} failed: {exc}"
            log.info("demo payment %s", result)
            self.post(lambda: self._done(result))

        threading.Thread(target=run, name="demo-phone", daemon=True).start()

    def _done(self, result: str) -> None:
        self._busy = False
        self._last_result = result
        self.changed.emit()
        self.finished.emit(result)
