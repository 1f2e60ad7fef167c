"""The phone-facing sandbox pay page the QR's code_url opens (no signature: the token is the secret)."""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from cloudstore import payments
from cloudstore.html import PHONE_STYLE, document, money
from cloudstore.models import SandboxPayment, utcnow
from cloudstore.routes.deps import DB, get_settings

router = APIRouter(include_in_schema=False)

Token = Annotated[str, Path(min_length=8, max_length=64)]

_METHODS = {"wechat": "微信支付 WeChat Pay", "alipay": "支付宝 Alipay"}
_STATES = {
    "paid": ("✅ 支付成功 Payment successful", "ok"),
    "declined": ("❌ 已拒绝 Payment declined", "flag"),
    "closed": ("订单已关闭 This payment was closed", "muted"),
    "expired": ("⏱ 二维码已过期 This QR code has expired", "muted"),
    "pending": ("⏳ 处理中 Processing…", "muted"),
}


def render(p: SandboxPayment, merchant: str) -> str:
    state = payments.phone_state(p, utcnow())
    seconds_left = max(0, int((p.expires_at - utcnow()).total_seconds()))
    if state is None:
        action = (
            f"<p class=\"meta\">剩余 <span id=\"left\">{seconds_left}</span> 秒 · seconds left</p>"
            f"<form method=\"post\" action=\"/pay/{escape(p.token)}/pay\">"
            f"<button class=\"pay {escape(p.method)}\" name=\"action\" value=\"pay\" id=\"pay\">"
            "确认支付 Pay</button></form>"
            f"<form method=\"post\" action=\"/pay/{escape(p.token)}/decline\">"
            "<button class=\"decline\" name=\"action\" value=\"decline\" id=\"decline\">"
            "拒绝 Decline</button></form>"
            "<script>let n=" + str(seconds_left) + ";setInterval(()=>{if(n>0){n--;"
            "document.getElementById('left').textContent=n}},1000)</script>"
        )
    else:
        text, css = _STATES[state]
        action = f"<p class=\"state {css}\" id=\"state\" data-state=\"{state}\">{escape(text)}</p>"
    body = (
        "<div class=\"card\">"
        f"<div class=\"merchant\" id=\"merchant\">{escape(merchant)}</div>"
        f"<div class=\"amount\" id=\"amount\">{escape(money(p.amount_minor, p.currency))}</div>"
        f"<div class=\"meta\">{escape(_METHODS.get(p.method, p.method))}<br>"
        f"{escape(p.description or '订单 Order')} · {escape(p.out_trade_no)}<br>"
        "沙箱环境 · Sandbox: no real money moves</div>"
        f"{action}</div>"
    )
    return document(f"{merchant} · {money(p.amount_minor, p.currency)}", body, style=PHONE_STYLE)


@router.get("/pay/{token}", response_class=HTMLResponse)
def pay_page(token: Token, db: DB, request: Request) -> HTMLResponse:
    with db.write() as session:  # a delayed outcome may settle on read
        p = payments.by_token(session, token, utcnow())
        if p is None:
            raise HTTPException(404, detail="no such payment")
        return HTMLResponse(render(p, get_settings(request).merchant_name))


def _act(token: str, action: str, db: DB) -> RedirectResponse:
    with db.write() as session:
        p = payments.by_token(session, token, utcnow())
        if p is None:
            raise HTTPException(404, detail="no such payment")
        payments.phone_action(session, p, action, utcnow())
    # post/redirect/get: a reload shows the state instead of paying again
    return RedirectResponse(f"/pay/{token}", status_code=303)


@router.post("/pay/{token}/pay")
def pay(token: Token, db: DB) -> RedirectResponse:
    return _act(token, "pay", db)


@router.post("/pay/{token}/decline")
def decline(token: Token, db: DB) -> RedirectResponse:
    return _act(token, "decline", db)
