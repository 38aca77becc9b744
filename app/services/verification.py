"""Proving later that neither the evidence nor the record was altered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select

from app import audit
from app.store import models as m
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class FileProblem:
    case_id: str
    item_id: str  # evidence id, or "document:<id>"
    filename: str
    state: str  # "altered" or "missing"


@dataclass(frozen=True)
class EvidenceReport:
    files_checked: int
    problems: tuple[FileProblem, ...]
    # Files in the store that no record names (an import killed between moving its
    # files into place and committing, or a file put there by hand).
    unrecorded: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and not self.unrecorded

    def by_case(self) -> dict[str, list[FileProblem]]:
        grouped: dict[str, list[FileProblem]] = defaultdict(list)
        for problem in self.problems:
            grouped[problem.case_id].append(problem)
        return dict(grouped)


def verify_evidence(
    uow: UnitOfWork, progress: Callable[[int, int], None] | None = None
) -> EvidenceReport:
    """Re-hash every stored file once; report each case item whose file is altered,
    missing or unreadable, and every file in the store that no record names."""
    session = uow.session
    rows = session.execute(
        select(
            m.Evidence.case_id,
            m.Evidence.evidence_id,
            m.Evidence.filename,
            m.Evidence.sha256,
            m.Evidence.size,
        )
        .where(m.Evidence.stored.is_(True))
        .order_by(m.Evidence.case_id, m.Evidence.id)
    ).all()
    documents = session.execute(
        select(m.Document.case_id, m.Document.document_id, m.Document.sha256, m.Document.size)
        .where(m.Document.stored.is_(True))
        .order_by(m.Document.case_id, m.Document.id)
    ).all()
    drafted = session.execute(
        select(
            m.DecisionDocument.case_id,
            m.DecisionDocument.document_id,
            m.DecisionDocument.sha256,
            m.DecisionDocument.size,
        ).order_by(m.DecisionDocument.case_id, m.DecisionDocument.id)
    ).all()
    signed = session.execute(
        select(
            m.DocumentSignature.case_id,
            m.DocumentSignature.document_id,
            m.DocumentSignature.sha256,
            m.DocumentSignature.size,
        ).order_by(m.DocumentSignature.case_id, m.DocumentSignature.id)
    ).all()
    drafted = [*drafted, *signed]  # signed forms are versions of the same documents
    states: dict[tuple[str, int], str] = {}
    total = len({(row.sha256, row.size) for row in [*rows, *documents, *drafted]})

    def state_of(sha256: str, size: int) -> str:
        key = (sha256, size)
        if key not in states:
            states[key] = uow.evidence.check(sha256, size)
            if progress is not None:
                progress(len(states), total)
        return states[key]

    problems = [
        FileProblem(row.case_id, row.evidence_id, row.filename, state)
        for row in rows
        if (state := state_of(row.sha256, row.size)) != "verified"
    ]
    problems += [
        FileProblem(row.case_id, f"document:{row.document_id}", f"{row.sha256}.pdf", state)
        for row in documents
        if (state := state_of(row.sha256, row.size)) != "verified"
    ]
    problems += [
        FileProblem(row.case_id, f"document:{row.document_id}", f"{row.sha256}.pdf", state)
        for row in drafted
        if (state := state_of(row.sha256, row.size)) != "verified"
    ]
    named = set(session.execute(select(m.Evidence.sha256)).scalars())
    named |= set(session.execute(select(m.Document.sha256)).scalars())
    named |= {row.sha256 for row in drafted}
    unrecorded = tuple(sorted(uow.evidence.stored_hashes() - named))
    return EvidenceReport(
        files_checked=len(states), problems=tuple(problems), unrecorded=unrecorded
    )


def verify_audit_trail(
    uow: UnitOfWork, anchors: Iterable[audit.AuditAnchor] = ()
) -> audit.ChainReport:
    """Recompute the audit chain with the desk's key and check every anchor is on it."""
    return audit.verify_chain(uow.session, uow.chain_key(), anchors)
