"""Build the configured devices; a real device is chosen by config alone."""

from __future__ import annotations

from kiosk.config import PrinterConfig, ScannerConfig
from kiosk.devices.backoff import Backoff
from kiosk.devices.escpos_printer import EscposReceiptPrinter
from kiosk.devices.ports import BarcodeScanner, ReceiptPrinter
from kiosk.devices.printer_link import FileLink, NetworkLink, PrinterLink, SerialLink, UsbLink
from kiosk.devices.receipt import MoneyFormat, PaperProfile, ReceiptLabels, plain_money
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.wedge import WedgeScanner


def printer_link(cfg: PrinterConfig, sim_address: tuple[str, int] | None = None) -> PrinterLink | None:
    timeout = float(cfg.timeout_s)
    if cfg.kind == "sim":
        host, port = sim_address or (cfg.host, cfg.port)
        return NetworkLink(host, port, timeout)
    if cfg.kind == "network":
        return NetworkLink(cfg.host, cfg.port, timeout)
    if cfg.kind == "usb":
        return UsbLink(cfg.usb_vendor_id, cfg.usb_product_id, timeout)
    if cfg.kind == "serial":
        return SerialLink(cfg.serial_port, cfg.baudrate, timeout)
    if cfg.kind == "file":
        return FileLink(cfg.path)
    return None


def build_printer(cfg: PrinterConfig, *, sim_address: tuple[str, int] | None = None,
                  labels: ReceiptLabels | None = None, money: MoneyFormat = plain_money,
                  poll_interval_s: float = 2.0, backoff: Backoff | None = None) -> ReceiptPrinter | None:
    """None when `kind = "none"`. Not started: call `start()` once listeners are attached."""
    link = printer_link(cfg, sim_address)
    if link is None:
        return None
    return EscposReceiptPrinter(
        link, profile=PaperProfile(cfg.paper_width_mm), labels=labels, money=money,
        status_timeout_s=min(0.5, cfg.timeout_s / 2), job_timeout_s=float(cfg.timeout_s),
        poll_interval_s=poll_interval_s, backoff=backoff,
    )


def build_scanner(cfg: ScannerConfig, *, sim_path: str | None = None,
                  backoff: Backoff | None = None) -> BarcodeScanner | None:
    """None when `kind = "none"`. A "wedge" scanner is fed keys by kiosk/ui."""
    if cfg.kind == "sim":
        port = sim_path or cfg.port
        if not port:
            raise ValueError("a simulated scanner needs the path of its pty link")
        return SerialScanner(port, cfg.baudrate, backoff=backoff)
    if cfg.kind == "serial":
        return SerialScanner(cfg.port, cfg.baudrate, backoff=backoff)
    if cfg.kind == "wedge":
        return WedgeScanner()
    return None
