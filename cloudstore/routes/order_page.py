"""The public order page the receipt's QR opens: `/o/{order_uuid}` (no signature: the uuid is the secret).

A phone shows it in Chinese or English (`?lang=en|zh`, else the browser's Accept-Language, else
Chinese), with personal data masked (`cloudstore.order_view`). Every piece of text that came from a
kiosk or a merchant is escaped. An unknown order gets the same plain "not found" page whatever the
reason, so the page tells nothing about which orders exist.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from html import escape
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from cloudstore import order_view
from cloudstore.html import ORDER_STYLE, document, money
from cloudstore.order_view import LineView, OrderView
from cloudstore.routes.deps import DB, get_settings
from kiosk.sync.protocol import FulfilmentStatus as S

router = APIRouter(include_in_schema=False)

Lang = Literal["zh", "en"]

_HEADERS = {
    "Cache-Control": "no-store",  # personal data, even masked, stays out of shared caches
    "Referrer-Policy": "no-referrer",  # the uuid in the address is the key to the page
    "X-Robots-Tag": "noindex",
    "Vary": "Accept-Language",
}
_HEAD = '<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">'

_TEXT: dict[Lang, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN", "title": "订单详情", "other": "English", "other_code": "en",
        "order_no": "订单号", "paid_at": "支付时间", "goods": "商品", "subtotal": "小计", "shipping": "运费",
        "discount": "优惠", "total": "合计", "pickup": "到店自提", "pickup_code": "取货码",
        "pickup_point": "自提点", "delivery": "送货上门", "recipient": "收货人", "phone": "电话",
        "address": "地址", "tracking_no": "运单号", "paid": "已支付",
        "foot": "如需修改订单或退货，请到任一自助终端查询订单，或联系服务台。",
        "missing_title": "未找到订单", "missing": "请核对链接是否完整，或到服务台咨询。",
    },
    "en": {
        "html_lang": "en", "title": "Your order", "other": "中文", "other_code": "zh",
        "order_no": "Order no.", "paid_at": "Paid at", "goods": "Items", "subtotal": "Subtotal",
        "shipping": "Delivery", "discount": "Discount", "total": "Total", "pickup": "Pickup in store",
        "pickup_code": "Pickup code", "pickup_point": "Pickup point", "delivery": "Home delivery",
        "recipient": "Recipient", "phone": "Phone", "address": "Address", "tracking_no": "Tracking no.",
        "paid": "Paid",
        "foot": "To change or return this order, look it up at any of our kiosks or ask at the service desk.",
        "missing_title": "Order not found", "missing": "Check that the link is complete, or ask at the "
                                                      "service desk.",
    },
}

# status → (label, a line on what happens next), per language
_STATUS: dict[Lang, dict[str, tuple[str, str]]] = {
    "zh": {
        S.ACCEPTED: ("已接单", "已支付，商家正在备货。"),
        S.READY_FOR_PICKUP: ("待取货", "请凭取货码到自提点取货。"),
        S.SHIPPED: ("已发货", "包裹已发出，请留意查收。"),
        S.DELIVERED: ("已送达", "包裹已送达。"),
        S.PICKED_UP: ("已取货", "商品已取走，感谢惠顾。"),
        S.RETURN_REQUESTED: ("退货申请中", "商家正在处理您的退货申请。"),
        S.RETURNED: ("已退货", "退货已完成，退款处理中。"),
        S.REFUNDED: ("已退款", "款项已原路退回。"),
    },
    "en": {
        S.ACCEPTED: ("Accepted", "Paid; the store is getting it ready."),
        S.READY_FOR_PICKUP: ("Ready for pickup", "Show the pickup code at the pickup point."),
        S.SHIPPED: ("Shipped", "Your parcel is on its way."),
        S.DELIVERED: ("Delivered", "Your parcel has been delivered."),
        S.PICKED_UP: ("Picked up", "Collected. Thank you for shopping with us."),
        S.RETURN_REQUESTED: ("Return requested", "The store is looking at your return."),
        S.RETURNED: ("Returned", "Returned; the refund is on its way."),
        S.REFUNDED: ("Refunded", "Refunded to how you paid."),
    },
}
_STEPS = {"pickup": (S.ACCEPTED, S.READY_FOR_PICKUP, S.PICKED_UP),
          "delivery": (S.ACCEPTED, S.SHIPPED, S.DELIVERED)}


def language(query: str | None, accept_language: str | None) -> Lang:
    """`?lang=` when it names one we speak, else the browser's preferred of zh and en, else zh."""
    if query in ("zh", "en"):
        return query  # type: ignore[return-value]
    best: tuple[float, Lang] | None = None
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().split("-")[0].lower()
        spoken: Lang
        if primary == "zh":
            spoken = "zh"
        elif primary == "en":
            spoken = "en"
        else:
            continue
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        if weight > 0 and (best is None or weight > best[0]):  # the first of equal weights wins
            best = (weight, spoken)
    return best[1] if best else "zh"


@functools.lru_cache(maxsize=8)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def _rows(rows: list[tuple[str, str, str]], css: str = "rows") -> str:
    """<dl> of (label, already-escaped value, css class) rows."""
    return f"<dl class=\"{css}\">" + "".join(
        f"<div class=\"{css}\"><dt>{escape(label)}</dt><dd>{value}</dd></div>" for label, value, css in rows
    ) + "</dl>"


def _status(view: OrderView, lang: Lang) -> str:
    label, hint = _STATUS[lang].get(view.status, (view.status, ""))
    steps = _STEPS.get(view.fulfilment, _STEPS["pickup"])
    back = view.status not in steps
    html = (f"<p class=\"badge{' back' if back else ''}\" id=\"status\" "
            f"data-status=\"{escape(view.status)}\">{escape(label)}</p>")
    if hint:
        html += f"<p class=\"hint\">{escape(hint)}</p>"
    if not back:
        reached = steps.index(S(view.status)) + 1  # paid comes before every step
        names = [_TEXT[lang]["paid"]] + [_STATUS[lang][step][0] for step in steps]
        css = ["done now" if i == reached else "done" if i < reached else "" for i in range(len(names))]
        html += "<ol class=\"steps\">" + "".join(
            f"<li class=\"{c}\">{escape(name)}</li>" for c, name in zip(css, names, strict=True)) + "</ol>"
    return html


def _name(line: LineView, lang: Lang) -> str:
    return (line.name_zh or line.name_en) if lang == "zh" else (line.name_en or line.name_zh)


def _switch(t: dict[str, str]) -> str:
    """The link to the page in the other language (same order: a relative query)."""
    return (f"<a class=\"lang\" href=\"?lang={t['other_code']}\" hreflang=\"{t['other_code']}\">"
            f"{escape(t['other'])}</a>")


def render(view: OrderView, lang: Lang, merchant: str, zone: zoneinfo.ZoneInfo) -> str:
    t = _TEXT[lang]
    cur = view.currency
    facts = [(t["order_no"], f"<span id=\"order-no\">{escape(view.order_no)}</span>", "")]
    if view.paid_at is not None:
        local = view.paid_at.replace(tzinfo=dt.UTC).astimezone(zone)
        facts.append((t["paid_at"], escape(local.strftime("%Y-%m-%d %H:%M")), ""))
    lines = "".join(
        f"<li><span class=\"name\">{escape(_name(line, lang))}</span>"
        f"<span class=\"each\">{escape(money(line.unit_price_minor, cur))} ×{line.quantity}</span>"
        f"<span class=\"sum\">{escape(money(line.line_total_minor, cur))}</span></li>"
        for line in view.lines)
    sums = [(t["subtotal"], escape(money(view.subtotal_minor, cur)), "")]
    if view.fulfilment == "delivery" or view.shipping_minor:  # a free delivery says so too
        sums.append((t["shipping"], escape(money(view.shipping_minor, cur)), ""))
    if view.discount_minor:
        sums.append((t["discount"], escape(money(-abs(view.discount_minor), cur)), ""))
    sums.append((t["total"], f"<span id=\"total\">{escape(money(view.total_minor, cur))}</span>", "total"))
    if view.fulfilment == "delivery":
        heading = t["delivery"]
        where = [(t[key], escape(value), "") for key, value in (
            ("recipient", view.name), ("phone", view.phone), ("address", view.address)) if value]
        if view.tracking_no:
            where.append((t["tracking_no"], escape(view.tracking_no), ""))
    else:
        heading = t["pickup"]
        where = [(t["pickup_code"], f"<span class=\"code\">{escape(view.order_no)}</span>", "")]
        if view.pickup_point:
            where.append((t["pickup_point"], escape(view.pickup_point), ""))
    body = (
        f"<div class=\"card order\">{_switch(t)}<div class=\"merchant\">{escape(merchant)}</div>"
        f"<h1>{escape(t['title'])}</h1>"
        f"{_status(view, lang)}"
        f"{_rows(facts, 'rows facts')}"
        f"<h2>{escape(t['goods'])}</h2><ul class=\"lines\">{lines}</ul>{_rows(sums)}"
        f"<h2>{escape(heading)}</h2>{_rows(where)}"
        f"<p class=\"foot\">{escape(t['foot'])}</p></div>"
    )
    return document(f"{t['title']} · {view.order_no}", body, style=ORDER_STYLE, head=_HEAD,
                    lang=t["html_lang"])


def render_missing(lang: Lang, merchant: str) -> str:
    t = _TEXT[lang]
    body = (
        f"<div class=\"card order\">{_switch(t)}<div class=\"merchant\">{escape(merchant)}</div>"
        f"<h1 id=\"missing\">{escape(t['missing_title'])}</h1>"
        f"<p class=\"hint\">{escape(t['missing'])}</p></div>"
    )
    return document(t["missing_title"], body, style=ORDER_STYLE, head=_HEAD, lang=t["html_lang"])


@router.get("/o/{order_uuid}", response_class=HTMLResponse)
def order_page(order_uuid: str, db: DB, request: Request, lang: str | None = None) -> HTMLResponse:
    settings = get_settings(request)
    chosen = language(lang, request.headers.get("accept-language"))
    headers = {**_HEADERS, "Content-Language": _TEXT[chosen]["html_lang"]}
    with db.read() as session:
        view = order_view.find(session, order_uuid)
    if view is None:
        return HTMLResponse(render_missing(chosen, settings.merchant_name), status_code=404, headers=headers)
    page = render(view, chosen, settings.merchant_name, _zone(settings.timezone))
    return HTMLResponse(page, headers=headers)
