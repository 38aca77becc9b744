"""A hostile or broken platform cannot wedge the desk (issue 11.4).

A tiny HTTP server on loopback serves what no honest platform does: answers nested
200,000 deep, a file trickled a byte at a time, a feed that never ends, redirects off the
platform. Each ends in a named, translated SyncError (or a named problem in the summary),
the store stays as it was, no bug report is written, and the next sync works.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.desk import Desk
from app.errors import DeskError, SyncError, error_kind
from app.security.credentials import KeyringCredentialStore, platform_token_key
from app.store import models as m
from app.sync import SyncLimits, login, run_sync
from app.sync.client import RedirectRefused
from app.sync.json_limits import AnswerTooDeep
from app.sync.pull import EndlessFeed
from tests.integration.sync.conftest import FAST
from tests.support.bundles import WOOL_COAT, read_example

DEEP = 200_000
FAST_LIMITS = SyncLimits(max_pages=5, min_rate=1000.0, rate_window=0.3)


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


class Platform:
    """What the tiny server answers; tests switch ``mode`` between syncs."""

    def __init__(self) -> None:
        self.mode = "good"
        self.document, self.files = read_example(WOOL_COAT)
        self.case_id = self.document["case"]["id"]
        self.other_origin = ""  # the address of a second server (set by the fixture)
        self.requests: list[str] = []

    def page(self) -> dict[str, Any]:
        change = {
            "seq": 1,
            "case_id": self.case_id,
            "version": self.document["case"]["version"],
            "deleted": False,
            "document": self.document,
        }
        return {"changes": [change], "next_cursor": "c1.1", "end_of_stream": True}


def _handler(platform: Platform) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            return

        def _send(self, status: int, body: bytes, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            platform.requests.append(f"POST {self.path}")
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if platform.mode == "nested_login":
                self._send(200, b'{"token": "t0k3n", "user": ' + _nested(DEEP) + b"}")
                return
            if platform.mode == "redirect_login":
                self._send(307, b"{}", Location=f"{platform.other_origin}/api/v1/session")
                return
            answer = {
                "token": "t0k3n-fine",
                "expires_at": "2030-01-01T00:00:00+00:00",
                "user": {"username": "mediator1", "display_name": "M", "role": "mediator"},
            }
            self._send(200, json.dumps(answer).encode())

        def do_GET(self) -> None:
            platform.requests.append(f"GET {self.path}")
            path, _, query = self.path.partition("?")
            mode = platform.mode
            if path == "/api/v1/changes":
                if mode == "nested_page":
                    self._send(200, b'{"changes": ' + _nested(DEEP) + b', "next_cursor": "c"}')
                elif mode == "nested_error":
                    self._send(503, _nested(DEEP), Retry_After="0")
                elif mode == "endless":
                    number = int(query.partition("cursor=c")[2].partition("&")[0] or 0) + 1
                    change = {"seq": number, "case_id": f"DSP-2026-{number:06d}", "deleted": True}
                    page = {
                        "changes": [change],
                        "next_cursor": f"c{number}",
                        "end_of_stream": False,
                    }
                    self._send(200, json.dumps(page).encode())
                elif mode == "redirect_away":
                    # The redirect's own body looks like a page: it must never be taken.
                    self._send(
                        302,
                        json.dumps(platform.page()).encode(),
                        Location=f"{platform.other_origin}/api/v1/changes",
                    )
                elif mode == "redirect_here" and "moved" not in query:
                    self._send(307, b"", Location="/api/v1/changes?moved=1&limit=500")
                else:
                    self._send(200, json.dumps(platform.page()).encode())
                return
            parts = path.split("/")
            if len(parts) == 7 and parts[5] == "evidence":
                data = platform.files[parts[6]]
                if mode == "trickle" and parts[6] == "E1":
                    self._trickle(data)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self._send(404, b'{"error": "not_found", "message": "no"}')

        def _trickle(self, data: bytes) -> None:
            """A byte at a time, far below any usable rate (the test's limit is 1000 B/s)."""
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                for index in range(len(data)):
                    self.wfile.write(data[index : index + 1])
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def _serve(platform: Platform, host: str) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, 0), _handler(platform))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture()
def hostile() -> Iterator[tuple[str, Platform]]:
    platform = Platform()
    server = _serve(platform, "127.0.0.1")
    elsewhere = _serve(Platform(), "127.0.0.1")  # another origin: another port
    platform.other_origin = f"http://127.0.0.1:{elsewhere.server_address[1]}"
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", platform
    finally:
        for running in (server, elsewhere):
            running.shutdown()
            running.server_close()


def _sync(desk: Desk, url: str, credentials: KeyringCredentialStore) -> Any:
    return run_sync(desk, url, "mediator1", credentials, policy=FAST, limits=FAST_LIMITS, timeout=5)


def _stored(desk: Desk) -> tuple[int, str | None]:
    with desk.unit_of_work(read_only=True) as uow:
        cases = uow.session.execute(select(func.count()).select_from(m.Case)).scalar_one()
        cursor = uow.session.execute(select(m.SyncState.cursor)).scalar()
    return cases, cursor


def _no_bug_reports(desk: Desk) -> bool:
    return not list(desk.paths.log_folder.glob("bug-*")) if desk.paths.log_folder.exists() else True


def _a_named_desk_error(error: BaseException) -> None:
    assert isinstance(error, DeskError) and error_kind(error) != "bug"
    for language in ("en", "zh-Hans", "zh-Hant"):
        assert error.text(language) and "sync." not in error.text(language)  # a real sentence


def _the_next_sync_works(desk: Desk, url: str, platform: Platform, credentials: Any) -> None:
    platform.mode = "good"
    summary = _sync(desk, url, credentials)
    assert summary.cases_added == 1 and not summary.failed
    assert _stored(desk) == (1, "c1.1")


@pytest.mark.parametrize("mode", ["nested_page", "nested_error"])
def test_an_answer_nested_200000_deep_is_a_named_error_and_changes_nothing(
    hostile: tuple[str, Platform], desk: Desk, credentials: KeyringCredentialStore, mode: str
) -> None:
    url, platform = hostile
    login(desk, url, "mediator1", "pw", credentials)
    platform.mode = mode
    with pytest.raises(SyncError) as caught:
        _sync(desk, url, credentials)
    _a_named_desk_error(caught.value)
    if mode == "nested_page":
        assert isinstance(caught.value, AnswerTooDeep)
        assert "nested deeper than 64 levels" in caught.value.text("en")
    else:  # the status says what happened: the platform kept failing
        assert "kept failing" in caught.value.text("en")
    assert _stored(desk) == (0, None)
    assert _no_bug_reports(desk)
    _the_next_sync_works(desk, url, platform, credentials)


def test_a_sign_in_answer_nested_200000_deep_is_refused_and_nothing_is_kept(
    hostile: tuple[str, Platform], desk: Desk, credentials: KeyringCredentialStore, keyring_backend
) -> None:
    url, platform = hostile
    platform.mode = "nested_login"
    with pytest.raises(SyncError) as caught:
        login(desk, url, "mediator1", "pw", credentials)
    _a_named_desk_error(caught.value)
    assert "nested deeper" in caught.value.text("en")
    assert keyring_backend.secrets == {}
    with desk.unit_of_work(read_only=True) as uow:
        assert uow.session.execute(select(m.SyncState)).first() is None


def test_a_file_trickled_a_byte_at_a_time_fails_by_name_and_resumes_next_time(
    hostile: tuple[str, Platform], desk: Desk, credentials: KeyringCredentialStore
) -> None:
    url, platform = hostile
    login(desk, url, "mediator1", "pw", credentials)
    platform.mode = "trickle"
    summary = _sync(desk, url, credentials)
    [problem] = summary.failed
    assert (problem.case_id, problem.what) == (platform.case_id, "evidence E1")
    assert "too slowly" in problem.text("en") and "过慢" in problem.text("zh-Hans")
    assert summary.has_problems
    assert summary.files_downloaded == len(platform.files) - 1
    with desk.unit_of_work(read_only=True) as uow:
        stored = dict(
            uow.session.execute(
                select(m.Evidence.evidence_id, m.Evidence.stored).where(
                    m.Evidence.case_id == platform.case_id
                )
            ).all()
        )
    assert stored["E1"] is False and all(stored[key] for key in stored if key != "E1")
    assert _no_bug_reports(desk)
    platform.mode = "good"
    again = _sync(desk, url, credentials)
    assert again.files_downloaded == 1 and not again.has_problems


def test_a_feed_that_never_ends_stops_at_the_page_budget(
    hostile: tuple[str, Platform], desk: Desk, credentials: KeyringCredentialStore
) -> None:
    url, platform = hostile
    login(desk, url, "mediator1", "pw", credentials)
    platform.mode = "endless"
    with pytest.raises(EndlessFeed) as caught:
        _sync(desk, url, credentials)
    _a_named_desk_error(caught.value)
    assert "did not end after 5 pages" in caught.value.text("en")
    pages = [request for request in platform.requests if request.startswith("GET /api/v1/changes")]
    assert len(pages) == FAST_LIMITS.max_pages
    # The pages that arrived were committed with their cursor, as every page is.
    assert _stored(desk) == (0, "c5")
    assert _no_bug_reports(desk)
    platform.mode = "good"
    with desk.unit_of_work() as uow:  # the good platform's cursor is its own
        uow.session.execute(m.SyncState.__table__.update().values(cursor=None))
        uow.commit()
    _the_next_sync_works(desk, url, platform, credentials)


def test_a_redirect_off_the_platform_is_not_followed_and_its_body_never_taken(
    hostile: tuple[str, Platform], desk: Desk, credentials: KeyringCredentialStore
) -> None:
    url, platform = hostile
    login(desk, url, "mediator1", "pw", credentials)
    platform.mode = "redirect_away"
    with pytest.raises(RedirectRefused) as caught:
        _sync(desk, url, credentials)
    _a_named_desk_error(caught.value)
    assert platform.other_origin in caught.value.text("en")
    assert _stored(desk) == (0, None)  # the redirect's body looked like a page
    _the_next_sync_works(desk, url, platform, credentials)


def test_a_redirect_within_the_platform_is_followed_for_a_read(
    hostile: tuple[str, Platform], desk: Desk, credentials: KeyringCredentialStore
) -> None:
    url, platform = hostile
    login(desk, url, "mediator1", "pw", credentials)
    platform.mode = "redirect_here"
    summary = _sync(desk, url, credentials)
    assert summary.cases_added == 1
    assert any("moved=1" in request for request in platform.requests)


def test_a_sign_in_redirected_elsewhere_sends_the_password_nowhere(
    hostile: tuple[str, Platform], desk: Desk, credentials: KeyringCredentialStore, keyring_backend
) -> None:
    url, platform = hostile
    platform.mode = "redirect_login"
    with pytest.raises(RedirectRefused):
        login(desk, url, "mediator1", "pw", credentials)
    assert keyring_backend.secrets == {}
    assert credentials.get(platform_token_key(url, "mediator1", desk.desk_id)) is None


def test_the_store_is_left_unlocked_after_each_refusal(
    hostile: tuple[str, Platform], desk: Desk, credentials: KeyringCredentialStore, tmp_path: Path
) -> None:
    url, platform = hostile
    login(desk, url, "mediator1", "pw", credentials)
    platform.mode = "nested_page"
    for _ in range(2):  # a held writer lock would make the second one StoreInUse
        with pytest.raises(AnswerTooDeep):
            _sync(desk, url, credentials)
