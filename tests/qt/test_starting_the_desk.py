"""Starting the desk: the command line's hook and ``run_desk``."""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.qt.helpers import wait_for_queue
from ui import cli
from ui.app import run_desk
from ui.main_window import MainWindow
from ui.qt import QApplication, QTimer
from ui.settings import DeskSettings


def test_without_a_display_the_window_is_not_opened_and_the_user_is_told(
    monkeypatch, capsys, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cli.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert cli.open_desk_window(argparse.Namespace(home=str(tmp_path / "home"))) == 1
    assert "no display" in capsys.readouterr().err


def test_the_hook_opens_the_window_on_the_chosen_store(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opened = []
    monkeypatch.setattr("ui.app.run_desk", lambda desk: opened.append(desk.paths.home) or 0)
    assert cli.open_desk_window(argparse.Namespace(home=str(tmp_path / "home"))) == 0
    assert opened == [tmp_path / "home"]


def test_run_desk_shows_the_queue_and_returns_when_the_window_closes(
    qtbot, examples_desk, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_desk puts it back; be sure
    seen: list[int] = []

    def close_when_ready() -> None:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if not windows or windows[0].queue.model.rowCount() == 0:
            QTimer.singleShot(20, close_when_ready)
            return
        wait_for_queue(qtbot, windows[0].queue.model)
        seen.append(windows[0].queue.model.rowCount())
        windows[0].close()

    QTimer.singleShot(0, close_when_ready)
    assert run_desk(examples_desk, settings=DeskSettings(tmp_path / "settings.ini")) == 0
    assert seen == [2]
    assert (examples_desk.paths.log_folder / "desk.log").exists()
    assert (tmp_path / "settings.ini").read_text()  # the layout was remembered
