"""The workflow panel drives a real case through its script, as a mediator clicks it."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from app.clock import FixedClock
from app.desk import Desk
from app.services.case_import import import_bundle
from app.store import models as m
from app.vocabulary import words
from tests.qt.conftest import CHINA, drain
from tests.support.bundles import write_zip
from tests.unit.workflow.cases import case_document
from ui.formatting import local_time
from ui.messages import BugHandler
from ui.operations import OpRunner
from ui.qt import QApplication, QDialog, QLabel, QMessageBox
from ui.workflow_action_dialog import WorkflowActionDialog
from ui.workflow_panel import WorkflowPanel

CASE_ID = "DSP-2026-000123"


def _store_case(desk: Desk, tmp_path: Path, case_id: str = CASE_ID, **facts: Any) -> None:
    document = case_document(category="quality", reason="not_as_described", **facts).to_json_dict()
    document["case"]["id"] = case_id
    files = {}
    for item in document["evidence"]:
        data = f"{case_id} {item['id']} {item['kind']}".encode()
        item["size"], item["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        files[item["id"]] = data
    with desk.unit_of_work() as uow:
        import_bundle(uow, write_zip(tmp_path / f"{case_id}.zip", document, files), "user:li.na")


@pytest.fixture()
def quality_desk(tmp_path: Path) -> Any:
    from tests.qt.conftest import EXAMPLES_NOW

    desk = Desk.open(tmp_path / "home", clock=FixedClock(EXAMPLES_NOW))
    # The platform's time limit for the case passed the day before the desk looks at it.
    _store_case(desk, tmp_path, due_at="2026-10-11T18:00:00+08:00")
    yield desk
    desk.close()


def _panel(qtbot: Any, desk: Desk, runner: Any) -> WorkflowPanel:
    panel = WorkflowPanel(OpRunner(desk, runner), lambda _uow: "user:li.na")
    qtbot.addWidget(panel)
    panel.resize(700, 900)
    panel.show_case_id(CASE_ID, {"photo": ["E1"]}, "CNY")
    qtbot.waitUntil(lambda: panel.status is not None, timeout=10_000)
    return panel


def _wait_for_step(qtbot: Any, panel: WorkflowPanel, step: str) -> None:
    qtbot.waitUntil(
        lambda: panel.status is not None and panel.status.step_id == step, timeout=10_000
    )


def _fill_intake(qtbot: Any, panel: WorkflowPanel) -> None:
    for key, value in {
        "complete": "yes",
        "within_scope": "yes",
        "safety_signs": "no",
        "malicious_signs": "no",
    }.items():
        panel.set_answer(key, value)
    answered = panel.status
    panel.buttons["answer"].click()
    qtbot.waitUntil(lambda: panel.status is not answered, timeout=10_000)
    for key in list(panel.checkboxes):
        before = panel.status
        panel.checkboxes[key].setChecked(True)
        qtbot.waitUntil(lambda before=before: panel.status is not before, timeout=10_000)


def _walk_to_proposal(qtbot: Any, panel: WorkflowPanel, desk: Desk) -> None:
    """Intake, contact, evidence, proposal: through the panel's own answers and moves."""
    from tests.unit.workflow.cases import fill_step

    _fill_intake(qtbot, panel)
    panel.buttons["contact_parties"].click()
    _wait_for_step(qtbot, panel, "contact_parties")

    class PanelWalk:
        now = desk.clock.now()

        def status(self) -> Any:
            return panel.status

        def do(self, action: str, answers: dict[str, str] | None = None) -> None:
            before = panel.status
            panel.do(action, answers)
            qtbot.waitUntil(
                lambda: panel.status is not before or panel.message_label.text() != "",
                timeout=10_000,
            )
            assert panel.message_label.text() == "", panel.message_label.text()

    walk = PanelWalk()
    fill_step(walk)
    assert panel.status is not None
    evidence_step = next(
        t.id for t in panel.status.transitions if t.allowed and t.to and t.to.startswith("evidence")
    )
    walk.do(evidence_step)
    fill_step(walk)
    walk.do("proposal")
    fill_step(walk)


def test_the_panel_shows_the_step_and_only_allows_moves_whose_rules_hold(
    qtbot, quality_desk, runner
) -> None:
    panel = _panel(qtbot, quality_desk, runner)
    status = panel.status
    assert status is not None and status.step_id == "intake_review"
    move = panel.buttons["contact_parties"]
    assert not move.isEnabled()
    assert move.toolTip().strip()  # the reasons it is blocked
    panel_checklist_ids = list(panel.checkboxes)
    _fill_intake(qtbot, panel)
    assert panel.buttons["contact_parties"].isEnabled()
    panel.buttons["contact_parties"].click()
    _wait_for_step(qtbot, panel, "contact_parties")
    with quality_desk.unit_of_work(read_only=True) as uow:
        actions = list(
            uow.session.execute(
                select(m.AuditEvent.action).where(m.AuditEvent.case_id == CASE_ID)
            ).scalars()
        )
    assert actions.count("workflow.transition") == 1
    assert actions.count("workflow.answered") == 1
    assert actions.count("workflow.checklist") == len(panel_checklist_ids)


def test_a_refused_move_shows_the_reason_and_changes_nothing(qtbot, quality_desk, runner) -> None:
    panel = _panel(qtbot, quality_desk, runner)
    before = panel.status
    panel.do("contact_parties")
    qtbot.waitUntil(lambda: panel.message_label.text() != "", timeout=10_000)
    assert panel.status is before
    assert panel.message_label.text()


def test_the_offer_dialog_queues_an_offer_checked_against_the_order(
    qtbot, quality_desk, runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = _panel(qtbot, quality_desk, runner)
    _walk_to_proposal(qtbot, panel, quality_desk)
    assert "propose_offer" in panel.buttons

    shown: list[WorkflowActionDialog] = []

    def fill_and_accept(dialog: WorkflowActionDialog) -> int:
        shown.append(dialog)
        dialog.set_value("remedy", "partial_refund")
        dialog.set_value("amount", "300.00")
        dialog.set_value("text", "商家部分退款，买家保留商品。")
        dialog._on_buttons_accepted()
        return int(dialog.result())

    monkeypatch.setattr(WorkflowActionDialog, "exec", fill_and_accept)
    before = panel.status
    panel.buttons["propose_offer"].click()
    qtbot.waitUntil(lambda: panel.status is not before, timeout=10_000)
    assert shown and shown[0].result() == QDialog.DialogCode.Accepted
    with quality_desk.unit_of_work(read_only=True) as uow:
        bodies = [
            body
            for kind, body in uow.session.execute(
                select(m.OutboxEntry.action_type, m.OutboxEntry.body).where(
                    m.OutboxEntry.case_id == CASE_ID
                )
            )
            if kind == "propose_offer"
        ]
    assert bodies and bodies[0]["amount"] == {"value": 30000, "currency": "CNY"}
    assert panel.status is not None and panel.status.offers


def test_an_offer_above_what_was_paid_is_refused_by_name(qtbot, quality_desk, runner) -> None:
    panel = _panel(qtbot, quality_desk, runner)
    _walk_to_proposal(qtbot, panel, quality_desk)
    with quality_desk.unit_of_work(read_only=True) as uow:
        queued_before = uow.session.execute(select(m.OutboxEntry.id)).all()
    panel.do("propose_offer", {"remedy": "refund", "amount": "99999.00", "text": "全额退款"})
    qtbot.waitUntil(lambda: panel.message_label.text() != "", timeout=10_000)
    assert "cannot exceed the total paid, CNY 1,299.00" in panel.message_label.text()
    with quality_desk.unit_of_work(read_only=True) as uow:
        assert uow.session.execute(select(m.OutboxEntry.id)).all() == queued_before


def test_untrusted_instructions_are_never_rich_text(qtbot, quality_desk, runner) -> None:
    from ui.qt import QPlainTextEdit

    panel = _panel(qtbot, quality_desk, runner)
    instructions = panel.findChild(QPlainTextEdit, "workflowInstructions")
    assert instructions is not None and instructions.toPlainText().strip()


# ---------------------------------------------------------------- both clocks, reads, failures


def _message_boxes() -> list[QMessageBox]:
    """Every message box open, once each (a box parented to a shown panel is both)."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)] + [
        box for w in QApplication.topLevelWidgets() for box in w.findChildren(QMessageBox)
    ]
    return list({id(box): box for box in found}.values())


def test_the_panel_shows_the_steps_deadline_and_the_cases_time_limit_together(
    qtbot, quality_desk, runner
) -> None:
    panel = _panel(qtbot, quality_desk, runner)
    step = panel.findChild(QLabel, "stepDeadline")
    case = panel.findChild(QLabel, "caseOverdue")
    assert step is not None and case is not None
    assert step.text().startswith("Step deadline: ")
    assert step.text().endswith("2 working day(s) left")
    limit = local_time(datetime(2026, 10, 11, 18, 0, tzinfo=CHINA))
    assert case.text() == f"Case time limit: {limit} — OVERDUE"
    assert panel.findChild(QLabel, "stepOverdue") is None  # the step itself is not late


def test_the_panel_speaks_the_desks_language(qtbot, quality_desk, runner) -> None:
    panel = _panel(qtbot, quality_desk, runner)
    before = panel.status
    panel.set_language("zh_TW")
    qtbot.waitUntil(lambda: panel.status is not before, timeout=10_000)
    case = panel.findChild(QLabel, "caseOverdue")
    assert case is not None and case.text().startswith("案件處理時限：")
    panel.do("contact_parties")
    qtbot.waitUntil(lambda: panel.message_label.text() != "", timeout=10_000)
    assert panel.message_label.text().startswith("無法執行「受理，聯絡雙方」，尚缺：")


def test_showing_a_case_only_reads(qtbot, quality_desk, runner) -> None:
    with quality_desk.unit_of_work() as uow:  # as a desk from before workflows stored it
        uow.session.execute(delete(m.WorkflowRecord))
        uow.commit()
    with quality_desk.unit_of_work(read_only=True) as uow:
        audit_before = uow.session.execute(select(func.count()).select_from(m.AuditEvent)).scalar()
    panel = _panel(qtbot, quality_desk, runner)
    assert panel.status is not None and panel.status.step_id == "intake_review"
    with quality_desk.unit_of_work(read_only=True) as uow:
        assert uow.session.execute(select(m.WorkflowRecord)).first() is None
        audit_after = uow.session.execute(select(func.count()).select_from(m.AuditEvent)).scalar()
    assert audit_after == audit_before


def test_a_refusal_is_said_once_in_the_panel_and_nowhere_else(qtbot, quality_desk, runner) -> None:
    panel = _panel(qtbot, quality_desk, runner)
    said: list[str] = []
    panel.failure_shown.connect(said.append)
    panel.do("contact_parties")
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    drain(runner)
    assert said == [panel.message_label.text()]
    assert said[0].startswith("Cannot do 'Accept and contact both parties' yet.")
    assert _message_boxes() == []
    assert panel.buttons["answer"].isEnabled()  # no longer busy


def test_a_refusal_that_arrives_after_the_mediator_moved_on_is_still_shown_once(
    qtbot, quality_desk, runner, tmp_path
) -> None:
    _store_case(quality_desk, tmp_path, "DSP-2026-000124")
    panel = _panel(qtbot, quality_desk, runner)
    said: list[str] = []
    panel.failure_shown.connect(said.append)
    panel.do("contact_parties")  # refused, but the answer comes back only after...
    panel.show_case_id("DSP-2026-000124")  # ...the mediator has opened another case
    qtbot.waitUntil(lambda: bool(_message_boxes()), timeout=10_000)
    drain(runner)
    boxes = _message_boxes()
    assert len(boxes) == 1
    assert boxes[0].text().startswith("Cannot do 'Accept and contact both parties' yet.")
    assert said == []  # not in the panel, which now shows the other case
    assert panel.status is not None and panel.status.case_id == "DSP-2026-000124"
    for box in boxes:
        box.close()


def test_a_bug_while_acting_goes_to_the_bug_handler_not_to_the_panel(
    qtbot, quality_desk, runner, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handler = BugHandler(tmp_path / "logs")
    handler.install()
    try:
        panel = _panel(qtbot, quality_desk, runner)

        def broken(*_args: Any, **_kwargs: Any) -> Any:
            raise RuntimeError("a bug in the service")

        monkeypatch.setattr("ui.workflow_panel.workflow_do", broken)
        said: list[str] = []
        panel.failure_shown.connect(said.append)
        panel.do("answer", {"complete": "yes"})
        qtbot.waitUntil(lambda: bool(handler.reports), timeout=10_000)
        drain(runner)
        assert len(handler.reports) == 1
        assert said == [] and panel.message_label.text() == ""
        apologies = [
            b for b in _message_boxes() if b.windowTitle() == "Sorry, something went wrong"
        ]
        assert len(apologies) == 1
        for box in _message_boxes():
            box.close()
    finally:
        handler.uninstall()


def test_a_case_that_cannot_be_read_says_why_in_the_panel(qtbot, quality_desk, runner) -> None:
    panel = _panel(qtbot, quality_desk, runner)
    said: list[str] = []
    panel.failure_shown.connect(said.append)
    panel.show_case_id("DSP-2026-999999")
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    drain(runner)
    assert said == [words("cases.not_found", case_id="DSP-2026-999999").text("en")]
    assert panel.status is None and panel.buttons == {}  # not the last case's step
    assert panel.message_label.text() == said[0] and panel.message_label.isVisibleTo(panel)
    assert _message_boxes() == []


def test_a_read_overtaken_by_an_action_never_puts_the_older_step_back(
    qtbot, quality_desk, runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import ui.workflow_panel as panel_module

    panel = _panel(qtbot, quality_desk, runner)
    acted = threading.Event()
    real_status, real_do = panel_module.workflow_status, panel_module.workflow_do

    def slow_status(*args: Any, **kwargs: Any) -> Any:
        found = real_status(*args, **kwargs)  # read before the action is stored...
        assert acted.wait(10)  # ...but delivered only after it
        return found

    def do_then_release(*args: Any, **kwargs: Any) -> Any:
        try:
            return real_do(*args, **kwargs)
        finally:
            acted.set()

    monkeypatch.setattr(panel_module, "workflow_status", slow_status)
    monkeypatch.setattr(panel_module, "workflow_do", do_then_release)
    panel.show_case_id(CASE_ID, {"photo": ["E1"]}, "CNY")  # e.g. the language changed
    panel.do("answer", {"complete": "yes"})
    drain(runner)
    assert panel.status is not None
    complete = next(q for q in panel.status.questions if q.id == "complete")
    assert complete.answered
