"""Orders a merchant can fulfil: the order page (lines, money, the clear contact, the timeline, only the
steps that fit the order's fulfilment), the packing slip, and the orders list's kiosk names and local
times. Technicians never see a contact in clear; every view of one is in the audit log."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from cloudstore import accounts
from cloudstore.models import AuditEntry, OrderRequest, StoreOrder
from tests.unit.cloudstore.after_sales import ADDRESS, NAME, PHONE, SETTINGS, STORE_PARAMS, sell, store_at
from tests.unit.cloudstore.harness import AdminClient, LiveStore

KIOSK_NAME = "大堂一号 Lobby"
TECH, TECH_PASSWORD = "tina", "technician-password"


@pytest.fixture(scope="module", params=STORE_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveStore]:
    with store_at(request.param, str(tmp_path_factory.mktemp("merchant")), **SETTINGS) as live:
        yield live


def _page(client: AdminClient, order_uuid: str, suffix: str = "") -> str:
    response = client.get(f"/admin/orders/{order_uuid}{suffix}")
    assert response.status_code == 200, response.text
    return response.text


def _status(store: LiveStore, order_uuid: str) -> StoreOrder:
    with store.db.read() as session:
        order = session.execute(select(StoreOrder).where(StoreOrder.order_uuid == order_uuid)).scalar_one()
        session.expunge(order)
        return order


def _views(store: LiveStore, order_uuid: str) -> list[AuditEntry]:
    with store.db.read() as session:
        return list(session.execute(select(AuditEntry).where(
            AuditEntry.target == f"order {order_uuid}", AuditEntry.action.like("order_%viewed"))).scalars())


def _steps(page: str) -> list[str]:
    form = re.search(r'<form class="inline status-form".*?</form>', page, re.S)
    return re.findall(r"<option>([A-Z_]+)</option>", form.group(0)) if form else []


def test_a_delivery_order_shows_its_lines_money_and_clear_contact_to_the_merchant(store: LiveStore) -> None:
    kiosk = store.kiosk(KIOSK_NAME)
    order = sell(kiosk)
    page = _page(store.admin(), order["order_uuid"])
    assert order["order_no"] in page
    assert "可乐 / Cola" in page and "D00001" in page
    assert "¥15.90" in page and "¥31.80" in page  # unit and line price
    assert "¥10.00" in page and "¥41.80" in page  # delivery and total
    assert escape(NAME) in page and PHONE in page and escape(ADDRESS) in page  # in clear, for the merchant
    assert "PLACED" in page and "PAID" in page and "ACCEPTED" in page  # the timeline
    views = _views(store, order["order_uuid"])
    assert [v.action for v in views] == ["order_viewed"] and views[0].user_name == "merchant"
    assert PHONE not in views[0].target and NAME not in views[0].target


def test_a_technician_gets_403_and_no_view_is_recorded(store: LiveStore) -> None:
    order = sell(store.kiosk())
    tech = store.staff(TECH, TECH_PASSWORD, role=accounts.TECHNICIAN)
    for suffix in ("", "/slip"):
        refused = tech.get(f"/admin/orders/{order['order_uuid']}{suffix}")
        assert refused.status_code == 403, refused.text
        assert PHONE not in refused.text and escape(ADDRESS) not in refused.text
    assert _views(store, order["order_uuid"]) == []


def test_a_delivery_order_ships_with_a_tracking_number_and_refuses_pickup_steps(store: LiveStore) -> None:
    merchant = store.admin()
    order = sell(store.kiosk())
    uuid = order["order_uuid"]
    page = _page(merchant, uuid)
    assert _steps(page) == ["SHIPPED"] and 'name="tracking_no"' in page and " required>" in page
    back = f"/admin/orders/{uuid}"
    refused = merchant.post(f"/admin/orders/{uuid}/status", data={"status": "READY_FOR_PICKUP", "back": back},
                            follow_redirects=True)
    assert refused.status_code == 200 and str(refused.url.path) == back
    assert "only pickup orders are collected" in refused.text
    assert _status(store, uuid).status == "ACCEPTED"
    untracked = merchant.post(f"/admin/orders/{uuid}/status", data={"status": "SHIPPED", "back": back},
                              follow_redirects=True)
    assert "needs a tracking number" in untracked.text and _status(store, uuid).status == "ACCEPTED"
    shipped = merchant.post(f"/admin/orders/{uuid}/status",
                            data={"status": "SHIPPED", "tracking_no": "SF100200300", "back": back},
                            follow_redirects=True)
    assert _status(store, uuid).status == "SHIPPED" and "SF100200300" in shipped.text
    assert _steps(shipped.text) == ["DELIVERED"]


def test_a_pickup_order_offers_ready_for_pickup_and_refuses_shipping(store: LiveStore) -> None:
    merchant = store.admin()
    order = sell(store.kiosk(KIOSK_NAME), delivery=False)
    uuid = order["order_uuid"]
    page = _page(merchant, uuid)
    assert _steps(page) == ["READY_FOR_PICKUP"] and 'name="tracking_no"' not in page
    assert escape(KIOSK_NAME) in page  # the pickup point: the kiosk's place
    refused = merchant.post(f"/admin/orders/{uuid}/status",
                            data={"status": "SHIPPED", "tracking_no": "SF1", "back": f"/admin/orders/{uuid}"},
                            follow_redirects=True)
    assert "only delivery orders ship" in refused.text
    assert _status(store, uuid).status == "ACCEPTED" and _status(store, uuid).tracking_no == ""
    # the list's form offers the same fitting steps
    listed = merchant.get("/admin", params={"q": order["order_no"]}).text
    assert _steps(listed) == ["READY_FOR_PICKUP"]
    # a redirect goes back to the order's page only, never to a page the form names
    elsewhere = merchant.post(f"/admin/orders/{uuid}/status", data={"status": "PICKED_UP", "back": "https://x"},
                              follow_redirects=False)
    assert elsewhere.headers["location"].startswith("/admin?msg=")


def test_the_packing_slip_has_every_line_and_the_address(store: LiveStore) -> None:
    order = sell(store.kiosk())
    order_lines = [{"position": 0, "sku": "D00001", "name_zh": "可乐", "name_en": "Cola",
                    "unit_price_minor": 1590, "quantity": 2, "line_total_minor": 3180},
                   {"position": 1, "sku": "F00002", "name_zh": "薯片", "name_en": "Crisps",
                    "unit_price_minor": 800, "quantity": 3, "line_total_minor": 2400}]
    two = sell(store.kiosk(), lines=order_lines, subtotal_minor=5580, total_minor=6580)
    for payload, lines in ((order, order["lines"]), (two, order_lines)):
        slip = _page(store.admin(), payload["order_uuid"], "/slip")
        assert "<header>" not in slip and "/admin/logout" not in slip  # nothing but the slip to print
        assert f'<p class="order-no">{escape(payload["order_no"])}</p>' in slip
        for line in lines:
            shown = f'<td class="qty">{line["quantity"]}</td><td>{line["name_zh"]} / {line["name_en"]}'
            assert shown in slip, line
        assert slip.count('<span class="box">') == len(lines)
        assert escape(NAME) in slip and PHONE in slip and escape(ADDRESS) in slip
        assert "@media print" in slip
    assert [v.action for v in _views(store, two["order_uuid"])] == ["order_slip_viewed"]


def test_the_list_links_orders_names_kiosks_and_shows_local_times(store: LiveStore) -> None:
    kiosk = store.kiosk(KIOSK_NAME)
    order = sell(kiosk)
    listed = store.admin().get("/admin", params={"q": order["order_no"]}).text
    assert f'href="/admin/orders/{order["order_uuid"]}"' in listed
    assert f'<span title="{kiosk.device_id}">{escape(KIOSK_NAME)}</span>' in listed
    received = _status(store, order["order_uuid"]).received_at
    shown = received.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(store.settings.timezone))
    assert f"<td>{shown:%Y-%m-%d %H:%M}</td>" in listed, "the received time in the store's timezone"
    assert f"{received:%Y-%m-%dT%H:%M}" not in listed and "Received (Asia/Shanghai)" in listed
    page = _page(store.admin(), order["order_uuid"])
    assert f"{shown:%Y-%m-%d %H:%M}" in page and ".%f" not in page


def test_an_approved_change_shows_on_the_page_and_requests_show_local_times(store: LiveStore) -> None:
    kiosk = store.kiosk()
    order = sell(kiosk)
    uuid, moved_to = order["order_uuid"], "上海市静安区南京西路200号8楼"
    asked = kiosk.http.post(f"/v1/orders/{uuid}/modifications",
                            json={"request_id": secrets.token_hex(8), "changes": {"address": moved_to}})
    assert asked.status_code in (200, 201), asked.text
    request_id = asked.json()["request_id"]
    merchant = store.admin()
    decided = merchant.post(f"/admin/requests/{request_id}/decide", data={"approve": "1"},
                            follow_redirects=True)
    assert decided.status_code == 200 and "APPROVED" in decided.text
    page = _page(merchant, uuid)
    assert escape(moved_to) in page and escape(ADDRESS) not in page  # the address as it stands
    assert "APPROVED" in page  # the request, on the order's page
    with store.db.read() as session:
        at = session.execute(select(OrderRequest.decided_at).where(OrderRequest.request_id == request_id)
                             ).scalar_one()
    assert at is not None
    shown = at.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(store.settings.timezone))
    assert f"<td>{shown:%Y-%m-%d %H:%M}</td>" in decided.text, "the decision's time in the store's timezone"
    assert f'href="/admin/orders/{uuid}"' in decided.text


def test_markup_in_a_name_or_address_shows_as_text(store: LiveStore) -> None:
    evil = "<img src=x onerror=alert(1)>"
    lines = [{"position": 0, "sku": "D00001", "name_zh": f"可乐{evil}", "name_en": "Cola</td>",
              "unit_price_minor": 1590, "quantity": 2, "line_total_minor": 3180}]
    order = sell(store.kiosk(f"kiosk {evil}"), lines=lines,
                 contact={"name": "张<b>三</b>", "phone": PHONE, "address": f"上海市{evil}路1号"})
    merchant = store.admin()
    for text in (_page(merchant, order["order_uuid"]), _page(merchant, order["order_uuid"], "/slip"),
                 merchant.get("/admin", params={"q": order["order_no"]}).text):
        assert evil not in text and "<b>三</b>" not in text and "Cola</td>" not in text
    page = _page(store.admin(), order["order_uuid"])
    assert escape(f"上海市{evil}路1号") in page and escape("张<b>三</b>") in page
    assert escape(f"可乐{evil}") in page


def test_an_unknown_order_is_404(store: LiveStore) -> None:
    missing = store.admin().get("/admin/orders/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and "No such order" in missing.text


# -- in a real browser ---------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


def _screenshot(html: Path, png: Path, size: str, tmp: Path) -> None:
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           f"--user-data-dir={tmp / 'profile'}", f"--screenshot={png}",
                           f"--window-size={size}", html.as_uri()], capture_output=True, timeout=60)
    assert png.exists(), done.stderr.decode(errors="replace")[-2000:]


# paints a magenta square over the page when it is wider than the window (content off the right edge)
_OVERFLOW_PROBE = ("<script>addEventListener('load',()=>{if(document.documentElement.scrollWidth>innerWidth){"
                   "const d=document.createElement('div');d.style.cssText='position:fixed;left:0;top:0;"
                   "width:120px;height:120px;background:#ff00ff;z-index:9';document.body.append(d)}})</script>")
MAGENTA = b"\xff\x00\xff"


def _painted(png: Path) -> tuple[int, int, set[bytes]]:
    """(width, height, colours seen) of a PNG, read with Qt-free means: PySide6's QImage is not to be
    imported outside kiosk/ui, so the PNG is decoded here (8-bit RGB/RGBA, as Chromium writes)."""
    import struct
    import zlib

    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, idat = 8, {}, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks[kind] = body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    seen: set[bytes] = set()
    prev = bytearray(stride)
    for y in range(height):
        filt, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], (prev[i - channels] if i >= channels else 0)
            if filt == 1:
                line[i] = (line[i] + a) & 255
            elif filt == 2:
                line[i] = (line[i] + b) & 255
            elif filt == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 8 == 0:
            seen.update(bytes(line[x:x + 3]) for x in range(0, stride, channels * 4))
        prev = line
    return width, height, seen


@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"no headless Chromium at {CHROMIUM}")
def test_the_order_page_and_slip_render_in_chromium(store: LiveStore, tmp_path: Path) -> None:
    order = sell(store.kiosk(KIOSK_NAME))
    merchant = store.admin()
    out = Path(tmp_path)
    base = f'<base href="{store.base_url}/">'
    for name, suffix in (("order", ""), ("slip", "/slip")):
        html = out / f"{name}.html"
        text = _page(merchant, order["order_uuid"], suffix).replace("<head>", "<head>" + base, 1)
        html.write_text(text.replace("</body>", _OVERFLOW_PROBE + "</body>"), encoding="utf-8")
        for size in ("390,844", "1280,800"):
            png = out / f"{name}-{size.replace(',', 'x')}.png"
            _screenshot(html, png, size, out)
            width, height, colours = _painted(png)
            assert (width, height) == tuple(int(n) for n in size.split(",")), (width, height)
            assert len(colours) > 8, f"{png.name} is blank ({len(colours)} colours)"
            assert MAGENTA not in colours, f"{png.name}: the page is wider than the window"
