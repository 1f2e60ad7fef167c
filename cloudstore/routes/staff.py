"""Staff sign-in for the admin pages and the admin JSON API: the login form, one-time codes, logout,
the session cookie, CSRF checks and roles (`cloudstore.accounts` keeps the state, in the database).

The session cookie is HttpOnly and SameSite=Strict. It is marked Secure when the request came over
https (Uvicorn's view: its own TLS, or X-Forwarded-Proto from a proxy it trusts, see
`--forwarded-allow-ips`), or always with `Settings.secure_cookies`: a Secure cookie is never sent back
over plain http, and the demo and the tests serve plain http on 127.0.0.1, where the cookie never
leaves the machine.

Every state-changing request carries the session's CSRF token: the forms in a hidden field, the JSON
API in the `X-CSRF-Token` header. The login forms, before there is a session, use a double-submit
token: a random value in a short-lived cookie and the same in the form.

No secret ever travels in a URL: passwords and codes are posted, the session token is a cookie.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import secrets
from html import escape
from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from cloudstore import accounts
from cloudstore.accounts import Staff
from cloudstore.db import StoreDB
from cloudstore.html import document, parse_form
from cloudstore.models import StaffUser, utcnow
from cloudstore.routes.deps import get_db, get_settings
from cloudstore.routes.order_page import language
from cloudstore.settings import Settings

log = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", include_in_schema=False)

SESSION_COOKIE = "cloudstore_session"
LOGIN_COOKIE = "cloudstore_login"  # the login forms' double-submit CSRF value
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

Lang = Literal["zh", "en"]

_TEXT: dict[Lang, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN", "other": "English", "other_code": "en", "title": "管理后台登录",
        "name": "用户名", "password": "密码", "sign_in": "登录", "code_title": "使用一次性登录码",
        "code": "登录码", "use_code": "用登录码登录", "with_password": "用密码登录",
        "wrong": "用户名或密码不正确。", "wrong_code": "登录码无效、已用过或已过期。",
        "throttled": "失败次数过多，请 {minutes} 分钟后再试。",
        "stale": "表单已过期，请重新打开登录页再试。", "signed_out": "已退出登录。",
        "expired": "登录已过期，请重新登录。",
        "forbidden_title": "无权访问", "forbidden": "您的账户（技术员）不能查看此页面或执行此操作。",
        "back": "返回设备页面", "csrf_title": "请求被拒绝",
        "csrf": "此操作缺少有效的安全令牌。请返回、刷新页面后再试。",
    },
    "en": {
        "html_lang": "en", "other": "中文", "other_code": "zh", "title": "Admin sign-in",
        "name": "User name", "password": "Password", "sign_in": "Sign in",
        "code_title": "Sign in with a code",
        "code": "One-time code", "use_code": "Sign in with a one-time code", "with_password":
        "Sign in with a password", "wrong": "Wrong user name or password.",
        "wrong_code": "That code is wrong, already used or expired.",
        "throttled": "Too many failed sign-ins. Try again in {minutes} min.",
        "stale": "The form had expired. Open the sign-in page again and retry.",
        "signed_out": "You have signed out.",
        "expired": "Your session has ended. Please sign in again.",
        "forbidden_title": "Not allowed",
        "forbidden": "Your account (technician) may not see this page or do this.",
        "back": "Back to the fleet", "csrf_title": "Request refused",
        "csrf": "This action had no valid security token. Go back, reload the page and try again.",
    },
}

LOGIN_STYLE = """
.login{max-width:24rem;margin:2rem auto;background:#fff;border:1px solid #e1e5ea;border-radius:.5rem;
padding:1.2rem 1.2rem 1.4rem}.login h1{font-size:1.3rem;margin:.2rem 0 1rem}.login label{display:block;
margin:.7rem 0 .2rem;color:#55606e}.login input{width:100%;font-size:1.1rem;padding:.55rem .6rem;
border:1px solid #c5ccd4;border-radius:.35rem}.login button{width:100%;font-size:1.1rem;padding:.7rem;
margin-top:1.1rem;border:0;border-radius:.35rem;background:#1d2733;color:#fff}.login .alt{margin-top:1rem;
font-size:.95rem}.login a{color:#1677ff}.lang{float:right;font-size:.9rem}.login .warn{margin:.2rem 0 .6rem}
"""


def _lang(request: Request, query: str | None = None) -> Lang:
    return language(query or request.query_params.get("lang"), request.headers.get("accept-language"))


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _secure(request: Request) -> bool:
    forced = get_settings(request).secure_cookies
    return forced if forced is not None else request.url.scheme == "https"


def _ttl(settings: Settings) -> tuple[dt.timedelta, dt.timedelta]:
    return dt.timedelta(seconds=settings.session_idle_s), dt.timedelta(seconds=settings.session_lifetime_s)


# -- who is signed in ------------------------------------------------------------------------------

def current_staff(request: Request) -> Staff | None:
    """The signed-in user of the request, or None (no cookie, unknown, idle or too old session).
    Blocking (a database write): call from a worker thread in async routes."""
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token:
        return None
    idle, lifetime, now, db = *_ttl(get_settings(request)), utcnow(), get_db(request)
    with db.read() as session:  # a read first: most requests have nothing to write
        staff, write_due = accounts.peek_session(session, token, now, idle, lifetime)
    if not write_due:
        return staff
    with db.write() as session:
        return accounts.session_staff(session, token, now, idle, lifetime)


def csrf_ok(staff: Staff, presented: str | None) -> bool:
    return bool(presented) and hmac.compare_digest(str(presented).encode(), staff.csrf_token.encode())


def plain_page(request: Request, title_key: str, text_key: str, status: int, link: str = "") -> HTMLResponse:
    t = _TEXT[_lang(request)]
    back = f"<p><a href=\"{escape(link)}\">{escape(t['back'])}</a></p>" if link else ""
    body = (f"<main class=\"login\" id=\"refused\"><h1>{escape(t[title_key])}</h1>"
            f"<p class=\"warn\" id=\"message\">{escape(t[text_key])}</p>{back}</main>")
    return HTMLResponse(document(t[title_key], body, style=_style(), lang=t["html_lang"]), status_code=status)


def forbidden(request: Request) -> HTMLResponse:
    """A technician on a merchant page or action."""
    return plain_page(request, "forbidden_title", "forbidden", 403, "/admin/fleet")


def csrf_refused(request: Request) -> HTMLResponse:
    return plain_page(request, "csrf_title", "csrf", 403)


def page_staff(request: Request, *, merchant: bool = False) -> Staff | Response:
    """For a page (GET): the user, or the response to send instead (the login form, 403)."""
    staff = current_staff(request)
    if staff is None:
        return login_form(request, status=401)
    if merchant and not staff.merchant:
        return forbidden(request)
    return staff


async def form_staff(request: Request, *, merchant: bool = False) -> tuple[Staff | Response, dict[str, str]]:
    """For a form POST: the user and the form, or the response to send instead (401 without a session,
    403 without the session's CSRF token in the form or for a technician on a merchant action)."""
    form = parse_form(await request.body())
    staff = await run_in_threadpool(current_staff, request)
    if staff is None:
        return Response("admin sign-in required", status_code=401), form
    if not csrf_ok(staff, form.get(CSRF_FIELD)):
        log.warning("admin form %s refused: no valid CSRF token", request.url.path)
        return csrf_refused(request), form
    if merchant and not staff.merchant:
        return forbidden(request), form
    return staff, form


def csrf_field(staff: Staff) -> str:
    return f"<input type=\"hidden\" name=\"{CSRF_FIELD}\" value=\"{escape(staff.csrf_token)}\">"


def _api_staff(request: Request, merchant: bool) -> Staff:
    staff = current_staff(request)
    if staff is None:
        raise HTTPException(401, detail="sign in at /admin/login first")
    if request.method not in _SAFE_METHODS and not csrf_ok(staff, request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, detail=f"the {CSRF_HEADER} header is missing or wrong")
    if merchant and not staff.merchant:
        raise HTTPException(403, detail="merchants only")
    return staff


async def api_staff(request: Request) -> Staff:
    """FastAPI dependency of the JSON admin API: a session cookie, and on writes the CSRF header."""
    return await run_in_threadpool(_api_staff, request, False)


async def api_merchant(request: Request) -> Staff:
    return await run_in_threadpool(_api_staff, request, True)


def write_audit(db: StoreDB, user_name: str, action: str, target: str, result: str) -> None:
    with db.write() as session:
        accounts.audit(session, user_name, action, target, result, utcnow())


# -- the login pages -------------------------------------------------------------------------------

def _style() -> str:
    from cloudstore.html import STYLE

    return STYLE + LOGIN_STYLE


def login_form(request: Request, *, status: int = 200, message: str = "", name: str = "",
               code: bool = False, lang: Lang | None = None) -> HTMLResponse:
    """The sign-in form (by password, or by one-time code), with a fresh double-submit CSRF value."""
    lang = lang or _lang(request)
    t = _TEXT[lang]
    token = secrets.token_urlsafe(24)
    action = "/admin/login/code" if code else "/admin/login"
    other_lang = (f"<a class=\"lang\" id=\"lang\" href=\"{action}?lang={t['other_code']}\">"
                  f"{escape(t['other'])}</a>")
    note = f"<p class=\"warn\" id=\"message\" role=\"alert\">{escape(message)}</p>" if message else ""
    hidden = (f"<input type=\"hidden\" name=\"{CSRF_FIELD}\" value=\"{escape(token)}\">"
              f"<input type=\"hidden\" name=\"lang\" value=\"{lang}\">")
    if code:
        fields = (f"<label for=\"code\">{escape(t['code'])}</label><input id=\"code\" name=\"code\" "
                  "inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"20\" required autofocus>")
        alt = (f"<p class=\"alt\"><a id=\"with-password\" href=\"/admin/login?lang={lang}\">"
               f"{escape(t['with_password'])}</a></p>")
        title = t["code_title"]
    else:
        fields = (f"<label for=\"name\">{escape(t['name'])}</label><input id=\"name\" name=\"name\" "
                  f"autocomplete=\"username\" maxlength=\"64\" required value=\"{escape(name)}\""
                  f"{'' if name else ' autofocus'}>"
                  f"<label for=\"password\">{escape(t['password'])}</label><input id=\"password\" "
                  "name=\"password\" type=\"password\" autocomplete=\"current-password\" maxlength=\"1024\" "
                  f"required{' autofocus' if name else ''}>")
        alt = (f"<p class=\"alt\"><a id=\"with-code\" href=\"/admin/login/code?lang={lang}\">"
               f"{escape(t['use_code'])}</a></p>")
        title = t["title"]
    merchant = escape(get_settings(request).merchant_name)
    body = (f"<header><strong>{merchant}</strong></header><main class=\"login\">{other_lang}"
            f"<h1>{escape(title)}</h1>{note}<form method=\"post\" action=\"{action}\" id=\"login\">{hidden}"
            f"{fields}<button id=\"sign-in\">{escape(t['sign_in'])}</button></form>{alt}</main>")
    response = HTMLResponse(document(title, body, style=_style(), lang=t["html_lang"],
                                     head='<meta name="referrer" content="no-referrer">'), status_code=status)
    response.headers["Cache-Control"] = "no-store"
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, path="/admin/login", httponly=True,
                        samesite="strict", secure=_secure(request))
    return response


def _login_csrf_ok(request: Request, form: dict[str, str]) -> bool:
    cookie, field = request.cookies.get(LOGIN_COOKIE, ""), form.get(CSRF_FIELD, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), field.encode())


def _signed_in(request: Request, token: str, user: StaffUser) -> Response:
    target = "/admin" if user.role == accounts.MERCHANT else "/admin/fleet"
    response = RedirectResponse(target, status_code=303)
    settings = get_settings(request)
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_lifetime_s, path="/admin",
                        httponly=True, samesite="strict", secure=_secure(request))
    response.delete_cookie(LOGIN_COOKIE, path="/admin/login")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return login_form(request)


@router.get("/login/code", response_class=HTMLResponse)
def code_page(request: Request) -> HTMLResponse:
    return login_form(request, code=True)


def _throttled(session: Session, settings: Settings, scopes: list[tuple[str, int]],
               now: dt.datetime) -> bool:
    since = now - dt.timedelta(seconds=settings.login_window_s)
    return any(accounts.failures(session, scope, since) >= limit for scope, limit in scopes)


@router.post("/login")
async def login(request: Request) -> Response:
    form = parse_form(await request.body())
    lang = language(form.get("lang"), request.headers.get("accept-language"))
    t = _TEXT[lang]
    name = form.get("name", "").strip()[:64]
    if not _login_csrf_ok(request, form):
        return login_form(request, status=403, message=t["stale"], name=name, lang=lang)
    settings, db, address = get_settings(request), get_db(request), _client(request)
    scopes = [(accounts.user_scope(name), settings.login_tries_user),
              (accounts.address_scope(address), settings.login_tries_address)]

    def work() -> tuple[str, str]:
        """("ok", token) | ("throttled", "") | ("wrong", "")"""
        now = utcnow()
        with db.read() as session:
            if _throttled(session, settings, scopes, now):
                outcome = "throttled"
            else:
                user = accounts.check_password(session, name, form.get("password", ""))
                outcome = "ok" if user is not None else "wrong"
        with db.write() as session:
            if outcome == "ok":
                user = accounts.find_user(session, name)
                if user is None:  # removed in between
                    outcome = "wrong"
                else:
                    accounts.clear_failures(session, accounts.user_scope(name))
                    token = accounts.new_session(session, user, now)
                    idle, lifetime = _ttl(settings)
                    accounts.prune_sessions(session, now, idle, lifetime)
                    accounts.audit(session, name, "login", f"role {user.role}", "ok", now)
                    return "ok", token
            if outcome == "wrong":
                accounts.record_failure(session, [scope for scope, _ in scopes], now,
                                        dt.timedelta(seconds=settings.login_window_s))
            accounts.audit(session, name or "?", "login_failed", f"from {address}",
                           "throttled" if outcome == "throttled" else "wrong name or password", now)
        return outcome, ""

    outcome, token = await run_in_threadpool(work)
    if outcome == "ok":
        with db.read() as session:
            user = accounts.find_user(session, name)
        if user is not None:
            log.info("admin sign-in: %s", name)
            return _signed_in(request, token, user)
    if outcome == "throttled":
        log.warning("admin sign-in throttled for %s from %s", name, address)
        minutes = max(1, settings.login_window_s // 60)
        return login_form(request, status=429, message=t["throttled"].format(minutes=minutes), name=name,
                          lang=lang)
    log.info("admin sign-in failed for %s from %s", name, address)
    return login_form(request, status=401, message=t["wrong"], name=name, lang=lang)


@router.post("/login/code")
async def login_with_code(request: Request) -> Response:
    form = parse_form(await request.body())
    lang = language(form.get("lang"), request.headers.get("accept-language"))
    t = _TEXT[lang]
    if not _login_csrf_ok(request, form):
        return login_form(request, status=403, message=t["stale"], code=True, lang=lang)
    settings, db, address = get_settings(request), get_db(request), _client(request)
    scope = accounts.address_scope(address)

    def work() -> tuple[str, StaffUser | None, str]:
        now = utcnow()
        with db.write() as session:
            if _throttled(session, settings, [(scope, settings.login_tries_address)], now):
                accounts.audit(session, "?", "login_failed", f"code from {address}", "throttled", now)
                return "throttled", None, ""
            user = accounts.use_login_code(session, form.get("code", ""), now)
            if user is None:
                window = dt.timedelta(seconds=settings.login_window_s)
                accounts.record_failure(session, [scope], now, window)
                accounts.audit(session, "?", "login_failed", f"code from {address}", "wrong or used code",
                               now)
                return "wrong", None, ""
            token = accounts.new_session(session, user, now)
            accounts.audit(session, user.name, "login", f"one-time code, role {user.role}", "ok", now)
            session.expunge(user)
            return "ok", user, token

    outcome, user, token = await run_in_threadpool(work)
    if outcome == "ok" and user is not None:
        log.info("admin sign-in with a one-time code: %s", user.name)
        return _signed_in(request, token, user)
    if outcome == "throttled":
        minutes = max(1, settings.login_window_s // 60)
        return login_form(request, status=429, message=t["throttled"].format(minutes=minutes), code=True,
                          lang=lang)
    log.info("admin one-time code refused from %s", address)
    return login_form(request, status=401, message=t["wrong_code"], code=True, lang=lang)


@router.post("/logout")
async def logout(request: Request) -> Response:
    staff, _form = await form_staff(request)
    if not isinstance(staff, Staff):
        return staff
    db = get_db(request)

    def work() -> None:
        with db.write() as session:
            accounts.end_session(session, staff.token_hash)
            accounts.audit(session, staff.name, "logout", "", "ok", utcnow())

    await run_in_threadpool(work)
    t = _TEXT[_lang(request)]
    response = login_form(request, message=t["signed_out"])
    response.delete_cookie(SESSION_COOKIE, path="/admin")
    return response
