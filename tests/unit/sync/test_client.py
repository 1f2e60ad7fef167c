"""The signed client: requests the store accepts, clock offset from `Date`, Retry-After parsing."""

from __future__ import annotations

import email.utils
import time

import httpx

from kiosk.sync.client import SyncClient, retry_after_s, server_time
from tests.unit.cloudstore.harness import LiveStore


def test_signed_get_with_a_query_and_post_are_accepted(store: LiveStore, client: SyncClient) -> None:
    assert client.get("/v1/catalog/changes", params={"cursor": 0, "limit": 5}).status_code == 200
    device_id = client.endpoint.device_id
    beat = {"queue_depth": 0, "oldest_pending_age_s": 0, "devices": {}, "version": "t"}
    assert client.post(f"/v1/devices/{device_id}/heartbeat", json_body=beat).status_code == 200
    assert abs(client.offset_s) < 3  # same machine: no correction beyond the Date header's noise


def test_offset_follows_the_date_header_and_ignores_second_jitter() -> None:
    def response_at(ts: float) -> httpx.Response:
        return httpx.Response(200, headers={"Date": email.utils.formatdate(ts, usegmt=True)})

    from kiosk.sync.client import StoreEndpoint

    local = 1_000_000.0
    client = SyncClient(StoreEndpoint("http://127.0.0.1:9", "d", "s"), clock=lambda: local)
    try:
        client.observe(response_at(local + 1))
        assert client.offset_s == 0.0  # within the header's resolution
        client.observe(response_at(local + 600))
        assert 599.5 <= client.offset_s <= 601
        assert abs(client.now() - (local + 600)) < 1.5
        client.observe(response_at(local), force=True)  # a 401 always resyncs
        assert abs(client.offset_s) < 1
    finally:
        client.close()


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_s(httpx.Response(429, headers={"Retry-After": "7"})) == 7.0
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= (retry_after_s(httpx.Response(503, headers={"Retry-After": later})) or 0) <= 31
    assert retry_after_s(httpx.Response(503)) is None
    assert retry_after_s(httpx.Response(503, headers={"Retry-After": "soon"})) is None
    assert server_time(httpx.Response(200, headers={"Date": "garbage"})) is None
