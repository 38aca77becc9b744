"""Issue 13, item 7: "Signed by the mediator", "Countersigned by the supervisor" and "Both
signatures validate" follow from the signed document — its signature rows and the
verdict recorded for its newest signed form — and nobody can tick them by hand."""

from __future__ import annotations

import hashlib

import pytest

from app.clock import FixedClock
from app.desk import Desk
from app.documents.signing import signed_form
from app.documents.verifications import record_verification, signature_state
from app.errors import ValidationError
from app.services.workflow_service import workflow_do
from reports.signing.cli import verify_with_desk
from tests.integration.documents.stored_cases import MEDIATOR, StoredWalk
from tests.integration.signatures.signing_setup import CASE, run
from tests.unit.documents.walks import START

FACT_ITEMS = ("mediator_signed", "supervisor_countersigned", "signatures_verified")


def _items(walk: StoredWalk) -> dict[str, bool]:
    return {item.id: item.checked for item in walk.status().checklist}


def _verify_and_record(desk: Desk) -> str:
    with desk.unit_of_work(read_only=True) as uow:
        data = signed_form(uow, CASE, "R1")
    assert data is not None
    verdict = verify_with_desk(desk, data)
    with desk.unit_of_work() as uow:
        record_verification(
            uow, CASE, "R1", hashlib.sha256(data).hexdigest(), verdict, actor_id=MEDIATOR
        )
    return "approved" if verdict.approved else "not_yet_approved" if verdict.ok else "problem"


def test_the_signature_items_follow_the_signed_document_not_ticks(signing_home, capsys) -> None:
    home = signing_home.home
    clock = FixedClock(START)
    clock.advance(days=20)
    desk = Desk.open(home, clock=clock)
    try:
        walk = StoredWalk(desk, clock, CASE)
        walk.fill()
        walk.do("submit_for_review")
        walk.fill({"verdict": "approve"})
        walk.do("approve")
        assert walk.status().step_id == "signed_ruling"
        checklist = {item.id: item for item in walk.status().checklist}
        assert all(checklist[key].from_document for key in FACT_ITEMS)
        assert not checklist["delivered"].from_document
        assert not any(_items(walk)[key] for key in FACT_ITEMS)

        # Ticking them by hand is refused, with the reason; nothing else is ticked either.
        for key in FACT_ITEMS:
            with desk.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
                workflow_do(uow, CASE, "check", {key: "yes", "delivered": "yes"}, MEDIATOR, "en")
            assert "follows from the signed document" in refused.value.text("en")
        assert _items(walk) == dict.fromkeys([*FACT_ITEMS, "delivered"], False)
        walk.do("check", {"delivered": "yes"})
        with pytest.raises(ValidationError, match="not met: Signed by the mediator"):
            walk.do("notice")
    finally:
        desk.close()

    code, _, err = run(capsys, home, "documents", "sign", CASE, "R1", "--key", "mediator1")
    assert code == 0, err
    desk = Desk.open(home, clock=clock)
    try:
        walk = StoredWalk(desk, clock, CASE)
        assert _items(walk)["mediator_signed"] is True
        assert _items(walk)["supervisor_countersigned"] is False
        # The mediator's form verified: not yet approved, so "both validate" does not hold.
        assert _verify_and_record(desk) == "not_yet_approved"
        assert _items(walk)["signatures_verified"] is False
    finally:
        desk.close()

    code, _, err = run(capsys, home, "documents", "countersign", CASE, "R1", "--key", "supervisor1")
    assert code == 0, err
    desk = Desk.open(home, clock=clock)
    try:
        walk = StoredWalk(desk, clock, CASE)
        assert _items(walk)["supervisor_countersigned"] is True
        assert _items(walk)["signatures_verified"] is False  # not verified since it changed
        with pytest.raises(ValidationError, match="not met: Both signatures validate"):
            walk.do("notice")
        assert _verify_and_record(desk) == "approved"
        with desk.unit_of_work(read_only=True) as uow:
            state = signature_state(uow, CASE)
        assert (state.signed_by_mediator, state.countersigned, state.signatures_valid) == (
            True,
            True,
            True,
        )
        assert _items(walk) == dict.fromkeys([*FACT_ITEMS, "delivered"], True)
        walk.do("notice")
        assert walk.status().step_id == "notice"
    finally:
        desk.close()


def test_the_verify_command_records_its_verdict_for_the_workflow(
    signing_home, capsys, tmp_path
) -> None:
    home = signing_home.home
    for command, key in (("sign", "mediator1"), ("countersign", "supervisor1")):
        code, _, err = run(capsys, home, "documents", command, CASE, "R1", "--key", key)
        assert code == 0, err
    exported = tmp_path / "R1.pdf"
    code, _, err = run(capsys, home, "documents", "export", CASE, "R1", "--out", str(exported))
    assert code == 0, err

    def state() -> tuple[bool, bool, bool]:
        desk = Desk.open(home)
        try:
            with desk.unit_of_work(read_only=True) as uow:
                found = signature_state(uow, CASE)
        finally:
            desk.close()
        return found.signed_by_mediator, found.countersigned, found.signatures_valid

    assert state() == (True, True, False)  # countersigned, not verified yet
    # A changed copy is refused and its verdict is not kept: those bytes are not the
    # document's signed form.
    changed = tmp_path / "changed.pdf"
    data = exported.read_bytes()
    changed.write_bytes(data + b"\n%% appended\n")
    run(capsys, home, "verify", str(changed))
    assert state() == (True, True, False)
    code, _, err = run(capsys, home, "verify", str(exported))
    assert code == 0, err
    assert state() == (True, True, True)
