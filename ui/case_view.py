"""The open case: its header, and the case file, timeline, evidence and workflow as tabs
(and, while the case is in conflict, the conflict to decide).

The case is read by a :class:`~ui.operations.ReadOp` (``get_case`` on the store's read
thread); then every evidence file is re-hashed on a file thread and the integrity marks
follow when that finishes. Switching cases quickly (arrow keys in the queue) drops the
answers for cases no longer shown.
"""

from __future__ import annotations

from app.desk import UnitOfWork
from app.errors import DeskError, NotFound
from app.services.case_file import CaseDetail, get_case
from app.services.queue import due_state
from app.services.record_check import verify_case_record
from app.vocabulary import Sayable, label_text, words
from reports.signing.countersign import desk_countersign
from ui.case_file_view import CaseFileView
from ui.conflict_panel import ConflictPanel
from ui.documents_tab import DocumentsTab
from ui.evidence_compare_panel import EvidenceComparePanel
from ui.formatting import local_time
from ui.messages import show_error
from ui.notice_view import NoticeTab
from ui.operations import OpContext, OpRunner, ReadOp
from ui.qt import (
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.review_panel import ReviewPanel
from ui.timeline_view import TimelineView
from ui.widgets import plain_label
from ui.workflow_panel import WorkflowPanel

CHIP = "border-radius: 9px; padding: 1px 8px; font-weight: 500;"
CHIP_STYLES = {
    "status": "color: #175cd3; background: #eff8ff; border: 1px solid #b2ddff;" + CHIP,
    "overdue": "color: #b42318; background: #fef3f2; border: 1px solid #fecdca;" + CHIP,
    "due_soon": "color: #b54708; background: #fffaeb; border: 1px solid #fedf89;" + CHIP,
    "due": "color: #344054; background: #f9fafb; border: 1px solid #eaecf0;" + CHIP,
    "urgent": "color: #b42318; background: #fef3f2; border: 1px solid #fecdca;" + CHIP,
    "high": "color: #b54708; background: #fffaeb; border: 1px solid #fedf89;" + CHIP,
    "flag": "color: #6941c6; background: #f9f5ff; border: 1px solid #e9d7fe;" + CHIP,
    "conflict": "color: #ffffff; background: #d92d20; border: 1px solid #d92d20;" + CHIP,
}


CONFLICT_TAB = 4


def _chip(text: str, style: str) -> QLabel:
    chip = plain_label(text, selectable=False)
    chip.setStyleSheet(CHIP_STYLES[style])
    return chip


class CaseView(QWidget):
    case_loaded = Signal(str)  # case id whose file is on screen
    integrity_checked = Signal(str)  # case id whose files were re-hashed
    load_failed = Signal(object)
    case_changed = Signal(str)  # case id changed here (a conflict decided): the queue reads again

    def __init__(self, ops: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._detail: CaseDetail | None = None
        self._record_problems: tuple[Sayable, ...] = ()
        self._wanted: str | None = None
        self._generation = 0

        self.case_number = plain_label()
        self.case_number.setObjectName("caseNumber")
        self.title = plain_label(word_wrap=True)
        self.title.setObjectName("caseTitle")
        self.chips = QHBoxLayout()
        self.chips.setSpacing(6)
        header = QFrame()
        header.setObjectName("caseHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(12, 8, 12, 8)
        header_layout.setSpacing(4)
        self.conflict_button = QPushButton()
        self.conflict_button.setObjectName("conflictButton")
        self.conflict_button.setVisible(False)
        self.conflict_button.clicked.connect(self.show_conflict)
        top = QHBoxLayout()
        top.addWidget(self.case_number)
        top.addLayout(self.chips)
        top.addStretch(1)
        top.addWidget(self.conflict_button)
        header_layout.addLayout(top)
        header_layout.addWidget(self.title)
        # Said when the stored record fails verification (changed outside the desk).
        self.record_warning = plain_label(word_wrap=True)
        self.record_warning.setObjectName("recordWarning")
        self.record_warning.setVisible(False)
        header_layout.addWidget(self.record_warning)

        self.case_file = CaseFileView()
        self.timeline = TimelineView()
        self.evidence = EvidenceComparePanel(ops)
        self.workflow = WorkflowPanel(ops)
        self.documents = DocumentsTab(ops)
        # Approval countersigns the platform's copy of the mediator-signed PDF with this
        # desk's supervisor key (pyHanko loads at the first approval, not here).
        self.review = ReviewPanel(ops, countersign=desk_countersign(ops.desk))
        self.notice = NoticeTab(ops)
        # A new decision draft changes what the notice would say.
        self.documents.documents_changed.connect(self.notice.show_case_id)
        self.workflow.documents_requested.connect(
            lambda: self.tabs.setCurrentWidget(self.documents)
        )
        self.case_file.evidence_opened.connect(self._on_case_file_evidence_opened)
        self.workflow.evidence_requested.connect(self._on_case_file_evidence_opened)
        self.workflow.workflow_changed.connect(self._on_workflow_changed)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.case_file, "")
        self.tabs.addTab(self.timeline, "")
        self.tabs.addTab(self.evidence, "")
        self.tabs.addTab(self.workflow, "")
        self.conflict = ConflictPanel(ops)
        self.conflict.conflict_changed.connect(self._on_conflict_changed)
        self.tabs.addTab(self.conflict, "")
        self.tabs.setTabVisible(CONFLICT_TAB, False)
        self.tabs.addTab(self.documents, "")  # after the conflict's, which keeps its index
        self.tabs.addTab(self.review, "")
        self.tabs.addTab(self.notice, "")

        case_page = QWidget()
        case_layout = QVBoxLayout(case_page)
        case_layout.setContentsMargins(0, 0, 0, 0)
        case_layout.setSpacing(0)
        case_layout.addWidget(header)
        case_layout.addWidget(self.tabs, 1)
        self.placeholder = plain_label(alignment=Qt.AlignmentFlag.AlignCenter, selectable=False)
        self.placeholder.setObjectName("placeholder")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(case_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._retranslate()

    @property
    def detail(self) -> CaseDetail | None:
        return self._detail

    @property
    def case_id(self) -> str | None:
        return self._detail.summary.id if self._detail else None

    def show_case_id(self, case_id: str | None) -> None:
        """Open ``case_id`` (None: nothing chosen); the answer arrives in the background."""
        if case_id == self._wanted and self._detail is not None and case_id == self.case_id:
            return
        self._generation += 1
        self._wanted = case_id
        if case_id is None:
            self._show(None)
            return
        generation = self._generation
        (
            ReadOp(self._ops, lambda uow, _op: get_case(uow, case_id))
            .in_pool("reads", priority=1)
            .success(lambda detail: self._on_case_read(generation, detail))
            .failure(lambda error: self._on_case_read_failed(generation, error))
            .run(self)
        )

    def reload(self) -> None:
        """Read the open case again (after a sync changed it)."""
        wanted = self._wanted
        self._wanted = None
        self._detail = None
        self.show_case_id(wanted)

    def _on_case_read(self, generation: int, detail: CaseDetail) -> None:
        if generation != self._generation:
            return
        self._show(detail)
        self._show_workflow(detail)
        self._show_conflict(detail)
        self.case_loaded.emit(detail.summary.id)
        self._check_integrity(generation, detail.summary.id)

    def _on_case_read_failed(self, generation: int, error: DeskError) -> None:
        if generation != self._generation:
            return
        self._show(None)
        self.placeholder.setText(str(error))
        self.load_failed.emit(error)

    def _check_integrity(self, generation: int, case_id: str) -> None:
        def check(uow: UnitOfWork, _op: OpContext) -> tuple[dict[str, str], tuple[Sayable, ...]]:
            checked = get_case(uow, case_id, check_files=True)
            states = {item.evidence_id: item.integrity for item in checked.evidence}
            return states, verify_case_record(uow, case_id)

        (
            ReadOp(self._ops, check)
            .in_pool("files")
            .success(lambda found: self._on_integrity_checked(generation, case_id, *found))
            .failure(lambda error: self._on_integrity_check_failed(generation, error))
            .run(self)
        )

    def _on_integrity_check_failed(self, generation: int, error: DeskError) -> None:
        # The case vanished meanwhile (a sync removed it): the next read says so. Anything
        # else (a busy or unreadable store) is said once, over the window.
        if generation == self._generation and not isinstance(error, NotFound):
            show_error(self, error)

    def _on_integrity_checked(
        self,
        generation: int,
        case_id: str,
        states: dict[str, str],
        record_problems: tuple[Sayable, ...] = (),
    ) -> None:
        if generation != self._generation:
            return
        self._record_problems = record_problems
        self._show_record_warning()
        self.case_file.set_integrity(states)
        self.evidence.set_integrity(states)
        self.integrity_checked.emit(case_id)

    def _show_record_warning(self) -> None:
        problems = self._record_problems
        if problems:
            self.record_warning.setText(words("records.desk_warning", problem=problems[0]).text())
        self.record_warning.setVisible(bool(problems))

    def _show(self, detail: CaseDetail | None) -> None:
        self._detail = detail
        self._record_problems = ()
        self._show_record_warning()
        if detail is None:
            self.evidence.clear()
            self.stack.setCurrentIndex(0)
            self._retranslate_placeholder()
            return
        self._fill_header(detail)
        self.case_file.show_case(detail)
        self.timeline.show_case(detail)
        self.evidence.show_case(detail)
        self._retitle_tabs()
        self.stack.setCurrentIndex(1)

    def _fill_header(self, detail: CaseDetail) -> None:
        summary = detail.summary
        self.case_number.setText(summary.id)
        self.title.setText(summary.title)
        while self.chips.count():
            taken = self.chips.takeAt(0)
            if taken is not None and taken.widget() is not None:
                taken.widget().deleteLater()
        self.chips.addWidget(_chip(label_text("CaseStatus", summary.status), "status"))
        state = due_state(summary.due_at, summary.status, self._ops.desk.clock.now())
        if summary.due_at is not None:
            due = self.tr("Due %1").replace("%1", local_time(summary.due_at))
            if state:
                due = f"{label_text('DueState', state)} · {due}"
            self.chips.addWidget(_chip(due, state or "due"))
        if summary.priority in ("urgent", "high"):
            self.chips.addWidget(_chip(label_text("Priority", summary.priority), summary.priority))
        for flag in summary.flags:
            self.chips.addWidget(_chip(label_text("Flag", flag), "flag"))
        if summary.in_conflict:
            self.chips.addWidget(_chip(self.tr("Conflict"), "conflict"))

    def _show_conflict(self, detail: CaseDetail) -> None:
        in_conflict = detail.summary.in_conflict
        self.tabs.setTabVisible(CONFLICT_TAB, in_conflict)
        self.conflict_button.setVisible(in_conflict)
        parties = {
            party.party_id: f"{party.display_name} ({label_text('PartyRole', party.role)})"
            for party in detail.parties
        }
        self.conflict.show_case_id(detail.summary.id if in_conflict else None, parties)

    def show_conflict(self) -> None:
        """Go to the conflict tab (shown only while the open case is in conflict)."""
        if self.tabs.isTabVisible(CONFLICT_TAB):
            self.tabs.setCurrentIndex(CONFLICT_TAB)

    def _on_conflict_changed(self, case_id: str) -> None:
        if self._detail is not None and self._detail.summary.id == case_id:
            self.reload()
        self.case_changed.emit(case_id)

    def _on_case_file_evidence_opened(self, evidence_id: str) -> None:
        self.tabs.setCurrentWidget(self.evidence)
        self.evidence.show_item(evidence_id)

    def _show_workflow(self, detail: CaseDetail) -> None:
        by_kind: dict[str, list[str]] = {}
        for item in detail.evidence:
            by_kind.setdefault(item.kind, []).append(item.evidence_id)
        self.workflow.show_case_id(detail.summary.id, by_kind, detail.order.total_paid.currency)
        self.documents.show_case_id(detail.summary.id)
        self.review.show_case_id(detail.summary.id)
        self.notice.show_case_id(detail.summary.id)

    def _on_workflow_changed(self, case_id: str) -> None:
        # Offers and answers change the case's own view too (pending actions, status).
        if self._detail is not None and self._detail.summary.id == case_id:
            self.reload()

    def show_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def _retitle_tabs(self) -> None:
        self.tabs.setTabText(0, self.tr("Case file"))
        self.tabs.setTabText(1, self.tr("Timeline"))
        count = len(self._detail.evidence) if self._detail else 0
        self.tabs.setTabText(2, self.tr("Evidence (%1)").replace("%1", str(count)))
        self.tabs.setTabText(3, self.tr("Workflow"))
        self.tabs.setTabText(CONFLICT_TAB, self.tr("Conflict"))
        self.conflict_button.setText(self.tr("Look at the conflict…"))
        self.conflict_button.setToolTip(
            self.tr("What you did offline beside what changed on the platform, and your choice")
        )
        self.tabs.setTabText(self.tabs.indexOf(self.documents), words("documents.desk.tab").text())
        self.tabs.setTabText(self.tabs.indexOf(self.review), words("review.desk.tab").text())
        self.tabs.setTabText(self.tabs.indexOf(self.notice), words("notices.desk.tab").text())

    def _retranslate_placeholder(self) -> None:
        self.placeholder.setText(self.tr("Choose a case in the queue to open its file."))

    def _retranslate(self) -> None:
        self._retitle_tabs()
        if self._detail is None:
            self._retranslate_placeholder()
        else:
            self._fill_header(self._detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
