"""``mediation-desk notice draft|publish`` on a real store: JSON out, messages in the
user's language, exit codes by kind, and no removed value ever printed."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli.main import main
from app.clock import FixedClock
from app.desk import Desk
from app.store import models as m
from tests.integration.notices.stored_notices import CASE, LEAKY_FINDINGS, ruling_case, settled_case
from tests.unit.documents.walks import START

SECRETS = ("13800138000", "张三", "110101", "景山前街", "TB20260225883104", "ZT7881234567890")


def _run(home: Path, *args: str, capsys) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--home", str(home), *args])
    out, err = capsys.readouterr()
    for value in SECRETS:
        assert value not in out and value not in err, value
    return code, out, err


def _desk(tmp_path: Path, monkeypatch, build, username: str | None) -> Path:  # type: ignore[no-untyped-def]
    clock = FixedClock(START)
    monkeypatch.setattr("app.desk.SystemClock", lambda: clock)
    home = tmp_path / "home"
    desk = Desk.open(home, clock=clock)
    try:
        build(desk, clock, tmp_path)
        if username:
            with desk.unit_of_work() as uow:
                uow.session.add(m.SyncState(platform_url="https://p.test", username=username))
                uow.commit()
    finally:
        desk.close()
    return home


def test_draft_then_publish_as_a_supervisor(tmp_path, monkeypatch, capsys) -> None:
    home = _desk(
        tmp_path, monkeypatch, lambda d, c, t: ruling_case(d, c, t, LEAKY_FINDINGS), "wang.qiang"
    )
    code, out, err = _run(home, "notice", "draft", CASE, "--json", capsys=capsys)
    assert code == 0, err
    drafted = json.loads(out)
    assert (drafted["notice_id"], drafted["created"], drafted["gate"]) == ("N2", True, [])
    assert drafted["redactions"] >= 5 and drafted["source_document_id"] == "R1"
    code, out, err = _run(home, "--lang", "en", "notice", "draft", CASE, capsys=capsys)
    assert code == 0 and "Nothing changed: N2" in out and "no personal data" in out
    code, out, err = _run(home, "notice", "publish", CASE, "--json", capsys=capsys)
    assert code == 0, err
    published = json.loads(out)
    assert published["queued"] and published["state"] == "publish_queued"
    assert published["sha256"] == drafted["sha256"]


def test_a_mediator_is_refused_publication_in_their_language(tmp_path, monkeypatch, capsys) -> None:
    home = _desk(tmp_path, monkeypatch, ruling_case, "li.na")
    code, _out, err = _run(home, "--lang", "zh-Hans", "notice", "publish", CASE, capsys=capsys)
    assert code == 5 and "只有主管可以发布公示" in err


def test_a_settled_case_needs_an_override_reason(tmp_path, monkeypatch, capsys) -> None:
    home = _desk(tmp_path, monkeypatch, settled_case, "wang.qiang")
    code, out, err = _run(home, "--lang", "en", "notice", "publish", CASE, capsys=capsys)
    assert code == 2 and "settled by mediation" in err and "--override-reason" in err
    code, out, err = _run(
        home,
        "notice",
        "publish",
        CASE,
        "--override-reason",
        "典型案例，经主管批准公示",
        "--json",
        capsys=capsys,
    )
    assert code == 0, err
    assert json.loads(out)["settled_override"] is True
