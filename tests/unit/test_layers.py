"""Imports point down: only kiosk/ui touches Qt; cloudstore uses nothing of kiosk but the protocol."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module


def test_only_kiosk_ui_imports_pyside6() -> None:
    offenders = [f"{p.relative_to(ROOT)}: {m}" for p, m in imported_modules(ROOT / "kiosk")
                 if m.split(".")[0] == "PySide6" and (ROOT / "kiosk" / "ui") not in p.parents]
    assert offenders == []


def test_core_does_not_import_the_ui() -> None:
    offenders = [f"{p.relative_to(ROOT)}: {m}" for p, m in imported_modules(ROOT / "kiosk")
                 if m.startswith("kiosk.ui") and (ROOT / "kiosk" / "ui") not in p.parents
                 # the composition root hands services to the UI; the entry point starts UI commands
                 and p not in (ROOT / "kiosk" / "app.py", ROOT / "kiosk" / "__main__.py")]
    assert offenders == []


# what the store shares with the kiosk: the wire, and the rules both sides enforce (seed FAQ 3)
SHARED_WITH_THE_STORE = {"kiosk.sync.protocol", "kiosk.order_rules", "kiosk.contact_rules"}


def test_cloudstore_uses_only_the_shared_protocol_of_kiosk() -> None:
    offenders = [f"{p.relative_to(ROOT)}: {m}" for p, m in imported_modules(ROOT / "cloudstore")
                 if m.split(".")[0] == "kiosk" and m not in SHARED_WITH_THE_STORE]
    assert offenders == []


def test_the_shared_modules_need_nothing_else_of_the_kiosk() -> None:
    shared = [ROOT / (name.replace(".", "/") + ".py") for name in SHARED_WITH_THE_STORE]
    offenders = [f"{p.relative_to(ROOT)}: {m}" for p, m in imported_modules(ROOT / "kiosk")
                 if p in shared and m.split(".")[0] == "kiosk" and m not in SHARED_WITH_THE_STORE]
    assert offenders == []


def test_the_check_sees_imports() -> None:
    modules = {m for _, m in imported_modules(ROOT / "kiosk" / "ui")}
    assert any(m.startswith("PySide6") for m in modules)


# application services sit above core, sync and devices and may use all three (DESIGN.md, "Layers"):
# these modules, and the technician's services in kiosk/technician/
APPLICATION_SERVICES = {"app.py", "__main__.py", "checkout.py", "services.py", "reconcile.py", "receipts.py"}


def test_core_imports_neither_devices_nor_sync_but_the_wire_types() -> None:
    # kiosk/technician/ holds the technician area's application services, one module per job
    core = [p for p in (ROOT / "kiosk").rglob("*.py")
            if not {"ui", "devices", "sync", "technician"} & set(p.relative_to(ROOT / "kiosk").parts[:-1])
            and p.relative_to(ROOT / "kiosk").as_posix() not in APPLICATION_SERVICES]
    assert ROOT / "kiosk" / "orders.py" in core and ROOT / "kiosk" / "catalog" / "search.py" in core
    below = ("kiosk.devices", "kiosk.sync")
    offenders = [f"{p.relative_to(ROOT)}: {m}" for p, m in imported_modules(ROOT / "kiosk")
                 if p in core and m.startswith(below) and m != "kiosk.sync.protocol"]
    assert offenders == []


# entry points: the kiosk's own, and the screenshot tour (a tool that builds its own services)
ENTRY_POINTS = {"__main__.py", "ui/tour.py"}


def test_nothing_below_the_composition_root_imports_it() -> None:
    offenders = [f"{p.relative_to(ROOT)}: {m}" for p, m in imported_modules(ROOT / "kiosk")
                 if m == "kiosk.app" and p.relative_to(ROOT / "kiosk").as_posix() not in ENTRY_POINTS]
    assert offenders == []
