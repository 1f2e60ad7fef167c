"""Kiosk ↔ store sync, Qt-free (DESIGN "Sync contract").

- `protocol`: the wire contract shared with cloudstore (signing, payload shapes, payload_hash)
- `client`: the signed httpx client with clock-offset correction from `Date`
- `outbox`: the outbox pusher (exactly once, quarantine, split on 400, backoff, revocation)
- `catalog_pull`: the catalog change feed into the local catalog and the search index
- `heartbeat`: heartbeat and alerts for the store's fleet view
- `payments`: the payment client checkout uses (create / query / close, final query before close)
  and `PaymentPoller`, which follows one payment
- `worker`: `SyncWorker` (one per data dir)

Modules are imported by name: cloudstore imports `kiosk.sync.protocol` alone, and this package
must not drag the kiosk's database layer into the store.
"""
