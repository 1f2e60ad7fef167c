"""The technician's sync page: the store link, the outbox, quarantined orders and open alerts."""

from __future__ import annotations

from kiosk.ui.maintenance.page import TechnicianPage


class SyncPage(TechnicianPage):
    pass
