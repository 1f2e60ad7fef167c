"""The fake ESC/POS printer in a process of its own, for the kill -9 matrix.

It outlives every kiosk the matrix kills, so it counts every receipt of the whole run. It listens on a
free TCP port of 127.0.0.1, prints `PORT <n>` once, then one JSON line per job it receives: the order
number read from the job's text ("" when the job was cut off before it), whether the job ended with
its cut (a complete receipt) and the Unix time it was recorded. It stops when its stdin closes.

    python -m tests.faults.kill9_printer [--paper 58|80] [--seconds-per-line S]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
import time

from kiosk.devices.sim.fake_printer import FakePrinter, PrintedJob

# K01-1126-0042: the device's code, the store's month and day, a count
ORDER_NO = re.compile(r"\b[A-Z0-9]{2,8}-\d{4}-\d{4}\b")


def job_record(job: PrintedJob) -> dict[str, object]:
    found = ORDER_NO.search(job.text)
    return {"order_no": found.group(0) if found else "", "complete": job.complete,
            "lost_bytes": job.decoded.lost_bytes, "at": time.time()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paper", type=int, choices=(58, 80), default=80)
    parser.add_argument("--seconds-per-line", type=float, default=0.0,
                        help="the print head's pace: a real receipt takes a moment to come out")
    args = parser.parse_args()
    lock = threading.Lock()

    def on_job(job: PrintedJob) -> None:
        line = json.dumps(job_record(job))
        with lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    printer = FakePrinter(args.paper)
    printer.set_slow(args.seconds_per_line)
    printer.add_job_listener(on_job)
    printer.start()
    with lock:
        sys.stdout.write(f"PORT {printer.port}\n")
        sys.stdout.flush()
    try:
        sys.stdin.read()  # until the matrix closes our stdin or goes away
    finally:
        printer.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
