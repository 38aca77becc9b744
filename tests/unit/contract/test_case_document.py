"""The case document models read and write exactly the JSON schema (app/contract/case-document.schema.json)."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from app.contract.case_document import (
    CaseDocumentError,
    document_to_json_bytes,
    parse_case_document,
)
from tests.conftest import SCHEMA
from tests.support.bundles import LOST_PARCEL, WOOL_COAT, read_example


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture()
def coat() -> dict[str, Any]:
    return read_example(WOOL_COAT)[0]


@pytest.mark.parametrize("bundle", [WOOL_COAT, LOST_PARCEL], ids=lambda p: p.stem)
def test_examples_load_and_write_back_unchanged_and_valid(bundle, validator) -> None:
    document, _ = read_example(bundle)
    model = parse_case_document(json.dumps(document))
    written = model.to_json_dict()
    validator.validate(written)
    assert written == document


def test_written_bytes_parse_back_to_the_same_model(coat) -> None:
    model = parse_case_document(json.dumps(coat))
    assert parse_case_document(document_to_json_bytes(model)) == model


def _problems(document: dict[str, Any] | str | bytes) -> list[str]:
    data = document if isinstance(document, str | bytes) else json.dumps(document)
    with pytest.raises(CaseDocumentError) as caught:
        parse_case_document(data)
    return [problem.text("en") for problem in caught.value.problems]


def _changed(coat: dict[str, Any], change) -> dict[str, Any]:
    document = copy.deepcopy(coat)
    change(document)
    return document


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(surprise=1), "surprise: unknown field"),
        (lambda d: d["case"].update(mood="angry"), "case.mood: unknown field"),
        (
            lambda d: d["case"].update(status="pending"),
            "case.status: must be one of: open, awaiting_buyer",
        ),
        (
            lambda d: d["evidence"][0].update(kind="selfie"),
            "evidence[0].kind: must be one of: photo, video",
        ),
        (
            lambda d: d["case"].update(due_at="2026-10-16T18:00:00"),
            "case.due_at: must include a UTC offset",
        ),
        (
            lambda d: d["messages"][0].update(at="1760000000"),
            "messages[0].at: must be a date and time",
        ),
        (
            lambda d: d["order"]["total_paid"].update(value=-1),
            "order.total_paid.value: must not be negative",
        ),
        (
            lambda d: d["order"]["total_paid"].update(currency="rmb"),
            "order.total_paid.currency: must be a three-letter currency code",
        ),
        (lambda d: d["order"]["total_paid"].update(value=12.5), "order.total_paid.value"),
        (
            lambda d: d["case"].update(due_at=None),
            "case.due_at: must not be null; leave it out instead",
        ),
        (
            lambda d: d["evidence"][0].update(sha256="ABC"),
            "evidence[0].sha256: must be a SHA-256 hash",
        ),
        (
            lambda d: d["evidence"][1].update(id="E1"),
            "evidence[1].id: 'E1' is used by an earlier entry",
        ),
        (
            lambda d: d["parties"][1].update(id="P1"),
            "parties[1].id: 'P1' is used by an earlier entry",
        ),
        (
            lambda d: d["evidence"][1].update(compare_with="E99"),
            "evidence[1].compare_with: names evidence 'E99'",
        ),
        (lambda d: d["case"].update(flags=["small_claim", "small_claim"]), "case.flags"),
        (lambda d: d.pop("order"), "order: is required"),
        (lambda d: d["case"].update(id="../../etc"), "case.id: must be an id"),
        (lambda d: d.update(schema_version=2), "schema_version"),
    ],
)
def test_a_document_off_the_schema_is_refused_with_the_field_named(coat, change, expected) -> None:
    problems = _problems(_changed(coat, change))
    assert any(expected in problem for problem in problems), problems


def test_invalid_json_and_invalid_utf8_are_named_as_such() -> None:
    assert _problems(b'{"schema": ')[0].startswith("is not valid JSON")
    assert _problems(b"\xff\xfe{}")[0].startswith("is not valid UTF-8")


def test_null_is_accepted_only_where_the_schema_allows_it(coat) -> None:
    coat["case"]["assigned_to"] = None
    coat["decision"] = None
    model = parse_case_document(json.dumps(coat))
    assert model.to_json_dict()["decision"] is None


def test_html_control_and_bidi_text_is_kept_as_data(coat, validator) -> None:
    hostile = '<script>alert(1)</script><b>粗体</b>\u202eevil\u0007 & "quotes"'
    coat["case"]["title"] = hostile
    model = parse_case_document(json.dumps(coat))
    assert model.case.title == hostile
    validator.validate(model.to_json_dict())
