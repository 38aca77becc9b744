"""Drafting decision documents on a real store: versions, supersession, the audit trail,
files in the content store, party copies, and the commands."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.clock import FixedClock
from app.desk import Desk
from app.documents import (
    DocumentNotReady,
    document_record,
    draft_document,
    drafting_state,
    export_document,
    list_documents,
    read_document,
)
from app.errors import IntegrityError, NotFound
from app.services.verification import verify_evidence
from app.store import models as m
from reports import render_record
from tests.integration.documents.stored_cases import (
    MEDIATOR,
    import_case,
    walk_to_ruling_draft,
    walk_to_settlement,
)

CASE = "DSP-2026-004711"


@pytest.fixture()
def ruling_case(desk: Desk, clock: FixedClock, tmp_path: Path):
    import_case(desk, tmp_path, CASE)
    return walk_to_ruling_draft(desk, clock, CASE)


def _draft(desk: Desk, **options):
    with desk.unit_of_work() as uow:
        return draft_document(uow, CASE, render_record, actor_id=MEDIATOR, **options)


def test_a_draft_is_stored_as_a_hash_named_file_a_row_and_an_audit_event(desk, ruling_case) -> None:
    result = _draft(desk)
    document = result.document
    assert result.created and document.document_id == "R1" and document.version == 1
    assert (
        document.kind == "ruling" and document.language == "zh-Hans" and document.state == "draft"
    )
    stored = desk.evidence.path_of(document.sha256)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == document.sha256
    assert stored.stat().st_mode & 0o077 == 0  # private, like everything in the data folder
    with desk.unit_of_work(read_only=True) as uow:
        events = [
            dict(changes)
            for changes in uow.session.execute(
                select(m.AuditEvent.changes).where(m.AuditEvent.action == "document.drafted")
            ).scalars()
        ]
        record = document_record(uow, CASE, "R1")
        assert read_document(uow, CASE, "R1") == stored.read_bytes()
        assert verify_evidence(uow).ok  # the document's file is named by a record
    assert [event["sha256"] for event in events] == [document.sha256]
    assert events[0]["evidence_manifest_sha256"] == record.case.evidence_manifest_sha256
    assert {item.verification for item in record.case.evidence} == {"verified"}


def test_drafting_again_without_changes_keeps_the_version_and_after_changes_supersedes_it(
    desk, clock, ruling_case
) -> None:
    first = _draft(desk).document
    again = _draft(desk)
    assert not again.created and again.document == first
    ruling_case.do("answer", {"reasoning": "理由已修改：" + "商品成分与描述不符，构成违约。" * 3})
    second = _draft(desk).document
    assert (second.document_id, second.version, second.supersedes) == ("R2", 2, "R1")
    with desk.unit_of_work(read_only=True) as uow:
        versions = list_documents(uow, CASE)
        old = read_document(uow, CASE, "R1")
        new_record = document_record(uow, CASE, "R2")
    assert [(v.document_id, v.state) for v in versions] == [("R1", "superseded"), ("R2", "draft")]
    assert versions[0].superseded_at is not None
    assert hashlib.sha256(old).hexdigest() == first.sha256  # the old version stays readable
    assert new_record.case.supersedes == first.sha256
    assert new_record.reasoning.startswith("理由已修改")


def test_a_changed_file_is_refused_on_read(desk, ruling_case) -> None:
    document = _draft(desk).document
    path = desk.evidence.path_of(document.sha256)
    path.chmod(0o600)
    data = bytearray(path.read_bytes())
    data[-20] ^= 1
    path.write_bytes(bytes(data))
    with desk.unit_of_work(read_only=True) as uow, pytest.raises(IntegrityError):
        read_document(uow, CASE, document.document_id)


def test_the_record_refuses_until_the_workflow_has_produced_it(desk, clock, tmp_path) -> None:
    import_case(desk, tmp_path, CASE)
    walk = walk_to_ruling_draft(desk, clock, CASE, answered=False)
    with desk.unit_of_work(read_only=True) as uow:
        state = drafting_state(uow, CASE)
    assert state.kind == "ruling" and state.refusal is not None
    assert "Findings of fact" in state.refusal or "查明的事实" in state.refusal
    with pytest.raises(DocumentNotReady) as refused:
        _draft(desk)
    text = refused.value.text("en")
    for label in ("Findings of fact", "Reasoning", "Rules and law relied on", "Decision"):
        assert label in text
    walk.do("answer", {"findings_of_fact": "经查，商品与描述不符，买家提交了检测报告作为证据。"})
    with pytest.raises(DocumentNotReady) as refused_again:
        _draft(desk)
    text = refused_again.value.text("en")
    assert "Findings of fact" not in text and "Reasoning" in text


def test_a_ruling_cannot_be_drafted_before_its_step(desk, clock, tmp_path) -> None:
    import_case(desk, tmp_path, CASE)
    with pytest.raises(DocumentNotReady) as refused:
        _draft(desk, kind="ruling")
    assert "Draft the ruling" in refused.value.text("en")
    with pytest.raises(DocumentNotReady):
        _draft(desk)  # the intake step drafts nothing


def test_the_settlement_agreement_is_drafted_once_both_parties_accepted(
    desk, clock, tmp_path
) -> None:
    import_case(desk, tmp_path, CASE)
    walk_to_settlement(desk, clock, CASE)
    document = _draft(desk, language="en").document
    assert (document.kind, document.document_id, document.language) == ("settlement", "S1", "en")
    with desk.unit_of_work(read_only=True) as uow:
        record = document_record(uow, CASE, "S1")
    assert [a.party_role for a in record.acceptances] == ["buyer", "merchant"]
    assert {a.channel for a in record.acceptances} == {"mediator"}
    assert record.remedies[0].amount is not None and record.remedies[0].amount.value == 30000


def _text_of(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_a_party_copy_leaves_out_the_other_sides_contact_data(desk, ruling_case, tmp_path) -> None:
    document = _draft(desk).document
    with desk.unit_of_work(read_only=True) as uow:
        full = _text_of(export_document(uow, CASE, "R1", render_record), tmp_path)
        buyers = _text_of(export_document(uow, CASE, "R1", render_record, "buyer"), tmp_path)
        merchants = _text_of(export_document(uow, CASE, "R1", render_record, "merchant"), tmp_path)
    buyer_data = ("110101199003071234", "13800138000", "zhangsan@example.com", "景山前街4号")
    merchant_data = (
        "91330100MA2XXXXX1X",
        "0571-88886666",
        "service@nuandong.example",
        "文一西路969号",
    )
    for value in (*buyer_data, *merchant_data):
        assert value in full
    for value in buyer_data:
        assert value in buyers and value not in merchants
    for value in merchant_data:
        assert value in merchants and value not in buyers
    for text in (buyers, merchants):  # names and roles stay
        assert "张三" in text and "杭州暖冬服饰有限公司" in text and CASE in text
    assert (
        document.sha256
        == hashlib.sha256(desk.evidence.path_of(document.sha256).read_bytes()).hexdigest()
    )


def _run(home: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands_draft_list_and_export(tmp_path, monkeypatch, capsys) -> None:
    clock = FixedClock(
        FixedClock(__import__("tests.unit.documents.walks", fromlist=["START"]).START).now()
    )
    monkeypatch.setattr("app.desk.SystemClock", lambda: clock)
    home = tmp_path / "home"
    desk = Desk.open(home, clock=clock)
    try:
        import_case(desk, tmp_path, CASE)
        walk_to_ruling_draft(desk, clock, CASE)
    finally:
        desk.close()
    code, out, err = _run(home, "documents", "draft", CASE, "--json", "--lang", "en", capsys=capsys)
    assert code == 0, err
    drafted = json.loads(out)
    assert (drafted["document_id"], drafted["version"], drafted["created"]) == ("R1", 1, True)
    code, out, _ = _run(
        home,
        "--lang",
        "en",
        "documents",
        "draft",
        CASE,
        "--document-lang",
        "zh-Hant",
        capsys=capsys,
    )
    assert code == 0 and "R2" in out and drafted["sha256"] not in out
    code, out, _ = _run(home, "documents", "list", CASE, "--json", capsys=capsys)
    listed = json.loads(out)
    assert [(d["document_id"], d["language"], d["state"]) for d in listed] == [
        ("R1", "zh-Hans", "superseded"),
        ("R2", "zh-Hant", "draft"),
    ]
    target = tmp_path / "ruling-buyer.pdf"
    code, out, err = _run(
        home, "documents", "export", CASE, "R1", "--out", str(target), "--party", "buyer",
        "--json", capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert target.stat().st_mode & 0o077 == 0
    whole = tmp_path / "ruling.pdf"
    assert _run(home, "documents", "export", CASE, "R1", "--out", str(whole), capsys=capsys)[0] == 0
    assert hashlib.sha256(whole.read_bytes()).hexdigest() == drafted["sha256"]
    code, _, err = _run(home, "documents", "export", CASE, "R9", "--out", str(whole), capsys=capsys)
    assert code == NotFound.exit_code and "R9" in err


def test_each_evidence_items_state_is_checked_when_the_document_is_drafted(
    desk, ruling_case
) -> None:
    first = _draft(desk).document
    with desk.unit_of_work(read_only=True) as uow:
        item = (
            uow.session.execute(
                select(m.Evidence).where(m.Evidence.case_id == CASE).order_by(m.Evidence.id)
            )
            .scalars()
            .first()
        )
        assert item is not None
        target = desk.evidence.path_of(item.sha256)
        evidence_id = item.evidence_id
    target.chmod(0o600)
    target.write_bytes(b"not what the platform sent")
    second = _draft(desk).document  # the state changed, so the record did: a new version
    assert second.version == first.version + 1
    with desk.unit_of_work(read_only=True) as uow:
        states = {
            e.evidence_id: e.verification for e in document_record(uow, CASE, "R2").case.evidence
        }
    assert states[evidence_id] == "altered"
    assert {state for key, state in states.items() if key != evidence_id} == {"verified"}


def test_a_record_changed_outside_the_desk_is_never_drafted_from(desk, ruling_case) -> None:
    from sqlalchemy import update

    with desk.unit_of_work() as uow:
        uow.session.execute(update(m.Case).where(m.Case.id == CASE).values(claim_amount=100))
        uow.commit()
    with pytest.raises(IntegrityError) as refused:
        _draft(desk)
    assert "claim_amount" in refused.value.text("en")
    with desk.unit_of_work(read_only=True) as uow:
        assert uow.session.query(m.DecisionDocument).count() == 0


def test_documents_export_to_a_folder_is_refused_in_words(
    desk, ruling_case, tmp_path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    result = _draft(desk)
    monkeypatch.setenv("MEDIATION_DESK_HOME", str(desk.paths.home))
    folder = tmp_path / "out"
    folder.mkdir()
    code = main(["documents", "export", CASE, result.document.document_id, "--out", str(folder)])
    err = capsys.readouterr().err
    assert code == 2 and "is a folder" in err
    code = main(
        [
            "documents",
            "export",
            CASE,
            result.document.document_id,
            "--out",
            str(tmp_path / "no" / "x.pdf"),
        ]
    )
    assert code == 2 and "does not exist" in capsys.readouterr().err
    assert list(folder.iterdir()) == []
    assert not (desk.paths.home / "logs").exists() or not list(
        (desk.paths.home / "logs").glob("error-*")
    )
