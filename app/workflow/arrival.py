"""Where a case starts its script: at the start, or where the platform already has it.

A new complaint (platform status ``open``) starts at the script's first step. A case
that arrives already under way — reassigned or taken over from a colleague while
``in_mediation``, waiting for a party, under review, or finished — starts at the step
that matches its platform status and history, as the script's ``[[arrivals]]`` say
(the first entry whose statuses include the case's and whose rule holds). The steps
before it are recorded as done on the platform, with the platform as the actor: the
mediator is not asked them again, and the platform is not told a status it already has.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.workflow.calendar import require_aware
from app.workflow.effects import AuditEntry, Effect
from app.workflow.facts import CaseFacts
from app.workflow.offer_views import offer_views
from app.workflow.rule_values import case_values
from app.workflow.rules import Value
from app.workflow.script_model import Script
from app.workflow.state import Actor, HistoryEntry, WorkflowState
from app.workflow.transitions import entry_effects

PLATFORM_ACTOR = "platform"  # the case document's name for the platform as an actor


@dataclass(frozen=True)
class ArrivalPoint:
    """The step a case under way starts at, and the steps before it on the script's way."""

    step: str
    done_on_platform: tuple[str, ...]


def arrival_point(script: Script, facts: CaseFacts, now: datetime) -> ArrivalPoint | None:
    """Where a case with these facts starts under way; None when it starts at the start
    (an open case, or a status none of the script's arrivals names)."""
    if facts.status == "open":
        return None
    values = case_values(facts, offer_views(None, facts), now)
    for arrival in script.arrivals:
        if facts.status in arrival.statuses and (
            arrival.when is None or arrival.when.holds(values)
        ):
            if arrival.step == script.start:
                return None
            return ArrivalPoint(arrival.step, steps_before(script, arrival.step, values))
    return None


def steps_before(
    script: Script, target: str, values: Mapping[str, Value] | None = None
) -> tuple[str, ...]:
    """The steps on the shortest way from the script's start to ``target``, ``target``
    itself left out. With the case's ``values``, a move whose rule those facts rule out
    (another reason's evidence step) is not a way the case can have gone; unanswered
    questions rule nothing out. Ties go to the transition listed first."""
    came_from: dict[str, str | None] = {script.start: None}
    frontier = [script.start]
    while frontier and target not in came_from:
        following: list[str] = []
        for step_id in frontier:
            for transition in script.step(step_id).transitions:
                if transition.to is None or transition.to in came_from:
                    continue
                if values is not None and transition.when and not transition.when.may_hold(values):
                    continue
                came_from[transition.to] = step_id
                following.append(transition.to)
        frontier = following
    if target not in came_from:
        return ()
    way: list[str] = []
    previous = came_from[target]
    while previous is not None:
        way.append(previous)
        previous = came_from[previous]
    return tuple(reversed(way))


def start(
    script: Script, case_id: str, actor: Actor, now: datetime
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    """Begin a case at the first step of ``script`` (the current version at intake, from
    :meth:`ScriptLibrary.current` with :func:`script_id_for_case`)."""
    require_aware(now)
    first = script.step(script.start)
    state = WorkflowState(
        case_id=case_id,
        script_id=script.id,
        script_version=script.version,
        step_id=first.id,
        step_entered_at=now,
        history=(
            HistoryEntry(
                now, actor.id, first.id, "start", {"script": script.id, "version": script.version}
            ),
        ),
    )
    effects: list[Effect] = [
        AuditEntry(
            "workflow.started",
            {"script": script.id, "version": script.version, "step": first.id},
            actor.id,
            now,
        )
    ]
    effects += entry_effects(first)
    return state, tuple(effects)


def start_where_the_case_is(
    script: Script, facts: CaseFacts, actor: Actor, now: datetime
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    """Begin a case that has just arrived on this desk, at the step its platform status
    and history match (:func:`arrival_point`); an open case begins at the start."""
    require_aware(now)
    point = arrival_point(script, facts, now)
    if point is None:
        return start(script, facts.case_id, actor, now)
    version = {"script": script.id, "version": script.version}
    done = {**version, "status": facts.status, "steps": list(point.done_on_platform)}
    state = WorkflowState(
        case_id=facts.case_id,
        script_id=script.id,
        script_version=script.version,
        step_id=point.step,
        step_entered_at=now,
        history=(
            HistoryEntry(now, PLATFORM_ACTOR, point.step, "done_on_platform", done),
            HistoryEntry(now, actor.id, point.step, "start", version),
        ),
    )
    effects: tuple[Effect, ...] = (
        AuditEntry("workflow.done_on_platform", done, PLATFORM_ACTOR, now),
        AuditEntry(
            "workflow.started",
            {**version, "step": point.step, "platform_status": facts.status},
            actor.id,
            now,
        ),
    )
    return state, effects
