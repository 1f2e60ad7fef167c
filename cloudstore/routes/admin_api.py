"""JSON admin API for the merchant and operators.

Signed in as for the admin pages (the session cookie from /admin/login); every write also carries the
session's CSRF token in the `X-CSRF-Token` header (`GET /admin/api/session` tells it). Technicians
may use the fleet endpoints (devices, fleet, quarantine); orders, requests and the catalog are the
merchant's. Every write is written to the audit log.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query

from cloudstore import admin, catalog, devices, fleet, fulfilment
from cloudstore.accounts import Staff
from cloudstore.ingest import missing_seqs
from cloudstore.models import utcnow
from cloudstore.routes.deps import DB
from cloudstore.routes.staff import api_merchant, api_staff, write_audit
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

router = APIRouter(prefix="/admin/api", tags=["admin"],
                   responses={401: {"description": "Sign in at /admin/login first"},
                              403: {"description": "No valid X-CSRF-Token header, or merchants only"}})

Key = Annotated[str, Path(min_length=1, max_length=64)]
AnyStaff = Annotated[Staff, Depends(api_staff)]
Merchant = Annotated[Staff, Depends(api_merchant)]


@router.get("/session")
def whoami(staff: AnyStaff) -> dict[str, Any]:
    """The signed-in user, and the CSRF token every write must carry in the X-CSRF-Token header."""
    return {"user": staff.name, "role": staff.role, "csrf_token": staff.csrf_token}


@router.post("/devices", response_model=DeviceCreatedOut, status_code=201)
def add_device(body: DeviceCreateIn, db: DB, staff: AnyStaff) -> DeviceCreatedOut:
    with db.write() as session:
        created = DeviceCreatedOut.model_validate(devices.add_device(session, body.name))
    write_audit(db, staff.name, "device_add", f"device {created.device_id}", "ok")
    return created


@router.post("/devices/{device_id}/revoke")
def revoke_device(device_id: Key, db: DB, staff: AnyStaff) -> dict[str, Any]:
    with db.write() as session:
        found = devices.revoke_device(session, device_id)
    write_audit(db, staff.name, "device_revoke", f"device {device_id}", "ok" if found else "no such device")
    if not found:
        raise HTTPException(404, detail="no such device")
    return {"device_id": device_id, "revoked": True}


@router.get("/devices")
def list_devices(db: DB, _staff: AnyStaff) -> list[dict[str, Any]]:
    with db.read() as session:
        return [{"device_id": d.id, "name": d.name, "revoked": d.revoked_at is not None,
                 "contiguous_seq": d.contiguous_seq, "max_seq": d.max_seq,
                 "missing_seqs": missing_seqs(session, d),
                 "last_heartbeat_at": iso_or_none(d.last_heartbeat_at),
                 "queue_depth": d.queue_depth, "oldest_pending_age_s": d.oldest_pending_age_s,
                 "devices": d.device_statuses, "version": d.version}
                for d in admin.devices(session)]


@router.get("/orders", response_model=list[OrderStatusOut])
def list_orders(db: DB, _staff: Merchant, device_id: str = "", status: str = "", flagged: bool = False,
                q: str = "",
                limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[OrderStatusOut]:
    with db.read() as session:
        rows = admin.list_orders(session, admin.OrderFilter(device_id, status, flagged, q, limit))
        return [fulfilment.order_out(session, o) for o in rows]


@router.get("/orders/{order_uuid}/audit")
def order_audit(order_uuid: Key, db: DB, _staff: Merchant) -> dict[str, Any]:
    with db.read() as session:
        order = fulfilment.find_order(session, order_uuid)
        if order is None:
            raise HTTPException(404, detail="no such order")
        return {"order_uuid": order.order_uuid, "claimed_total_minor": order.total_minor,
                "computed_total_minor": order.computed_total_minor,
                "audit_flags": order.audit_flags.split(), "payload": order.payload}


@router.post("/orders/{order_uuid}/status", response_model=OrderStatusOut)
def change_status(order_uuid: Key, body: StatusChangeIn, db: DB, staff: Merchant) -> OrderStatusOut:
    target = f"order {order_uuid} -> {body.status}"
    with db.write() as session:
        order = fulfilment.find_order(session, order_uuid, lock=True)
        refused = "no such order" if order is None else ""
        if order is not None:
            try:
                fulfilment.set_status(order, body.status, body.tracking_no, utcnow())
                out = fulfilment.order_out(session, order)
            except fulfilment.RequestRefused as exc:
                refused = str(exc)
    write_audit(db, staff.name, "order_status", target, refused)
    if refused:
        raise HTTPException(404 if order is None else 409, detail=refused)
    return out


@router.post("/requests/{request_id}/decision", response_model=RequestOut)
def decide(request_id: Key, body: DecisionIn, db: DB, staff: Merchant) -> RequestOut:
    target = f"request {request_id}: {'approve' if body.approve else 'reject'}"
    try:
        with db.write() as session:
            out = fulfilment.request_out(fulfilment.decide(session, request_id, body.approve, body.note,
                                                           utcnow()))
    except LookupError:
        write_audit(db, staff.name, "request_decision", target, "no such request")
        raise HTTPException(404, detail="no such request") from None
    except fulfilment.RequestRefused as exc:
        write_audit(db, staff.name, "request_decision", target, str(exc))
        raise HTTPException(409, detail=str(exc)) from None
    write_audit(db, staff.name, "request_decision", target, "ok")
    return out


@router.get("/quarantine")
def list_quarantine(db: DB, _staff: AnyStaff) -> list[dict[str, Any]]:
    with db.read() as session:
        return [{"device_id": q.device_id, "device_seq": q.device_seq, "order_uuid": q.order_uuid,
                 "payload_hash": q.payload_hash, "reason": q.reason, "received_at": iso(q.received_at)}
                for q in admin.quarantined(session)]


@router.get("/fleet")
def fleet_json(db: DB, _staff: AnyStaff) -> list[dict[str, Any]]:
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


def _catalog_write(db: DB, staff: Staff, what: str, fn: Any, *args: Any) -> dict[str, Any]:
    try:
        with db.write() as session:
            version = fn(session, *args)
    except catalog.CatalogError as exc:
        write_audit(db, staff.name, "catalog", what, str(exc))
        raise HTTPException(400, detail=str(exc)) from None
    write_audit(db, staff.name, "catalog", what, "ok" if version is not None else "not found")
    if version is None:
        raise HTTPException(404, detail="not found")
    return {"version": version}


@router.put("/catalog/categories/{code}")
def put_category(code: Key, db: DB, staff: Merchant,
                 doc: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    return _catalog_write(db, staff, f"put category {code}", catalog.upsert_category, {**doc, "code": code})


@router.delete("/catalog/categories/{code}")
def delete_category(code: Key, db: DB, staff: Merchant) -> dict[str, Any]:
    return _catalog_write(db, staff, f"delete category {code}", catalog.delete_category, code)


@router.put("/catalog/products/{sku}")
def put_product(sku: Key, db: DB, staff: Merchant,
                doc: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    return _catalog_write(db, staff, f"put product {sku}", catalog.upsert_product, {**doc, "sku": sku})


@router.patch("/catalog/products/{sku}")
def patch_product(sku: Key, db: DB, staff: Merchant, price_minor: Annotated[int | None, Body(ge=0)] = None,
                  stock: Annotated[int | None, Body(ge=0)] = None) -> dict[str, Any]:
    def apply(session: Any, key: str) -> int:
        return catalog.set_price_stock(session, key, price_minor=price_minor, stock=stock)
    return _catalog_write(db, staff, f"patch product {sku}", apply, sku)


@router.delete("/catalog/products/{sku}")
def delete_product(sku: Key, db: DB, staff: Merchant) -> dict[str, Any]:
    return _catalog_write(db, staff, f"delete product {sku}", catalog.delete_product, sku)


@router.post("/catalog/purge")
def purge(body: PurgeIn, db: DB, staff: Merchant) -> dict[str, Any]:
    with db.write() as session:
        purged = catalog.purge_tombstones(session, body.through)
    write_audit(db, staff.name, "catalog", f"purge through {body.through}", "ok")
    return {"purged_through": purged}
