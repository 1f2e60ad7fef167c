"""Application services behind the technician area (kiosk.ui.maintenance): Qt-free, one module a job."""
