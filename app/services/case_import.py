"""Importing case bundles into the local store, and exporting them back.

A bundle is checked and its files staged before anything is stored; the rows, the
audit event and the new files then land together or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select, update

from app import audit
from app.contract.bundle import Bundle, BundleError, BundleLimits, read_bundle, write_bundle
from app.contract.case_document import parse_case_document
from app.contract.content_store import StagedFile
from app.errors import (
    DeskError,
    EnvironmentFault,
    IntegrityError,
    NotFound,
    ValidationError,
    as_desk_error,
)
from app.files import output_file
from app.services.record_check import verify_case_record
from app.services.workflow_service import start_workflow
from app.store import models as m
from app.store.case_writer import describe_changes, snapshot_bytes, stored_version, write_case
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Label, Language, Sayable, say, words

Outcome = Literal["added", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class ImportResult:
    source: str
    outcome: Outcome
    case_id: str | None = None
    version: int | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    files_added: int = 0
    error: Sayable | str | None = None

    def error_text(self, language: Language | None = None) -> str:
        return "" if self.error is None else say(self.error, language)

    def as_json(self) -> dict[str, Any]:
        return {
            "bundle": self.source,
            "outcome": self.outcome,
            "case_id": self.case_id,
            "version": self.version,
            "changes": self.changes,
            "files_added": self.files_added,
            "error": None if self.error is None else self.error_text(),
        }


@dataclass(frozen=True)
class ImportBatch:
    """What an import of several bundles did; ``stopped`` when the computer stopped it
    part-way (disk full, no permission), with the bundles it did not get to."""

    results: tuple[ImportResult, ...]
    stopped: DeskError | None = None
    not_tried: tuple[Path, ...] = ()


def import_bundle(
    uow: UnitOfWork, path: Path, actor: str, limits: BundleLimits | None = None
) -> ImportResult:
    """Import one bundle in one transaction; raises ValidationError naming the fault."""
    with uow.evidence.staging() as staging:
        try:
            bundle = read_bundle(path, staging, limits)
        except BundleError as exc:
            raise ValidationError(exc) from None
        return _store_bundle(uow, bundle, actor)


def import_bundles(
    open_uow: Callable[[], UnitOfWork],
    paths: Sequence[Path],
    actor: str,
    limits: BundleLimits | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportBatch:
    """Import each bundle on its own: a bad one is reported, the good ones still land.

    A fault of the computer itself (disk full, read-only folder) stops the batch: what
    landed before it stays, and the batch says which bundles it did not get to.
    """
    results: list[ImportResult] = []
    for index, path in enumerate(paths):
        if progress is not None:
            progress(index, len(paths))
        try:
            with open_uow() as uow:
                results.append(import_bundle(uow, path, actor, limits))
        except ValidationError as exc:
            results.append(
                ImportResult(source=path.name or str(path), outcome="failed", error=exc.message)
            )
        except Exception as exc:
            known = as_desk_error(exc)
            if not isinstance(known, EnvironmentFault):
                raise
            return ImportBatch(tuple(results), known, tuple(paths[index:]))
    if progress is not None:
        progress(len(paths), len(paths))
    return ImportBatch(tuple(results))


def _store_bundle(uow: UnitOfWork, bundle: Bundle, actor: str) -> ImportResult:
    document = bundle.document
    case_id = document.case.id
    snapshot_sha = hashlib.sha256(bundle.case_json).hexdigest()
    session = uow.session
    current = stored_version(session, case_id)
    old_document = None
    if current is not None:
        version, stored_sha = current
        if document.case.version < version:
            raise ValidationError(
                words(
                    "cases.import_older",
                    source=bundle.source,
                    version=document.case.version,
                    stored=version,
                    case_id=case_id,
                )
            )
        if document.case.version == version:
            if snapshot_sha != stored_sha:
                raise ValidationError(
                    words(
                        "cases.import_same_version_differs",
                        source=bundle.source,
                        version=version,
                        case_id=case_id,
                    )
                )
            return _fill_missing_files(uow, bundle, actor)
        stored = snapshot_bytes(session, case_id)
        assert stored is not None
        old_document = parse_case_document(stored)

    files = [*bundle.evidence_files.values(), *bundle.document_files.values()]
    with _landing(uow, files) as added:
        now = uow.clock.now()
        write_case(
            session,
            document,
            bundle.case_json,
            source="bundle",
            received_at=now,
            stored_files={staged.sha256 for staged in files},
            replace=old_document is not None,
        )
        if old_document is None:
            changes: dict[str, Any] = {
                "version": [None, document.case.version],
                "bundle": bundle.source,
            }
            action = "case.imported"
        else:
            changes = describe_changes(old_document, document)
            changes["bundle"] = bundle.source
            action = "case.updated"
        # The audit chain (keyed) vouches for the exact document stored: see record_check.
        changes |= {"document_sha256": snapshot_sha, "document_version": document.case.version}
        audit.record(session, at=now, actor=actor, action=action, case_id=case_id, changes=changes)
        if old_document is None:
            start_workflow(uow, document, actor)
    return ImportResult(
        source=bundle.source,
        outcome="added" if old_document is None else "updated",
        case_id=case_id,
        version=document.case.version,
        changes=changes,
        files_added=len(added),
    )


def _fill_missing_files(uow: UnitOfWork, bundle: Bundle, actor: str) -> ImportResult:
    """Same version already stored: only bring in evidence bytes the store still lacks."""
    session = uow.session
    case_id = bundle.document.case.id
    missing = set(
        session.execute(
            select(m.Evidence.sha256).where(
                m.Evidence.case_id == case_id, m.Evidence.stored.is_(False)
            )
        ).scalars()
    )
    wanted = [staged for staged in bundle.evidence_files.values() if staged.sha256 in missing]
    if not wanted:
        return ImportResult(bundle.source, "unchanged", case_id, bundle.document.case.version)
    with _landing(uow, wanted) as added:
        hashes = sorted({staged.sha256 for staged in wanted})
        session.execute(
            update(m.Evidence)
            .where(m.Evidence.case_id == case_id, m.Evidence.sha256.in_(hashes))
            .values(stored=True)
        )
        audit.record(
            session,
            at=uow.clock.now(),
            actor=actor,
            action="evidence.stored",
            case_id=case_id,
            changes={"sha256": hashes, "bundle": bundle.source},
        )
    return ImportResult(
        bundle.source,
        "updated",
        case_id,
        bundle.document.case.version,
        {"evidence_stored": hashes},
        len(added),
    )


@contextmanager
def _landing(uow: UnitOfWork, staged: list[StagedFile]) -> Iterator[list[str]]:
    """Move staged files into the store, let the caller write its rows, then commit.

    The hashes that are new to the store are yielded; if anything fails (or the process
    is told to stop) the rows roll back and those new files are removed again, so the
    store never holds a file no record names.
    """
    added: list[str] = []
    try:
        added = uow.evidence.commit(staged)
        yield added
        uow.commit()
    except BaseException:
        uow.rollback()
        for sha in added:
            uow.evidence.discard(sha)
        raise


def export_case(uow: UnitOfWork, case_id: str, out: Path) -> Path:
    """Write the case's current version as a bundle that imports back identically.

    Every file is re-hashed first; an altered or missing file stops the export.
    """
    session = uow.session
    output_file(out)
    snapshot = snapshot_bytes(session, case_id)
    if snapshot is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    problems = verify_case_record(uow, case_id)
    if problems:
        raise IntegrityError(
            words(
                "records.refuse_export",
                case_id=case_id,
                field=problems[0].field,
                problem=problems[0].problem,
            )
        )
    document = parse_case_document(snapshot)
    documents = [doc for doc in document.documents or [] if uow.evidence.has(doc.sha256)]
    files = [(item.id, item.filename, item.sha256, item.size) for item in document.evidence]
    files += [(doc.id, f"{doc.sha256}.pdf", doc.sha256, doc.size) for doc in documents]
    for item_id, filename, sha256, size in files:
        state = uow.evidence.check(sha256, size)
        if state != "verified":
            raise IntegrityError(
                words(
                    "cases.export_bad_file",
                    case_id=case_id,
                    item=item_id,
                    filename=filename,
                    state=Label("Integrity", "not_downloaded" if state == "missing" else state),
                )
            )
    store = uow.evidence
    write_bundle(
        out,
        snapshot,
        [(item.id, _opener(store.open, item.sha256)) for item in document.evidence],
        [(doc.sha256, _opener(store.open, doc.sha256)) for doc in documents],
    )
    return out


def _opener(open_file: Callable[[str], Any], sha256: str) -> Callable[[], Any]:
    return lambda: open_file(sha256)
