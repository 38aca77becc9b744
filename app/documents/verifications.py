"""What verifying a document's signed forms found, kept for the workflow (issue 13, item 7).

- :func:`record_verification` — keep a verdict, tied to the bytes that were checked.
- :func:`signature_state` — what the workflow's signature items read: the case's current
  decision document's signature rows and the newest verdict on its newest signed form.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.documents.signing import _signature_rows
from app.documents.verdict import DocumentVerdict
from app.store import models as m
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class SignatureState:
    """What the workflow reads of a case's current decision document (issue 13, item 7):
    the store's signature rows, and the newest verdict recorded for its newest signed form."""

    document_id: str | None
    signed_by_mediator: bool
    countersigned: bool
    signatures_valid: bool


NO_DOCUMENT = SignatureState(None, False, False, False)


def record_verification(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    sha256: str,
    verdict: DocumentVerdict,
    *,
    actor_id: str,
) -> None:
    """Keep what verifying the signed form ``sha256`` of a document found; commits.

    The core cannot verify (pyHanko lives in ``reports.signing``), and the workflow must
    not take a verdict on trust from whoever asks for a status: so the entry point that
    ran the verifier records its verdict here, tied to the exact bytes it checked. A
    verdict on a form that is not the document's newest signed form never counts
    (:func:`signature_state`), so a later signature — or a stale verdict — is not
    mistaken for "both signatures validate". Ignored for a form this desk did not make."""
    rows = _signature_rows(uow, case_id, document_id)
    if not any(row.sha256 == sha256 for row in rows):
        return
    state = "approved" if verdict.approved else "not_yet_approved" if verdict.ok else "problem"
    problem = None if verdict.problem is None else verdict.problem.text("en")
    newest = uow.session.execute(
        select(m.DocumentVerification)
        .where(
            m.DocumentVerification.case_id == case_id,
            m.DocumentVerification.document_id == document_id,
            m.DocumentVerification.sha256 == sha256,
        )
        .order_by(m.DocumentVerification.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if newest is not None and (newest.state, newest.problem) == (state, problem):
        return  # the same verdict again (the desk verifies each time it shows the list)
    uow.session.add(
        m.DocumentVerification(
            case_id=case_id,
            document_id=document_id,
            sha256=sha256,
            state=state,
            signed_by_mediator=verdict.signed_by_mediator,
            countersigned=verdict.countersigned,
            problem=problem,
            verified_at=uow.clock.now(),
            verified_by=actor_id,
        )
    )
    uow.commit()


def signature_state(uow: UnitOfWork, case_id: str) -> SignatureState:
    """The signatures of the case's current decision document (its newest draft): signed
    by the mediator and countersigned as the store's rows say, and "both signatures
    validate" when the newest verdict recorded for its newest signed form is approved."""
    document_id = uow.session.execute(
        select(m.DecisionDocument.document_id)
        .where(m.DecisionDocument.case_id == case_id, m.DecisionDocument.state == "draft")
        .order_by(m.DecisionDocument.version.desc())
        .limit(1)
    ).scalar_one_or_none()
    if document_id is None:
        return NO_DOCUMENT
    rows = _signature_rows(uow, case_id, document_id)
    if not rows:
        return SignatureState(document_id, False, False, False)
    verdict = uow.session.execute(
        select(m.DocumentVerification.state)
        .where(
            m.DocumentVerification.case_id == case_id,
            m.DocumentVerification.document_id == document_id,
            m.DocumentVerification.sha256 == rows[-1].sha256,
        )
        .order_by(m.DocumentVerification.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    roles = {row.role for row in rows}
    return SignatureState(
        document_id,
        signed_by_mediator="mediator" in roles,
        countersigned="supervisor" in roles,
        signatures_valid=verdict == "approved",
    )
