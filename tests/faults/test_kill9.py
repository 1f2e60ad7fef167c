"""kill -9 at random moments of real purchases: no paid order lost or doubled, no receipt printed twice,
every paid order's receipt printed, the kiosk database intact after every kill.

A short run of the matrix `bench/faults.py` runs at full length (tests/faults/kill9.py): the store,
the fake printer and a headless kiosk each in its own process, the phone paying on the store's pay
page, about 20 kills aimed at every window of a purchase.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.faults.kill9 import Matrix, report, violation_report

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

KILLS = 20
# a fixed seed: `bench/faults.py --kills 20 --seed 9009 --poll-interval 0.5` aims the same kills (where
# they land still depends on timing); KILL9_SEED picks another
SEED = int(os.environ.get("KILL9_SEED", "9009"))


def test_kill9_matrix_keeps_every_paid_order_once_and_prints_each_receipt_once(tmp_path: Path) -> None:
    # short: the payment screen's poll twice as often, one timed purchase, no clean-start baseline
    # (the ratios are the benchmark's; the invariants are the same)
    matrix = Matrix(tmp_path / "kill9", kills=KILLS, seed=SEED, poll_interval_s=0.5, baseline_purchases=1,
                    baseline_restarts=0, baseline_every=0)
    result = matrix.run()
    summary = report(result)
    assert result.kills >= KILLS, summary
    assert result.ok, f"{summary}\n\ndata dir {matrix.run_dir}\n{violation_report(result, matrix.kiosk_log)}"
