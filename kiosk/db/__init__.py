"""The kiosk's local SQLite store: models, engine, migrations, demo seed."""
