"""``mediation-desk anonymize CASE_ID``: the mediator's preview of a notice carries no
original value of any known datum, in JSON or as text, in every language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.anonymize import known_data
from app.cli.main import main
from app.contract.case_document import parse_case_document
from tests.support.bundles import read_example, write_zip
from tests.unit.anonymize.corpus import document_dict, left_in


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


def _spilled_case(tmp_path: Path) -> tuple[Path, list[str]]:
    """The corpus case with every known datum written into its free texts."""
    document = document_dict()
    data = known_data(parse_case_document(json.dumps(document, ensure_ascii=False)))
    values = [variant for datum in data for variant in datum.variants]
    spilled = "；".join(values)
    document["case"]["description"] = "买家称：" + spilled
    document["messages"][0]["text"] = spilled
    document["messages"][1]["text"] = "商家：" + " ".join(values[:10])
    document["case"]["claim"]["text"] = "请联系" + values[0]
    _, files = read_example()
    return write_zip(tmp_path / "spilled.zip", document, files), values


def test_the_json_preview_carries_no_known_datum_anywhere(
    home: Path, tmp_path: Path, capsys
) -> None:
    bundle, values = _spilled_case(tmp_path)
    code, _, err = run(capsys, "cases", "import", str(bundle))
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "anonymize", "DSP-2026-004711", "--json")
    assert (code, err) == (0, "")
    preview = json.loads(out)
    assert set(preview) >= {"case_id", "text", "redactions"}
    assert preview["case_id"] == "DSP-2026-004711"
    assert {"case.description", "messages[0].text", "case.claim.text"} <= set(preview["text"])
    assert [value for value in values if left_in(out, value)] == []
    kinds = {r["kind"] for r in preview["redactions"]}
    assert {"person_name", "phone", "email", "resident_id", "address", "order_number"} <= kinds
    for redaction in preview["redactions"]:
        assert set(redaction) >= {"field", "kind", "rule", "replacement"}
        start, end = redaction["at"]
        assert preview["text"][redaction["field"]][start:end] == redaction["replacement"]


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "what a public notice may carry"),
        ("zh-Hans", "公示可包含的内容"),
        ("zh-Hant", "公示可包含的內容"),
    ],
)
def test_the_text_preview_is_in_the_users_language_and_carries_no_known_datum(
    home: Path, tmp_path: Path, capsys, language: str, heading: str
) -> None:
    bundle, values = _spilled_case(tmp_path)
    run(capsys, "cases", "import", str(bundle))
    code, out, err = run(capsys, "--lang", language, "anonymize", "DSP-2026-004711")
    assert (code, err) == (0, "")
    assert heading in out.splitlines()[0]
    assert [value for value in values if left_in(out, value)] == []


def test_an_unknown_case_is_a_clear_error(home: Path, capsys) -> None:
    code, out, err = run(capsys, "anonymize", "DSP-0000-000000")
    assert code == 3 and out == ""
    assert err == "No case DSP-0000-000000 in the local store.\n"
