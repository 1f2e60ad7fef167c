"""The catalog puller: the store's change feed into the local catalog, then the search index.

`GET /v1/catalog/changes?cursor=` pages through everything stamped after the kiosk's cursor. All
pages of one pull are applied in ONE write transaction, so a shopper never browses half a catalog
update. The cursor (and the ETag of the last empty answer, for a cheap 304) lives in the settings
table, so a restarted kiosk asks only for what it has not seen. A 410 means the store purged
tombstones past our cursor: we start again from cursor 0, a full snapshot, which has no tombstones,
so whatever the snapshot does not name is removed locally. A kiosk that never reached its store
keeps its bundled catalog until its first pull (a snapshot) replaces it. A snapshot without a single
product is refused while the kiosk has some: that is a store whose catalog was never loaded, and
applying it would leave the shelves empty.

After the changes, the same pull fetches the store's "often bought together" lists
(`GET /v1/catalog/together`, strictly checked by kiosk.sync.protocol.check_together) and replaces the
`together` table with them in one transaction; an ETag makes an unchanged answer a 304. Trouble there
is logged and keeps the lists the kiosk has: recommendations never hold up the catalog.

Documents have the shape of assets/catalog/demo_catalog.json (see cloudstore/catalog.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import httpx
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from kiosk.catalog.search import refresh_index
from kiosk.db.engine import Database
from kiosk.db.models import (
    Category,
    Product,
    ProductBarcode,
    ProductImage,
    ProductSpec,
    Review,
    Setting,
    ShipProfile,
    Together,
)
from kiosk.db.seed import CATALOG_VERSION_KEY
from kiosk.events import EventBus
from kiosk.sync.client import SyncClient
from kiosk.sync.protocol import TOGETHER_PATH, CatalogTogether, TogetherError, check_together

log = logging.getLogger(__name__)

CHANGES_PATH = "/v1/catalog/changes"
CURSOR_KEY = "sync.catalog_cursor"
ETAG_KEY = "sync.catalog_etag"  # "<cursor> <etag>": an ETag is only good for the cursor it came with
TOGETHER_ETAG_KEY = "sync.together_etag"
PAGE_LIMIT = 500
_MAX_PAGES = 10_000  # a store that never says has_more=false must not keep us here forever
_IN_CHUNK = 500  # SQLite bound-parameter lists stay well under its limits


class CatalogPullError(Exception):
    """The store answered something we cannot use; the pull changed nothing locally."""

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


@dataclass(frozen=True)
class PullResult:
    changed: bool
    cursor: int
    upserts: int = 0
    deletes: int = 0
    snapshot: bool = False
    not_modified: bool = False
    index_rebuilt: bool = False
    together: int | None = None  # products given a co-purchase list; None: the lists did not change


def _setting(session: Session, key: str) -> str | None:
    return session.scalar(select(Setting.value).where(Setting.key == key))


def load_cursor(db: Database) -> tuple[int, str | None]:
    """The stored cursor and the ETag that belongs to it (None if the ETag is for another cursor)."""
    with db.read() as session:
        raw_cursor = _setting(session, CURSOR_KEY)
        raw_etag = _setting(session, ETAG_KEY)
    cursor = int(raw_cursor) if raw_cursor and raw_cursor.isdigit() else 0
    etag = None
    if raw_etag:
        etag_cursor, _, value = raw_etag.partition(" ")
        if etag_cursor == str(cursor) and value:
            etag = value
    return cursor, etag


def _chunks(values: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(values), _IN_CHUNK):
        yield values[i : i + _IN_CHUNK]


class CatalogPuller:
    def __init__(self, db: Database, client: SyncClient, *, events: EventBus | None = None,
                 page_limit: int = PAGE_LIMIT, refresh: Callable[[Database], bool] = refresh_index) -> None:
        self.db = db
        self.client = client
        self.events = events
        self.page_limit = page_limit
        self._refresh = refresh

    def pull(self) -> PullResult:
        """Fetch every change since the stored cursor and apply it; raises httpx.TransportError on
        network trouble and CatalogPullError on an unusable answer (nothing applied either way).
        Then the co-purchase lists (`pull_together`)."""
        result = self._pull_changes()
        together = self.pull_together()
        return result if together is None else replace(result, together=together)

    def pull_together(self) -> int | None:
        """Replace the local co-purchase lists with the store's; returns how many products have one,
        or None when nothing changed (304, an older store without the endpoint, or trouble: logged)."""
        with self.db.read() as session:
            etag = _setting(session, TOGETHER_ETAG_KEY)
        try:
            response = self.client.get(TOGETHER_PATH, headers={"If-None-Match": etag} if etag else {})
        except httpx.TransportError as exc:
            log.warning("together lists: %s", exc)
            return None
        if response.status_code == 304:
            return None
        if response.status_code == 404:
            log.info("together lists: the store has none (HTTP 404): the kiosk counts its own orders")
            return None
        if response.status_code != 200:
            log.warning("together lists: HTTP %d: %s", response.status_code, response.text[:200])
            return None
        try:
            lists = check_together(response.json())
        except (ValueError, TogetherError) as exc:
            log.warning("together lists refused, the kiosk keeps its own: %s", exc)
            return None
        count = self._apply_together(lists, response.headers.get("etag") or "")
        if self.events is not None:
            self.events.publish("sync.together", products=count)
        return count

    def _apply_together(self, lists: CatalogTogether, etag: str) -> int:
        with self.db.write() as session:
            ids = {sku: pid for sku, pid in session.execute(select(Product.sku, Product.id))}
            rows: list[dict[str, Any]] = []
            products = 0
            for sku, entries in lists["together"].items():
                pid = ids.get(sku)
                known = [(ids[e["sku"]], e["orders"]) for e in entries if e["sku"] in ids] if pid else []
                rows += [{"product_id": pid, "rank": rank, "other_id": other, "orders": orders}
                         for rank, (other, orders) in enumerate(known)]
                products += bool(known)
            session.execute(delete(Together))
            for i in range(0, len(rows), _IN_CHUNK * 10):
                session.execute(insert(Together), rows[i : i + _IN_CHUNK * 10])
            session.merge(Setting(key=TOGETHER_ETAG_KEY, value=etag))
        return products

    def _pull_changes(self) -> PullResult:
        cursor, etag = load_cursor(self.db)
        snapshot = cursor == 0
        changes: list[dict[str, Any]] = []
        page_cursor = cursor
        new_etag: str | None = None
        for _page in range(_MAX_PAGES):
            headers = {"If-None-Match": etag} if etag and page_cursor == cursor and not changes else {}
            response = self.client.get(CHANGES_PATH, params={"cursor": page_cursor, "limit": self.page_limit},
                                       headers=headers)
            if response.status_code == 304:
                return PullResult(changed=False, cursor=cursor, not_modified=True)
            if response.status_code == 410 and not snapshot:
                log.info("catalog cursor %d is too old for the store: taking a full snapshot", cursor)
                snapshot, page_cursor, changes = True, 0, []
                continue
            if response.status_code != 200:
                raise CatalogPullError(f"catalog changes: HTTP {response.status_code}: {response.text[:200]}",
                                       response.status_code)
            try:
                body = response.json()
                page = list(body["changes"])
                next_cursor, has_more = int(body["next_cursor"]), bool(body["has_more"])
            except (ValueError, KeyError, TypeError) as exc:
                raise CatalogPullError(f"catalog changes: bad body: {exc}") from None
            changes.extend(page)
            if not has_more:
                new_etag = response.headers.get("etag") if not page and page_cursor == next_cursor else None
                break
            if next_cursor <= page_cursor:
                raise CatalogPullError(f"catalog changes: cursor did not advance from {page_cursor}")
            page_cursor = next_cursor
        else:
            raise CatalogPullError("catalog changes: too many pages")

        if snapshot and not any(c.get("entity") == "product" and c.get("op") == "upsert" for c in changes):
            local = self._product_count()
            if local:
                # a store whose catalog was never loaded would empty every kiosk's shelves at once
                raise CatalogPullError(f"catalog snapshot names no products: the {local} local products are "
                                       "kept until the store's catalog is loaded")
        try:
            upserts, deletes = self._apply(changes, next_cursor, snapshot, new_etag)
        except (KeyError, ValueError, TypeError) as exc:  # the write transaction has rolled back
            raise CatalogPullError(f"catalog changes: unusable document: {exc!r}") from None
        changed = bool(upserts or deletes or snapshot)
        rebuilt = self._refresh(self.db) if changed else False
        result = PullResult(changed, next_cursor, upserts, deletes, snapshot, False, rebuilt)
        if changed and self.events is not None:
            self.events.publish("sync.catalog", cursor=next_cursor, upserts=upserts, deletes=deletes,
                                snapshot=snapshot)
        return result

    # --- applying ------------------------------------------------------------------------------------

    def _product_count(self) -> int:
        with self.db.read() as session:
            return int(session.scalar(select(func.count()).select_from(Product)) or 0)

    def _apply(self, changes: list[dict[str, Any]], cursor: int, snapshot: bool,
               etag: str | None) -> tuple[int, int]:
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        for change in sorted(changes, key=lambda c: int(c.get("version", 0))):
            latest[(str(change["entity"]), str(change["key"]))] = change  # the last state of a key wins
        cat_up = [c for (e, _), c in latest.items() if e == "category" and c["op"] == "upsert"]
        prod_up = [c for (e, _), c in latest.items() if e == "product" and c["op"] == "upsert"]
        prod_del = [k for (e, k), c in latest.items() if e == "product" and c["op"] == "delete"]
        cat_del = [k for (e, k), c in latest.items() if e == "category" and c["op"] == "delete"]
        with self.db.write() as session:
            category_ids = self._upsert_categories(session, [c["data"] for c in cat_up])
            self._upsert_products(session, prod_up, category_ids)
            if snapshot:  # a snapshot names everything that exists; the rest is gone
                keep = {str(c["data"]["sku"]) for c in prod_up}
                prod_del += [s for s in session.scalars(select(Product.sku)) if s not in keep]
                keep_cats = {str(c["data"]["code"]) for c in cat_up}
                cat_del += [c for c in session.scalars(select(Category.code)) if c not in keep_cats]
            removed = self._delete_products(session, prod_del)
            removed += self._delete_categories(session, cat_del)
            session.merge(Setting(key=CURSOR_KEY, value=str(cursor)))
            session.merge(Setting(key=CATALOG_VERSION_KEY, value=str(cursor)))
            session.merge(Setting(key=ETAG_KEY, value=f"{cursor} {etag}" if etag else ""))
        return len(cat_up) + len(prod_up), removed

    @staticmethod
    def _upsert_categories(session: Session, docs: list[dict[str, Any]]) -> dict[str, int]:
        ids = {code: cid for code, cid in session.execute(select(Category.code, Category.id))}
        for doc in docs:
            zh, en = _bi(doc, "name")
            values = {"name_zh": zh, "name_en": en, "icon": str(doc.get("icon") or ""),
                      "sort_order": int(doc.get("sort_order") or 0)}
            code = str(doc["code"])
            if code in ids:
                session.execute(update(Category).where(Category.id == ids[code]).values(**values))
            else:
                ids[code] = session.execute(insert(Category).values(code=code, **values)
                                            .returning(Category.id)).scalar_one()
        return ids

    def _upsert_products(self, session: Session, changes: list[dict[str, Any]],
                         category_ids: dict[str, int]) -> None:
        if not changes:
            return
        ids = {sku: pid for sku, pid in session.execute(select(Product.sku, Product.id))}
        touched: list[int] = []
        children: dict[type[Any], list[dict[str, Any]]] = {ProductSpec: [], ProductImage: [], Review: []}
        barcodes: list[dict[str, Any]] = []
        for change in changes:
            doc, version = change["data"], int(change.get("version", 0))
            category = str(doc.get("category") or doc.get("category_code") or "")
            if category not in category_ids:
                # a product whose category we do not have: keep it findable under a stand-in
                category_ids[category] = session.execute(insert(Category).values(
                    code=category, name_zh=category, name_en=category).returning(Category.id)).scalar_one()
            values = _product_values(doc, version, category_ids[category])
            sku = str(doc["sku"])
            if sku in ids:
                session.execute(update(Product).where(Product.id == ids[sku]).values(**values))
            else:
                ids[sku] = session.execute(insert(Product).values(sku=sku, **values)
                                           .returning(Product.id)).scalar_one()
            pid = ids[sku]
            touched.append(pid)
            children[ProductSpec] += _specs(doc, pid)
            children[ProductImage] += [{"product_id": pid, "position": i, "path": str(path)}
                                       for i, path in enumerate(doc.get("images") or [])]
            children[Review] += _reviews(doc, pid)
            barcodes += [{"gtin": str(code), "product_id": pid} for code in dict.fromkeys(
                str(b) for b in doc.get("barcodes") or [])]
        for chunk in _chunks(touched):
            for model in (ProductSpec, ProductImage, Review, ProductBarcode):
                session.execute(delete(model).where(model.product_id.in_(chunk)))
        # a barcode may have moved from another product: the newest owner takes it
        gtins = [b["gtin"] for b in barcodes]
        for i in range(0, len(gtins), _IN_CHUNK):
            session.execute(delete(ProductBarcode).where(ProductBarcode.gtin.in_(gtins[i : i + _IN_CHUNK])))
        children[ProductBarcode] = list({b["gtin"]: b for b in barcodes}.values())  # the later owner wins
        for model, rows in children.items():
            if rows:
                session.execute(insert(model), rows)

    @staticmethod
    def _delete_products(session: Session, skus: list[str]) -> int:
        removed = 0
        for i in range(0, len(skus), _IN_CHUNK):
            # children go by ON DELETE CASCADE; order lines keep their snapshot (product_id SET NULL)
            result = session.execute(delete(Product).where(Product.sku.in_(skus[i : i + _IN_CHUNK]))
                                     .returning(Product.id))
            removed += len(result.all())
        return removed

    @staticmethod
    def _delete_categories(session: Session, codes: list[str]) -> int:
        removed = 0
        for code in codes:
            in_use = session.scalar(select(Product.id).join(Category).where(Category.code == code).limit(1))
            if in_use is not None:
                log.warning("category %s is gone from the store but still has local products", code)
                continue
            removed += len(session.execute(delete(Category).where(Category.code == code)
                                           .returning(Category.id)).all())
        return removed


# --- documents → rows ------------------------------------------------------------------------------


def _bi(doc: dict[str, Any], name: str) -> tuple[str, str]:
    """(zh, en) from {"zh", "en"}, flat name_zh/name_en, or one plain string."""
    value = doc.get(name)
    if isinstance(value, dict):
        zh, en = value.get("zh"), value.get("en")
    else:
        zh, en = doc.get(f"{name}_zh", value), doc.get(f"{name}_en", value)
    zh, en = zh or en or "", en or zh or ""
    return str(zh), str(en)


def _product_values(doc: dict[str, Any], version: int, category_id: int) -> dict[str, Any]:
    name_zh, name_en = _bi(doc, "name")
    desc_zh, desc_en = _bi(doc, "description")
    brand_zh, brand_en = _bi(doc, "brand")
    raw_ship = doc.get("ship")
    ship: dict[str, Any] = raw_ship if isinstance(raw_ship, dict) else {}
    profile = str(ship.get("profile") or doc.get("ship_profile") or ShipProfile.IN_STOCK.value)
    reviews = doc.get("reviews") or []
    return {
        "category_id": category_id, "name_zh": name_zh, "name_en": name_en,
        "description_zh": desc_zh, "description_en": desc_en,
        # one brand column: both names only when they differ (as the bundled catalog does)
        "brand": brand_zh if brand_zh == brand_en else f"{brand_zh} {brand_en}".strip(),
        "price_minor": int(doc["price_minor"]), "currency": str(doc.get("currency") or "CNY"),
        "stock": int(doc.get("stock") or 0), "ship_profile": ShipProfile(profile),
        "ship_min_days": int(ship.get("min_days", doc.get("ship_min_days", 1))),
        "ship_max_days": int(ship.get("max_days", doc.get("ship_max_days", 3))),
        "popularity": int(doc.get("popularity") or 0),
        "rating_avg": float(doc.get("rating_avg") or 0.0),
        "review_count": int(doc.get("review_count") or len(reviews)),
        "active": bool(doc.get("active", True)),
        # the store's change version: a cart line priced at it is what the store audits against
        "catalog_version": version,
    }


def _specs(doc: dict[str, Any], product_id: int) -> list[dict[str, Any]]:
    rows = []
    for i, spec in enumerate(doc.get("specs") or []):
        key_zh, key_en = _bi(spec, "key")
        value_zh, value_en = _bi(spec, "value")
        rows.append({"product_id": product_id, "position": i, "key_zh": key_zh, "key_en": key_en,
                     "value_zh": value_zh, "value_en": value_en})
    return rows


def _reviews(doc: dict[str, Any], product_id: int) -> list[dict[str, Any]]:
    rows = []
    for review in doc.get("reviews") or []:
        raw_date = str(review.get("date") or review.get("created_on") or "")
        try:
            created = dt.date.fromisoformat(raw_date)
        except ValueError:
            created = dt.date(1970, 1, 1)
        rows.append({"product_id": product_id, "rating": int(review["rating"]),
                     "text": str(review.get("text") or ""),
                     "language": str(review.get("language") or "zh_CN"), "created_on": created,
                     "author_masked": str(review.get("author") or review.get("author_masked") or "")})
    return rows


def pull_or_none(puller: CatalogPuller) -> PullResult | None:
    """One pull for loops that must not die: network trouble and bad answers are logged, not raised."""
    try:
        return puller.pull()
    except (httpx.TransportError, CatalogPullError) as exc:
        log.warning("catalog pull failed: %s", exc)
        return None
