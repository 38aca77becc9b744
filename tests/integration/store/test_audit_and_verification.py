"""The audit trail and the evidence store prove later that nothing was altered."""

from __future__ import annotations

import itertools
from pathlib import Path

from sqlalchemy import delete, update

from app import audit
from app.desk import Desk
from app.services.case_import import import_bundle
from app.services.verification import verify_audit_trail, verify_evidence
from app.store.models import AuditEvent
from tests.support.bundles import LOST_PARCEL, WOOL_COAT


def _with_cases(desk: Desk) -> None:
    for bundle in (WOOL_COAT, LOST_PARCEL):
        with desk.unit_of_work() as uow:
            import_bundle(uow, bundle, "user:tester")
    with desk.unit_of_work() as uow:
        for n in range(3):
            audit.record(
                uow.session,
                at=uow.clock.now(),
                actor="user:tester",
                action="note.added",
                case_id="DSP-2026-004711",
                changes={"text": f"第{n}条备注"},
            )
        uow.commit()


def _verify(desk: Desk) -> audit.ChainReport:
    with desk.unit_of_work(read_only=True) as uow:
        return verify_audit_trail(uow)


def test_an_untouched_trail_verifies(any_desk: Desk) -> None:
    _with_cases(any_desk)
    report = _verify(any_desk)
    with any_desk.unit_of_work(read_only=True) as uow:
        recorded = uow.session.query(AuditEvent).count()
    assert recorded >= 5
    assert (report.intact, report.events) == (True, recorded)


def test_each_event_links_to_the_hash_of_the_one_before(any_desk: Desk) -> None:
    _with_cases(any_desk)
    with any_desk.unit_of_work(read_only=True) as uow:
        events = uow.session.query(AuditEvent).order_by(AuditEvent.seq).all()
        assert events[0].prev_hash == audit.GENESIS
        for before, after in itertools.pairwise(events):
            assert after.prev_hash == before.hash


def test_an_edited_event_is_reported_as_the_first_broken_one(any_desk: Desk) -> None:
    _with_cases(any_desk)
    with any_desk.unit_of_work() as uow:
        uow.session.execute(
            update(AuditEvent).where(AuditEvent.seq == 3).values(actor="user:mallory")
        )
        uow.commit()
    report = _verify(any_desk)
    assert (report.intact, report.broken_at) == (False, 3)
    assert "changed" in str(report.problem)


def test_a_deleted_event_in_the_middle_is_reported(any_desk: Desk) -> None:
    _with_cases(any_desk)
    with any_desk.unit_of_work() as uow:
        uow.session.execute(delete(AuditEvent).where(AuditEvent.seq == 2))
        uow.commit()
    report = _verify(any_desk)
    assert (report.intact, report.broken_at) == (False, 2)


def test_deleting_the_newest_events_is_reported(any_desk: Desk) -> None:
    _with_cases(any_desk)
    with any_desk.unit_of_work() as uow:
        uow.session.execute(delete(AuditEvent).where(AuditEvent.seq >= 4))
        uow.commit()
    report = _verify(any_desk)
    assert (report.intact, report.broken_at) == (False, 4)


def test_a_rehashed_forgery_still_breaks_the_link_to_the_next_event(any_desk: Desk) -> None:
    """Rewriting an event and its own hash is not enough: the next event points to the old hash.

    (Even for someone holding the chain key: the forger here seals event 3 properly.)"""
    _with_cases(any_desk)
    key = any_desk.chain_key()
    assert key is not None
    with any_desk.unit_of_work() as uow:
        event = uow.session.get(AuditEvent, 3)
        assert event is not None
        event.changes = {"text": "伪造"}
        event.hash = audit.keyed_hash(
            key,
            event.prev_hash,
            event.seq,
            event.at,
            event.actor,
            event.action,
            event.case_id,
            event.changes,
        )
        uow.commit()
    report = _verify(any_desk)
    assert (report.intact, report.broken_at) == (False, 4)


def test_altered_and_missing_evidence_files_are_reported_per_case(desk: Desk) -> None:
    _with_cases(desk)
    with desk.unit_of_work(read_only=True) as uow:
        assert verify_evidence(uow).ok
        from app.services.case_file import get_case

        coat = get_case(uow, "DSP-2026-004711")
        parcel = get_case(uow, "DSP-2026-009102")
    altered: Path = desk.evidence.path_of(coat.evidence_item("E2").sha256)
    altered.write_bytes(altered.read_bytes()[:-1] + b"\x00")
    desk.evidence.path_of(parcel.evidence_item("E3").sha256).unlink()

    with desk.unit_of_work(read_only=True) as uow:
        report = verify_evidence(uow)
        detail = get_case(uow, "DSP-2026-004711", check_files=True)
    assert not report.ok
    assert {
        case: [(p.item_id, p.state) for p in problems]
        for case, problems in report.by_case().items()
    } == {"DSP-2026-004711": [("E2", "altered")], "DSP-2026-009102": [("E3", "missing")]}
    assert detail.evidence_item("E2").integrity == "altered"
    assert detail.evidence_item("E1").integrity == "verified"


def test_an_altered_file_is_refused_when_opened(desk: Desk) -> None:
    import pytest

    from app.errors import IntegrityError
    from app.services.case_file import get_case, read_evidence

    _with_cases(desk)
    with desk.unit_of_work(read_only=True) as uow:
        item = get_case(uow, "DSP-2026-004711").evidence_item("E4")
        assert read_evidence(uow, item).startswith(b"[")
        path = desk.evidence.path_of(item.sha256)
        path.write_bytes(path.read_bytes().replace("羊毛".encode(), "化纤".encode()))
        with pytest.raises(IntegrityError, match="altered"):
            read_evidence(uow, item)
