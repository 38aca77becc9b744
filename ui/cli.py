"""The desk window from the command line: ``mediation-desk`` with no command opens it.

``app.cli.main`` calls :func:`open_desk_window` when no command is given; Qt is only
imported then, so every other command starts without it.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """The window has no sub-command of its own (yet); nothing to add."""


def has_display() -> bool:
    """False on a Linux machine without X11 or Wayland, where Qt would abort the process."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def open_desk_window(args: argparse.Namespace) -> int:
    """Open the main window on the local store named by ``--home``/``--db-url``."""
    from app.cli.common import open_desk
    from app.cli.output import complain
    from app.vocabulary import words

    if not has_display():
        complain(str(words("cli.no_display")))
        return 1
    from ui.app import run_desk

    desk = open_desk(args)
    try:
        return run_desk(desk)
    finally:
        desk.close()
