"""``mediation-desk demo --as supervisor``: signed in as the demo supervisor, the desk
opens at the review queue, and the platform holds rulings at every stage."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sqlalchemy import select

from app.desk import Desk
from app.review.service import review_queue
from app.services.outbox import list_outbox
from app.store import models as m
from tests.qt.helpers import wait_for_queue
from ui.demo import run_demo
from ui.main_window import MainWindow
from ui.qt import QApplication, QTimer

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "demo-supervisor.png"
REVIEW_SCREENSHOT = SCREENSHOT.with_name("demo-supervisor-review.png")


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
        # The Review tab of a ruling waiting (signed by its mediator): every check ticked,
        # "Approve and countersign" countersigns with the demo supervisor's key.
        with window.ops.desk.unit_of_work(read_only=True) as uow:
            waiting = next(i for i in review_queue(uow) if i.appeal is None)
        panel = window.case_view.review
        window.resize(1400, 1250)
        with qtbot.waitSignal(panel.review_shown, timeout=30_000):
            window.case_view.show_case_id(waiting.case_id)
            window.case_view.show_tab(window.case_view.tabs.indexOf(panel))
        qtbot.waitUntil(
            lambda: panel.preview.pixmap() is not None and not panel.preview.pixmap().isNull(),
            timeout=30_000,
        )
        for check in panel.checks:
            check.setChecked(True)
        panel.comments.setPlainText("同意。")
        qtbot.wait(200)
        if os.environ.get("MEDIATION_DESK_SCREENSHOTS") or not REVIEW_SCREENSHOT.exists():
            window.grab().save(str(REVIEW_SCREENSHOT))
        with qtbot.waitSignal(panel.verdict_queued, timeout=60_000) as queued:
            panel.approve()
        seen["approved"] = (queued.args, waiting.case_id, waiting.document.document_id)
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
    # The approval on the Review tab countersigned the mediator's signature for real.
    args, case_id, document_id = seen["approved"]  # type: ignore[misc]
    assert args == [case_id, "approve"]
    desk = Desk.open(home / "desk")
    try:
        with desk.unit_of_work(read_only=True) as uow:
            (row,) = uow.session.execute(select(m.DocumentSignature)).scalars()
            signed = (row.case_id, row.document_id, row.role, row.signer_username, row.sha256)
            (approval,) = [
                i for i in list_outbox(uow, case_id) if i.action_type == "review_document"
            ]
    finally:
        desk.close()
    assert signed[:4] == (case_id, document_id, "supervisor", "supervisor1")
    assert approval.body["sha256"] == signed[4]
