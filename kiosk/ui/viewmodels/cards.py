"""How a product tile is presented (shared by the grid, the home rows, search results and promos)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk import display_text
from kiosk.ui.viewmodels.catalog_text import image_url, pick, price_text, stock_state
from kiosk.ui.viewmodels.queries import Card

CARD_ROLES = ("productId", "name", "brand", "price", "stockState", "rating", "reviewCount", "image")


def present_card(card: Card, language: str, data_root: Path | None) -> dict[str, Any]:
    return {
        "productId": card.id,
        "name": display_text.shown(pick(card.name_zh, card.name_en, language), display_text.NAME),
        "brand": display_text.shown(card.brand, display_text.BRAND),
        "price": price_text(card.price_minor, card.currency, language),
        "stockState": stock_state(card.stock),
        "rating": f"{card.rating:.1f}" if card.reviews else "",
        "reviewCount": card.reviews,
        "image": image_url(card.image, data_root),
    }
