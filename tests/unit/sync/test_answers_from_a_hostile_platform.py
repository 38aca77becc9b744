"""The client's rules for what a platform sends: Retry-After in both forms, JSON bounded in
size and depth, tokens that can never end up in a message."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from app.errors import SessionExpired
from app.sync.client import PlatformClient, Retryable, error_for, is_token_shaped, parse_retry_after
from app.sync.json_limits import AnswerTooDeep, AnswerTooLarge, nesting_depth, parse_json
from app.vocabulary import words

NOW = datetime(2026, 11, 22, 8, 0, 0, tzinfo=UTC)
WHAT = words("sync.what.changes_page")


def test_retry_after_in_seconds_is_read_and_capped() -> None:
    assert parse_retry_after("7", NOW) == 7.0
    assert parse_retry_after(" 0 ", NOW) == 0.0
    assert parse_retry_after("86400", NOW) == 300.0


def test_retry_after_as_an_http_date_is_the_time_until_then() -> None:
    assert parse_retry_after("Sun, 22 Nov 2026 08:00:42 GMT", NOW) == 42.0
    # A date already past means: now.
    assert parse_retry_after("Sun, 22 Nov 2026 07:59:00 GMT", NOW) == 0.0
    # The obsolete RFC 850 form is an HTTP-date too.
    assert parse_retry_after("Sunday, 22-Nov-26 08:01:00 GMT", NOW) == 60.0


def test_an_unreadable_retry_after_is_ignored() -> None:
    assert parse_retry_after(None, NOW) is None
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("-5", NOW) is None


def test_a_throttled_answer_with_a_date_waits_until_that_date() -> None:
    when = datetime.now(UTC).replace(microsecond=0)
    later = when.timestamp() + 30
    header = datetime.fromtimestamp(later, UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    response = httpx.Response(429, headers={"Retry-After": header})
    error = error_for(response, b"")
    assert isinstance(error, Retryable) and error.status == 429
    assert error.retry_after is not None and 25 <= error.retry_after <= 30


def test_nesting_depth_counts_arrays_and_objects_but_not_brackets_in_strings() -> None:
    assert nesting_depth(b"1") == 0
    assert nesting_depth(b'{"a": [1, {"b": []}]}') == 4
    assert nesting_depth(b'{"a": "[[[[{{{{"}') == 1
    assert nesting_depth(rb'["\"[[[", "\\", [1]]') == 2
    assert nesting_depth(b"[" * 200_000 + b"]" * 200_000) == 200_000


def test_json_nested_200000_deep_is_refused_by_name_not_by_recursion() -> None:
    hostile = b'{"changes": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    with pytest.raises(AnswerTooDeep) as caught:
        parse_json(hostile, max_bytes=len(hostile), what=WHAT)
    assert "nested deeper than 64 levels" in caught.value.text("en")
    assert "嵌套超过 64 层" in caught.value.text("zh-Hans")


def test_json_within_the_limits_is_parsed_and_a_large_body_refused() -> None:
    body = json.dumps({"changes": [{"a": [1, 2]}], "next_cursor": "c1.1"}).encode()
    assert parse_json(body, max_bytes=1000, what=WHAT)["next_cursor"] == "c1.1"
    with pytest.raises(AnswerTooLarge):
        parse_json(body, max_bytes=10, what=WHAT)


def test_a_deeply_nested_error_body_still_says_what_the_status_says() -> None:
    body = b"[" * 200_000 + b"]" * 200_000
    error = error_for(httpx.Response(503), body)
    assert isinstance(error, Retryable) and error.status == 503


def test_only_bearer_token_characters_make_a_token() -> None:
    assert is_token_shaped("abc-DEF_123.~+/==")
    for bad in ("", "with space", "new\nline", "é-accent", "x" * 5000, "a=b"):
        assert not is_token_shaped(bad)


def test_a_malformed_token_is_refused_without_quoting_it() -> None:
    secret = "s3cret\r\nX-Injected: yes"
    with pytest.raises(SessionExpired) as caught:
        PlatformClient("http://127.0.0.1:9", secret)
    for language in ("en", "zh-Hans", "zh-Hant"):
        assert "s3cret" not in caught.value.text(language)
    assert "s3cret" not in repr(caught.value.args)
