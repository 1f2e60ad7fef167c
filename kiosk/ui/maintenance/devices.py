"""The technician's devices page: printer, scanner and QR display (status, test print, live scans,
reconnect)."""

from __future__ import annotations

from kiosk.ui.maintenance.page import TechnicianPage


class DevicesPage(TechnicianPage):
    pass
