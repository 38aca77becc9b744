"""Two workstations, one platform: a ruling from draft to review, return, version 2,
countersigned approval, appeal and confirmation — with the platform's faults on.

A mediator's desk and a supervisor's desk (two data folders, one test keyring each, each
with its own key of the demo organisation imported and the organisation's CA trusted)
against one reference platform on loopback injecting errors, lost responses and
duplicate pages. The mediator signs each version (``sign_document``) and delivers it
through the outbox (``deliver_signed_document``); the supervisor returns the first with
comments and approves the second through the real countersign port
(``reports.signing.countersign.desk_countersign``). Every action must arrive exactly
once, both desks must end equal to the platform, and both signatures on the platform's
final PDF must verify — with the desk's verifier and with poppler's ``pdfsig``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.desk import Desk
from app.documents import draft_document
from app.documents.signing import countersign_document, deliver_signed_document, sign_document
from app.errors import PermissionDenied
from app.notices.reviewed import publish_reviewed_notice, submit_notice
from app.notices.service import draft_notice, publish_notice
from app.review.service import (
    approve_document,
    document_diff,
    platform_documents,
    return_document,
    review_queue,
)
from app.security import signing_keys
from app.security.credentials import KeyringCredentialStore
from app.services.outbox import list_outbox
from app.services.workflow_service import workflow_do, workflow_status
from app.store import models as m
from app.store.case_writer import snapshot_bytes
from app.sync import login, run_sync
from app.workflow import CHINA_TIME, WorkflowStatus
from platform_server.seeding import import_bundle
from reports import render_record
from reports.notice_pdf import render_notice
from reports.pdf_text import extract_pdf_text
from reports.signing.cli import load_signing_key
from reports.signing.countersign import desk_countersign
from reports.signing.pki import init_demo_pki
from reports.signing.verify import verify_with_store
from tests.integration.documents.stored_cases import EVIDENCE, RULING_ANSWERS
from tests.integration.signatures.signing_setup import nss_database, pdfsig, pdfsig_blocks
from tests.integration.sync.conftest import FAST, PASSWORD, Platform, start_platform
from tests.support.bundles import write_zip
from tests.support.memory_keyring import MemoryKeyring
from tests.unit.documents.walks import rich_document
from tests.unit.workflow.cases import fill_step, propose, to_evidence

CASE = "DSP-2026-770001"
FAULTS = "error=0.1,lost_response=0.1,duplicate_page=0.3"
PKI_PASSPHRASE = "two workstations"


class Workstation:
    """One desk in its own data folder, signed in as one platform user."""

    def __init__(
        self, home: Path, platform: Platform, user: str, clock: FixedClock, pki: Path
    ) -> None:
        self.platform, self.user, self.clock = platform, user, clock
        self.credentials = KeyringCredentialStore(MemoryKeyring())
        self.desk = Desk.open(home, clock=clock, credentials=self.credentials)
        login(self.desk, platform.url, user, PASSWORD, self.credentials)
        # What `keys trust ca.pem --crl ca.crl` and `keys import USER.p12` do: the
        # organisation's CA trusted, this user's key installed, its passphrase kept in
        # this desk's keyring.
        signing_keys.add_trusted(home, (pki / "ca.pem").read_bytes(), ".pem")
        signing_keys.replace_crls(home, "demo", (pki / "ca.crl").read_bytes())
        signing_keys.install_signing_key(
            home, self.credentials, user, (pki / f"{user}.p12").read_bytes(), PKI_PASSPHRASE
        )

    def sync(self) -> None:
        """Sync until nothing waits in the outbox and the pull ends cleanly."""
        for _ in range(20):
            summary = run_sync(
                self.desk, self.platform.url, self.user, self.credentials, policy=FAST, timeout=10.0
            )
            with self.desk.unit_of_work(read_only=True) as uow:
                waiting = list_outbox(uow, states=("pending",))
                stuck = list_outbox(uow, states=("held", "failed"))
            assert not stuck, [(item.action_type, item.last_error) for item in stuck]
            if not waiting and not summary.failed:
                return
        raise AssertionError("the outbox never emptied")

    # the walk helpers (tests.unit.workflow.cases) drive any object with these
    @property
    def now(self) -> datetime:
        return self.clock.now()

    def status(self) -> WorkflowStatus:
        with self.desk.unit_of_work(read_only=True) as uow:
            return workflow_status(uow, CASE, "en")

    def do(self, action: str, answers: dict[str, str] | None = None) -> None:
        self.clock.advance(minutes=5)
        with self.desk.unit_of_work() as uow:
            workflow_do(uow, CASE, action, dict(answers or {}), f"user:{self.user}", "en")

    def fill(self, overrides: dict[str, str] | None = None) -> None:
        fill_step(self, overrides)

    def draft(self) -> str:
        with self.desk.unit_of_work() as uow:
            result = draft_document(uow, CASE, render_record, actor_id=f"user:{self.user}")
        assert result.created
        return result.document.document_id

    def sign_and_deliver(self, document_id: str) -> str:
        """``documents sign`` then ``documents submit``: the signed form's SHA-256."""
        key = load_signing_key(self.desk, self.user, None)
        with self.desk.unit_of_work() as uow:
            signed = sign_document(uow, CASE, document_id, key, actor_id=f"user:{self.user}")
        with self.desk.unit_of_work() as uow:
            delivery = deliver_signed_document(uow, CASE, document_id, actor_id=f"user:{self.user}")
        assert delivery.action_type == "submit_document" and delivery.sha256 == signed.sha256
        return signed.sha256

    def stored(self, case_id: str) -> tuple[int, bytes] | None:
        with self.desk.unit_of_work(read_only=True) as uow:
            case = uow.session.get(m.Case, case_id)
            if case is None or not case.in_queue:
                return None
            raw = snapshot_bytes(uow.session, case_id)
            assert raw is not None
            return case.version, raw

    def close(self) -> None:
        self.desk.close()


@pytest.fixture()
def platform(tmp_path: Path) -> Iterator[Platform]:
    server = start_platform(tmp_path / "platform", cases=10)
    try:
        document = rich_document(evidence=EVIDENCE).to_json_dict()
        document["case"]["id"] = CASE
        document["case"]["assigned_to"] = "mediator1"
        files = {}
        for item in document["evidence"]:
            data = f"{CASE} {item['id']} {item['kind']}".encode()
            item["size"], item["sha256"] = len(data), hashlib.sha256(data).hexdigest()
            files[item["id"]] = data
        bundle = write_zip(tmp_path / f"{CASE}.zip", document, files)
        import_bundle(server.platform.db, server.platform.store, bundle)
        yield Platform(server)
    finally:
        server.stop()


def _platform_case(platform: Platform, user: str) -> tuple[int, bytes]:
    answer = httpx.get(
        f"{platform.url}/api/v1/cases/{CASE}",
        timeout=60,
        headers={"Authorization": f"Bearer {platform.token(user)}"},
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["case"]["version"]), answer.content


def _despite_faults(call: Callable[[], httpx.Response]) -> httpx.Response:
    """The test's own call to the platform while its faults are on: asked again after an
    injected error or a lost answer (an action refused is not applied, so asking again is
    safe), as a client would."""
    for _ in range(40):
        try:
            answer = call()
        except (httpx.TransportError, KeyError, AssertionError):  # lost, or failed on the way
            continue
        if answer.status_code not in (429, 500, 503):
            return answer
    raise AssertionError("the platform never answered through its faults")


def _post_action(platform: Platform, user: str, body: dict[str, Any]) -> httpx.Response:
    version, _ = _platform_case(platform, user)
    return httpx.post(
        f"{platform.url}/api/v1/cases/{CASE}/actions",
        timeout=60,
        json=body,
        headers={
            "Authorization": f"Bearer {platform.token(user)}",
            "Idempotency-Key": str(uuid.uuid4()),
            "If-Match": f'"v{version}"',
        },
    )


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pki")
    init_demo_pki("示例调解中心", folder, PKI_PASSPHRASE.encode())
    return folder


def test_a_ruling_travels_between_two_desks_exactly_once_with_faults_on(
    platform: Platform, tmp_path: Path, pki: Path
) -> None:
    clock = FixedClock(datetime.now(CHINA_TIME))
    mediator = Workstation(tmp_path / "mediator", platform, "mediator1", clock, pki)
    supervisor = Workstation(tmp_path / "supervisor", platform, "supervisor1", clock, pki)
    platform.server.faults.configure(FAULTS, seed=15)
    try:
        mediator.sync()
        assert mediator.stored(CASE) is not None

        # The mediator works the case to a ruling, offline between syncs.
        to_evidence(mediator)
        propose(mediator)
        mediator.sync()  # the offer reaches the platform (and gets its id)
        mediator.do("record_response", {"party": "merchant", "decision": "accept"})
        mediator.do("record_response", {"party": "buyer", "decision": "reject", "text": "金额太少"})
        mediator.do("ruling_draft")
        mediator.do("answer", RULING_ANSWERS)
        first = mediator.draft()
        mediator.fill({"outcome": "partial"})
        mediator.do("submit_for_review")
        first_signed = mediator.sign_and_deliver(first)
        mediator.sync()

        # The supervisor sees it in the queue and returns it with comments.
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (item,) = [i for i in review_queue(uow) if i.case_id == CASE]
        assert item.document.sha256 == first_signed
        assert item.document.created_by == "user:mediator1"
        comments = "退款金额偏低：请说明为何不按实付金额的一半退款。"
        with supervisor.desk.unit_of_work() as uow:
            return_document(uow, CASE, item.document.document_id, comments)
        supervisor.sync()

        # The mediator's desk shows the comments; the workflow is back at drafting.
        mediator.sync()
        with mediator.desk.unit_of_work(read_only=True) as uow:
            returned = {d.document_id: d for d in platform_documents(uow, CASE)}
        assert returned[item.document.document_id].status == "returned"
        assert [r.comments for r in returned[item.document.document_id].reviews] == [comments]
        assert mediator.status().step_id == "ruling_draft"

        # Version 2: a bigger refund, drafted, signed, delivered.
        mediator.do("answer", {**RULING_ANSWERS, "remedy_amount": "650.00"})
        second = mediator.draft()
        assert second != first
        with mediator.desk.unit_of_work(read_only=True) as uow:
            changes = {c.field: c for c in document_diff(uow, CASE, second).changes}
        assert changes["remedies[1].amount"].after == {"value": 65000, "currency": "CNY"}
        mediator.fill({"outcome": "partial"})
        mediator.do("submit_for_review")
        second_signed = mediator.sign_and_deliver(second)
        mediator.sync()

        # Four eyes and roles: the mediator can neither approve nor countersign their own
        # ruling — refused on the desk, and by the platform whatever a desk lets through.
        with mediator.desk.unit_of_work() as uow, pytest.raises(PermissionDenied):
            approve_document(uow, CASE, "D2", "")
        with mediator.desk.unit_of_work() as uow, pytest.raises(PermissionDenied):
            countersign_document(
                uow,
                CASE,
                second,
                load_signing_key(mediator.desk, "mediator1", None),
                actor_id="user:mediator1",
            )
        own = _despite_faults(
            lambda: _post_action(
                platform,
                "mediator1",
                {
                    "type": "review_document",
                    "document_id": "D2",
                    "verdict": "approve",
                    "comments": "",
                },
            )
        )
        assert own.status_code == 403, own.text

        # The supervisor approves version 2: countersigned on their desk, delivered.
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (item2,) = [i for i in review_queue(uow) if i.case_id == CASE]
        assert item2.document.document_id != item.document.document_id
        assert item2.document.sha256 == second_signed
        assert item2.returned_before == 1
        with supervisor.desk.unit_of_work() as uow:
            approval = approve_document(
                uow, CASE, item2.document.document_id, "同意", desk_countersign(supervisor.desk)
            )
        countersigned = approval.sha256
        assert countersigned != second_signed
        supervisor.sync()

        # The notice: drafted (and gated) on the mediator's desk, which holds the ruling's
        # record; submitted through the outbox; the supervisor approves it unsigned and
        # publishes it after gating the platform's copy on their own desk.
        mediator.sync()
        with mediator.desk.unit_of_work() as uow:
            drafted = draft_notice(
                uow, CASE, render_notice, extract_pdf_text, actor_id="user:mediator1"
            )
        assert drafted.findings == ()
        with mediator.desk.unit_of_work() as uow, pytest.raises(PermissionDenied):
            publish_notice(uow, CASE, extract_pdf_text, actor_id="user:mediator1")
        with mediator.desk.unit_of_work() as uow:
            submit_notice(uow, CASE, actor_id="user:mediator1")
        mediator.sync()
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (notice,) = [i for i in review_queue(uow) if i.case_id == CASE]
        assert notice.document.kind == "notice"
        assert notice.document.sha256 == drafted.notice.sha256
        with supervisor.desk.unit_of_work() as uow:
            approve_document(
                uow, CASE, notice.document.document_id, "", desk_countersign(supervisor.desk)
            )
        with supervisor.desk.unit_of_work() as uow:
            publish_reviewed_notice(
                uow,
                CASE,
                notice.document.document_id,
                extract_pdf_text,
                actor_id="user:supervisor1",
            )
        supervisor.sync()

        # A party appeals within the window; the countersigned ruling — still the
        # mediator's document — is back in review, and confirmed as it is.
        answer = httpx.post(
            f"{platform.url}/admin/cases/{CASE}/appeal",
            timeout=60,
            json={"party": "P2", "text": "商家不服：买家已使用商品。"},
            headers={"X-Admin-Token": platform.server.admin_token},
        )
        assert answer.status_code == 200, answer.text
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (appealed,) = [i for i in review_queue(uow) if i.case_id == CASE]
        assert appealed.appeal is not None and "已使用" in (appealed.appeal.text or "")
        assert appealed.document.sha256 == countersigned
        assert appealed.document.created_by == "user:mediator1"
        with supervisor.desk.unit_of_work() as uow:
            confirmed = approve_document(
                uow,
                CASE,
                appealed.document.document_id,
                "维持原裁决",
                desk_countersign(supervisor.desk),
            )
        assert confirmed.sha256 == countersigned and "sha256" not in confirmed.outbox.body
        supervisor.sync()
        mediator.sync()
        injected = platform.server.faults.state()["injected"]
    finally:
        platform.server.faults.configure("off")
    # The faults really happened, each kind (configure restarts the counts).
    assert all(injected.get(kind, 0) > 0 for kind in ("error", "lost_response", "duplicate_page"))
    try:
        supervisor.sync()
        mediator.sync()
        version, raw = _platform_case(platform, "mediator1")
        document: dict[str, Any] = json.loads(raw)
        events = Counter(entry["event"] for entry in document["history"])
        # Every action arrived exactly once.
        assert events["offer.proposed"] == 1
        assert events["offer.response_recorded"] == 2
        assert events["document.submitted"] == 3  # two rulings and the notice
        assert events["document.returned"] == 1
        assert events["document.approved"] == 3  # the ruling, the notice, the confirmation
        assert events["case.appealed"] == 1
        assert events["notice.published"] == 1
        assert events["decision.upheld_on_appeal"] == 1
        assert document["case"]["status"] == "resolved"
        # The documents: each version once, the countersigned copy the mediator's.
        assert [(d["sha256"], d["status"], d["created_by"]) for d in document["documents"]] == [
            (first_signed, "superseded", "user:mediator1"),
            (second_signed, "superseded", "user:mediator1"),
            (countersigned, "approved", "user:mediator1"),
            (drafted.notice.sha256, "published", "user:mediator1"),
        ]
        # The decision is what the countersigned ruling says (delivered with it).
        decision = document["decision"]
        assert decision["document_sha256"] == countersigned
        assert decision["outcome"] == "partial"
        assert [r["amount"]["value"] for r in decision["remedies"] if "amount" in r] == [65000]
        assert decision["sanctions"] == ["warning"]
        # Both desks end equal to the platform: the mediator holds its exact version; the
        # supervisor holds it too while the platform shows it the case, else not at all.
        stored = mediator.stored(CASE)
        assert stored is not None and stored[0] == version
        assert json.loads(stored[1]) == document
        if CASE in platform.feed("supervisor1"):
            held = supervisor.stored(CASE)
            assert held is not None and held[0] == version
            assert json.loads(held[1]) == document
        else:
            assert supervisor.stored(CASE) is None
        for desk in (mediator, supervisor):
            with desk.desk.unit_of_work(read_only=True) as uow:
                states = set(
                    uow.session.execute(
                        select(m.OutboxEntry.state).where(m.OutboxEntry.case_id == CASE)
                    ).scalars()
                )
            assert states <= {"sent"}

        # Both signatures on the platform's final PDF verify: with the desk's verifier
        # (presented as final) and with poppler's pdfsig trusting the organisation's CA.
        served = httpx.get(
            f"{platform.url}/api/v1/documents/{countersigned}",
            timeout=60,
            headers={"Authorization": f"Bearer {platform.token('mediator1')}"},
        )
        assert served.status_code == 200
        assert hashlib.sha256(served.content).hexdigest() == countersigned
        with mediator.desk.unit_of_work(read_only=True) as uow:
            verdict = verify_with_store(uow, mediator.desk.paths.home, served.content, final=True)
        assert verdict.problem is None, verdict.problem
        assert [(c.role, c.signer_username) for c in verdict.signatures] == [
            ("mediator", "mediator1"),
            ("supervisor", "supervisor1"),
        ]
        assert all(c.intact and c.valid and c.trusted for c in verdict.signatures)
        final_pdf = tmp_path / "final.pdf"
        final_pdf.write_bytes(served.content)
        blocks = pdfsig_blocks(pdfsig(final_pdf, nss_database(tmp_path / "nss", pki / "ca.pem")))
        assert len(blocks) == 2
        for block in blocks.values():
            assert "Signature is Valid." in block and "Certificate is Trusted." in block
    finally:
        mediator.close()
        supervisor.close()


def test_an_appeal_that_overturns_the_ruling_sends_it_back_for_a_new_signed_version(
    platform: Platform, tmp_path: Path, pki: Path
) -> None:
    """The other way an appeal ends: the supervisor returns the countersigned ruling; the
    mediator's desk is back at drafting, and the next version — signed and countersigned
    anew — makes the new decision (``decision.changed_on_appeal``). Faults off: the
    exactly-once guarantees are the test above's."""
    clock = FixedClock(datetime.now(CHINA_TIME))
    mediator = Workstation(tmp_path / "mediator", platform, "mediator1", clock, pki)
    supervisor = Workstation(tmp_path / "supervisor", platform, "supervisor1", clock, pki)
    try:
        mediator.sync()
        to_evidence(mediator)
        propose(mediator)
        mediator.sync()
        mediator.do("record_response", {"party": "merchant", "decision": "accept"})
        mediator.do("record_response", {"party": "buyer", "decision": "reject", "text": "金额太少"})
        mediator.do("ruling_draft")
        mediator.do("answer", RULING_ANSWERS)
        first = mediator.draft()
        mediator.fill({"outcome": "partial"})
        mediator.do("submit_for_review")
        mediator.sign_and_deliver(first)
        mediator.sync()
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (item,) = [i for i in review_queue(uow) if i.case_id == CASE]
        with supervisor.desk.unit_of_work() as uow:
            first_approval = approve_document(
                uow, CASE, item.document.document_id, "同意", desk_countersign(supervisor.desk)
            )
        supervisor.sync()
        before = json.loads(_platform_case(platform, "mediator1")[1])["decision"]

        answer = httpx.post(
            f"{platform.url}/admin/cases/{CASE}/appeal",
            timeout=60,
            json={"party": "P1", "text": "买家不服：商品存在质量问题，应全额退款。"},
            headers={"X-Admin-Token": platform.server.admin_token},
        )
        assert answer.status_code == 200, answer.text
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (appealed,) = [i for i in review_queue(uow) if i.case_id == CASE]
        assert appealed.document.sha256 == first_approval.sha256
        comments = "申诉有理：请重新认定质量问题并调整裁决。"
        with supervisor.desk.unit_of_work() as uow:
            return_document(uow, CASE, appealed.document.document_id, comments)
        supervisor.sync()

        # The mediator's desk: the comments, and the workflow back at drafting.
        mediator.sync()
        with mediator.desk.unit_of_work(read_only=True) as uow:
            shown = {d.document_id: d for d in platform_documents(uow, CASE)}
        assert shown[appealed.document.document_id].status == "returned"
        assert comments in [r.comments for r in shown[appealed.document.document_id].reviews]
        assert mediator.status().step_id == "ruling_draft"

        mediator.do("answer", {**RULING_ANSWERS, "remedy_amount": "980.00"})
        second = mediator.draft()
        mediator.fill({"outcome": "partial"})
        mediator.do("submit_for_review")
        second_signed = mediator.sign_and_deliver(second)
        mediator.sync()
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (again,) = [i for i in review_queue(uow) if i.case_id == CASE]
        assert again.document.sha256 == second_signed
        with supervisor.desk.unit_of_work() as uow:
            second_approval = approve_document(
                uow, CASE, again.document.document_id, "改判", desk_countersign(supervisor.desk)
            )
        supervisor.sync()
        mediator.sync()

        document = json.loads(_platform_case(platform, "mediator1")[1])
        decision = document["decision"]
        assert decision["id"] != before["id"]
        assert decision["document_sha256"] == second_approval.sha256
        assert [r["amount"]["value"] for r in decision["remedies"] if "amount" in r] == [98000]
        events = [e["event"] for e in document["history"]]
        assert events.count("case.appealed") == 1
        # The outcome stayed "partial" (the amount changed): upheld, by the platform's rule.
        assert events[-1] == "decision.upheld_on_appeal"
        assert document["case"]["status"] == "resolved"
        statuses = {d["sha256"]: (d["status"], d["created_by"]) for d in document["documents"]}
        assert statuses[first_approval.sha256] == ("superseded", "user:mediator1")
        assert statuses[second_approval.sha256] == ("approved", "user:mediator1")
        with mediator.desk.unit_of_work(read_only=True) as uow:
            with uow.evidence.open(second_approval.sha256) as source:
                final = source.read()
            verdict = verify_with_store(uow, mediator.desk.paths.home, final, final=True)
        assert verdict.problem is None, verdict.problem
        assert [c.role for c in verdict.signatures] == ["mediator", "supervisor"]
    finally:
        mediator.close()
        supervisor.close()
