"""The platform's RFC 3161 timestamp authority (``POST /api/v1/timestamp``, API 1.2), on
a real loopback server with the demo organisation's ``tsa.p12``; its tokens checked by
OpenSSL (``openssl ts -verify``) against the demo CA, not only by our own code."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from asn1crypto import algos, cms, core, tsp

from platform_server.timestamps import TimestampAuthority, TimestampAuthorityError
from tests.integration.platform.conftest import Api, start_platform

PASSPHRASE = "tsa passphrase 时间"
QUERY = {"Content-Type": "application/timestamp-query"}


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reports.signing.pki import init_demo_pki

    folder = tmp_path_factory.mktemp("pki")
    init_demo_pki("示例调解中心", folder, PASSPHRASE.encode())
    return folder


@pytest.fixture(scope="module")
def tsa_api(pki: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    server = start_platform(
        tmp_path_factory.mktemp("platform"),
        cases=4,
        tsa_p12=pki / "tsa.p12",
        tsa_passphrase=PASSPHRASE,
    )
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        yield Api(server, http)
    server.stop()


class _Reply(core.Sequence):
    """RFC 3161's TimeStampResp, whose token is optional (asn1crypto requires it)."""

    _fields = [  # noqa: RUF012
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def _query(
    digest: bytes, *, algorithm: str = "sha256", nonce: int | None = None, cert_req: bool = True
) -> bytes:
    fields: dict[str, object] = {
        "version": "v1",
        "message_imprint": tsp.MessageImprint(
            {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": algorithm}),
                "hashed_message": digest,
            }
        ),
        "cert_req": cert_req,
    }
    if nonce is not None:
        fields["nonce"] = nonce
    return bytes(tsp.TimeStampReq(fields).dump())


def test_a_hash_is_timestamped_and_openssl_verifies_the_token_against_the_demo_ca(
    tsa_api: Api, pki: Path, tmp_path: Path
) -> None:
    data = "调解书 ruling".encode()
    digest = hashlib.sha256(data).digest()
    nonce = secrets.randbits(63)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    answer = tsa_api.http.post(
        "/api/v1/timestamp",
        content=_query(digest, nonce=nonce),
        headers={**tsa_api.headers("mediator1"), **QUERY},
    )
    after = dt.datetime.now(dt.UTC)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/timestamp-reply"
    reply = tsp.TimeStampResp.load(answer.content)
    assert reply["status"]["status"].native == "granted"
    info = reply["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
    assert info["message_imprint"]["hashed_message"].native == digest
    assert info["nonce"].native == nonce
    assert before <= info["gen_time"].native <= after
    signed = reply["time_stamp_token"]["content"]
    assert signed["signer_infos"][0]["signature_algorithm"]["algorithm"].native == "sha256_ecdsa"

    (tmp_path / "reply.tsr").write_bytes(answer.content)
    (tmp_path / "data.txt").write_bytes(data)
    done = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-in",
            str(tmp_path / "reply.tsr"),
            "-data",
            str(tmp_path / "data.txt"),
            "-CAfile",
            str(pki / "ca.pem"),
        ],
        capture_output=True,
        text=True,
    )
    assert "Verification: OK" in done.stdout, done.stdout + done.stderr
    # The same token over other data does not verify: the check above can fail.
    (tmp_path / "data.txt").write_bytes(data + b"!")
    done = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-in",
            str(tmp_path / "reply.tsr"),
            "-data",
            str(tmp_path / "data.txt"),
            "-CAfile",
            str(pki / "ca.pem"),
        ],
        capture_output=True,
        text=True,
    )
    assert "Verification: OK" not in done.stdout


def test_certificates_are_in_the_token_only_when_asked_for(tsa_api: Api) -> None:
    headers = {**tsa_api.headers("mediator1"), **QUERY}
    digest = hashlib.sha256(b"x").digest()
    bare = tsp.TimeStampResp.load(
        tsa_api.http.post(
            "/api/v1/timestamp", content=_query(digest, cert_req=False), headers=headers
        ).content
    )
    full = tsp.TimeStampResp.load(
        tsa_api.http.post("/api/v1/timestamp", content=_query(digest), headers=headers).content
    )
    assert bare["time_stamp_token"]["content"]["certificates"].native is None
    subjects = [
        c.chosen.subject.native["common_name"]
        for c in full["time_stamp_token"]["content"]["certificates"]
    ]
    assert "示例调解中心 demo TSA" in subjects


def test_requests_the_tsa_cannot_honour_are_rejected_with_the_rfc_3161_reason(
    tsa_api: Api,
) -> None:
    headers = {**tsa_api.headers("mediator1"), **QUERY}
    cases = {
        "bad_alg": _query(hashlib.md5(b"x").digest(), algorithm="md5"),
        "bad_data_format": _query(b"\x01" * 20),  # 20 bytes is not a SHA-256
    }
    for failure, query in cases.items():
        answer = tsa_api.http.post("/api/v1/timestamp", content=query, headers=headers)
        assert answer.status_code == 200
        reply = _Reply.load(answer.content)
        assert reply["status"]["status"].native == "rejection"
        assert failure in reply["status"]["fail_info"].native
        assert reply["time_stamp_token"].native is None
    garbage = tsa_api.http.post("/api/v1/timestamp", content=b"not DER", headers=headers)
    reply = _Reply.load(garbage.content)
    assert "bad_data_format" in reply["status"]["fail_info"].native


def test_what_is_not_a_timestamp_request_is_an_http_error(tsa_api: Api) -> None:
    query = _query(hashlib.sha256(b"x").digest())
    anonymous = tsa_api.http.post("/api/v1/timestamp", content=query, headers=QUERY)
    assert anonymous.status_code == 401
    wrong_type = tsa_api.http.post(
        "/api/v1/timestamp",
        content=query,
        headers={**tsa_api.headers("mediator1"), "Content-Type": "application/octet-stream"},
    )
    assert wrong_type.status_code == 422 and wrong_type.json()["error"] == "invalid"
    huge = tsa_api.http.post(
        "/api/v1/timestamp",
        content=b"\0" * 10_000,
        headers={**tsa_api.headers("mediator1"), **QUERY},
    )
    assert huge.status_code == 413


def test_a_platform_without_a_tsa_key_says_it_serves_no_timestamps(tmp_path: Path) -> None:
    server = start_platform(tmp_path, cases=0)
    try:
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            api = Api(server, http)
            answer = http.post(
                "/api/v1/timestamp",
                content=_query(hashlib.sha256(b"x").digest()),
                headers={**api.headers("mediator1"), **QUERY},
            )
        assert answer.status_code == 404 and answer.json()["error"] == "not_found"
    finally:
        server.stop()


def test_a_wrong_passphrase_or_a_key_without_timestamping_usage_is_refused(pki: Path) -> None:
    with pytest.raises(TimestampAuthorityError, match="wrong passphrase"):
        TimestampAuthority.from_file(pki / "tsa.p12", "wrong")
    with pytest.raises(TimestampAuthorityError, match="does not allow timestamping"):
        TimestampAuthority.from_file(pki / "mediator1.p12", PASSPHRASE)


def test_serve_takes_the_tsa_passphrase_from_the_environment_only(
    pki: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MEDIATION_PLATFORM_TSA_PASSPHRASE"}
    command = [
        sys.executable,
        "-m",
        "app.cli.main",
        "platform",
        "serve",
        "--data",
        str(tmp_path),
        "--port",
        "0",
        "--cases",
        "0",
        "--tsa",
        str(pki / "tsa.p12"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2
    assert "MEDIATION_PLATFORM_TSA_PASSPHRASE" in done.stderr
    env["MEDIATION_PLATFORM_TSA_PASSPHRASE"] = "wrong"
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2 and "wrong passphrase" in done.stderr
