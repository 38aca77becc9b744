"""Carrying out one action on a case's current step.

Actions, as ``mediation-desk workflow do CASE ACTION --answer KEY=VALUE`` spells them:

- ``answer`` — record answers to the current step's questions;
- ``check`` — tick (``ITEM=yes``) or untick (``ITEM=no``) checklist items;
- ``message``, ``request_evidence``, ``propose_offer``, ``record_response`` — platform
  actions the step allows; the answers are their parameters;
- a transition id (usually the next step's id) — move on; answers given with it are
  recorded first. The move is refused, naming every missing item, while required
  answers, ticks, evidence or conditions are missing.

Nothing here writes anywhere: :func:`perform` returns the new state and the effects
for the store to apply. Every refusal is a :class:`~app.errors.ValidationError` or
:class:`~app.errors.PermissionDenied` whose message is words, said in the reader's
language when shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from app.contract.case_document import Money
from app.errors import PermissionDenied, ValidationError
from app.vocabulary import Words, words
from app.workflow.action_parameters import ACTION_PARAMETERS
from app.workflow.amounts import check_remedy_amount
from app.workflow.answers import (
    AnswerError,
    AnswerValue,
    answer_to_json,
    parse_answer,
    parse_yes_no,
)
from app.workflow.calendar import CHINA_TIME, WorkingDayCalendar, default_calendar, require_aware
from app.workflow.effects import AuditEntry, Effect
from app.workflow.facts import CaseFacts
from app.workflow.missing_items import applies
from app.workflow.phrase_lists import Clauses
from app.workflow.platform_actions import platform_action
from app.workflow.rule_values import rule_values
from app.workflow.script_library import ScriptLibrary
from app.workflow.script_model import BUILTIN_ACTIONS, Script, Step
from app.workflow.state import Actor, HistoryEntry, WorkflowState, require_script
from app.workflow.transitions import take_transition

# What counts as taking part in a step, for the four-eyes rule.
_TAKING_PART = ("answer", "check", "action", "transition")


def perform(
    script: Script,
    state: WorkflowState,
    facts: CaseFacts,
    action: str,
    answers: Mapping[str, str],
    actor: Actor,
    now: datetime,
    *,
    calendar: WorkingDayCalendar | None = None,
    library: ScriptLibrary | None = None,
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    """Carry out one action on the current step; returns the new state and its effects.

    ``answers`` are the ``KEY=VALUE`` pairs as typed. Raises :class:`ValidationError`
    when an answer does not fit, an action is unknown, or the case may not move yet —
    naming every missing item — and :class:`PermissionDenied` when the actor's role or
    the four-eyes rule forbids the step. ``library`` is needed only for a transition
    that hands the case over to another script.
    """
    require_script(script, state)
    require_aware(now)
    calendar = calendar or default_calendar()
    step = script.step(state.step_id)
    if step.terminal:
        raise ValidationError(words("workflow.case_closed"))
    _check_actor(script, step, state, actor)

    if action in ACTION_PARAMETERS and action in step.actions:
        return platform_action(step, state, facts, action, answers, actor, now, calendar)
    if action == "check":
        return _check_items(step, state, answers, actor, now)
    transition = step.transition(action)
    if action != "answer" and transition is None:
        available = [*BUILTIN_ACTIONS, *step.actions, *(t.id for t in step.transitions)]
        raise ValidationError(
            words("workflow.unknown_action", action=action, available=", ".join(available))
        )

    effects: list[Effect] = []
    if answers:
        state, recorded = _record_answers(script, step, state, facts, answers, actor, now, calendar)
        effects += recorded
    if transition is None:
        return state, tuple(effects)
    new_state, moved = take_transition(
        script, step, transition, state, facts, actor, now, calendar, library
    )
    return new_state, tuple(effects + moved)


def link_offer(state: WorkflowState, local_id: str, platform_id: str) -> WorkflowState:
    """Record the platform's id for an offer proposed on the desk (after its push)."""
    offers = []
    found = False
    for offer in state.local_offers:
        if offer.local_id == local_id:
            offer = replace(offer, platform_id=platform_id)
            found = True
        offers.append(offer)
    if not found:
        raise ValueError(f"no local offer {local_id} in case {state.case_id}")
    return replace(state, local_offers=tuple(offers))


def _check_actor(script: Script, step: Step, state: WorkflowState, actor: Actor) -> None:
    if step.role == "supervisor" and actor.role != "supervisor":
        raise PermissionDenied(words("workflow.supervisor_only"))
    for other in step.distinct_actor_from:
        took_part = any(
            entry.actor == actor.id and entry.step == other and entry.kind in _TAKING_PART
            for entry in state.history
        )
        if took_part:
            raise PermissionDenied(words("workflow.four_eyes", step=script.step(other).title))


def _record_answers(
    script: Script,
    step: Step,
    state: WorkflowState,
    facts: CaseFacts,
    raw_answers: Mapping[str, str],
    actor: Actor,
    now: datetime,
    calendar: WorkingDayCalendar,
) -> tuple[WorkflowState, list[Effect]]:
    values = rule_values(script, step, state, facts, now, calendar)
    applicable = {q.id: q for q in step.questions if applies(q.applies_when, values)}
    parsed: dict[str, AnswerValue] = {}
    problems: list[Words] = []
    today = now.astimezone(CHINA_TIME).date()
    for key, raw in raw_answers.items():
        question = applicable.get(key)
        if question is None:
            problems.append(
                words("workflow.unknown_answer", key=key, available=", ".join(applicable))
            )
            continue
        try:
            parsed[key] = parse_answer(question, raw, currency=facts.currency, today=today)
        except AnswerError as exc:
            problems.append(words("workflow.bad_answer", label=question.label, problem=exc.message))
    merged = {**state.answers.get(step.id, {}), **parsed}
    for question in step.questions:
        if question.remedy_question is None or question.id not in merged:
            continue
        amount = merged[question.id]
        remedy = merged.get(question.remedy_question)
        if isinstance(amount, Money) and isinstance(remedy, str):
            for problem in check_remedy_amount(remedy, amount, facts.order_total):
                problems.append(words("workflow.bad_answer", label=question.label, problem=problem))
    if problems:
        raise ValidationError(Clauses(tuple(problems)))
    detail = {
        "step": step.id,
        "answers": {key: answer_to_json(value) for key, value in parsed.items()},
    }
    new_state = replace(
        state,
        answers={**state.answers, step.id: merged},
        history=(*state.history, HistoryEntry(now, actor.id, step.id, "answer", detail)),
    )
    return new_state, [AuditEntry("workflow.answered", detail, actor.id, now)]


def _check_items(
    step: Step, state: WorkflowState, raw: Mapping[str, str], actor: Actor, now: datetime
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    known = sorted(item.id for item in step.checklist if item.fact is None)
    from_document = {item.id: item for item in step.checklist if item.fact is not None}
    ticked = set(state.checked.get(step.id, frozenset()))
    problems: list[Words] = []
    changes: dict[str, bool] = {}
    for key, value in raw.items():
        if key in from_document:
            problems.append(
                words("workflow.item_follows_from_document", item=from_document[key].text)
            )
            continue
        if key not in known:
            problems.append(words("workflow.unknown_answer", key=key, available=", ".join(known)))
            continue
        try:
            changes[key] = parse_yes_no(value)
        except AnswerError as exc:
            problems.append(words("workflow.bad_answer", label=key, problem=exc.message))
    if problems:
        raise ValidationError(Clauses(tuple(problems)))
    if not changes:
        raise ValidationError(words("workflow.nothing_to_check", available=", ".join(known)))
    for key, on in changes.items():
        (ticked.add if on else ticked.discard)(key)
    detail = {
        "step": step.id,
        "ticked": sorted(key for key, on in changes.items() if on),
        "unticked": sorted(key for key, on in changes.items() if not on),
    }
    new_state = replace(
        state,
        checked={**state.checked, step.id: frozenset(ticked)},
        history=(*state.history, HistoryEntry(now, actor.id, step.id, "check", detail)),
    )
    return new_state, (AuditEntry("workflow.checklist", detail, actor.id, now),)
