"""Logging in, and the changes feed: order, paging, visibility and tombstones."""

from __future__ import annotations

import time

from platform_server import cases
from platform_server.db import Token
from tests.integration.platform.conftest import PASSWORD, Api


def test_logging_in_returns_a_token_the_user_and_its_expiry(api: Api) -> None:
    answer = api.http.post(
        "/api/v1/session", json={"username": "supervisor1", "password": PASSWORD}
    )
    assert answer.status_code == 200
    data = answer.json()
    assert data["user"] == {
        "username": "supervisor1",
        "display_name": data["user"]["display_name"],
        "role": "supervisor",
    }
    assert data["expires_at"].endswith("+00:00") and len(data["token"]) >= 32


def test_a_wrong_password_or_unknown_user_is_unauthenticated(api: Api) -> None:
    for body in (
        {"username": "mediator1", "password": "wrong"},
        {"username": "nobody", "password": PASSWORD},
    ):
        answer = api.http.post("/api/v1/session", json=body)
        assert answer.status_code == 401
        assert answer.json()["error"] == "unauthenticated"


def test_bad_login_bodies_are_bad_requests_or_invalid(api: Api) -> None:
    assert (
        api.http.post(
            "/api/v1/session", content=b"{nope", headers={"Content-Type": "application/json"}
        ).status_code
        == 400
    )
    assert api.http.post("/api/v1/session", json={"username": "mediator1"}).json()["details"] == {
        "password": "is required"
    }
    assert (
        api.http.post("/api/v1/session", json={"username": 1, "password": "x"}).status_code == 422
    )
    extra = api.http.post(
        "/api/v1/session", json={"username": "mediator1", "password": PASSWORD, "remember": True}
    )
    assert extra.status_code == 422 and extra.json()["details"] == {"remember": "unknown field"}


def test_calls_without_a_valid_token_are_unauthenticated(api: Api) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic abc"}):
        answer = api.http.get("/api/v1/changes", headers=headers)
        assert answer.status_code == 401
        assert answer.json()["error"] == "unauthenticated"


def test_an_expired_token_is_unauthenticated(api: Api) -> None:
    answer = api.http.post("/api/v1/session", json={"username": "mediator2", "password": PASSWORD})
    token = answer.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert api.http.get("/api/v1/changes", headers=headers).status_code == 200
    from platform_server.api.common import hash_token

    with api.server.platform.db.write() as session:
        row = session.get(Token, hash_token(token))
        assert row is not None
        row.expires_at = time.time() - 1
        session.commit()
    assert api.http.get("/api/v1/changes", headers=headers).status_code == 401


def test_the_feed_pages_in_seq_order_each_case_once_and_resumes_by_cursor(api: Api) -> None:
    full = api.pull("mediator1", limit=500)
    seqs: list[int] = []
    ids: list[str] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.http.get(
            "/api/v1/changes", params=params, headers=api.headers("mediator1")
        ).json()
        assert len(page["changes"]) <= 3
        assert len({c["case_id"] for c in page["changes"]}) == len(page["changes"])
        seqs += [c["seq"] for c in page["changes"]]
        ids += [c["case_id"] for c in page["changes"]]
        cursor = page["next_cursor"]
        if page["end_of_stream"]:
            break
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert sorted(ids) == sorted(full)
    for change in full.values():
        if not change["deleted"]:
            assert change["document"]["case"]["assigned_to"] == "mediator1"
            assert change["version"] == change["document"]["case"]["version"]
    # Nothing new: the stored cursor gives an empty, final page.
    empty = api.http.get(
        "/api/v1/changes", params={"cursor": cursor}, headers=api.headers("mediator1")
    ).json()
    assert empty == {"changes": [], "next_cursor": cursor, "end_of_stream": True}


def test_a_change_moves_the_case_behind_the_cursor(api: Api) -> None:
    first = api.http.get(
        "/api/v1/changes", params={"limit": 500}, headers=api.headers("mediator1")
    ).json()
    cursor = first["next_cursor"]
    document = api.fresh_case()
    answer = api.act(
        "mediator1",
        document["case"]["id"],
        {"type": "set_status", "status": "in_mediation", "note": "已联系"},
        document["case"]["version"],
    )
    assert answer.status_code == 200
    page = api.http.get(
        "/api/v1/changes", params={"cursor": cursor}, headers=api.headers("mediator1")
    ).json()
    assert [c["case_id"] for c in page["changes"]] == [document["case"]["id"]]
    assert page["changes"][0]["version"] == answer.json()["case_version"]
    assert page["changes"][0]["seq"] > max(c["seq"] for c in first["changes"])


def test_a_bad_cursor_or_limit_is_a_bad_request(api: Api) -> None:
    for params in (
        {"cursor": "not-a-cursor"},
        {"cursor": "c1."},
        {"cursor": "c1.zz"},
        {"limit": 0},
        {"limit": 501},
        {"limit": "ten"},
    ):
        answer = api.http.get("/api/v1/changes", params=params, headers=api.headers("mediator1"))
        assert answer.status_code == 400, params
        assert answer.json()["error"] == "bad_request"
    # A well-formed cursor the feed never reached: the platform went back in time.
    ahead = api.http.get(
        "/api/v1/changes", params={"cursor": "c1.fffffffff"}, headers=api.headers("mediator1")
    )
    assert ahead.status_code == 400 and ahead.json()["details"] == {"cursor": "ahead of the feed"}


def test_reassignment_sends_a_tombstone_to_the_previous_mediator(api: Api) -> None:
    before = api.http.get(
        "/api/v1/changes", params={"limit": 500}, headers=api.headers("mediator1")
    ).json()["next_cursor"]
    before2 = api.http.get(
        "/api/v1/changes", params={"limit": 500}, headers=api.headers("mediator2")
    ).json()["next_cursor"]
    document = api.fresh_case()
    case_id = document["case"]["id"]
    moved = api.admin("POST", f"/cases/{case_id}/assign", json={"to": "mediator2"})
    assert moved.status_code == 200
    mine = api.http.get(
        "/api/v1/changes", params={"cursor": before}, headers=api.headers("mediator1")
    ).json()["changes"]
    assert mine == [
        {
            "seq": mine[0]["seq"],
            "case_id": case_id,
            "version": moved.json()["version"],
            "deleted": True,
        }
    ]
    theirs = api.http.get(
        "/api/v1/changes", params={"cursor": before2}, headers=api.headers("mediator2")
    ).json()["changes"]
    assert [(c["case_id"], c["deleted"], c["document"]["case"]["assigned_to"]) for c in theirs] == [
        (case_id, False, "mediator2")
    ]
    assert (
        api.http.get(f"/api/v1/cases/{case_id}", headers=api.headers("mediator1")).status_code
        == 404
    )


def test_a_supervisor_sees_cases_under_review_or_awaiting_a_notice_and_not_the_others(
    api: Api,
) -> None:
    seen = api.pull("supervisor1")
    assert seen, "the demo data has cases under review"
    for change in seen.values():
        if change["deleted"]:
            continue
        document = change["document"]
        assert (
            document["case"]["status"] == "under_review"
            or any(d["status"] == "submitted" for d in document.get("documents", []))
            or cases.notice_due(document)
            or document["case"]["assigned_to"] == "supervisor1"
        )
    in_mediation = next(
        c
        for c in api.pull("mediator1").values()
        if not c["deleted"] and c["document"]["case"]["status"] == "in_mediation"
    )
    assert in_mediation["case_id"] not in seen or seen[in_mediation["case_id"]]["deleted"]


def test_a_withdrawn_case_leaves_the_mediators_view(api: Api) -> None:
    cursor = api.http.get(
        "/api/v1/changes", params={"limit": 500}, headers=api.headers("mediator1")
    ).json()["next_cursor"]
    document = api.fresh_case()
    edit = api.admin("POST", "/edits", json={"case_id": document["case"]["id"], "kind": "withdraw"})
    assert edit.status_code == 200 and edit.json()["edit"]["kind"] == "withdraw"
    page = api.http.get(
        "/api/v1/changes", params={"cursor": cursor}, headers=api.headers("mediator1")
    ).json()
    assert [(c["case_id"], c["deleted"]) for c in page["changes"]] == [
        (document["case"]["id"], True)
    ]
