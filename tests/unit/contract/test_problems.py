"""One formatter for the contract's validation problems: each kind of fault becomes a
problem with a readable field path and a code, said in the reader's language."""

from __future__ import annotations

import copy
import json
import string
from collections.abc import Callable
from typing import Annotated, Any, get_args

import pytest
from pydantic import BaseModel, StringConstraints, ValidationError

from app.contract import patterns
from app.contract.case_document import CaseDocumentError, parse_case_document
from app.contract.language import LANGUAGES
from app.contract.problems import (
    CATALOGUE_PREFIX,
    CUSTOM_CODES,
    PATTERN_CODES,
    PROBLEM_CODES,
    Problem,
    ProblemCode,
    field_path,
    problems_from,
    say_problems,
)
from app.contract.wire import ACTION_ADAPTER, action_problems
from app.vocabulary import catalog
from app.vocabulary.catalog import catalogue
from tests.support.bundles import WOOL_COAT, read_example

Change = Callable[[dict[str, Any]], object]


@pytest.fixture(scope="module")
def coat() -> dict[str, Any]:
    return read_example(WOOL_COAT)[0]


def _problems(coat: dict[str, Any], change: Change) -> list[Problem]:
    document = copy.deepcopy(coat)
    change(document)
    with pytest.raises(CaseDocumentError) as caught:
        parse_case_document(json.dumps(document))
    return caught.value.problems


def _only(coat: dict[str, Any], change: Change) -> Problem:
    problems = _problems(coat, change)
    assert len(problems) == 1, problems
    return problems[0]


# --- each kind of fault: where, code, values ----------------------------------------------


@pytest.mark.parametrize(
    ("change", "where", "code", "values"),
    [
        (lambda d: d["case"].update(mood="angry"), "case.mood", "unknown_field", {}),
        (lambda d: d.pop("order"), "order", "missing", {}),
        (lambda d: d["case"]["claim"].pop("remedy"), "case.claim.remedy", "missing", {}),
        (lambda d: d["case"].update(due_at=None), "case.due_at", "null", {}),
        (
            lambda d: d["parties"][1]["contact"].update(phone=None),
            "parties[1].contact.phone",
            "null",
            {},
        ),
        (
            lambda d: d["parties"][1]["contact"].update(phone="1" * 41),
            "parties[1].contact.phone",
            "text_too_long",
            {"limit": 40},
        ),
        (
            lambda d: d["parties"][1]["contact"].update(phone=13812345678),
            "parties[1].contact.phone",
            "not_text",
            {},
        ),
        (lambda d: d["case"].update(version="7"), "case.version", "not_integer", {}),
        (
            lambda d: d["order"]["total_paid"].update(value=12.5),
            "order.total_paid.value",
            "not_integer",
            {},
        ),
        (lambda d: d["case"].update(flags="small_claim"), "case.flags", "not_list", {}),
        (lambda d: d["case"].update(claim=[1]), "case.claim", "not_an_object", {}),
        (
            lambda d: d["order"]["total_paid"].update(value=-1),
            "order.total_paid.value",
            "negative",
            {},
        ),
        (lambda d: d["case"].update(version=0), "case.version", "too_small", {"limit": 1}),
        (
            lambda d: d["order"]["total_paid"].update(value=10**12),
            "order.total_paid.value",
            "too_large",
            {"limit": 100_000_000_000},
        ),
        (
            lambda d: d["case"].update(title="x" * 501),
            "case.title",
            "text_too_long",
            {"limit": 500},
        ),
        (lambda d: d.update(parties=d["parties"][:1]), "parties", "too_few_items", {"limit": 2}),
        (lambda d: d["order"].update(items=[]), "order.items", "empty", {}),
        (
            lambda d: d["case"].update(flags=["small_claim"] * 11),
            "case.flags",
            "too_many_items",
            {"limit": 10},
        ),
        (
            lambda d: d["case"].update(due_at="2026-10-16T18:00:00"),
            "case.due_at",
            "time_without_offset",
            {},
        ),
        (lambda d: d["messages"][0].update(at="1760000000"), "messages[0].at", "not_a_time", {}),
        (lambda d: d["messages"][0].update(at=1760000000), "messages[0].at", "not_a_time", {}),
        (
            lambda d: d["case"].update(due_at="2026-02-30T10:00:00+08:00"),
            "case.due_at",
            "not_a_real_time",
            {"value": "2026-02-30T10:00:00+08:00"},
        ),
        (
            lambda d: d["parties"][1].update(id="P1"),
            "parties[1].id",
            "repeated_id",
            {"value": "P1"},
        ),
        (
            lambda d: d["evidence"][2].update(id="E2"),
            "evidence[2].id",
            "repeated_id",
            {"value": "E2"},
        ),
        (
            lambda d: d["case"].update(flags=["small_claim", "small_claim"]),
            "case.flags",
            "repeated_value",
            {"value": "small_claim"},
        ),
        (
            lambda d: d["evidence"][1].update(compare_with="E99"),
            "evidence[1].compare_with",
            "unknown_evidence",
            {"value": "E99"},
        ),
        (
            lambda d: d["order"]["items"][0].update(listing_evidence_id="E99"),
            "order.items[0].listing_evidence_id",
            "unknown_evidence",
            {"value": "E99"},
        ),
        (
            lambda d: d["case"].update(status="pending"),
            "case.status",
            "not_one_of",
            {
                "allowed": (
                    "open",
                    "awaiting_buyer",
                    "awaiting_merchant",
                    "in_mediation",
                    "under_review",
                    "resolved",
                    "closed",
                    "withdrawn",
                )
            },
        ),
        (lambda d: d.update(schema_version=2), "schema_version", "not_expected", {"expected": "1"}),
        (
            lambda d: d.update(schema="other"),
            "schema",
            "not_expected",
            {"expected": "mediation-desk/case-document"},
        ),
    ],
)
def test_each_fault_is_a_problem_with_its_field_path_and_code(
    coat: dict[str, Any], change: Change, where: str, code: str, values: dict[str, object]
) -> None:
    problem = _only(coat, change)
    assert (problem.where, problem.code, problem.values) == (where, code, values)
    for language in LANGUAGES:
        said = catalogue()[CATALOGUE_PREFIX + code][language]
        assert _placeholders(said) == set(values), language


@pytest.mark.parametrize(
    ("change", "where", "code"),
    [
        (lambda d: d["case"].update(id="../../etc"), "case.id", "pattern.id"),
        (
            lambda d: d["messages"][0].update(**{"from": "-P1"}),
            "messages[0].from",
            "pattern.actor",
        ),
        (lambda d: d["evidence"][0].update(sha256="ABC"), "evidence[0].sha256", "pattern.sha256"),
        (
            lambda d: d["order"]["total_paid"].update(currency="rmb"),
            "order.total_paid.currency",
            "pattern.currency",
        ),
        (
            lambda d: d["case"].update(assigned_to="mediator one"),
            "case.assigned_to",
            "pattern.username",
        ),
        (
            lambda d: d["evidence"][0].update(media_type="JPEG"),
            "evidence[0].media_type",
            "pattern.media_type",
        ),
        (
            lambda d: d["history"][0].update(event="Case Opened"),
            "history[0].event",
            "pattern.event",
        ),
    ],
)
def test_each_pattern_of_the_schema_has_its_own_problem(
    coat: dict[str, Any], change: Change, where: str, code: str
) -> None:
    problem = _only(coat, change)
    assert (problem.where, problem.code) == (where, code)


def test_every_pattern_of_the_contract_is_named_by_a_problem_code() -> None:
    declared = {value for name, value in vars(patterns).items() if name.endswith("_PATTERN")}
    assert set(PATTERN_CODES) == declared
    assert len(set(PATTERN_CODES.values())) == len(declared)


def test_a_pattern_the_table_does_not_know_is_an_invalid_format() -> None:
    class Odd(BaseModel):
        code: Annotated[str, StringConstraints(pattern=r"^x+$")]

    with pytest.raises(ValidationError) as caught:
        Odd.model_validate({"code": "y"})
    assert problems_from(caught.value) == (Problem("code", "pattern.other"),)


def test_bad_json_and_bad_utf8_are_named_as_such() -> None:
    with pytest.raises(CaseDocumentError) as caught:
        parse_case_document(b'{"schema": ')
    [problem] = caught.value.problems
    assert (problem.where, problem.code) == ("", "not_json")
    assert problem.text("en") == "is not valid JSON (EOF while parsing a value at line 1 column 11)"

    with pytest.raises(CaseDocumentError) as caught:
        parse_case_document(b'{"a": "\xff"}')
    assert caught.value.problems == [Problem.of("", "not_utf8", position=7)]


def test_a_document_that_is_not_an_object_is_named_as_such() -> None:
    with pytest.raises(CaseDocumentError) as caught:
        parse_case_document(b"[]")
    assert caught.value.problems == [Problem("", "not_an_object")]


def test_field_paths_read_like_the_json() -> None:
    assert field_path(("parties", 1, "contact", "phone")) == "parties[1].contact.phone"
    assert field_path(("messages", 0, "from_")) == "messages[0].from"
    assert field_path(()) == ""


def test_the_contracts_own_rules_raise_their_codes_not_free_text(coat: dict[str, Any]) -> None:
    """No fault of the case document reaches the formatter as pydantic's generic value_error."""
    changes: list[Change] = [
        lambda d: d["case"].update(due_at=None),
        lambda d: d["case"].update(due_at="2026-10-16"),
        lambda d: d["case"].update(due_at="2026-10-16T18:00:00"),
        lambda d: d["case"].update(due_at="2026-13-01T00:00:00Z"),
        lambda d: d["case"].update(flags=["small_claim", "small_claim"]),
        lambda d: d["offers"].append(d["offers"][0]),
        lambda d: d["evidence"][0].update(compare_with="nope"),
    ]
    codes = {problem.code for change in changes for problem in _problems(coat, change)}
    assert codes <= CUSTOM_CODES
    assert "not_valid" not in codes


# --- actions: the union's tag -------------------------------------------------------------


def _action_problems(body: object) -> tuple[Problem, ...]:
    with pytest.raises(ValidationError) as caught:
        ACTION_ADAPTER.validate_python(body)
    return action_problems(caught.value)


def test_an_unknown_action_type_names_the_known_ones() -> None:
    [problem] = _action_problems({"type": "teleport"})
    assert (problem.where, problem.code) == ("type", "unknown_action_type")
    assert problem.values["allowed"] == (
        "message",
        "request_evidence",
        "propose_offer",
        "record_response",
        "set_status",
        "submit_document",
        "review_document",
        "publish_notice",
        "close",
    )


def test_an_action_without_a_type_is_missing_its_type() -> None:
    assert _action_problems({"text": "hello"}) == (Problem("type", "missing"),)


def test_an_actions_fields_are_named_without_the_tag() -> None:
    problems = _action_problems(
        {
            "type": "propose_offer",
            "remedy": "refund",
            "amount": {"value": -5, "currency": "CNY"},
            "text": "x",
            "expires_at": "2026-10-20T18:00:00",
            "note": "?",
        }
    )
    assert {(problem.where, problem.code) for problem in problems} == {
        ("amount.value", "negative"),
        ("expires_at", "time_without_offset"),
        ("note", "unknown_field"),
    }


# --- said in the reader's language --------------------------------------------------------


def test_a_problem_says_itself_in_each_language(coat: dict[str, Any]) -> None:
    problem = _only(coat, lambda d: d["parties"][1].update(id="P1"))
    assert problem.text("en") == "parties[1].id: 'P1' is used by an earlier entry"
    assert problem.text("zh-Hans") == "parties[1].id：“P1”已被前面的条目使用"
    assert problem.text("zh-Hant") == "parties[1].id：「P1」已被前面的項目使用"


@pytest.mark.parametrize(
    ("problem", "en", "zh_hans", "zh_hant"),
    [
        (
            Problem("case.mood", "unknown_field"),
            "case.mood: unknown field",
            "case.mood：未知字段",
            "case.mood：未知欄位",
        ),
        (
            Problem("order", "missing"),
            "order: is required",
            "order：缺少此必填项",
            "order：缺少此必填欄位",
        ),
        (
            Problem("case.due_at", "null"),
            "case.due_at: must not be null; leave it out instead",
            "case.due_at：不能为 null；没有值时请省略此项",
            "case.due_at：不能為 null；沒有值時請省略此欄位",
        ),
        (
            Problem("order.total_paid.value", "negative"),
            "order.total_paid.value: must not be negative",
            "order.total_paid.value：不能为负数",
            "order.total_paid.value：不能為負數",
        ),
        (
            Problem("case.due_at", "time_without_offset"),
            "case.due_at: must include a UTC offset, like 2026-10-06T12:12:00+08:00",
            "case.due_at：必须注明 UTC 时差，例如 2026-10-06T12:12:00+08:00",
            "case.due_at：必須註明 UTC 時差，例如 2026-10-06T12:12:00+08:00",
        ),
        (
            Problem("order.total_paid.currency", "pattern.currency"),
            "order.total_paid.currency: must be a three-letter currency code such as CNY",
            "order.total_paid.currency：必须是三个大写字母的币种代码，例如 CNY",
            "order.total_paid.currency：必須是三個大寫字母的幣別代碼，例如 CNY",
        ),
        (
            Problem.of("channel", "not_one_of", allowed=("sms", "email")),
            "channel: must be one of: sms, email",
            "channel：必须是以下之一：sms、email",
            "channel：必須是以下之一：sms、email",
        ),
        (
            Problem.of("", "not_utf8", position=7),
            "is not valid UTF-8 text (bad byte at position 7)",
            "不是有效的 UTF-8 文本（位置 7 的字节有误）",
            "不是有效的 UTF-8 文字（位置 7 的位元組有誤）",
        ),
    ],
)
def test_problems_are_said_exactly_in_english_and_chinese(
    problem: Problem, en: str, zh_hans: str, zh_hant: str
) -> None:
    assert problem.text("en") == en
    assert problem.text("zh-Hans") == zh_hans
    assert problem.text("zh-Hant") == zh_hant


def test_str_of_a_problem_and_of_the_error_use_the_process_language(
    coat: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog, "_current", "zh-Hans")
    document = copy.deepcopy(coat)
    document["case"]["mood"] = "angry"
    document.pop("order")
    with pytest.raises(CaseDocumentError) as caught:
        parse_case_document(json.dumps(document))
    assert [str(problem) for problem in caught.value.problems] == [
        "case.mood：未知字段",
        "order：缺少此必填项",
    ]
    assert str(caught.value) == "case.mood：未知字段；order：缺少此必填项"
    assert caught.value.text("en") == "case.mood: unknown field; order: is required"


def test_many_problems_are_said_as_the_first_three_and_how_many_more() -> None:
    problems = [Problem(f"f{index}", "missing") for index in range(5)]
    assert say_problems(problems, "en") == (
        "f0: is required; f1: is required; f2: is required; and 2 more"
    )
    assert say_problems(problems, "zh-Hant", limit=1) == "f0：缺少此必填欄位；另有 4 處問題"


def test_an_untrusted_value_is_put_into_the_sentence_never_used_as_one() -> None:
    hostile = Problem.of("evidence[0].compare_with", "unknown_evidence", value="{where}{0}")
    assert hostile.text("en") == (
        "evidence[0].compare_with: names evidence '{where}{0}', which is not in this case"
    )


# --- the catalogue has words for every code -----------------------------------------------


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_problem_code_has_words_in_three_languages() -> None:
    entries = catalogue()
    missing = [code for code in PROBLEM_CODES if CATALOGUE_PREFIX + code not in entries]
    assert missing == []
    for code in PROBLEM_CODES:
        texts = entries[CATALOGUE_PREFIX + code]
        assert set(texts) == set(LANGUAGES)
        assert all(texts[language].strip() for language in LANGUAGES), code


def test_the_catalogue_has_no_words_for_codes_that_do_not_exist() -> None:
    known = {key for key in catalogue() if key.startswith(CATALOGUE_PREFIX)}
    assert known == {CATALOGUE_PREFIX + code for code in PROBLEM_CODES}


def test_the_words_of_each_code_show_exactly_the_values_it_carries() -> None:
    """A value the words do not show would be lost; a placeholder without a value breaks."""
    examples = [
        Problem.of("x", "not_one_of", allowed=("a",)),
        Problem.of("x", "not_expected", expected="1"),
        Problem.of("x", "unknown_action_type", allowed=("message",)),
        Problem.of("x", "text_too_short", limit=2),
        Problem.of("x", "text_too_long", limit=2),
        Problem.of("x", "too_few_items", limit=2),
        Problem.of("x", "too_many_items", limit=2),
        Problem.of("x", "too_small", limit=2),
        Problem.of("x", "not_above", limit=2),
        Problem.of("x", "too_large", limit=2),
        Problem.of("x", "not_below", limit=2),
        Problem.of("x", "not_a_real_time", value="v"),
        Problem.of("x", "not_json", detail="d"),
        Problem.of("x", "not_utf8", position=1),
        Problem.of("x", "repeated_value", value="v"),
        Problem.of("x", "repeated_id", value="v"),
        Problem.of("x", "unknown_evidence", value="v"),
        Problem.of("x", "other_case", found="a", expected="b"),
        Problem.of("x", "not_valid", detail="d"),
    ]
    with_values = {problem.code for problem in examples}
    entries = catalogue()
    for problem in examples:
        for language in LANGUAGES:
            assert _placeholders(entries[CATALOGUE_PREFIX + problem.code][language]) == set(
                problem.values
            ), (problem.code, language)
    for code in set(get_args(ProblemCode)) - with_values:
        assert _placeholders(entries[CATALOGUE_PREFIX + code]["en"]) == set(), code
