"""The public order page the receipt's QR opens: `/o/{order_uuid}` (no signature: the uuid is the secret).

A phone shows it in Chinese or English (`?lang=en|zh`, else the browser's Accept-Language, else
Chinese), with personal data masked (`cloudstore.order_view`). Every piece of text that came from a
kiosk or a merchant is escaped. An unknown order gets the same plain "not found" page whatever the
reason, so the page tells nothing about which orders exist.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import secrets
import zoneinfo
from dataclasses import dataclass, field
from html import escape
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

import kiosk.order_rules as rules
from cloudstore import fulfilment, order_lookup, order_view
from cloudstore.db import StoreDB
from cloudstore.html import ORDER_STYLE, document, money, parse_form
from cloudstore.models import StoreOrder, utcnow
from cloudstore.order_view import LineView, OrderView, RequestView
from cloudstore.routes.deps import DB, get_db, get_settings
from cloudstore.schemas import ModificationChanges, ModificationIn, ReturnIn, ReturnLineIn
from kiosk.sync.protocol import TIMELINE_PAID, TIMELINE_PLACED
from kiosk.sync.protocol import FulfilmentStatus as S

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)

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
        "foot": "也可以到任一自助终端查询订单，或联系服务台。",
        "missing_title": "未找到订单", "missing": "请核对链接是否完整，或到服务台咨询。",
        "progress": "进度", "placed": "已下单", "requests": "我的申请", "merchant_note": "商家留言",
        "your_note": "您的说明", "asked_at": "提交于",
        "change_title": "修改收货信息", "change_hint": "只填写需要修改的内容，商家同意后生效。",
        "name": "收货人", "fulfilment": "取货方式", "change_send": "提交修改申请",
        "keep": "不修改请留空",
        "return_title": "退货或换货", "return_until": "可申请至 {date}", "type": "类型",
        "reason": "原因", "return_lines": "商品与数量", "note": "说明（选填，最多 200 字）",
        "return_send": "提交退换货申请",
        "contact_merchant": "联系商家：{phone}", "contact_desk": "如需帮助，请联系服务台。",
        "sent_change": "修改申请已提交。商家处理后，结果会显示在此页面。",
        "sent_return": "退换货申请已提交。商家处理后，结果会显示在此页面。",
        "sent_before": "此申请已提交过，无需重复提交。",
        "fix": "请修改后重新提交：", "too_many": "提交次数过多，请一刻钟后再试，或联系服务台。",
        "too_large": "提交的内容过长。",
    },
    "en": {
        "html_lang": "en", "title": "Your order", "other": "中文", "other_code": "zh",
        "order_no": "Order no.", "paid_at": "Paid at", "goods": "Items", "subtotal": "Subtotal",
        "shipping": "Delivery", "discount": "Discount", "total": "Total", "pickup": "Pickup in store",
        "pickup_code": "Pickup code", "pickup_point": "Pickup point", "delivery": "Home delivery",
        "recipient": "Recipient", "phone": "Phone", "address": "Address", "tracking_no": "Tracking no.",
        "paid": "Paid",
        "foot": "You can also look this order up at any of our kiosks, or ask at the service desk.",
        "missing_title": "Order not found", "missing": "Check that the link is complete, or ask at the "
                                                      "service desk.",
        "progress": "Progress", "placed": "Placed", "requests": "Your requests",
        "merchant_note": "Store's note",
        "your_note": "Your note", "asked_at": "Sent",
        "change_title": "Change details",
        "change_hint": "Fill in only what changes; it takes effect once the store agrees.",
        "name": "Recipient", "fulfilment": "How you get it", "change_send": "Ask for this change",
        "keep": "leave empty to keep",
        "return_title": "Return or exchange", "return_until": "You can ask until {date}", "type": "Type",
        "reason": "Reason", "return_lines": "Items and quantities",
        "note": "Note (optional, up to 200 characters)",
        "return_send": "Send the request",
        "contact_merchant": "Contact the store: {phone}",
        "contact_desk": "For help, ask at the service desk.",
        "sent_change": "Your change request was sent. The store's answer will show on this page.",
        "sent_return": "Your return request was sent. The store's answer will show on this page.",
        "sent_before": "This request was already sent; nothing more to do.",
        "fix": "Please correct and send again:",
        "too_many": "Too many attempts. Try again in a quarter of an hour, or ask at the service desk.",
        "too_large": "What you sent is too long.",
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

# --- requests on the page (seed FAQ 3, rules in kiosk.order_rules) -----------------------------------

_WORDS: dict[Lang, dict[str, str]] = {
    "zh": {
        "modification": "修改信息", "return": "退货", "exchange": "换货",
        "PENDING": "等待商家处理", "APPROVED": "商家已同意", "REJECTED": "商家未同意",
        "quality": "质量问题", "wrong_item": "发错商品", "damaged": "商品损坏", "other": "其他",
        "fee_more": "运费需补 {money}", "fee_back": "运费将退还 {money}",
        # why nothing can be changed (Locked)
        "locked_paying": "订单正在支付中，请稍后再看。",
        "locked_shipped": "订单已发货，无法再修改。如需帮助请联系商家，也可拒收包裹。",
        "locked_handed_over": "订单已送达或已取货，无法再修改；如有问题可申请退换货。",
        "locked_returns": "订单正在退换货流程中，无法修改。",
        "locked_pending": "您的申请正在等待商家处理，处理后才能再次申请。",
        "locked_expired": "此订单已过期，请重新下单。",
        "locked_unknown": "此订单目前无法修改。",
        # why no return may be asked for (ReturnRefusal)
        "return_not_yet": "订单送达或取货后，可在此申请退换货。",
        "return_window_over": "退换货期限已于 {date} 结束。",
        "return_already": "退换货申请正在处理中。",
        # what is wrong with a field (kiosk.contact_rules.Problem, order_rules)
        "required": "{field}：请填写", "tooShort": "{field}：太短了", "tooLong": "{field}：太长了",
        "symbols": "{field}：含有不能使用的字符（如表情符号、控制字符）",
        "phone": "{field}：请填写 11 位手机号码", "unknown": "{field}：无效",
        "nothing": "没有需要修改的内容：请填写要修改的项目。",
        "lines": "请选择要退换的商品和数量（不超过购买数量）。",
        "note": "说明最多 200 字，且不能含有控制字符。",
        "field_contact_name": "收货人", "field_contact_phone": "电话", "field_address": "地址",
        "field_fulfilment": "取货方式", "field_type": "类型", "field_reason": "原因",
    },
    "en": {
        "modification": "Change of details", "return": "Return", "exchange": "Exchange",
        "PENDING": "Waiting for the store", "APPROVED": "Approved by the store",
        "REJECTED": "Declined by the store",
        "quality": "Quality problem", "wrong_item": "Wrong item", "damaged": "Damaged", "other": "Other",
        "fee_more": "Delivery fee: {money} more to pay", "fee_back": "Delivery fee: {money} to be refunded",
        "locked_paying": "The payment is still being processed; look again later.",
        "locked_shipped": "Your order has shipped and can no longer be changed. Contact the store for help, "
                          "or refuse the parcel.",
        "locked_handed_over": "Your order was delivered or picked up and can no longer be changed; you "
                              "can ask for a return or exchange instead.",
        "locked_returns": "Your order is in the return process and cannot be changed.",
        "locked_pending": "Your request is waiting for the store; you can ask again once it is decided.",
        "locked_expired": "This order has expired; please order again.",
        "locked_unknown": "This order cannot be changed now.",
        "return_not_yet": "Once your order is delivered or picked up, you can ask for a return or exchange "
                          "here.",
        "return_window_over": "The return period ended on {date}.",
        "return_already": "A return is already under way.",
        "required": "{field}: please fill this in", "tooShort": "{field}: too short",
        "tooLong": "{field}: too long",
        "symbols": "{field}: contains characters that cannot be used (such as emoji or control characters)",
        "phone": "{field}: enter an 11-digit mobile number", "unknown": "{field}: not valid",
        "nothing": "Nothing to change: fill in what should change.",
        "lines": "Choose the items and quantities to return (at most as many as you bought).",
        "note": "The note can be at most 200 characters, without control characters.",
        "field_contact_name": "Recipient", "field_contact_phone": "Phone", "field_address": "Address",
        "field_fulfilment": "How you get it", "field_type": "Type", "field_reason": "Reason",
    },
}

WEB_DEVICE_ID = "web"  # requests made on this page, beside the kiosks' ids
# POSTs per order within the lookup window (kiosk.order_rules.LOOKUP_WINDOW_S, 15 min), counted in the
# database (lookup_failures, scope "page:<uuid>") so the limit holds across workers: a shopper needs two
# or three; more is a loop or someone trying things
WEB_POSTS_PER_WINDOW = 10
MAX_FORM_BYTES = 256 * 1024  # 10 kB of Chinese text is 90 kB in a form body
_FIELD_INPUT_MAX = 1000  # longer is refused as too long before the rules see it (the wire's own limit)
_REQUEST_ID = re.compile(r"[0-9a-f]{32}")


@dataclass
class Notice:
    """What the page says after a POST: a message (ok or not), field problems, the shopper's own
    input to put back into the form they sent (never shown anywhere else)."""

    ok: bool = False
    lines: list[str] = field(default_factory=list)
    form: str = ""  # "change" | "return": the form the input belongs to
    typed: dict[str, str] = field(default_factory=dict)


def _local(at: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _step_name(status: str, lang: Lang) -> str:
    if status == TIMELINE_PLACED:
        return _TEXT[lang]["placed"]
    if status == TIMELINE_PAID:
        return _TEXT[lang]["paid"]
    return _STATUS[lang].get(status, (status, ""))[0]


def _timeline(view: OrderView, lang: Lang, zone: zoneinfo.ZoneInfo) -> str:
    t = _TEXT[lang]
    items = []
    for step in view.timeline:
        when = f"<span class=\"when\">{escape(_local(step.at, zone))}</span>" if step.at else ""
        detail = (f"<span class=\"detail\">{escape(t['tracking_no'])} {escape(step.detail)}</span>"
                  if step.detail else "")
        items.append(f"<li data-status=\"{escape(step.status)}\"><span class=\"what\">"
                     f"{escape(_step_name(step.status, lang))}</span>{when}{detail}</li>")
    return f"<h2>{escape(t['progress'])}</h2><ol class=\"timeline\" id=\"timeline\">{''.join(items)}</ol>"


def fee_words(difference_minor: int, currency: str, lang: Lang) -> str:
    if difference_minor > 0:
        return _WORDS[lang]["fee_more"].format(money=money(difference_minor, currency))
    if difference_minor < 0:
        return _WORDS[lang]["fee_back"].format(money=money(-difference_minor, currency))
    return ""


def _request_item(req: RequestView, view: OrderView, lang: Lang, zone: zoneinfo.ZoneInfo) -> str:
    t, w = _TEXT[lang], _WORDS[lang]
    kind = w.get(req.type or req.kind, req.kind)
    css = {"PENDING": "pending", "APPROVED": "approved", "REJECTED": "rejected"}.get(req.status, "")
    rows: list[tuple[str, str, str]] = [(t["asked_at"], escape(_local(req.created_at, zone)), "")]
    for key, value in req.changes.items():
        shown = t.get(str(value), str(value)) if key == "fulfilment" else str(value)
        rows.append((w.get(f"field_{key}", key), escape(shown), ""))
    if req.kind == "return":
        names = {line.sku: _name(line, lang) for line in view.lines}
        rows.append((w["field_reason"], escape(w.get(req.reason, req.reason)), ""))
        rows.append((t["return_lines"], "<br>".join(
            f"{escape(names.get(sku, sku))} ×{quantity}" for sku, quantity in req.lines), ""))
        if req.shopper_note:
            rows.append((t["your_note"], escape(req.shopper_note), ""))
    fee = fee_words(req.fee_difference_minor, view.currency, lang) if req.kind == "modification" else ""
    if fee and req.status != "REJECTED":
        rows.append(("", f"<span class=\"fee\">{escape(fee)}</span>", ""))
    if req.merchant_note:
        note = f"<span class=\"merchant-note\">{escape(req.merchant_note)}</span>"
        rows.append((t["merchant_note"], note, ""))
    state = escape(w.get(req.status, req.status))
    return (f"<li class=\"request {css}\" data-kind=\"{escape(req.kind)}\" "
            f"data-state=\"{escape(req.status)}\"><div class=\"head\"><b>{escape(kind)}</b>"
            f"<span class=\"req-state\">{state}</span></div>{_rows(rows)}</li>")


def _requests(view: OrderView, lang: Lang, zone: zoneinfo.ZoneInfo) -> str:
    if not view.requests:
        return ""
    items = "".join(_request_item(r, view, lang, zone) for r in reversed(view.requests))  # newest first
    return f"<h2>{escape(_TEXT[lang]['requests'])}</h2><ul class=\"requests\" id=\"requests\">{items}</ul>"


def _input(name: str, label: str, typed: dict[str, str], *, placeholder: str = "", kind: str = "text",
           extra: str = "") -> str:
    value = typed.get(name, "")
    return (f"<label class=\"field\"><span>{escape(label)}</span><input type=\"{kind}\" name=\"{name}\" "
            f"id=\"f-{name}\" value=\"{escape(value)}\" placeholder=\"{escape(placeholder)}\" "
            f"autocomplete=\"off\"{extra}></label>")


def _change_form(view: OrderView, lang: Lang, request_id: str, typed: dict[str, str]) -> str:
    t = _TEXT[lang]
    keep = t["keep"]
    fulfilment = typed.get("fulfilment", view.fulfilment)
    choices = "".join(
        f"<label class=\"choice\"><input type=\"radio\" name=\"fulfilment\" value=\"{value}\""
        f"{' checked' if fulfilment == value else ''}> {escape(t[value])}</label>"
        for value in rules.FULFILMENTS)
    return (
        f"<form method=\"post\" action=\"/o/{escape(view.order_uuid)}/modification?lang={lang}#notice\" "
        f"class=\"ask\" id=\"change-form\"><h2>{escape(t['change_title'])}</h2>"
        f"<p class=\"hint\">{escape(t['change_hint'])}</p>"
        f"<input type=\"hidden\" name=\"request_id\" value=\"{escape(request_id)}\">"
        + _input("name", t["name"], typed, placeholder=view.name or keep)
        + _input("phone", t["phone"], typed, placeholder=view.phone or keep, kind="tel",
                 extra=" inputmode=\"tel\"")
        + _input("address", t["address"], typed, placeholder=view.address or keep)
        + f"<fieldset><legend>{escape(t['fulfilment'])}</legend>{choices}</fieldset>"
        f"<button type=\"submit\" id=\"change-send\">{escape(t['change_send'])}</button></form>")


def _return_form(view: OrderView, lang: Lang, request_id: str, typed: dict[str, str],
                 zone: zoneinfo.ZoneInfo) -> str:
    t, w = _TEXT[lang], _WORDS[lang]
    kind = typed.get("type", "return")
    types = "".join(
        f"<label class=\"choice\"><input type=\"radio\" name=\"type\" value=\"{value}\""
        f"{' checked' if kind == value else ''}> {escape(w[value])}</label>" for value in rules.RETURN_TYPES)
    reason = typed.get("reason", "quality")
    reasons = "".join(f"<option value=\"{value}\"{' selected' if reason == value else ''}>{escape(w[value])}"
                      "</option>" for value in rules.RETURN_REASONS)
    lines = "".join(
        f"<label class=\"qty\"><span>{escape(_name(line, lang))}</span>"
        f"<input type=\"number\" name=\"qty_{i}\" id=\"f-qty_{i}\" min=\"0\" max=\"{line.quantity}\" "
        f"value=\"{escape(typed.get(f'qty_{i}', '0'))}\" inputmode=\"numeric\"><span>/ {line.quantity}</span>"
        "</label>" for i, line in enumerate(view.lines))
    deadline = view.returns.deadline
    until = (f"<p class=\"hint\">{escape(t['return_until'].format(date=_local(deadline, zone)))}</p>"
             if deadline else "")
    return (
        f"<form method=\"post\" action=\"/o/{escape(view.order_uuid)}/return?lang={lang}#notice\" "
        f"class=\"ask\" id=\"return-form\"><h2>{escape(t['return_title'])}</h2>{until}"
        f"<input type=\"hidden\" name=\"request_id\" value=\"{escape(request_id)}\">"
        f"<fieldset><legend>{escape(t['type'])}</legend>{types}</fieldset>"
        f"<label class=\"field\"><span>{escape(t['reason'])}</span><select name=\"reason\" id=\"f-reason\">"
        f"{reasons}</select></label>"
        f"<fieldset><legend>{escape(t['return_lines'])}</legend>{lines}</fieldset>"
        f"<label class=\"field\"><span>{escape(t['note'])}</span>"
        f"<textarea name=\"note\" id=\"f-note\" rows=\"3\" maxlength=\"{rules.NOTE_MAX}\">"
        f"{escape(typed.get('note', ''))}</textarea></label>"
        f"<button type=\"submit\" id=\"return-send\">{escape(t['return_send'])}</button></form>")


def _reach(lang: Lang, merchant_phone: str) -> str:
    t = _TEXT[lang]
    if merchant_phone:
        phone = escape(merchant_phone)
        digits = re.sub(r"[^0-9+]", "", merchant_phone)
        return (f"<p class=\"hint\" id=\"reach\">{escape(t['contact_merchant']).format(phone='')}"
                f"<a href=\"tel:{escape(digits)}\">{phone}</a></p>")
    return f"<p class=\"hint\" id=\"reach\">{escape(t['contact_desk'])}</p>"


def _asks(view: OrderView, lang: Lang, zone: zoneinfo.ZoneInfo, merchant_phone: str, notice: Notice) -> str:
    """The change form, the return form, or why not, in words."""
    w = _WORDS[lang]
    html = ""
    if view.modification.stage is rules.Stage.REQUEST:
        typed = notice.typed if notice.form == "change" else {}
        html += _change_form(view, lang, typed.get("request_id") or secrets.token_hex(16), typed)
    if view.returns.allowed:
        typed = notice.typed if notice.form == "return" else {}
        html += _return_form(view, lang, typed.get("request_id") or secrets.token_hex(16), typed, zone)
    if html:
        return html
    lines = []
    locked = view.modification.locked
    if locked is not rules.Locked.NONE and not (locked is rules.Locked.HANDED_OVER
                                                and view.returns.refusal is rules.ReturnRefusal.WINDOW_OVER):
        lines.append(w.get(f"locked_{locked}", w["locked_unknown"]))
    refusal = view.returns.refusal
    if refusal is rules.ReturnRefusal.WINDOW_OVER and view.returns.deadline is not None:
        lines.append(w["return_window_over"].format(date=_local(view.returns.deadline, zone)))
    elif refusal is rules.ReturnRefusal.NOT_YET and locked is rules.Locked.SHIPPED:
        lines.append(w["return_not_yet"])
    text = "".join(f"<p class=\"locked\">{escape(line)}</p>" for line in dict.fromkeys(lines))
    return f"<div class=\"why\" id=\"locked\" data-reason=\"{escape(str(locked))}\">{text}" \
           f"{_reach(lang, merchant_phone)}</div>"


def _notice(notice: Notice | None) -> str:
    if notice is None or not notice.lines:
        return ""
    css = "notice ok" if notice.ok else "notice bad"
    role = "status" if notice.ok else "alert"
    body = "".join(f"<p>{escape(line)}</p>" for line in notice.lines)
    return f"<div class=\"{css}\" id=\"notice\" role=\"{role}\">{body}</div>"


def problem_lines(problems: dict[str, str], lang: Lang) -> list[str]:
    """The rules' field problems as sentences in the shopper's language."""
    w = _WORDS[lang]
    lines = [_TEXT[lang]["fix"]]
    for key, problem in problems.items():
        if key in ("lines", "note"):
            lines.append(w[key])
        elif key == "changes":
            lines.append(w["nothing"])
        else:
            template = w.get(problem, w["unknown"])
            lines.append(template.format(field=w.get(f"field_{key}", key)))
    return lines


FORM_STYLE = """
.timeline{list-style:none;padding:0;margin:.4rem 0 0;border-left:3px solid #07c160;padding-left:.9rem}
.timeline li{padding:.25rem 0;display:flex;flex-wrap:wrap;gap:.2rem .6rem}.timeline .what{font-weight:600}
.timeline .when,.timeline .detail{color:#6b7785;font-size:.9rem;overflow-wrap:anywhere}
.requests{list-style:none;padding:0;margin:0}.request{border:1px solid #e1e5ea;border-radius:.6rem;
padding:.6rem .8rem;margin:.5rem 0}.request .head{display:flex;justify-content:space-between;gap:.5rem;
flex-wrap:wrap}.request.pending .req-state{color:#a66300}.request.approved .req-state{color:#1b7f3a}
.request.rejected .req-state{color:#b3261e}.fee{font-weight:600}.ask label.field{display:block;margin:.7rem 0}
.ask label.field span{display:block;color:#55606e;font-size:.95rem;margin-bottom:.25rem}
.ask input[type=text],.ask input[type=tel],.ask select,.ask textarea{width:100%;font:inherit;
font-size:1.05rem;padding:.7rem;border:1px solid #c9d0d8;border-radius:.5rem;background:#fff}
.ask fieldset{border:0;padding:0;margin:.7rem 0}
.ask legend{color:#55606e;font-size:.95rem;padding:0;margin-bottom:.25rem}
.ask .choice{display:inline-flex;align-items:center;gap:.4rem;min-height:3rem;margin-right:1.2rem;
font-size:1.05rem}.ask .choice input{width:1.4rem;height:1.4rem}.ask .qty{display:grid;
grid-template-columns:1fr 5rem auto;align-items:center;gap:.6rem;padding:.3rem 0}.ask .qty span:first-child{
overflow-wrap:anywhere}.ask .qty input{width:100%;font:inherit;font-size:1.05rem;padding:.6rem;
border:1px solid #c9d0d8;border-radius:.5rem}.ask button{background:#1677ff;color:#fff;font-weight:600}
.notice{border-radius:.6rem;padding:.6rem .9rem;margin:1rem 0;line-height:1.5;overflow-wrap:anywhere}
.notice p{margin:.2rem 0}.notice.ok{background:#e8f6ee;color:#1b7f3a}.notice.bad{background:#fdecea;
color:#b3261e}.why{margin-top:1.2rem;padding:.7rem .9rem;background:#f6f7f9;border-radius:.6rem}
.locked{margin:0 0 .4rem;line-height:1.5}
"""


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


def render(view: OrderView, lang: Lang, merchant: str, zone: zoneinfo.ZoneInfo, *, merchant_phone: str = "",
           notice: Notice | None = None) -> str:
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
        f"{_status(view, lang)}{_notice(notice)}"
        f"{_rows(facts, 'rows facts')}"
        f"{_timeline(view, lang, zone)}"
        f"<h2>{escape(t['goods'])}</h2><ul class=\"lines\">{lines}</ul>{_rows(sums)}"
        f"<h2>{escape(heading)}</h2>{_rows(where)}"
        f"{_requests(view, lang, zone)}"
        f"{_asks(view, lang, zone, merchant_phone, notice or Notice())}"
        f"<p class=\"foot\">{escape(t['foot'])}</p></div>"
    )
    return document(f"{t['title']} · {view.order_no}", body, style=ORDER_STYLE + FORM_STYLE, head=_HEAD,
                    lang=t["html_lang"])


def render_missing(lang: Lang, merchant: str) -> str:
    t = _TEXT[lang]
    body = (
        f"<div class=\"card order\">{_switch(t)}<div class=\"merchant\">{escape(merchant)}</div>"
        f"<h1 id=\"missing\">{escape(t['missing_title'])}</h1>"
        f"<p class=\"hint\">{escape(t['missing'])}</p></div>"
    )
    return document(t["missing_title"], body, style=ORDER_STYLE, head=_HEAD, lang=t["html_lang"])


def _merchant_phone(request: Request) -> str:
    return get_settings(request).merchant_phone


def _window_days(request: Request) -> int:
    return get_settings(request).return_window_days


def _answer(request: Request, db: StoreDB, order_uuid: str, chosen: Lang, notice: Notice | None = None,
            status_code: int = 200) -> HTMLResponse:
    settings = get_settings(request)
    headers = {**_HEADERS, "Content-Language": _TEXT[chosen]["html_lang"]}
    with db.read() as session:
        view = order_view.find(session, order_uuid, utcnow(), _window_days(request))
    if view is None:
        return HTMLResponse(render_missing(chosen, settings.merchant_name), status_code=404, headers=headers)
    page = render(view, chosen, settings.merchant_name, _zone(settings.timezone),
                  merchant_phone=_merchant_phone(request), notice=notice)
    return HTMLResponse(page, status_code=status_code, headers=headers)


@router.get("/o/{order_uuid}", response_class=HTMLResponse)
def order_page(order_uuid: str, db: DB, request: Request, lang: str | None = None) -> HTMLResponse:
    return _answer(request, db, order_uuid, language(lang, request.headers.get("accept-language")))


def _request_id(form: dict[str, str]) -> str:
    given = form.get("request_id", "")
    return given if _REQUEST_ID.fullmatch(given) else secrets.token_hex(16)


def _change_of(form: dict[str, str], current: rules.ContactNow) -> tuple[dict[str, str], dict[str, str]]:
    """The change a form asks for (the fields filled in, and the fulfilment when it differs), and the
    problems of fields too long to be worth checking."""
    changes: dict[str, str] = {}
    problems: dict[str, str] = {}
    for key, field_name in (("name", "contact_name"), ("phone", "contact_phone"), ("address", "address")):
        value = form.get(key, "")
        if value.strip():
            changes[field_name] = value
            if len(value) > _FIELD_INPUT_MAX:
                problems[field_name] = "tooLong"
    chosen = form.get("fulfilment", "")
    if chosen in rules.FULFILMENTS and chosen != current.fulfilment:
        changes["fulfilment"] = chosen
    return changes, problems


async def _post(request: Request, order_uuid: str, lang: str | None, form_kind: str) -> HTMLResponse:
    chosen = language(lang, request.headers.get("accept-language"))
    db = get_db(request)
    t = _TEXT[chosen]
    body = await request.body()
    if len(order_uuid) > order_view.MAX_UUID_LENGTH:
        return await run_in_threadpool(_answer, request, db, order_uuid, chosen)
    if len(body) > MAX_FORM_BYTES:
        return await run_in_threadpool(_answer, request, db, order_uuid, chosen,
                                       Notice(lines=[t["too_large"]]), 413)
    form = parse_form(body)
    request_id = _request_id(form)
    typed = {key: value[:_FIELD_INPUT_MAX] for key, value in form.items() if len(key) <= 16}
    typed["request_id"] = request_id
    window_days = _window_days(request)

    def work() -> tuple[Notice, int]:
        now = utcnow()
        with db.write() as session:
            scope = f"page:{order_uuid}"
            if order_lookup.throttled(session, [(scope, WEB_POSTS_PER_WINDOW)], now) is not None:
                return Notice(lines=[t["too_many"]]), 429
            order_lookup.record_failure(session, [scope], now)  # every POST counts, sent or not
            order = fulfilment.find_order(session, order_uuid, lock=True)
            if order is None:
                return Notice(), 404
            try:
                if form_kind == "change":
                    changes, too_long = _change_of(form, fulfilment.standing(session, order).contact)
                    if too_long:
                        raise fulfilment.RequestInvalid(too_long)
                    _, fresh = fulfilment.request_modification(
                        session, order, WEB_DEVICE_ID,
                        ModificationIn(request_id=request_id,
                                       changes=ModificationChanges.model_validate(changes)), now)
                else:
                    asked = _return_of(form, order, request_id)
                    _, fresh = fulfilment.request_return(session, order, WEB_DEVICE_ID, asked, now,
                                                         window_days)
            except fulfilment.RequestInvalid as exc:
                return Notice(lines=problem_lines(exc.problems, chosen), form=form_kind, typed=typed), 422
            except fulfilment.RequestRefused as exc:
                w = _WORDS[chosen]
                words = w.get(f"locked_{exc.reason}") or w.get(f"return_{exc.reason}") or w["locked_unknown"]
                return Notice(lines=[words.replace("{date}", "")]), 409
        sent = t["sent_change"] if form_kind == "change" else t["sent_return"]
        return Notice(ok=True, lines=[sent if fresh else t["sent_before"]]), 200

    notice, status_code = await run_in_threadpool(work)
    if status_code >= 400:
        log.info("order page: %s request refused (%d)", form_kind, status_code)
    return await run_in_threadpool(_answer, request, db, order_uuid, chosen, notice, status_code)


class _BadReturn(Exception):
    pass


def _return_of(form: dict[str, str], order: StoreOrder, request_id: str) -> ReturnIn:
    """The return a form asks for; the rules' problems (as RequestInvalid) for what it cannot be."""
    kind, reason, note = form.get("type", ""), form.get("reason", ""), form.get("note", "")
    problem = rules.check_return(kind, reason, note[:rules.NOTE_MAX + 1])
    if problem:
        key = "type" if "kind" in problem else "reason" if "reason" in problem else "note"
        raise fulfilment.RequestInvalid({key: problem if key == "note" else "unknown"})
    lines: list[ReturnLineIn] = []
    skus = [str(line.get("sku")) for line in order.payload.get("lines") or [] if isinstance(line, dict)]
    for i, sku in enumerate(skus):
        raw = form.get(f"qty_{i}", "0").strip() or "0"
        if not raw.isascii() or not raw.isdigit() or len(raw) > 5:
            raise fulfilment.RequestInvalid({"lines": "quantity"})
        if int(raw) > 0:
            lines.append(ReturnLineIn(sku=sku[:32], quantity=int(raw)))
    return ReturnIn(request_id=request_id, type=kind, reason=reason, note=note,  # type: ignore[arg-type]
                    lines=lines)


@router.post("/o/{order_uuid}/modification", response_class=HTMLResponse)
async def modification_form(order_uuid: str, request: Request, lang: str | None = None) -> HTMLResponse:
    """The page's "change details" form: a request under the same rules as a kiosk's."""
    return await _post(request, order_uuid, lang, "change")


@router.post("/o/{order_uuid}/return", response_class=HTMLResponse)
async def return_form(order_uuid: str, request: Request, lang: str | None = None) -> HTMLResponse:
    """The page's "return or exchange" form."""
    return await _post(request, order_uuid, lang, "return")
