from __future__ import annotations

from kiosk.devices.scans import Scan, ScanKind
from kiosk.devices.wedge import Scanned, Typed, WedgeFilter, WedgeOutput, WedgeScanner


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def type_keys(wedge: WedgeFilter, clock: FakeClock, keys: str, per_key_s: float) -> list[WedgeOutput]:
    out: list[WedgeOutput] = []
    for key in keys:
        clock.now += per_key_s
        out += wedge.key(key)
    clock.now += 1.0
    return out + wedge.tick()


def test_scanner_burst_is_a_scan_and_typing_is_text() -> None:
    clock = FakeClock()
    wedge = WedgeFilter(clock)
    burst = type_keys(wedge, clock, "6901234567892\r", 0.010)
    assert len(burst) == 1 and isinstance(burst[0], Scanned)
    assert burst[0].scan.kind is ScanKind.GTIN and burst[0].scan.gtin == "6901234567892"

    typing = type_keys(wedge, clock, "6901234567892\r", 0.150)
    assert all(isinstance(o, Typed) for o in typing)
    assert "".join(o.text for o in typing if isinstance(o, Typed)) == "6901234567892\r"


def test_typed_text_comes_back_in_order_and_without_loss() -> None:
    clock = FakeClock()
    wedge = WedgeFilter(clock)
    out = type_keys(wedge, clock, "hello world", 0.150)
    assert "".join(o.text for o in out if isinstance(o, Typed)) == "hello world"


def test_short_fast_burst_is_not_a_scan() -> None:
    clock = FakeClock()
    out = type_keys(WedgeFilter(clock, min_length=4), clock, "ab\r", 0.010)
    assert out == [Typed("ab\r")]


def test_held_keys_are_released_after_the_gap() -> None:
    clock = FakeClock()
    wedge = WedgeFilter(clock, max_gap_s=0.035)
    assert wedge.key("a") == []
    assert wedge.deadline == clock.now + 0.035
    clock.now += 0.02
    assert wedge.tick() == []
    clock.now += 0.03
    assert wedge.tick() == [Typed("a")]
    assert wedge.deadline is None


def test_wedge_scanner_port_routes_scans_to_listeners() -> None:
    clock = FakeClock()
    scanner = WedgeScanner(clock=clock)
    scans: list[Scan] = []
    scanner.add_scan_listener(scans.append)
    typed = []
    for key in "4006381333931\r":
        clock.now += 0.008
        typed += scanner.feed_key(key)
    assert typed == [] and [s.gtin for s in scans] == ["4006381333931"]
