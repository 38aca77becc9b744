"""The ASGI application: ``create_app(config)`` builds one platform server."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema
from sqlalchemy import delete

from app.contract.content_store import ContentStore
from app.contract.wire import (
    ACTION_ADAPTER,
    IDEMPOTENCY_KEY_PATTERN,
    EvidenceMeta,
    LoginRequest,
)
from platform_server import seeding
from platform_server.api import admin, anchors, routes, sessions, timestamps
from platform_server.api.common import BodyLimitMiddleware, Platform, install_error_handlers
from platform_server.config import PlatformConfig
from platform_server.db import Database, IdempotencyRecord, Token
from platform_server.faults import FaultInjector, FaultMiddleware
from platform_server.login_limits import LoginLimiter
from platform_server.parties import Simulator
from platform_server.timestamps import TimestampAuthority

log = logging.getLogger("mediation_platform")

IDEMPOTENCY_KEEP_SECONDS = 8 * 24 * 3600


def build_platform(config: PlatformConfig, progress: Any = None) -> tuple[Platform, dict[str, str]]:
    """Open (or create) the platform's database and files; create the demo users and, in
    an empty platform, the demo cases. Returns the services and the users' passwords."""
    config.data_dir.mkdir(parents=True, exist_ok=True)
    # The TSA key first: a wrong passphrase stops the start before anything is written.
    tsa = None
    if config.tsa_p12 is not None:
        tsa = TimestampAuthority.from_file(config.tsa_p12, config.tsa_passphrase or "")
    db = Database(config.database_url)
    db.create_schema()
    store = ContentStore(config.files_dir)
    store.clean_leftovers()
    passwords = seeding.create_users(db, config.users, config.demo_password)
    if config.cases > 0 and seeding.case_count(db) == 0:
        mediators = tuple(user.username for user in config.users if user.role == "mediator")
        seeding.seed_demo_cases(
            db,
            store,
            config.cases,
            config.seed,
            config.anchor or date.today(),
            mediators,
            progress=progress,
        )
        if config.ruling_signer is not None:
            from platform_server.demo.review_stages import sign_submitted_rulings

            sign_submitted_rulings(db, store, config.ruling_signer)
        if config.review_stages:
            from platform_server.demo.review_stages import stage_reviews

            stage_reviews(db, store, config.ruling_signer)
    with db.write() as session:
        now = time.time()
        session.execute(delete(Token).where(Token.expires_at < now))
        session.execute(
            delete(IdempotencyRecord).where(
                IdempotencyRecord.created_at < now - IDEMPOTENCY_KEEP_SECONDS
            )
        )
        session.commit()
    faults = FaultInjector(config.faults, config.seed)
    simulator = Simulator(db, store, config.seed, config.party_delay, config.edit_rate)
    limiter = LoginLimiter(
        config.login_failures_per_user,
        config.login_failures_per_address,
        config.login_window_seconds,
    )
    platform = Platform(
        config=config,
        db=db,
        store=store,
        faults=faults,
        simulator=simulator,
        login_limiter=limiter,
        tsa=tsa,
    )
    return platform, passwords


def create_app(config: PlatformConfig, platform: Platform | None = None) -> FastAPI:
    """The whole server as one ASGI app (faults outermost, then body limits, then routes)."""
    if platform is None:
        platform, _ = build_platform(config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if config.simulate:
            platform.simulator.start()
        try:
            yield
        finally:
            platform.simulator.stop()

    app = FastAPI(
        title="Mediation Desk reference platform",
        version="1",
        description=(
            "The platform sync API, version 1 (docs/platform-api.md). Every error is "
            '`{"error": code, "message": text, ...}`. Authenticate with `Authorization: Bearer <token>` '
            "from POST /api/v1/session."
        ),
        lifespan=lifespan,
        separate_input_output_schemas=False,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.platform = platform
    install_error_handlers(app)
    app.include_router(sessions.router)
    app.include_router(routes.router)
    app.include_router(anchors.router)
    app.include_router(timestamps.router)
    app.include_router(admin.router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, bool]:
        return {"ok": True}

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(
        BodyLimitMiddleware, json_limit=config.max_json_bytes, upload_limit=config.max_upload_bytes
    )
    app.add_middleware(FaultMiddleware, injector=platform.faults)
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document plus what it cannot infer: request bodies read by hand (they are
    parsed strictly, never coerced), the bearer scheme and the shared error body."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    _, extra = models_json_schema(
        [
            (LoginRequest, "validation"),
            (EvidenceMeta, "validation"),
            (anchors.AnchorRequest, "validation"),
        ],
        ref_template="#/components/schemas/{model}",
    )
    action_schema = ACTION_ADAPTER.json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in {**extra.get("$defs", {}), **action_schema.pop("$defs", {})}.items():
        schemas.setdefault(name, definition)
    schemas["Action"] = action_schema
    components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if path != "/api/v1/session":
                operation["security"] = [{"bearer": []}]
            if path.endswith("/actions") and method == "post":
                operation.setdefault("parameters", []).extend(
                    [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": True,
                            "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN},
                            "description": "A UUID4 per action; a replay returns the first answer "
                            "(missing: 412).",
                        },
                        {
                            "name": "If-Match",
                            "in": "header",
                            "required": True,
                            "schema": {"type": "string", "pattern": '^"v[1-9][0-9]{0,17}"$'},
                            "description": '"v<version>" the action is based on '
                            "(missing: 412; stale: 409).",
                        },
                    ]
                )
            if path.startswith("/api/v1/documents/"):
                for parameter in operation.get("parameters", []):
                    if parameter["name"] == "sha256":
                        parameter["schema"] = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
            if path.endswith("/evidence/{evidence_id}") or (
                path.startswith("/api/v1/documents/") and method == "get"
            ):
                operation.setdefault("parameters", []).append(
                    {
                        "name": "Range",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string", "maxLength": 100},
                        "description": "bytes=<start>- to resume a download (206)",
                    }
                )
    app.openapi_schema = schema
    return schema
