"""Self-service ordering kiosk: the Qt-free core (config, money, database, catalog, orders)."""

__version__ = "0.1.0"
