"""What a workflow script is, once read: plain frozen data (``docs/workflow-scripts.md``).

A :class:`Script` is one version of one script: its :class:`Step` objects, each with a
checklist, questions, required evidence, requirements and transitions, and the
:class:`Arrival` entries that say where a case already under way on the platform starts.
:mod:`app.workflow.script_reader` builds these from TOML and checks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from app.errors import ValidationError
from app.workflow.localized_text import LocalizedText
from app.workflow.rules import Rule

QuestionType = Literal["choice", "yes_no", "amount", "date", "text"]
QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)

Stage = Literal[
    "intake_review",
    "contact_parties",
    "evidence",
    "mediation_proposal",
    "parties_response",
    "settlement",
    "ruling_draft",
    "supervisor_review",
    "signed_ruling",
    "notice",
    "appeal_window",
    "escalation",
    "closed",
]
STAGES: tuple[str, ...] = get_args(Stage)

Role = Literal["mediator", "supervisor"]
PlatformActionType = Literal["message", "request_evidence", "propose_offer", "record_response"]
PLATFORM_ACTIONS: tuple[str, ...] = get_args(PlatformActionType)
DecisionKind = Literal["settlement", "ruling", "dismissal"]
# Action names the engine itself answers to; a transition may not take one of them.
BUILTIN_ACTIONS = ("answer", "check")
RESERVED_ACTIONS = frozenset({*BUILTIN_ACTIONS, *PLATFORM_ACTIONS})
# A switch to this "script" goes to the script of the case's own category.
SWITCH_TO_CATEGORY = "by_category"
# Who required evidence must come from (``from`` in a script); words in labels.toml.
EvidenceSource = Literal["any", "buyer", "merchant", "platform", "logistics", "payment_provider"]
EVIDENCE_SOURCES: tuple[str, ...] = get_args(EvidenceSource)

DEFAULT_TEXT_LIMIT = 4000


class ScriptError(ValidationError):
    """A workflow script that breaks the format; names the file, step and field.

    Its message is for the script's author, in English, like the rule language's.
    """

    def __init__(self, file: str, step: str | None, field_name: str, problem: str) -> None:
        self.file = file
        self.step = step
        self.field = field_name
        self.problem = problem
        where = f"step '{step}': " if step else ""
        super().__init__(f"{file}: {where}{field_name}: {problem}")


@dataclass(frozen=True)
class Option:
    id: str
    label: LocalizedText


@dataclass(frozen=True)
class Question:
    """Something the mediator answers in a step."""

    id: str
    type: QuestionType
    label: LocalizedText
    help: LocalizedText | None = None
    required: bool = True
    required_when: Rule | None = None
    applies_when: Rule | None = None
    options: tuple[Option, ...] = ()
    multiple: bool = False
    max_length: int = DEFAULT_TEXT_LIMIT
    min_length: int = 0
    remedy_question: str | None = None
    not_in_future: bool = False

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


@dataclass(frozen=True)
class ChecklistItem:
    """A box to tick, or — with ``fact`` — one the engine ticks itself from a fact of the
    case (``document.signed_by_mediator`` …): nobody can tick that one by hand."""

    id: str
    text: LocalizedText
    required: bool = True
    applies_when: Rule | None = None
    fact: str | None = None

    def is_ticked(self, ticked: frozenset[str], values: Mapping[str, object]) -> bool:
        """Whether the item holds: its fact, or the mediator's tick."""
        return bool(values.get(self.fact)) if self.fact is not None else self.id in ticked


@dataclass(frozen=True)
class EvidenceRequirement:
    """Evidence that must be in the case: any one of ``kinds``, submitted by ``source``."""

    kinds: tuple[str, ...]
    source: str = "any"
    label: LocalizedText | None = None
    applies_when: Rule | None = None


@dataclass(frozen=True)
class Requirement:
    """A condition that must hold before the case may move on; ``label`` names it."""

    rule: Rule
    label: LocalizedText


@dataclass(frozen=True)
class CloseSpec:
    """What closing the case on the platform says when a transition ends the workflow."""

    decision: DecisionKind | None
    outcome: str | None = None
    outcome_from: tuple[str, str] | None = None  # (step, question)
    note_from: tuple[str, str] | None = None


@dataclass(frozen=True)
class Transition:
    """A way out of a step: to another step, or over to another script."""

    id: str
    label: LocalizedText
    to: str | None = None
    switch_script: str | None = None
    when: Rule | None = None
    explain: LocalizedText | None = None
    check_required: bool = True
    close: CloseSpec | None = None


@dataclass(frozen=True)
class Step:
    id: str
    stage: Stage
    role: Role
    title: LocalizedText
    instructions: LocalizedText
    deadline_working_days: int | None
    checklist: tuple[ChecklistItem, ...] = ()
    questions: tuple[Question, ...] = ()
    required_evidence: tuple[EvidenceRequirement, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    transitions: tuple[Transition, ...] = ()
    actions: tuple[PlatformActionType, ...] = ()
    platform_status: str | None = None
    clear_answers_on_entry: bool = False
    distinct_actor_from: tuple[str, ...] = ()
    terminal: bool = False

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def transition(self, transition_id: str) -> Transition | None:
        return next((t for t in self.transitions if t.id == transition_id), None)


@dataclass(frozen=True)
class Arrival:
    """Where a case that arrives with platform status in ``statuses`` starts, when
    ``when`` holds (or always, without a rule): at ``step``."""

    statuses: tuple[str, ...]
    step: str
    when: Rule | None = None


@dataclass(frozen=True)
class Script:
    """One version of one workflow script."""

    id: str
    version: int
    title: LocalizedText
    start: str
    steps: tuple[Step, ...]
    arrivals: tuple[Arrival, ...] = ()
    source: str = ""
    _index: Mapping[str, Step] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {step.id: step for step in self.steps})

    def step(self, step_id: str) -> Step:
        """The step with this id; KeyError if the script has none."""
        return self._index[step_id]

    def has_step(self, step_id: str) -> bool:
        return step_id in self._index
