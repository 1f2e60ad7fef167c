"""The fullscreen kiosk on a bare X screen (no window manager, as a kiosk session runs it) covers the
whole screen, whatever its size and shape.

Xvfb draws into a file (`-fbdir`, XWD format), so the test reads back what is really on the screen.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.test_kiosk_process import wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

KIOSK_TITLE = "云商城自助终端"  # the window's title: the store name in the default language
ROOT = (0, 0, 0)  # the bare screen's own colour (Xvfb -br): what shows where the kiosk does not
TOOLS = ("Xvfb", "xwininfo")


@dataclass(frozen=True)
class Geometry:
    x: int
    y: int
    width: int
    height: int

    def contains(self, px: int, py: int) -> bool:
        return self.x <= px < self.x + self.width and self.y <= py < self.y + self.height


@dataclass
class BareScreen:
    display: str
    framebuffer: Path

    def xwininfo(self, *args: str) -> str:
        return subprocess.run(["xwininfo", "-root", *args], env={**os.environ, "DISPLAY": self.display},
                              capture_output=True, text=True, check=True, timeout=10).stdout

    def size(self) -> Geometry:
        root = self.xwininfo()
        width, height = (re.search(rf"{name}: (\d+)", root) for name in ("Width", "Height"))
        assert width is not None and height is not None, root
        return Geometry(0, 0, int(width.group(1)), int(height.group(1)))

    def windows(self) -> dict[str, Geometry]:
        """Top-level windows by title (xwininfo -root -tree: `0x… "title": (…)  WxH+X+Y  +X+Y`)."""
        tree = self.xwininfo("-tree")
        found = {}
        for title, w, h, x, y in re.findall(r'^\s+0x[0-9a-f]+ "(.*)": \(.*\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)',
                                            tree, re.M):
            found[title] = Geometry(int(x), int(y), int(w), int(h))
        return found

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        """One pixel of the screen as drawn, read from Xvfb's XWD framebuffer file."""
        data = self.framebuffer.read_bytes()
        fields = struct.unpack(">25I", data[:100])
        header_size, byte_order, bits_per_pixel, bytes_per_line = fields[0], fields[7], fields[11], fields[12]
        masks, ncolors = fields[14:17], fields[19]
        assert bits_per_pixel == 32, f"a 24-bit screen is stored 32 bits a pixel, not {bits_per_pixel}"
        offset = header_size + 12 * ncolors + y * bytes_per_line + x * 4
        value = int.from_bytes(data[offset:offset + 4], "little" if byte_order == 0 else "big")
        return tuple((value & mask) >> ((mask & -mask).bit_length() - 1) for mask in masks)  # type: ignore[return-value]


def needs_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"no {', '.join(missing)}: install Debian's xvfb and x11-utils "
                    "(`make test` does it when run as root)")


@pytest.fixture(params=["1920x1080", "1080x1920"])
def bare_screen(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BareScreen]:
    """Xvfb with no window manager at all, on a free display number it picks itself."""
    needs_tools()
    fbdir = tmp_path / "fb"
    fbdir.mkdir()
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{request.param}x24", "-fbdir", str(fbdir),
         "-nolisten", "tcp", "-br"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        yield BareScreen(f":{number}", fbdir / "Xvfb_screen0")
    finally:
        server.terminate()
        server.wait(timeout=10)


def kiosk_env(display: str, home: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("KIOSK_", "QT_", "XDG_", "WAYLAND_"))}
    # only the display: the renderer and everything else are the kiosk's own choices
    return {**base, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": str(home),
            "XDG_RUNTIME_DIR": str(home)}


def test_fullscreen_kiosk_covers_a_bare_screen(bare_screen: BareScreen, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    log_file = tmp_path / "data" / "logs" / "kiosk.log"
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "--demo", "--data-dir", str(tmp_path / "data")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=kiosk_env(bare_screen.display, home))
    try:
        wait_for(lambda: log_file.exists() and "kiosk ready" in log_file.read_text(encoding="utf-8"),
                 90, "the kiosk to be ready")
        full = bare_screen.size()
        width, height = full.width, full.height
        try:
            wait_for(lambda: bare_screen.windows().get(KIOSK_TITLE) == full, 10, "the whole screen")
        except AssertionError:
            pytest.fail(f"the kiosk window is {bare_screen.windows().get(KIOSK_TITLE)}, the screen {full}")

        # and it is drawn there: no corner the demo controls leave free shows the bare screen
        controls = bare_screen.windows().get("Kiosk demo controls", Geometry(0, 0, 0, 0))
        corners = [(2, 2), (width - 3, 2), (2, height - 3), (width - 3, height - 3)]
        free = [corner for corner in corners if not controls.contains(*corner)]
        assert len(free) >= 2
        wait_for(lambda: all(bare_screen.pixel(*c) != ROOT for c in free), 10,
                 f"the kiosk drawn in the corners {free}")

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
