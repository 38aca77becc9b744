"""Fault injection: the misbehaviour a real platform shows, on demand and reproducibly.

A :class:`FaultSpec` is parsed from ``"error=0.05,throttle=0.02,delay_ms=300,
truncate=0.02,lost_response=0.02,duplicate_page=0.1"``: each kind is a probability per
request (``delay_ms`` a duration, applied to every request unless ``delay`` gives a
probability). Decisions come from a random generator seeded with the server's seed and
the request's sequence number, so a client that sends the same requests in the same
order meets the same faults. The spec can be swapped at runtime
(:meth:`FaultInjector.configure`, or ``PUT /admin/faults``).

Only the sync API (``/api/v1/…``) is touched; the admin endpoints and ``/openapi.json``
are always served cleanly.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import random
import threading
from dataclasses import dataclass, fields, replace
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

Scope = dict[str, Any]
Message = dict[str, Any]

FAULT_SCOPE_KEY = "mediation.faults"

_PROBABILITIES = ("error", "throttle", "delay", "truncate", "lost_response", "duplicate_page")


class FaultSpecError(ValueError):
    pass


@dataclass(frozen=True)
class FaultSpec:
    error: float = 0.0
    throttle: float = 0.0
    delay: float = 0.0
    delay_ms: int = 0
    truncate: float = 0.0
    lost_response: float = 0.0
    duplicate_page: float = 0.0

    @classmethod
    def parse(cls, text: str | None) -> FaultSpec:
        """Read ``"kind=value,…"``; empty or ``"off"`` means no faults."""
        spec = cls()
        if text is None or text.strip() in ("", "off", "none"):
            return spec
        values: dict[str, float | int] = {}
        known = {item.name for item in fields(cls)}
        for part in text.split(","):
            name, sep, raw = part.strip().partition("=")
            name = name.strip()
            if not sep or name not in known:
                raise FaultSpecError(
                    f"unknown fault '{part.strip()}'; use kind=value with kinds "
                    + ", ".join(sorted(known))
                )
            try:
                number = float(raw)
            except ValueError:
                raise FaultSpecError(f"fault '{name}' needs a number, not '{raw}'") from None
            if name == "delay_ms":
                if not 0 <= number <= 60_000:
                    raise FaultSpecError("delay_ms must be between 0 and 60000")
                values[name] = int(number)
            else:
                if not 0.0 <= number <= 1.0:
                    raise FaultSpecError(f"fault '{name}' is a probability between 0 and 1")
                values[name] = number
        return replace(spec, **values)  # type: ignore[arg-type]

    @classmethod
    def from_json(cls, data: Any) -> FaultSpec:
        if isinstance(data, str):
            return cls.parse(data)
        if not isinstance(data, dict):
            raise FaultSpecError("a fault spec is a string or an object")
        return cls.parse(",".join(f"{key}={value}" for key, value in data.items()))

    def to_text(self) -> str:
        parts = [
            f"{item.name}={getattr(self, item.name)}"
            for item in fields(self)
            if getattr(self, item.name)
        ]
        return ",".join(parts) or "off"

    @property
    def active(self) -> bool:
        return any(getattr(self, item.name) for item in fields(self))


@dataclass(frozen=True)
class FaultDecision:
    """What happens to one request."""

    throttle: bool = False
    error: int = 0
    delay_s: float = 0.0
    truncate: bool = False
    lost_response: bool = False
    duplicate_page: bool = False
    rng_seed: str = ""


class FaultInjector:
    """The live fault spec of one server and the counter that makes it reproducible."""

    def __init__(self, spec: FaultSpec, seed: int) -> None:
        self._lock = threading.Lock()
        self._spec = spec
        self._seed = seed
        self._counter = 0
        self.injected: dict[str, int] = {}
        self._open = threading.Event()
        self._open.set()
        self.waiting = 0  # API requests held at the gate right now

    def hold(self) -> None:
        """Hold every API request at the door until :meth:`release` (a platform that
        hangs; tests use it to keep a sync in flight for as long as they need)."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    async def wait_if_held(self) -> None:
        if self._open.is_set():
            return
        with self._lock:
            self.waiting += 1
        try:
            while not self._open.is_set():
                await asyncio.sleep(0.01)
        finally:
            with self._lock:
                self.waiting -= 1

    @property
    def spec(self) -> FaultSpec:
        return self._spec

    def configure(self, spec: FaultSpec | str, seed: int | None = None) -> None:
        """Swap the spec (and optionally the seed); restarts the request counter."""
        if isinstance(spec, str):
            spec = FaultSpec.parse(spec)
        with self._lock:
            self._spec = spec
            if seed is not None:
                self._seed = seed
            self._counter = 0
            self.injected = {}

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {
                "spec": self._spec.to_text(),
                "seed": self._seed,
                "requests": self._counter,
                "injected": dict(self.injected),
            }

    def decide(self, method: str) -> FaultDecision:
        with self._lock:
            spec = self._spec
            if not spec.active:
                return FaultDecision()
            self._counter += 1
            seed_text = f"{self._seed}:{self._counter}"
        rng = random.Random(seed_text)  # noqa: S311 (simulation, not security)
        # Draw every number every time so one kind's probability never shifts another's.
        draws = {name: rng.random() for name in _PROBABILITIES}
        status = rng.choice((500, 502, 503, 503))
        is_write = method in ("POST", "PUT", "PATCH", "DELETE")
        decision = FaultDecision(
            throttle=draws["throttle"] < spec.throttle,
            error=status if draws["error"] < spec.error else 0,
            delay_s=(
                spec.delay_ms / 1000
                if spec.delay_ms and (spec.delay == 0 or draws["delay"] < spec.delay)
                else 0.0
            ),
            truncate=draws["truncate"] < spec.truncate,
            lost_response=is_write and draws["lost_response"] < spec.lost_response,
            duplicate_page=draws["duplicate_page"] < spec.duplicate_page,
            rng_seed=seed_text,
        )
        self._count(decision)
        return decision

    def _count(self, decision: FaultDecision) -> None:
        with self._lock:
            for name in ("throttle", "error", "truncate", "lost_response", "duplicate_page"):
                if getattr(decision, name):
                    self.injected[name] = self.injected.get(name, 0) + 1
            if decision.delay_s:
                self.injected["delay"] = self.injected.get("delay", 0) + 1


# ---------------------------------------------------------------------------------------
# Dropping a connection. ASGI has no way to say "close without answering"; the server we
# run (server.py) uses this protocol class, which lets the middleware reach the socket.

current_transport: contextvars.ContextVar[asyncio.Transport | None] = contextvars.ContextVar(
    "mediation_platform_transport", default=None
)


class TransportExposingH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, publishing the connection's transport to the request task."""

    def handle_events(self) -> None:
        token = current_transport.set(self.transport)
        try:
            super().handle_events()
        finally:
            current_transport.reset(token)


class _ConnectionDropped(Exception):
    """Raised where no transport is reachable: uvicorn then closes the connection."""


async def _drop_connection(receive: Any) -> None:
    transport = current_transport.get()
    if transport is None:
        raise _ConnectionDropped("fault injection: connection dropped")
    transport.abort()
    # Wait until the server has noticed, so it does not try to answer on its own.
    for _ in range(100):
        message = await receive()
        if message["type"] == "http.disconnect":
            return
    return


def _error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": code, "message": message}).encode()


class FaultMiddleware:
    """ASGI middleware applying the injector's decision to each API request."""

    def __init__(self, app: Any, injector: FaultInjector, prefix: str = "/api/") -> None:
        self.app = app
        self.injector = injector
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        await self.injector.wait_if_held()
        decision = self.injector.decide(scope["method"])
        if decision == FaultDecision():
            await self.app(scope, receive, send)
            return
        scope[FAULT_SCOPE_KEY] = decision
        if decision.delay_s:
            await asyncio.sleep(decision.delay_s)
        if decision.throttle:
            await _send_error(send, 429, "throttled", "Too many requests; try again later.", 1)
            return
        if decision.error:
            code = "unavailable" if decision.error == 503 else "server_error"
            await _send_error(
                send, decision.error, code, "The platform failed (injected fault).", 1
            )
            return
        if decision.lost_response:
            await self._lose_response(scope, receive, send)
            return
        if decision.truncate:
            await self._truncate(scope, receive, send, decision)
            return
        await self.app(scope, receive, send)

    async def _lose_response(self, scope: Scope, receive: Any, send: Any) -> None:
        # The request is handled in full (and committed); its answer is thrown away.
        async def swallow(message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        await _drop_connection(receive)

    async def _truncate(
        self, scope: Scope, receive: Any, send: Any, decision: FaultDecision
    ) -> None:
        rng = random.Random(decision.rng_seed + ":truncate")  # noqa: S311 (simulation, not security)
        start: Message | None = None
        declared = 0
        sent = 0
        cut_at = -1
        dropped = False

        async def cutting_send(message: Message) -> None:
            nonlocal start, declared, sent, cut_at, dropped
            if dropped:
                return
            if message["type"] == "http.response.start":
                start = message
                for name, value in message.get("headers", []):
                    if name.lower() == b"content-length":
                        declared = int(value)
                await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body: bytes = message.get("body", b"")
            if cut_at < 0:
                total = declared or (len(body) if not message.get("more_body") else 0)
                cut_at = rng.randrange(0, total) if total > 1 else 0
            if sent + len(body) > cut_at:
                keep = body[: max(0, cut_at - sent)]
                if keep:
                    await send({"type": "http.response.body", "body": keep, "more_body": True})
                dropped = True
                return
            sent += len(body)
            await send(message)

        await self.app(scope, receive, cutting_send)
        if dropped:
            await _drop_connection(receive)


async def _send_error(send: Any, status: int, code: str, message: str, retry_after: int) -> None:
    body = _error_body(code, message)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry_after).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body, "more_body": False})
