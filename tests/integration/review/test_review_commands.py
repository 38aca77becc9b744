"""``mediation-desk review …`` against the reference platform: the queue as JSON and as
text in the user's language, return with comments, what the mediator then reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.desk import Desk
from app.security.credentials import KeyringCredentialStore
from app.sync import login
from tests.integration.sync.conftest import PASSWORD, Platform


def _home(tmp_path: Path, platform: Platform, name: str, user: str) -> str:
    home = tmp_path / name
    desk = Desk.open(home)
    try:
        login(desk, platform.url, user, PASSWORD, KeyringCredentialStore())
    finally:
        desk.close()
    assert main(["--home", str(home), "sync"]) == 0
    return str(home)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_queue_return_and_the_mediator_reads_the_comments(
    tmp_path: Path, platform: Platform, capsys: pytest.CaptureFixture[str]
) -> None:
    supervisor = _home(tmp_path, platform, "supervisor", "supervisor1")
    capsys.readouterr()
    code, out, err = _run(capsys, "--home", supervisor, "review", "queue", "--json")
    assert (code, err) == (0, "")
    queue = json.loads(out)["queue"]
    assert queue, "the demo platform holds rulings awaiting review"
    assert [item["submitted_at"] for item in queue] == sorted(i["submitted_at"] for i in queue)
    first = queue[0]
    assert isinstance(first["working_days_left"], int) and first["kind"] == "ruling"

    code, out, _ = _run(capsys, "--home", supervisor, "--lang", "zh-Hans", "review", "queue")
    assert code == 0 and first["case_id"] in out and "工作日" in out

    case_id, document_id = first["case_id"], first["document_id"]
    code, _, err = _run(
        capsys,
        "--home",
        supervisor,
        "--lang",
        "en",
        "review",
        "return",
        case_id,
        document_id,
        "--comments",
        "",
    )
    assert code == 2 and "--comments" in err
    comments = "Add the courier's proof of delivery to the findings."
    code, out, _ = _run(
        capsys,
        "--home",
        supervisor,
        "review",
        "return",
        case_id,
        document_id,
        "--comments",
        comments,
        "--json",
    )
    assert code == 0 and json.loads(out)["created"] is True
    code, out, _ = _run(
        capsys,
        "--home",
        supervisor,
        "review",
        "return",
        case_id,
        document_id,
        "--comments",
        comments,
        "--json",
    )
    assert code == 0 and json.loads(out)["created"] is False  # the same return, once
    assert main(["--home", supervisor, "sync"]) == 0

    mediator_user = first["created_by"].removeprefix("user:")
    mediator = _home(tmp_path, platform, "mediator", mediator_user)
    capsys.readouterr()
    code, out, _ = _run(capsys, "--home", mediator, "review", "show", case_id, "--json")
    assert code == 0
    (returned,) = [d for d in json.loads(out)["documents"] if d["document_id"] == document_id]
    assert returned["status"] == "returned"
    assert [r["comments"] for r in returned["reviews"]] == [comments]
    code, out, _ = _run(capsys, "--home", mediator, "--lang", "zh-Hant", "review", "show", case_id)
    assert comments in out and "退回" in out

    # A mediator's desk refuses to approve, naming the rule, with exit code 5.
    code, _, err = _run(
        capsys, "--home", mediator, "--lang", "en", "review", "approve", case_id, document_id
    )
    assert code == 5 and "Only a supervisor" in err


def test_diff_and_similar_on_the_drafters_desk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.clock import FixedClock
    from app.documents import draft_document
    from reports import render_record
    from tests.integration.documents.stored_cases import (
        MEDIATOR,
        RULING_ANSWERS,
        import_case,
        walk_to_ruling_draft,
    )
    from tests.unit.documents.walks import START

    case_id = "DSP-2026-004711"
    clock = FixedClock(START)
    desk = Desk.open(tmp_path / "home", clock=clock)
    try:
        import_case(desk, tmp_path, case_id)
        walk = walk_to_ruling_draft(desk, clock, case_id)
        with desk.unit_of_work() as uow:
            draft_document(uow, case_id, render_record, actor_id=MEDIATOR)
        walk.do(
            "answer",
            {
                **RULING_ANSWERS,
                "reasoning": RULING_ANSWERS["reasoning"]
                + "商家未能证明商品完好，应承担举证不能的后果。",
            },
        )
        with desk.unit_of_work() as uow:
            draft_document(uow, case_id, render_record, actor_id=MEDIATOR)
    finally:
        desk.close()
    home = str(tmp_path / "home")
    code, out, err = _run(capsys, "--home", home, "review", "diff", case_id, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["before"]["document_id"], data["after"]["document_id"]) == ("R1", "R2")
    (change,) = data["changes"]
    assert change["field"] == "reasoning"
    assert change["sentences"] == [
        {"change": "+", "text": "商家未能证明商品完好，应承担举证不能的后果。"}
    ]
    code, out, _ = _run(
        capsys, "--home", home, "--lang", "zh-Hans", "review", "diff", case_id, "R1"
    )
    assert code == 0 and "第一版" in out
    code, out, _ = _run(capsys, "--home", home, "review", "similar", case_id, "--json")
    assert code == 0
    similar = json.loads(out)
    assert similar["draft"] == {
        "document_id": "R2",
        "outcome": "partial",
        "amount": 50000,
        "currency": "CNY",
    }
    assert similar["similar"] == [] and similar["flagged"] is False
    code, _, err = _run(capsys, "--home", home, "--lang", "en", "review", "diff", case_id, "R9")
    assert code == 3 and "R9" in err
