"""Tiny server-side HTML: escaped f-strings, one stylesheet, no template engine."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import parse_qs

_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "HKD": "HK$", "JPY": "¥"}
_NO_MINOR_UNITS = {"JPY", "KRW"}

STYLE = """
*{box-sizing:border-box}body{font-family:system-ui,"Noto Sans SC",sans-serif;margin:0;color:#1d2733;
background:#f4f6f8}header{background:#1d2733;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;
align-items:center;flex-wrap:wrap}header a{color:#cfe3ff;text-decoration:none}main{padding:1rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.35rem .5rem;border-bottom:1px solid
#e1e5ea;text-align:left;font-size:.9rem;vertical-align:top}th{background:#eef1f4}.flag{color:#b3261e;
font-weight:600}.ok{color:#1b7f3a}.warn{color:#a66300}form.inline{display:inline}input,select,button{
font:inherit;padding:.25rem .4rem}.filters{margin-bottom:.8rem;display:flex;gap:.5rem;flex-wrap:wrap}
.muted{color:#6b7785}
"""

PHONE_STYLE = """
*{box-sizing:border-box}body{font-family:system-ui,"Noto Sans SC",sans-serif;margin:0;background:#f2f4f7;
color:#1d2733}.card{max-width:28rem;margin:0 auto;padding:1.5rem 1.25rem;min-height:100vh;background:#fff}
.merchant{font-size:1.1rem;color:#55606e}.amount{font-size:2.6rem;font-weight:700;margin:.6rem 0}
.meta{color:#6b7785;font-size:.95rem;line-height:1.6}button{display:block;width:100%;font-size:1.25rem;
padding:1rem;margin-top:1rem;border:0;border-radius:.6rem}.pay{background:#07c160;color:#fff}
.pay.alipay{background:#1677ff}.decline{background:#e9ecef;color:#1d2733}.state{font-size:1.4rem;
font-weight:600;margin-top:1.5rem}
"""


def money(minor: int, currency: str) -> str:
    symbol = _SYMBOLS.get(currency, currency + " ")
    if currency in _NO_MINOR_UNITS:
        return f"{symbol}{minor:,}"
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{symbol}{whole:,}.{cents:02d}"


def document(title: str, body: str, *, style: str = STYLE, head: str = "") -> str:
    return (
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(title)}</title><style>{style}</style>{head}</head><body>{body}</body></html>"
    )


def table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """Rows are already-escaped HTML cells."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def options(values: Iterable[str], selected: str, *, blank: str = "all") -> str:
    opts = [f"<option value=\"\">{escape(blank)}</option>"]
    opts += [f"<option value=\"{escape(v)}\"{' selected' if v == selected else ''}>{escape(v)}</option>"
             for v in values]
    return "".join(opts)


def parse_form(body: bytes) -> dict[str, str]:
    """An application/x-www-form-urlencoded body, last value wins (no python-multipart needed)."""
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {key: values[-1] for key, values in parsed.items()}


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "****"
