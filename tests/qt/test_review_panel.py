"""The Review tab: a supervisor reads the draft, the checklist and what changed since
the previous version, and approves or returns it — through the outbox."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.desk import Desk
from app.documents import draft_document, list_documents
from app.services.outbox import list_outbox
from app.store import models as m
from reports import render_record
from tests.integration.documents.stored_cases import (
    MEDIATOR,
    RULING_ANSWERS,
    import_case,
    walk_to_ruling_draft,
)
from tests.qt.conftest import drain
from tests.unit.documents.walks import START
from ui.operations import OpRunner
from ui.review_panel import ReviewPanel

CASE = "DSP-2026-004711"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "review-panel.png"


def _sign_in(desk: Desk, username: str, role: str) -> None:
    with desk.unit_of_work() as uow:
        user = uow.session.get(m.User, username)
        if user is None:
            uow.session.add(m.User(username=username, display_name=username, role=role))
        else:
            user.role = role
        uow.session.add(m.SyncState(platform_url="https://platform.example", username=username))
        uow.commit()


@pytest.fixture()
def reviewed_case(tmp_path: Path) -> Any:
    """A case with two drafted versions (a bigger refund in the second), the second
    submitted to the platform by the mediator (the row a sync stores)."""
    clock = FixedClock(START)
    desk = Desk.open(tmp_path / "home", clock=clock)
    import_case(desk, tmp_path, CASE)
    walk = walk_to_ruling_draft(desk, clock, CASE)
    with desk.unit_of_work() as uow:
        draft_document(uow, CASE, render_record, actor_id=MEDIATOR)
    walk.do("answer", {**RULING_ANSWERS, "remedy_amount": "650.00"})
    with desk.unit_of_work() as uow:
        second = draft_document(uow, CASE, render_record, actor_id=MEDIATOR).document
    with desk.unit_of_work() as uow:
        uow.session.add(
            m.Document(
                case_id=CASE,
                document_id="D1",
                kind="ruling",
                sha256=second.sha256,
                size=second.size,
                created_at=clock.now(),
                created_by=MEDIATOR,
                status="submitted",
                reviews=[],
                stored=True,
            )
        )
        uow.commit()
    yield desk
    desk.close()


def _panel(qtbot: Any, desk: Desk, runner: Any) -> ReviewPanel:
    panel = ReviewPanel(OpRunner(desk, runner))
    qtbot.addWidget(panel)
    panel.resize(1280, 860)
    panel.show()
    with qtbot.waitSignal(panel.review_shown, timeout=20_000):
        panel.show_case_id(CASE)
    return panel


def test_the_panel_shows_the_diff_and_approves_only_when_every_check_is_ticked(
    qtbot: Any, runner: Any, reviewed_case: Desk
) -> None:
    desk = reviewed_case
    _sign_in(desk, "wang.qiang", "supervisor")
    panel = _panel(qtbot, desk, runner)
    diff = panel.diff_text.toPlainText()
    assert "R1" in diff and "R2" in diff
    assert "CNY 500.00 → CNY 650.00" in diff
    assert panel.refusal_label.text() == ""
    assert panel.checks and not panel.approve_button.isEnabled()
    assert not panel.return_button.isEnabled()  # no comments yet
    assert panel.documents_model.rowCount() == 1 and panel.evidence_model.rowCount() == 9
    qtbot.waitUntil(
        lambda: panel.preview.pixmap() is not None and not panel.preview.pixmap().isNull(),
        timeout=20_000,
    )
    for check in panel.checks:
        check.setChecked(True)
    assert panel.approve_button.isEnabled()
    if os.environ.get("MEDIATION_DESK_SCREENSHOTS") or not SCREENSHOT.exists():
        panel.comments.setPlainText("同意。")
        panel.grab().save(str(SCREENSHOT))
        panel.comments.clear()
    with qtbot.waitSignal(panel.verdict_queued, timeout=10_000) as queued:
        panel.approve()
    assert queued.args == [CASE, "approve"]
    drain(runner)
    with desk.unit_of_work(read_only=True) as uow:
        (item,) = [i for i in list_outbox(uow, CASE) if i.action_type == "review_document"]
        assert len(list_documents(uow, CASE)) == 2
    assert item.body["verdict"] == "approve" and item.body["document_id"] == "D1"
    assert "D1" in panel.message_label.text()


def test_return_needs_comments_and_queues_them(
    qtbot: Any, runner: Any, reviewed_case: Desk
) -> None:
    desk = reviewed_case
    _sign_in(desk, "wang.qiang", "supervisor")
    panel = _panel(qtbot, desk, runner)
    panel.comments.setPlainText("  ")
    assert not panel.return_button.isEnabled()
    panel.comments.setPlainText("理由部分请补充<b>物流</b>记录。")
    assert panel.return_button.isEnabled()
    with qtbot.waitSignal(panel.verdict_queued, timeout=10_000):
        panel.return_with_comments()
    drain(runner)
    with desk.unit_of_work(read_only=True) as uow:
        (item,) = [i for i in list_outbox(uow, CASE) if i.action_type == "review_document"]
    assert item.body == {
        "type": "review_document",
        "document_id": "D1",
        "verdict": "return",
        "comments": "理由部分请补充<b>物流</b>记录。",
    }


def test_the_drafter_is_told_the_four_eyes_rule_and_cannot_act(
    qtbot: Any, runner: Any, reviewed_case: Desk
) -> None:
    desk = reviewed_case
    _sign_in(desk, "li.na", "supervisor")  # the drafter, even as a supervisor
    panel = _panel(qtbot, desk, runner)
    assert "Four-eyes" in panel.refusal_label.text() or "四眼" in panel.refusal_label.text()
    for check in panel.checks:
        check.setChecked(True)
    panel.comments.setPlainText("自己的草稿")
    assert not panel.approve_button.isEnabled() and not panel.return_button.isEnabled()


def test_a_mediators_desk_is_told_only_supervisors_review(
    qtbot: Any, runner: Any, reviewed_case: Desk
) -> None:
    desk = reviewed_case
    _sign_in(desk, "li.na", "mediator")
    panel = _panel(qtbot, desk, runner)
    assert panel.refusal_label.text()
    assert not panel.approve_button.isEnabled()


def test_a_ruling_reopened_by_an_appeal_is_confirmed_without_a_second_countersignature(
    qtbot: Any, runner: Any, reviewed_case: Desk
) -> None:
    desk = reviewed_case
    _sign_in(desk, "wang.qiang", "supervisor")
    with desk.unit_of_work() as uow:
        row = uow.session.query(m.Document).filter(m.Document.document_id == "D1").one()
        row.reviews = [{"by": "user:wang.qiang", "at": START.isoformat(), "verdict": "approve"}]
        uow.commit()
    calls: list[str] = []

    def countersign(_uow: Any, _user: Any, document: Any) -> Any:
        calls.append(document.document_id)
        raise AssertionError("already countersigned")

    panel = ReviewPanel(OpRunner(desk, runner), countersign=countersign)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.review_shown, timeout=20_000):
        panel.show_case_id(CASE)
    assert panel.approve_button.text() in ("Confirm the ruling (appeal)", "维持原裁决（申诉复核）")
    for check in panel.checks:
        check.setChecked(True)
    with qtbot.waitSignal(panel.verdict_queued, timeout=10_000):
        panel.approve()
    drain(runner)
    assert calls == []
    with desk.unit_of_work(read_only=True) as uow:
        (item,) = [i for i in list_outbox(uow, CASE) if i.action_type == "review_document"]
    assert item.body["verdict"] == "approve" and "sha256" not in item.body
