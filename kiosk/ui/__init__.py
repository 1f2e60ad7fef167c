"""The Qt layer: the only package that imports PySide6."""

from kiosk.ui.environment import prepare_qt

# before any module of this package lets PySide6 create the application
prepare_qt()
