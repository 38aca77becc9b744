"""The case record is verified: an edit in the database — to a stored document, to the
queue's summary columns, to an evidence row — is found and named, and export refuses it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import update

from app.desk import Desk
from app.errors import IntegrityError
from app.services.case_import import export_case, import_bundle
from app.services.record_check import verify_case_record, verify_records
from app.store import models as m
from tests.support.bundles import LOST_PARCEL, WOOL_COAT

COAT = "DSP-2026-004711"


@pytest.fixture()
def stored(any_desk: Desk) -> Desk:
    for bundle in (WOOL_COAT, LOST_PARCEL):
        with any_desk.unit_of_work() as uow:
            import_bundle(uow, bundle, "user:tester")
    return any_desk


def _fields(desk: Desk, case_id: str = COAT) -> list[str]:
    with desk.unit_of_work(read_only=True) as uow:
        return [str(problem.field) for problem in verify_case_record(uow, case_id)]


def _edit(desk: Desk, statement: object) -> None:
    with desk.unit_of_work() as uow:
        uow.session.execute(statement)  # type: ignore[call-overload]
        uow.commit()


def _cheaper_document(desk: Desk) -> bytes:
    """The stored document with the claim amount changed from 1,299.00 to 1.00."""
    with desk.unit_of_work(read_only=True) as uow:
        snapshot = uow.session.query(m.CaseSnapshot).filter_by(case_id=COAT).one()
        document = json.loads(snapshot.document)
    assert document["case"]["claim"]["amount"]["value"] == 129900
    document["case"]["claim"]["amount"]["value"] = 100
    return json.dumps(document, ensure_ascii=False).encode()


def test_an_untouched_store_verifies(stored: Desk) -> None:
    with stored.unit_of_work(read_only=True) as uow:
        report = verify_records(uow)
    assert report.ok, [problem.text("en") for problem in report.problems]
    assert (report.cases_checked, report.snapshots_checked, report.unanchored_snapshots) == (
        2,
        2,
        0,
    )


def test_an_edited_document_is_found_by_its_hash(stored: Desk) -> None:
    _edit(
        stored,
        update(m.CaseSnapshot)
        .where(m.CaseSnapshot.case_id == COAT)
        .values(document=_cheaper_document(stored)),
    )
    fields = _fields(stored)
    assert "stored document v6" in fields  # the example is at version 6
    assert _fields(stored, "DSP-2026-009102") == []  # the other case is untouched


def test_an_edited_document_with_its_hash_recomputed_is_found_by_the_audit_trail(
    stored: Desk,
) -> None:
    cheaper = _cheaper_document(stored)
    _edit(
        stored,
        update(m.CaseSnapshot)
        .where(m.CaseSnapshot.case_id == COAT)
        .values(document=cheaper, sha256=hashlib.sha256(cheaper).hexdigest()),
    )
    with stored.unit_of_work(read_only=True) as uow:
        problems = verify_case_record(uow, COAT)
    assert [(str(p.field), str(p.problem)) for p in problems][:1] == [
        (
            "stored document v6",
            "the stored document is not the one the audit trail recorded when it arrived",
        )
    ]
    # And the rows no longer agree with the (forged) document: claim_amount is named.
    assert "claim_amount" in {str(p.field) for p in problems}


def test_an_edited_summary_column_is_named(stored: Desk) -> None:
    _edit(stored, update(m.Case).where(m.Case.id == COAT).values(claim_amount=100))
    assert _fields(stored) == ["claim_amount"]


def test_an_edited_evidence_row_is_named(stored: Desk) -> None:
    _edit(
        stored,
        update(m.Evidence)
        .where(m.Evidence.case_id == COAT, m.Evidence.evidence_id == "E2")
        .values(sha256="0" * 64),
    )
    assert _fields(stored) == ["evidence[E2].sha256"]


def test_a_deleted_party_row_is_named(stored: Desk) -> None:
    from sqlalchemy import delete

    _edit(stored, delete(m.Party).where(m.Party.case_id == COAT, m.Party.party_id == "P2"))
    assert _fields(stored) == ["parties"]


def test_the_desks_own_state_is_not_an_edit(stored: Desk) -> None:
    _edit(stored, update(m.Case).where(m.Case.id == COAT).values(in_conflict=True))
    _edit(stored, update(m.Evidence).where(m.Evidence.case_id == COAT).values(stored=False))
    assert _fields(stored) == []


def test_export_refuses_a_record_that_fails_verification(stored: Desk, tmp_path: Path) -> None:
    _edit(stored, update(m.Case).where(m.Case.id == COAT).values(claim_amount=100))
    out = tmp_path / "out.zip"
    with stored.unit_of_work(read_only=True) as uow, pytest.raises(IntegrityError) as refused:
        export_case(uow, COAT, out)
    assert "claim_amount" in refused.value.text("en")
    assert not out.exists()


def test_the_commands_name_the_case_and_the_field(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.cli.main import main

    home = tmp_path / "home"
    monkeypatch.setenv("MEDIATION_DESK_HOME", str(home))
    assert main(["cases", "import", str(WOOL_COAT)]) == 0
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()
    import sqlite3

    with sqlite3.connect(home / "desk.sqlite3") as connection:
        connection.execute("UPDATE cases SET claim_amount = 100 WHERE id = ?", (COAT,))
    assert main(["audit", "verify"]) == 6
    assert f"{COAT}: claim_amount: differs" in capsys.readouterr().err
    assert main(["cases", "show", COAT]) == 6
    assert f"{COAT}: claim_amount" in capsys.readouterr().err
    assert main(["cases", "export", COAT, "--out", str(tmp_path / "x.zip")]) == 6
    assert "Cannot export" in capsys.readouterr().err


def test_a_new_version_written_straight_into_the_database_is_a_forgery(stored: Desk) -> None:
    """A version the audit trail never saw arrive — rows, snapshot and all — is named."""
    from app.contract.case_document import parse_case_document
    from app.store.case_writer import write_case

    document = json.loads(_cheaper_document(stored))
    document["case"]["version"] += 1
    raw = json.dumps(document, ensure_ascii=False).encode()
    with stored.unit_of_work() as uow:
        write_case(
            uow.session,
            parse_case_document(raw),
            raw,
            source="bundle",
            received_at=uow.clock.now(),
            stored_files=set(),
            replace=True,
        )
        uow.commit()  # no audit event: the forger cannot seal one
    with stored.unit_of_work(read_only=True) as uow:
        problems = verify_case_record(uow, COAT)
        report = verify_records(uow)
    assert [(str(p.field), str(p.problem)) for p in problems] == [
        (
            "stored document v7",
            "this version never arrived: the audit trail has no record of it "
            "(it was written into the database directly)",
        )
    ]
    assert not report.ok


def test_a_version_from_before_hashes_were_recorded_is_counted_not_refused(stored: Desk) -> None:
    from app.store.models import AuditEvent

    with stored.unit_of_work() as uow:  # as migration 0004 found it: the version only
        for event in uow.session.query(AuditEvent).filter(AuditEvent.case_id == COAT):
            if "document_sha256" in event.changes:
                event.changes = {
                    k: v for k, v in event.changes.items() if not k.startswith("document_")
                }
        uow.session.flush()
        # (the chain is not what this test is about: verify_case_record does not read it)
        uow.commit()
    with stored.unit_of_work(read_only=True) as uow:
        assert verify_case_record(uow, COAT) == ()
        assert verify_records(uow).unanchored_snapshots == 1
