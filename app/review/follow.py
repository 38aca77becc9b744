"""The drafter's workflow follows the supervisor's verdict when a sync brings it.

A mediator submits a draft and their workflow waits at the supervisor-review step. When
a sync brings the platform's version in which that document was **returned**, the
workflow goes back the way the script's return transition goes (to drafting), with the
reviewer as the actor and the comments in its history; the next draft is then version
n+1 of the document. Nothing is sent: the platform already has the return.
"""

from __future__ import annotations

import dataclasses

from app import audit
from app.contract.case_document import CaseDocument
from app.services.workflow_service import script_library
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.workflow import HistoryEntry, WorkflowState

RETURN_TRANSITION = "return_to_draft"


def _newly_returned(old: CaseDocument | None, new: CaseDocument) -> list[tuple[str, str, str]]:
    """(document id, reviewer, comments) of each document ``new`` returns that ``old``
    did not."""
    before = {} if old is None else {doc.id: doc.status for doc in old.documents or []}
    found = []
    for doc in new.documents or []:
        if doc.status == "returned" and before.get(doc.id) != "returned":
            review = next((r for r in reversed(doc.reviews or []) if r.verdict == "return"), None)
            found.append(
                (
                    doc.id,
                    review.by if review else "platform",
                    (review.comments or "") if review else "",
                )
            )
    return found


def follow_review(uow: UnitOfWork, old: CaseDocument | None, new: CaseDocument) -> bool:
    """Move the case's workflow back to drafting if ``new`` brings a return of a document
    while the workflow waits at the supervisor-review step (in the caller's transaction).
    True when it moved."""
    returned = _newly_returned(old, new)
    if not returned:
        return False
    record = uow.session.get(m.WorkflowRecord, new.case.id)
    if record is None:
        return False
    state = WorkflowState.from_json_dict(record.state)
    script = script_library().get(state.script_id, state.script_version)
    step = script.step(state.step_id)
    transition = step.transition(RETURN_TRANSITION)
    if step.stage != "supervisor_review" or transition is None or transition.to is None:
        return False
    document_id, reviewer, comments = returned[-1]
    now = uow.clock.now()
    detail = {
        "transition": RETURN_TRANSITION,
        "on_platform": True,
        "document_id": document_id,
        "comments": comments,
    }
    moved = dataclasses.replace(
        state,
        step_id=transition.to,
        step_entered_at=now,
        history=(*state.history, HistoryEntry(now, reviewer, transition.to, "transition", detail)),
    )
    record.state = moved.to_json_dict()
    record.step_id = moved.step_id
    record.step_entered_at = now
    record.updated_at = now
    audit.record(
        uow.session,
        at=now,
        actor=reviewer,
        action="workflow.returned_by_review",
        case_id=new.case.id,
        changes={"from": step.id, "to": transition.to, "document_id": document_id},
    )
    return True
