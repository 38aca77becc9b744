"""The desk's side of signing in and out, and what `mediation-desk sync` says and exits
with when work was held — against the reference platform on loopback."""

from __future__ import annotations

import dataclasses
import json
import socket

import httpx
import pytest

from app.cli.main import main
from app.desk import Desk
from app.errors import SyncError
from app.security.credentials import KeyringCredentialStore, platform_token_key
from app.services.identity import SignedInUser
from app.sync import login, logout
from tests.integration.sync.conftest import PASSWORD, Platform, queue_messages, sync
from tests.support.memory_keyring import MemoryKeyring


def test_login_returns_the_frozen_signed_in_user(
    desk: Desk, platform: Platform, credentials: KeyringCredentialStore
) -> None:
    user = login(desk, platform.url, "mediator1", PASSWORD, credentials)
    assert user == SignedInUser("mediator1", user.display_name, "mediator", platform.url)
    with pytest.raises(dataclasses.FrozenInstanceError):
        user.role = "supervisor"  # type: ignore[misc]


def test_logout_revokes_the_token_on_the_platform(
    desk: Desk,
    platform: Platform,
    credentials: KeyringCredentialStore,
    keyring_backend: MemoryKeyring,
) -> None:
    login(desk, platform.url, "mediator1", PASSWORD, credentials)
    token = credentials.get(platform_token_key(platform.url, "mediator1", desk.desk_id))
    bearer = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{platform.url}/api/v1/changes", headers=bearer).status_code == 200
    outcome = logout(desk, platform.url, "mediator1", credentials)
    assert outcome.revoked and outcome.problem is None
    assert keyring_backend.secrets == {}
    assert httpx.get(f"{platform.url}/api/v1/changes", headers=bearer).status_code == 401


def test_logout_with_the_platform_gone_still_forgets_the_token_and_says_so(
    desk: Desk, credentials: KeyringCredentialStore, keyring_backend: MemoryKeyring
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    credentials.set(platform_token_key(url, "mediator1", desk.desk_id), "a-token-nobody-revoked")
    outcome = logout(desk, url, "mediator1", credentials, timeout=2)
    assert not outcome.revoked and outcome.problem is not None
    assert "could not be told" in outcome.problem.text("en")
    assert "a-token-nobody-revoked" not in outcome.problem.text("en")
    assert keyring_backend.secrets == {}


def test_too_many_wrong_passwords_are_a_clear_wait(
    desk: Desk, platform: Platform, credentials: KeyringCredentialStore
) -> None:
    for _ in range(10):
        with pytest.raises(SyncError, match="did not accept this user name and password"):
            login(desk, platform.url, "mediator1", "wrong", credentials)
    with pytest.raises(SyncError) as caught:
        login(desk, platform.url, "mediator1", PASSWORD, credentials)
    assert "Too many sign-in attempts" in caught.value.text("en")
    assert "登录尝试次数过多" in caught.value.text("zh-Hans")


@pytest.fixture()
def cli_keyring(monkeypatch: pytest.MonkeyPatch, credentials: KeyringCredentialStore) -> None:
    monkeypatch.setattr("app.cli.sync_commands.KeyringCredentialStore", lambda: credentials)


def test_the_command_line_never_prints_the_token(
    desk: Desk,
    platform: Platform,
    credentials: KeyringCredentialStore,
    cli_keyring: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = str(desk.paths.home)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(PASSWORD + "\n"))
    assert (
        main(
            [
                "--home",
                home,
                "login",
                "--platform",
                platform.url,
                "--user",
                "mediator1",
                "--password-stdin",
                "--json",
            ]
        )
        == 0
    )
    from app.desk import Desk as _Desk

    opened = _Desk.open(home)
    desk_id = opened.desk_id
    opened.close()
    token = credentials.get(platform_token_key(platform.url, "mediator1", desk_id))
    assert token
    assert main(["--home", home, "logout", "--json"]) == 0
    printed = capsys.readouterr()
    assert token not in printed.out + printed.err
    decoder, documents, at = json.JSONDecoder(), [], 0
    while at < len(printed.out.rstrip()):
        document, at = decoder.raw_decode(printed.out, at)
        documents.append(document)
        at += 1  # the newline after each document
    signed_in, signed_out = documents
    assert signed_in["username"] == "mediator1" and "token" not in signed_in
    assert signed_out["revoked"] is True


def test_sync_exits_11_and_names_what_was_held(
    signed_in: Desk,
    platform: Platform,
    credentials: KeyringCredentialStore,
    cli_keyring: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = str(signed_in.paths.home)
    assert main(["--home", home, "sync"]) == 0
    [case_id] = queue_messages(signed_in, 1, "请于明日前回复。")
    platform.admin("POST", "/edits", json={"case_id": case_id, "kind": "withdraw"})
    capsys.readouterr()
    assert main(["--home", home, "sync"]) == 11
    printed = capsys.readouterr()
    assert "conflicts 1;" in printed.out
    [line] = [line for line in printed.err.splitlines() if case_id in line]
    assert "held for you to decide" in line and "Message" in line
    assert main(["--home", home, "sync", "--json"]) == 11
    summary = json.loads(capsys.readouterr().out)
    [problem] = summary["problems"]
    assert (problem["kind"], problem["case_id"]) == ("held", case_id)
    assert "已暂停" in problem["messages"]["zh-Hans"]


def test_a_clean_sync_exits_0_and_summary_says_nothing_is_wrong(
    signed_in: Desk, platform: Platform, credentials: KeyringCredentialStore
) -> None:
    summary = sync(signed_in, platform, credentials)
    assert not summary.has_problems and summary.problems == () and summary.errors == ()
