"""The demo controls window: drive the simulated devices beside the kiosk (DESIGN.md "Demo mode")."""

from kiosk.ui.demo.controls import DemoControls, open_demo_controls

__all__ = ["DemoControls", "open_demo_controls"]
