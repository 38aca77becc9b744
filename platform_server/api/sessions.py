"""Signing in (``POST /api/v1/session``) and out (``DELETE /api/v1/session``).

Wrong passwords are rate-limited per user and per address (429 with ``Retry-After``);
every attempt is logged with the user name, the address and the outcome — never the
password, never a token. A revoked token is deleted at once: it gets 401 from then on.
"""

from __future__ import annotations

import logging
import secrets
import time
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import delete
from starlette.concurrency import run_in_threadpool

from app.contract.wire import API_PREFIX, BodyError, SessionResponse, UserInfo, parse_login
from platform_server.api.common import (
    bearer_token,
    errors,
    hash_token,
    json_body_schema,
    platform_of,
    refuse_unknown_query,
)
from platform_server.db import Token, User
from platform_server.errors import ApiError, body_error
from platform_server.seeding import PASSWORDS

log = logging.getLogger("mediation_platform.sessions")

router = APIRouter(prefix=API_PREFIX, dependencies=[Depends(refuse_unknown_query)])

_DUMMY_HASH = PASSWORDS.hash("not a password anyone has")


def _address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


@router.post(
    "/session",
    response_model=SessionResponse,
    responses=errors(400, 413, 422),
    openapi_extra=json_body_schema("LoginRequest"),
    summary="Log in; returns a bearer token",
)
async def create_session(request: Request) -> JSONResponse:
    platform = platform_of(request)
    try:
        login = parse_login(await request.body())
    except BodyError as exc:
        raise body_error(exc) from None
    address = _address(request)
    limiter = platform.login_limiter
    wait = limiter.retry_after(login.username, address)
    if wait is not None:
        log.warning(
            "sign-in refused for %r from %s: too many wrong passwords", login.username, address
        )
        raise ApiError(
            "throttled",
            "Too many sign-in attempts; try again later.",
            headers={"Retry-After": str(wait)},
        )

    def check() -> dict[str, Any]:
        with platform.db.read() as session:
            user = session.get(User, login.username)
            stored_hash = user.password_hash if user else None
            info = (user.username, user.display_name, user.role) if user else None
        try:
            # Verify even for unknown users, so timing does not reveal who exists.
            PASSWORDS.verify(stored_hash or _DUMMY_HASH, login.password)
            ok = info is not None
        except Exception:
            ok = False
        if not ok or info is None:
            limiter.failed(login.username, address)
            log.warning(
                "sign-in failed for %r from %s: wrong user name or password",
                login.username,
                address,
            )
            raise ApiError("unauthenticated", "Wrong user name or password.")
        token = secrets.token_urlsafe(32)
        now = time.time()
        expires = now + platform.config.token_ttl_seconds
        with platform.db.write() as session:
            session.add(
                Token(
                    token_hash=hash_token(token),
                    username=info[0],
                    created_at=now,
                    expires_at=expires,
                )
            )
            session.commit()
        log.info("signed in %r from %s", info[0], address)
        return {
            "token": token,
            "expires_at": datetime.fromtimestamp(expires, UTC).isoformat(timespec="seconds"),
            "user": UserInfo(username=info[0], display_name=info[1], role=info[2]).model_dump(),
        }

    return JSONResponse(await run_in_threadpool(check))


@router.delete(
    "/session",
    status_code=204,
    response_class=Response,
    responses={204: {"description": "the token is revoked"}, **errors(401)},
    summary="Log out: revoke the bearer token at once",
)
def delete_session(request: Request) -> Response:
    platform = platform_of(request)
    token = bearer_token(request)
    with platform.db.write() as session:
        row = session.get(Token, hash_token(token))
        if row is None or row.expires_at <= time.time():
            raise ApiError(
                "unauthenticated",
                "The session has expired or the token is wrong.",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        username = row.username
        session.execute(delete(Token).where(Token.token_hash == row.token_hash))
        session.commit()
    log.info("signed out %r from %s", username, _address(request))
    return Response(status_code=204)
