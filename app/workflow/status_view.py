"""Where a case stands, as a mediator reads it: the current step in one language.

:func:`status` turns a state, the script and the case's facts into a
:class:`WorkflowStatus`: instructions, checklist, questions and answers, required
evidence, what is missing, where the case may go next, the platform actions of the
step, the offers so far, the step's deadline and the case's own time limit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.contract.case_document import Money
from app.contract.language import Language
from app.vocabulary import Label, Words, format_money, words
from app.workflow.action_parameters import ACTION_PARAMETERS, action_label
from app.workflow.answers import AnswerValue, answer_to_json
from app.workflow.calendar import CHINA_TIME, WorkingDayCalendar, default_calendar
from app.workflow.facts import CaseFacts
from app.workflow.missing_items import (
    applies,
    blockers,
    evidence_label,
    evidence_present,
    missing_items,
    question_required,
)
from app.workflow.offer_views import OfferView, offer_views
from app.workflow.rule_values import case_overdue, rule_values, step_deadline
from app.workflow.script_model import Script
from app.workflow.state import JSON, WorkflowState, require_script


@dataclass(frozen=True)
class ChecklistStatus:
    id: str
    text: str
    required: bool
    checked: bool
    from_document: bool = False  # follows from the signed document; nobody ticks it


@dataclass(frozen=True)
class QuestionStatus:
    id: str
    type: str
    label: str
    help: str | None
    required: bool
    options: tuple[tuple[str, str], ...]
    multiple: bool
    answer: JSON
    answered: bool


@dataclass(frozen=True)
class EvidenceStatus:
    label: str
    kinds: tuple[str, ...]
    source: str
    present: bool


@dataclass(frozen=True)
class TransitionStatus:
    id: str
    label: str
    to: str | None
    switch_script: str | None
    allowed: bool
    blocked_by: tuple[str, ...]


@dataclass(frozen=True)
class ParameterStatus:
    id: str
    kind: str
    label: str
    required: bool
    options: tuple[str, ...]
    default: str | None


@dataclass(frozen=True)
class ActionStatus:
    id: str
    label: str
    parameters: tuple[ParameterStatus, ...]


@dataclass(frozen=True)
class OfferStatus:
    id: str
    remedy: str
    amount: str | None
    proposed_by: str
    at: datetime
    decisions: Mapping[str, str]
    settled: bool
    rejected: bool
    on_platform: bool


@dataclass(frozen=True)
class WorkflowStatus:
    """Everything a mediator needs to see about the current step, in one language.

    Two clocks run on a case and both are here, never one for the other: the step's
    deadline (``deadline``, ``overdue``, ``working_days_left``: the script's working
    days since the case entered the step) and the case's own time limit from the
    platform (``case_due_at``, ``case_overdue``). A step can have days left while the
    case is already past its limit.
    """

    case_id: str
    script_id: str
    script_version: int
    script_title: str
    step_id: str
    stage: str
    role: str
    title: str
    instructions: str
    terminal: bool
    entered_at: datetime
    deadline: datetime | None  # the step's deadline, counted in working days
    overdue: bool
    working_days_left: int | None
    case_status: str  # the platform's status of the case (a CaseStatus code)
    case_due_at: datetime | None  # the case's own time limit, set by the platform
    case_overdue: bool
    done_on_platform: tuple[str, ...]  # steps the case had passed before it arrived
    checklist: tuple[ChecklistStatus, ...]
    questions: tuple[QuestionStatus, ...]
    evidence: tuple[EvidenceStatus, ...]
    missing: tuple[str, ...]
    transitions: tuple[TransitionStatus, ...]
    actions: tuple[ActionStatus, ...]
    offers: tuple[OfferStatus, ...]
    warnings: tuple[str, ...]

    def to_json_dict(self) -> dict[str, JSON]:
        """The status as JSON (for ``workflow status --json``)."""

        def convert(value: Any) -> JSON:
            if isinstance(value, datetime):
                return value.isoformat()
            if isinstance(value, tuple):
                return [convert(item) for item in value]
            if isinstance(value, Mapping):
                return {key: convert(item) for key, item in value.items()}
            if hasattr(value, "__dataclass_fields__"):
                return {name: convert(getattr(value, name)) for name in value.__dataclass_fields__}
            return value

        result = convert(self)
        assert isinstance(result, dict)
        return result


def _display(value: AnswerValue | None, language: Language) -> JSON:
    if value is None:
        return None
    if isinstance(value, Money):
        return format_money(value.value, value.currency, language)
    return answer_to_json(value)


def _proposer(view: OfferView, language: Language) -> str:
    if view.proposer_role == "platform":
        return words("workflow.proposed_by_platform").text(language)
    return Label("PartyRole", view.proposer_role).text(language)


def status(
    script: Script,
    state: WorkflowState,
    facts: CaseFacts,
    now: datetime,
    calendar: WorkingDayCalendar | None = None,
    language: Language = "zh-Hans",
) -> WorkflowStatus:
    """Where the case stands: the current step in ``language``, its checklist, questions
    and answers, the evidence it needs, what is missing, where it may go next, the platform
    actions it allows, the offers so far, the step's deadline and the case's time limit."""
    require_script(script, state)
    calendar = calendar or default_calendar()
    step = script.step(state.step_id)
    values = rule_values(script, step, state, facts, now, calendar)
    missing = missing_items(step, state, facts, values)
    answers = state.answers.get(step.id, {})
    ticked = state.checked.get(step.id, frozenset())
    deadline = step_deadline(step, state, calendar)
    warnings: list[str] = []
    if deadline is not None:
        entered = state.step_entered_at.astimezone(CHINA_TIME).date()
        for year, source in calendar.uncertain_years(entered, deadline.date()):
            key = "provisional" if source == "provisional" else "unknown"
            warnings.append(words(f"workflow.calendar.{key}", year=year).text(language))
    done_on_platform = tuple(
        script.step(step_id).title.text(language) if script.has_step(step_id) else step_id
        for entry in state.history
        if entry.kind == "done_on_platform"
        for step_id in entry.detail.get("steps", ())
    )
    return WorkflowStatus(
        case_id=state.case_id,
        script_id=script.id,
        script_version=script.version,
        script_title=script.title.text(language),
        step_id=step.id,
        stage=step.stage,
        role=step.role,
        title=step.title.text(language),
        instructions=step.instructions.text(language),
        terminal=step.terminal,
        entered_at=state.step_entered_at,
        deadline=deadline,
        overdue=bool(values["step.overdue"]),
        working_days_left=calendar.working_days_left(now, deadline) if deadline else None,
        case_status=facts.status,
        case_due_at=facts.due_at,
        case_overdue=case_overdue(facts, now),
        done_on_platform=done_on_platform,
        checklist=tuple(
            ChecklistStatus(
                item.id,
                item.text.text(language),
                item.required,
                item.is_ticked(ticked, values),
                from_document=item.fact is not None,
            )
            for item in step.checklist
            if applies(item.applies_when, values)
        ),
        questions=tuple(
            QuestionStatus(
                id=question.id,
                type=question.type,
                label=question.label.text(language),
                help=question.help.text(language) if question.help else None,
                required=question_required(question, values),
                options=tuple(
                    (option.id, option.label.text(language)) for option in question.options
                ),
                multiple=question.multiple,
                answer=_display(answers.get(question.id), language),
                answered=question.id in answers,
            )
            for question in step.questions
            if applies(question.applies_when, values)
        ),
        evidence=tuple(
            EvidenceStatus(
                label=evidence_label(requirement).text(language),
                kinds=requirement.kinds,
                source=requirement.source,
                present=evidence_present(requirement, facts),
            )
            for requirement in step.required_evidence
            if applies(requirement.applies_when, values)
        ),
        missing=tuple(item.words.text(language) for item in missing),
        transitions=tuple(
            TransitionStatus(
                id=transition.id,
                label=transition.label.text(language),
                to=transition.to,
                switch_script=transition.switch_script,
                allowed=not blocked,
                blocked_by=tuple(reason.text(language) for reason in blocked),
            )
            for transition in step.transitions
            for blocked in [blockers(transition, missing, values)]
        ),
        actions=tuple(
            ActionStatus(
                id=action,
                label=action_label(action).text(language),
                parameters=tuple(
                    ParameterStatus(
                        p.id, p.kind, p.label.text(language), p.required, p.options, p.default
                    )
                    for p in ACTION_PARAMETERS[action]
                ),
            )
            for action in step.actions
        ),
        offers=tuple(
            OfferStatus(
                id=view.id,
                remedy=Label("Remedy", view.remedy).text(language),
                amount=format_money(view.amount.value, view.amount.currency, language)
                if view.amount
                else None,
                proposed_by=_proposer(view, language),
                at=view.at,
                decisions=dict(view.decisions),
                settled=view.settled,
                rejected=view.rejected,
                on_platform=view.on_platform,
            )
            for view in offer_views(state, facts)
        ),
        warnings=tuple(warnings),
    )


def deadline_words(
    current: WorkflowStatus, time_text: Callable[[datetime], str]
) -> tuple[Words, Words]:
    """The step's deadline and the case's own time limit, in words — always both, so a
    step with working days left never hides a case already past its limit.
    ``time_text`` writes a moment the way the reader's screen does."""
    if current.deadline is None:
        step = words("workflow.deadline.step_none")
    elif current.overdue:
        step = words("workflow.deadline.step_overdue", at=time_text(current.deadline))
    else:
        days = current.working_days_left
        step = words(
            "workflow.deadline.step_due",
            at=time_text(current.deadline),
            days=days if days is not None else "?",
        )
    if current.case_due_at is None:
        case = words("workflow.deadline.case_none")
    elif current.case_overdue:
        case = words("workflow.deadline.case_overdue", at=time_text(current.case_due_at))
    else:
        case = words("workflow.deadline.case_due", at=time_text(current.case_due_at))
    return step, case
