"""The Documents tab: a mediator at "Draft the ruling" drafts, previews and exports."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.desk import Desk
from tests.integration.documents.stored_cases import (
    MEDIATOR,
    import_case,
    walk_to_ruling_draft,
)
from tests.qt.conftest import drain
from tests.unit.documents.walks import START
from ui.documents_tab import DocumentsTab
from ui.operations import OpRunner

CASE = "DSP-2026-004711"


@pytest.fixture()
def ruling_desk(tmp_path: Path) -> Any:
    clock = FixedClock(START)
    desk = Desk.open(tmp_path / "home", clock=clock)
    import_case(desk, tmp_path, CASE)
    yield desk, clock
    desk.close()


def _tab(qtbot: Any, desk: Desk, runner: Any) -> DocumentsTab:
    tab = DocumentsTab(OpRunner(desk, runner), lambda _uow: MEDIATOR)
    qtbot.addWidget(tab)
    tab.resize(1100, 800)
    tab.show()
    return tab


def test_the_tab_drafts_a_ruling_previews_its_pages_and_exports_party_copies(
    qtbot: Any, runner: Any, ruling_desk: Any, tmp_path: Path
) -> None:
    desk, clock = ruling_desk
    walk_to_ruling_draft(desk, clock, CASE)
    tab = _tab(qtbot, desk, runner)
    tab.show_case_id(CASE)
    qtbot.waitUntil(lambda: tab.draft_button.isEnabled(), timeout=10_000)
    assert "ruling" in tab.state_label.text()
    assert not tab.export_button.isEnabled()  # nothing to export yet
    with qtbot.waitSignal(tab.preview_shown, timeout=20_000) as shown:
        tab.draft()
    assert shown.args == ["R1"]
    assert tab.model.rowCount() == 1 and tab.selected_document_id() == "R1"
    assert tab.page_count() >= 2
    first_page = tab.pages_layout.itemAt(0).widget().pixmap()
    assert first_page.width() > 500 and first_page.height() > first_page.width()
    assert "R1" in tab.message_label.text()
    target = tmp_path / "buyer.pdf"
    tab.export(target, "buyer")
    qtbot.waitUntil(
        lambda: target.exists() and "buyer.pdf" in tab.message_label.text(), timeout=10_000
    )
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "13800138000" in text and "0571-88886666" not in text
    whole = tmp_path / "whole.pdf"
    tab.export(whole)
    qtbot.waitUntil(lambda: whole.exists(), timeout=10_000)
    drain(runner)
    stored = desk.evidence.path_of(hashlib.sha256(whole.read_bytes()).hexdigest())
    assert stored.exists()  # the whole document is the stored version, byte for byte


def test_the_draft_button_says_what_is_missing_before_the_ruling_can_be_drafted(
    qtbot: Any, runner: Any, ruling_desk: Any
) -> None:
    desk, clock = ruling_desk
    walk_to_ruling_draft(desk, clock, CASE, answered=False)
    tab = _tab(qtbot, desk, runner)
    tab.show_case_id(CASE)
    qtbot.waitUntil(lambda: "Findings of fact" in tab.state_label.text(), timeout=10_000)
    assert not tab.draft_button.isEnabled()
    drain(runner)


def test_a_second_draft_supersedes_the_first_and_both_stay_listed(
    qtbot: Any, runner: Any, ruling_desk: Any
) -> None:
    desk, clock = ruling_desk
    walk = walk_to_ruling_draft(desk, clock, CASE)
    tab = _tab(qtbot, desk, runner)
    tab.show_case_id(CASE)
    qtbot.waitUntil(lambda: tab.draft_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(tab.preview_shown, timeout=20_000):
        tab.draft()
    walk.do("answer", {"reasoning": "理由已补充：检测报告由具备资质的机构出具，可以采信。" * 2})
    tab.show_case_id(CASE)
    qtbot.waitUntil(lambda: tab.draft_button.isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: tab.previewed == "R1", timeout=10_000)
    tab.language.setCurrentIndex(tab.language.findData("en"))
    tab.draft()
    qtbot.waitUntil(lambda: tab.previewed == "R2", timeout=20_000)
    states = [tab.model.item(row, 5).text() for row in range(tab.model.rowCount())]
    languages = [tab.model.item(row, 4).text() for row in range(tab.model.rowCount())]
    assert states == ["current draft", "superseded"] and languages[0] == "English"
    drain(runner)


def test_the_drafting_step_of_the_workflow_links_to_the_documents_tab(
    qtbot: Any, runner: Any, ruling_desk: Any
) -> None:
    from ui.qt import QPushButton
    from ui.workflow_panel import WorkflowPanel

    desk, clock = ruling_desk
    panel = WorkflowPanel(OpRunner(desk, runner), lambda _uow: MEDIATOR)
    qtbot.addWidget(panel)
    panel.show_case_id(CASE, {}, "CNY")
    qtbot.waitUntil(lambda: panel.status is not None, timeout=10_000)
    assert panel.findChild(QPushButton, "openDocuments") is None  # the intake drafts nothing
    walk_to_ruling_draft(desk, clock, CASE, answered=False)
    panel.show_case_id(CASE, {}, "CNY")
    qtbot.waitUntil(
        lambda: panel.status is not None and panel.status.step_id == "ruling_draft", timeout=10_000
    )
    link = panel.findChild(QPushButton, "openDocuments")
    assert link is not None
    with qtbot.waitSignal(panel.documents_requested, timeout=2_000):
        link.click()
    drain(runner)
