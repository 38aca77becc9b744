"""Audit anchors (an addition to version 1): each desk sends its audit chain's head.

``PUT /api/v1/anchors/{desk_id}`` stores the newest anchor per desk and user and refuses,
409 ``anchor_rewound``, one that goes back: a lower ``seq``, or the same ``seq`` with
another digest. So a desk whose database was rewound cannot overwrite what it sent
before, and its next sync says so. ``GET`` answers the stored anchor, or 404.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError
from starlette.concurrency import run_in_threadpool

from app.contract.case_document import Sha256, Time
from app.contract.wire import API_PREFIX
from platform_server.api.common import (
    CurrentUser,
    errors,
    json_body_schema,
    platform_of,
    refuse_unknown_query,
)
from platform_server.db import AnchorRow
from platform_server.errors import ApiError, not_found

router = APIRouter(prefix=API_PREFIX, dependencies=[Depends(refuse_unknown_query)])

DESK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
DeskId = Annotated[
    str, Path(description="The desk's identity (its audit trail's)", pattern=DESK_ID_PATTERN)
]
# Sequence numbers the databases on both sides hold exactly (63-bit, and JSON-safe).
MAX_SEQ = 2**53


class AnchorRequest(BaseModel):
    """An audit chain's head: its last event's number and hash, and when it was written."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    seq: Annotated[int, Field(ge=0, le=MAX_SEQ)]
    digest: Sha256
    at: Time


class AnchorResponse(BaseModel):
    desk_id: str
    seq: int
    digest: str
    at: str


def parse_anchor(body: bytes) -> AnchorRequest:
    try:
        return AnchorRequest.model_validate_json(body, strict=True)
    except PydanticValidationError as exc:
        problems = exc.errors(include_url=False)
        if problems and problems[0]["type"] == "json_invalid":
            raise ApiError("bad_request", "The body is not valid JSON.") from None
        if problems and problems[0]["type"] == "model_type" and not problems[0]["loc"]:
            raise ApiError("bad_request", "The body must be a JSON object.") from None
        details = {
            ".".join(str(part) for part in problem["loc"]) or "(body)": str(problem["msg"])
            for problem in problems
        }
        first = next(iter(details.items()))
        raise ApiError("invalid", f"{first[0]}: {first[1]}", details=details) from None


def _answer(row: AnchorRow) -> dict[str, Any]:
    return {"desk_id": row.desk_id, "seq": row.seq, "digest": row.digest, "at": row.at}


@router.put(
    "/anchors/{desk_id}",
    response_model=AnchorResponse,
    responses=errors(400, 409, 413, 422),
    openapi_extra=json_body_schema("AnchorRequest"),
    summary="Keep this desk's audit head; refuses one that went back (409)",
)
async def put_anchor(request: Request, desk_id: DeskId, user: CurrentUser) -> JSONResponse:
    platform = platform_of(request)
    anchor = parse_anchor(await request.body())
    at = anchor.at.isoformat()

    def store() -> dict[str, Any]:
        with platform.db.write() as session:
            row = session.get(AnchorRow, (desk_id, user.username))
            if row is not None and (
                anchor.seq < row.seq or (anchor.seq == row.seq and anchor.digest != row.digest)
            ):
                raise ApiError(
                    "anchor_rewound",
                    f"This desk already sent its audit trail up to entry {row.seq}; "
                    f"entry {anchor.seq} with this digest does not follow it.",
                    status=409,
                    stored_seq=row.seq,
                    stored_at=row.at,
                )
            if row is None:
                row = AnchorRow(desk_id=desk_id, username=user.username)
                session.add(row)
            if row.seq is None or anchor.seq > row.seq:
                row.seq, row.digest, row.at = anchor.seq, anchor.digest, at
                row.stored_at = time.time()
            answer = _answer(row)
            session.commit()
            return answer

    return JSONResponse(await run_in_threadpool(store))


@router.get(
    "/anchors/{desk_id}",
    response_model=AnchorResponse,
    responses=errors(404),
    summary="The audit anchor this desk last sent (for this user)",
)
def get_anchor(request: Request, desk_id: DeskId, user: CurrentUser) -> JSONResponse:
    platform = platform_of(request)
    with platform.db.read() as session:
        row = session.get(AnchorRow, (desk_id, user.username))
        if row is None:
            raise not_found("anchor")
        return JSONResponse(_answer(row))
