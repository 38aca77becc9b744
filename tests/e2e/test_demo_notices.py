"""For any decided demo case, a supervisor previews exactly what will be published,
publishes it, and the published PDF holds no personal datum of anyone in the case.

The platform is built as ``mediation-desk demo --as supervisor`` builds it (the demo's
case count and seed, rulings moved through review). The demo supervisor signs in on a
desk of their own and syncs; then, for every decided case the platform holds — a
ruling or a dismissal, and (with a supervisor's written exception) a settlement still
being carried out; not a case whose decision is under appeal — the desk previews the
notice, drafts and publishes it with the commands a supervisor types, and the next sync
sends it through the outbox. The platform's copy of each PDF is read back with poppler's
``pdftotext`` (not the gate's extractor) and checked against every personal datum read
from the platform's own case document (:mod:`tests.support.personal_data`)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.cli.main import main
from app.desk import Desk
from app.notices.records import notice_from_json, notice_to_json
from app.notices.service import notice_preview
from app.security.credentials import KeyringCredentialStore
from app.store import models as m
from app.sync import login
from platform_server import cases as platform_cases
from platform_server.config import PlatformConfig
from platform_server.db import CaseRow
from platform_server.server import RunningServer, start_in_thread
from tests.support.personal_data import leaks, personal_literals
from ui.demo import DEMO_USERS

pytestmark = pytest.mark.slow

PASSWORD = "demo supervisor's password"
SUPERVISOR = DEMO_USERS["supervisor"]
# What `mediation-desk demo` starts with (its --cases and --seed defaults).
DEMO_CASES, DEMO_SEED = 200, 1
OVERRIDE = "A settlement of public interest: the supervisor publishes it as an exception."


@pytest.fixture(scope="module")
def demo_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    server = start_in_thread(
        PlatformConfig(
            data_dir=tmp_path_factory.mktemp("platform"),
            port=0,
            cases=DEMO_CASES,
            seed=DEMO_SEED,
            demo_password=PASSWORD,
            party_delay=3600.0,
            review_stages=True,
        )
    )
    try:
        yield server
    finally:
        server.stop()


def _decided(server: RunningServer) -> dict[str, dict[str, Any]]:
    """Every case of the platform with a decision that is not under appeal, as stored."""
    with server.platform.db.read() as session:
        rows = session.query(CaseRow).order_by(CaseRow.id).all()
        documents = [platform_cases.load(row) for row in rows]
    return {
        document["case"]["id"]: document
        for document in documents
        if document.get("decision") and document["case"]["status"] in ("resolved", "closed")
    }


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip().startswith("{") else out), err


def _published(server: RunningServer, case_id: str) -> list[dict[str, Any]]:
    with server.platform.db.read() as session:
        row = session.get(CaseRow, case_id)
        assert row is not None
        document = platform_cases.load(row)
    return [d for d in document.get("documents") or [] if d["kind"] == "notice"]


def test_every_decided_demo_case_is_published_by_the_supervisor_without_a_personal_datum(
    demo_platform: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = demo_platform
    decided = _decided(server)
    # Settled and closed: not published (art. 4), and out of the supervisors' view.
    wanted = {
        case_id: document
        for case_id, document in decided.items()
        if platform_cases.notice_due(document)
    }
    kinds = sorted(document["decision"]["kind"] for document in wanted.values())
    assert "ruling" in kinds and "settlement" in kinds, kinds
    published_already = {
        case_id
        for case_id, document in decided.items()
        if any(d["kind"] == "notice" and d["status"] == "published" for d in document["documents"])
    }
    assert published_already, "the supervisor's demo holds a case whose notice is published"
    # Every ruling and dismissal on the platform is either published already or due.
    for case_id, document in decided.items():
        if document["decision"]["kind"] in ("ruling", "dismissal"):
            assert case_id in wanted or case_id in published_already, case_id

    home = tmp_path / "supervisor"
    desk = Desk.open(home)
    try:
        login(desk, server.base_url, SUPERVISOR, PASSWORD, KeyringCredentialStore())
    finally:
        desk.close()
    code, out, err = _cli(capsys, "--home", str(home), "sync")
    assert code == 0, (out, err)

    sent: dict[str, str] = {}
    previews: dict[str, Any] = {}
    desk = Desk.open(home)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            on_desk = {case_id for case_id in wanted if uow.session.get(m.Case, case_id)}
        assert on_desk == set(wanted), "every decided case reached the supervisor's desk"
        for case_id, document in sorted(wanted.items()):
            settled = document["decision"]["kind"] == "settlement"
            with desk.unit_of_work(read_only=True) as uow:
                preview = notice_preview(uow, case_id)
            assert preview.settled == settled
            previews[case_id] = preview.record
            extra = ("--override-reason", OVERRIDE) if settled else ()
            code, drafted, err = _cli(
                capsys, "--home", str(home), "notice", "draft", case_id, *extra, "--json"
            )
            assert (code, drafted["gate"]) == (0, []), (case_id, err)
            with desk.unit_of_work(read_only=True) as uow:
                row = (
                    uow.session.query(m.DecisionDocument)
                    .filter_by(case_id=case_id, document_id=drafted["notice_id"])
                    .one()
                )
                stored = notice_from_json(row.record)
            # What was previewed is what the notice says (only its number and version differ).
            same = {"notice_id", "version", "supersedes"}
            previewed = {k: v for k, v in notice_to_json(preview.record).items() if k not in same}
            assert previewed == {k: v for k, v in notice_to_json(stored).items() if k not in same}
            code, queued, err = _cli(
                capsys, "--home", str(home), "notice", "publish", case_id, *extra, "--json"
            )
            assert (code, queued["queued"]) == (0, True), (case_id, err)
            sent[case_id] = queued["sha256"]
    finally:
        desk.close()

    code, out, err = _cli(capsys, "--home", str(home), "sync", "--json")
    assert code == 0, (out, err)
    assert out["actions_pushed"] == len(sent) and out["cases_removed"] >= len(sent), out

    token = httpx.post(
        f"{server.base_url}/api/v1/session", json={"username": SUPERVISOR, "password": PASSWORD}
    ).json()["token"]
    checked = 0
    for case_id, sha in sorted(sent.items()):
        notices = _published(server, case_id)
        assert [(d["sha256"], d["status"]) for d in notices][-1:] == [(sha, "published")]
        data = httpx.get(
            f"{server.base_url}/api/v1/documents/{sha}",
            headers={"Authorization": f"Bearer {token}"},
        ).content
        assert hashlib.sha256(data).hexdigest() == sha
        path = tmp_path / f"{case_id}.pdf"
        path.write_bytes(data)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = "".join(text.split())
        assert case_id in flat
        # What the preview showed is what the PDF prints: the buyer's pseudonym, the goods.
        shown = previews[case_id]
        assert "".join(shown.buyer.split()) in flat and "".join(shown.goods.split()) in flat
        literals = personal_literals(wanted[case_id])
        assert leaks(json.dumps(wanted[case_id]["parties"], ensure_ascii=False), literals)
        assert leaks(text, literals) == [], case_id
        checked += 1
    assert checked == len(wanted)
    # Published: every one left the supervisor's view, and no supervisor is offered it again.
    feed = httpx.get(
        f"{server.base_url}/api/v1/changes",
        params={"limit": 500},
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert all(change["deleted"] for change in feed["changes"] if change["case_id"] in sent), (
        "published cases leave the supervisor's feed"
    )
