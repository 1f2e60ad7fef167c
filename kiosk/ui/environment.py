"""What the kiosk needs from the process environment, set by the kiosk itself.

The kiosk runs from a systemd unit, a bare X session, a kiosk compositor or a developer's shell: none of
them can be trusted to set Qt up for a touch-only terminal. So the Qt layer sets what it needs before
PySide6 creates the application (`kiosk.ui` calls `prepare_qt` on import), and the shipped kiosk, the
tests, the benchmarks and the screenshot tour all start the same way. A headless run adds only the
offscreen platform and the software renderer.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

# Qt reads these when the application object is created
QT_ENVIRONMENT = {
    # the on-screen keyboard: a touch-only shopper has no other way to type, whatever input method
    # (ibus, fcitx) the desktop around the kiosk would pick
    "QT_IM_MODULE": "qtvirtualkeyboard",
    # the keyboard is our QML InputPanel, never Qt's own floating keyboard window (it would show if a
    # field got focus before the InputPanel loaded, and it can be dragged off screen)
    "QT_VIRTUALKEYBOARD_DESKTOP_DISABLE": "1",
}


def prepare_qt() -> None:
    for name, value in QT_ENVIRONMENT.items():
        if os.environ.get(name) not in (None, value):
            log.info("%s=%s from the environment is replaced by %s", name, os.environ[name], value)
        os.environ[name] = value


def keep_keyboard_from_learning(keyboard_dir: Path) -> None:
    """The Pinyin engine must not learn what shoppers type.

    It adds every phrase a shopper composes from separate picks (a name, a street) to a user dictionary
    and offers it to the next shopper, and it keeps that dictionary in memory for the life of the
    process: deleting the file between shoppers would not forget anything. It looks for the file at
    `$XDG_CONFIG_HOME/qtvirtualkeyboard/pinyin/usr_dict.dat` and runs without a user dictionary when it
    cannot open one, so the kiosk points it at its own data dir and puts a folder where the file would
    be. Nothing is written under the home directory, and the engine's "creating directory" warning on a
    fresh machine goes too.
    """
    os.environ["XDG_CONFIG_HOME"] = str(keyboard_dir)
    user_dict = keyboard_dir / "qtvirtualkeyboard" / "pinyin" / "usr_dict.dat"
    if user_dict.is_file():
        user_dict.unlink()  # learnt by a kiosk that predates this rule
    user_dict.mkdir(parents=True, exist_ok=True)
