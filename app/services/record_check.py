"""Verifying the case record itself: every stored document and every row derived from it.

A case arrives as a document; the desk keeps its exact bytes (one snapshot per version)
and derives the tables the queue, the case file and the evidence checks read from it.
Someone who can write the database could change any of these — the claim amount in the
document, the queue's summary columns, an evidence row's SHA-256 — so verification
checks, for every case:

- each snapshot's bytes against its recorded SHA-256, and that SHA-256 against the one
  the audit trail recorded when the version arrived (the keyed chain vouches for it:
  see :mod:`app.audit`). A version the audit trail never saw arrive is a forgery;
  versions that arrived before the desk recorded hashes (their arrival event names the
  version only) are counted as unanchored;
- the case's current version is its newest snapshot, and every column of the case row
  and of every child table (parties, order, items, shipment, messages, evidence, offers
  and their answers, history, decision, documents) equals what that document says.

Each problem names the case and the field. The desk's own state (queue markers, whether
a file has been downloaded) is not derived from the document and is not compared.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.contract.case_document import CaseDocument, CaseDocumentError, parse_case_document
from app.store import models as m
from app.store.case_writer import CHILD_TABLES, case_row, child_rows
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Sayable, words

# Columns that hold the desk's own state, not something the document says.
_LOCAL = {"id", "offer_row_id", "in_queue", "in_conflict", "source", "received_at", "stored"}
_ARRIVALS = ("case.imported", "case.updated", "case.synced", "case.restored_from_platform")
_BATCH = 200


@dataclass(frozen=True)
class RecordProblem:
    case_id: str
    # Where: a stored document ("snapshot v3", said in the reader's language) or a
    # column by its name in the store ("claim_amount", "evidence[E2].sha256").
    field: Sayable | str
    problem: Sayable

    def text(self, language: Any = None) -> str:
        return words(
            "records.problem", case_id=self.case_id, field=self.field, problem=self.problem
        ).text(language)


@dataclass(frozen=True)
class RecordReport:
    cases_checked: int
    snapshots_checked: int
    problems: tuple[RecordProblem, ...]
    # Snapshots stored before the desk recorded each document's hash in the audit
    # trail: consistent with themselves, but not vouched for by the chain.
    unanchored_snapshots: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_case_record(uow: UnitOfWork, case_id: str) -> tuple[RecordProblem, ...]:
    """The problems of one case's record (none when it holds)."""
    return _verify(uow, [case_id]).problems


def verify_records(
    uow: UnitOfWork, progress: Callable[[int, int], None] | None = None
) -> RecordReport:
    """Verify the record of every case in the store."""
    case_ids = list(uow.session.execute(select(m.Case.id).order_by(m.Case.id)).scalars())
    return _verify(uow, case_ids, progress)


def _verify(
    uow: UnitOfWork,
    case_ids: list[str],
    progress: Callable[[int, int], None] | None = None,
) -> RecordReport:
    problems: list[RecordProblem] = []
    snapshots = unanchored = 0
    for start in range(0, len(case_ids), _BATCH):
        batch = case_ids[start : start + _BATCH]
        found, checked, loose = _verify_batch(uow, batch)
        problems += found
        snapshots += checked
        unanchored += loose
        uow.session.expunge_all()
        if progress is not None:
            progress(start + len(batch), len(case_ids))
    return RecordReport(len(case_ids), snapshots, tuple(problems), unanchored)


def _verify_batch(uow: UnitOfWork, case_ids: list[str]) -> tuple[list[RecordProblem], int, int]:
    session = uow.session
    recorded, arrived = _recorded_arrivals(uow, case_ids)
    problems: list[RecordProblem] = []
    checked = unanchored = 0
    newest: dict[str, tuple[int, bytes]] = {}
    for row in session.execute(
        select(
            m.CaseSnapshot.case_id,
            m.CaseSnapshot.version,
            m.CaseSnapshot.sha256,
            m.CaseSnapshot.document,
        )
        .where(m.CaseSnapshot.case_id.in_(case_ids))
        .order_by(m.CaseSnapshot.case_id, m.CaseSnapshot.version)
    ):
        checked += 1
        where = words("records.snapshot", version=row.version)
        actual = hashlib.sha256(row.document).hexdigest()
        if actual != row.sha256:
            problems.append(RecordProblem(row.case_id, where, words("records.bytes_changed")))
        vouched = recorded.get((row.case_id, row.version))
        if vouched is not None:
            if vouched != actual:
                problems.append(RecordProblem(row.case_id, where, words("records.not_as_received")))
        elif (row.case_id, row.version) in arrived:
            unanchored += 1
        else:
            problems.append(RecordProblem(row.case_id, where, words("records.never_arrived")))
        newest[row.case_id] = (row.version, row.document)
    stored = _stored_rows(uow, case_ids)
    for case_id in case_ids:
        if case_id not in newest:
            problems.append(
                RecordProblem(case_id, words("records.snapshot_any"), words("records.no_snapshot"))
            )
            continue
        version, raw = newest[case_id]
        try:
            document = parse_case_document(raw)
        except CaseDocumentError:
            problems.append(
                RecordProblem(
                    case_id, words("records.snapshot", version=version), words("records.unreadable")
                )
            )
            continue
        problems += _compare(case_id, document, raw, stored.get(case_id, {}))
    return problems, checked, unanchored


def _recorded_arrivals(
    uow: UnitOfWork, case_ids: list[str]
) -> tuple[dict[tuple[str, int], str], set[tuple[str, int]]]:
    """What the audit trail says arrived: (case, version) → the document hash it recorded,
    and every (case, version) whose arrival it recorded at all (older events name the
    version but not the hash)."""
    recorded: dict[tuple[str, int], str] = {}
    arrived: set[tuple[str, int]] = set()
    for case_id, changes in uow.session.execute(
        select(m.AuditEvent.case_id, m.AuditEvent.changes).where(
            m.AuditEvent.case_id.in_(case_ids), m.AuditEvent.action.in_(_ARRIVALS)
        )
    ):
        sha, version = changes.get("document_sha256"), changes.get("document_version")
        if isinstance(sha, str) and isinstance(version, int):
            recorded[(case_id, version)] = sha
            arrived.add((case_id, version))
            continue
        versions = changes.get("version")  # [old, new], as every arrival event has it
        if isinstance(versions, list) and len(versions) == 2 and isinstance(versions[1], int):
            arrived.add((case_id, versions[1]))
    return recorded, arrived


_ROW_TABLES: tuple[type[m.Base], ...] = (m.Case, *CHILD_TABLES)


def _plain(row: Any, table: Any) -> dict[str, Any]:
    return {column.name: getattr(row, column.name) for column in table.columns}


def _stored_rows(
    uow: UnitOfWork, case_ids: list[str]
) -> dict[str, dict[type[m.Base], list[dict[str, Any]]]]:
    """What the tables hold now, per case and table (offers with their answers)."""
    stored: dict[str, dict[type[m.Base], list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    session = uow.session
    for model in _ROW_TABLES:
        table = m.table_of(model)
        key = table.c.id if model is m.Case else table.c.case_id
        order = [key, table.c.id] if "id" in table.c and model is not m.Case else [key]
        for row in session.execute(select(table).where(key.in_(case_ids)).order_by(*order)):
            case_id = row.id if model is m.Case else row.case_id
            stored[case_id][model].append(_plain(row, table))
    responses = m.table_of(m.OfferResponse)
    offers = m.table_of(m.Offer)
    answers: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in session.execute(
        select(responses)
        .join(offers, offers.c.id == responses.c.offer_row_id)
        .where(offers.c.case_id.in_(case_ids))
        .order_by(responses.c.offer_row_id, responses.c.position)
    ):
        answers[row.offer_row_id].append(_plain(row, responses))
    for tables in stored.values():
        for offer in tables.get(m.Offer, []):
            offer["responses"] = answers.get(offer["id"], [])
    return stored


def _compare(
    case_id: str,
    document: CaseDocument,
    raw: bytes,
    stored: dict[type[m.Base], list[dict[str, Any]]],
) -> list[RecordProblem]:
    problems: list[RecordProblem] = []
    sha = hashlib.sha256(raw).hexdigest()
    cases = stored.get(m.Case) or []
    if not cases:
        return [RecordProblem(case_id, "case", words("records.no_case_row"))]
    case = cases[0]
    expected_case = case_row(document, sha, "-", case["received_at"])
    for column, value in expected_case.items():
        if column not in _LOCAL and case.get(column) != value:
            problems.append(_differs(case_id, column))
    children = child_rows(document, stored_files=set())
    for model, expected_rows in children.items():
        actual_rows = stored.get(model, [])
        label = m.table_of(model).name
        if len(actual_rows) != len(expected_rows):
            problems.append(
                RecordProblem(
                    case_id,
                    label,
                    words(
                        "records.count_differs", found=len(actual_rows), expected=len(expected_rows)
                    ),
                )
            )
            continue
        for index, (actual, expected) in enumerate(zip(actual_rows, expected_rows, strict=True)):
            problems += _compare_rows(
                case_id, f"{label}[{_name(expected, index)}]", actual, expected
            )
    return problems


def _name(row: dict[str, Any], index: int) -> str:
    for key in ("party_id", "evidence_id", "message_id", "offer_id", "document_id", "decision_id"):
        if key in row:
            return str(row[key])
    return str(index)


def _compare_rows(
    case_id: str, where: str, actual: dict[str, Any], expected: dict[str, Any]
) -> Iterable[RecordProblem]:
    for column, value in expected.items():
        if column in _LOCAL:
            continue
        if column == "responses":
            found = actual.get("responses", [])
            if len(found) != len(value):
                yield _differs(case_id, f"{where}.responses")
                continue
            for index, (mine, theirs) in enumerate(zip(found, value, strict=True)):
                yield from _compare_rows(case_id, f"{where}.responses[{index}]", mine, theirs)
            continue
        if actual.get(column) != value:
            yield _differs(case_id, f"{where}.{column}")


def _differs(case_id: str, field: str) -> RecordProblem:
    return RecordProblem(case_id, field, words("records.differs"))
