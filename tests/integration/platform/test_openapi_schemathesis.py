"""The published OpenAPI document, checked against the running server by schemathesis:
generated valid and invalid requests for every operation find no server error and no
response that breaks the schema. Bounded in examples so the run stays short."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.integration.platform.conftest import Api, start_platform


@schemathesis.serializer("application/pdf")
def _pdf_body(ctx: Any, value: Any) -> dict[str, Any]:
    """PDF uploads are raw bytes on the wire, like application/octet-stream."""
    from schemathesis.transport.requests import binary_serializer

    return binary_serializer(ctx, value)


@schemathesis.serializer("application/timestamp-query")
def _timestamp_query(ctx: Any, value: Any) -> dict[str, Any]:
    """RFC 3161 requests are raw DER bytes on the wire."""
    from schemathesis.transport.requests import binary_serializer

    return binary_serializer(ctx, value)


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    from reports.signing.pki import init_demo_pki

    pki = tmp_path_factory.mktemp("pki")
    init_demo_pki("Demo", pki, b"tsa-passphrase")
    # Generated sign-ins are mostly wrong: the rate limit has its own tests.
    server = start_platform(
        tmp_path_factory.mktemp("schemathesis"),
        cases=12,
        seed=13,
        login_failures_per_user=1_000_000,
        login_failures_per_address=1_000_000,
        tsa_p12=pki / "tsa.p12",
        tsa_passphrase="tsa-passphrase",
    )
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        yield Api(server, http)
    server.stop()


def _load_schema(target: Api) -> Any:
    from schemathesis.config import SchemathesisConfig

    # PLATFORM_API.md answers a write without If-Match or Idempotency-Key with 412, and
    # an oversized body with 413: both are rejections of invalid requests.
    config = SchemathesisConfig.from_str(
        "[checks.negative_data_rejection]\n"
        'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "412", "413", '
        '"415", "422", "428", "429", "5xx"]\n'
    )
    return schemathesis.openapi.from_url(f"{target.url}/openapi.json", config=config)


def _fresh_token_headers(target: Api) -> dict[str, str]:
    from tests.integration.platform.conftest import PASSWORD

    answer = target.http.post(
        "/api/v1/session", json={"username": "mediator1", "password": PASSWORD}
    )
    return {"Authorization": f"Bearer {answer.json()['token']}"}


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_the_api_keeps_to_its_openapi_document(target: Api, mode: str) -> None:
    """Every operation, with generated requests that fit the schema (positive) and that
    break it (negative), answered within the documented statuses and schemas."""
    from hypothesis import given
    from schemathesis.generation.modes import GenerationMode
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    schema = _load_schema(target)
    headers = target.headers("mediator1")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 12
    for operation in operations:
        signing_out = operation.method.upper() == "DELETE" and operation.path == "/api/v1/session"
        if signing_out and mode == "negative":
            continue  # it takes nothing but the token: there is no request to break

        @given(case=operation.as_strategy(generation_mode=GenerationMode(mode)))
        @settings(
            max_examples=100,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Any) -> None:
            # Two refusals of schema-valid requests are the point of their operation: a
            # random PDF never hashes to the random hash its URL names (422), and a cursor
            # must be one the feed handed out, not merely look like one (400 when it is
            # ahead of the feed, so a client knows the platform went back in time).
            semantic = case.method == "PUT" or case.path == "/api/v1/changes"
            excluded = [positive_data_acceptance] if semantic else []
            # Signing out revokes the token it is sent with: each example gets its own.
            # (check runs within this iteration: the loop variable is the one it means)
            own = _fresh_token_headers(target) if signing_out else headers  # noqa: B023
            if mode == "negative" and "Authorization" not in (case.headers or {}):
                # What this example breaks is the token's absence: keep it absent (401),
                # or adding ours would make a request that breaks nothing.
                own = {}
            case.call_and_validate(headers=own, excluded_checks=excluded)

        check()


def test_generated_actions_and_uploads_on_a_real_case_never_break_the_server(target: Api) -> None:
    """Schema-valid actions and uploads aimed at a real case, at its current version:
    refusals (422, 403) are expected, server errors and invalid documents are not."""
    from hypothesis import given
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    schema = _load_schema(target)
    document = target.fresh_case()
    case_id = document["case"]["id"]
    headers = target.headers("mediator1")
    wanted = {"/api/v1/cases/{case_id}/actions", "/api/v1/cases/{case_id}/evidence"}
    operations = [op for op in (r.ok() for r in schema.get_all_operations()) if op.path in wanted]
    assert len(operations) == 2
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy(path_parameters={"case_id": case_id}))
        @settings(
            max_examples=120,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Any) -> None:
            version = target.case("mediator1", case_id)["case"]["version"]
            if case.headers is not None and "If-Match" in case.headers:
                case.headers["If-Match"] = f'"v{version}"'
            response = case.call_and_validate(
                headers=headers, excluded_checks=[positive_data_acceptance]
            )
            statuses.append(response.status_code)

        check()
    assert 200 in statuses or 201 in statuses, "some generated action or upload was accepted"
    # Whatever was accepted, the case is still a valid document.
    from app.contract.case_document import parse_case_document

    answer = target.http.get(f"/api/v1/cases/{case_id}", headers=headers)
    parse_case_document(answer.content)


def test_the_openapi_document_describes_every_documented_endpoint(target: Api) -> None:
    document = target.http.get("/openapi.json").json()
    operations = {
        (method.upper(), path) for path, item in document["paths"].items() for method in item
    }
    assert operations == {
        ("POST", "/api/v1/session"),
        ("DELETE", "/api/v1/session"),
        ("GET", "/api/v1/changes"),
        ("GET", "/api/v1/cases/{case_id}"),
        ("GET", "/api/v1/cases/{case_id}/evidence/{evidence_id}"),
        ("POST", "/api/v1/cases/{case_id}/evidence"),
        ("PUT", "/api/v1/documents/{sha256}"),
        ("GET", "/api/v1/documents/{sha256}"),
        ("POST", "/api/v1/cases/{case_id}/actions"),
        ("PUT", "/api/v1/anchors/{desk_id}"),
        ("GET", "/api/v1/anchors/{desk_id}"),
        ("POST", "/api/v1/timestamp"),
    }
    anchor = document["paths"]["/api/v1/anchors/{desk_id}"]["put"]
    assert anchor["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AnchorRequest"
    }
    assert "AnchorRequest" in document["components"]["schemas"]
    action = document["paths"]["/api/v1/cases/{case_id}/actions"]["post"]
    assert action["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Action"
    }
    kinds = {
        ref["$ref"].rsplit("/", 1)[-1]
        for ref in document["components"]["schemas"]["Action"]["oneOf"]
    }
    assert len(kinds) == 9
    assert {"409", "412", "422"} <= set(action["responses"])
