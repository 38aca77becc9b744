"""The scripted workflow, kept in the store: status and actions for one case.

The engine (:mod:`app.workflow`) is pure; this service loads a case's state and facts,
calls it, and applies what it returns in the caller's unit of work: the new state, audit
events for every answer and transition, outbox entries for what involves the platform.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

from sqlalchemy import select

from app import audit
from app.contract.case_document import CaseDocument, parse_case_document
from app.errors import NotFound
from app.services.outbox import queue_action
from app.store import models as m
from app.store.case_writer import snapshot_bytes
from app.store.unit_of_work import UnitOfWork
from app.workflow import (
    Actor,
    AuditEntry,
    Effect,
    PlatformAction,
    ScriptLibrary,
    WorkflowState,
    WorkflowStatus,
    default_calendar,
    facts_from_document,
    link_offer,
    perform,
    script_id_for_case,
    start,
    status,
)

Language = Literal["zh-Hans", "zh-Hant", "en"]


@lru_cache(maxsize=1)
def script_library() -> ScriptLibrary:
    """The workflow scripts, loaded and checked once per process."""
    return ScriptLibrary.load()


def actor_for(uow: UnitOfWork, actor_id: str) -> Actor:
    """The engine's view of who acts: their role comes from the signed-in user record."""
    if actor_id.startswith("user:"):
        user = uow.session.get(m.User, actor_id[5:])
        if user is not None and user.role == "supervisor":
            return Actor(id=actor_id, role="supervisor")
    return Actor(id=actor_id, role="mediator")


def _document(uow: UnitOfWork, case_id: str) -> CaseDocument:
    raw = snapshot_bytes(uow.session, case_id)
    if raw is None:
        raise NotFound(f"No case {case_id} in the local store.")
    return parse_case_document(raw)


def start_workflow(uow: UnitOfWork, document: CaseDocument, actor_id: str) -> WorkflowState:
    """Put a newly arrived case on the current version of its script (at intake)."""
    library = script_library()
    script = library.current(
        script_id_for_case(document.case.category, document.case.reason, document.case.flags or ())
    )
    state, effects = start(script, document.case.id, actor_for(uow, actor_id), uow.clock.now())
    _save(uow, state)
    _apply(uow, document.case.id, effects, actor_id)
    return state


def _load_state(uow: UnitOfWork, case_id: str, actor_id: str) -> tuple[WorkflowState, CaseDocument]:
    document = _document(uow, case_id)
    record = uow.session.get(m.WorkflowRecord, case_id)
    if record is None:
        # A case stored before workflows existed, or by an older version: start it now.
        return start_workflow(uow, document, actor_id), document
    return WorkflowState.from_json_dict(record.state), document


def _save(uow: UnitOfWork, state: WorkflowState) -> None:
    record = uow.session.get(m.WorkflowRecord, state.case_id)
    if record is None:
        record = m.WorkflowRecord(case_id=state.case_id)
        uow.session.add(record)
    record.script_id = state.script_id
    record.script_version = state.script_version
    record.step_id = state.step_id
    record.step_entered_at = state.step_entered_at
    record.state = state.to_json_dict()
    record.updated_at = uow.clock.now()
    uow.session.flush()


def _apply(uow: UnitOfWork, case_id: str, effects: tuple[Effect, ...], actor_id: str) -> None:
    for effect in effects:
        if isinstance(effect, AuditEntry):
            audit.record(
                uow.session,
                at=effect.at,
                actor=effect.actor,
                action=effect.action,
                case_id=case_id,
                changes=dict(effect.changes),
            )
        elif isinstance(effect, PlatformAction):
            item = queue_action(uow, case_id, {"type": effect.type, **effect.body}, actor_id)
            if effect.local_offer_id:
                entry = uow.session.get(m.OutboxEntry, item.id)
                assert entry is not None
                entry.local_offer_id = effect.local_offer_id


# Facts come from the platform's document only: the desk does not add evidence of its
# own yet. When it does, unpushed items go in as facts_from_document(local_evidence_kinds).


def workflow_status(
    uow: UnitOfWork, case_id: str, actor_id: str, language: Language = "en"
) -> WorkflowStatus:
    """Where the case stands: step, instructions, checklist, missing items, moves, deadline.

    Starts the case's workflow if it has none yet (the caller commits).
    """
    state, document = _load_state(uow, case_id, actor_id)
    script = script_library().get(state.script_id, state.script_version)
    facts = facts_from_document(document)
    return status(script, state, facts, uow.clock.now(), default_calendar(), language)


def workflow_do(
    uow: UnitOfWork,
    case_id: str,
    action: str,
    answers: Mapping[str, str],
    actor_id: str,
    language: Language = "en",
) -> WorkflowStatus:
    """Carry out one workflow action and return the new status (the caller commits)."""
    state, document = _load_state(uow, case_id, actor_id)
    library = script_library()
    script = library.get(state.script_id, state.script_version)
    facts = facts_from_document(document)
    new_state, effects = perform(
        script,
        state,
        facts,
        action,
        answers,
        actor_for(uow, actor_id),
        uow.clock.now(),
        calendar=default_calendar(),
        library=library,
        language=language,
    )
    _save(uow, new_state)
    _apply(uow, case_id, effects, actor_id)
    next_script = library.get(new_state.script_id, new_state.script_version)
    return status(next_script, new_state, facts, uow.clock.now(), default_calendar(), language)


def link_pushed_offer(
    uow: UnitOfWork, case_id: str, local_offer_id: str, platform_offer_id: str
) -> None:
    """After a pushed offer: remember the platform's id, and fix waiting answers to it."""
    record = uow.session.get(m.WorkflowRecord, case_id)
    if record is not None:
        state = link_offer(
            WorkflowState.from_json_dict(record.state), local_offer_id, platform_offer_id
        )
        _save(uow, state)
    waiting = uow.session.execute(
        select(m.OutboxEntry).where(
            m.OutboxEntry.case_id == case_id,
            m.OutboxEntry.local_offer_id == local_offer_id,
            m.OutboxEntry.action_type == "record_response",
            m.OutboxEntry.state.in_(("pending", "held")),
        )
    ).scalars()
    for entry in waiting:
        entry.body = {**entry.body, "offer_id": platform_offer_id}
