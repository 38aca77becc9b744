"""The platform answers in English with the documented error body, whatever language the
process around it speaks (the contract's problems are said in Chinese on a zh_CN desk)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.vocabulary import catalog
from tests.integration.platform.conftest import Api, start_platform


@pytest.fixture(scope="module")
def small_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    server = start_platform(Path(tmp_path_factory.mktemp("platform")), cases=6)
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        yield Api(server, http)
    server.stop()


@pytest.fixture()
def chinese_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "_current", "zh-Hans")


def test_an_invalid_login_is_answered_in_english(small_api: Api, chinese_process: None) -> None:
    answer = small_api.http.post("/api/v1/session", json={"username": "mediator1", "extra": 1})
    assert answer.status_code == 422
    assert answer.json() == {
        "error": "invalid",
        "message": "password: is required",
        "details": {"password": "is required", "extra": "unknown field"},
    }


def test_an_invalid_action_is_answered_in_english(small_api: Api, chinese_process: None) -> None:
    case = small_api.fresh_case()
    answer = small_api.act(
        "mediator1",
        case["case"]["id"],
        {"type": "message", "to": [], "channel": "fax", "text": "hello"},
        case["case"]["version"],
    )
    assert answer.status_code == 422
    assert answer.json() == {
        "error": "invalid",
        "message": "to: must not be empty",
        "details": {
            "to": "must not be empty",
            "channel": "must be one of: platform_chat, email, phone_note, sms, letter, platform",
        },
    }


def test_a_body_that_is_not_json_is_a_bad_request_in_english(
    small_api: Api, chinese_process: None
) -> None:
    case = small_api.fresh_case()
    answer = small_api.http.post(
        f"/api/v1/cases/{case['case']['id']}/actions",
        content=b'{"type": ',
        headers={
            **small_api.headers("mediator1"),
            "If-Match": f'"v{case["case"]["version"]}"',
            "Idempotency-Key": str(uuid.uuid4()),
            "Content-Type": "application/json",
        },
    )
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "bad_request",
        "message": "the body is not valid JSON (EOF while parsing a value at line 1 column 9)",
    }
