"""The real kiosk process, driven by touch from a test or a benchmark.

`python -m tests.e2e.remote KIOSK-ARGS…` runs the kiosk's own entry point (`kiosk.__main__.main`) with
one addition: a thread that reads commands as JSON lines on stdin and answers each with one line on
stdout (prefixed, so nothing else the process prints is mistaken for an answer). Every command runs on
the GUI thread. `RemoteKiosk` is the other end: it starts the process and sends the commands.

A tap is a real mouse press and release at the centre of the named item, as a finger gives; a key of
the on-screen keyboard is tapped where it is drawn.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
ANSWER = "@@remote "


# --- inside the kiosk process --------------------------------------------------------------------

def _kiosk() -> Any:
    app = sys.modules.get("kiosk.ui.app")  # imported by the kiosk itself, when it starts its window
    kiosks = list(getattr(app, "_by_engine", {}).values())  # the one KioskUi it runs
    return kiosks[0] if kiosks else None


def _scene_rect(item: Any) -> list[float]:
    """The item's rectangle in window pixels (the stage's scaling included)."""
    from PySide6.QtCore import QPointF

    top_left = item.mapToScene(QPointF(0, 0))
    bottom_right = item.mapToScene(QPointF(item.width(), item.height()))
    return [top_left.x(), top_left.y(), bottom_right.x() - top_left.x(), bottom_right.y() - top_left.y()]


def _press(ui: Any, item: Any) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    x, y, w, h = _scene_rect(item)
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(x + w / 2), int(y + h / 2)))


def _key_item(ui: Any, text: str) -> Any:
    """The visible key of the on-screen keyboard that types `text`."""
    from kiosk.ui.items import walk

    panel = ui.item("inputPanel")
    for item in walk(panel):
        if (item.metaObject().className().split("_")[0].endswith("Key") and item.isVisible()
                and str(item.property("text") or "").lower() == text.lower()):
            return item
    raise LookupError(f"no key {text!r} on the keyboard")


def _keyboard(ui: Any) -> dict[str, Any]:
    try:
        panel = ui.item("inputPanel")
    except LookupError:
        return {"active": False, "rect": None}
    active = bool(panel.property("active")) and panel.isVisible()
    return {"active": active, "rect": _scene_rect(panel) if active else None}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return str(value)


class _Commands:
    """Each command takes its arguments and a reply callback; it runs on the GUI thread."""

    def __init__(self, ui: Any) -> None:
        self.ui = ui
        self.pay_round_trip_s = 0.0

    def ready(self, reply: Callable[[Any], None]) -> None:
        """The services are attached and a store is known (so a shopper can pay)."""
        services = self.ui.services
        reply(services is not None and services.payments is not None and self.ui.shell.property("ready"))

    def screen(self, reply: Callable[[Any], None]) -> None:
        reply(self.ui.navigator.screen)

    def prop(self, reply: Callable[[Any], None], name: str, key: str) -> None:
        try:
            reply(_jsonable(self.ui.item(name).property(key)))
        except LookupError:
            reply(None)

    def rect(self, reply: Callable[[Any], None], name: str) -> None:
        """A visible item's rectangle in window pixels, or None."""
        try:
            item = self.ui.item(name)
        except LookupError:
            reply(None)
            return
        reply(_scene_rect(item) if item.isVisible() else None)

    def focused(self, reply: Callable[[Any], None]) -> None:
        item = self.ui.window.activeFocusItem()
        reply(item.objectName() if item is not None else None)

    def keyboard(self, reply: Callable[[Any], None]) -> None:
        reply(_keyboard(self.ui))

    def tap(self, reply: Callable[[Any], None], name: str) -> None:
        _press(self.ui, self.ui.item(name))
        reply(True)

    def tap_key(self, reply: Callable[[Any], None], text: str) -> None:
        _press(self.ui, _key_item(self.ui, text))
        reply(True)

    def tap_until_keyboard(self, reply: Callable[[Any], None], name: str) -> None:
        """Tap a text field; answer with the milliseconds to the first frame that shows the keyboard."""
        from PySide6.QtCore import Qt

        window, start = self.ui.window, time.perf_counter()

        def swapped() -> None:  # may run on the render thread: only the clock and a queued check
            stamp = time.perf_counter()
            self.ui.bridge.post(lambda: check(stamp))

        def check(stamp: float) -> None:
            if not _keyboard(self.ui)["active"]:
                return  # a frame before the keyboard: wait for the next one
            window.frameSwapped.disconnect(swapped)
            reply(round((stamp - start) * 1000, 2))

        window.frameSwapped.connect(swapped, Qt.ConnectionType.DirectConnection)
        _press(self.ui, self.ui.item(name))
        window.update()

    def frame_time(self, reply: Callable[[Any], None]) -> None:
        """Milliseconds from asking for a frame to it being shown, with nothing new to draw: the least
        any visible change costs (a benchmark's baseline)."""
        from PySide6.QtCore import Qt

        window, start = self.ui.window, time.perf_counter()

        def swapped() -> None:
            stamp = time.perf_counter()
            window.frameSwapped.disconnect(swapped)
            self.ui.bridge.post(lambda: reply(round((stamp - start) * 1000, 2)))

        window.frameSwapped.connect(swapped, Qt.ConnectionType.DirectConnection)
        window.update()

    def scan(self, reply: Callable[[Any], None], code: str) -> None:
        devices = self.ui.services.devices
        reply(bool(devices.pty_scanner.scan(code)))

    def pay_until_done(self, reply: Callable[[Any], None]) -> None:
        """Pay the QR on screen as a phone does; answer with the seconds from the store's PAID answer to
        the first frame that shows the shopper their order is paid, and the seconds the phone's pay
        request took."""
        from PySide6.QtCore import Qt

        from kiosk.ui.demo.payment import phone_action

        code_url = str(self.ui.shopper.payment.property("codeUrl"))
        window = self.ui.window
        paid_at: list[float] = []

        def swapped() -> None:
            stamp = time.perf_counter()
            self.ui.bridge.post(lambda: check(stamp))

        def check(stamp: float) -> None:
            if not paid_at or self.ui.navigator.screen != "done" or stamp < paid_at[0]:
                return
            window.frameSwapped.disconnect(swapped)
            reply([round(stamp - paid_at[0], 3), round(self.pay_round_trip_s, 3)])

        def pay() -> None:  # off the GUI thread, as the phone is
            sent = time.perf_counter()
            answer = phone_action(code_url, "pay")
            paid_at.append(time.perf_counter())
            self.pay_round_trip_s = paid_at[0] - sent
            if answer != "paid":
                self.ui.bridge.post(lambda: reply({"error": f"the pay page said {answer!r}"}))

        window.frameSwapped.connect(swapped, Qt.ConnectionType.DirectConnection)
        threading.Thread(target=pay, daemon=True).start()

    def shot(self, reply: Callable[[Any], None], path: str) -> None:
        reply(bool(self.ui.window.grabWindow().save(path)))

    def quit(self, reply: Callable[[Any], None]) -> None:
        reply(True)
        self.ui.app.exit(0)


def _serve() -> None:
    while (ui := _kiosk()) is None:
        time.sleep(0.05)
    commands = _Commands(ui)
    for line in sys.stdin:
        request = json.loads(line)
        answer: Future[Any] = Future()

        def run(request: dict[str, Any] = request, answer: Future[Any] = answer) -> None:
            def reply(result: Any) -> None:
                if not answer.done():
                    answer.set_result(result)
            try:
                getattr(commands, request["command"])(reply, *request.get("args", []))
            except Exception as exc:
                answer.set_result({"error": f"{type(exc).__name__}: {exc}"})

        ui.bridge.post(run)
        try:
            value = answer.result(timeout=float(request.get("timeout", 30)))
        except TimeoutError:
            value = {"error": f"{request['command']} got no answer in time"}
        sys.stdout.write(ANSWER + json.dumps(value) + "\n")
        sys.stdout.flush()


def main() -> int:
    from kiosk.__main__ import main as kiosk_main

    threading.Thread(target=_serve, name="remote", daemon=True).start()
    return kiosk_main(sys.argv[1:])


# --- in the test -------------------------------------------------------------------------------

def headless_env() -> dict[str, str]:
    """This environment minus any kiosk settings, plus what a run without a display needs."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    return {**base, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software"}


class RemoteError(AssertionError):
    pass


def _tail(file: IO[str], lines: int = 30) -> str:
    file.seek(0)
    return "".join(file.readlines()[-lines:])


class RemoteKiosk:
    def __init__(self, *kiosk_args: str, env: dict[str, str] | None = None) -> None:
        # what the process says on stderr (its log included), for a failure's message
        self.stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115  (closed in stop)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.remote", *kiosk_args], cwd=ROOT, env=env or headless_env(),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, text=True, bufsize=1)
        self._answers: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.taps = 0

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith(ANSWER):
                self._answers.put(line[len(ANSWER):])

    def fail(self, message: str) -> RemoteError:
        return RemoteError(f"{message}\n--- the kiosk's stderr, last lines:\n{_tail(self.stderr)}")

    def call(self, command: str, *args: Any, timeout: float = 30) -> Any:
        assert self.proc.stdin is not None
        if self.proc.poll() is not None:
            raise self.fail(f"the kiosk exited with {self.proc.returncode}")
        self.proc.stdin.write(json.dumps({"command": command, "args": list(args), "timeout": timeout}) + "\n")
        self.proc.stdin.flush()
        try:
            value = json.loads(self._answers.get(timeout=timeout + 5))
        except queue.Empty:
            raise self.fail(f"{command}{args}: no answer from the kiosk") from None
        if isinstance(value, dict) and "error" in value:
            raise self.fail(f"{command}{args}: {value['error']}")
        return value

    def wait_until(self, what: str, predicate: Callable[[], Any], timeout: float = 30) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.05)
        raise self.fail(f"timed out waiting for {what}")

    def wait_screen(self, screen: str, timeout: float = 30) -> None:
        self.wait_until(f"screen {screen!r}", lambda: self.call("screen") == screen, timeout)

    def tap(self, name: str) -> None:
        self.call("tap", name)
        self.taps += 1

    def tap_key(self, text: str) -> None:
        self.call("tap_key", text)
        self.taps += 1

    def start(self, timeout: float = 90) -> RemoteKiosk:
        self.wait_until("the kiosk to be ready", lambda: self.call("ready"), timeout)
        return self

    def stop(self) -> int:
        if self.proc.poll() is None:
            with contextlib.suppress(RemoteError):
                self.call("quit", timeout=5)
        try:
            return self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            for pipe in (self.proc.stdin, self.proc.stdout):
                if pipe is not None:
                    pipe.close()
            self.stderr.close()

    def __enter__(self) -> RemoteKiosk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    sys.exit(main())

