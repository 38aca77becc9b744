"""Supervisors see decided cases whose public notice is not yet published (结果公示 is a
supervisor's step), and a case leaves their view once its notice is published.

A ruling or a dismissal stays in every supervisor's feed until a notice of the case is
published, closed or not; a settlement (normally not published, SPC art. 4) only while it
is not closed, so that a supervisor can still make a written exception."""

from __future__ import annotations

from typing import Any

from platform_server import cases
from tests.integration.platform.conftest import Api, pdf_bytes


def _cursor(api: Api, user: str) -> str:
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 500}
        if cursor:
            params["cursor"] = cursor
        page = api.http.get("/api/v1/changes", params=params, headers=api.headers(user)).json()
        cursor = page["next_cursor"]
        if page["end_of_stream"]:
            return str(cursor)


def _since(api: Api, user: str, cursor: str) -> dict[str, bool]:
    page = api.http.get(
        "/api/v1/changes", params={"cursor": cursor, "limit": 500}, headers=api.headers(user)
    ).json()
    return {change["case_id"]: change["deleted"] for change in page["changes"]}


def _everything(api: Api) -> dict[str, dict[str, Any]]:
    """Every case some mediator holds, as the platform serves it."""
    found: dict[str, dict[str, Any]] = {}
    for user in ("mediator1", "mediator2"):
        for case_id, change in api.pull(user).items():
            if not change["deleted"]:
                found[case_id] = change["document"]
    return found


def test_a_supervisor_sees_every_decided_case_whose_notice_is_due_and_no_closed_settlement(
    api: Api,
) -> None:
    supervisor = {k: c for k, c in api.pull("supervisor1").items() if not c["deleted"]}
    every = _everything(api)
    due = {case_id for case_id, document in every.items() if cases.notice_due(document)}
    assert due, "the demo data decides cases"
    assert due <= set(supervisor)
    closed_settlements = {
        case_id
        for case_id, document in every.items()
        if (document.get("decision") or {}).get("kind") == "settlement"
        and document["case"]["status"] == "closed"
    }
    assert closed_settlements, "the demo data has settled and closed cases"
    assert not closed_settlements & set(supervisor)


def test_a_dismissed_case_enters_the_supervisors_view_and_leaves_it_once_its_notice_is_published(
    api: Api,
) -> None:
    document = api.fresh_case()
    case_id = document["case"]["id"]
    cursor = _cursor(api, "supervisor1")
    closed = api.act(
        "mediator1",
        case_id,
        {"type": "close", "outcome": "dismissed", "note": "malicious complaint"},
        document["case"]["version"],
    )
    assert closed.status_code == 200, closed.text
    assert _since(api, "supervisor1", cursor) == {case_id: False}
    decided = api.case("supervisor1", case_id)
    assert decided["decision"]["kind"] == "dismissal"

    cursor = _cursor(api, "supervisor1")
    sha = api.upload_pdf("supervisor1", pdf_bytes(f"notice of {case_id}"))
    published = api.act(
        "supervisor1",
        case_id,
        {"type": "publish_notice", "sha256": sha},
        decided["case"]["version"],
    )
    assert published.status_code == 200, published.text
    assert _since(api, "supervisor1", cursor) == {case_id: True}  # a tombstone
    gone = api.http.get(f"/api/v1/cases/{case_id}", headers=api.headers("supervisor1"))
    assert gone.status_code == 404
    # The mediator still holds the case, with the published notice on it.
    kept = api.case("mediator1", case_id)
    assert [(d["kind"], d["status"]) for d in kept["documents"]][-1:] == [("notice", "published")]


def test_a_settled_case_leaves_the_supervisors_view_when_it_is_closed(api: Api) -> None:
    settled = next(
        document
        for case_id, document in sorted(_everything(api).items())
        if (document.get("decision") or {}).get("kind") == "settlement"
        and document["case"]["status"] == "resolved"
        and document["case"].get("assigned_to") == "mediator1"
        and case_id not in api.used
    )
    case_id = settled["case"]["id"]
    api.used.add(case_id)
    assert not api.pull("supervisor1")[case_id]["deleted"]
    cursor = _cursor(api, "supervisor1")
    closed = api.act(
        "mediator1",
        case_id,
        {"type": "close", "outcome": settled["decision"]["outcome"], "note": "performed"},
        settled["case"]["version"],
    )
    assert closed.status_code == 200, closed.text
    assert _since(api, "supervisor1", cursor) == {case_id: True}
