"""Admin endpoints for tests and demonstrations, guarded by the admin token printed at
start (header ``X-Admin-Token``). Not part of the sync API, so not in /openapi.json."""

from __future__ import annotations

import hmac
import json
import time
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from app.contract.case_document import is_valid_id
from platform_server import appeals, cases
from platform_server.api.common import platform_of
from platform_server.db import User
from platform_server.errors import ApiError
from platform_server.faults import FaultSpec, FaultSpecError
from platform_server.parties import EDIT_KINDS

router = APIRouter(prefix="/admin", include_in_schema=False)


def _guard(request: Request) -> None:
    given = request.headers.get("x-admin-token", "")
    expected = platform_of(request).config.admin_token
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError("forbidden", "The admin token is missing or wrong.")


async def _json(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise ApiError("bad_request", "The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise ApiError("bad_request", "The body must be a JSON object.")
    return data


@router.get("/faults")
async def get_faults(request: Request) -> JSONResponse:
    _guard(request)
    return JSONResponse(platform_of(request).faults.state())


@router.put("/faults")
async def set_faults(request: Request) -> JSONResponse:
    """Body ``{"spec": "error=0.1,…" | {…}, "seed": 7}``; ``"off"`` clears all faults."""
    _guard(request)
    data = await _json(request)
    seed = data.get("seed")
    if seed is not None and not isinstance(seed, int):
        raise ApiError("bad_request", "seed must be an integer.")
    try:
        spec = FaultSpec.from_json(data.get("spec", "off"))
    except FaultSpecError as exc:
        raise ApiError("invalid", str(exc), details={"spec": str(exc)}) from None
    faults = platform_of(request).faults
    faults.configure(spec, seed)
    return JSONResponse(faults.state())


@router.post("/parties/run")
async def run_parties(request: Request) -> JSONResponse:
    """Answer every queued party job now, whatever its due time."""
    _guard(request)
    simulator = platform_of(request).simulator
    count = await run_in_threadpool(simulator.run_due, float("inf"))
    return JSONResponse({"answered": count})


@router.post("/edits")
async def platform_edit(request: Request) -> JSONResponse:
    """One platform-side edit: ``{"case_id"?, "kind"?}``, kind one of EDIT_KINDS."""
    _guard(request)
    data = await _json(request)
    kind = data.get("kind")
    if kind is not None and kind not in {name for name, _ in EDIT_KINDS}:
        raise ApiError(
            "invalid",
            "unknown edit kind",
            details={"kind": "one of " + ", ".join(n for n, _ in EDIT_KINDS)},
        )
    case_id = data.get("case_id")
    if case_id is not None and (not isinstance(case_id, str) or not is_valid_id(case_id)):
        raise ApiError("invalid", "case_id is not a case id", details={"case_id": "not a case id"})
    result = await run_in_threadpool(platform_of(request).simulator.platform_edit, case_id, kind)
    return JSONResponse({"edit": result})


@router.post("/cases/{case_id}/assign")
async def assign(request: Request, case_id: str) -> JSONResponse:
    """Reassign a case on the platform: ``{"to": "mediator2"}`` or ``{"to": null}``."""
    _guard(request)
    data = await _json(request)
    target = data.get("to")
    platform = platform_of(request)

    def run() -> int:
        with platform.db.write() as session:
            if target is not None and (
                not isinstance(target, str) or session.get(User, target) is None
            ):
                raise ApiError("invalid", "no such user", details={"to": "no such user"})

            def change(document: dict[str, Any]) -> str:
                now = cases.now_text(document)
                document["case"]["assigned_to"] = target
                document["history"].append(
                    {
                        "at": now,
                        "actor": "platform",
                        "event": "case.assigned",
                        "text": f"reassigned to {target or 'nobody'}",
                    }
                )
                return "case.reassigned"

            version = (
                cases.mutate(session, case_id, change, actor="platform")
                if is_valid_id(case_id)
                else None
            )
            if version is None:
                raise ApiError("not_found", "No such case.")
            session.commit()
            return version

    version = await run_in_threadpool(run)
    return JSONResponse({"case_id": case_id, "version": version, "assigned_to": target})


def _moment(data: dict[str, Any], document: dict[str, Any]) -> tuple[float, str]:
    """``at`` from the body (an ISO time with offset, to simulate a later day), else now."""
    given = data.get("at")
    if given is None:
        at = time.time()
        return at, cases.now_text(document, at)
    try:
        moment = datetime.fromisoformat(str(given))
    except ValueError:
        raise ApiError("invalid", "at is not a time", details={"at": "not a time"}) from None
    if moment.tzinfo is None:
        raise ApiError("invalid", "at needs an offset", details={"at": "needs an offset"})
    return moment.timestamp(), cases.now_text(document, moment.timestamp())


def _appeal_change(request: Request, case_id: str, data: dict[str, Any], finalising: bool) -> Any:
    platform = platform_of(request)

    def run() -> dict[str, Any]:
        with platform.db.write() as session:
            row = cases.lock_case(session, case_id) if is_valid_id(case_id) else None
            if row is None:
                raise ApiError("not_found", "No such case.")
            document = cases.load(row)
            extra = json.loads(json.dumps(row.extra or {}))
            at, now = _moment(data, document)
            if finalising:
                result = appeals.finalise(document, extra, now)
                if result is None:
                    return {"case_id": case_id, "version": row.version, "final": False}
                kind = "decision.final"
            else:
                party, text = data.get("party"), data.get("text")
                if not isinstance(party, str) or not isinstance(text, str):
                    raise ApiError(
                        "invalid",
                        "party and text are required",
                        details={"party": "a party id", "text": "the appeal's text"},
                    )
                result = appeals.appeal(document, extra, party, text, now)
                kind = "case.appealed"
            row.extra = extra
            version = cases.save_new_version(
                session, row, document, actor="platform", kind=kind, at=at
            )
            session.commit()
            return {"case_id": case_id, "version": version, **result}

    return run


@router.post("/cases/{case_id}/appeal")
async def appeal(request: Request, case_id: str) -> JSONResponse:
    """A party appeals the case's decision: ``{"party": "P1", "text": "…", "at"?}``."""
    _guard(request)
    data = await _json(request)
    result = await run_in_threadpool(_appeal_change(request, case_id, data, False))
    return JSONResponse(result)


@router.post("/cases/{case_id}/finalise")
async def finalise(request: Request, case_id: str) -> JSONResponse:
    """After the appeal window (``{"at"?}``): the decision becomes final, the case closed."""
    _guard(request)
    data = await _json(request)
    result = await run_in_threadpool(_appeal_change(request, case_id, data, True))
    return JSONResponse(result)


@router.get("/stats")
async def stats(request: Request) -> JSONResponse:
    _guard(request)
    platform = platform_of(request)
    return JSONResponse(
        {
            "parties_answered": platform.simulator.answered,
            "platform_edits": platform.simulator.edited,
            "faults": platform.faults.state(),
        }
    )
