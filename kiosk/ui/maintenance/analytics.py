"""The technician's reports page: the merchant's figures (sales, categories, top products, repeat
shoppers, the funnel)."""

from __future__ import annotations

from kiosk.ui.maintenance.page import TechnicianPage


class AnalyticsPage(TechnicianPage):
    pass
