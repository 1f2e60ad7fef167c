"""The kiosk as shipped, started by its own entry point: every text field brings up the keyboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.paths import asset
from tests.e2e.remote import RemoteKiosk

pytestmark = [pytest.mark.e2e, pytest.mark.gui, pytest.mark.slow]


def first_barcode() -> str:
    catalog = json.loads(asset("catalog", "demo_catalog.json").read_text(encoding="utf-8"))
    return str(catalog["products"][0]["barcodes"][0])


def assert_typing_into(kiosk: RemoteKiosk, field: str) -> None:
    kiosk.tap(field)
    keyboard = kiosk.wait_until(f"the keyboard for {field}",
                                lambda: (k := kiosk.call("keyboard"))["active"] and k)
    assert kiosk.call("focused") == field
    _x, field_y, _w, field_h = kiosk.call("rect", field)
    assert field_y + field_h <= keyboard["rect"][1], f"{field} is behind the keyboard"


def test_search_and_every_delivery_field_bring_up_the_keyboard(tmp_path: Path) -> None:
    with RemoteKiosk("--demo", "--windowed", "--data-dir", str(tmp_path)) as kiosk:
        kiosk.start()
        assert not kiosk.call("keyboard")["active"]
        kiosk.tap("attractScreen")
        kiosk.wait_screen("home")
        kiosk.tap("homeSearchField")
        kiosk.wait_screen("search")
        assert_typing_into(kiosk, "searchField")

        assert kiosk.call("scan", first_barcode())
        kiosk.wait_screen("product")
        kiosk.wait_until("the keyboard to close", lambda: not kiosk.call("keyboard")["active"])
        kiosk.tap("addToCart")
        kiosk.tap("cartButton")
        kiosk.wait_screen("cart")
        kiosk.tap("cartCheckout")
        kiosk.wait_screen("fulfilment")
        kiosk.tap("deliveryOption")
        for field in ("deliveryName", "deliveryPhone", "deliveryAddress"):
            assert_typing_into(kiosk, field)
        assert kiosk.stop() == 0
