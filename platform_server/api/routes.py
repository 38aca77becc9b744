"""The sync API, version 1: every endpoint of PLATFORM_API.md."""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from app.contract.case_document import CaseDocument, Evidence, is_valid_id
from app.contract.content_store import StagedFile, is_sha256
from app.contract.wire import (
    API_PREFIX,
    ActionResponse,
    BodyError,
    ChangesPage,
    DocumentStored,
    file_etag,
    is_idempotency_key,
    parse_action,
    parse_evidence_meta,
    parse_version_tag,
    version_etag,
)
from platform_server import cases
from platform_server.actions import ActionContext, Caller, apply_action, authorize, next_id
from platform_server.api.common import (
    BodyTooLarge,
    CurrentUser,
    errors,
    file_response,
    json_body_schema,
    json_bytes,
    platform_of,
    refuse_unknown_query,
)
from platform_server.db import CaseRow, DocumentRef, IdempotencyRecord, StoredDocument
from platform_server.errors import ApiError, body_error, invalid, not_found
from platform_server.faults import FAULT_SCOPE_KEY, FaultDecision

router = APIRouter(prefix=API_PREFIX, dependencies=[Depends(refuse_unknown_query)])

CaseId = Annotated[
    str, Path(description="The platform's case number, e.g. DSP-2026-000123", max_length=200)
]
_JSON = "application/json"


# ---------------------------------------------------------------------------------------
# Changes


@router.get(
    "/changes",
    response_model=ChangesPage,
    responses=errors(400),
    summary="Changes to the cases this user sees, in seq order",
)
def list_changes(
    request: Request,
    user: CurrentUser,
    cursor: Annotated[
        str,
        Query(
            max_length=40,
            pattern=cases.CURSOR_PATTERN,
            description="next_cursor of the previous page (opaque); empty or absent: the start",
        ),
    ] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Response:
    platform = platform_of(request)
    after = cases.decode_cursor(cursor)
    fault: FaultDecision | None = request.scope.get(FAULT_SCOPE_KEY)
    with platform.db.read() as session:
        entries, end = cases.read_feed(session, user.username, after, limit)
        if not entries and after > cases.last_seq(session):
            # A cursor this feed never reached: the platform went back in time (restored
            # from a backup). Say so, so the client reads the whole feed again.
            raise ApiError(
                "bad_request",
                "The cursor is ahead of this feed (the platform was restored?); "
                "start again without a cursor.",
                details={"cursor": "ahead of the feed"},
            )
        next_seq = entries[-1].seq if entries else after
        next_cursor = cases.encode_cursor(next_seq)
        if fault is not None and fault.duplicate_page:
            rng = random.Random(fault.rng_seed + ":page")  # noqa: S311 (simulation, not security)
            mode = rng.choice(("repeat", "overlap", "reorder"))
            if mode == "repeat":
                # Hand back the same cursor: the client will be served this page again.
                next_cursor = cases.encode_cursor(after)
                end = False
            elif mode == "overlap" and after > 0:
                entries = (
                    cases.read_entries_before(session, user.username, after, rng.randint(1, 5))
                    + entries
                )
            rng.shuffle(entries)
    body = cases.render_page(entries, next_cursor, end)
    return Response(body, media_type=_JSON)


# ---------------------------------------------------------------------------------------
# Cases


def _visible_case(session: Any, case_id: str, user: Caller) -> CaseRow:
    row: CaseRow | None = session.get(CaseRow, case_id) if is_valid_id(case_id) else None
    if row is None or not cases.can_see(row, user.username, user.role):
        raise not_found("case")
    return row


@router.get(
    "/cases/{case_id}",
    responses={
        200: {"model": CaseDocument, "description": "the case document"},
        304: {"description": "not modified (If-None-Match)"},
        **errors(404),
    },
    summary='The current case document; ETag "v<version>"',
)
def get_case(request: Request, case_id: CaseId, user: CurrentUser) -> Response:
    platform = platform_of(request)
    with platform.db.read() as session:
        row = _visible_case(session, case_id, user)
        etag = version_etag(row.version)
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(row.document, media_type=_JSON, headers={"ETag": etag})


@router.get(
    "/cases/{case_id}/evidence/{evidence_id}",
    response_class=Response,
    responses={
        200: {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
            "description": 'the file; ETag "sha256:<hex>"',
        },
        206: {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
            "description": "the requested byte range (Range: bytes=N-)",
        },
        304: {"description": "not modified (If-None-Match)"},
        416: {"description": "range not satisfiable"},
        **errors(404),
    },
    summary="An evidence file's bytes; supports Range",
)
def get_evidence(
    request: Request,
    case_id: CaseId,
    evidence_id: Annotated[str, Path(max_length=200)],
    user: CurrentUser,
) -> Response:
    platform = platform_of(request)
    with platform.db.read() as session:
        row = _visible_case(session, case_id, user)
        document = cases.load(row)
    item = next((entry for entry in document["evidence"] if entry["id"] == evidence_id), None)
    if item is None:
        raise not_found("evidence")
    return file_response(
        request,
        platform.store.path_of(item["sha256"]),
        item["size"],
        item["media_type"],
        file_etag(item["sha256"]),
    )


@router.post(
    "/cases/{case_id}/evidence",
    status_code=201,
    response_model=Evidence,
    responses={
        200: {"model": Evidence, "description": "this file was already in the case"},
        **errors(400, 403, 404, 409, 413, 422),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file", "meta"],
                        "additionalProperties": False,
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "meta": {"$ref": "#/components/schemas/EvidenceMeta"},
                        },
                    },
                    "encoding": {"meta": {"contentType": "application/json"}},
                }
            },
        }
    },
    summary="Add evidence (multipart: file + meta); idempotent by the file's hash",
)
async def add_evidence(request: Request, case_id: CaseId, user: CurrentUser) -> JSONResponse:
    platform = platform_of(request)
    if_match = request.headers.get("if-match")
    based_on = _parse_if_match(if_match) if if_match is not None else None
    try:
        form = await request.form(max_files=1, max_fields=2, max_part_size=64 * 1024)
    except BodyTooLarge:
        raise
    upload = form.get("file")
    meta_raw = form.get("meta")
    if upload is None or isinstance(upload, str):
        raise invalid("file: a file part is required", file="is required")
    if meta_raw is None:
        raise invalid(
            "meta: a JSON part with kind, title, description, captured_at is required",
            meta="is required",
        )
    if not isinstance(meta_raw, str):
        meta_raw = (await meta_raw.read()).decode("utf-8", "replace")
    try:
        meta = parse_evidence_meta(meta_raw)
    except BodyError as exc:
        raise ApiError(
            "invalid",
            f"meta: {exc.message}",
            details={f"meta.{key}": value for key, value in exc.details.items()}
            or {"meta": exc.message},
        ) from None
    filename = (upload.filename or "upload").replace("\x00", "")[:255] or "upload"
    media_type = (upload.content_type or "application/octet-stream").split(";")[0].strip().lower()
    if not _MEDIA_TYPE.fullmatch(media_type) or len(media_type) > 100:
        media_type = "application/octet-stream"
    limit = platform.config.max_upload_bytes

    def store() -> tuple[int, dict[str, Any], int]:
        with platform.store.staging() as staging:
            staged: StagedFile = staging.stage_stream(upload.file, limit)
            if staged.overflowed:
                raise BodyTooLarge(limit)
            with platform.db.write() as session:
                row = cases.lock_case(session, case_id) if is_valid_id(case_id) else None
                if row is None or not cases.can_see(row, user.username, user.role):
                    raise not_found("case")
                if user.role != "supervisor" and row.assigned_to != user.username:
                    raise ApiError(
                        "forbidden", "Only the mediator assigned to this case may add evidence."
                    )
                document = cases.load(row)
                existing = next(
                    (e for e in document["evidence"] if e["sha256"] == staged.sha256), None
                )
                if existing is not None:
                    return 200, existing, row.version
                if based_on is not None and based_on != row.version:
                    raise ApiError(
                        "version_conflict",
                        f"The case is at version {row.version}.",
                        current_version=row.version,
                    )
                now = cases.now_text(document)
                entry: dict[str, Any] = {
                    "id": next_id("E", document["evidence"]),
                    "kind": meta.kind,
                    "submitted_by": user.actor,
                    "submitted_at": now,
                    "filename": filename,
                    "media_type": media_type,
                    "size": staged.size,
                    "sha256": staged.sha256,
                }
                if meta.title is not None:
                    entry["title"] = meta.title
                if meta.description is not None:
                    entry["description"] = meta.description
                if meta.captured_at is not None:
                    entry["captured_at"] = meta.captured_at.isoformat()
                document["evidence"].append(entry)
                document["history"].append(
                    {
                        "at": now,
                        "actor": user.actor,
                        "event": "evidence.submitted",
                        "text": entry["id"],
                    }
                )
                platform.store.commit([staged])
                version = cases.save_new_version(
                    session, row, document, actor=user.actor, kind="evidence.added", at=time.time()
                )
                session.commit()
                return 201, entry, version

    status, entry, version = await run_in_threadpool(store)
    return JSONResponse(entry, status_code=status, headers={"ETag": version_etag(version)})


_MEDIA_TYPE = re.compile(r"^[a-z0-9.+-]+/[a-z0-9.+-]+$")


# ---------------------------------------------------------------------------------------
# Documents (PDF bytes)


def _check_sha(sha256: str) -> None:
    if not is_sha256(sha256):
        raise invalid(
            "sha256: must be a SHA-256 hash: 64 characters 0-9 and a-f", sha256="not a SHA-256 hash"
        )


@router.put(
    "/documents/{sha256}",
    status_code=201,
    response_model=DocumentStored,
    responses={
        200: {"model": DocumentStored, "description": "already stored"},
        **errors(400, 413, 422),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    summary="Upload a PDF under its SHA-256; idempotent",
)
async def put_document(
    request: Request, sha256: Annotated[str, Path(max_length=200)], user: CurrentUser
) -> JSONResponse:
    platform = platform_of(request)
    _check_sha(sha256)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/pdf":
        raise invalid(
            "Content-Type: a document is uploaded as application/pdf",
            **{"Content-Type": "must be application/pdf"},
        )
    limit = platform.config.max_upload_bytes
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        digest.update(chunk)
        chunks.append(chunk)
    if digest.hexdigest() != sha256:
        raise invalid(
            "The body's SHA-256 is not the one named in the URL.", sha256="does not match the body"
        )
    data = b"".join(chunks)
    if not data.startswith(b"%PDF-"):
        raise invalid("The body is not a PDF.", body="must be a PDF file (starting with %PDF-)")

    def store() -> int:
        with platform.db.write() as session:
            if session.get(StoredDocument, sha256) is not None and platform.store.has(sha256):
                return 200
            with platform.store.staging() as staging:
                platform.store.commit([staging.stage_bytes(data)])
            if session.get(StoredDocument, sha256) is None:
                session.add(
                    StoredDocument(
                        sha256=sha256,
                        size=len(data),
                        uploaded_by=user.username,
                        uploaded_at=time.time(),
                    )
                )
            session.commit()
            return 201

    status = await run_in_threadpool(store)
    return JSONResponse(
        {"sha256": sha256, "size": len(data)},
        status_code=status,
        headers={"ETag": file_etag(sha256)},
    )


@router.get(
    "/documents/{sha256}",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            "description": "the PDF",
        },
        206: {
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            "description": "a byte range",
        },
        304: {"description": "not modified"},
        416: {"description": "range not satisfiable"},
        **errors(404),
    },
    summary="Download a PDF by its SHA-256",
)
def get_document(
    request: Request, sha256: Annotated[str, Path(max_length=200)], user: CurrentUser
) -> Response:
    platform = platform_of(request)
    if not is_sha256(sha256):
        raise not_found("document")
    with platform.db.read() as session:
        stored = session.get(StoredDocument, sha256)
        if stored is None:
            raise not_found("document")
        allowed = user.role == "supervisor" or stored.uploaded_by == user.username
        if not allowed:
            for case_id in session.scalars(
                select(DocumentRef.case_id).where(DocumentRef.sha256 == sha256)
            ):
                row = session.get(CaseRow, case_id)
                if row is not None and cases.can_see(row, user.username, user.role):
                    allowed = True
                    break
        if not allowed:
            raise not_found("document")
        size = stored.size
    return file_response(
        request, platform.store.path_of(sha256), size, "application/pdf", file_etag(sha256)
    )


# ---------------------------------------------------------------------------------------
# Actions


def _parse_if_match(value: str) -> int:
    version = parse_version_tag(value)
    if version is None:
        raise ApiError("bad_request", 'If-Match must name a case version, like "v7".')
    return version


def _fingerprint(case_id: str, body: bytes) -> str:
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, RecursionError):
        canonical = body
    return hashlib.sha256(case_id.encode() + b"\x00" + canonical).hexdigest()


@router.post(
    "/cases/{case_id}/actions",
    response_model=ActionResponse,
    responses=errors(400, 403, 404, 409, 412, 413, 422),
    openapi_extra=json_body_schema("Action"),
    summary="Act on a case (needs Idempotency-Key and If-Match)",
)
async def act(
    request: Request,
    case_id: CaseId,
    user: CurrentUser,
) -> Response:
    platform = platform_of(request)
    key = request.headers.get("idempotency-key")
    if_match = request.headers.get("if-match")
    if key is None or if_match is None:
        missing = [
            name
            for name, value in (("Idempotency-Key", key), ("If-Match", if_match))
            if value is None
        ]
        raise ApiError(
            "precondition_required", f"A write needs the header(s): {', '.join(missing)}."
        )
    if not is_idempotency_key(key):
        raise ApiError(
            "bad_request",
            "Idempotency-Key must be a UUID or a short token of letters, digits, '.', '_', ':' or '-'.",
        )
    based_on = _parse_if_match(if_match)
    body = await request.body()
    fingerprint = _fingerprint(case_id, body)

    def run() -> tuple[int, bytes, int | None]:
        with platform.db.write() as session:
            record = session.get(IdempotencyRecord, (user.username, key))
            if record is not None:
                if record.fingerprint != fingerprint:
                    raise ApiError(
                        "invalid",
                        "This Idempotency-Key was already used for a different request.",
                        details={"Idempotency-Key": "already used for a different request"},
                    )
                return record.status, record.body, None
            row = cases.lock_case(session, case_id) if is_valid_id(case_id) else None
            if row is None or not cases.can_see(row, user.username, user.role):
                raise not_found("case")
            try:
                action = parse_action(body)
            except BodyError as exc:
                raise body_error(exc) from None
            authorize(action.type, user, row.assigned_to)
            if based_on != row.version:
                raise ApiError(
                    "version_conflict",
                    f"The case changed: it is at version {row.version}, not {based_on}. Pull it and decide again.",
                    current_version=row.version,
                )
            document = cases.load(row)
            at = time.time()
            extra = json.loads(json.dumps(row.extra or {}))
            ctx = ActionContext(
                caller=user,
                now=cases.now_text(document, at),
                at=at,
                uploaded_size=lambda sha: _uploaded_size(session, platform, sha),
                extra=extra,
            )
            kind, result = apply_action(document, action, ctx)
            row.extra = extra
            version = cases.save_new_version(
                session, row, document, actor=user.actor, kind=kind, at=at
            )
            if ctx.jobs:
                platform.simulator.queue(session, row.id, ctx.jobs, at)
            answer = json_bytes({"case_version": version, "result": result})
            session.add(
                IdempotencyRecord(
                    username=user.username,
                    key=key,
                    fingerprint=fingerprint,
                    status=200,
                    body=answer,
                    created_at=at,
                )
            )
            session.commit()
            return 200, answer, version

    status, answer, version = await run_in_threadpool(run)
    platform.simulator.poke()
    if version is None:
        version = json.loads(answer).get("case_version")
    return Response(
        answer,
        status_code=status,
        media_type=_JSON,
        headers={"ETag": version_etag(int(version or 0))},
    )


def _uploaded_size(session: Any, platform: Any, sha256: str) -> int | None:
    stored = session.get(StoredDocument, sha256)
    if stored is None or not platform.store.has(sha256):
        return None
    return int(stored.size)
