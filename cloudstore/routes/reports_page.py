"""The merchant's reports: the fleet's sales, shoppers and funnel over today / 7 / 30 store days, for every
kiosk or one, as a page with server-drawn charts and as a CSV download (`cloudstore.analytics`)."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from cloudstore import admin, analytics, charts
from cloudstore.accounts import Staff
from cloudstore.html import money, table
from cloudstore.routes.admin_pages import _page
from cloudstore.routes.deps import DB, get_settings
from cloudstore.routes.staff import current_staff, page_staff
from kiosk.sync.protocol import FUNNEL_STEPS

router = APIRouter(prefix="/admin", include_in_schema=False)

PERIOD_LABELS = {"today": "今天 Today", "7": "7 天 7 days", "30": "30 天 30 days"}
STEP_LABELS = {
    "session": "会话 Sessions", "product_viewed": "浏览商品 Viewed a product",
    "added_to_cart": "加入购物车 Added to cart", "qr_shown": "出示付款码 Payment QR shown",
    "paid": "已付款 Paid", "receipt_printed": "打印小票 Receipt printed",
}
REPORT_STYLE = """
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.6rem;margin:.6rem 0 1rem}
.card{background:#fff;border:1px solid #e1e5ea;border-radius:.4rem;padding:.6rem .8rem}.card b{display:block;
font-size:1.35rem;margin-top:.15rem}.card span{color:#6b7785;font-size:.85rem}section.report{background:#fff;
border:1px solid #e1e5ea;border-radius:.4rem;padding:.6rem .8rem;margin:0 0 1rem}section.report h2{
font-size:1.05rem;margin:.2rem 0 .5rem}.chart{display:block;max-width:56rem}.grid2{display:grid;gap:1rem;
grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));align-items:start}
.scroll{overflow-x:auto}ul.bars{list-style:none;margin:0;padding:0}ul.bars li{margin:0 0 .45rem}
ul.bars .label{display:block;font-size:.9rem;overflow-wrap:anywhere}ul.bars .bar{display:flex;
align-items:center;gap:.5rem}ul.bars svg{flex:1 1 auto;min-width:0}ul.bars .value{flex:none;color:#6b7785;
font-size:.85rem;min-width:4.5rem}
"""


def _choice(period: str) -> str:
    return period if period in analytics.PERIODS else "7"


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, db: DB, period: str = "7", device_id: str = "") -> Response:
    staff = page_staff(request)
    if not isinstance(staff, Staff):
        return staff
    settings = get_settings(request)
    choice = _choice(period)
    span = analytics.period_ending_today(choice, settings.timezone)
    with db.read() as session:
        kiosks = admin.devices(session)
        known = {d.id for d in kiosks}
        device = device_id if device_id in known else ""
        rep = analytics.report(session, span, device)

    def cash(minor: int) -> str:
        return money(minor, rep.currency)

    period_opts = "".join(
        f'<option value="{escape(k)}"{" selected" if k == choice else ""}>{escape(v)}</option>'
        for k, v in PERIOD_LABELS.items())
    kiosk_opts = '<option value="">全部设备 All kiosks</option>' + "".join(
        f'<option value="{escape(d.id)}"{" selected" if d.id == device else ""}>{escape(d.name)} '
        f'({escape(d.id)})</option>' for d in kiosks)
    query = urlencode({"period": choice, **({"device_id": device} if device else {})})
    controls = (
        '<form class="filters" id="report-filter" method="get" action="/admin/reports">'
        f'<select name="period" id="period">{period_opts}</select>'
        f'<select name="device_id" id="kiosk">{kiosk_opts}</select><button>Show</button>'
        f'<a id="csv" href="/admin/reports.csv?{escape(query)}" download>下载 CSV download</a></form>'
        f'<p class="muted">{escape(span.start.isoformat())} – {escape(span.days[-1].isoformat())} '
        f'({escape(span.timezone)}), paid orders only; returned or refunded orders and orders the store '
        'holds no matching payment for are left out.</p>')
    share = f"{rep.repeat_share * 100:.0f}%"
    cards = [
        ("orders", "订单 Orders", str(rep.order_count)),
        ("revenue", "销售额 Revenue", cash(rep.revenue_minor)),
        ("aov", "客单价 Average order", cash(rep.average_order_minor)),
        ("repeat", "回头客 Repeat shoppers", f"{rep.repeat_shoppers} / {rep.shoppers} ({share})"),
    ]
    if rep.unconfirmed_orders:
        cards.append(("unconfirmed", "未确认付款 Unconfirmed payment",
                      f"{rep.unconfirmed_orders} · {cash(rep.unconfirmed_minor)}"))
    if rep.returned_orders:
        cards.append(("returned", "已退货 Returned / refunded", str(rep.returned_orders)))
    summary = '<div class="cards">' + "".join(
        f'<div class="card" id="card-{key}"><span>{escape(label)}</span><b>{escape(value)}</b></div>'
        for key, label, value in cards) + "</div>"

    hours = charts.columns("Revenue by hour of day", [f"{h:02d}" for h in range(24)], rep.revenue_by_hour,
                           cash, label_every=3, chart_id="chart-hour")
    day_labels = [d.day.strftime("%m-%d") for d in rep.by_day]
    days = charts.columns("Revenue by day", day_labels, [d.revenue_minor for d in rep.by_day], cash,
                          label_every=max(1, len(day_labels) // 7), chart_id="chart-day")
    categories = charts.bars("Revenue by category", [
        (f"{c.name_zh} {c.name_en}".strip(), c.revenue_minor) for c in rep.by_category], cash,
        chart_id="chart-category")
    base = rep.funnel[FUNNEL_STEPS[0]]
    funnel_rows = [(f"{STEP_LABELS[s]} · {rep.funnel[s] * 100 / base:.0f}%" if base else STEP_LABELS[s],
                    rep.funnel[s]) for s in FUNNEL_STEPS]
    funnel = charts.bars("Shopping funnel", funnel_rows, chart_id="chart-funnel")
    products = table(["#", "商品 Product", "数量 Qty", "销售额 Revenue"], [
        [str(i), f"{escape(p.name_zh)}<br><span class=\"muted\">{escape(p.name_en)} · {escape(p.sku)}</span>",
         str(p.quantity), escape(cash(p.revenue_minor))] for i, p in enumerate(rep.top_products, 1)])
    empty = '<p class="muted">No sales in this period.</p>' if not rep.order_count else ""
    body = (
        f"<style>{REPORT_STYLE}</style>{controls}{summary}{empty}"
        '<div class="grid2">'
        f'<section class="report"><h2>按小时 By hour of day</h2>{hours}</section>'
        f'<section class="report"><h2>按天 By day</h2>{days}</section>'
        f'<section class="report"><h2>按类别 By category (goods)</h2>{categories}</section>'
        f'<section class="report"><h2>转化漏斗 Funnel (sessions)</h2>{funnel}</section></div>'
        f'<section class="report"><h2>热销商品 Top products</h2><div class="scroll" id="top-products">'
        f"{products}</div></section>")
    return _page(request, staff, "报表 Reports", body)


@router.get("/reports.csv")
def reports_csv(request: Request, db: DB, period: str = "7", device_id: str = "") -> Response:
    if current_staff(request) is None:
        return Response("admin sign-in required", status_code=401)
    settings = get_settings(request)
    span = analytics.period_ending_today(_choice(period), settings.timezone)
    with db.read() as session:
        device = device_id if device_id in {d.id for d in admin.devices(session)} else ""
        rep = analytics.report(session, span, device)
    name = f"report-{span.start.isoformat()}-{span.days[-1].isoformat()}{'-' + device if device else ''}.csv"
    return Response(analytics.report_csv(rep), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
