"""Demo mode: the fake printer and the pty scanner, with the real adapters connected to them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.config import PrinterConfig, ScannerConfig
from kiosk.devices.factory import build_printer, build_scanner
from kiosk.devices.ports import BarcodeScanner, ReceiptPrinter
from kiosk.devices.receipt import MoneyFormat, ReceiptLabels, plain_money
from kiosk.devices.sim.fake_printer import FakePrinter
from kiosk.devices.sim.pty_scanner import PtyScanner


@dataclass
class DemoDevices:
    fake_printer: FakePrinter | None
    pty_scanner: PtyScanner | None
    printer: ReceiptPrinter | None
    scanner: BarcodeScanner | None

    def start(self) -> None:
        """Start the adapters (attach status and scan listeners first)."""
        for device in (self.printer, self.scanner):
            if device is not None:
                device.start()

    def stop(self) -> None:
        for device in (self.scanner, self.printer):
            if device is not None:
                device.stop()
        if self.pty_scanner is not None:
            self.pty_scanner.close()
        if self.fake_printer is not None:
            self.fake_printer.stop()


def demo_devices(printer_cfg: PrinterConfig, scanner_cfg: ScannerConfig, run_dir: Path,
                 labels: ReceiptLabels | None = None, money: MoneyFormat = plain_money) -> DemoDevices:
    """Simulators for `kind = "sim"` devices, real adapters for the rest; nothing started yet
    except the simulators themselves."""
    fake = pty = None
    address = None
    if printer_cfg.kind == "sim":
        fake = FakePrinter(printer_cfg.paper_width_mm).start()
        address = fake.address
    sim_path = None
    if scanner_cfg.kind == "sim":
        run_dir.mkdir(parents=True, exist_ok=True)
        pty = PtyScanner(run_dir / "scanner")
        pty.plug()
        sim_path = pty.path
    printer = build_printer(printer_cfg, sim_address=address, labels=labels, money=money)
    scanner = build_scanner(scanner_cfg, sim_path=sim_path)
    return DemoDevices(fake, pty, printer, scanner)
