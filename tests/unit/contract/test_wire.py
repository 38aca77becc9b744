"""Request bodies the platform refuses: problems in any language, the error body in English."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.contract.problems import Problem
from app.contract.wire import BodyError, parse_action, parse_evidence_meta, parse_login
from app.vocabulary import catalog


@pytest.fixture()
def chinese_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process speaks Simplified Chinese (a desk on zh_CN); the API still answers in English."""
    monkeypatch.setattr(catalog, "_current", "zh-Hans")


Parse = Callable[[bytes], object]


def _refused(parse: Parse, body: bytes) -> BodyError:
    with pytest.raises(BodyError) as caught:
        parse(body)
    return caught.value


def test_an_invalid_action_has_english_message_and_details_whatever_the_process_speaks(
    chinese_process: None,
) -> None:
    error = _refused(
        parse_action,
        b'{"type": "message", "to": [], "channel": "fax", "text": "hi", "cc": ["P2"]}',
    )
    assert error.code == "invalid"
    assert error.message == "to: must not be empty"
    assert error.details == {
        "to": "must not be empty",
        "channel": "must be one of: platform_chat, email, phone_note, sms, letter, platform",
        "cc": "unknown field",
    }
    assert str(error) == "to：不能为空"
    assert error.text("zh-Hant") == "to：不能為空"


def test_an_unknown_action_type_is_invalid_and_names_the_known_types() -> None:
    error = _refused(parse_action, b'{"type": "teleport"}')
    assert error.code == "invalid"
    assert error.details == {
        "type": "unknown action type; one of message, request_evidence, propose_offer, "
        "record_response, set_status, submit_document, review_document, publish_notice, close"
    }
    assert error.text("zh-Hans") == (
        "type：未知的操作类型，应为以下之一：message、request_evidence、propose_offer、"
        "record_response、set_status、submit_document、review_document、publish_notice、close"
    )


def test_an_action_without_a_type_is_missing_its_type() -> None:
    error = _refused(parse_action, b'{"text": "hello"}')
    assert (error.code, error.details) == ("invalid", {"type": "is required"})


def test_fields_of_an_action_are_named_without_its_tag() -> None:
    error = _refused(
        parse_action,
        b'{"type": "request_evidence", "from": "P1", "kinds": ["photo"], "text": "x",'
        b' "due_at": "2026-10-20T18:00:00"}',
    )
    assert error.problems == (Problem("due_at", "time_without_offset"),)
    assert error.details == {"due_at": "must include a UTC offset, like 2026-10-06T12:12:00+08:00"}


@pytest.mark.parametrize("parse", [parse_action, parse_login, parse_evidence_meta])
def test_a_body_that_is_not_json_is_a_bad_request_said_in_english(
    parse: Parse, chinese_process: None
) -> None:
    error = _refused(parse, b'{"type": ')
    assert error.code == "bad_request"
    assert error.message == (
        "the body is not valid JSON (EOF while parsing a value at line 1 column 9)"
    )
    assert error.details == {}
    assert str(error) == "请求正文不是有效的 JSON（EOF while parsing a value at line 1 column 9）"


@pytest.mark.parametrize("parse", [parse_action, parse_login, parse_evidence_meta])
def test_a_body_that_is_not_an_object_is_a_bad_request(parse: Parse) -> None:
    error = _refused(parse, b"[1, 2]")
    assert (error.code, error.message) == ("bad_request", "the body must be a JSON object")
    assert error.text("zh-Hant") == "請求內容必須是 JSON 物件"


def test_login_bodies_are_said_as_the_api_documents_them() -> None:
    assert _refused(parse_login, b'{"username": "mediator1"}').details == {
        "password": "is required"
    }
    extra = _refused(parse_login, b'{"username": "a", "password": "b", "remember": true}')
    assert extra.details == {"remember": "unknown field"}
    wrong = _refused(parse_login, b'{"username": 1, "password": "b"}')
    assert (wrong.code, wrong.details) == ("invalid", {"username": "must be text"})


def test_each_field_keeps_its_first_reason_and_the_body_has_a_name() -> None:
    error = BodyError(
        "invalid",
        [Problem("text", "empty"), Problem("text", "missing"), Problem("", "not_an_object")],
    )
    assert error.details == {"text": "must not be empty", "(body)": "must be a JSON object"}
