"""The signed kiosk API under /v1 (DESIGN, "Sync contract")."""

from __future__ import annotations

import hashlib
import time
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from cloudstore import catalog, fleet, fulfilment, order_lookup, payments, recommend
from cloudstore.auth import request_target, same_device
from cloudstore.batch_request import MalformedBatch, push_batch
from cloudstore.db import StoreDB
from cloudstore.models import utcnow
from cloudstore.routes.deps import DB, Caller, get_settings, public_base
from cloudstore.schemas import (
    AlertIn,
    AlertOut,
    BatchIn,
    BatchOut,
    CatalogChangesOut,
    CatalogTogetherOut,
    HeartbeatIn,
    HeartbeatOut,
    ModificationIn,
    OrderLookupIn,
    PaymentCreateIn,
    PaymentListOut,
    PaymentOut,
    RequestOut,
    ReturnIn,
    ShopperOrderOut,
)
from cloudstore.timefmt import iso
from kiosk.sync.protocol import dumps

_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed request (a batch is split to find the poison row)"},
    401: {"description": "Bad signature, clock skew over 300 s, or a replayed nonce"},
    403: {"description": "Device revoked, or reporting for another device"},
}

router = APIRouter(prefix="/v1", tags=["device"], responses=_AUTH_ERRORS)

OrderUuid = Annotated[str, Path(min_length=1, max_length=36)]
PaymentId = Annotated[str, Path(min_length=1, max_length=40)]
DeviceId = Annotated[str, Path(min_length=1, max_length=32)]


def _inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its $defs inlined, to sit inside an operation of the OpenAPI doc."""
    schema = model.model_json_schema()
    defs: dict[str, Any] = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(defs[ref.removeprefix("#/$defs/")])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


# the body is read raw and checked by hand (cloudstore.batch_body); BatchIn still documents it
_BATCH_BODY = {"requestBody": {"required": True,
                               "content": {"application/json": {"schema": _inline_schema(BatchIn)}}}}


@router.post("/orders:batch", response_model=BatchOut, openapi_extra=_BATCH_BODY)
async def push_orders(request: Request) -> Response:
    """Ingest up to 100 outbox rows; each is created, duplicate or rejected (quarantined)."""
    body = await request.body()
    state = request.app.state
    try:
        content = await run_in_threadpool(push_batch, state.db, state.secrets, state.nonces, request.method,
                                          request_target(request.scope), request.headers, body, time.time(),
                                          state.shopper_salt)
    except MalformedBatch as exc:
        return JSONResponse({"detail": exc.errors}, status_code=400)
    return Response(content, media_type="application/json")


@router.get("/catalog/changes", response_model=CatalogChangesOut,
            responses={304: {"description": "Nothing new since the ETag"},
                       410: {"description": "Cursor too old: start again from cursor 0"}})
def catalog_changes(caller: Caller, db: DB, cursor: Annotated[int, Query(ge=0)] = 0,
                    limit: Annotated[int, Query(ge=1, le=catalog.MAX_PAGE)] = catalog.DEFAULT_PAGE,
                    if_none_match: Annotated[str | None, Header()] = None) -> Response:
    with db.read() as session:
        current_head = catalog.head(session)
        tag = catalog.etag(cursor, limit, current_head)
        if if_none_match is not None and tag in {t.strip() for t in if_none_match.split(",")}:
            return Response(status_code=304, headers={"ETag": tag})
        try:
            page = catalog.changes(session, cursor, limit)
        except catalog.CursorGone as exc:
            return JSONResponse({"detail": str(exc), "snapshot_cursor": 0}, status_code=410)
    body = CatalogChangesOut.model_validate({"changes": page.changes, "next_cursor": page.next_cursor,
                                             "has_more": page.has_more})
    return JSONResponse(body.model_dump(mode="json"), headers={"ETag": tag, "Cache-Control": "no-cache"})


@router.get("/catalog/together", response_model=CatalogTogetherOut,
            responses={304: {"description": "The lists are unchanged since the ETag"}})
def catalog_together(caller: Caller, db: DB,
                     if_none_match: Annotated[str | None, Header()] = None) -> Response:
    """"Often bought together": per product, the products sharing the most paid orders with it."""
    with db.read() as session:
        lists = recommend.together(session)
    content = dumps(lists, sort_keys=True)
    tag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    if if_none_match is not None and tag in {t.strip() for t in if_none_match.split(",")}:
        return Response(status_code=304, headers={"ETag": tag})
    return Response(content, media_type="application/json",
                    headers={"ETag": tag, "Cache-Control": "no-cache"})


@router.post("/payments", response_model=PaymentOut, status_code=201,
             responses={200: {"description": "Same out_trade_no: the existing payment"},
                        409: {"description": "out_trade_no already used for another payment"}})
def create_payment(body: PaymentCreateIn, caller: Caller, db: DB, request: Request) -> Response:
    now = utcnow()
    try:
        with db.write() as session:
            ttl_s = body.expires_in_s or get_settings(request).payment_ttl_s
            payment, is_new = payments.create(session, caller.device_id, body, now, ttl_s)
            out = payments.to_out(payment, public_base(request), now)
    except payments.PaymentConflict as exc:
        raise HTTPException(409, detail=str(exc)) from None
    return JSONResponse(out.model_dump(mode="json"), status_code=201 if is_new else 200)


@router.get("/payments", response_model=PaymentListOut)
def payments_of_order(order_uuid: Annotated[str, Query(min_length=1, max_length=36)], caller: Caller, db: DB,
                      request: Request) -> PaymentListOut:
    """This kiosk's payments of one order, newest first; empty when it has none.

    For a kiosk that never recorded a payment's id (stopped between the store's create and its own
    record): it settles or closes the order's payment from here.
    """
    now = utcnow()
    with db.write() as session:  # a delayed outcome may settle on read
        found = payments.of_order(session, caller.device_id, order_uuid, now)
        return PaymentListOut(payments=[payments.to_out(p, public_base(request), now) for p in found])


@router.get("/payments/{payment_id}", response_model=PaymentOut, responses={404: {"description": "Unknown"}})
def query_payment(payment_id: PaymentId, caller: Caller, db: DB, request: Request) -> PaymentOut:
    now = utcnow()
    with db.write() as session:  # a delayed outcome may settle on read
        payment = payments.get_for_device(session, caller.device_id, payment_id, now)
        if payment is None:
            raise HTTPException(404, detail="no such payment")
        return payments.to_out(payment, public_base(request), now)


@router.post("/payments/{payment_id}/close", response_model=PaymentOut,
             responses={404: {"description": "Unknown"}, 409: {"description": "Already paid: keep it"}})
def close_payment(payment_id: PaymentId, caller: Caller, db: DB, request: Request) -> Response:
    now = utcnow()
    with db.write() as session:
        payment = payments.get_for_device(session, caller.device_id, payment_id, now)
        if payment is None:
            raise HTTPException(404, detail="no such payment")
        try:
            payments.close(session, payment, now)
            status = 200
        except payments.PaymentConflict:
            status = 409  # a late payment wins; the body says so
        out = payments.to_out(payment, public_base(request), now)
    return JSONResponse(out.model_dump(mode="json"), status_code=status)


_PROOF_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "No order matches: the one answer to every failed proof (counted)"},
    429: {"description": "Too many failed proofs by this kiosk (or for this order number)",
          "headers": {"Retry-After": {"description": "Seconds until a proof is checked again",
                                      "schema": {"type": "integer"}}}}}


@router.post("/orders:lookup", response_model=ShopperOrderOut, responses=_PROOF_RESPONSES)
def lookup_order(body: OrderLookupIn, caller: Caller, db: DB, request: Request) -> Response:
    """An order of this store, from any of its kiosks, by its number (digits are enough) and the last
    4 digits of its phone or its receipt's lookup code. A wrong code and an unknown number get the same
    404, and both count against the kiosk and the number (cloudstore.order_lookup)."""
    now = utcnow()
    with db.write() as session:  # a failure is written, and must stay written
        found = order_lookup.find_by_proof(session, caller.device_id, body.order_no, body.code, now)
        if found is not None and not isinstance(found, order_lookup.Throttled):
            content = dumps(order_lookup.status_of(session, found, now, get_settings(request)))
            return Response(content, media_type="application/json")
    if isinstance(found, order_lookup.Throttled):
        raise order_lookup.too_many(found)
    raise order_lookup.not_found()


@router.get("/orders/{order_uuid}", response_model=ShopperOrderOut, responses=_PROOF_RESPONSES)
def order_status(order_uuid: OrderUuid, caller: Caller, db: DB, request: Request) -> Response:
    """An order of this store by its uuid (the receipt's QR is the proof), from any of its kiosks: its
    timeline, requests and masked contact. An unknown uuid counts against the kiosk."""
    now = utcnow()
    with db.write() as session:
        order = order_lookup.order_or_404(session, caller.device_id, order_uuid, now)
        content = dumps(order_lookup.status_of(session, order, now, get_settings(request)))
    return Response(content, media_type="application/json")


def order_request(db: StoreDB, order_uuid: str, device_id: str, body: ModificationIn | ReturnIn,
                  window_days: int) -> Response:
    """Ask the rules, then record the request: 201 new, 200 the same request_id again, 404 no such
    order, 409 {"detail", "reason"} refused by the order's state, 422 {"detail": {"problems"}}."""
    now = utcnow()
    with db.write() as session:
        order = order_lookup.order_or_404(session, device_id, order_uuid, now, lock=True)
        try:
            if isinstance(body, ModificationIn):
                req, fresh = fulfilment.request_modification(session, order, device_id, body, now)
            else:
                req, fresh = fulfilment.request_return(session, order, device_id, body, now, window_days)
        except fulfilment.RequestRefused as exc:
            return JSONResponse({"detail": str(exc), "reason": exc.reason}, status_code=409)
        except fulfilment.RequestInvalid as exc:
            return JSONResponse({"detail": {"problems": exc.problems}}, status_code=422)
        out = fulfilment.request_out(req)
    return JSONResponse(out.model_dump(mode="json"), status_code=201 if fresh else 200)


_REQUEST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **_PROOF_RESPONSES, 200: {"description": "Same request_id: the existing request"},
    409: {"description": "Refused by the rules in the order's state: {detail, reason}"},
    422: {"description": "A field the rules refuse: {detail: {problems: {field: problem}}}"}}


@router.post("/orders/{order_uuid}/modifications", response_model=RequestOut, status_code=201,
             responses=_REQUEST_RESPONSES)
def request_modification(order_uuid: OrderUuid, body: ModificationIn, caller: Caller, db: DB,
                         request: Request) -> Response:
    """Ask the merchant to change a paid order that has not shipped (seed FAQ 3)."""
    return order_request(db, order_uuid, caller.device_id, body, get_settings(request).return_window_days)


@router.post("/orders/{order_uuid}/returns", response_model=RequestOut, status_code=201,
             responses=_REQUEST_RESPONSES)
def request_return(order_uuid: OrderUuid, body: ReturnIn, caller: Caller, db: DB,
                   request: Request) -> Response:
    """Ask for a return or exchange of a delivered or picked-up order within the store's window."""
    return order_request(db, order_uuid, caller.device_id, body, get_settings(request).return_window_days)


@router.post("/devices/{device_id}/heartbeat", response_model=HeartbeatOut)
def heartbeat(device_id: DeviceId, body: HeartbeatIn, caller: Caller, db: DB) -> HeartbeatOut:
    same_device(caller, device_id)
    now = utcnow()
    with db.write() as session:
        funnel_error = fleet.record_heartbeat(session, device_id, body, now)
    return HeartbeatOut(ok=True, server_time=iso(now), funnel_error=funnel_error)


@router.post("/devices/{device_id}/alerts", response_model=AlertOut)
def alert(device_id: DeviceId, body: AlertIn, caller: Caller, db: DB) -> AlertOut:
    same_device(caller, device_id)
    with db.write() as session:
        row = fleet.record_alert(session, device_id, body, utcnow())
        return AlertOut(alert_id=row.alert_id, state=row.state)


class AlertStateOut(BaseModel):
    """Wire shape: kiosk.sync.protocol.AlertState."""
    alert_id: str
    state: str
    raised_at: str
    resolved_at: str | None


@router.get("/devices/{device_id}/alerts/{alert_id}", response_model=AlertStateOut,
            responses={404: {"description": "No such alert of this device"}})
def alert_state(device_id: DeviceId, alert_id: Annotated[str, Path(min_length=1, max_length=64)],
                caller: Caller, db: DB) -> AlertStateOut:
    """Whether staff have seen a kiosk's alert (the shopper's call for an attendant); only its own."""
    same_device(caller, device_id)
    with db.read() as session:
        row = fleet.device_alert(session, device_id, alert_id)
        if row is None:
            raise HTTPException(404, detail="no such alert")
        return AlertStateOut(alert_id=row.alert_id, state=row.state, raised_at=iso(row.raised_at),
                             resolved_at=iso(row.updated_at) if row.state == "resolved" else None)
