"""``mediation-desk demo --as supervisor``: signed in as the demo supervisor, the desk
opens at the review queue, and the platform holds rulings at every stage."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import select

from app.desk import Desk
from app.review.service import review_queue
from app.store import models as m
from tests.qt.helpers import wait_for_queue
from ui.demo import run_demo
from ui.main_window import MainWindow
from ui.qt import QApplication, QTimer

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "demo-supervisor.png"


def test_the_supervisor_demo_opens_at_the_review_queue(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
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
        qtbot.waitUntil(lambda: window.queue.selection_bar.isVisible(), timeout=10_000)
        seen["rows"] = window.queue.model.rowCount()
        seen["heading"] = window.queue.selection_label.text()
        seen["user"] = [user.role for user in window.sign_ins or ()]
        if not SCREENSHOT.exists():
            window.resize(1400, 860)
            qtbot.wait(200)
            window.grab().save(str(SCREENSHOT))
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible():
                widget.close()
        window.close()

    QTimer.singleShot(0, watch)
    home = tmp_path / "demo"
    args = argparse.Namespace(home=str(home), cases=40, seed=3, as_role="supervisor")
    assert run_demo(args) == 0
    assert seen["user"] == ["supervisor"]
    assert "Review queue" in str(seen["heading"]) or "复核" in str(seen["heading"])
    desk = Desk.open(home / "desk")
    try:
        with desk.unit_of_work(read_only=True) as uow:
            queue = review_queue(uow)
            appealed = uow.session.execute(
                select(m.HistoryEvent.case_id).where(m.HistoryEvent.event == "case.appealed")
            ).all()
    finally:
        desk.close()
    assert queue and seen["rows"] == len({item.case_id for item in queue})
    assert len(appealed) == 1 and any(item.appeal is not None for item in queue)
