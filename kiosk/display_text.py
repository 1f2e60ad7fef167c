"""Untrusted text made fit to show: the one place that decides which characters reach a screen.

Product names, specs and reviews come from the store, codes from a scanner, form fields from a
shopper's keyboard, a paste or a wedge scanner. Any of them may hold control bytes (line noise, an
escape sequence), bidi overrides that make a line read in another order than it is stored, or far
more text than a screen has room for. Markup needs nothing here: every view shows such strings as
`Text.PlainText`, so `<font …>` is shown as the characters it is. Qt-free; the view-models call it
where the text comes in, with the limit for that use.
"""

from __future__ import annotations

import re

PLACEHOLDER = "\ufffd"  # a run of control characters shows as this: visibly not the text it stood for
ELLIPSIS = "…"

# limits in characters, per use: enough for any honest value, small enough for the layout to hold
CODE = 64  # a scanned code echoed back to the shopper
NAME = 128  # a product's name (the catalog stores as much)
BRAND = 64
CATEGORY = 40
SPEC_KEY = 40
SPEC_VALUE = 200
DESCRIPTION = 2000
REVIEW = 1000
AUTHOR = 32
CONTACT = 200  # a name or address on the order screen
TYPED = 200  # what a form or search field holds (its own checks say what is too long)

_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_TAB = re.compile("\t")
# C0 and C1 controls and DEL; lone surrogates; bidi embeddings, overrides and isolates (U+202A–E,
# U+2066–9), which reorder the text after them
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]+")


def _safe_characters(text: str, multiline: bool) -> str:
    text = _LINE_BREAK.sub("\n" if multiline else " ", _TAB.sub(" ", text))
    if multiline:
        return "\n".join(_UNSAFE.sub(PLACEHOLDER, line) for line in text.split("\n"))
    return _UNSAFE.sub(PLACEHOLDER, text)


def shown(text: str | None, limit: int, *, multiline: bool = False) -> str:
    """`text` as a screen may show it: control characters replaced by a visible placeholder, line
    breaks kept only where several lines are expected, and at most `limit` characters (a cut text
    ends in an ellipsis)."""
    safe = _safe_characters(text or "", multiline)
    if len(safe) <= limit:
        return safe
    return safe[:limit - 1].rstrip() + ELLIPSIS


def typed(text: str | None, limit: int = TYPED) -> str:
    """A text field's value: one line, safe characters, cut at `limit` without an ellipsis (the
    shopper is still typing it, and sees where it stopped)."""
    return _safe_characters(text or "", multiline=False)[:limit]



# what a technician sees of a raw scanner frame: every control character by its name, so the bytes a
# scanner sent can be told apart (<GS> the GS1 separator, <CR> a terminator) in any font
_C0_NAMES = ("NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO",
             "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS",
             "GS", "RS", "US")
_NAMED = {**{code: f"<{name}>" for code, name in enumerate(_C0_NAMES)}, 0x7F: "<DEL>"}
_UNSAFE_OR_BREAK = re.compile("[\x80-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def raw_code(text: str | None, limit: int = CODE) -> str:
    """A scanned frame as it came, for the technician: control characters as their names (<CR>, <GS>),
    other unsafe ones (C1 controls, bidi overrides, line separators) as <U+XXXX>, at most `limit`
    characters."""
    named = _UNSAFE_OR_BREAK.sub(lambda m: f"<U+{ord(m.group()):04X}>", (text or "").translate(_NAMED))
    return shown(named, limit)
