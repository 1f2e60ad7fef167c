"""Reference central cloud store: catalog, order ingest, payment sandbox, fulfilment and fleet health."""

__version__ = "0.1.0"
