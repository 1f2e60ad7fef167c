"""Simulated devices for demo mode and tests: a fake ESC/POS printer and a pty serial scanner."""

from kiosk.devices.sim.demo import DemoDevices, demo_devices
from kiosk.devices.sim.fake_printer import FakePrinter, MidJobFault, PaperLevel, PrintedJob, StatusMode
from kiosk.devices.sim.pty_scanner import PtyScanner

__all__ = ["DemoDevices", "FakePrinter", "MidJobFault", "PaperLevel", "PrintedJob", "PtyScanner",
           "StatusMode", "demo_devices"]
