"""Bytes: case documents, evidence downloads with Range, evidence uploads, PDFs."""

from __future__ import annotations

import hashlib
import json

from tests.integration.platform.conftest import Api, pdf_bytes


def test_a_case_has_a_version_etag_and_honours_if_none_match(api: Api) -> None:
    document = api.fresh_case()
    path = f"/api/v1/cases/{document['case']['id']}"
    answer = api.http.get(path, headers=api.headers("mediator1"))
    assert answer.headers["ETag"] == f'"v{document["case"]["version"]}"'
    again = api.http.get(
        path, headers={**api.headers("mediator1"), "If-None-Match": answer.headers["ETag"]}
    )
    assert again.status_code == 304 and again.content == b""
    assert (
        api.http.get("/api/v1/cases/DSP-0000-000000", headers=api.headers("mediator1")).status_code
        == 404
    )
    assert (
        api.http.get("/api/v1/cases/..%2Fetc", headers=api.headers("mediator1")).status_code == 404
    )


def test_every_evidence_file_matches_its_declared_size_and_hash(api: Api) -> None:
    document = api.fresh_case()
    assert 2 <= len(document["evidence"]) <= 8
    for item in document["evidence"]:
        answer = api.http.get(
            f"/api/v1/cases/{document['case']['id']}/evidence/{item['id']}",
            headers=api.headers("mediator1"),
        )
        assert answer.status_code == 200
        assert int(answer.headers["Content-Length"]) == item["size"] == len(answer.content)
        assert answer.headers["ETag"] == f'"sha256:{item["sha256"]}"'
        assert hashlib.sha256(answer.content).hexdigest() == item["sha256"]
        assert answer.headers["Content-Type"].startswith(item["media_type"])


def test_an_interrupted_download_resumes_with_a_range(api: Api) -> None:
    document = api.fresh_case()
    item = max(document["evidence"], key=lambda entry: entry["size"])
    path = f"/api/v1/cases/{document['case']['id']}/evidence/{item['id']}"
    whole = api.http.get(path, headers=api.headers("mediator1")).content
    start = item["size"] // 3
    rest = api.http.get(path, headers={**api.headers("mediator1"), "Range": f"bytes={start}-"})
    assert rest.status_code == 206
    assert rest.headers["Content-Range"] == f"bytes {start}-{item['size'] - 1}/{item['size']}"
    assert int(rest.headers["Content-Length"]) == item["size"] - start
    assert whole[:start] + rest.content == whole
    past = api.http.get(
        path, headers={**api.headers("mediator1"), "Range": f"bytes={item['size']}-"}
    )
    assert past.status_code == 416 and past.headers["Content-Range"] == f"bytes */{item['size']}"
    nonsense = api.http.get(path, headers={**api.headers("mediator1"), "Range": "lines=1-2"})
    assert nonsense.status_code == 200 and nonsense.content == whole


def test_unknown_evidence_is_not_found(api: Api) -> None:
    document = api.fresh_case()
    answer = api.http.get(
        f"/api/v1/cases/{document['case']['id']}/evidence/E999", headers=api.headers("mediator1")
    )
    assert answer.status_code == 404 and answer.json()["error"] == "not_found"


def _upload(
    api: Api, case_id: str, data: bytes, meta: object, user: str = "mediator1", **headers: str
):  # type: ignore[no-untyped-def]
    return api.http.post(
        f"/api/v1/cases/{case_id}/evidence",
        files={
            "file": ("通话记录.txt", data, "text/plain"),
            "meta": (None, json.dumps(meta, ensure_ascii=False), "application/json"),
        },
        headers={**api.headers(user), **headers},
    )


def test_an_uploaded_evidence_file_is_added_once_per_hash(api: Api) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    data = "2026-11-20 10:20 致电买家，买家同意补充照片。".encode()
    meta = {"kind": "other", "title": "通话记录", "captured_at": "2026-11-20T10:20:00+08:00"}
    first = _upload(api, case_id, data, meta)
    assert first.status_code == 201, first.text
    entry = first.json()
    assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
    assert (
        entry["submitted_by"] == "user:mediator1"
        and entry["filename"] == "通话记录.txt"
        and entry["media_type"] == "text/plain"
    )
    assert first.headers["ETag"] == f'"v{version + 1}"'
    again = _upload(api, case_id, data, meta)
    assert again.status_code == 200 and again.json() == entry
    after = api.case("mediator1", case_id)
    assert after["case"]["version"] == version + 1
    assert [e["id"] for e in after["evidence"]].count(entry["id"]) == 1
    download = api.http.get(
        f"/api/v1/cases/{case_id}/evidence/{entry['id']}", headers=api.headers("mediator1")
    )
    assert download.content == data


def test_bad_evidence_uploads_are_refused_and_nothing_is_added(api: Api) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    assert _upload(api, case_id, b"x", {"kind": "selfie"}).status_code == 422
    assert (
        _upload(api, case_id, b"x", {"kind": "photo", "captured_at": "yesterday"}).status_code
        == 422
    )
    assert _upload(api, case_id, b"x", {"kind": "photo", "colour": "red"}).status_code == 422
    stale = _upload(
        api, case_id, b"new bytes", {"kind": "photo"}, **{"If-Match": f'"v{version - 1}"'}
    )
    assert stale.status_code == 409 and stale.json()["current_version"] == version
    huge = _upload(
        api, case_id, b"0" * (api.server.config.max_upload_bytes + 10), {"kind": "photo"}
    )
    assert huge.status_code == 413 and huge.json()["error"] == "too_large"
    theirs = api.fresh_case("mediator2")
    assert _upload(api, theirs["case"]["id"], b"y", {"kind": "photo"}).status_code == 404
    assert api.case("mediator1", case_id)["case"]["version"] == version


def test_a_pdf_is_stored_by_its_hash_once(api: Api) -> None:
    data = pdf_bytes("stored once")
    sha = hashlib.sha256(data).hexdigest()
    headers = {**api.headers("mediator1"), "Content-Type": "application/pdf"}
    first = api.http.put(f"/api/v1/documents/{sha}", content=data, headers=headers)
    assert first.status_code == 201 and first.json() == {"sha256": sha, "size": len(data)}
    assert (
        api.http.put(f"/api/v1/documents/{sha}", content=data, headers=headers).status_code == 200
    )
    back = api.http.get(f"/api/v1/documents/{sha}", headers=api.headers("mediator1"))
    assert (
        back.status_code == 200
        and back.content == data
        and back.headers["ETag"] == f'"sha256:{sha}"'
    )


def test_a_pdf_whose_hash_or_type_is_wrong_is_refused(api: Api) -> None:
    data = pdf_bytes("wrong hash")
    headers = {**api.headers("mediator1"), "Content-Type": "application/pdf"}
    wrong = api.http.put(f"/api/v1/documents/{'a' * 64}", content=data, headers=headers)
    assert wrong.status_code == 422 and wrong.json()["error"] == "invalid"
    assert api.http.put("/api/v1/documents/abc", content=data, headers=headers).status_code == 422
    text = b"not a pdf"
    not_pdf = api.http.put(
        f"/api/v1/documents/{hashlib.sha256(text).hexdigest()}", content=text, headers=headers
    )
    assert not_pdf.status_code == 422
    json_type = api.http.put(
        f"/api/v1/documents/{hashlib.sha256(data).hexdigest()}",
        content=data,
        headers={**api.headers("mediator1"), "Content-Type": "application/json"},
    )
    assert json_type.status_code == 422
    assert (
        api.http.get(f"/api/v1/documents/{'a' * 64}", headers=api.headers("mediator1")).status_code
        == 404
    )


def test_a_pdf_is_private_to_its_uploader_until_a_visible_case_lists_it(api: Api) -> None:
    sha = api.upload_pdf("mediator1", pdf_bytes("private draft"))
    assert (
        api.http.get(f"/api/v1/documents/{sha}", headers=api.headers("mediator2")).status_code
        == 404
    )
    assert (
        api.http.get(f"/api/v1/documents/{sha}", headers=api.headers("supervisor1")).status_code
        == 200
    )
