"""Where the technician can write a file by touch: a USB stick, or the kiosk's own exports folder.

Removable media are mounted by the desktop (udisks: /media/USER/LABEL, /run/media/USER/LABEL) or by
hand (/mnt/NAME); the kiosk lists the writable ones, newest first, and always offers its own
`exports` folder in the data dir as the last choice (read back from the diagnostic bundle).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MOUNT_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))


@dataclass(frozen=True)
class ExportFolder:
    path: Path
    label: str  # what the button says: the stick's name, or "exports"
    removable: bool


def _mounts_under(root: Path) -> list[Path]:
    found: list[Path] = []
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.is_dir():
            continue
        if os.path.ismount(entry):
            found.append(entry)
            continue
        # udisks mounts one level down, under the user's name
        try:
            found += [sub for sub in sorted(entry.iterdir()) if sub.is_dir() and os.path.ismount(sub)]
        except OSError:
            continue
    return found


def export_folders(exports_dir: Path, roots: tuple[Path, ...] = MOUNT_ROOTS,
                   require_mount: bool = True) -> list[ExportFolder]:
    """Writable removable media first, then the kiosk's own exports folder (created on demand).

    `require_mount=False` lists every folder under the roots (tests use a temp folder as a "stick")."""
    sticks: list[Path] = []
    for root in roots:
        if require_mount:
            sticks += _mounts_under(root)
        else:
            try:
                sticks += [p for p in sorted(root.iterdir()) if p.is_dir()]
            except OSError:
                continue
    usable = [ExportFolder(p, p.name, True) for p in sticks if os.access(p, os.W_OK | os.X_OK)]
    exports_dir.mkdir(parents=True, exist_ok=True)
    return [*usable, ExportFolder(exports_dir, "exports", False)]
