"""JSON admin API for the merchant and operators (bearer admin token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query

from cloudstore import admin, catalog, devices, fleet, fulfilment, pii
from cloudstore.auth import admin_api
from cloudstore.ingest import missing_seqs
from cloudstore.models import utcnow
from cloudstore.routes.deps import DB
from cloudstore.schemas import (
    DecisionIn,
    DeviceCreatedOut,
    DeviceCreateIn,
    OrderStatusOut,
    PurgeIn,
    RequestOut,
    StatusChangeIn,
)
from cloudstore.timefmt import iso, iso_or_none

router = APIRouter(prefix="/admin/api", tags=["admin"], dependencies=[Depends(admin_api)],
                   responses={401: {"description": "Admin token required"}})

Key = Annotated[str, Path(min_length=1, max_length=64)]


@router.post("/devices", response_model=DeviceCreatedOut, status_code=201)
def add_device(body: DeviceCreateIn, db: DB) -> DeviceCreatedOut:
    with db.write() as session:
        return DeviceCreatedOut.model_validate(devices.add_device(session, body.name))


@router.post("/devices/{device_id}/revoke")
def revoke_device(device_id: Key, db: DB) -> dict[str, Any]:
    with db.write() as session:
        if not devices.revoke_device(session, device_id):
            raise HTTPException(404, detail="no such device")
    return {"device_id": device_id, "revoked": True}


@router.get("/devices")
def list_devices(db: DB) -> list[dict[str, Any]]:
    with db.read() as session:
        return [{"device_id": d.id, "name": d.name, "revoked": d.revoked_at is not None,
                 "contiguous_seq": d.contiguous_seq, "max_seq": d.max_seq,
                 "missing_seqs": missing_seqs(session, d),
                 "last_heartbeat_at": iso_or_none(d.last_heartbeat_at),
                 "queue_depth": d.queue_depth, "oldest_pending_age_s": d.oldest_pending_age_s,
                 "devices": d.device_statuses, "version": d.version}
                for d in admin.devices(session)]


@router.get("/orders", response_model=list[OrderStatusOut])
def list_orders(db: DB, device_id: str = "", status: str = "", flagged: bool = False, q: str = "",
                limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[OrderStatusOut]:
    with db.read() as session:
        rows = admin.list_orders(session, admin.OrderFilter(device_id, status, flagged, q, limit))
        return [fulfilment.order_out(session, o) for o in rows]


@router.get("/orders/{order_uuid}/audit")
def order_audit(order_uuid: Key, db: DB) -> dict[str, Any]:
    with db.read() as session:
        order = fulfilment.find_order(session, order_uuid)
        if order is None:
            raise HTTPException(404, detail="no such order")
        return {"order_uuid": order.order_uuid, "claimed_total_minor": order.total_minor,
                "computed_total_minor": order.computed_total_minor,
                "audit_flags": order.audit_flags.split(),
                # its contact masked: the audit is about the figures, never the shopper
                "payload": pii.shown_payload(order.payload)}


@router.post("/orders/{order_uuid}/status", response_model=OrderStatusOut)
def change_status(order_uuid: Key, body: StatusChangeIn, db: DB) -> OrderStatusOut:
    with db.write() as session:
        order = fulfilment.find_order(session, order_uuid, lock=True)
        if order is None:
            raise HTTPException(404, detail="no such order")
        try:
            fulfilment.set_status(order, body.status, body.tracking_no, utcnow())
        except fulfilment.RequestRefused as exc:
            raise HTTPException(409, detail=str(exc)) from None
        return fulfilment.order_out(session, order)


@router.post("/requests/{request_id}/decision", response_model=RequestOut)
def decide(request_id: Key, body: DecisionIn, db: DB) -> RequestOut:
    try:
        with db.write() as session:
            return fulfilment.request_out(fulfilment.decide(session, request_id, body.approve, body.note,
                                                            utcnow()))
    except LookupError:
        raise HTTPException(404, detail="no such request") from None
    except fulfilment.RequestRefused as exc:
        raise HTTPException(409, detail=str(exc)) from None


@router.get("/quarantine")
def list_quarantine(db: DB) -> list[dict[str, Any]]:
    with db.read() as session:
        return [{"device_id": q.device_id, "device_seq": q.device_seq, "order_uuid": q.order_uuid,
                 "payload_hash": q.payload_hash, "reason": q.reason, "received_at": iso(q.received_at)}
                for q in admin.quarantined(session)]


@router.get("/fleet")
def fleet_json(db: DB) -> list[dict[str, Any]]:
    now = utcnow()
    with db.read() as session:
        return [{"device_id": row["device"].id, "name": row["device"].name,
                 "heartbeat_age_s": row["heartbeat_age_s"], "queue_depth": row["device"].queue_depth,
                 "oldest_pending_age_s": row["device"].oldest_pending_age_s,
                 "printer": row["printer"], "scanner": row["scanner"], "version": row["device"].version,
                 "open_alerts": [{"alert_id": a.alert_id, "kind": a.kind, "severity": a.severity,
                                  "message": a.message, "order_uuid": a.order_uuid}
                                 for a in row["alerts"]]}
                for row in fleet.fleet_view(session, now)]


def _catalog_write(db: DB, fn: Any, *args: Any) -> dict[str, Any]:
    try:
        with db.write() as session:
            version = fn(session, *args)
    except catalog.CatalogError as exc:
        raise HTTPException(400, detail=str(exc)) from None
    if version is None:
        raise HTTPException(404, detail="not found")
    return {"version": version}


@router.put("/catalog/categories/{code}")
def put_category(code: Key, db: DB, doc: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    return _catalog_write(db, catalog.upsert_category, {**doc, "code": code})


@router.delete("/catalog/categories/{code}")
def delete_category(code: Key, db: DB) -> dict[str, Any]:
    return _catalog_write(db, catalog.delete_category, code)


@router.put("/catalog/products/{sku}")
def put_product(sku: Key, db: DB, doc: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    return _catalog_write(db, catalog.upsert_product, {**doc, "sku": sku})


@router.patch("/catalog/products/{sku}")
def patch_product(sku: Key, db: DB, price_minor: Annotated[int | None, Body(ge=0)] = None,
                  stock: Annotated[int | None, Body(ge=0)] = None) -> dict[str, Any]:
    def apply(session: Any, key: str) -> int:
        return catalog.set_price_stock(session, key, price_minor=price_minor, stock=stock)
    return _catalog_write(db, apply, sku)


@router.delete("/catalog/products/{sku}")
def delete_product(sku: Key, db: DB) -> dict[str, Any]:
    return _catalog_write(db, catalog.delete_product, sku)


@router.post("/catalog/purge")
def purge(body: PurgeIn, db: DB) -> dict[str, Any]:
    with db.write() as session:
        return {"purged_through": catalog.purge_tombstones(session, body.through)}
