"""The store's reports over HTTP: kiosks' signed heartbeats carry their funnel, their pushed orders make the
figures, and the merchant reads them on /admin/reports and downloads them as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from cloudstore import analytics, catalog
from cloudstore.models import FunnelCount, StoreOrder
from kiosk.sync.protocol import FUNNEL_STEPS
from tests.unit.cloudstore.harness import (
    Kiosk,
    LiveStore,
    batch_item,
    order_payload,
    pay_on_phone,
    pg_base_url,
    postgres_schema,
    running_store,
)

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).resolve().parents[1] / "unit" / "cloudstore" / "catalog_fixture.json"
TZ = "Asia/Shanghai"
EVIL = "<script>alert('x')</script>"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveStore]:
    if request.param == "sqlite":
        url_context: Any = _nullcontext(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    else:
        url_context = postgres_schema(pg_base_url())
    with url_context as url, running_store(url, timezone=TZ,
                                           shopper_salt_file=str(tmp_path / "salt.key")) as live:
        with live.db.write() as session:
            catalog.load_catalog(session, json.loads(FIXTURE.read_text(encoding="utf-8")))
        yield live


class _nullcontext:
    def __init__(self, value: str) -> None:
        self.value = value

    def __enter__(self) -> str:
        return self.value

    def __exit__(self, *_exc: object) -> None:
        return None


@pytest.fixture
def browser(store: LiveStore) -> Iterator[httpx.Client]:
    with store.admin(follow_redirects=True) as client:
        assert client.get("/admin").status_code == 200
        yield client


def _sell(kiosk: Kiosk, seq: int, *, qty: int = 1, sku: str = "D00001", price: int = 1590, phone: str = "",
          name_zh: str = "可乐", name_en: str = "Cola") -> dict[str, Any]:
    payload = order_payload(qty=qty, sku=sku, price=price)
    payload["lines"][0] |= {"name_zh": name_zh, "name_en": name_en}
    if phone:
        payload["contact"] = {"name": "李四", "phone": phone}
    pay_on_phone(kiosk, payload)
    response = kiosk.http.post("/v1/orders:batch", json={"items": [batch_item(seq, payload)]})
    assert response.json()["results"][0]["status"] == "created", response.text
    return payload


def _beat(kiosk: Kiosk, funnel: Any = None, **fields: Any) -> httpx.Response:
    body: dict[str, Any] = {"queue_depth": 0, "oldest_pending_age_s": 0.0, "version": "t", **fields}
    if funnel is not None:
        body["funnel"] = funnel
    return kiosk.http.post(f"/v1/devices/{kiosk.device_id}/heartbeat", json=body)


def _today() -> dt.date:
    return analytics.store_today(TZ)


def _csv(browser: httpx.Client, **params: str) -> dict[str, list[dict[str, str]]]:
    response = browser.get("/admin/reports.csv", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    blocks: dict[str, list[dict[str, str]]] = {}
    header: list[str] | None = None
    for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))):
        if not row:
            header = None
        elif header is None:
            header, blocks[row[0]] = row, []
        else:
            blocks[header[0]].append(dict(zip(header, row, strict=True)))
    return blocks


def _funnel(blocks: dict[str, list[dict[str, str]]]) -> dict[str, int]:
    return {row["step"]: int(row["sessions"]) for row in blocks["funnel"]}


def test_heartbeat_funnel_upserts_and_the_latest_wins(store: LiveStore, browser: httpx.Client) -> None:
    k1, k2 = store.kiosk("lobby"), store.kiosk("gate")
    today, yesterday = _today().isoformat(), (_today() - dt.timedelta(days=1)).isoformat()
    week = [{"day": yesterday, "counts": {"session": 20, "product_viewed": 12, "paid": 4}},
            {"day": today, "counts": {"session": 5, "product_viewed": 3}}]
    for _ in range(2):  # every heartbeat repeats the week: nothing doubles
        answer = _beat(k1, week)
        assert answer.status_code == 200 and answer.json()["funnel_error"] is None
    assert _beat(k2, [{"day": today, "counts": {"session": 7, "added_to_cart": 2}}]).status_code == 200
    assert _funnel(_csv(browser, period="7")) == {
        "session": 32, "product_viewed": 15, "added_to_cart": 2, "qr_shown": 0, "paid": 4,
        "receipt_printed": 0}
    # later the same day the kiosk counts more: its latest figures replace the earlier ones
    week[1]["counts"] = {"session": 9, "product_viewed": 6, "added_to_cart": 1}
    assert _beat(k1, week).json()["funnel_error"] is None
    assert _funnel(_csv(browser, period="today")) == {
        "session": 16, "product_viewed": 6, "added_to_cart": 3, "qr_shown": 0, "paid": 0,
        "receipt_printed": 0}
    assert _funnel(_csv(browser, period="today", device_id=k2.device_id))["session"] == 7
    with store.db.read() as session:
        assert len(session.execute(select(FunnelCount)).scalars().all()) == 3 + 3 + 2


@pytest.mark.parametrize("funnel", [
    {"day": "2026-11-26"},
    [{"day": "2026-11-26", "counts": {"sessions": 1}}],
    [{"day": "2026-11-26", "counts": {"session": -4}}],
    [{"day": "yesterday", "counts": {"session": 1}}],
    [{"day": "2026-11-26", "counts": {"session": 1}}] * 2,
    "funnel",
])
def test_malformed_funnel_is_left_out_and_the_heartbeat_kept(store: LiveStore, funnel: Any) -> None:
    kiosk = store.kiosk("lobby")
    today = _today().isoformat()
    assert _beat(kiosk, [{"day": today, "counts": {"session": 3}}]).json()["funnel_error"] is None
    answer = _beat(kiosk, funnel, queue_depth=9)
    assert answer.status_code == 200 and answer.json()["funnel_error"], answer.text
    fleet = {row["device_id"]: row for row in store.admin().get("/admin/api/fleet").json()}
    assert fleet[kiosk.device_id]["queue_depth"] == 9  # the rest of the heartbeat counts
    with store.db.read() as session:
        rows = session.execute(select(FunnelCount.day, FunnelCount.step, FunnelCount.sessions)).all()
    assert [tuple(r) for r in rows] == [(today, "session", 3)]  # the earlier funnel is untouched


def test_figures_from_pushed_orders_and_the_kiosk_filter(store: LiveStore, browser: httpx.Client) -> None:
    k1, k2 = store.kiosk("lobby"), store.kiosk("gate")
    sold = [_sell(k1, 1, qty=2, phone="13800001234"), _sell(k2, 1, sku="S00001", price=850, qty=3,
                                                            phone="+86 138 0000 1234"),
            _sell(k2, 2, sku="D00002", price=200, qty=1, phone="13911112222"), _sell(k1, 2, qty=1)]
    blocks = _csv(browser, period="7")
    summary = blocks["summary"][0]
    total = sum(p["total_minor"] for p in sold)
    assert int(summary["orders"]) == 4 and Decimal(summary["revenue"]) * 100 == total
    assert Decimal(summary["average order"]) * 100 == (2 * total + 4) // 8
    assert (int(summary["shoppers with phone"]), int(summary["repeat shoppers"])) == (2, 1)
    assert sum(Decimal(r["revenue"]) for r in blocks["by hour"]) * 100 == total
    assert sum(Decimal(r["revenue"]) for r in blocks["by day"]) * 100 == total
    assert {r["category"]: Decimal(r["revenue"]) * 100 for r in blocks["by category"]} == {
        "drinks": 3 * 1590 + 200, "snacks": 3 * 850}
    top = blocks["top products"]
    assert [(r["sku"], int(r["quantity"])) for r in top] == [("D00001", 3), ("S00001", 3), ("D00002", 1)]
    only_gate = _csv(browser, period="7", device_id=k2.device_id)["summary"][0]
    assert int(only_gate["orders"]) == 2 and int(only_gate["repeat shoppers"]) == 0
    # the hash column: one value for the shopper seen at both kiosks, never the number
    with store.db.read() as session:
        hashes = dict(session.execute(select(StoreOrder.order_uuid, StoreOrder.shopper_hash)).all())
    assert hashes[sold[0]["order_uuid"]] == hashes[sold[1]["order_uuid"]] != hashes[sold[2]["order_uuid"]]
    assert hashes[sold[3]["order_uuid"]] == ""
    salt = Path(store.settings.shopper_salt_file).read_bytes()  # the salt file, not the database
    assert hashes[sold[0]["order_uuid"]] == hmac.new(salt, b"13800001234", hashlib.sha256).hexdigest()
    page = browser.get("/admin/reports", params={"period": "7"}).text
    assert "13800001234" not in page and hashes[sold[0]["order_uuid"]] not in page


def test_report_page_renders_with_escaped_text(store: LiveStore, browser: httpx.Client) -> None:
    kiosk = store.kiosk(EVIL)
    _sell(kiosk, 1, name_zh=EVIL, name_en=EVIL, qty=2)
    _sell(kiosk, 2, sku="S00001", price=850, name_zh="薯片", name_en="Crisps")
    counts = {step: 10 - i for i, step in enumerate(FUNNEL_STEPS)}
    assert _beat(kiosk, [{"day": _today().isoformat(), "counts": counts}]).status_code == 200
    for period in ("today", "7", "30"):
        response = browser.get("/admin/reports", params={"period": period, "device_id": kiosk.device_id})
        assert response.status_code == 200
        page = response.text
        assert "<script" not in page.lower()  # the page runs no script, and data cannot add one
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page  # the name, shown as text
        for expected in ('id="chart-hour"', 'id="chart-day"', 'id="chart-category"', 'id="chart-funnel"',
                         "薯片", "饮料酒水", "Top products", "¥40.30"):
            assert expected in page, (period, expected)
    assert "selected>" in page and f'value="{kiosk.device_id}" selected' in page
    assert f'href="/admin/reports.csv?period=30&amp;device_id={kiosk.device_id}"' in page
    assert "/admin/reports" in browser.get("/admin").text  # linked from the admin pages' header


def test_reports_need_the_admin_sign_in(store: LiveStore) -> None:
    with httpx.Client(base_url=store.base_url) as stranger:
        assert stranger.get("/admin/reports").status_code == 401
        assert stranger.get("/admin/reports.csv").status_code == 401
        guess = {"Cookie": "cloudstore_admin=guess"}
        assert stranger.get("/admin/reports.csv", headers=guess).status_code == 401
