"""A hostile platform: wrong hashes, documents off the schema, gigantic and endless bodies.

The server here is a real HTTP server on loopback written to misbehave; the desk must
quarantine what is bad with a reason, finish the rest of the sync, and keep its memory
bounded whatever the server sends.
"""

from __future__ import annotations

import copy
import json
import threading
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.desk import Desk
from app.services.verification import verify_evidence
from app.store import models as m
from app.sync import login, run_sync
from tests.integration.sync.conftest import FAST, every_stored_file_is_whole
from tests.support.bundles import LOST_PARCEL, WOOL_COAT, read_example

ENDLESS_CHUNK = b"\0" * 65536


class Hostile:
    def __init__(self, gigantic_feed: bool) -> None:
        self.gigantic_feed = gigantic_feed
        good, self.files = read_example(WOOL_COAT)
        parcel, parcel_files = read_example(LOST_PARCEL)
        self.files.update({f"parcel/{key}": value for key, value in parcel_files.items()})
        off_schema = copy.deepcopy(good)
        off_schema["case"]["id"] = "DSP-2026-000666"
        off_schema["case"]["category"] = "weather"
        mismatched = copy.deepcopy(parcel)
        mismatched["case"]["id"] = "DSP-2026-000777"
        self.documents = [good, off_schema, mismatched, parcel]
        self.changes = [
            {
                "seq": 1,
                "case_id": good["case"]["id"],
                "version": 6,
                "deleted": False,
                "document": good,
            },
            {
                "seq": 2,
                "case_id": "DSP-2026-000666",
                "version": 6,
                "deleted": False,
                "document": off_schema,
            },
            {
                "seq": 3,
                "case_id": "DSP-2026-000999",
                "version": 3,
                "deleted": False,
                "document": mismatched,
            },
            {
                "seq": 4,
                "case_id": parcel["case"]["id"],
                "version": 3,
                "deleted": False,
                "document": parcel,
            },
        ]


def _handler(hostile: Hostile) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            return

        def _json(self, data: Any, status: int = 200) -> None:
            body = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _endless(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(16384):  # 1 GiB at most, then the test is over anyway
                    self.wfile.write(ENDLESS_CHUNK)
            except (BrokenPipeError, ConnectionResetError):
                return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            self.rfile.read(length)
            self._json(
                {
                    "token": "t",
                    "expires_at": "2030-01-01T00:00:00+00:00",
                    "user": {"username": "mediator1", "display_name": "M", "role": "mediator"},
                }
            )

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/api/v1/changes":
                if hostile.gigantic_feed:
                    self._endless()
                    return
                self._json(
                    {"changes": hostile.changes, "next_cursor": "c1.4", "end_of_stream": True}
                )
                return
            parts = path.split("/")
            # /api/v1/cases/<case>/evidence/<id>
            if len(parts) == 7 and parts[5] == "evidence":
                case_id, evidence_id = parts[4], parts[6]
                key = evidence_id if case_id == "DSP-2026-004711" else f"parcel/{evidence_id}"
                if case_id == "DSP-2026-004711" and evidence_id == "E2":
                    data = hostile.files[key][::-1]  # right size, wrong bytes
                elif case_id == "DSP-2026-004711" and evidence_id == "E3":
                    self._endless()  # never ends, far beyond the declared size
                    return
                else:
                    data = hostile.files[key]
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self._json({"error": "not_found", "message": "no"}, 404)

    return Handler


@pytest.fixture(params=[False, True], ids=["bad-documents-and-files", "gigantic-feed"])
def hostile(request: pytest.FixtureRequest) -> Iterator[tuple[str, Hostile]]:
    state = Hostile(gigantic_feed=request.param)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()


def test_a_hostile_platform_is_quarantined_and_memory_stays_bounded(
    hostile: tuple[str, Hostile], desk: Desk, credentials, tmp_path: Path
) -> None:
    url, state = hostile
    login(desk, url, "mediator1", "pw", credentials)
    tracemalloc.start()
    try:
        summary = run_sync(desk, url, "mediator1", credentials, policy=FAST, timeout=5)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    with desk.unit_of_work(read_only=True) as uow:
        quarantined = {
            (row.case_id, row.item): row.reason
            for row in uow.session.execute(select(m.Quarantine)).scalars()
        }
        cases = set(uow.session.execute(select(m.Case.id)).scalars())
        report = verify_evidence(uow)
    assert every_stored_file_is_whole(desk)
    assert report.ok
    if state.gigantic_feed:
        assert cases == set()
        [(where, reason)] = quarantined.items()
        assert "more than" in reason and where[1].startswith("changes feed")
        [problem] = summary.problems
        assert problem.kind == "quarantined" and "too large" in problem.text("en")
        return
    assert cases == {"DSP-2026-004711", "DSP-2026-009102"}  # the good ones landed
    assert "case.category" in quarantined[("DSP-2026-000666", "case DSP-2026-000666")]
    assert "DSP-2026-000777" in quarantined[("DSP-2026-000999", "case DSP-2026-000999")]
    assert "do not match" in quarantined[("DSP-2026-004711", "evidence E2")]
    assert "more than the declared" in quarantined[("DSP-2026-004711", "evidence E3")]
    assert summary.quarantined == 4
    with desk.unit_of_work(read_only=True) as uow:
        rows = uow.session.execute(
            select(m.Evidence.evidence_id, m.Evidence.stored).where(
                m.Evidence.case_id == "DSP-2026-004711"
            )
        )
        stored = {evidence_id: is_stored for evidence_id, is_stored in rows}
    assert stored == {"E1": True, "E2": False, "E3": False, "E4": True, "E5": True, "E6": True}
    # A second sync does not fetch the quarantined files again and again.
    again = run_sync(desk, url, "mediator1", credentials, policy=FAST, timeout=5)
    assert again.quarantined == 0 and again.files_downloaded == 0


@pytest.mark.parametrize("hostile", [False], indirect=True)
def test_sync_exits_11_when_something_was_quarantined(
    hostile: tuple[str, Hostile], desk: Desk, capsys
) -> None:  # type: ignore[no-untyped-def]
    from app.cli.main import main
    from app.security.credentials import KeyringCredentialStore

    url, _state = hostile
    home = str(desk.paths.home)
    login(desk, url, "mediator1", "pw", KeyringCredentialStore())  # the command's keyring
    desk.close()
    code = main(["--home", home, "sync", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 11
    assert report["quarantined"] == 4
