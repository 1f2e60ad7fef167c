"""Server-rendered merchant admin: orders, requests, fleet, quarantine, the audit log.

Staff sign in at /admin/login (`cloudstore.routes.staff`). Technicians see the fleet, quarantine and
reports; merchants also the orders, requests and audit log, and may change them. Every form carries
the session's CSRF token; every action is written to the audit log with its result.
"""

from __future__ import annotations

import datetime as dt
import logging
from html import escape
from typing import Annotated, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from cloudstore import accounts, admin, fleet, fulfilment, order_events
from cloudstore.accounts import Staff
from cloudstore.db import StoreDB
from cloudstore.html import document, money, options, table
from cloudstore.ingest import missing_seqs
from cloudstore.models import Device, OrderRequest, StoreOrder, utcnow
from cloudstore.pii import mask_phone
from cloudstore.routes.deps import DB, get_db, get_settings
from cloudstore.routes.staff import csrf_field, form_staff, page_staff, write_audit
from cloudstore.timefmt import parse_iso
from kiosk.sync.protocol import FulfilmentStatus

log = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", include_in_schema=False)

_MERCHANT_LINKS = ("<a href=\"/admin\">订单 Orders</a><a href=\"/admin/requests\">申请 Requests</a>")
_FLEET_LINKS = ("<a href=\"/admin/fleet\">设备 Fleet</a><a href=\"/admin/quarantine\">隔离 Quarantine</a>"
                "<a href=\"/admin/reports\">报表 Reports</a>")
_ROLE_NAMES = {accounts.MERCHANT: "商户 merchant", accounts.TECHNICIAN: "技术员 technician"}
NAV_STYLE = (".who{margin-left:auto;display:flex;gap:.6rem;align-items:center;color:#cfe3ff}"
             ".who button{background:none;border:1px solid #cfe3ff;color:#fff;border-radius:.3rem}")


def _nav(request: Request, staff: Staff) -> str:
    links = (_MERCHANT_LINKS if staff.merchant else "") + _FLEET_LINKS
    if staff.merchant:
        links += "<a href=\"/admin/audit\">审计 Audit</a>"
    who = (f"<span class=\"who\"><span id=\"user\">{escape(staff.name)} · "
           f"{escape(_ROLE_NAMES.get(staff.role, staff.role))}</span>"
           f"<form class=\"inline\" method=\"post\" action=\"/admin/logout\">{csrf_field(staff)}"
           "<button id=\"logout\">退出 Sign out</button></form></span>")
    return f"<header><strong>{escape(get_settings(request).merchant_name)}</strong>{links}{who}</header>"


def _page(request: Request, staff: Staff, title: str, body: str, message: str = "",
          style: str = "") -> HTMLResponse:
    note = f"<p class=\"warn\" id=\"message\">{escape(message)}</p>" if message else ""
    head = f"<style>{NAV_STYLE}{style}</style><meta name=\"referrer\" content=\"no-referrer\">"
    response = HTMLResponse(document(title, f"{_nav(request, staff)}<main><h1>{escape(title)}</h1>{note}"
                                            f"{body}</main>", head=head))
    response.headers["Cache-Control"] = "no-store"
    return response


def _back(path: str, message: str = "") -> RedirectResponse:
    suffix = f"?msg={quote(message)}" if message else ""
    return RedirectResponse(path + suffix, status_code=303)


def _ago(seconds: float | None) -> str:
    if seconds is None:
        return "never"
    seconds = max(0.0, seconds)
    if seconds < 120:
        return f"{seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"


# the steps that belong to one kind of fulfilment; the others (returns) fit both
_DELIVERY_ONLY = {FulfilmentStatus.SHIPPED.value, FulfilmentStatus.DELIVERED.value}
_PICKUP_ONLY = {FulfilmentStatus.READY_FOR_PICKUP.value, FulfilmentStatus.PICKED_UP.value}


def fitting_steps(o: StoreOrder) -> list[str]:
    """The merchant's next steps for the order that fit its fulfilment (delivery ships, pickup is
    collected); `fulfilment.set_status` refuses the others whatever a form posts."""
    unfit = _PICKUP_ONLY if o.fulfilment == "delivery" else _DELIVERY_ONLY
    return sorted(str(s) for s in fulfilment.TRANSITIONS.get(o.status, set()) if str(s) not in unfit)


def _status_form(o: StoreOrder, staff: Staff, back: str = "") -> str:
    allowed = fitting_steps(o)
    if not allowed:
        return ""
    choices = "".join(f"<option>{escape(s)}</option>" for s in allowed)
    tracking = ("<input name=\"tracking_no\" placeholder=\"tracking no 运单号\" size=\"12\" maxlength=\"64\""
                + (" required" if allowed == [FulfilmentStatus.SHIPPED.value] else "") + ">"
                if FulfilmentStatus.SHIPPED.value in allowed else "")
    back_field = f"<input type=\"hidden\" name=\"back\" value=\"{escape(back)}\">" if back else ""
    return (f"<form class=\"inline status-form\" method=\"post\" "
            f"action=\"/admin/orders/{escape(o.order_uuid)}/status\">"
            f"{csrf_field(staff)}{back_field}<select name=\"status\">{choices}</select>{tracking}"
            "<button>Set</button></form>")


def _zone(request: Request) -> dt.tzinfo:
    name = get_settings(request).timezone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown store timezone %r: admin times shown in UTC", name)
        return dt.UTC


def local(request: Request, at: dt.datetime | None) -> str:
    """A naive-UTC time in the store's timezone, to the minute: "2026-12-07 13:51"."""
    if at is None:
        return ""
    return at.replace(tzinfo=dt.UTC).astimezone(_zone(request)).strftime("%Y-%m-%d %H:%M")


def _zone_label(request: Request) -> str:
    return get_settings(request).timezone


@router.get("", response_class=HTMLResponse)
def orders_page(request: Request, db: DB, device_id: str = "", status: str = "",
                flagged: str = "", q: str = "", msg: str = "") -> Response:
    staff = page_staff(request, merchant=True)
    if not isinstance(staff, Staff):
        return staff
    f = admin.OrderFilter(device_id=device_id, status=status, flagged=bool(flagged), query=q.strip())
    with db.read() as session:
        orders = admin.list_orders(session, f)
        contacts = {uuid: now.contact for uuid, now in fulfilment.standings(session, orders).items()}
        kiosks = {d.id: d.name for d in admin.devices(session)}
        device_ids = list(kiosks)
        total = admin.order_count(session)
    filters = (
        "<form class=\"filters\" method=\"get\" action=\"/admin\">"
        f"<select name=\"device_id\">{options(device_ids, device_id, blank='all kiosks')}</select>"
        f"<select name=\"status\">{options([s.value for s in FulfilmentStatus], status, blank='any status')}"
        "</select>"
        f"<label><input type=\"checkbox\" name=\"flagged\" value=\"1\"{' checked' if flagged else ''}>"
        f" audit flags</label><input name=\"q\" value=\"{escape(q)}\" placeholder=\"order no / uuid\">"
        "<button>Filter</button>"
        "</form>")
    rows = []
    for o in orders:
        phone = contacts[o.order_uuid].phone  # as it stands: approved changes applied
        total_cell = escape(money(o.computed_total_minor, o.currency))
        if o.total_minor != o.computed_total_minor:
            claimed = escape(money(o.total_minor, o.currency))
            total_cell += f" <span class=\"flag\">(kiosk said {claimed})</span>"
        page = f"/admin/orders/{quote(o.order_uuid, safe='')}"
        kiosk_name = escape(kiosks.get(o.device_id, o.device_id))
        kiosk = f"<span title=\"{escape(o.device_id)}\">{kiosk_name}</span> #{o.device_seq}"
        rows.append([
            escape(local(request, o.received_at)), f"<a class=\"order-link\" href=\"{escape(page)}\">"
            f"<b>{escape(o.order_no)}</b></a><br><span class=\"muted\">"
            f"{escape(o.order_uuid)}</span>", kiosk, total_cell,
            escape(o.fulfilment) + (f"<br>{escape(mask_phone(phone))}" if phone else ""),
            f"<span class=\"status\">{escape(o.status)}</span>", escape(o.tracking_no),
            f"<span class=\"flag\">{escape(o.audit_flags)}</span>", _status_form(o, staff),
        ])
    body = filters + f"<p class=\"muted\">{len(orders)} shown of {total}</p>" + table(
        [f"Received ({_zone_label(request)})", "Order", "Kiosk #seq", "Total", "Fulfilment", "Status",
         "Tracking", "Audit", ""],
        rows)
    return _page(request, staff, "订单 Orders", body, msg)


_RETURN_REASONS = {"quality": "质量问题 quality problem", "wrong_item": "发错商品 wrong item",
                   "damaged": "商品损坏 damaged", "other": "其他 other"}
_KINDS = {"modification": "修改 change", "return": "退货 return", "exchange": "换货 exchange"}
_FIELDS = {"contact_name": "name", "contact_phone": "phone", "address": "address", "fulfilment": "fulfilment"}


def fee_words(difference_minor: int, currency: str) -> str:
    """A modification's delivery fee difference, as the merchant acts on it."""
    if difference_minor > 0:
        return f"delivery fee +{money(difference_minor, currency)} to collect"
    if difference_minor < 0:
        return f"delivery fee \u2212{money(-difference_minor, currency)} to refund"
    return "no fee change"


def _kind(r: OrderRequest) -> str:
    kind = str(r.changes.get("type", "return")) if r.kind == "return" else r.kind
    return escape(_KINDS.get(kind, kind))


def _reason(r: OrderRequest) -> str:
    if r.kind == "return":
        return escape(_RETURN_REASONS.get(r.reason, r.reason))
    return escape(r.reason) or "<span class=\"muted\">—</span>"


def _asked(r: OrderRequest, order: StoreOrder | None) -> str:
    """What the request asks: a change's fields (contact values masked), a return's lines and note."""
    if r.kind == "modification":
        return "<br>".join(f"{escape(_FIELDS.get(field, field))}: <b>{escape(str(value))}</b>"
                           for field, value in fulfilment.masked_changes(r).items())
    names = {}
    for line in (order.payload.get("lines") or []) if order is not None else []:
        if isinstance(line, dict):
            names[str(line.get("sku"))] = str(line.get("name_zh") or line.get("name_en") or "")
    lines = [line for line in r.changes.get("lines") or [] if isinstance(line, dict)]
    html = "<br>".join(f"{escape(str(line.get('sku')))} {escape(names.get(str(line.get('sku')), ''))} "
                       f"×{escape(str(line.get('quantity')))}" for line in lines)
    note = str(r.changes.get("note") or "")
    if note:
        html += f"<br><span class=\"muted\">“{escape(note)}”</span>"
    return html


def _fee(r: OrderRequest, order: StoreOrder | None) -> str:
    if r.kind != "modification":
        return ""
    css = "flag" if r.fee_difference_minor and r.status != "REJECTED" else "muted"
    words = fee_words(r.fee_difference_minor, order.currency if order is not None else "CNY")
    return f"<span class=\"{css}\">{escape(words)}</span>"


def _order_cell(r: OrderRequest, order: StoreOrder | None) -> str:
    if order is None:
        return escape(r.order_uuid)
    return (f"<a href=\"/admin/orders/{quote(order.order_uuid, safe='')}\" style=\"white-space:nowrap\">"
            f"<b>{escape(order.order_no)}</b></a><br>"
            f"<span class=\"muted\">{escape(order.status)}</span>")


@router.get("/requests", response_class=HTMLResponse)
def requests_page(request: Request, db: DB, msg: str = "") -> Response:
    staff = page_staff(request, merchant=True)
    if not isinstance(staff, Staff):
        return staff
    now = utcnow()
    with db.read() as session:
        pending, recent = admin.pending_requests(session), admin.recent_requests(session)
        uuids = sorted({r.order_uuid for r in pending + recent})
        orders = {o.order_uuid: o for o in session.execute(
            select(StoreOrder).where(StoreOrder.order_uuid.in_(uuids))).scalars()} if uuids else {}
        session.expunge_all()

    def decide_form(r: OrderRequest) -> str:
        action = f"/admin/requests/{quote(r.request_id, safe='')}/decide"
        return (f"<form class=\"inline\" method=\"post\" action=\"{escape(action)}\">{csrf_field(staff)}"
                "<input name=\"note\" "
                "placeholder=\"note to the shopper\" size=\"14\" maxlength=\"500\">"
                "<button name=\"approve\" value=\"1\">Approve</button>"
                "<button name=\"approve\" value=\"0\">Reject</button></form>")

    def cells(r: OrderRequest) -> list[str]:
        order = orders.get(r.order_uuid)
        return [_order_cell(r, order), _kind(r), _reason(r), _asked(r, order), _fee(r, order)]

    def outcome(r: OrderRequest) -> str:
        return f"<span class=\"{'ok' if r.status == 'APPROVED' else 'warn'}\">{escape(r.status)}</span>"

    pending_rows = [[f"<span title=\"{escape(local(request, r.created_at))}\">"
                     f"{escape(_ago((now - r.created_at).total_seconds()))}</span>",
                     *cells(r), decide_form(r)]
                    for r in pending]
    decided_rows = [[escape(local(request, r.created_at)), escape(local(request, r.decided_at)), *cells(r),
                     outcome(r), escape(r.note)] for r in recent]
    body = (f"<h2>待处理 Pending ({len(pending)})</h2>"
            + table(["Age", "Order", "Kind", "Reason", "Asked", "Fee", "Decision"], pending_rows)
            + "<h2>已处理 Decided</h2>"
            + table([f"Requested ({_zone_label(request)})", f"Decided ({_zone_label(request)})", "Order",
                     "Kind", "Reason", "Asked", "Fee", "Outcome",
                     "Note"], decided_rows))
    return _page(request, staff, "申请 Requests", body, msg)


@router.get("/fleet", response_class=HTMLResponse)
def fleet_page(request: Request, db: DB, msg: str = "") -> Response:
    staff = page_staff(request)
    if not isinstance(staff, Staff):
        return staff
    now = utcnow()
    rows = []
    with db.read() as session:
        for row in fleet.fleet_view(session, now):
            d = row["device"]
            holes = missing_seqs(session, d)
            seq = f"{d.contiguous_seq} / {d.max_seq}" + (
                f" <span class=\"flag\">gap: {escape(', '.join(map(str, holes)))}</span>" if holes else "")
            alerts = "".join(
                f"<div class=\"{'flag' if a.severity == 'critical' else 'warn'}\">{escape(a.kind)}: "
                f"{escape(a.message)} <form class=\"inline\" method=\"post\" "
                f"action=\"/admin/alerts/{a.id}/resolve\">{csrf_field(staff)}"
                "<button>Resolve</button></form></div>" for a in row["alerts"])

            def dev(status: dict[str, Any]) -> str:
                if not status:
                    return "<span class=\"muted\">—</span>"
                css = "ok" if status.get("status") == "READY" else "warn"
                return (f"<span class=\"{css}\">{escape(str(status.get('status', '')))}</span> "
                        f"{escape(str(status.get('detail', '')))}")

            rows.append([
                f"<b>{escape(d.name)}</b><br><span class=\"muted\">{escape(d.id)}</span>"
                + (" <span class=\"flag\">revoked</span>" if d.revoked_at else ""),
                f"<span title=\"{escape(local(request, d.last_heartbeat_at))}\">"
                f"{escape(_ago(row['heartbeat_age_s']))}</span>", str(d.queue_depth),
                f"{d.oldest_pending_age_s:.0f} s",
                dev(row["printer"]), dev(row["scanner"]), escape(d.version), seq, alerts or "—",
            ])
    body = table(["Kiosk", "Last heartbeat", "Queue", "Oldest pending", "Printer", "Scanner", "Version",
                  "Seq contiguous / max", "Open alerts"], rows)
    return _page(request, staff, "设备 Fleet", body, msg)


@router.get("/quarantine", response_class=HTMLResponse)
def quarantine_page(request: Request, db: DB) -> Response:
    staff = page_staff(request)
    if not isinstance(staff, Staff):
        return staff
    with db.read() as session:
        rows = [[escape(local(request, q.received_at)), f"{escape(q.device_id)} #{q.device_seq}",
                 escape(q.order_uuid),
                 escape(q.reason), f"<code>{escape(q.payload_hash[:12])}</code>"]
                for q in admin.quarantined(session)]
    headers = ["Received", "Kiosk #seq", "Order", "Reason", "Hash"]
    return _page(request, staff, "隔离 Quarantine", table(headers, rows))


@router.post("/orders/{order_uuid}/status")
async def set_status_form(request: Request, order_uuid: Annotated[str, Path(max_length=36)]) -> Response:
    staff, form = await form_staff(request, merchant=True)
    if not isinstance(staff, Staff):
        return staff
    status = form.get("status", "")

    def work(db: StoreDB) -> str:
        with db.write() as session:
            order = fulfilment.find_order(session, order_uuid, lock=True)
            if order is None:
                result = "no such order"
            else:
                try:
                    fulfilment.set_status(order, status, form.get("tracking_no", ""), utcnow())
                    result = ""
                except fulfilment.RequestRefused as exc:
                    result = str(exc)
        write_audit(db, staff.name, "order_status", f"order {order_uuid} -> {status}", result)
        return result

    page = f"/admin/orders/{quote(order_uuid, safe='')}"
    back = page if form.get("back") == page else "/admin"  # never a redirect to anywhere else
    return _back(back, await run_in_threadpool(work, get_db(request)))


@router.post("/requests/{request_id}/decide")
async def decide_form(request: Request, request_id: Annotated[str, Path(max_length=64)]) -> Response:
    staff, form = await form_staff(request, merchant=True)
    if not isinstance(staff, Staff):
        return staff
    approve = form.get("approve") == "1"

    def work(db: StoreDB) -> str:
        try:
            with db.write() as session:
                fulfilment.decide(session, request_id, approve, form.get("note", "")[:500], utcnow())
            result = ""
        except LookupError:
            result = "no such request"
        except fulfilment.RequestRefused as exc:
            result = str(exc)
        write_audit(db, staff.name, "request_decision",
                    f"request {request_id}: {'approve' if approve else 'reject'}", result)
        return result

    return _back("/admin/requests", await run_in_threadpool(work, get_db(request)))


@router.post("/alerts/{alert_pk}/resolve")
async def resolve_alert_form(request: Request, alert_pk: Annotated[int, Path(ge=1)]) -> Response:
    staff, _form = await form_staff(request)
    if not isinstance(staff, Staff):
        return staff

    def work(db: StoreDB) -> str:
        with db.write() as session:
            result = "" if fleet.resolve_alert(session, alert_pk, utcnow()) else "no such alert"
        write_audit(db, staff.name, "alert_resolve", f"alert {alert_pk}", result)
        return result

    return _back("/admin/fleet", await run_in_threadpool(work, get_db(request)))


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, db: DB) -> Response:
    staff = page_staff(request, merchant=True)
    if not isinstance(staff, Staff):
        return staff
    with db.read() as session:
        rows = [[escape(local(request, e.at)), escape(e.user_name), escape(e.action), escape(e.target),
                 f"<span class=\"{'ok' if e.result == 'ok' else 'warn'}\">{escape(e.result)}</span>"]
                for e in accounts.recent_audit(session)]
    body = ("<p class=\"muted\">The latest 200 admin actions, newest first.</p>"
            + table([f"When ({_zone_label(request)})", "User", "Action", "On", "Result"], rows))
    return _page(request, staff, "审计 Audit log", body)


# -- one order, for the merchant who packs and ships it ---------------------------------------------

ORDER_STYLE = (
    ".facts{display:grid;grid-template-columns:minmax(6rem,auto) 1fr;gap:.3rem 1rem;margin:0;"
    "background:#fff;padding:.6rem .8rem}.facts dt{color:#6b7785}.facts dd{margin:0;overflow-wrap:anywhere}"
    ".lines td,.lines th{overflow-wrap:anywhere}.lines .num{text-align:right;white-space:nowrap}"
    ".money{max-width:24rem;margin-left:auto}.money .total{font-weight:700;font-size:1.1rem}"
    "section{margin:1.2rem 0}h2{font-size:1.05rem;margin:.4rem 0}.status-form{display:flex;gap:.5rem;"
    "flex-wrap:wrap}.scroll{overflow-x:auto;max-width:100%}main{max-width:64rem}"
    ".order-no{font-size:1.4rem}")

SLIP_STYLE = (
    "*{box-sizing:border-box}body{font-family:system-ui,\"Noto Sans SC\",sans-serif;margin:0;padding:1rem;"
    "color:#000;background:#fff}.order-no{font-size:2.4rem;font-weight:800;margin:0 0 .2rem;"
    "letter-spacing:.03em}.muted{color:#444}table{border-collapse:collapse;width:100%;margin:1rem 0}"
    "th,td{border-bottom:1px solid #999;padding:.45rem .4rem;text-align:left;vertical-align:top;"
    "overflow-wrap:anywhere}.qty{font-size:1.4rem;font-weight:700;text-align:center;width:4rem}"
    ".box{display:inline-block;width:1.3rem;height:1.3rem;border:2px solid #000}.check{width:2.2rem}"
    ".ship{border:2px solid #000;padding:.6rem .8rem;font-size:1.15rem;line-height:1.5;"
    "overflow-wrap:anywhere}.ship b{font-size:1.3rem}.print{margin-top:1rem;font:inherit;padding:.5rem 1rem}"
    "@media print{.print{display:none}body{padding:0}@page{margin:12mm}}")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _lines(o: StoreOrder) -> list[dict[str, Any]]:
    return [line for line in o.payload.get("lines") or [] if isinstance(line, dict)]


def _line_name(line: dict[str, Any]) -> str:
    zh, en = _text(line.get("name_zh")), _text(line.get("name_en"))
    return " / ".join(part for part in (zh, en) if part) or _text(line.get("sku"))


def _pickup_point(session: Any, o: StoreOrder) -> str:
    device = session.get(Device, o.device_id)
    return _text(o.payload.get("pickup_location")) or (device.name if device is not None else o.device_id)


def _order_or_404(request: Request, staff: Staff, found: bool) -> Response | None:
    if found:
        return None
    response = _page(request, staff, "订单 Order", "<p class=\"warn\">没有这个订单 No such order.</p>"
                     "<p><a href=\"/admin\">← 订单 Orders</a></p>")
    response.status_code = 404
    return response


def _facts(rows: list[tuple[str, str]]) -> str:
    """(label, already-escaped HTML) pairs as a definition list."""
    return "<dl class=\"facts\">" + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


@router.get("/orders/{order_uuid}", response_class=HTMLResponse)
def order_detail_page(request: Request, db: DB, order_uuid: Annotated[str, Path(max_length=36)],
                      msg: str = "") -> Response:
    staff = page_staff(request, merchant=True)  # the clear contact is the merchant's alone
    if not isinstance(staff, Staff):
        return staff
    with db.read() as session:
        o = fulfilment.find_order(session, order_uuid)
        missing = _order_or_404(request, staff, o is not None)
        if missing is not None or o is None:
            return missing or Response(status_code=404)
        now = fulfilment.standing(session, o)
        contact = now.contact
        timeline = order_events.timeline(session, o)
        reqs = list(session.execute(select(OrderRequest).where(OrderRequest.order_uuid == o.order_uuid)
                                    .order_by(OrderRequest.id)).scalars())
        pickup = _pickup_point(session, o)
        device = session.get(Device, o.device_id)
        kiosk_name = device.name if device is not None else o.device_id
        session.expunge_all()
    write_audit(db, staff.name, "order_viewed", f"order {o.order_uuid}", "")
    cur = o.currency
    line_rows = [[escape(_line_name(line))
                  + f"<br><span class=\"muted\">{escape(_text(line.get('sku')))}</span>",
                  f"<span class=\"num\">{_int(line.get('quantity'))}</span>",
                  f"<span class=\"num\">{escape(money(_int(line.get('unit_price_minor')), cur))}</span>",
                  f"<span class=\"num\">{escape(money(_int(line.get('line_total_minor')), cur))}</span>"]
                 for line in _lines(o)]
    fee_change = now.shipping_minor - _int(o.payload.get("shipping_minor"))
    discount = _int(o.payload.get("discount_minor"))
    money_rows = [("小计 Subtotal", escape(money(now.subtotal_minor, cur))),
                  ("运费 Delivery", escape(money(now.shipping_minor, cur))
                   + (" <span class=\"muted\">(after approved changes)</span>" if fee_change else ""))]
    if discount:
        money_rows.append(("优惠 Discount", escape(money(-discount, cur))))
    total = escape(money(o.total_minor + fee_change, cur))
    money_rows.append(("合计 Total", f"<span class=\"total\">{total}</span>"))
    if contact.fulfilment == "delivery":
        where = [("方式 Fulfilment", "配送 delivery"), ("收件人 Name", escape(contact.name)),
                 ("电话 Phone", escape(contact.phone)), ("地址 Address", escape(contact.address))]
    else:
        where = [("方式 Fulfilment", "自提 pickup"), ("自提点 Pickup point", escape(pickup)),
                 ("联系人 Name", escape(contact.name) or "<span class=\"muted\">—</span>"),
                 ("电话 Phone", escape(contact.phone) or "<span class=\"muted\">—</span>")]
    where.append(("运单号 Tracking", escape(o.tracking_no) or "<span class=\"muted\">—</span>"))
    steps = [[escape(local(request, parse_iso(e["at"]))), escape(e["status"]), escape(e["detail"])]
             for e in timeline]
    req_rows = [[escape(local(request, r.created_at)), _kind(r), _reason(r), _asked(r, o), _fee(r, o),
                 escape(r.status), escape(r.note)] for r in reqs]
    page = f"/admin/orders/{quote(o.order_uuid, safe='')}"
    form = _status_form(o, staff, back=page)
    body = (
        f"<p class=\"order-no\"><span class=\"status\">{escape(o.status)}</span> · "
        f"{'配送 delivery' if o.fulfilment == 'delivery' else '自提 pickup'}</p>"
        f"<p class=\"muted\">{escape(o.order_uuid)} · <span title=\"{escape(o.device_id)}\">"
        f"{escape(kiosk_name)}</span> #{o.device_seq} · {escape(local(request, o.received_at))} "
        f"({escape(_zone_label(request))})</p>"
        f"<p><a id=\"slip\" href=\"{escape(page)}/slip\">装箱单 Packing slip</a> · "
        "<a href=\"/admin\">← 订单 Orders</a></p>"
        + (f"<section><h2>下一步 Next step</h2>{form}</section>" if form else "")
        + "<section><h2>商品 Lines</h2><div class=\"scroll\">"
        + table(["商品 Item", "数量 Qty", "单价 Unit", "金额 Line"], line_rows).replace(
            "<table>", "<table class=\"lines\">", 1)
        + "</div>" + f"<div class=\"money\">{_facts(money_rows)}</div></section>"
        + f"<section><h2>交付 Fulfilment</h2>{_facts(where)}</section>"
        + "<section><h2>进度 Timeline</h2><div class=\"scroll\">"
        + table([f"When ({_zone_label(request)})", "Status", "Detail"], steps) + "</div></section>"
        + "<section><h2>申请 Requests</h2><div class=\"scroll\">"
        + (table(["Requested", "Kind", "Reason", "Asked", "Fee", "Status", "Note"], req_rows) if req_rows
           else "<p class=\"muted\">—</p>") + "</div></section>")
    return _page(request, staff, f"订单 Order {o.order_no}", body, msg, style=ORDER_STYLE)


@router.get("/orders/{order_uuid}/slip", response_class=HTMLResponse)
def packing_slip(request: Request, db: DB, order_uuid: Annotated[str, Path(max_length=36)]) -> Response:
    """The order on paper, for packing: its number large, every line with a box to tick, and where it
    goes (the delivery name, phone and address in clear, or the pickup point). No navigation."""
    staff = page_staff(request, merchant=True)
    if not isinstance(staff, Staff):
        return staff
    with db.read() as session:
        o = fulfilment.find_order(session, order_uuid)
        missing = _order_or_404(request, staff, o is not None)
        if missing is not None or o is None:
            return missing or Response(status_code=404)
        contact = fulfilment.standing(session, o).contact
        pickup = _pickup_point(session, o)
        session.expunge_all()
    write_audit(db, staff.name, "order_slip_viewed", f"order {o.order_uuid}", "")
    rows = "".join(
        "<tr><td class=\"check\"><span class=\"box\"></span></td>"
        f"<td class=\"qty\">{_int(line.get('quantity'))}</td><td>{escape(_line_name(line))}"
        f"<br><span class=\"muted\">{escape(_text(line.get('sku')))}</span>"
        "</td></tr>" for line in _lines(o))
    count = sum(_int(line.get("quantity")) for line in _lines(o))
    if contact.fulfilment == "delivery":
        ship = (f"<div class=\"ship\" id=\"ship\">配送 Delivery<br><b>{escape(contact.name)}</b> "
                f"{escape(contact.phone)}<br>{escape(contact.address)}</div>")
    else:
        ship = (f"<div class=\"ship\" id=\"ship\">自提 Pickup: <b>{escape(pickup)}</b>"
                + (f"<br>{escape(contact.name)} {escape(contact.phone)}"
                   if contact.name or contact.phone else "")
                + "</div>")
    body = (f"<p class=\"order-no\">{escape(o.order_no)}</p>"
            f"<p class=\"muted\">{escape(local(request, o.received_at))} · {count} 件 items</p>{ship}"
            "<table><thead><tr><th></th><th>数量 Qty</th><th>商品 Item</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            "<button class=\"print\" onclick=\"window.print()\">打印 Print</button>")
    response = HTMLResponse(document(f"装箱单 {o.order_no}", body, style=SLIP_STYLE,
                                     head="<meta name=\"referrer\" content=\"no-referrer\">"))
    response.headers["Cache-Control"] = "no-store"
    return response
