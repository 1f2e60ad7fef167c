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

# the public order page: the pay page's card, with the order's facts, lines and money in rows
ORDER_STYLE = PHONE_STYLE + """
a{color:#1677ff}.lang{float:right;font-size:.95rem;padding:.2rem 0 .2rem .8rem}.order h1{font-size:1.45rem;
margin:.3rem 0 .8rem}.order h2{font-size:1rem;color:#55606e;margin:1.3rem 0 .3rem;padding-top:1rem;
border-top:1px solid #e6e9ee}.badge{display:inline-block;font-size:1.1rem;font-weight:600;margin:0;
padding:.3rem .9rem;border-radius:1rem;background:#e8f6ee;color:#1b7f3a}.badge.back{background:#fdf0e6;
color:#a66300}.hint{color:#6b7785;margin:.5rem 0 0;line-height:1.5}.steps{display:flex;gap:.3rem;
list-style:none;padding:0;margin:1rem 0 0}.steps li{flex:1 1 0;min-width:0;text-align:center;
font-size:.8rem;line-height:1.3;color:#9aa4af;border-top:4px solid #e1e5ea;padding-top:.4rem}
.steps li.done{color:#1b7f3a;border-color:#07c160}.steps li.now{font-weight:700}dl{margin:0}
.facts{margin-top:1.2rem;padding-top:.7rem;border-top:1px solid #e6e9ee}
.rows>div{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;padding:.3rem 0}
dt{color:#6b7785;flex:none}dd{margin:0;text-align:right;min-width:0;overflow-wrap:anywhere}
.lines{list-style:none;padding:0;margin:0}.lines li{display:grid;grid-template-columns:1fr auto;
gap:.15rem 1rem;padding:.55rem 0;border-bottom:1px dashed #e6e9ee}.lines .name{grid-column:1/-1;
overflow-wrap:anywhere}.lines .each{color:#6b7785}.lines .sum{text-align:right;font-weight:600}
.rows>div.total{font-size:1.25rem;font-weight:700;border-top:1px solid #e6e9ee;margin-top:.3rem;
padding-top:.6rem}.rows>div.total dt{color:#1d2733}.code{font-size:1.3rem;font-weight:700;
letter-spacing:.04em}.foot{color:#6b7785;font-size:.85rem;line-height:1.5;margin-top:1.6rem}
"""


def money(minor: int, currency: str) -> str:
    symbol = _SYMBOLS.get(currency, currency + " ")
    if currency in _NO_MINOR_UNITS:
        return f"{symbol}{minor:,}"
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{symbol}{whole:,}.{cents:02d}"


def document(title: str, body: str, *, style: str = STYLE, head: str = "", lang: str = "zh-CN") -> str:
    return (
        f"<!doctype html><html lang=\"{escape(lang)}\"><head><meta charset=\"utf-8\">"
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
