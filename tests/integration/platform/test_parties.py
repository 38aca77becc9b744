"""The simulated parties answer offers and requests, reproducibly; the platform edits
cases on its own so offline work meets conflicts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.platform.conftest import Api, start_platform

FUTURE = "2031-01-01T10:00:00+08:00"


@pytest.fixture(scope="module")
def parties(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    server = start_platform(tmp_path_factory.mktemp("parties"), cases=80, seed=11, party_delay=1.0)
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        yield Api(server, http)
    server.stop()


def _active(api: Api, count: int) -> list[dict[str, Any]]:
    return [api.fresh_case() for _ in range(count)]


def _propose(api: Api, document: dict[str, Any]) -> str:
    answer = api.act(
        "mediator1",
        document["case"]["id"],
        {
            "type": "propose_offer",
            "remedy": "partial_refund",
            "text": "平台建议部分退款",
            "amount": {"value": 1000, "currency": document["order"]["total_paid"]["currency"]},
            "expires_at": FUTURE,
        },
        document["case"]["version"],
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["result"]["offer_id"])


def _outcome(api: Api, case_id: str, offer_id: str) -> tuple[str, tuple[tuple[str, str], ...], int]:
    document = api.case("mediator1", case_id)
    offer = next(item for item in document["offers"] if item["id"] == offer_id)
    decisions = tuple((r["party"], r["decision"]) for r in offer.get("responses", []))
    return offer["status"], decisions, len(document["evidence"])


def test_the_parties_answer_offers_after_the_delay_and_the_same_seed_answers_alike(
    parties: Api, tmp_path: Path
) -> None:
    cases = _active(parties, 8)
    offers = {document["case"]["id"]: _propose(parties, document) for document in cases}
    # Not before the delay.
    assert all(_outcome(parties, case_id, offer)[1] == () for case_id, offer in offers.items())
    deadline = time.monotonic() + 20
    outcomes: dict[str, tuple[str, tuple[tuple[str, str], ...], int]] = {}
    while time.monotonic() < deadline and len(outcomes) < len(offers):
        for case_id, offer in offers.items():
            result = _outcome(parties, case_id, offer)
            if result[0] != "proposed":
                outcomes[case_id] = result
        time.sleep(0.2)
    assert len(outcomes) == len(offers), "every offer is answered after the delay"
    statuses = {status for status, _, _ in outcomes.values()}
    assert statuses == {"accepted", "rejected"}
    for status, decisions, _ in outcomes.values():
        assert len(decisions) == 2
        assert (status == "accepted") == all(decision == "accept" for _, decision in decisions)

    # Another platform with the same seed, the same demo cases and the same actions.
    twin_server = start_platform(tmp_path, cases=80, seed=11, party_delay=3600)
    try:
        with httpx.Client(base_url=twin_server.base_url, timeout=30) as http:
            twin = Api(twin_server, http)
            twin_offers = {
                document["case"]["id"]: _propose(
                    twin, twin.case("mediator1", document["case"]["id"])
                )
                for document in cases
            }
            assert twin.admin("POST", "/parties/run").json()["answered"] == len(cases)
            assert {
                case_id: _outcome(twin, case_id, twin_offers[case_id]) for case_id in offers
            } == outcomes
    finally:
        twin_server.stop()


def test_a_party_asked_for_evidence_sends_it_or_says_why_not(parties: Api) -> None:
    cases = _active(parties, 6)
    before = {}
    for document in cases:
        buyer = next(p["id"] for p in document["parties"] if p["role"] == "buyer")
        answer = parties.act(
            "mediator1",
            document["case"]["id"],
            {
                "type": "request_evidence",
                "from": buyer,
                "kinds": ["photo"],
                "text": "请补充实物照片",
                "due_at": FUTURE,
            },
            document["case"]["version"],
        )
        assert answer.status_code == 200, answer.text
        before[document["case"]["id"]] = (
            buyer,
            len(document["evidence"]),
            answer.json()["case_version"],
        )
    assert parties.admin("POST", "/parties/run").json()["answered"] >= len(cases)
    sent = declined = silent = 0
    for case_id, (buyer, evidence_before, version) in before.items():
        document = parties.case("mediator1", case_id)
        if document["case"]["version"] == version:
            silent += 1
            assert document["case"]["status"] == "awaiting_buyer"
            continue
        reply = document["messages"][-1]
        assert reply["from"] == buyer
        assert document["case"]["status"] == "in_mediation"
        if len(document["evidence"]) > evidence_before:
            sent += 1
            new = document["evidence"][-1]
            assert new["submitted_by"] == buyer and new["id"] in reply["attachments"]
            download = parties.http.get(
                f"/api/v1/cases/{case_id}/evidence/{new['id']}",
                headers=parties.headers("mediator1"),
            )
            assert download.status_code == 200 and len(download.content) == new["size"]
        else:
            declined += 1
    assert sent >= 1 and declined + silent >= 1


def test_platform_edits_change_cases_under_an_offline_mediator(tmp_path: Path) -> None:
    server = start_platform(tmp_path, cases=16, seed=5, edit_rate=40.0)
    try:
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            api = Api(server, http)
            first = api.pull("mediator1")
            time.sleep(1.5)
            second = api.pull("mediator1")
            changed = [
                case_id
                for case_id in first
                if case_id in second and second[case_id]["version"] > first[case_id]["version"]
            ]
            assert changed, "the platform edited some of this mediator's cases"
            case_id = changed[0]
            old = first[case_id]
            if not old["deleted"]:
                # Work based on the version seen before going offline now conflicts.
                stale = api.act(
                    "mediator1",
                    case_id,
                    {"type": "message", "to": ["P1"], "channel": "platform", "text": "x"},
                    old["version"],
                )
                assert stale.status_code in (404, 409)
            stats = api.admin("GET", "/stats").json()
            assert stats["platform_edits"] >= len(changed)
    finally:
        server.stop()


def test_a_forced_platform_edit_adds_the_partys_message(parties: Api) -> None:
    document = _active(parties, 1)[0]
    edit = parties.admin(
        "POST", "/edits", json={"case_id": document["case"]["id"], "kind": "merchant_message"}
    )
    assert edit.status_code == 200
    after = parties.case("mediator1", document["case"]["id"])
    assert after["case"]["version"] == document["case"]["version"] + 1
    assert after["messages"][-1]["from"] == next(
        p["id"] for p in document["parties"] if p["role"] == "merchant"
    )
    assert parties.admin("POST", "/edits", json={"kind": "explode"}).status_code == 422
    assert parties.http.post("/admin/edits", json={}).status_code == 403
