"""Device figures: scan → event latency, receipt build time, QR render time, each beside a same-run
baseline. Run: .venv/bin/python bench/devices.py"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
import tty
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qrcode
import qrcode.constants
from escpos.printer import Dummy

from kiosk.devices.qr import build_qr
from kiosk.devices.receipt import PaperProfile, build_receipt, receipt_text_lines
from kiosk.devices.scans import Scan
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.sim.pty_scanner import PtyScanner
from kiosk.devices.sim.sample_receipt import sample_receipt
from kiosk.devices.status import DeviceState, DeviceStatus

SCANS = 300
RUNS = 60
CODE = b"]E04006381333931"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    fn()  # warm caches and imports
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def scan_latency(tmp: Path) -> list[float]:
    """Terminator byte written to the pty → parsed Scan delivered to a listener."""
    sim = PtyScanner(tmp / "scanner")
    sim.plug()
    scanner = SerialScanner(sim.path)
    ready = threading.Event()
    got = threading.Event()
    arrived: list[float] = []

    def on_scan(scan: Scan) -> None:
        arrived.append(time.perf_counter())
        got.set()

    def on_status(status: DeviceStatus) -> None:
        if status.state is DeviceState.READY:
            ready.set()

    scanner.add_status_listener(on_status)
    scanner.add_scan_listener(on_scan)
    scanner.start()
    ready.wait(5)
    out = []
    try:
        for _ in range(SCANS):
            got.clear()
            sim.write(CODE)
            time.sleep(0.002)  # the code is already in; only the terminator is timed
            t0 = time.perf_counter()
            sim.write(b"\r")
            if not got.wait(2):
                raise RuntimeError("scan never arrived")
            out.append((arrived[-1] - t0) * 1000)
    finally:
        scanner.stop()
        sim.close()
    return out


def raw_pty_latency() -> list[float]:
    """Baseline: the same bytes through a bare pty, read by a thread blocked in os.read."""
    master, slave = os.openpty()
    tty.setraw(slave)
    got = threading.Event()
    arrived: list[float] = []
    stop = False

    def reader() -> None:
        buf = b""
        while not stop:
            buf += os.read(slave, 256)
            if buf.endswith(b"\r"):
                arrived.append(time.perf_counter())
                buf = b""
                got.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    out = []
    for _ in range(SCANS):
        got.clear()
        os.write(master, CODE)
        time.sleep(0.002)
        t0 = time.perf_counter()
        os.write(master, b"\r")
        got.wait(2)
        out.append((arrived[-1] - t0) * 1000)
    stop = True
    os.write(master, b"\r")
    thread.join(1)
    os.close(master)
    os.close(slave)
    return out


def main() -> None:
    receipt = sample_receipt(lines=20)
    profile = PaperProfile(80, "image")
    lines = receipt_text_lines(receipt, profile)

    def dummy_plain() -> bytes:
        printer = Dummy()
        for line in lines:
            printer.textln(line)
        printer.cut()
        return bytes(printer.output)

    from PySide6.QtGui import QImage  # noqa: F401  (loaded before timing)

    from kiosk.ui.qr_image import qr_image

    def ours_qr() -> object:
        return qr_image(build_qr(receipt.qr_url), 8)

    def baseline_qr() -> object:
        code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8)
        code.add_data(receipt.qr_url)
        code.make(fit=True)
        return code.make_image()

    with tempfile.TemporaryDirectory() as tmp:
        scan = scan_latency(Path(tmp))
    raw = raw_pty_latency()
    build = timed(lambda: build_receipt(receipt, profile))
    plain = timed(dummy_plain)
    qr_ours = timed(ours_qr)
    qr_base = timed(baseline_qr)

    rows = [
        ("scan → event p50", statistics.median(scan), statistics.median(raw), "raw pty read, same bytes"),
        ("scan → event p95", pct(scan, 95), pct(raw, 95), "raw pty read, same bytes"),
        ("receipt build (20 lines) p50", statistics.median(build), statistics.median(plain),
         "python-escpos Dummy, same text, no QR"),
        ("receipt build (20 lines) p95", pct(build, 95), pct(plain, 95),
         "python-escpos Dummy, same text, no QR"),
        ("QR matrix + QImage p50", statistics.median(qr_ours), statistics.median(qr_base),
         "qrcode make_image (PIL)"),
        ("QR matrix + QImage p95", pct(qr_ours, 95), pct(qr_base, 95), "qrcode make_image (PIL)"),
    ]
    print(f"{'figure':<30} {'ours ms':>9} {'base ms':>9} {'ratio':>7}  baseline")
    for name, ours, base, what in rows:
        print(f"{name:<30} {ours:>9.3f} {base:>9.3f} {ours / base:>7.2f}  {what}")
    size = len(build_receipt(receipt, profile))
    print(f"({SCANS} scans, {RUNS} runs per build figure, {size} receipt bytes)")
    print(f"FIGURE scan_to_event_p95_ms {pct(scan, 95):.2f} ms target <= 5")
    print(f"FIGURE receipt_build_ms {statistics.median(build):.2f} ms target <= 20")
    print(f"FIGURE qr_render_ms {statistics.median(qr_ours):.2f} ms target <= 10")


if __name__ == "__main__":
    main()
