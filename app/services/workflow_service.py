"""The scripted workflow, kept in the store: starting, reading and acting on one case.

The engine (:mod:`app.workflow`) is pure; this service loads a case's state and facts,
calls it, and applies what it returns: the new state, audit events for every answer
and transition, outbox entries for what involves the platform.

- :func:`start_workflow` — the one place a workflow starts: when a case arrives on this
  desk (a bundle imported, a case synced), in the caller's transaction, at the step its
  platform status and history match.
- :func:`workflow_status` — a read: where a case stands. It never writes; a case stored
  before workflows existed gets its state computed, not stored.
- :func:`workflow_do` — one action; it stores the result and commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import func, insert, select

from app import audit
from app.contract.case_document import CaseDocument, parse_case_document
from app.contract.language import Language
from app.errors import NotFound
from app.services.outbox import queue_action
from app.store import models as m
from app.store.case_writer import snapshot_bytes
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import current_language, words
from app.workflow import (
    PLATFORM_ACTOR,
    Actor,
    AuditEntry,
    CaseFacts,
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
    start_where_the_case_is,
    status,
)


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


def start_workflow(uow: UnitOfWork, document: CaseDocument, actor_id: str) -> WorkflowState:
    """Put a case that has just arrived on the current version of its script, at the step
    its platform status and history match (an open case at the first step; the steps a
    case under way had passed are recorded as done on the platform). In the caller's
    transaction: the import or the sync that brought the case commits it."""
    facts = facts_from_document(document)
    state, effects = _arrive(uow, facts, actor_id, uow.clock.now())
    # A case arrives once: its record is new (Core insert, the import's speed needs it).
    uow.session.execute(insert(m.WorkflowRecord), [_record_values(uow, state)])
    _apply(uow, facts.case_id, effects, actor_id)
    return state


def workflow_status(
    uow: UnitOfWork, case_id: str, language: Language | None = None
) -> WorkflowStatus:
    """Where the case stands: step, instructions, checklist, missing items, moves, the
    step's deadline and the case's own time limit — in ``language`` (default: the
    language this process speaks). Reads only: nothing is written, even for a case
    stored before workflows existed (its state is computed as on its arrival)."""
    facts = _facts(uow, case_id)
    stored = _stored_state(uow, case_id)
    state = stored if stored is not None else _unrecorded(uow, facts, PLATFORM_ACTOR)[0]
    script = script_library().get(state.script_id, state.script_version)
    return status(
        script, state, facts, uow.clock.now(), default_calendar(), language or current_language()
    )


def workflow_do(
    uow: UnitOfWork,
    case_id: str,
    action: str,
    answers: Mapping[str, str],
    actor_id: str,
    language: Language | None = None,
) -> WorkflowStatus:
    """Carry out one workflow action, store it with its audit events and outbox entries,
    commit, and return the new status. A refusal changes nothing."""
    facts = _facts(uow, case_id)
    effects: list[Effect] = []
    state = _stored_state(uow, case_id)
    if state is None:  # stored before workflows existed: its start is stored now, with the action
        state, started = _unrecorded(uow, facts, actor_id)
        effects += started
    library = script_library()
    script = library.get(state.script_id, state.script_version)
    now = uow.clock.now()
    new_state, done = perform(
        script,
        state,
        facts,
        action,
        answers,
        actor_for(uow, actor_id),
        now,
        calendar=default_calendar(),
        library=library,
    )
    _save(uow, new_state)
    _apply(uow, case_id, (*effects, *done), actor_id)
    uow.commit()
    next_script = library.get(new_state.script_id, new_state.script_version)
    return status(
        next_script, new_state, facts, now, default_calendar(), language or current_language()
    )


def link_pushed_offer(
    uow: UnitOfWork, case_id: str, local_offer_id: str, platform_offer_id: str
) -> None:
    """After a pushed offer: remember the platform's id, and fix waiting answers to it
    (in the sync's transaction)."""
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


# -- internals ---------------------------------------------------------------------------


def _document(uow: UnitOfWork, case_id: str) -> CaseDocument:
    raw = snapshot_bytes(uow.session, case_id)
    if raw is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    return parse_case_document(raw)


def _facts(uow: UnitOfWork, case_id: str) -> CaseFacts:
    """The platform's document's facts, and what the store recorded of the case's signed
    decision document (the checklist's signature items follow these, not ticks)."""
    # Imported here: app.documents.service imports this module (a cycle at import time).
    from app.documents.verifications import signature_state

    signed = signature_state(uow, case_id)
    return replace(
        facts_from_document(_document(uow, case_id)),
        document_signed_by_mediator=signed.signed_by_mediator,
        document_countersigned=signed.countersigned,
        document_signatures_valid=signed.signatures_valid,
    )


def _stored_state(uow: UnitOfWork, case_id: str) -> WorkflowState | None:
    record = uow.session.get(m.WorkflowRecord, case_id)
    return None if record is None else WorkflowState.from_json_dict(record.state)


def _arrive(
    uow: UnitOfWork, facts: CaseFacts, actor_id: str, at: datetime
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    # Facts come from the platform's document only: the desk does not add evidence of its
    # own yet. When it does, unpushed items go in as facts_from_document(local_evidence_kinds).
    script = script_library().current(script_id_for_case(facts.category, facts.reason, facts.flags))
    return start_where_the_case_is(script, facts, actor_for(uow, actor_id), at)


def _unrecorded(
    uow: UnitOfWork, facts: CaseFacts, actor_id: str
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    """The state of a case stored before workflows existed: as if it had started when it
    first arrived on this desk (so its deadlines do not move with each read)."""
    first_received = uow.session.execute(
        select(func.min(m.CaseSnapshot.received_at)).where(m.CaseSnapshot.case_id == facts.case_id)
    ).scalar_one_or_none()
    return _arrive(uow, facts, actor_id, first_received or uow.clock.now())


def _record_values(uow: UnitOfWork, state: WorkflowState) -> dict[str, Any]:
    return {
        "case_id": state.case_id,
        "script_id": state.script_id,
        "script_version": state.script_version,
        "step_id": state.step_id,
        "step_entered_at": state.step_entered_at,
        "state": state.to_json_dict(),
        "updated_at": uow.clock.now(),
    }


def _save(uow: UnitOfWork, state: WorkflowState) -> None:
    record = uow.session.get(m.WorkflowRecord, state.case_id)
    if record is None:
        record = m.WorkflowRecord(case_id=state.case_id)
        uow.session.add(record)
    for column, value in _record_values(uow, state).items():
        setattr(record, column, value)
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
