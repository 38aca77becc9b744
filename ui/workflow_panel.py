"""The workflow panel of the case file: the scripted step a case is on, and what may follow.

Shows the step's instructions, checklist, questions, required evidence (each a link to
the evidence viewer), what is still missing, both clocks of the case — the step's
deadline in working days and the case's own time limit from the platform — and a
button for every move the script allows, enabled only when its rules are met, with the
reasons on the disabled ones. Platform actions open :class:`WorkflowActionDialog` (the
offer dialog for ``propose_offer``).

Everything goes through :mod:`ui.operations`: reading the status is a :class:`ReadOp`
(it never writes), an action a :class:`WriteOp` (the service commits). An expected
failure is shown once, in the panel's own message line, in the desk's language; a bug
goes to the one bug handler. The panel only shows the :class:`WorkflowStatus` it gets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.contract.language import Language
from app.desk import UnitOfWork
from app.errors import DeskError
from app.services.identity import acting_user
from app.services.workflow_service import workflow_do, workflow_status
from app.vocabulary import current_language, label_text, language_from_name, words
from app.workflow import ActionStatus, QuestionStatus, WorkflowStatus, deadline_words
from ui.formatting import local_time
from ui.messages import show_error
from ui.operations import OpRunner, ReadOp, WriteOp
from ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import plain_label, section_title
from ui.workflow_action_dialog import WorkflowActionDialog


class WorkflowPanel(QScrollArea):
    """One case's workflow; call :meth:`show_case_id`. Emits what the case file reacts to."""

    workflow_changed = Signal(str)  # case id: reload the case file
    evidence_requested = Signal(str)  # an evidence id to open in the viewer
    documents_requested = Signal()  # the drafting step's link to the Documents tab
    failure_shown = Signal(str)  # the words shown for a refused or failed operation

    def __init__(
        self,
        ops: OpRunner,
        actor: Callable[[UnitOfWork], str] = acting_user,  # who acts, read in the op's unit of work
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workflowPanel")
        self.setWidgetResizable(True)
        self._ops = ops
        self._actor = actor
        self._language: Language = current_language()
        self._case_id: str | None = None
        self._requests = 0  # counts reads and actions, so an older read never wins
        self._evidence_by_kind: Mapping[str, list[str]] = {}
        self._currency: str | None = None
        self.status: WorkflowStatus | None = None
        self._answer_inputs: dict[str, QWidget] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.checkboxes: dict[str, QCheckBox] = {}
        self.message_label = plain_label("", word_wrap=True, selectable=True)
        self._body = QWidget()
        self.setWidget(self._body)
        QVBoxLayout(self._body)

    # -- what to show ---------------------------------------------------------------

    def set_language(self, ui_language: str) -> None:
        """Speak ``ui_language`` (``en``, ``zh_CN``, ``zh_TW``), reading the case again."""
        self._language = language_from_name(ui_language)
        if self._case_id:
            self.show_case_id(self._case_id, self._evidence_by_kind, self._currency)

    def show_case_id(
        self,
        case_id: str | None,
        evidence_by_kind: Mapping[str, list[str]] | None = None,
        currency: str | None = None,
    ) -> None:
        """Read and show the workflow of ``case_id``; ``evidence_by_kind`` links items."""
        self._case_id = case_id
        self._evidence_by_kind = evidence_by_kind or {}
        self._currency = currency
        if case_id is None:
            self._show(None)
            return
        language = self._language
        self._requests += 1
        request = self._requests
        ReadOp(self._ops, lambda uow, _op: workflow_status(uow, case_id, language)).success(
            lambda status: self._on_status_read(request, status)
        ).failure(lambda error: self._on_read_failed(request, case_id, error)).run(self)

    def do(self, action: str, answers: Mapping[str, str] | None = None) -> None:
        """Carry out one workflow action in the background, then show the new status."""
        case_id = self._case_id
        if case_id is None:
            return
        language, actor = self._language, self._actor
        given = dict(answers or {})

        def write(uow: UnitOfWork, _op: Any) -> WorkflowStatus:
            return workflow_do(uow, case_id, action, given, actor(uow), language)

        self._requests += 1  # a read still on its way shows the case as it was before this
        self._set_busy(True)
        WriteOp(self._ops, write).success(self._on_done).failure(
            lambda error: self._on_do_failed(case_id, error)
        ).finished(lambda: self._set_busy(False)).run(self)

    def _on_status_read(self, request: int, status: WorkflowStatus) -> None:
        # Old news: the answer for a case no longer shown, or overtaken by a later request.
        if request == self._requests and status.case_id == self._case_id:
            self._show(status)

    def _on_done(self, status: WorkflowStatus) -> None:
        if status.case_id == self._case_id:
            self._show(status)
        self.workflow_changed.emit(status.case_id)

    def _on_read_failed(self, request: int, case_id: str, error: DeskError) -> None:
        if request == self._requests and case_id == self._case_id:
            self._show(None, empty=False)  # not the previous case's step under this message
            self._say_failure(error)

    def _on_do_failed(self, case_id: str, error: DeskError) -> None:
        if case_id == self._case_id:
            self._say_failure(error)
        else:  # the mediator acted and moved on: the refusal still reaches them, once
            show_error(self, error)

    def _say_failure(self, error: DeskError) -> None:
        text = error.text(self._language)  # the desk's language, said on the GUI thread
        self.message_label.setText(text)
        self.failure_shown.emit(text)

    def _set_busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy and bool(button.property("allowed")))

    # -- building the view ------------------------------------------------------------

    def _show(self, status: WorkflowStatus | None, *, empty: bool = True) -> None:
        self.status = status
        self._answer_inputs = {}
        self.buttons = {}
        self.checkboxes = {}
        self._body = QWidget()
        layout = QVBoxLayout(self._body)
        self.message_label = plain_label("", word_wrap=True, selectable=True)
        self.message_label.setObjectName("errorText")
        if status is None and empty:
            layout.addWidget(
                plain_label(self.tr("Choose a case to see its workflow."), selectable=False)
            )
        elif status is None:
            layout.addWidget(self.message_label)
        else:
            self._fill(layout, status)
        layout.addStretch(1)
        self.setWidget(self._body)  # the scroll area deletes the previous body itself

    def _fill(self, layout: QVBoxLayout, status: WorkflowStatus) -> None:
        heading = section_title(f"{status.title} · {status.script_title} v{status.script_version}")
        layout.addWidget(heading)
        for label in self._deadline_labels(status):
            layout.addWidget(label)
        instructions = QPlainTextEdit()
        instructions.setObjectName("workflowInstructions")
        instructions.setReadOnly(True)
        instructions.setPlainText(status.instructions.strip())
        instructions.setMinimumHeight(140)
        layout.addWidget(instructions)
        if status.stage in ("ruling_draft", "settlement"):
            link = QPushButton(words("documents.desk.open_tab").text())
            link.setObjectName("openDocuments")
            link.setFlat(True)
            link.clicked.connect(self.documents_requested.emit)
            layout.addWidget(link)
        if status.checklist:
            layout.addWidget(section_title(self.tr("Checklist")))
            for item in status.checklist:
                box = QCheckBox(item.text)
                box.setChecked(item.checked)
                box.setEnabled(not status.terminal)
                box.toggled.connect(
                    lambda checked, key=item.id: self.do("check", {key: "yes" if checked else "no"})
                )
                self.checkboxes[item.id] = box
                layout.addWidget(box)
        if status.questions:
            layout.addWidget(section_title(self.tr("Questions")))
            form = QFormLayout()
            for question in status.questions:
                field = self._question_input(question)
                self._answer_inputs[question.id] = field
                form.addRow(
                    plain_label(
                        question.label + (" *" if question.required else ""), word_wrap=True
                    ),
                    field,
                )
            layout.addLayout(form)
            save = QPushButton(self.tr("Save answers"))
            save.setObjectName("saveAnswers")
            save.setProperty("allowed", not status.terminal)
            save.setEnabled(not status.terminal)
            save.clicked.connect(lambda: self.do("answer", self.answers()))
            self.buttons["answer"] = save
            layout.addWidget(save)
        if status.evidence:
            layout.addWidget(section_title(self.tr("Required evidence")))
            for requirement in status.evidence:
                mark = "✓" if requirement.present else "✗"
                found = [
                    item
                    for kind in requirement.kinds
                    for item in self._evidence_by_kind.get(kind, [])
                ]
                if found:
                    link = QPushButton(f"{mark} {requirement.label} — {', '.join(found)}")
                    link.setFlat(True)
                    link.clicked.connect(
                        lambda _=False, item=found[0]: self.evidence_requested.emit(item)
                    )
                    layout.addWidget(link)
                else:
                    layout.addWidget(plain_label(f"{mark} {requirement.label}", word_wrap=True))
        if status.missing:
            layout.addWidget(section_title(self.tr("Still missing before the case can move on")))
            layout.addWidget(
                plain_label("\n".join(f"• {item}" for item in status.missing), word_wrap=True)
            )
        if status.offers:
            layout.addWidget(section_title(self.tr("Offers")))
            for offer in status.offers:
                decisions = ", ".join(
                    f"{label_text('PartyRole', party, self._language)}: "
                    f"{label_text('ResponseDecision', decision, self._language)}"
                    for party, decision in offer.decisions.items()
                )
                amount = f" {offer.amount}" if offer.amount else ""
                layout.addWidget(
                    plain_label(
                        f"{offer.id} {offer.remedy}{amount} — {decisions or '…'}", word_wrap=True
                    )
                )
        layout.addWidget(self.message_label)
        if status.actions and not status.terminal:
            row = QHBoxLayout()
            for action in status.actions:
                button = QPushButton(action.label)
                button.setObjectName(f"action_{action.id}")
                button.setProperty("allowed", True)
                button.clicked.connect(lambda _=False, chosen=action: self._ask_and_do(chosen))
                self.buttons[action.id] = button
                row.addWidget(button)
            row.addStretch(1)
            layout.addWidget(section_title(self.tr("Actions on the platform")))
            layout.addLayout(row)
        if status.transitions:
            layout.addWidget(section_title(self.tr("Next step")))
            for move in status.transitions:
                button = QPushButton(move.label)
                button.setObjectName(f"move_{move.id}")
                button.setProperty("allowed", move.allowed)
                button.setEnabled(move.allowed)
                if not move.allowed:
                    button.setToolTip("\n".join(move.blocked_by))
                button.clicked.connect(lambda _=False, key=move.id: self.do(key, self.answers()))
                self.buttons[move.id] = button
                layout.addWidget(button)

    def _deadline_labels(self, status: WorkflowStatus) -> list[QWidget]:
        """The step's deadline and the case's time limit: two lines, always both."""
        step_words, case_words = deadline_words(status, local_time)
        step = plain_label(step_words.text(self._language), selectable=False)
        step.setObjectName("stepOverdue" if status.overdue else "stepDeadline")
        case = plain_label(case_words.text(self._language), selectable=False)
        case.setObjectName("caseOverdue" if status.case_overdue else "caseTimeLimit")
        return [step, case]

    def _question_input(self, question: QuestionStatus) -> QWidget:
        answer = question.answer
        if question.type == "yes_no":
            combo = QComboBox()
            combo.addItem("—", "")
            combo.addItem(self.tr("yes"), "yes")
            combo.addItem(self.tr("no"), "no")
            if answer is True:
                combo.setCurrentIndex(1)
            elif answer is False:
                combo.setCurrentIndex(2)
            return combo
        if question.type == "choice" and not question.multiple:
            combo = QComboBox()
            combo.addItem("—", "")
            for key, text in question.options:
                combo.addItem(text, key)
            if isinstance(answer, str):
                combo.setCurrentIndex(max(0, combo.findData(answer)))
            return combo
        line = QLineEdit()
        if question.type == "date":
            line.setPlaceholderText("YYYY-MM-DD")
        elif question.type == "amount":
            line.setPlaceholderText(
                self.tr("e.g. 300.00") + (f" {self._currency}" if self._currency else "")
            )
        if question.type == "choice":  # several options: comma-separated ids
            line.setPlaceholderText(", ".join(key for key, _ in question.options))
        if answer is not None:
            line.setText(", ".join(answer) if isinstance(answer, list) else str(answer))
        return line

    def answers(self) -> dict[str, str]:
        """The answers typed in the panel that differ from what is recorded."""
        given: dict[str, str] = {}
        recorded = {
            question.id: question for question in (self.status.questions if self.status else ())
        }
        for key, field in self._answer_inputs.items():
            if isinstance(field, QComboBox):
                value = str(field.currentData() or "")
            else:
                assert isinstance(field, QLineEdit)
                value = field.text().strip()
            question = recorded.get(key)
            shown = question.answer if question else None
            if value and value != _as_text(shown):
                given[key] = value
        return given

    def set_answer(self, key: str, value: str) -> None:
        """Type an answer into the panel (tests; the same as a mediator choosing it)."""
        field = self._answer_inputs[key]
        if isinstance(field, QComboBox):
            field.setCurrentIndex(max(0, field.findData(value)))
        elif isinstance(field, QLineEdit):
            field.setText(value)

    def _ask_and_do(self, action: ActionStatus) -> None:
        dialog = WorkflowActionDialog(action, self._currency, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.do(action.id, dialog.answers())


def _as_text(value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    return "" if value is None else str(value)
