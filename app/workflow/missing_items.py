"""What still stands between a step and the next one: answers, ticks, evidence, rules.

Each :class:`MissingItem` names itself in words (``not answered: …``); a transition's
blockers add its own condition when that does not hold. Both are said in the reader's
language when shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from app.vocabulary import Label, Sayable, Words, words
from app.workflow.facts import CaseFacts
from app.workflow.localized_text import LocalizedText
from app.workflow.phrase_lists import Alternatives
from app.workflow.rules import Rule, Value
from app.workflow.script_model import EvidenceRequirement, Question, Step, Transition
from app.workflow.state import WorkflowState

MissingKind = Literal["answer", "check", "evidence", "requirement"]


@dataclass(frozen=True)
class MissingItem:
    kind: MissingKind
    id: str
    label: Sayable

    @property
    def words(self) -> Words:
        """``not answered: …``, ``not ticked: …``, ``evidence missing: …``, ``not met: …``."""
        return words(f"workflow.missing.{self.kind}", label=self.label)


def applies(rule: Rule | None, values: Mapping[str, Value]) -> bool:
    """Whether something guarded by ``rule`` (``applies_when``) is in play."""
    return rule is None or bool(rule.holds(values))


def question_required(question: Question, values: Mapping[str, Value]) -> bool:
    if not applies(question.applies_when, values):
        return False
    if question.required_when is not None:
        return question.required_when.holds(values)
    return question.required


def evidence_label(requirement: EvidenceRequirement) -> Sayable:
    """The script's own label, else the kinds (and who must submit them) in words."""
    if requirement.label is not None:
        return requirement.label
    kinds = Alternatives(tuple(Label("EvidenceKind", kind) for kind in requirement.kinds))
    if requirement.source == "any":
        return kinds
    return words(
        "workflow.evidence_from", kinds=kinds, source=Label("EvidenceSource", requirement.source)
    )


def evidence_present(requirement: EvidenceRequirement, facts: CaseFacts) -> bool:
    return bool(facts.evidence_kinds(requirement.source).intersection(requirement.kinds))


def missing_items(
    step: Step, state: WorkflowState, facts: CaseFacts, values: Mapping[str, Value]
) -> list[MissingItem]:
    """Everything the step requires that the case does not have yet, in script order."""
    missing: list[MissingItem] = []
    answers = state.answers.get(step.id, {})
    for question in step.questions:
        if question_required(question, values) and question.id not in answers:
            missing.append(MissingItem("answer", question.id, question.label))
    ticked = state.checked.get(step.id, frozenset())
    for item in step.checklist:
        if (
            item.required
            and applies(item.applies_when, values)
            and not item.is_ticked(ticked, values)
        ):
            # An item that follows a fact is not "not ticked": it is not met yet.
            kind: MissingKind = "check" if item.fact is None else "requirement"
            missing.append(MissingItem(kind, item.id, item.text))
    for requirement in step.required_evidence:
        if applies(requirement.applies_when, values) and not evidence_present(requirement, facts):
            label = evidence_label(requirement)
            missing.append(MissingItem("evidence", "|".join(requirement.kinds), label))
    for index, rule_requirement in enumerate(step.requirements):
        if not rule_requirement.rule.holds(values):
            missing.append(
                MissingItem("requirement", f"requirement_{index}", rule_requirement.label)
            )
    return missing


def blockers(
    transition: Transition, missing: list[MissingItem], values: Mapping[str, Value]
) -> list[Sayable]:
    """Why ``transition`` may not be taken now (empty when it may)."""
    blocked: list[Sayable] = [item.words for item in missing] if transition.check_required else []
    if transition.when is not None and not transition.when.holds(values):
        explain: LocalizedText | None = transition.explain
        if explain is not None:
            blocked.append(explain)
        else:
            blocked.append(words("workflow.condition_not_met", condition=transition.when.text))
    return blocked
