"""Moving a case on: to the next step of its script, or over to another script.

A move is refused while anything it requires is missing — the error names every item —
and otherwise returns the new state with what entering the next step tells the platform
(its status) and, on a move to a final step, how the case closes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from app.errors import ValidationError
from app.vocabulary import words
from app.workflow.calendar import WorkingDayCalendar
from app.workflow.effects import AuditEntry, Effect, PlatformAction
from app.workflow.facts import CaseFacts
from app.workflow.missing_items import blockers, missing_items
from app.workflow.phrase_lists import Clauses
from app.workflow.rule_values import rule_values
from app.workflow.script_library import ScriptLibrary
from app.workflow.script_model import SWITCH_TO_CATEGORY, Script, Step, Transition
from app.workflow.state import JSON, Actor, HistoryEntry, WorkflowState


def entry_effects(step: Step) -> list[Effect]:
    """What entering ``step`` tells the platform."""
    if step.platform_status is None:
        return []
    return [PlatformAction("set_status", {"status": step.platform_status, "note": step.title.en})]


def take_transition(
    script: Script,
    step: Step,
    transition: Transition,
    state: WorkflowState,
    facts: CaseFacts,
    actor: Actor,
    now: datetime,
    calendar: WorkingDayCalendar,
    library: ScriptLibrary | None,
) -> tuple[WorkflowState, list[Effect]]:
    """Take ``transition`` out of ``step``; raises :class:`ValidationError` naming every
    missing item while the move is not open."""
    values = rule_values(script, step, state, facts, now, calendar)
    missing = missing_items(step, state, facts, values)
    blocked = blockers(transition, missing, values)
    if blocked:
        key = "cannot_advance" if transition.check_required and missing else "not_open"
        raise ValidationError(
            words(f"workflow.{key}", action=transition.label, items=Clauses(tuple(blocked)))
        )
    if transition.switch_script is not None:
        return _switch_script(script, step, transition, state, facts, actor, now, library)

    assert transition.to is not None
    target = script.step(transition.to)
    answers = dict(state.answers)
    checked = dict(state.checked)
    if target.clear_answers_on_entry:
        answers.pop(target.id, None)
        checked.pop(target.id, None)
    detail: dict[str, JSON] = {"from": step.id, "to": target.id, "transition": transition.id}
    effects: list[Effect] = []
    if transition.close is not None:
        close = transition.close
        outcome = close.outcome
        if close.outcome_from is not None:
            chosen = state.answer(*close.outcome_from)
            # A step done on the platform has no answer here: the platform's decision says.
            outcome = chosen if isinstance(chosen, str) else facts.decision_outcome
        note = state.answer(*close.note_from) if close.note_from else None
        if outcome is None:
            assert close.outcome_from is not None
            step_id, question_id = close.outcome_from
            question = script.step(step_id).question(question_id)
            label = question.label if question is not None else ".".join(close.outcome_from)
            raise ValidationError(words("workflow.missing.answer", label=label))
        detail["decision"] = close.decision
        detail["outcome"] = outcome
        body: dict[str, JSON] = {
            "outcome": outcome,
            "note": note if isinstance(note, str) else transition.label.en,
        }
        effects.append(PlatformAction("close", body))
    new_state = replace(
        state,
        step_id=target.id,
        step_entered_at=now,
        answers=answers,
        checked=checked,
        history=(*state.history, HistoryEntry(now, actor.id, step.id, "transition", detail)),
    )
    return new_state, [
        AuditEntry("workflow.transition", detail, actor.id, now),
        *entry_effects(target),
        *effects,
    ]


def _switch_script(
    script: Script,
    step: Step,
    transition: Transition,
    state: WorkflowState,
    facts: CaseFacts,
    actor: Actor,
    now: datetime,
    library: ScriptLibrary | None,
) -> tuple[WorkflowState, list[Effect]]:
    if library is None:
        raise ValueError("a transition to another script needs the script library")
    target_id = transition.switch_script
    assert target_id is not None
    if target_id == SWITCH_TO_CATEGORY:
        target_id = facts.category
    target_script = library.current(target_id)
    first = target_script.step(target_script.start)
    detail: dict[str, JSON] = {
        "from_script": script.id,
        "from_version": script.version,
        "from_step": step.id,
        "to_script": target_script.id,
        "to_version": target_script.version,
        "to_step": first.id,
        "transition": transition.id,
    }
    # Answers belong to the old script's steps; they stay in the history.
    new_state = replace(
        state,
        script_id=target_script.id,
        script_version=target_script.version,
        step_id=first.id,
        step_entered_at=now,
        answers={},
        checked={},
        history=(*state.history, HistoryEntry(now, actor.id, step.id, "switch", detail)),
    )
    return new_state, [
        AuditEntry("workflow.script_switched", detail, actor.id, now),
        *entry_effects(first),
    ]
