"""``POST /api/v1/timestamp``: the platform's RFC 3161 timestamp authority (API 1.2).

The body is a DER ``TimeStampReq`` (``Content-Type: application/timestamp-query``); the
answer a DER ``TimeStampResp`` (``application/timestamp-reply``, RFC 3161 §3.4). Signed-in
users only (a TSA key is not an oracle for anyone on the network). A request the TSA
cannot honour is still 200 with a ``rejection`` status inside, as RFC 3161 has it; HTTP
errors are for what is not a timestamp request at all. A platform started without a TSA
key answers 404 ``not_found``: the desk then signs without a timestamp (B-B).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from app.contract.wire import API_PREFIX
from platform_server.api.common import (
    BodyTooLarge,
    CurrentUser,
    errors,
    platform_of,
    refuse_unknown_query,
)
from platform_server.errors import ApiError, invalid
from platform_server.timestamps import MAX_QUERY_BYTES

router = APIRouter(prefix=API_PREFIX, dependencies=[Depends(refuse_unknown_query)])

QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"


@router.post(
    "/timestamp",
    responses={
        200: {
            "description": "a DER TimeStampResp (granted, or rejection with its failInfo)",
            "content": {REPLY_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        },
        **errors(404, 413, 422),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {QUERY_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    summary="RFC 3161 timestamp of a hash (API 1.2)",
    response_class=Response,
)
async def timestamp(request: Request, user: CurrentUser) -> Response:
    platform = platform_of(request)
    if platform.tsa is None:
        raise ApiError("not_found", "This platform serves no timestamp authority.")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != QUERY_TYPE:
        raise invalid(
            f"Content-Type: a timestamp request is sent as {QUERY_TYPE}",
            **{"Content-Type": f"must be {QUERY_TYPE}"},
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_QUERY_BYTES:
            raise BodyTooLarge(MAX_QUERY_BYTES)
        chunks.append(chunk)
    reply = await run_in_threadpool(platform.tsa.answer, b"".join(chunks))
    return Response(reply, media_type=REPLY_TYPE)
