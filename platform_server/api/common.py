"""What every endpoint shares: the platform's services, authentication, error bodies,
the body-size limit, and byte-range file responses."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import anyio
from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.contract.content_store import ContentStore
from app.contract.wire import API_PREFIX, ErrorBody
from platform_server.actions import Caller
from platform_server.cases import DocumentInvalid
from platform_server.config import PlatformConfig
from platform_server.db import Database, Token, User
from platform_server.errors import ApiError
from platform_server.faults import FaultInjector
from platform_server.login_limits import LoginLimiter
from platform_server.parties import Simulator
from platform_server.timestamps import TimestampAuthority

CHUNK = 1024 * 1024


@dataclass
class Platform:
    """The services one running server is made of."""

    config: PlatformConfig
    db: Database
    store: ContentStore
    faults: FaultInjector
    simulator: Simulator
    login_limiter: LoginLimiter = field(default_factory=LoginLimiter)
    # The RFC 3161 timestamp authority (API 1.2), when the platform has a TSA key.
    tsa: TimestampAuthority | None = None
    # Evidence and document bodies served (200 or 206), by path: tests count downloads.
    files_served: Counter[str] = field(default_factory=Counter)
    _served_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count_served(self, path: str) -> None:
        with self._served_lock:
            self.files_served[path] += 1


def platform_of(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


def hash_token(token: str) -> str:
    # surrogateescape: any header text hashes (to a token nobody has) instead of failing.
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def json_body_schema(schema_ref: str) -> dict[str, Any]:
    """``openapi_extra`` for an endpoint whose JSON body is parsed by hand."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}
            },
        }
    }


def bearer_token(request: Request) -> str:
    """The token of ``Authorization: Bearer <token>``, or a 401 (which never quotes it)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            "unauthenticated",
            "Log in first: send Authorization: Bearer <token>.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


def current_user(request: Request) -> Caller:
    """The caller named by ``Authorization: Bearer <token>``, or a 401."""
    token = bearer_token(request)
    platform = platform_of(request)
    with platform.db.read() as session:
        row = session.get(Token, hash_token(token))
        user = session.get(User, row.username) if row is not None else None
        if row is None or user is None or row.expires_at <= time.time():
            raise ApiError(
                "unauthenticated",
                "The session has expired or the token is wrong; log in again.",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        return Caller(user.username, user.role)


CurrentUser = Annotated[Caller, Depends(current_user)]

_QUERY_PARAMETERS = {"/changes": frozenset({"cursor", "limit"})}


def refuse_unknown_query(request: Request) -> None:
    """Unknown or repeated query parameters are a bad request, not silently ignored."""
    path = request.url.path.removeprefix(API_PREFIX)
    allowed = _QUERY_PARAMETERS.get(path, frozenset())
    names = [name for name, _ in request.query_params.multi_items()]
    unknown = sorted(set(names) - allowed)
    if unknown:
        raise ApiError("bad_request", f"Unknown query parameter: {unknown[0]!r}.")
    if len(names) != len(set(names)):
        raise ApiError("bad_request", "A query parameter is given more than once.")


# ---------------------------------------------------------------------------------------
# Error bodies

_CODE_BY_STATUS = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "version_conflict",
    412: "precondition_required",
    413: "too_large",
    415: "unsupported_media_type",
    416: "range_not_satisfiable",
    422: "invalid",
    429: "throttled",
    503: "unavailable",
}


def error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


async def on_api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def on_http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _CODE_BY_STATUS.get(exc.status_code, "error")
    message = {404: "No such resource.", 405: "This method is not allowed here."}.get(
        exc.status_code, str(exc.detail)
    )
    return JSONResponse(
        {"error": code, "message": message},
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


async def on_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """Bad parameters are 400 ``bad_request``; a malformed body 400; a well-formed but
    unacceptable body 422 ``invalid`` with ``details``."""
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    details: dict[str, str] = {}
    status, code = 422, "invalid"
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in ("query", "path", "header", "cookie"):
            status, code = 400, "bad_request"
        if error.get("type") == "json_invalid":
            status, code = 400, "bad_request"
        where = ".".join(loc[1:] if len(loc) > 1 else loc) or "(request)"
        details.setdefault(where, str(error.get("msg", "invalid")))
    first = next(iter(details.items()), ("(request)", "invalid"))
    return JSONResponse(
        {"error": code, "message": f"{first[0]}: {first[1]}", "details": details},
        status_code=status,
    )


async def on_document_invalid(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(
        {
            "error": "invalid",
            "message": "The change would make the case document invalid.",
            "details": {"(case)": str(exc)[:500]},
        },
        status_code=422,
    )


async def on_unexpected(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(
        {"error": "server_error", "message": "The platform failed unexpectedly."}, status_code=500
    )


def install_error_handlers(app: Any) -> None:
    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(DocumentInvalid, on_document_invalid)
    app.add_exception_handler(BodyTooLarge, on_too_large)
    app.add_exception_handler(Exception, on_unexpected)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (400, "bad_request: malformed JSON or a bad parameter"),
        (401, "unauthenticated: missing, wrong or expired token"),
        (403, "forbidden: the user's role may not do this"),
        (404, "not_found: no such case, evidence or document, or not visible"),
        (409, "version_conflict: If-Match names an older version (anchors: anchor_rewound)"),
        (412, "precondition_required: If-Match or Idempotency-Key missing"),
        (413, "too_large: the body is over the server's limit"),
        (422, "invalid: well-formed but not acceptable; see details"),
        (429, "throttled: try again after Retry-After seconds"),
        (503, "unavailable: try again after Retry-After seconds"),
    )
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    wanted = set(statuses) | {400, 401, 429, 503}
    return {
        status: ERROR_RESPONSES[status] for status in sorted(wanted) if status in ERROR_RESPONSES
    }


# ---------------------------------------------------------------------------------------
# Body limits


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


async def on_too_large(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BodyTooLarge)
    return too_large_response(exc.limit)


def too_large_response(limit: int) -> JSONResponse:
    return JSONResponse(
        {
            "error": "too_large",
            "message": f"The body is larger than this server accepts ({limit} bytes).",
        },
        status_code=413,
        headers={"Connection": "close"},
    )


_DRAIN_LIMIT = 64 * 1024 * 1024


async def _drain(receive: Receive, message: Message) -> None:
    drained = 0
    while message.get("more_body") and drained <= _DRAIN_LIMIT:
        message = await receive()
        if message["type"] != "http.request":
            return
        drained += len(message.get("body", b""))


class BodyLimitMiddleware:
    """Refuse bodies over the limit: at once by Content-Length, or while streaming."""

    def __init__(self, app: ASGIApp, json_limit: int, upload_limit: int) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit

    def _limit(self, scope: Scope) -> int:
        path: str = scope["path"]
        if path.startswith("/api/v1/documents/") or path.endswith("/evidence"):
            return self.upload_limit
        return self.json_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit:
                    if declared <= _DRAIN_LIMIT:
                        await _drain(receive, {"type": "http.request", "more_body": True})
                    await too_large_response(limit)(scope, receive, send)
                    return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # Read the rest (within reason) so the client can read our answer.
                    await _drain(receive, message)
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counting_receive, send)


# ---------------------------------------------------------------------------------------
# Files with byte ranges


def parse_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """``bytes=N-``, ``bytes=N-M`` or ``bytes=-N`` → (start, end inclusive); None for a
    header to ignore (absent or not understood, RFC 9110 says serve the whole file);
    ``"unsatisfiable"`` when the range lies past the end."""
    if not header:
        return None
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first == "":
            if not last.isdigit() or int(last) == 0:
                return None
            length = min(int(last), size)
            return (size - length, size - 1) if size else "unsatisfiable"
        if not first.isdigit() or (last and not last.isdigit()):
            return None
        start = int(first)
        end = int(last) if last else size - 1
    except ValueError:
        return None
    if start >= size:
        return "unsatisfiable"
    if end < start:
        return None
    return start, min(end, size - 1)


class FileSlice(Response):
    """A response sending a file, or one byte range of it, in 1 MiB chunks."""

    def __init__(
        self,
        path: Path,
        size: int,
        media_type: str,
        headers: dict[str, str],
        span: tuple[int, int] | None,
    ) -> None:
        self.path = path
        self.size = size
        self.background = None
        self.start, self.end = span if span is not None else (0, size - 1)
        self.length = max(0, self.end - self.start + 1)
        self.status_code = 206 if span is not None else 200
        raw = [
            (b"content-type", media_type.encode("latin-1")),
            (b"content-length", str(self.length).encode()),
            (b"accept-ranges", b"bytes"),
        ]
        raw += [
            (key.lower().encode("latin-1"), value.encode("latin-1"))
            for key, value in headers.items()
        ]
        if span is not None:
            raw.append((b"content-range", f"bytes {self.start}-{self.end}/{size}".encode()))
        self.raw_headers = raw

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        if scope["method"] == "HEAD" or self.length == 0:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        remaining = self.length
        async with await anyio.open_file(self.path, "rb") as source:
            await source.seek(self.start)
            while remaining > 0:
                chunk = await source.read(min(CHUNK, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                await send(
                    {"type": "http.response.body", "body": chunk, "more_body": remaining > 0}
                )
        if remaining > 0:
            await send({"type": "http.response.body", "body": b"", "more_body": False})


def file_response(
    request: Request, path: Path, size: int, media_type: str, etag: str, filename: str | None = None
) -> Response:
    if not path.is_file() or os.path.getsize(path) != size:
        raise ApiError("not_found", "The file is missing on the platform.")
    span = parse_range(request.headers.get("range"), size)
    headers = {"ETag": etag, "Cache-Control": "private, max-age=0"}
    if filename:
        headers["Content-Disposition"] = "attachment; filename*=UTF-8''" + _quote(filename)
    if span == "unsatisfiable":
        return JSONResponse(
            {"error": "range_not_satisfiable", "message": f"The file has only {size} bytes."},
            status_code=416,
            headers={"Content-Range": f"bytes */{size}"},
        )
    if request.headers.get("if-none-match") == etag and span is None:
        return Response(status_code=304, headers={"ETag": etag})
    assert not isinstance(span, str)
    platform_of(request).count_served(request.url.path)
    return FileSlice(path, size, media_type, headers, span)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name.replace("\\", "_").replace("/", "_")[:200], safe="")


def json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
