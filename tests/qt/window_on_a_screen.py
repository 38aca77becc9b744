"""Open the desk's window on a screen of a given size and report where everything is.

Run in a process of its own (the offscreen platform's screen is fixed when Qt starts)::

    python -m tests.qt.window_on_a_screen --screen 1366x768 --home H --settings S.ini

Prints one JSON object: the screen's available area, the window's frame, where the
toolbar's last button and the status bar are (in screen coordinates), and the smallest
size the window can take with each tab of the case open, in each language.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _rect(rect: Any) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screen", required=True, help="WIDTHxHEIGHT")
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--settings", type=Path, required=True)
    parser.add_argument("--resize", help="WIDTHxHEIGHT+X+Y: place the window, save, quit")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.screen.split("x"))
    config = Path(tempfile.mkdtemp()) / "screen.json"
    config.write_text(
        json.dumps(
            {"screens": [{"name": "screen", "x": 0, "y": 0, "width": width, "height": height}]}
        )
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from app.desk import Desk
    from ui.app import application, build_window
    from ui.qt import QCoreApplication, QPoint
    from ui.settings import DeskSettings

    application()
    desk = Desk.open(args.home)

    def settle(seconds: float = 0.3) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)

    window = build_window(desk, settings=DeskSettings(args.settings))
    if args.resize:
        size, x, y = args.resize.split("+")
        window.resize(*(int(part) for part in size.split("x")))
        window.move(int(x), int(y))
    window.show()
    window.start()
    end = time.monotonic() + 20
    while window.queue.model.rowCount() == 0 or window.case_view.case_id is None:
        if time.monotonic() > end:
            raise SystemExit("the desk did not open a case in time")
        settle(0.05)
    settle()
    screen = window.screen()
    assert screen is not None
    toolbar = window.toolbar
    last = toolbar.widgetForAction(window.settings_action)
    status = window.statusBar()
    report: dict[str, Any] = {
        "available": _rect(screen.availableGeometry()),
        "frame": _rect(window.frameGeometry()),
        "toolbar_end": last.mapToGlobal(QPoint(last.width(), last.height())).toTuple(),
        "status_bar": [
            *status.mapToGlobal(QPoint(0, 0)).toTuple(),
            status.width(),
            status.height(),
        ],
        "status_visible": status.isVisible(),
        "sign_in_shown": window.sync_state.isVisible() and bool(window.sync_state.text()),
        "minimum": {},
    }
    for language in ("en", "zh_CN", "zh_TW"):
        window.set_language(language)
        settle()
        for tab in range(4):
            window.case_view.show_tab(tab)
            settle(0.2)
            hint = window.minimumSizeHint().expandedTo(window.minimumSize())
            report["minimum"][f"{language}/{tab}"] = [hint.width(), hint.height()]
    if args.resize:
        window.close()  # saves the layout
    print(json.dumps(report))
    window.close()
    window.ops.wait_for_done(10_000)
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
