"""The kill -9 matrix: scripted purchases in a child kiosk process, killed with SIGKILL at random
moments, restarted and left to recover; then the money path is audited end to end.

Four processes, all real, all on 127.0.0.1:

- the store: `cloudstore serve` (Uvicorn) on a SQLite file, seeded with the demo catalog, with this
  kiosk registered by `cloudstore add-device`;
- the fake ESC/POS printer (`tests/faults/kill9_printer.py`) on a TCP port: it outlives every kiosk
  and counts every receipt of the run, per order number;
- the kiosk (`tests/faults/kill9_child.py`): the kiosk's own composition root without the window, on a
  real data dir (SQLite, key, logs), its printer a network printer at the fake's port;
- this process: it drives purchases, pays every QR as a phone does (opens the `code_url` page, taps
  Pay: GET then POST) and chooses when to kill.

Every kill is aimed at a window of the purchase (a trigger phase the kiosk reports, or the phone's
pay answer, plus a seeded random delay), then classified from the ground truth once the kiosk is dead
(its database, the store's database, the printer's receipts): where the purchase really stood. After
each kill: `PRAGMA integrity_check` on the kiosk database, a restart, and a wait for recovery (no open
payment outcome, an empty outbox, a receipt for every paid order).

At the end, after a last clean restart that drains what is left: every payment the store holds as
PAID is exactly one order in the store's ingested orders; no order is paid in the kiosk and missing in
the store; no receipt was printed twice; every paid order has its receipt; no integrity check failed.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[2]
DEVICE_NAME = "K99"
START_TIMEOUT_S = 60.0
RECOVERY_TIMEOUT_S = 30.0  # open payments settled and the outbox drained, or the recovery failed
RECEIPT_GRACE_S = 1.5  # then, how long a paid order's missing receipt is waited for
PHONE_TIMEOUT_S = 10.0
# the fake printer's pace per line: a receipt takes a few hundred milliseconds to come out, as on a
# real thermal printer, so "between PAID and the receipt" is a window a kill can land in
PRINTER_LINE_S = 0.01
PAID_STATES = frozenset({"PAID", "SYNCED", "PAID_ORPHAN"})
OPEN_STATES = frozenset({"PENDING_PAYMENT", "PAYMENT_UNKNOWN"})

# what each kill is aimed at: the trigger it waits for and the spread of its random delay
PLANS: dict[str, str] = {
    "before_commit": "0-15 ms after the purchase begins (the order commits in this time)",
    "before_payment": "15-60 ms after the purchase begins (the payment is being created)",
    "payment_create": "the moment the store has created the payment, before the kiosk records it",
    "qr_up": "0-800 ms after the QR shows; the phone then pays (kiosk down or restarting), declines or not",
    "store_paid": "0 to one poll interval after the phone's Pay is answered PAID",
    "after_paid": "after the kiosk's PAID, within the receipt's printing time (measured in the baseline)",
    "mid_push": "the moment the order lands in the store, or within the push time after PAID",
    "idle": "0-500 ms after the purchase is over",
    "recovery": "a kill after the phone paid, then another as the restart starts or just after it",
}

# where a kill really landed, from the ground truth; a kill after PAID may be in several windows at
# once (the receipt prints while the order is pushed)
WINDOWS: dict[str, str] = {
    "before_commit": "before the order commits",
    "no_payment": "order committed, no payment created at the store",
    "unrecorded": "payment created at the store, not recorded by the kiosk",
    "qr_up": "QR up, not paid",
    "store_paid": "store PAID, kiosk not PAID",
    "unprinted": "kiosk PAID, no complete receipt yet",
    "mid_print": "  of which: the receipt cut off mid-job",
    "print_unacked": "receipt handed to the printer, kiosk not told",
    "push_unsent": "kiosk PAID, order not at the store yet",
    "push_unacked": "order at the store, kiosk not told (mid-push)",
    "done": "purchase over (printed and pushed, or not paid)",
    "recovery": "during the restart's recovery",
}


# --- ground truth --------------------------------------------------------------------------------------


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection: the matrix looks, never writes, and never checkpoints the WAL."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


@dataclass
class KioskView:
    orders: dict[str, tuple[str, str]]  # order_uuid → (order_no, state)
    payments: dict[str, list[str]]  # order_uuid → the store payment ids the kiosk recorded
    outbox: dict[str, str]  # order_uuid → outbox state
    # receipts that went to the printer as the kiosk was killed: maybe on paper, reported to staff
    # (printing never repeats one by itself, so it is never printed twice)
    uncertain: set[str] = dataclasses.field(default_factory=set)

    def order_no(self, order_uuid: str) -> str:
        return self.orders.get(order_uuid, ("", ""))[0]

    def state(self, order_uuid: str) -> str:
        return self.orders.get(order_uuid, ("", ""))[1]

    def paid(self) -> set[str]:
        return {u for u, (_, state) in self.orders.items() if state in PAID_STATES}


def kiosk_view(db_path: Path) -> KioskView:
    with contextlib.closing(read_only(db_path)) as conn:
        orders = {u: (no, state) for u, no, state in
                  conn.execute("SELECT order_uuid, order_no, state FROM orders")}
        payments: dict[str, list[str]] = collections.defaultdict(list)
        for u, pid in conn.execute("SELECT o.order_uuid, p.payment_id FROM payments p "
                                   "JOIN orders o ON o.id = p.order_id ORDER BY p.id"):
            payments[u].append(pid or "")
        outbox = dict(conn.execute("SELECT order_uuid, state FROM outbox"))
        uncertain = {u for (u,) in conn.execute(
            "SELECT order_uuid FROM orders WHERE receipt_state = 'uncertain'")}
    return KioskView(orders, dict(payments), outbox, uncertain)


def integrity(db_path: Path) -> str:
    """'ok', or what SQLite found."""
    try:
        with contextlib.closing(read_only(db_path)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok" if rows == ["ok"] else "; ".join(rows)[:500]


@dataclass
class StorePayment:
    payment_id: str
    order_uuid: str
    status: str
    expired: bool


@dataclass
class StoreView:
    payments: dict[str, StorePayment]  # payment_id → payment
    orders: dict[str, str]  # order_uuid → the payment id its payload names

    def payments_of(self, order_uuid: str) -> list[StorePayment]:
        return [p for p in self.payments.values() if p.order_uuid == order_uuid]


# --- the store, the printer and the kiosk, each its own process ---------------------------------------


def child_env(home: Path) -> dict[str, str]:
    """No KIOSK_* setting leaks in; HOME and XDG point into the run's own folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "CLOUDSTORE_"))}
    env["HOME"] = str(home)
    for name, sub in {"XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
                      "XDG_CACHE_HOME": ".cache", "XDG_STATE_HOME": ".local/state",
                      "XDG_RUNTIME_DIR": "run"}.items():
        (home / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
        env[name] = str(home / sub)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _die_with_parent() -> None:
    """In the store's process before exec: it goes when the matrix goes, even killed (Linux). The
    printer and the kiosk need nothing: they stop when their stdin closes."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StoreProcess:
    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.db_path = folder / "store.sqlite3"
        self.db_url = f"sqlite:///{self.db_path}"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.device_id = self.secret = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def _cli(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "cloudstore", *args, "--db", self.db_url], cwd=ROOT,
                              env=self.env, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"cloudstore {args[0]} failed: {done.stderr[-1000:]}")
        return done.stdout

    def start(self) -> StoreProcess:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._cli("seed-demo")
        device = json.loads(self._cli("add-device", DEVICE_NAME))
        self.device_id, self.secret = device["device_id"], device["secret"]
        self._log = (self.folder / "store.log").open("ab")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "cloudstore", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--db", self.db_url, "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                if httpx.get(f"{self.url}/openapi.json", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self._proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the store did not start; see {self.folder / 'store.log'}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._log is not None:
            self._log.close()

    def connect(self) -> sqlite3.Connection:
        return read_only(self.db_path)

    def view(self) -> StoreView:
        with contextlib.closing(self.connect()) as conn:
            now = conn.execute("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')").fetchone()[0]
            payments = {pid: StorePayment(pid, u, status, expires < now) for pid, u, status, expires in
                        conn.execute("SELECT id, order_uuid, status, expires_at FROM payments "
                                     "WHERE device_id = ?", (self.device_id,))}
            orders: dict[str, str] = {}
            for u, payload in conn.execute("SELECT order_uuid, payload FROM orders WHERE device_id = ?",
                                           (self.device_id,)):
                data = json.loads(payload) if isinstance(payload, str) else payload
                orders[u] = str((data.get("payment") or {}).get("payment_id", ""))
        return StoreView(payments, orders)


@dataclass
class PrintedReceipt:
    order_no: str
    complete: bool
    at: float  # Unix time the printer recorded it
    seen: float  # time.monotonic() when this process read it


class PrinterProcess:
    def __init__(self, folder: Path, env: dict[str, str], seconds_per_line: float) -> None:
        self.folder = folder
        self.env = env
        self.seconds_per_line = seconds_per_line
        self.port = 0
        self._jobs: list[PrintedReceipt] = []
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    def start(self) -> PrinterProcess:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / "printer.stderr").open("ab") as err:
            self._proc = subprocess.Popen([sys.executable, "-m", "tests.faults.kill9_printer",
                                           "--seconds-per-line", str(self.seconds_per_line)], cwd=ROOT,
                                          env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=err, text=True, bufsize=1)
        assert self._proc.stdout is not None
        first = self._proc.stdout.readline().split()
        if first[:1] != ["PORT"]:
            raise RuntimeError(f"the fake printer did not start; see {self.folder / 'printer.stderr'}")
        self.port = int(first[1])
        self._reader = threading.Thread(target=self._read, args=(self._proc.stdout,), name="printer-jobs",
                                        daemon=True)
        self._reader.start()
        return self

    def _read(self, stream: IO[str]) -> None:
        with stream, (self.folder / "receipts.jsonl").open("a", encoding="utf-8") as log:
            for line in stream:
                log.write(line)
                log.flush()
                job = json.loads(line)
                with self._lock:
                    self._jobs.append(PrintedReceipt(job["order_no"], bool(job["complete"]), job["at"],
                                                     time.monotonic()))

    def jobs(self) -> list[PrintedReceipt]:
        with self._lock:
            return list(self._jobs)

    def complete_receipts(self) -> collections.Counter[str]:
        return collections.Counter(j.order_no for j in self.jobs() if j.complete)

    def stop(self) -> None:
        if self._proc is not None:
            if self._proc.stdin is not None:
                self._proc.stdin.close()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._reader is not None:
            self._reader.join(10)  # every receipt it printed is counted

@dataclass(frozen=True)
class PhaseEvent:
    at: float  # time.monotonic() when this process read it
    name: str
    args: tuple[str, ...]


class ChildKiosk:
    """One run of the headless kiosk; a new one after every kill."""

    def __init__(self, config: Path, env: dict[str, str], stderr: Path, poll_interval_s: float) -> None:
        self.started = time.monotonic()
        with stderr.open("ab") as err:
            err.write(f"\n=== kiosk started {time.strftime('%H:%M:%S')} ===\n".encode())
            err.flush()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.faults.kill9_child", "--config", str(config),
                 "--poll-interval", str(poll_interval_s)],
                cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True,
                bufsize=1)
        self.events: list[PhaseEvent] = []
        self.other: collections.deque[str] = collections.deque(maxlen=20)
        self._cond = threading.Condition()
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), name="kiosk-phases",
                         daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        with stream:
            for line in stream:
                parts = line.split()
                with self._cond:
                    if parts[:1] == ["PHASE"] and len(parts) >= 2:
                        self.events.append(PhaseEvent(time.monotonic(), parts[1], tuple(parts[2:])))
                    else:
                        self.other.append(line.rstrip())
                    self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def mark(self) -> int:
        with self._cond:
            return len(self.events)

    def wait_for(self, names: set[str], since: int, timeout_s: float) -> PhaseEvent | None:
        """The first of these phases reported at or after `since`; None when the time ran out or
        the kiosk died."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while True:
                for event in self.events[since:]:
                    if event.name in names:
                        return event
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    return None
                self._cond.wait(min(left, 0.1))

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._close_stdin()

    def quit(self, timeout_s: float = 30.0) -> int:
        with contextlib.suppress(OSError):
            self.send("quit")
        try:
            code = self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            return -9
        self._close_stdin()
        return code

    def _close_stdin(self) -> None:
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()

    def alive(self) -> bool:
        return self.proc.poll() is None


def phone(code_url: str, action: str = "pay") -> str:
    """What a shopper's phone does with the QR: open the pay page, tap Pay (or Decline); returns the
    state the page then shows (paid, declined, expired, closed, …)."""
    import re

    with httpx.Client(timeout=PHONE_TIMEOUT_S, follow_redirects=True) as client:
        page = client.get(code_url)
        if page.status_code != 200:
            return f"HTTP {page.status_code}"
        if 'id="pay"' not in page.text:  # nothing to pay any more: what the page says instead
            found = re.search(r'data-state="([a-z_]+)"', page.text)
            return found.group(1) if found else "no pay button"
        answer = client.post(f"{code_url}/{action}")
    if answer.status_code != 200:
        return f"HTTP {answer.status_code}"
    found = re.search(r'data-state="([a-z_]+)"', answer.text)
    return found.group(1) if found else "no answer on the pay page"


# --- one run of the matrix -------------------------------------------------------------------------------


@dataclass
class KillRecord:
    number: int  # 1-based
    plan: str
    seed: int  # the purchase's cart
    delay_ms: float  # after the trigger
    trigger: str
    order_uuid: str = ""
    order_no: str = ""
    windows: tuple[str, ...] = ()
    phone_while_down: str = ""  # what the phone did with the QR while the kiosk was dead
    code_url: str = ""
    kiosk_printed: bool = False  # the kiosk had reported the receipt's outcome before the kill
    integrity: str = "ok"
    ready_s: float | None = None  # restart → services built
    recovered_s: float | None = None  # restart → open outcomes settled, outbox drained
    receipt_s: float | None = None  # restart → every paid order's receipt out (None: one never came)
    killed_again_by: int = 0  # the kill that struck this one's restart during its recovery
    timeline: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    log_span: tuple[int, int] = (0, 0)  # the kiosk log's byte range of this kill's run and recovery

    def describe(self) -> str:
        lines = [f"kill #{self.number}: plan {self.plan} ({self.trigger} + {self.delay_ms:.1f} ms), "
                 f"purchase seed {self.seed}, order {self.order_no or '-'} {self.order_uuid or ''}",
                 f"  landed in: {', '.join(self.windows) or '?'}; phone while down: "
                 f"{self.phone_while_down or '-'}; integrity: {self.integrity}",
                 f"  restart: killed during its recovery by kill #{self.killed_again_by}"
                 if self.killed_again_by else
                 f"  restart: ready {_s(self.ready_s)}, recovered {_s(self.recovered_s)}, "
                 f"receipts {_s(self.receipt_s)}"]
        lines += [f"  {t}" for t in self.timeline]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def _s(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


@dataclass
class Timings:
    clean_start_s: list[float] = field(default_factory=list)  # clean quit → ready
    purchase_s: list[float] = field(default_factory=list)  # begin → final, no kill
    purchase_synced_s: list[float] = field(default_factory=list)  # begin → the order at the store
    print_s: list[float] = field(default_factory=list)  # kiosk PAID → the receipt cut at the printer
    printed_told_s: list[float] = field(default_factory=list)  # kiosk PAID → the kiosk knows it printed
    push_s: list[float] = field(default_factory=list)  # kiosk PAID → the order at the store


@dataclass
class Violation:
    check: str
    order_uuid: str
    order_no: str
    detail: str


@dataclass
class MatrixResult:
    kills: int
    seed: int
    run_dir: Path
    records: list[KillRecord]
    timings: Timings
    checks: dict[str, int]  # name → how many violations
    violations: list[Violation]
    purchases: int
    paid_orders: int
    receipts: int
    wall_s: float
    final_store_integrity: str
    final_kiosk_integrity: str

    @property
    def ok(self) -> bool:
        return not self.violations

    def figure(self, name: str) -> int:
        return self.checks[name]


CHECKS: dict[str, str] = {
    "paid_lost": "paid orders lost (store PAID and no order; kiosk paid, not in the store)",
    "duplicated": "store PAID payments ingested as more than one order",
    "double_prints": "orders with more than one complete receipt",
    "integrity_failures": "kills after which PRAGMA integrity_check was not ok",
    "unprinted": "paid orders without a complete receipt (nor a staff alert) at the end",
    "unpaid_printed": "receipts for orders that are not paid",
    "open_payments": "store payments never closed for orders the kiosk has settled",
    "store_unpaid_orders": "store orders whose payment the store does not hold as PAID",
    "recovery_timeouts": f"restarts that did not settle and push within {RECOVERY_TIMEOUT_S:.0f} s",
    "end_integrity": "databases (kiosk, store) whose integrity_check was not ok at the end",
}
FIGURE_CHECKS = ("paid_lost", "duplicated", "double_prints", "integrity_failures")


class Matrix:
    def __init__(self, run_dir: Path, *, kills: int, seed: int, poll_interval_s: float = 1.0,
                 baseline_purchases: int = 3, baseline_restarts: int = 3, baseline_every: int = 25,
                 printer_line_s: float = PRINTER_LINE_S, plans: Sequence[str] = tuple(PLANS),
                 progress: Callable[[str], None] | None = None) -> None:
        unknown = set(plans) - set(PLANS)
        if unknown or not plans:
            raise ValueError(f"unknown plans {sorted(unknown)}; known: {', '.join(PLANS)}")
        self.plans = tuple(plans)
        self.run_dir = run_dir
        self.kills = kills
        self.seed = seed
        self.rng = random.Random(seed)  # the kills: plans, delays, carts, the phone
        self.baseline_rng = random.Random(f"{seed}:baseline")  # the unkilled purchases' carts
        self.poll_interval_s = poll_interval_s
        self.baseline_purchases = baseline_purchases
        self.baseline_restarts = baseline_restarts
        # one more unkilled purchase and clean restart after every this many kills (0: never), so the
        # baselines see the same machine load as the kills they are compared with
        self.baseline_every = baseline_every
        self.progress = progress or (lambda _line: None)
        self.env = child_env(run_dir / "home")
        self.kiosk_dir = run_dir / "kiosk"
        self.db_path = self.kiosk_dir / "kiosk.sqlite3"
        self.kiosk_log = self.kiosk_dir / "logs" / "kiosk.log"
        self.config = run_dir / "kiosk.toml"
        self.store = StoreProcess(run_dir / "store", self.env)
        self.printer = PrinterProcess(run_dir / "printer", self.env, printer_line_s)
        self.child: ChildKiosk | None = None
        self.given_up: set[str] = set()  # paid orders whose receipt did not come after a restart
        self.records: list[KillRecord] = []
        self.timings = Timings()
        self.purchases = 0
        self._plans: list[str] = []

    # --- processes ---------------------------------------------------------------------------------

    def _write_config(self) -> None:
        self.config.write_text(
            "demo = true  # the demo catalog, seeded once; the store and printer below are real processes\n"
            f'data_dir = "{self.kiosk_dir}"\n\n'
            f'[identity]\ndevice_name = "{DEVICE_NAME}"\n\n'
            f'[store]\nurl = "{self.store.url}"\ndevice_id = "{self.store.device_id}"\n'
            f'secret = "{self.store.secret}"\n\n'
            f'[printer]\nkind = "network"\nhost = "127.0.0.1"\nport = {self.printer.port}\n'
            "paper_width_mm = 80\ntimeout_s = 5\n\n"
            '[scanner]\nkind = "none"\n', encoding="utf-8")

    def _spawn(self, beside: threading.Thread | None = None) -> tuple[ChildKiosk, float | None]:
        """A new kiosk (and `beside` started with it); returns it and the seconds until its services
        were built (None: it died)."""
        child = ChildKiosk(self.config, self.env, self.run_dir / "kiosk.stderr", self.poll_interval_s)
        self.child = child
        if beside is not None:
            beside.start()
        ready = child.wait_for({"ready"}, 0, START_TIMEOUT_S)
        return child, None if ready is None else ready.at - child.started

    def _log_offset(self) -> int:
        try:
            return self.kiosk_log.stat().st_size
        except FileNotFoundError:
            return 0

    # --- the run -------------------------------------------------------------------------------------

    def run(self) -> MatrixResult:
        started = time.monotonic()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        try:
            self.store.start()
            self.printer.start()
            self._write_config()
            self._baselines()
            next_baseline = self.baseline_every
            while len(self.records) < self.kills:
                self._kill_once(self._next_plan())
                if self.baseline_every and len(self.records) >= next_baseline:
                    next_baseline += self.baseline_every
                    self._baseline_sample()
            self._final_drain()
        finally:
            if self.child is not None and self.child.alive():
                self.child.kill()
            self.printer.stop()
            self.store.stop()
        return self._audit(time.monotonic() - started)

    def _next_plan(self) -> str:
        if not self._plans:
            self._plans = list(self.plans)
            self.rng.shuffle(self._plans)
        return self._plans.pop()

    def _baselines(self) -> None:
        child, ready_s = self._spawn()
        if ready_s is None:
            raise RuntimeError(f"the kiosk did not start; see {self.run_dir / 'kiosk.stderr'}")
        self._purchase_unkilled(child)  # warm-up: imports, connections, the store's first answers
        for _ in range(self.baseline_purchases):
            self._purchase_unkilled(child, timed=True)
        for _ in range(self.baseline_restarts):
            if child.quit() != 0:
                raise RuntimeError("the kiosk did not quit cleanly")
            child, ready_s = self._spawn()
            if ready_s is None:
                raise RuntimeError("the kiosk did not start again")
            self.timings.clean_start_s.append(ready_s)
        t = self.timings
        self.progress(f"baselines: purchase {statistics.median(t.purchase_s):.2f} s (PAID → receipt "
                      f"{statistics.median(t.print_s):.3f} s, PAID → in the store "
                      f"{statistics.median(t.push_s):.3f} s), clean start {self._start_estimate():.2f} s")

    def _baseline_sample(self) -> None:
        """One unkilled purchase and one clean restart, between kills (the kiosk has recovered)."""
        child = self.child
        if child is None or not child.alive():
            return
        self._purchase_unkilled(child, timed=True)
        if child.quit() != 0:
            raise RuntimeError("the kiosk did not quit cleanly")
        _, ready_s = self._spawn()
        if ready_s is None:
            raise RuntimeError("the kiosk did not start again")
        self.timings.clean_start_s.append(ready_s)

    def _purchase_unkilled(self, child: ChildKiosk, timed: bool = False) -> None:
        seed = self.baseline_rng.randrange(2**31)
        since = child.mark()
        child.send(f"buy {seed}")
        self.purchases += 1
        begin = child.wait_for({"begin"}, since, 30)
        qr = child.wait_for({"qr_up", "final"}, since, 30)
        if begin is None or qr is None or qr.name != "qr_up":
            raise RuntimeError(f"an unkilled purchase did not show its QR (seed {seed})")
        jobs_before = len(self.printer.jobs())
        answer = phone(qr.args[1])
        # the order's arrival at the store, watched while the kiosk prints (the push runs beside it)
        synced = None
        deadline = time.monotonic() + 60
        with contextlib.closing(self.store.connect()) as conn:
            while synced is None or child.wait_for({"final"}, since, 0) is None:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"an unkilled purchase did not end, or never reached the store "
                                       f"(seed {seed})")
                if synced is None and conn.execute("SELECT 1 FROM orders WHERE order_uuid = ?",
                                                   (qr.args[0],)).fetchone():
                    synced = time.monotonic()
                time.sleep(0.001)
        final = child.wait_for({"final"}, since, 0)
        paid = child.wait_for({"paid"}, since, 0)
        printed = child.wait_for({"printed"}, since, 0)
        receipt = None
        deadline = time.monotonic() + 5  # the printer's report comes down its own pipe, maybe a bit later
        while receipt is None and time.monotonic() < deadline:
            receipt = next((j for j in self.printer.jobs()[jobs_before:] if j.complete), None)
            time.sleep(0.005)
        if answer != "paid" or final is None or final.args[1] != "paid" or paid is None or printed is None \
                or receipt is None:
            raise RuntimeError(f"an unkilled purchase did not end paid and printed: phone {answer!r}, "
                               f"final {final}, receipt {receipt}")
        if timed:
            self.timings.purchase_s.append(final.at - begin.at)
            self.timings.purchase_synced_s.append(synced - begin.at)
            self.timings.print_s.append(receipt.seen - paid.at)
            self.timings.printed_told_s.append(printed.at - paid.at)
            self.timings.push_s.append(synced - paid.at)

    def _kill_once(self, plan: str) -> None:
        child = self.child
        if child is None or not child.alive():
            child, _ = self._spawn()
        before = set(kiosk_view(self.db_path).orders)
        seed = self.rng.randrange(2**31)
        record = KillRecord(len(self.records) + 1, plan, seed, 0.0, "")
        record.log_span = (self._log_offset(), 0)
        payments_sql = "SELECT COUNT(*) FROM payments WHERE device_id = ?"
        with contextlib.closing(self.store.connect()) as conn:
            payments_before = int(conn.execute(payments_sql, (self.store.device_id,)).fetchone()[0])
        since = child.mark()
        child.send(f"buy {seed}")
        self.purchases += 1
        kill_at, code_url = self._aim(child, since, plan, record, payments_before)
        time.sleep(max(0.0, kill_at - time.monotonic()))
        child.kill()
        killed_at = time.monotonic()
        record.timeline = [f"{e.at - killed_at:+8.3f} s {e.name} {' '.join(e.args)}"
                           for e in child.events[since:]] + ["  +0.000 s SIGKILL"]
        record.kiosk_printed = any(e.name == "printed" for e in child.events[since:])
        self._after_kill(record, before, code_url)
        self.records.append(record)
        if plan == "recovery" and len(self.records) < self.kills:
            self._kill_in_recovery(record)
        else:
            self._restart(record)
        for done in self.records[record.number - 1:]:
            with (self.run_dir / "kills.jsonl").open("a", encoding="utf-8") as log:
                log.write(json.dumps(dataclasses.asdict(done), ensure_ascii=False) + "\n")
            restart = (f"restart killed by #{done.killed_again_by}" if done.killed_again_by else
                       f"ready {_s(done.ready_s)}, recovered {_s(done.recovered_s)}, "
                       f"receipts {_s(done.receipt_s)}")
            self.progress(f"kill #{done.number:<4} {done.plan:<14} → {','.join(done.windows):<26} {restart}")

    def _aim(self, child: ChildKiosk, since: int, plan: str, record: KillRecord,
             payments_before: int) -> tuple[float, str]:
        """Wait for the plan's trigger; returns when to kill and the QR's code_url (if it showed)."""
        rng = self.rng
        begin = child.wait_for({"begin"}, since, 30)
        if begin is None:
            record.notes.append("the purchase never began")
            record.trigger = "no begin"
            return time.monotonic(), ""
        if plan in ("before_commit", "before_payment"):
            delay = rng.uniform(0, 0.015) if plan == "before_commit" else rng.uniform(0.015, 0.060)
            record.trigger, record.delay_ms = "begin", delay * 1000
            return begin.at + delay, ""
        if plan == "payment_create":
            record.trigger = "payment created at the store"
            return self._when_store_has("SELECT COUNT(*) FROM payments WHERE device_id = ?",
                                        (self.store.device_id,), record, payments_before), ""
        qr = child.wait_for({"qr_up", "final"}, since, 30)
        if qr is None or qr.name != "qr_up":
            record.notes.append(f"no QR: {qr}")
            record.trigger = "no QR"
            return time.monotonic(), ""
        code_url = qr.args[1]
        if plan == "qr_up":
            delay = rng.uniform(0, 0.8)
            record.trigger, record.delay_ms = "qr_up", delay * 1000
            return qr.at + delay, code_url
        time.sleep(rng.uniform(0, 0.3))  # the shopper takes out a phone
        answer = phone(code_url)
        paid_at = time.monotonic()
        if answer != "paid":
            record.notes.append(f"the pay page answered {answer!r}")
        if plan in ("store_paid", "recovery"):
            delay = rng.uniform(0, self.poll_interval_s + 0.05)
            record.trigger, record.delay_ms = "store PAID", delay * 1000
            return paid_at + delay, code_url
        if plan == "after_paid":
            paid = child.wait_for({"paid", "final"}, since, 30)
            delay = rng.uniform(0, 1.1 * statistics.median(self.timings.printed_told_s))
            record.trigger, record.delay_ms = "kiosk PAID", delay * 1000
            return (paid.at if paid else time.monotonic()) + delay, code_url
        if plan == "mid_push":
            return self._aim_mid_push(child, since, qr.args[0], record), code_url
        final = child.wait_for({"final"}, since, 60)
        delay = rng.uniform(0, 0.5)
        record.trigger, record.delay_ms = "final", delay * 1000
        return (final.at if final else time.monotonic()) + delay, code_url

    def _aim_mid_push(self, child: ChildKiosk, since: int, order_uuid: str, record: KillRecord) -> float:
        """Half the time: watch the store's database and kill the moment the order lands there, before
        the kiosk can have read the answer. Otherwise: within the push's time after the kiosk's PAID."""
        if self.rng.random() < 0.5:
            paid = child.wait_for({"paid", "final"}, since, 30)
            delay = self.rng.uniform(0, statistics.median(self.timings.push_s))
            record.trigger, record.delay_ms = "kiosk PAID", delay * 1000
            return (paid.at if paid else time.monotonic()) + delay
        record.trigger = "order lands in the store"
        return self._when_store_has("SELECT COUNT(*) FROM orders WHERE order_uuid = ?", (order_uuid,), record,
                                    0)

    def _when_store_has(self, count_sql: str, params: tuple[str, ...], record: KillRecord,
                        before: int) -> float:
        """The moment the store's database counts more rows than `before` (polled every half
        millisecond, each read a fresh snapshot); then the kill goes at once."""
        with contextlib.closing(self.store.connect()) as conn:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if conn.execute(count_sql, params).fetchone()[0] > before:
                    return time.monotonic()
                time.sleep(0.0005)
        record.notes.append(f"the store's row did not come within 10 s ({count_sql})")
        return time.monotonic()

    def _after_kill(self, record: KillRecord, before: set[str], code_url: str) -> None:
        """Integrity first, then where the kill landed; then, the kiosk still dead, maybe the phone."""
        record.integrity = integrity(self.db_path)
        # bytes the kiosk handed over before it died still come out: the printer works through its
        # buffer at its own pace, so wait one receipt's printing time before looking
        time.sleep(0.2 + 1.5 * statistics.median(self.timings.print_s or [0.0]))
        kiosk = kiosk_view(self.db_path)
        new = [u for u in kiosk.orders if u not in before]
        if len(new) > 1:
            record.notes.append(f"{len(new)} new orders in one purchase: {new}")
        if new:
            record.order_uuid, record.order_no = new[-1], kiosk.order_no(new[-1])
        record.windows = self._classify(record, kiosk)
        record.code_url = code_url
        if record.plan == "qr_up" and code_url:
            roll = self.rng.random()
            if roll < 0.3:
                record.phone_while_down = "pay: " + phone(code_url)
            elif roll < 0.4:
                record.phone_while_down = "decline: " + phone(code_url, "decline")
            elif roll < 0.6:
                record.phone_while_down = "pay during the restart"  # see _restart

    def _classify(self, record: KillRecord, kiosk: KioskView) -> tuple[str, ...]:
        u = record.order_uuid
        if not u:
            return ("before_commit",)
        store = self.store.view()
        state = kiosk.state(u)
        store_payments = store.payments_of(u)
        if state in OPEN_STATES:
            if not store_payments:
                return ("no_payment",)
            if not kiosk.payments.get(u):
                return ("unrecorded",)
            if any(p.status == "PAID" for p in store_payments):
                return ("store_paid",)
            return ("qr_up",)
        if state not in PAID_STATES:
            return ("done",)
        windows: list[str] = []
        jobs = [j for j in self.printer.jobs() if j.order_no == record.order_no]
        if not any(j.complete for j in jobs):
            windows.append("unprinted")
            if jobs:
                windows.append("mid_print")
        elif not record.kiosk_printed:
            windows.append("print_unacked")
        if kiosk.outbox.get(u) == "PENDING":
            windows.append("push_unacked" if u in store.orders else "push_unsent")
        return tuple(windows) or ("done",)

    def _restart(self, record: KillRecord) -> None:
        phone_thread = None
        if record.phone_while_down == "pay during the restart":
            # the shopper pays while the kiosk starts again: before, during or after its boot
            # reconciliation asks the store and closes the payment
            delay = self.rng.uniform(0, 1.3 * self._start_estimate())

            def pay_later() -> None:
                time.sleep(delay)
                record.phone_while_down = f"pay {delay:.2f} s into the restart: {phone(record.code_url)}"

            phone_thread = threading.Thread(target=pay_later, name="phone", daemon=True)
        child, ready_s = self._spawn(phone_thread)
        restarted = child.started
        record.ready_s = ready_s
        if phone_thread is not None:
            phone_thread.join(PHONE_TIMEOUT_S + 30)
        if ready_s is None:
            record.notes.append("the kiosk did not start again: " + " | ".join(child.other))
            raise MatrixAborted(record, self.run_dir)
        recovered = self._wait_recovered(child, RECOVERY_TIMEOUT_S)
        if recovered is None:
            record.notes.append(f"not recovered within {RECOVERY_TIMEOUT_S:.0f} s (stacks in kiosk.stderr)")
            if child.alive():
                child.proc.send_signal(signal.SIGUSR1)
                time.sleep(0.5)
        else:
            record.recovered_s = recovered - restarted
            printed = self._wait_receipts(RECEIPT_GRACE_S)
            record.receipt_s = None if printed is None else max(printed, recovered) - restarted
        record.log_span = (record.log_span[0], self._log_offset())

    def _kill_in_recovery(self, first: KillRecord) -> None:
        record = KillRecord(len(self.records) + 1, "recovery", first.seed, 0.0, "")
        record.log_span = (self._log_offset(), 0)
        record.order_uuid, record.order_no = first.order_uuid, first.order_no
        child = ChildKiosk(self.config, self.env, self.run_dir / "kiosk.stderr", self.poll_interval_s)
        self.child = child
        if self.rng.random() < 0.25:  # while it starts: migrations, index, devices, sync, reconciliation
            delay = self.rng.uniform(0, self._start_estimate())
            record.trigger, record.delay_ms = "restart", delay * 1000
            time.sleep(delay)
        else:  # just after: boot reconciliation, the push of what was left, the receipts
            ready = child.wait_for({"ready"}, 0, START_TIMEOUT_S)
            delay = self.rng.uniform(0, 0.8)
            record.trigger, record.delay_ms = "services built", delay * 1000
            time.sleep(max(0.0, (ready.at if ready else time.monotonic()) + delay - time.monotonic()))
        child.kill()
        built = any(e.name == "ready" for e in child.events)
        record.timeline = [f"restarted {time.monotonic() - child.started:.3f} s before the kill "
                           f"({'after' if built else 'before'} its services were built)"]
        first.killed_again_by = record.number
        self._after_kill(record, set(kiosk_view(self.db_path).orders), "")
        record.windows = ("recovery",)
        self.records.append(record)
        self._restart(record)

    def _start_estimate(self) -> float:
        """Seconds a start takes here: the clean-start baseline, else the restarts so far."""
        samples = self.timings.clean_start_s or [k.ready_s for k in self.records if k.ready_s is not None]
        return statistics.median(samples) if samples else 3.0

    def _wait_recovered(self, child: ChildKiosk, timeout_s: float) -> float | None:
        """When no payment outcome is open and the outbox is empty (monotonic time), or None."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and child.alive():
            kiosk = kiosk_view(self.db_path)
            if not any(state in OPEN_STATES for _, state in kiosk.orders.values()) and \
                    "PENDING" not in kiosk.outbox.values():
                return time.monotonic()
            time.sleep(0.02)
        return None

    def _wait_receipts(self, timeout_s: float) -> float | None:
        """When every paid order has a complete receipt (monotonic time), or None. An order whose
        receipt did not come after one restart is not waited for again (the audit reports it)."""
        deadline = time.monotonic() + timeout_s
        while True:
            kiosk = kiosk_view(self.db_path)
            printed = self.printer.complete_receipts()
            missing = {kiosk.order_no(u) for u in kiosk.paid()} - set(printed) - self.given_up
            if not missing:
                return time.monotonic()
            if time.monotonic() > deadline:
                self.given_up |= missing
                return None
            time.sleep(0.05)

    def _final_drain(self) -> None:
        """A last clean start with no purchase: whatever is left settles and is pushed."""
        child = self.child
        if child is None or not child.alive():
            child, _ = self._spawn()
        self._wait_recovered(child, RECOVERY_TIMEOUT_S)
        self._wait_receipts(RECEIPT_GRACE_S)
        if child.quit() != 0:
            self.progress("the kiosk did not quit cleanly at the end")

    # --- the audit -----------------------------------------------------------------------------------

    def _audit(self, wall_s: float) -> MatrixResult:
        kiosk = kiosk_view(self.db_path)
        store = self.store.view()
        receipts = collections.Counter(j.order_no for j in self.printer.jobs() if j.complete)
        by_no = {no: u for u, (no, _) in kiosk.orders.items()}
        violations: list[Violation] = []

        def flag(check: str, order_uuid: str, detail: str) -> None:
            violations.append(Violation(check, order_uuid, kiosk.order_no(order_uuid), detail))

        lost: dict[str, str] = {}
        for p in store.payments.values():
            if p.status != "PAID":
                continue
            ingested = {u for u, pid in store.orders.items() if u == p.order_uuid or pid == p.payment_id}
            if not ingested:
                lost.setdefault(p.order_uuid, f"store payment {p.payment_id} PAID, no order ingested; "
                                              f"kiosk holds it {kiosk.state(p.order_uuid) or 'not at all'}")
            elif len(ingested) > 1:
                flag("duplicated", p.order_uuid, f"payment {p.payment_id} → orders {sorted(ingested)}")
        for u in sorted(kiosk.paid()):
            if u not in store.orders:
                lost.setdefault(u, f"kiosk holds it {kiosk.state(u)}, the store has no such order")
        for u, detail in lost.items():
            flag("paid_lost", u, detail)
        for no, count in receipts.items():
            if count > 1:
                flag("double_prints", by_no.get(no, ""), f"{count} complete receipts for {no}")
            u = by_no.get(no, "")
            if not u or kiosk.state(u) not in PAID_STATES:
                flag("unpaid_printed", u, f"receipt for {no or 'an unreadable order number'}, "
                                          f"kiosk state {kiosk.state(u) or 'none'}")
        for u in sorted(kiosk.paid() - kiosk.uncertain):
            if not receipts[kiosk.order_no(u)]:
                flag("unprinted", u, f"paid ({kiosk.state(u)}), no complete receipt was printed")
        for p in store.payments.values():
            if p.status == "CREATED" and kiosk.state(p.order_uuid) not in OPEN_STATES:
                payable = "expired by now" if p.expired else "still payable"
                flag("open_payments", p.order_uuid,
                     f"store payment {p.payment_id} never closed ({payable}); the kiosk holds the order "
                     f"{kiosk.state(p.order_uuid) or 'not at all'}"
                     f"{'' if kiosk.payments.get(p.order_uuid) else ' with no payment recorded'}")
        for u, pid in store.orders.items():
            named = store.payments.get(pid)
            if named is None or named.status != "PAID":
                flag("store_unpaid_orders", u,
                     f"its payment {pid or '-'} is {named.status if named else 'unknown to the store'}")
        for r in self.records:
            if r.integrity != "ok":
                violations.append(Violation("integrity_failures", r.order_uuid, r.order_no,
                                            f"kill #{r.number}: {r.integrity}"))
            if r.recovered_s is None and r.ready_s is not None:
                violations.append(Violation("recovery_timeouts", r.order_uuid, r.order_no,
                                            f"kill #{r.number}"))
        at_end = {"kiosk": integrity(self.db_path), "store": integrity(self.store.db_path)}
        for name, found in at_end.items():
            if found != "ok":
                violations.append(Violation("end_integrity", "", "", f"the {name} database: {found}"))
        checks = {name: sum(1 for v in violations if v.check == name) for name in CHECKS}
        return MatrixResult(
            kills=len(self.records), seed=self.seed, run_dir=self.run_dir, records=self.records,
            timings=self.timings, checks=checks, violations=violations, purchases=self.purchases,
            paid_orders=len(kiosk.paid()), receipts=sum(receipts.values()), wall_s=wall_s,
            final_store_integrity=at_end["store"], final_kiosk_integrity=at_end["kiosk"])


class MatrixAborted(RuntimeError):
    def __init__(self, record: KillRecord, run_dir: Path) -> None:
        super().__init__(f"the matrix stopped after kill #{record.number}; data dir {run_dir}\n"
                         + record.describe())
        self.record = record


# --- the report ----------------------------------------------------------------------------------------


def _median(samples: list[float]) -> float | None:
    return statistics.median(samples) if samples else None


def _pct(samples: list[float], pct: float) -> float | None:
    if not samples:
        return None
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def report(result: MatrixResult) -> str:
    out: list[str] = []
    r = result.records
    out.append(f"kill -9 matrix: {result.kills} kills, seed {result.seed}, {result.purchases} purchases, "
               f"{result.paid_orders} paid orders, {result.receipts} complete receipts, "
               f"{result.wall_s:.0f} s")
    out.append("")
    out.append(f"{'aimed at (plan)':<16}{'kills':>6}  trigger")
    planned = collections.Counter(k.plan for k in r)
    for plan, text in PLANS.items():
        out.append(f"{plan:<16}{planned[plan]:>6}  {text}")
    out.append("")
    out.append(f"{'landed in (ground truth)':<58}{'kills':>6}")
    landed = collections.Counter(w for k in r for w in k.windows)
    for window, text in WINDOWS.items():
        out.append(f"{text:<58}{landed[window]:>6}")
    phoned: collections.Counter[str] = collections.Counter()
    for k in r:
        if k.phone_while_down:
            when = "restarting" if "into the restart" in k.phone_while_down else "down"
            phoned[f"{k.phone_while_down.split(' ')[0].rstrip(':')} while {when}: "
                   f"{k.phone_while_down.rsplit(': ', 1)[-1]}"] += 1
    out.append("the phone, its QR left up by a kill: "
               + (", ".join(f"{what} {n}" for what, n in sorted(phoned.items())) or "-"))
    out.append("")

    t = result.timings
    clean = _median(t.clean_start_s)
    purchase = _median(t.purchase_s)
    ready = [k.ready_s for k in r if k.ready_s is not None]
    recovered = [k.recovered_s for k in r if k.recovered_s is not None]
    printed = [k.receipt_s for k in r if k.receipt_s is not None]
    out.append(f"{'time':<58}{'n':>5}{'p50 s':>8}{'p95 s':>8}{'max s':>8}{'p50 ratio':>11}")

    def row(name: str, samples: list[float], base: float | None, base_name: str) -> None:
        if not samples:
            out.append(f"{name:<58}{0:>5}{'-':>8}{'-':>8}{'-':>8}")
            return
        p50, p95 = _median(samples), _pct(samples, 95)
        assert p50 is not None and p95 is not None
        ratio = f"{p50 / base:>9.2f}x" if base and base_name else ""
        out.append(f"{name:<58}{len(samples):>5}{p50:>8.2f}{p95:>8.2f}{max(samples):>8.2f}{ratio:>11}"
                   + (f" of {base_name}" if ratio else ""))

    row("purchase, no kill: begin → final (baseline)", t.purchase_s, None, "")
    row("purchase, no kill: begin → order in the store", t.purchase_synced_s, purchase, "purchase")
    row("purchase, no kill: kiosk PAID → receipt cut at the printer", t.print_s, purchase, "purchase")
    row("purchase, no kill: kiosk PAID → kiosk told it printed", t.printed_told_s, purchase, "purchase")
    row("purchase, no kill: kiosk PAID → order in the store", t.push_s, purchase, "purchase")
    row("clean start: spawn → services built (baseline)", t.clean_start_s, None, "")
    row("restart after a kill: spawn → services built", ready, clean, "clean start")
    row("restart after a kill: spawn → settled and pushed", recovered, clean, "clean start")
    row("  the same, against a purchase", recovered, purchase, "purchase")
    row("restart after a kill: spawn → every receipt out", printed, clean, "clean start")
    never = sum(1 for k in r if k.receipt_s is None and k.recovered_s is not None)
    out.append(f"restarts after which a paid order's receipt never came (waited {RECEIPT_GRACE_S:.1f} s "
               f"more): {never} of {len(r)}")
    out.append("")
    width = max(len(text) for text in CHECKS.values()) + 2
    out.append(f"{'check (after the last restart drained)':<{width}}{'found':>6}  {'target':>6}")
    for name, text in CHECKS.items():
        out.append(f"{text:<{width}}{result.checks[name]:>6}  {'0':>6}")
    out.append(f"integrity_check at the end: kiosk {result.final_kiosk_integrity}, "
               f"store {result.final_store_integrity}")
    return "\n".join(out)


def violation_report(result: MatrixResult, kiosk_log: Path | None = None, limit: int = 12) -> str:
    """Every violation, with the kills that touched its order: trigger, timeline, restart, log."""
    if result.ok:
        return "no violations"
    out = [f"{len(result.violations)} violation(s); every kill is in kills.jsonl of the data dir"]
    shown: set[int] = set()
    log_text = b""
    if kiosk_log is not None and kiosk_log.exists():
        log_text = kiosk_log.read_bytes()
    for v in result.violations:
        out.append(f"\n[{v.check}] order {v.order_no or '-'} {v.order_uuid}: {v.detail}")
        touched = [k for k in result.records if v.order_uuid and k.order_uuid == v.order_uuid]
        if not touched:
            out.append("  (no kill landed in this order's own purchase: it was settled by a later recovery)")
        for k in touched:
            if k.number in shown:
                out.append(f"  see kill #{k.number} above")
                continue
            if len(shown) >= limit:
                out.append(f"  kill #{k.number} (details left out: {limit} shown)")
                continue
            shown.add(k.number)
            out.append(k.describe())
            start, end = k.log_span
            if log_text and end > start:
                lines = log_text[start:end].decode("utf-8", "replace").splitlines()
                picked = [line for line in lines if (v.order_no and v.order_no in line) or
                          "WARNING" in line or "ERROR" in line][-15:]
                out += [f"  log| {line}" for line in picked]
    return "\n".join(out)


@contextlib.contextmanager
def run_dir(keep: bool, parent: Path | None = None) -> Iterator[tuple[Path, Callable[[], None]]]:
    """A fresh folder for one run, removed afterwards unless `keep_now()` was called."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kill9-", dir=parent))
    kept = [keep]

    def keep_now() -> None:
        kept[0] = True

    try:
        yield folder, keep_now
    finally:
        if not kept[0]:
            shutil.rmtree(folder, ignore_errors=True)


def figures(result: MatrixResult, target_kills: int) -> list[str]:
    lines = [f"FIGURE kill9_runs {result.kills} kills target >= {target_kills}"]
    units = {"paid_lost": "orders", "duplicated": "orders", "double_prints": "orders",
             "integrity_failures": "kills"}
    lines += [f"FIGURE kill9_{name} {result.checks[name]} {units[name]} target <= 0"
              for name in FIGURE_CHECKS]
    return lines
