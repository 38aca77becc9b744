"""Checks that need a whole script: rules name things that exist, every next step exists,
every step can be reached from the start and can reach an end, and every where-to-start
entry names a step. Each failure is a :class:`ScriptError` naming file, step and field.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.contract.case_document import Outcome, Remedy, choices
from app.workflow.rule_names import FACT_NAMES, names_for_step
from app.workflow.rules import NameInfo, Rule, RuleError
from app.workflow.script_model import CloseSpec, Script, ScriptError


class _Where:
    """The file and step a check is looking at, for the error it may raise."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.step: str | None = None

    def fail(self, field_name: str, problem: str) -> ScriptError:
        return ScriptError(self.file, self.step, field_name, problem)


def check_script(file: str, script: Script) -> None:
    """Raise :class:`ScriptError` at the first fault of ``script`` as a whole."""
    where = _Where(file)
    _check_references(where, script)
    _check_graph(where, script)
    _check_arrivals(where, script)


def _check_references(reader: _Where, script: Script) -> None:
    for step in script.steps:
        reader.step = step.id
        known = names_for_step(script.steps, step)

        def check_rule(
            rule: Rule | None, where: str, names: Mapping[str, NameInfo] = known
        ) -> None:
            if rule is None:
                return
            try:
                rule.check(names)
            except RuleError as exc:
                raise reader.fail(where, f"bad rule: {exc}") from None

        for other in step.distinct_actor_from:
            if not script.has_step(other):
                raise reader.fail("distinct_actor_from", f"unknown step '{other}'")
        for i, item in enumerate(step.checklist):
            check_rule(item.applies_when, f"checklist[{i}].applies_when")
        for i, question in enumerate(step.questions):
            check_rule(question.required_when, f"questions[{i}].required_when")
            check_rule(question.applies_when, f"questions[{i}].applies_when")
            if question.remedy_question is not None:
                partner = step.question(question.remedy_question)
                remedies = set(choices(Remedy))
                if (
                    partner is None
                    or partner.type != "choice"
                    or not set(partner.option_ids()) <= remedies
                ):
                    raise reader.fail(
                        f"questions[{i}].remedy_question",
                        "must name a choice question of this step whose options are remedies",
                    )
        for i, evidence in enumerate(step.required_evidence):
            check_rule(evidence.applies_when, f"required_evidence[{i}].applies_when")
        for i, requirement in enumerate(step.requirements):
            check_rule(requirement.rule, f"requirements[{i}].rule")
        for i, transition in enumerate(step.transitions):
            where = f"transitions[{i}]"
            check_rule(transition.when, f"{where}.when")
            if transition.to is not None and not script.has_step(transition.to):
                raise reader.fail(f"{where}.to", f"unknown step '{transition.to}'")
            if transition.close is not None:
                target = script.step(transition.to) if transition.to else None
                if target is None or not target.terminal:
                    raise reader.fail(
                        f"{where}.close", "only a move to a final step closes the case"
                    )
                _check_close(reader, script, transition.close, f"{where}.close")


def _check_close(reader: _Where, script: Script, spec: CloseSpec, where: str) -> None:
    for key, ref in (("outcome_from", spec.outcome_from), ("note_from", spec.note_from)):
        if ref is None:
            continue
        step_id, question_id = ref
        question = script.step(step_id).question(question_id) if script.has_step(step_id) else None
        if question is None:
            raise reader.fail(f"{where}.{key}", f"no question '{question_id}' in step '{step_id}'")
        if key == "outcome_from" and (
            question.type != "choice" or not set(question.option_ids()) <= set(choices(Outcome))
        ):
            raise reader.fail(f"{where}.{key}", "must be a choice whose options are outcomes")
        if key == "note_from" and question.type != "text":
            raise reader.fail(f"{where}.{key}", "must be a text question")


def _check_graph(reader: _Where, script: Script) -> None:
    """Every step reachable from the start, and every step able to reach an end."""
    reachable = {script.start}
    frontier = [script.start]
    while frontier:
        step = script.step(frontier.pop())
        for transition in step.transitions:
            if transition.to is not None and transition.to not in reachable:
                reachable.add(transition.to)
                frontier.append(transition.to)
    for step in script.steps:
        if step.id not in reachable:
            reader.step = step.id
            raise reader.fail("id", "no step leads here: it can never be reached from the start")
    finishing = {step.id for step in script.steps if step.terminal}
    finishing |= {
        step.id for step in script.steps if any(t.switch_script for t in step.transitions)
    }
    changed = True
    while changed:
        changed = False
        for step in script.steps:
            if step.id not in finishing and any(t.to in finishing for t in step.transitions):
                finishing.add(step.id)
                changed = True
    for step in script.steps:
        if step.id not in finishing:
            reader.step = step.id
            raise reader.fail("transitions", "no path from here ever reaches a final step")


def _check_arrivals(reader: _Where, script: Script) -> None:
    reader.step = None
    for index, arrival in enumerate(script.arrivals):
        where = f"arrivals[{index}]"
        if not script.has_step(arrival.step):
            raise reader.fail(f"{where}.step", f"unknown step '{arrival.step}'")
        if arrival.when is not None:
            try:
                arrival.when.check(FACT_NAMES)
            except RuleError as exc:
                raise reader.fail(
                    f"{where}.when", f"bad rule: {exc} (a case arriving has no answers yet)"
                ) from None
