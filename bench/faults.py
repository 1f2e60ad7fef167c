"""kill -9 matrix: scripted purchases in a child kiosk process killed with SIGKILL at random moments.

Real processes on 127.0.0.1: the store (`cloudstore serve` under Uvicorn, SQLite), the fake ESC/POS
printer on a TCP port, and a headless kiosk built by the kiosk's own composition root on a real data
dir (`tests/faults/kill9_child.py`). This process pays every QR as a phone does (the pay page the
QR's code_url opens) and aims each kill at a window of the purchase: before the order commits, with
the QR up, between the store's PAID and the kiosk's, between PAID and the receipt, mid-push, during
a restart's recovery. After each kill: `PRAGMA integrity_check`, a restart, a wait for recovery. At
the end, after a last clean restart: every payment the store holds as PAID is exactly one ingested
order, no paid kiosk order is missing in the store, no receipt printed twice (see tests/faults/kill9.py).

Same-run baselines: a purchase without a kill, and a clean start (quit, start), sampled at the start
and again after every 25 kills so that they see the machine's load as the kills do. Recovery after a
kill is given as a ratio of them. 200 kills take about 15 minutes on the 2-core machine.

Run: .venv/bin/python bench/faults.py [--kills N] [--seed S] [--keep]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.faults.kill9 import PLANS, Matrix, MatrixAborted, figures, report, run_dir, violation_report

DEFAULT_KILLS = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=DEFAULT_KILLS, help=f"kills (default {DEFAULT_KILLS})")
    parser.add_argument("--seed", type=int, default=None, help="the run's seed (default: a random one, "
                        "printed first so that a failing run can be repeated)")
    parser.add_argument("--keep", action="store_true", help="keep the data dir of a failing run")
    parser.add_argument("--poll-interval", type=float, default=1.0,
                        help="the kiosk's payment status interval in seconds (default 1.0, the kiosk's own)")
    parser.add_argument("--plans", default=",".join(PLANS),
                        help="comma-separated kill plans, to aim at some windows only (default: all: "
                             f"{', '.join(PLANS)})")
    parser.add_argument("--quiet", action="store_true", help="no progress line per kill")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    print(f"seed {seed} (repeat with --seed {seed})", flush=True)

    def progress(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    with run_dir(keep=False) as (folder, keep_now):
        matrix = Matrix(folder, kills=args.kills, seed=seed, poll_interval_s=args.poll_interval,
                        plans=[p.strip() for p in args.plans.split(",") if p.strip()], progress=progress)
        try:
            result = matrix.run()
        except MatrixAborted as exc:
            if args.keep:
                keep_now()
            print(exc)
            return 2
        except BaseException:
            if args.keep:
                keep_now()
                print(f"data dir kept: {folder}", file=sys.stderr)
            raise
        print(report(result))
        if not result.ok:
            if args.keep:
                keep_now()
                print(f"\ndata dir kept: {folder}")
            print()
            print(violation_report(result, matrix.kiosk_log))
        print()
        for line in figures(result, DEFAULT_KILLS):
            print(line)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
