"""The technician's settings page: the kiosk's settings by touch, the PIN, the diagnostic bundle,
service states."""

from __future__ import annotations

from kiosk.ui.maintenance.page import TechnicianPage


class SettingsPage(TechnicianPage):
    pass
