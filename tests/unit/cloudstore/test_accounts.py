"""Staff accounts of the admin side, through the real store under Uvicorn: the CLI that adds them, the
login form, sessions in the database, CSRF on every write, roles, the throttle, one-time codes, the
audit log, and no secret in any URL."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select, update

from cloudstore import accounts
from cloudstore.app import create_app
from cloudstore.db import StoreDB
from cloudstore.migrate import upgrade
from cloudstore.models import AuditEntry, LoginCode, LoginFailure, StaffSession, StaffUser, StoreOrder, utcnow
from cloudstore.routes.staff import SESSION_COOKIE
from cloudstore.settings import Settings
from tests.unit.cloudstore.harness import (
    AdminClient,
    LiveStore,
    batch_item,
    ensure_user,
    form_csrf,
    login,
    order_payload,
    pay_on_phone,
    running_store,
)

TECH, TECH_PASSWORD = "tess", "technician-password"


@pytest.fixture
def store(store_url: str) -> Iterator[LiveStore]:
    """SQLite, and PostgreSQL when CLOUDSTORE_TEST_PG_URL is set."""
    with running_store(store_url, login_tries_user=3, login_tries_address=6) as live:
        yield live


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cloudstore", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, check=False)


def _order(store: LiveStore) -> str:
    kiosk = store.kiosk("lobby")
    payload = order_payload()  # a pickup
    pay_on_phone(kiosk, payload)
    response = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(1, payload)]})
    assert response.json()["results"][0]["status"] == "created"
    return str(payload["order_uuid"])


def _status(store: LiveStore, order_uuid: str) -> str:
    with store.db.read() as session:
        order = session.execute(select(StoreOrder).where(StoreOrder.order_uuid == order_uuid)).scalar_one()
        return order.status


def _audit(store: LiveStore) -> list[tuple[str, str, str]]:
    with store.db.read() as session:
        return [(e.user_name, e.action, e.result)
                for e in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


def _sessions(store: LiveStore) -> int:
    with store.db.read() as session:
        return len(session.execute(select(StaffSession)).all())


def _technician(store: LiveStore) -> AdminClient:
    return store.staff(TECH, TECH_PASSWORD, accounts.TECHNICIAN)


def test_users_come_from_the_command_line_with_argon2id_hashes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    added = _cli("add-user", "alice", "--role", "merchant", "--db", url, stdin="alice-password-1\n")
    assert added.returncode == 0, added.stderr
    assert "alice-password-1" not in added.stdout + added.stderr
    again = _cli("add-user", "alice", "--role", "merchant", "--db", url, stdin="another-password\n")
    assert again.returncode == 1 and "already" in again.stderr
    short = _cli("add-user", "bob", "--role", "technician", "--db", url, stdin="short\n")
    assert short.returncode == 1 and "at least 10" in short.stderr
    # a password is never an argument (it would show in ps and the shell's history)
    as_argument = _cli("add-user", "bob", "--role", "technician", "--password", "x" * 12, "--db", url)
    assert as_argument.returncode == 2
    db = StoreDB(url)
    try:
        with db.read() as session:
            [user] = session.execute(select(StaffUser)).scalars()
            assert (user.name, user.role) == ("alice", "merchant")
            assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
        with running_store(url) as store:
            signed = login(store.plain(), "alice", "alice-password-1")
            assert signed.status_code == 303 and signed.headers["location"] == "/admin"
            cookie = signed.headers["set-cookie"]
            assert f"{SESSION_COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
            assert "Secure" not in cookie  # plain http on 127.0.0.1 (the demo, the tests)
            browser = store.plain(cookies=signed.cookies)
            assert browser.get("/admin").status_code == 200
            # a new password from a file: the old one no longer works, and the sessions of the old one end
            password_file = tmp_path / "pw"
            password_file.write_text("alice-password-2\n", encoding="utf-8")
            changed = _cli("set-password", "alice", "--password-file", str(password_file), "--db", url)
            assert changed.returncode == 0, changed.stderr
            assert browser.get("/admin").status_code == 401
            assert login(store.plain(), "alice", "alice-password-1").status_code == 401
            again = login(store.plain(), "alice", "alice-password-2")
            assert again.status_code == 303
            assert _cli("remove-user", "alice", "--db", url).returncode == 0
            assert store.plain(cookies=again.cookies).get("/admin").status_code == 401
            assert login(store.plain(), "alice", "alice-password-2").status_code == 401
            assert _cli("remove-user", "alice", "--db", url).returncode == 1
    finally:
        db.close()


def test_wrong_password_and_unknown_user_get_the_form_again(store: LiveStore) -> None:
    ensure_user(store.db)
    for name, password in (("merchant", "not-the-password"), ("nobody", "merchant-test-password")):
        client = store.plain()
        refused = login(client, name, password)
        assert refused.status_code == 401
        assert 'id="message"' in refused.text and 'name="password"' in refused.text
        assert SESSION_COOKIE not in client.cookies
        assert client.get("/admin").status_code == 401
    assert _sessions(store) == 0
    assert [a[1:] for a in _audit(store)] == [("login_failed", "wrong name or password")] * 2


def test_the_login_form_needs_its_csrf_value(store: LiveStore) -> None:
    ensure_user(store.db)
    client = store.plain()
    client.get("/admin/login")
    data = {"name": "merchant", "password": "merchant-test-password"}
    assert client.post("/admin/login", data=data).status_code == 403
    assert client.post("/admin/login", data={**data, "csrf_token": "forged"}).status_code == 403
    stranger = store.plain()  # a field from another browser's form, without its cookie
    field = form_csrf(client.get("/admin/login").text)
    assert stranger.post("/admin/login", data={**data, "csrf_token": field}).status_code == 403
    assert _sessions(store) == 0


def test_writes_without_the_csrf_token_are_refused_and_change_nothing(store: LiveStore) -> None:
    order_uuid = _order(store)
    merchant = store.admin()
    raw = store.plain(cookies=merchant.cookies)  # the same session, without the token
    for form in ({"status": "READY_FOR_PICKUP"}, {"status": "READY_FOR_PICKUP", "csrf_token": "wrong"}):
        refused = raw.post(f"/admin/orders/{order_uuid}/status", data=form)
        assert refused.status_code == 403 and 'id="refused"' in refused.text
    api = f"/admin/api/orders/{order_uuid}/status"
    assert raw.post(api, json={"status": "READY_FOR_PICKUP"}).status_code == 403
    assert raw.post(api, json={"status": "READY_FOR_PICKUP"},
                    headers={"X-CSRF-Token": "wrong"}).status_code == 403
    # a form field is not a header: the JSON API wants the header
    assert raw.post(api, json={"status": "READY_FOR_PICKUP"}, params={"csrf_token": merchant.csrf}
                    ).status_code == 403
    assert raw.post("/admin/logout").status_code == 403
    assert _status(store, order_uuid) == "ACCEPTED"
    assert [a for a in _audit(store) if a[1] == "order_status"] == []
    # with the token, it goes through
    assert merchant.post(f"/admin/orders/{order_uuid}/status", data={"status": "READY_FOR_PICKUP"}
                         ).status_code == 303
    assert _status(store, order_uuid) == "READY_FOR_PICKUP"


def test_technicians_see_the_fleet_only(store: LiveStore) -> None:
    order_uuid = _order(store)
    tech = _technician(store)
    signed = login(store.plain(), TECH, TECH_PASSWORD)
    assert signed.headers["location"] == "/admin/fleet"
    for page in ("/admin/fleet", "/admin/quarantine", "/admin/reports", "/admin/reports.csv"):
        assert tech.get(page).status_code == 200, page
    fleet = tech.get("/admin/fleet").text
    assert 'href="/admin/requests"' not in fleet and 'href="/admin/audit"' not in fleet
    for page in ("/admin", "/admin/requests", "/admin/audit"):
        refused = tech.get(page)
        assert refused.status_code == 403 and 'id="refused"' in refused.text, page
        assert order_uuid not in refused.text
    refused = tech.post(f"/admin/orders/{order_uuid}/status", data={"status": "READY_FOR_PICKUP"})
    assert refused.status_code == 403
    assert tech.post("/admin/requests/x/decide", data={"approve": "1"}).status_code == 403
    assert tech.get("/admin/api/orders").status_code == 403
    assert tech.post(f"/admin/api/orders/{order_uuid}/status", json={"status": "READY_FOR_PICKUP"}
                     ).status_code == 403
    assert tech.put("/admin/api/catalog/products/X1", json={}).status_code == 403
    assert tech.get("/admin/api/fleet").status_code == 200
    assert _status(store, order_uuid) == "ACCEPTED"


def test_logout_ends_the_session(store: LiveStore) -> None:
    client = store.staff()
    assert _sessions(store) == 1
    cookie = client.cookies[SESSION_COOKIE]
    out = client.post("/admin/logout", data={})
    assert out.status_code == 200 and 'id="login"' in out.text
    assert _sessions(store) == 0
    # the old cookie, replayed, opens nothing
    assert store.plain(cookies={SESSION_COOKIE: cookie}).get("/admin").status_code == 401
    assert ("merchant", "logout", "ok") in _audit(store)


@pytest.mark.parametrize("column, age", [("last_seen_at", dt.timedelta(minutes=31)),
                                         ("created_at", dt.timedelta(hours=13))])
def test_idle_and_old_sessions_end(store: LiveStore, column: str, age: dt.timedelta) -> None:
    client = store.staff()
    assert client.get("/admin").status_code == 200
    with store.db.write() as session:
        session.execute(update(StaffSession).values({column: utcnow() - age}))
    assert client.get("/admin").status_code == 401
    assert client.get("/admin/api/fleet").status_code == 401
    assert _sessions(store) == 0


def test_a_recent_session_lives_on(store: LiveStore) -> None:
    client = store.staff()
    with store.db.write() as session:
        session.execute(update(StaffSession).values(last_seen_at=utcnow() - dt.timedelta(minutes=29)))
    assert client.get("/admin").status_code == 200
    with store.db.read() as session:
        seen = session.execute(select(StaffSession.last_seen_at)).scalar_one()
    assert utcnow() - seen < dt.timedelta(minutes=1)  # the page view moved it on


def test_failed_logins_are_throttled_per_account_then_allowed_after_the_window(store: LiveStore) -> None:
    ensure_user(store.db)
    for _ in range(3):
        assert login(store.plain(), "merchant", "wrong-password!").status_code == 401
    throttled = login(store.plain(), "merchant", "merchant-test-password")  # even the right password
    assert throttled.status_code == 429 and "15" in throttled.text
    assert ("merchant", "login_failed", "throttled") in _audit(store)
    with store.db.write() as session:
        session.execute(update(LoginFailure).values(at=utcnow() - dt.timedelta(minutes=16)))
    assert login(store.plain(), "merchant", "merchant-test-password").status_code == 303


def test_failed_logins_are_throttled_per_client_address(store: LiveStore) -> None:
    ensure_user(store.db)
    for n in range(6):  # a different name each time: only the address counts them all
        assert login(store.plain(), f"guess{n}", "wrong-password!").status_code == 401
    assert login(store.plain(), "merchant", "merchant-test-password").status_code == 429
    with store.db.write() as session:
        session.execute(update(LoginFailure).values(at=utcnow() - dt.timedelta(minutes=16)))
    assert login(store.plain(), "merchant", "merchant-test-password").status_code == 303


def _use_code(store: LiveStore, code: str) -> httpx.Response:
    client = store.plain()
    form = client.get("/admin/login/code")
    return client.post("/admin/login/code", data={"code": code, "csrf_token": form_csrf(form.text)})


def test_a_one_time_code_works_once_and_expires(store: LiveStore) -> None:
    ensure_user(store.db)
    made = _cli("login-code", "merchant", "--db", store.settings.db_url)
    assert made.returncode == 0, made.stderr
    code = json.loads(made.stdout)["code"]
    assert len(code) == accounts.CODE_DIGITS and code.isdigit()
    signed = _use_code(store, code)
    assert signed.status_code == 303 and signed.headers["location"] == "/admin"
    assert store.plain(cookies=signed.cookies).get("/admin").status_code == 200
    used = _use_code(store, code)
    assert used.status_code == 401 and 'id="message"' in used.text
    with store.db.write() as session:
        late = accounts.new_login_code(session, "merchant", utcnow(), dt.timedelta(minutes=5))
    with store.db.write() as session:
        session.execute(update(LoginCode).where(LoginCode.used_at.is_(None))
                        .values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    assert _use_code(store, late).status_code == 401
    assert _use_code(store, "12345678").status_code == 401
    assert [a[1:] for a in _audit(store) if a[1].startswith("login")] == [
        ("login_code", "ok"), ("login", "ok"), ("login_failed", "wrong or used code"),
        ("login_failed", "wrong or used code"), ("login_failed", "wrong or used code")]


def test_no_route_takes_a_secret_in_the_query_string(store: LiveStore, tmp_path: Path) -> None:
    secretish = {"token", "code", "password", "secret", "csrf_token", "session", "key"}
    settings = Settings(db_url=store.settings.db_url, shopper_salt_file=str(tmp_path / "salt"))
    app = create_app(settings, store.db)
    for route in app.routes:
        if isinstance(route, APIRoute):
            names = {p.alias for p in route.dependant.query_params}
            assert not names & secretish, (route.path, names)
    # a real session token offered in the query opens nothing, nor does the token of the old scheme
    merchant = store.admin()
    token = merchant.cookies[SESSION_COOKIE]
    for name in ("token", SESSION_COOKIE, "session"):
        assert store.plain().get("/admin", params={name: token}).status_code == 401
        assert store.plain().get("/admin/api/fleet", params={name: token}).status_code == 401


def test_admin_actions_are_audited_and_the_audit_page_is_the_merchants(store: LiveStore) -> None:
    order_uuid = _order(store)
    merchant = store.admin()
    merchant.post(f"/admin/orders/{order_uuid}/status", data={"status": "SHIPPED"})  # refused: a pickup
    merchant.post(f"/admin/orders/{order_uuid}/status", data={"status": "READY_FOR_PICKUP"})
    merchant.post("/admin/requests/no-such/decide", data={"approve": "1"})
    login(store.plain(), "merchant", "wrong-password!")
    tech = _technician(store)
    rows = _audit(store)
    assert ("merchant", "login", "ok") in rows and (TECH, "login", "ok") in rows
    assert ("merchant", "login_failed", "wrong name or password") in rows
    status_rows = [r for r in rows if r[1] == "order_status"]
    assert [r[2] for r in status_rows][1] == "ok" and status_rows[0][2] != "ok"
    assert ("merchant", "request_decision", "no such request") in rows
    assert ("merchant", "device_add", "ok") in rows  # the harness registered the kiosk
    page = merchant.get("/admin/audit")
    assert page.status_code == 200 and "order_status" in page.text and "request_decision" in page.text
    assert tech.get("/admin/audit").status_code == 403
    with store.db.read() as session:
        assert all(e.at is not None for e in session.execute(select(AuditEntry)).scalars())


def test_the_login_page_speaks_chinese_and_english(store: LiveStore) -> None:
    zh = store.plain().get("/admin/login", headers={"Accept-Language": "zh-CN"})
    en = store.plain().get("/admin/login", params={"lang": "en"})
    assert "登录" in zh.text and 'lang="zh-CN"' in zh.text
    assert "Sign in" in en.text and 'lang="en"' in en.text
    assert zh.headers["cache-control"] == "no-store"
    cookie = zh.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_the_cookie_is_secure_behind_an_https_proxy(sqlite_url: str) -> None:
    """Uvicorn trusts X-Forwarded-Proto from 127.0.0.1 (its default --forwarded-allow-ips): a request
    that came over https through a local proxy gets a Secure cookie."""
    db = StoreDB(sqlite_url)
    upgrade(db)
    ensure_user(db)
    db.close()
    with running_store(sqlite_url) as store:
        client = store.plain(headers={"X-Forwarded-Proto": "https"})
        form = client.get("/admin/login")
        assert "Secure" in form.headers["set-cookie"]
        kwargs: dict[str, Any] = {"name": "merchant", "password": "merchant-test-password"}
        # the Secure login cookie is not sent back over http by httpx: pass it by hand, as the proxy would
        signed = client.post("/admin/login", data={**kwargs, "csrf_token": form_csrf(form.text)},
                             headers={"Cookie": f"cloudstore_login={form_csrf(form.text)}"})
        assert signed.status_code == 303 and "Secure" in signed.headers["set-cookie"]
