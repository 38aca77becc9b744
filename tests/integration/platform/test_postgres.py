"""The same platform on PostgreSQL: the feed, actions, idempotency and party answers."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from tests.integration.platform.conftest import Api, start_platform

pytestmark = pytest.mark.postgres


def test_the_platform_runs_on_postgresql(tmp_path: Path, postgres_database: str) -> None:
    server = start_platform(tmp_path, cases=16, seed=21, db_url=postgres_database)
    try:
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            api = Api(server, http)
            seen = api.pull("mediator1", limit=3)
            assert seen
            document = api.fresh_case()
            case_id, version = document["case"]["id"], document["case"]["version"]
            key = str(uuid.uuid4())
            offer = {
                "type": "propose_offer",
                "remedy": "refund",
                "text": "全额退款",
                "expires_at": "2031-01-01T00:00:00+08:00",
            }
            first = api.act("mediator1", case_id, offer, version, key)
            assert first.status_code == 200, first.text
            assert api.act("mediator1", case_id, offer, version, key).content == first.content
            assert api.act("mediator1", case_id, offer, version).status_code == 409
            assert api.admin("POST", "/parties/run").json()["answered"] == 1
            answered = api.case("mediator1", case_id)
            assert answered["case"]["version"] == version + 2
            assert answered["offers"][-1]["status"] in ("accepted", "rejected")
            cursor = http.get(
                "/api/v1/changes", params={"limit": 500}, headers=api.headers("mediator1")
            ).json()["next_cursor"]
            assert (
                api.admin("POST", f"/cases/{case_id}/assign", json={"to": "mediator2"}).status_code
                == 200
            )
            page = http.get(
                "/api/v1/changes", params={"cursor": cursor}, headers=api.headers("mediator1")
            ).json()
            assert [(c["case_id"], c["deleted"]) for c in page["changes"]] == [(case_id, True)]
    finally:
        server.stop()


def test_an_empty_data_folder_is_not_needed_for_a_postgresql_import(
    tmp_path: Path, postgres_database: str
) -> None:
    from app.contract.content_store import ContentStore
    from platform_server.db import Database
    from platform_server.seeding import import_bundle
    from tests.conftest import EXAMPLES

    db = Database(postgres_database)
    db.create_schema()
    try:
        case_id, files = import_bundle(
            db, ContentStore(tmp_path / "files"), sorted(EXAMPLES.glob("*.zip"))[0]
        )
        assert (case_id, files) == ("DSP-2026-004711", 6)
    finally:
        db.dispose()
