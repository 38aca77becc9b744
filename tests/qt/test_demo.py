"""``mediation-desk demo``: starts the platform, signs in, syncs, and stops cleanly."""

from __future__ import annotations

import argparse
import socket
from pathlib import Path
from urllib.parse import urlparse

from tests.qt.helpers import wait_for_queue
from ui.demo import run_demo
from ui.main_window import MainWindow
from ui.qt import QApplication, QTimer


def test_demo_starts_syncs_and_stops_cleanly(qtbot, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    seen: dict[str, object] = {}

    def watch() -> None:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if not windows:
            QTimer.singleShot(50, watch)
            return
        window = windows[0]
        if "connected" not in seen:
            window.sync_completed.connect(lambda summary: seen.setdefault("summary", summary))
            seen["connected"] = True
        if "summary" not in seen:
            QTimer.singleShot(50, watch)
            return
        wait_for_queue(qtbot, window.queue.model)
        seen["rows"] = window.queue.model.rowCount()
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible():
                widget.close()
        window.close()

    QTimer.singleShot(0, watch)
    args = argparse.Namespace(home=str(tmp_path / "demo"), cases=12, seed=3)
    assert run_demo(args) == 0
    summary = seen["summary"]
    assert summary.cases_added > 0 and summary.files_downloaded > 0  # type: ignore[attr-defined]
    assert seen["rows"] == summary.cases_added  # type: ignore[attr-defined]
    # The platform the demo started is gone with the window.
    url = next(word for word in capsys.readouterr().out.split() if word.startswith("http://"))
    address = urlparse(url.rstrip(";"))
    with socket.socket() as probe:
        assert probe.connect_ex((address.hostname, address.port)) != 0
    assert (tmp_path / "demo" / "desk" / "logs" / "desk.log").exists()
