"""Every fault kind, switched on and off at runtime on one server, and reproducible."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.integration.platform.conftest import Api, start_platform


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    server = start_platform(tmp_path_factory.mktemp("faults"), cases=30, seed=3)
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        api = Api(server, http)
        api.headers("mediator1")  # log in while the server is clean
        yield api
    server.stop()


@pytest.fixture()
def clean_after(faulty: Api) -> Iterator[Api]:
    yield faulty
    assert faulty.admin("PUT", "/faults", json={"spec": "off"}).status_code == 200


def _faults(api: Api, spec: str, seed: int = 1) -> None:
    answer = api.admin("PUT", "/faults", json={"spec": spec, "seed": seed})
    assert answer.status_code == 200, answer.text


def test_errors_are_5xx_with_the_error_body_and_retry_after(clean_after: Api) -> None:
    api = clean_after
    _faults(api, "error=1")
    for _ in range(5):
        answer = api.http.get("/api/v1/changes", headers=api.headers("mediator1"))
        assert answer.status_code in (500, 502, 503)
        assert answer.json()["error"] in ("unavailable", "server_error")
        assert int(answer.headers["Retry-After"]) >= 1
    # Only the API misbehaves: the OpenAPI document and the admin endpoints stay clean.
    assert api.http.get("/openapi.json").status_code == 200
    _faults(api, "off")
    assert api.http.get("/api/v1/changes", headers=api.headers("mediator1")).status_code == 200


def test_throttling_is_429_throttled_with_retry_after(clean_after: Api) -> None:
    api = clean_after
    _faults(api, "throttle=1")
    answer = api.http.get("/api/v1/changes", headers=api.headers("mediator1"))
    assert answer.status_code == 429
    assert answer.json()["error"] == "throttled" and answer.headers["Retry-After"] == "1"


def test_delays_slow_every_request(clean_after: Api) -> None:
    api = clean_after
    _faults(api, "delay_ms=300")
    started = time.monotonic()
    assert (
        api.http.get(
            "/api/v1/changes", params={"limit": 1}, headers=api.headers("mediator1")
        ).status_code
        == 200
    )
    assert time.monotonic() - started >= 0.3


def test_a_truncated_body_ends_before_its_content_length(clean_after: Api) -> None:
    api = clean_after
    document = api.fresh_case()
    _faults(api, "truncate=1")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.http.get(f"/api/v1/cases/{document['case']['id']}", headers=api.headers("mediator1"))
    received = bytearray()
    with (
        pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)),
        api.http.stream(
            "GET", f"/api/v1/cases/{document['case']['id']}", headers=api.headers("mediator1")
        ) as response,
    ):
        declared = int(response.headers["Content-Length"])
        for chunk in response.iter_raw():
            received += chunk
    assert len(received) < declared


def test_a_lost_response_is_committed_and_a_retry_with_the_same_key_returns_it(
    clean_after: Api,
) -> None:
    api = clean_after
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    key = str(uuid.uuid4())
    body = {"type": "message", "to": ["P1"], "channel": "platform", "text": "回复丢失也只记一次"}
    _faults(api, "lost_response=1")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.act("mediator1", case_id, body, version, key)
    _faults(api, "off")
    after = api.case("mediator1", case_id)
    assert after["case"]["version"] == version + 1, (
        "the action was committed before the connection dropped"
    )
    retry = api.act("mediator1", case_id, body, version, key)
    assert retry.status_code == 200 and retry.json()["case_version"] == version + 1
    final = api.case("mediator1", case_id)
    assert final["case"]["version"] == version + 1
    assert sum(1 for m in final["messages"] if m["text"] == body["text"]) == 1


def test_duplicated_and_reordered_pages_still_deliver_every_change(clean_after: Api) -> None:
    api = clean_after
    clean = api.pull("mediator1", limit=4)
    _faults(api, "duplicate_page=0.6", seed=9)
    seen: dict[str, int] = {}
    deliveries = 0
    out_of_order = False
    cursor = None
    for _ in range(500):
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = api.http.get(
            "/api/v1/changes", params=params, headers=api.headers("mediator1")
        ).json()
        seqs = [c["seq"] for c in page["changes"]]
        out_of_order |= seqs != sorted(seqs)
        for change in page["changes"]:
            deliveries += 1
            seen[change["case_id"]] = max(seen.get(change["case_id"], 0), change["version"])
        cursor = page["next_cursor"]
        if page["end_of_stream"]:
            break
    assert seen == {case_id: change["version"] for case_id, change in clean.items()}
    assert deliveries > len(clean), "some changes came more than once"
    assert out_of_order, "some page came out of seq order"
    assert api.admin("GET", "/faults").json()["injected"]["duplicate_page"] > 0


def test_the_same_seed_gives_the_same_faults(clean_after: Api) -> None:
    api = clean_after

    def run() -> list[int]:
        _faults(api, "error=0.3,throttle=0.2", seed=42)
        return [
            api.http.get(
                "/api/v1/changes", params={"limit": 1}, headers=api.headers("mediator1")
            ).status_code
            for _ in range(30)
        ]

    first = run()
    assert first == run()
    assert 200 in first and 429 in first and any(status >= 500 for status in first)


def test_a_bad_fault_spec_is_refused_and_the_admin_token_is_required(clean_after: Api) -> None:
    api = clean_after
    assert api.admin("PUT", "/faults", json={"spec": "meteor=0.5"}).status_code == 422
    assert api.admin("PUT", "/faults", json={"spec": "error=2"}).status_code == 422
    assert api.http.put("/admin/faults", json={"spec": "error=1"}).status_code == 403
    assert (
        api.http.put(
            "/admin/faults", json={"spec": "error=1"}, headers={"X-Admin-Token": "guess"}
        ).status_code
        == 403
    )
    assert api.admin("GET", "/faults").json()["spec"] == "off"
