"""The technician's orders page: today's orders, search, detail, reprint, settle, cancel."""

from __future__ import annotations

from kiosk.ui.maintenance.page import TechnicianPage


class OrdersPage(TechnicianPage):
    pass
