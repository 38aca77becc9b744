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
