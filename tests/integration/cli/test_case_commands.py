"""The command line: one JSON document with --json, one-line errors on stderr, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from tests.support.bundles import LOST_PARCEL, WOOL_COAT, bundle_variant


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("MEDIATION_DESK_HOME", str(folder))
    monkeypatch.delenv("MEDIATION_DESK_DB_URL", raising=False)
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_list_show_export_with_json(home: Path, tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "cases", "import", str(WOOL_COAT), str(LOST_PARCEL), "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert [r["outcome"] for r in report["results"]] == ["added", "added"]

    code, out, _ = run(capsys, "cases", "list", "--search", "羊毛", "--json")
    assert code == 0
    assert [case["id"] for case in json.loads(out)["cases"]] == ["DSP-2026-004711"]

    code, out, _ = run(capsys, "cases", "list", "--category", "logistics", "--json")
    assert [case["id"] for case in json.loads(out)["cases"]] == ["DSP-2026-009102"]

    code, out, _ = run(capsys, "cases", "show", "DSP-2026-004711", "--check-files", "--json")
    shown = json.loads(out)
    assert shown["summary"]["title"] == "宣传100%纯羊毛，实际为混纺"
    assert {item["integrity"] for item in shown["evidence"]} == {"verified"}
    assert [entry["kind"] for entry in shown["timeline"]][:3] == [
        "shipment",
        "shipment",
        "shipment",
    ]

    out_zip = tmp_path / "out.zip"
    code, out, _ = run(
        capsys, "cases", "export", "DSP-2026-004711", "--out", str(out_zip), "--json"
    )
    assert code == 0 and json.loads(out)["bundle"] == str(out_zip.resolve())

    code, out, _ = run(capsys, "cases", "list")
    assert "DSP-2026-004711" in out and "OVERDUE" in out


def test_a_failed_import_exits_non_zero_with_one_line_per_bad_bundle(
    home: Path, tmp_path: Path, capsys
) -> None:
    bad = bundle_variant(tmp_path, "bad.zip", lambda d, f: d["case"].update(status="pending"))
    code, out, err = run(capsys, "cases", "import", str(bad), str(LOST_PARCEL))
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("bad.zip: case.json: case.status:")
    assert "DSP-2026-009102" in out


def test_unknown_case_is_a_clear_error(home: Path, capsys) -> None:
    code, out, err = run(capsys, "cases", "show", "DSP-0000-000000")
    assert code == 3 and out == ""
    assert err == "No case DSP-0000-000000 in the local store.\n"


def test_verify_commands_report_tampering_with_exit_codes(home: Path, capsys) -> None:
    run(capsys, "cases", "import", str(WOOL_COAT))
    assert run(capsys, "evidence", "verify")[0] == 0
    assert run(capsys, "audit", "verify")[0] == 0

    objects = sorted((home / "evidence" / "objects").rglob("*"))
    victim = next(path for path in objects if path.is_file())
    victim.write_bytes(b"tampered")
    code, out, err = run(capsys, "evidence", "verify", "--json")
    assert code == 6
    report = json.loads(out)
    assert report["ok"] is False
    assert [p["state"] for p in report["cases"]["DSP-2026-004711"]] == ["altered"]

    import sqlite3

    with sqlite3.connect(home / "desk.sqlite3") as connection:
        connection.execute("UPDATE audit_events SET action = 'case.deleted' WHERE seq = 1")
    code, out, err = run(capsys, "audit", "verify")
    assert code == 6
    assert "broken at event 1" in err


def test_terminal_output_escapes_control_and_bidi_characters(
    home: Path, tmp_path: Path, capsys
) -> None:
    hostile = bundle_variant(
        tmp_path, "hostile.zip", lambda d, f: d["case"].update(title="退款\x1b[2J\u202eevil")
    )
    run(capsys, "cases", "import", str(hostile))
    _code, out, _ = run(capsys, "cases", "list")
    assert "\x1b" not in out and "\u202e" not in out
    assert "退款\\x1b[2J\\u202eevil" in out


def test_the_installed_command_runs_and_upgrades_the_database(home: Path) -> None:
    command = Path(sys.executable).with_name("mediation-desk")
    result = subprocess.run(
        [str(command), "db", "upgrade", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "MEDIATION_DESK_HOME": str(home)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["revision"] is not None


def test_a_bug_is_logged_with_its_traceback_and_the_user_gets_a_short_apology(
    home: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("app.cli.case_commands.fetch_page", broken)
    code, _out, err = run(capsys, "cases", "list", "--search", "张伟 13812345678")
    assert code == 70
    assert err.startswith("Sorry, something went wrong")
    assert "ZeroDivisionError" not in err
    logs = list((home / "logs").glob("error-*.log"))
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in text
    assert "13812345678" not in text  # argument values (personal data) stay out of logs
