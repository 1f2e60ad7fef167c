"""The shopper's FAQ: every question and answer the help screen shows, in one place.

Qt-free so a test (or any tool) can read and search it; the strings are marked with
`QT_TRANSLATE_NOOP("Help", ...)` so lupdate collects them (kiosk.ui.i18n_update scans this file too) and
the help screen translates them with `QCoreApplication.translate("Help", source)` at show time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # the name lupdate looks for
    """Marks a string for lupdate; the translation happens where it is shown."""
    return source


CONTEXT = "Help"


@dataclass(frozen=True)
class Faq:
    id: str
    question: str  # English source: translate with CONTEXT
    answer: str


FAQS: tuple[Faq, ...] = (
    Faq("payment_failed",
        QT_TRANSLATE_NOOP("Help", "My payment failed. What should I do?"),
        QT_TRANSLATE_NOOP("Help", "Nothing was charged for a payment the kiosk says failed. Try again, or "
                                  "choose another way to pay. If your bank or wallet shows a charge "
                                  "anyway, keep the order number shown on screen and call an attendant: "
                                  "the store checks the payment and refunds any double charge.")),
    Faq("when_ship",
        QT_TRANSLATE_NOOP("Help", "When will my order ship or arrive?"),
        QT_TRANSLATE_NOOP("Help", "Pickup orders are ready at the counter when your order number is "
                                  "called. Delivery orders are packed and shipped by the store, usually "
                                  "within one to two days; the tracking number appears on your order page "
                                  "(scan the QR code on your receipt) once it has shipped.")),
    Faq("change_order",
        QT_TRANSLATE_NOOP("Help", "How can I change my order?"),
        QT_TRANSLATE_NOOP("Help", "Not paid yet: change the contact, address or pickup/delivery yourself "
                                  "and pay. Paid but not shipped: ask for a change; the merchant approves "
                                  "or rejects it and you see the answer when you look up the order. "
                                  "Already shipped: the order can no longer be changed; please contact "
                                  "the merchant.")),
    Faq("receipt_not_printed",
        QT_TRANSLATE_NOOP("Help", "My receipt did not print."),
        QT_TRANSLATE_NOOP("Help", "Scan the QR code on the order screen with your phone for an e-receipt, "
                                  "or ask a member of staff with your order number.")),
    Faq("item_not_found",
        QT_TRANSLATE_NOOP("Help", "I cannot find an item."),
        QT_TRANSLATE_NOOP("Help", "Tap Search and type the item's name, its pinyin or the barcode number. "
                                  "You can also browse the categories on the home screen.")),
    Faq("scanner",
        QT_TRANSLATE_NOOP("Help", "The scanner will not read my barcode."),
        QT_TRANSLATE_NOOP("Help", "Hold the barcode steady, 10 to 20 cm from the scanner window, and make "
                                  "sure it is flat and not covered. If it still does not read, search for "
                                  "the item by name instead.")),
    Faq("accessibility",
        QT_TRANSLATE_NOOP("Help", "Can the screen be easier to read or reach?"),
        QT_TRANSLATE_NOOP("Help", "Tap Accessibility at the bottom of the screen for larger text, high "
                                  "contrast and reach mode, which moves the controls to the lower part of "
                                  "the screen.")),
    Faq("how_to_shop",
        QT_TRANSLATE_NOOP("Help", "How do I shop here?"),
        QT_TRANSLATE_NOOP("Help", "Tap a category or search, open a product and add it to the cart. Then "
                                  "open the cart, choose pickup or delivery, and pay with your phone. "
                                  "Keep your receipt or its QR code to follow your order.")),
)


def normalise(text: str) -> str:
    """For matching: case- and width-insensitive (NFKC, casefold), runs of space as one."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def search(query: str, translate: Callable[[str], str] = lambda s: s,
           faqs: Iterable[Faq] = FAQS) -> list[Faq]:
    """The FAQs whose question or answer, as `translate` shows them, contain every word of the query
    (plain text: no patterns). An empty query matches all."""
    words = normalise(query).split()
    found = []
    for faq in faqs:
        haystack = normalise(translate(faq.question) + " " + translate(faq.answer))
        if all(word in haystack for word in words):
            found.append(faq)
    return found
