"""Approval on a supervisor's own desk countersigns the platform's copy of the
mediator-signed PDF.

Two data folders against one reference platform: the mediator's desk signs a ruling with
``documents sign`` and queues it with ``documents submit``; the sync uploads and submits
it. The supervisor's desk (its own data folder, supervisor1's key imported, the demo CA
trusted) syncs — the PDF comes down into its content store — and ``review approve``
verifies the mediator's signature, countersigns the copy into the reserved field and
queues the approval with the countersigned hash; the next sync delivers both. The
platform then holds the countersigned PDF once, and ``verify`` says both signatures are
valid and trusted (``pdfsig`` too). Refused, naming why, with nothing signed or queued:
a copy whose mediator's signature is not from a trusted organisation, a copy changed
after the mediator signed, a copy altered on the desk, a copy not downloaded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from app.desk import Desk
from app.review.service import platform_document
from app.security.credentials import KeyringCredentialStore
from app.services.outbox import list_outbox
from app.store import models as m
from app.sync import login, run_sync
from reports.signing.pki import init_demo_pki
from tests.integration.signatures.signing_setup import (
    PASSPHRASE,
    nss_database,
    pdfsig,
    pdfsig_blocks,
    run,
)
from tests.integration.signatures.test_tampering import add_drawing
from tests.integration.sync.conftest import (
    FAST,
    PASSWORD,
    Platform,
    open_case_ids,
    start_platform,
)
from tests.integration.sync.test_signed_delivery import _drafted


@dataclass
class Stand:
    platform: Platform
    pki: Path
    mediator: Path
    supervisor: Path
    case_id: str
    document_id: str  # the platform's id of the mediator-signed PDF
    signed_sha256: str


def _sync(home: Path, platform: Platform, user: str) -> None:
    desk = Desk.open(home)
    try:
        for _ in range(5):
            summary = run_sync(
                desk, platform.url, user, KeyringCredentialStore(), policy=FAST, timeout=10.0
            )
            with desk.unit_of_work(read_only=True) as uow:
                waiting = list_outbox(uow, states=("pending",))
            if not waiting and not summary.failed:
                return
        raise AssertionError("the outbox never emptied")
    finally:
        desk.close()


def _desk_for(home: Path, platform: Platform, user: str) -> None:
    desk = Desk.open(home)
    try:
        login(desk, platform.url, user, PASSWORD, KeyringCredentialStore())
    finally:
        desk.close()


def _cli(capsys, home: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return run(capsys, home, "--lang", "en", *args, stdin=stdin)


def _keys(capsys, home: Path, pki: Path, user: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = _cli(
        capsys, home, "keys", "trust", str(pki / "ca.pem"), "--crl", str(pki / "ca.crl")
    )
    assert code == 0, err
    code, _, err = _cli(
        capsys,
        home,
        "keys",
        "import",
        str(pki / f"{user}.p12"),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert code == 0, err


@pytest.fixture(scope="module")
def module_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pki")
    init_demo_pki("示例调解中心", folder, PASSPHRASE.encode())
    return folder


@pytest.fixture()
def stand(tmp_path: Path, capsys, module_pki: Path) -> Iterator[Stand]:  # type: ignore[no-untyped-def]
    """A ruling signed on the mediator's desk and submitted; the supervisor's desk synced."""
    server = start_platform(tmp_path / "platform", cases=10)
    platform = Platform(server)
    try:
        mediator, supervisor = tmp_path / "mediator", tmp_path / "supervisor"
        _desk_for(mediator, platform, "mediator1")
        _sync(mediator, platform, "mediator1")
        desk = Desk.open(mediator)
        try:
            case_id = open_case_ids(desk, 1)[0]
            _drafted(desk, case_id)
        finally:
            desk.close()
        _keys(capsys, mediator, module_pki, "mediator1")
        code, out, err = _cli(capsys, mediator, "documents", "sign", case_id, "R1", "--json")
        assert code == 0, err
        signed = json.loads(out)["sha256"]
        code, out, err = _cli(capsys, mediator, "documents", "submit", case_id, "R1", "--json")
        assert code == 0 and json.loads(out)["type"] == "submit_document", err
        _sync(mediator, platform, "mediator1")
        (listed,) = platform.case(case_id).get("documents") or []
        assert listed["sha256"] == signed and listed["status"] == "submitted"

        _desk_for(supervisor, platform, "supervisor1")
        _sync(supervisor, platform, "supervisor1")
        yield Stand(platform, module_pki, mediator, supervisor, case_id, listed["id"], signed)
    finally:
        server.stop()


def _approve(capsys, stand: Stand) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return _cli(
        capsys, stand.supervisor, "review", "approve", stand.case_id, stand.document_id, "--json"
    )


def _nothing_signed_or_queued(stand: Stand) -> None:
    desk = Desk.open(stand.supervisor)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            assert not list(uow.session.execute(select(m.DocumentSignature)).scalars())
            assert not [
                item
                for item in list_outbox(uow, stand.case_id)
                if item.action_type == "review_document"
            ]
    finally:
        desk.close()


def test_approve_countersigns_the_platforms_copy_and_both_signatures_verify(
    stand: Stand,
    capsys,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    _keys(capsys, stand.supervisor, stand.pki, "supervisor1")
    code, out, err = _approve(capsys, stand)
    assert code == 0, err
    queued = json.loads(out)
    countersigned = queued["sha256"]
    assert queued["verdict"] == "approve" and countersigned != stand.signed_sha256

    desk = Desk.open(stand.supervisor)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            (row,) = uow.session.execute(select(m.DocumentSignature)).scalars()
            assert (row.role, row.signer_username, row.document_id) == (
                "supervisor",
                "supervisor1",
                stand.document_id,
            )
            assert row.signed_from == stand.signed_sha256 and row.sha256 == countersigned
            events = [
                e.action
                for e in uow.session.execute(
                    select(m.AuditEvent).where(m.AuditEvent.case_id == stand.case_id)
                ).scalars()
            ]
            assert "document.countersigned" in events and "review.approved" in events
            with uow.evidence.open(countersigned) as source:
                data = source.read()
    finally:
        desk.close()
    # The countersignature is an incremental update of the mediator's signed form.
    desk = Desk.open(stand.supervisor)
    try:
        with (
            desk.unit_of_work(read_only=True) as uow,
            uow.evidence.open(stand.signed_sha256) as source,
        ):
            original = source.read()
    finally:
        desk.close()
    assert data.startswith(original)

    # Approving again before the sync gives back the queued approval: nothing signed twice.
    code, out, err = _approve(capsys, stand)
    assert code == 0 and json.loads(out)["created"] is False, err

    _sync(stand.supervisor, stand.platform, "supervisor1")
    documents = stand.platform.case(stand.case_id).get("documents") or []
    assert [(d["sha256"], d["status"]) for d in documents] == [
        (stand.signed_sha256, "superseded"),
        (countersigned, "approved"),
    ]
    # The countersigned copy is still the mediator's document; the supervisor approved it.
    assert {d["created_by"] for d in documents} == {"user:mediator1"}
    assert [(r["by"], r["verdict"]) for r in documents[1]["reviews"]] == [
        ("user:supervisor1", "approve")
    ]
    served = httpx.get(
        f"{stand.platform.url}/api/v1/documents/{countersigned}",
        headers={"Authorization": f"Bearer {stand.platform.token()}"},
    )
    assert served.status_code == 200
    assert hashlib.sha256(served.content).hexdigest() == countersigned
    copy = tmp_path / "approved.pdf"
    copy.write_bytes(served.content)

    # Any desk trusting the demo CA says both are valid and trusted: the mediator's here.
    code, out, err = _cli(capsys, stand.mediator, "verify", str(copy), "--final", "--json")
    assert code == 0, err
    verdict = json.loads(out)
    assert verdict["state"] == "approved"
    assert [(s["role"], s["signer"]) for s in verdict["signatures"]] == [
        ("mediator", "mediator1"),
        ("supervisor", "supervisor1"),
    ]
    assert all(s["intact"] and s["valid"] and s["trusted"] for s in verdict["signatures"])

    nss = nss_database(tmp_path / "nss", stand.pki / "ca.pem")
    blocks = pdfsig_blocks(pdfsig(copy, nss))
    assert len(blocks) == 2
    for block in blocks.values():
        assert "Signature is Valid." in block and "Certificate is Trusted." in block


def test_a_copy_signed_outside_the_trusted_organisation_is_not_countersigned(
    stand: Stand,
    capsys,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    other = tmp_path / "other-pki"
    init_demo_pki("另一家机构", other, PASSPHRASE.encode())
    # The supervisor's desk trusts only another organisation (whose supervisor1 key it has).
    _keys(capsys, stand.supervisor, other, "supervisor1")
    code, _, err = _approve(capsys, stand)
    assert code == 6, err
    assert "not countersigned" in err and "not from a trusted organisation" in err
    _nothing_signed_or_queued(stand)


def test_a_copy_changed_after_the_mediator_signed_is_not_countersigned(
    stand: Stand,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    """The platform's copy (its hash and all) carries a change after the signature."""
    _keys(capsys, stand.supervisor, stand.pki, "supervisor1")
    desk = Desk.open(stand.supervisor)
    try:
        with desk.unit_of_work() as uow:
            with uow.evidence.open(stand.signed_sha256) as source:
                original = source.read()
            tampered = add_drawing(original, 1)  # a square over the decision
            with uow.evidence.staging() as staging:
                uow.evidence.commit([staging.stage_bytes(tampered)])
            uow.session.execute(
                update(m.Document)
                .where(m.Document.case_id == stand.case_id)
                .values(sha256=hashlib.sha256(tampered).hexdigest(), size=len(tampered))
            )
            uow.commit()
            assert platform_document(uow, stand.case_id, stand.document_id).size == len(tampered)
    finally:
        desk.close()
    code, _, err = _approve(capsys, stand)
    assert code == 6, err
    assert "Changed after the mediator signed" in err
    _nothing_signed_or_queued(stand)


def test_a_copy_altered_on_the_desk_or_not_downloaded_is_refused(
    stand: Stand,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    _keys(capsys, stand.supervisor, stand.pki, "supervisor1")
    from app.contract.content_store import ContentStore

    path = ContentStore(stand.supervisor / "evidence").path_of(stand.signed_sha256)
    original = path.read_bytes()
    path.chmod(0o600)
    path.write_bytes(original[:-10] + b"0123456789")
    code, _, err = _approve(capsys, stand)
    assert code == 6 and "no longer matches" in err, err
    path.unlink()
    code, _, err = _approve(capsys, stand)
    assert code != 0 and "sync, then approve again" in err, err
    _nothing_signed_or_queued(stand)


def test_the_port_refuses_the_person_who_created_the_document(
    stand: Stand,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    """Four eyes in the port itself, not only in the review's rules."""
    from dataclasses import replace

    from app.errors import PermissionDenied
    from app.services.identity import signed_in_user
    from reports.signing.countersign import desk_countersign

    _keys(capsys, stand.supervisor, stand.pki, "supervisor1")
    desk = Desk.open(stand.supervisor)
    try:
        with desk.unit_of_work() as uow:
            user = signed_in_user(uow)
            assert user is not None and user.username == "supervisor1"
            document = replace(
                platform_document(uow, stand.case_id, stand.document_id),
                created_by="user:supervisor1",
            )
            with pytest.raises(PermissionDenied, match="four eyes"):
                desk_countersign(desk)(uow, user, document)
    finally:
        desk.close()
    _nothing_signed_or_queued(stand)
