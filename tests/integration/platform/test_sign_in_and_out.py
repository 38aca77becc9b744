"""The platform's side of signing in (issue 11.7): sign-out revokes, wrong passwords are
rate-limited per user and per address, attempts are logged without the password, and no
answer or log line ever quotes a token."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest

from platform_server.login_limits import LoginLimiter
from tests.integration.platform.conftest import PASSWORD, Api, start_platform


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    server = start_platform(tmp_path_factory.mktemp("sessions"), cases=2)
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        yield Api(server, http)
    server.stop()


@pytest.fixture(autouse=True)
def fresh_limits(api: Api) -> None:
    api.server.platform.login_limiter = LoginLimiter(10, 10, 60.0)


def _sign_in(api: Api, user: str, password: str, address: str = "127.0.0.1") -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=api.url, transport=transport, timeout=30) as http:
        return http.post("/api/v1/session", json={"username": user, "password": password})


def test_signing_out_revokes_the_token_at_once(api: Api) -> None:
    token = _sign_in(api, "mediator1", PASSWORD).json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert api.http.get("/api/v1/changes", headers=bearer).status_code == 200
    answer = api.http.delete("/api/v1/session", headers=bearer)
    assert answer.status_code == 204 and answer.content == b""
    assert api.http.get("/api/v1/changes", headers=bearer).status_code == 401
    again = api.http.delete("/api/v1/session", headers=bearer)
    assert again.status_code == 401 and again.json()["error"] == "unauthenticated"
    assert api.http.delete("/api/v1/session").status_code == 401


def test_signing_out_ends_only_that_session(api: Api) -> None:
    first = _sign_in(api, "mediator1", PASSWORD).json()["token"]
    second = _sign_in(api, "mediator1", PASSWORD).json()["token"]
    assert (
        api.http.delete("/api/v1/session", headers={"Authorization": f"Bearer {first}"}).status_code
        == 204
    )
    answer = api.http.get("/api/v1/changes", headers={"Authorization": f"Bearer {second}"})
    assert answer.status_code == 200


def test_the_eleventh_wrong_password_within_a_minute_is_throttled(api: Api) -> None:
    for _ in range(10):
        assert _sign_in(api, "mediator2", "wrong").status_code == 401
    answer = _sign_in(api, "mediator2", "wrong")
    assert answer.status_code == 429 and answer.json()["error"] == "throttled"
    assert 1 <= int(answer.headers["Retry-After"]) <= 60
    # Even the right password waits: guessing gains nothing by going on.
    assert _sign_in(api, "mediator2", PASSWORD).status_code == 429
    # Per user: another address does not help…
    assert _sign_in(api, "mediator2", PASSWORD, "127.0.0.2").status_code == 429
    # …and another user from another address is not held back by it.
    assert _sign_in(api, "supervisor1", PASSWORD, "127.0.0.3").status_code == 200


def test_wrong_passwords_from_one_address_are_limited_whoever_they_are_for(api: Api) -> None:
    for index in range(10):
        assert _sign_in(api, f"guess{index}", "wrong", "127.0.0.4").status_code == 401
    assert _sign_in(api, "mediator1", PASSWORD, "127.0.0.4").status_code == 429
    assert _sign_in(api, "mediator1", PASSWORD, "127.0.0.5").status_code == 200


def test_sign_in_attempts_are_logged_without_the_password(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "a-very-distinctive-passw0rd"
    with caplog.at_level(logging.INFO, logger="mediation_platform.sessions"):
        _sign_in(api, "mediator1", secret)
        token = _sign_in(api, "mediator1", PASSWORD).json()["token"]
        api.http.delete("/api/v1/session", headers={"Authorization": f"Bearer {token}"})
    lines = [record.getMessage() for record in caplog.records]
    assert any("failed for 'mediator1'" in line for line in lines), lines
    assert any("signed in 'mediator1'" in line for line in lines), lines
    assert any("signed out 'mediator1'" in line for line in lines), lines
    assert all(secret not in line and PASSWORD not in line for line in lines)
    assert all(token not in line for line in lines)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer {token}x",
        "Bearer {token} trailing words",
        "bearer\t{token}",
        "Token {token}",
        "Bearer {token}\u00e9",
    ],
)
def test_a_malformed_token_is_refused_without_being_quoted(
    api: Api, header: str, caplog: pytest.LogCaptureFixture
) -> None:
    token = _sign_in(api, "mediator1", PASSWORD).json()["token"]
    value = header.format(token=token).encode("utf-8")
    with caplog.at_level(logging.DEBUG):
        for method, path in (("GET", "/api/v1/changes"), ("DELETE", "/api/v1/session")):
            answer = api.http.request(method, path, headers=[(b"Authorization", value)])
            assert answer.status_code == 401
            assert token not in answer.text and token not in str(answer.headers)
    assert all(token not in record.getMessage() for record in caplog.records)
