"""The workflow panel of the case file: the scripted step a case is on, and what may follow.

Shows the step's instructions, checklist, questions, required evidence (each a link to
the evidence viewer), what is still missing, the deadline counted in working days, and
a button for every move the script allows — enabled only when its rules are met, with
the reasons on the disabled ones. Platform actions open :class:`WorkflowActionDialog`
(the offer dialog for ``propose_offer``). Everything runs through
:func:`app.services.workflow_service.workflow_do` on the database thread; the panel
only shows the :class:`WorkflowStatus` it returns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from app.desk import Desk
from app.errors import DeskError
from app.services.workflow_service import Language, workflow_do, workflow_status
from app.workflow.engine import QuestionStatus, WorkflowStatus
from ui import labels
from ui.formatting import local_time
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
from ui.tasks import TaskRunner
from ui.widgets import plain_label, section_title
from ui.workflow_action_dialog import WorkflowActionDialog

_ENGINE_LANGUAGE: dict[str, Language] = {"en": "en", "zh_CN": "zh-Hans", "zh_TW": "zh-Hant"}


class WorkflowPanel(QScrollArea):
    """One case's workflow; call :meth:`show_case_id`. Emits what the case file reacts to."""

    workflow_changed = Signal(str)  # case id: reload the case file
    evidence_requested = Signal(str)  # an evidence id to open in the viewer

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        actor: Callable[[], str],  # who acts; called on the database thread
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workflowPanel")
        self.setWidgetResizable(True)
        self._desk = desk
        self._runner = runner
        self._actor = actor
        self._language: Language = "en"
        self._case_id: str | None = None
        self._evidence_by_kind: Mapping[str, list[str]] = {}
        self._currency: str | None = None
        self.status: WorkflowStatus | None = None
        self._answer_inputs: dict[str, QWidget] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.checkboxes: dict[str, QCheckBox] = {}
        self.message_label = plain_label("", word_wrap=True, selectable=True)
        self.message_label.setObjectName("errorText")
        self._body = QWidget()
        self.setWidget(self._body)
        QVBoxLayout(self._body)

    # -- what to show ---------------------------------------------------------------

    def set_language(self, ui_language: str) -> None:
        self._language = _ENGINE_LANGUAGE.get(ui_language, "en")
        if self._case_id:
            self.show_case_id(self._case_id, self._evidence_by_kind, self._currency)

    def show_case_id(
        self,
        case_id: str | None,
        evidence_by_kind: Mapping[str, list[str]] | None = None,
        currency: str | None = None,
    ) -> None:
        """Load and show the workflow of ``case_id``; ``evidence_by_kind`` links items."""
        self._case_id = case_id
        self._evidence_by_kind = evidence_by_kind or {}
        self._currency = currency
        if case_id is None:
            self._show(None)
            return
        language, actor_of, desk = self._language, self._actor, self._desk

        def work(_progress: Any, _cancel: threading.Event) -> WorkflowStatus:
            actor = actor_of()  # may read the store: here, on the database thread
            with desk.unit_of_work() as uow:
                status = workflow_status(uow, case_id, actor, language)
                uow.commit()  # a case seen for the first time has just started its workflow
                return status

        self._runner.run(work, on_success=self._show, on_failure=self._on_failed)

    def do(self, action: str, answers: Mapping[str, str] | None = None) -> None:
        """Carry out one workflow action in the background, then show the new status."""
        if self._case_id is None:
            return
        case_id, language, actor_of, desk = self._case_id, self._language, self._actor, self._desk
        given = dict(answers or {})

        def work(_progress: Any, _cancel: threading.Event) -> WorkflowStatus:
            actor = actor_of()
            with desk.unit_of_work() as uow:
                status = workflow_do(uow, case_id, action, given, actor, language)
                uow.commit()
                return status

        self._set_busy(True)
        self._runner.run(work, on_success=self._on_done, on_failure=self._on_failed)

    def _on_done(self, status: WorkflowStatus) -> None:
        self._show(status)
        self.workflow_changed.emit(status.case_id)

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, DeskError):
            self.message_label.setText(str(error))
        else:
            self.message_label.setText(self.tr("Something went wrong; the details are in the log."))
            raise error

    def _set_busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy and bool(button.property("allowed")))

    # -- building the view ------------------------------------------------------------

    def _show(self, status: WorkflowStatus | None) -> None:
        self.status = status
        self._answer_inputs = {}
        self.buttons = {}
        self.checkboxes = {}
        self._body = QWidget()
        layout = QVBoxLayout(self._body)
        self.message_label = plain_label("", word_wrap=True, selectable=True)
        self.message_label.setObjectName("errorText")
        if status is None:
            layout.addWidget(
                plain_label(self.tr("Choose a case to see its workflow."), selectable=False)
            )
        else:
            self._fill(layout, status)
        layout.addStretch(1)
        self.setWidget(self._body)  # the scroll area deletes the previous body itself

    def _fill(self, layout: QVBoxLayout, status: WorkflowStatus) -> None:
        heading = section_title(f"{status.title} · {status.script_title} v{status.script_version}")
        layout.addWidget(heading)
        layout.addWidget(self._deadline_label(status))
        instructions = QPlainTextEdit()
        instructions.setObjectName("workflowInstructions")
        instructions.setReadOnly(True)
        instructions.setPlainText(status.instructions.strip())
        instructions.setMinimumHeight(140)
        layout.addWidget(instructions)
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
                    f"{party}: {decision}" for party, decision in offer.decisions.items()
                )
                amount = f" {offer.amount}" if offer.amount else ""
                layout.addWidget(
                    plain_label(
                        f"{offer.id} {labels.remedy(offer.remedy)}{amount} — {decisions or '…'}",
                        word_wrap=True,
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

    def _deadline_label(self, status: WorkflowStatus) -> QWidget:
        if status.terminal:
            text = self.tr("Closed.")
        elif status.deadline is None:
            text = self.tr("No deadline for this step.")
        elif status.overdue:
            text = self.tr("Overdue since %s") % local_time(status.deadline)
        else:
            left = status.working_days_left
            text = (
                self.tr("Due %1 — %2 working day(s) left")
                .replace("%1", local_time(status.deadline))
                .replace("%2", str(left if left is not None else "?"))
            )
        label = plain_label(text, selectable=False)
        label.setObjectName("overdue" if status.overdue else "deadline")
        return label

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

    def _ask_and_do(self, action: Any) -> None:
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
