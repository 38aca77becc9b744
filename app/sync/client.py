"""The HTTP client of the platform sync API (``docs/platform-api.md``).

Speaks to any server that honours the contract, including slow, flaky or hostile ones:
every body is read with a size cap, every failure is sorted into what the caller can do
about it — retry later (:class:`Retryable`), log in again (:class:`SessionExpired`),
nothing reachable (:class:`Offline`), a version conflict, or a refusal.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from app.contract.wire import API_PREFIX, parse_version_tag, version_etag
from app.errors import Offline, SessionExpired, SyncError

# A changes page holds at most 500 documents of bounded size; anything larger is hostile.
MAX_PAGE_BYTES = 64 * 1024 * 1024
MAX_SMALL_BYTES = 4 * 1024 * 1024


class Retryable(SyncError):
    """A transient failure (5xx, 429, timeout, cut connection): try again later."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class VersionConflict(SyncError):
    """409: the case changed on the platform since the version the action was based on."""

    def __init__(self, message: str, current_version: int | None) -> None:
        super().__init__(message)
        self.current_version = current_version


class Refused(SyncError):
    """A 4xx the client cannot fix by retrying (invalid, forbidden, not found…)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{message} ({code})")
        self.status = status
        self.code = code


class TooLarge(SyncError):
    """A body larger than the client accepts: the server is misbehaving."""


@dataclass(frozen=True)
class Session:
    token: str
    expires_at: str
    username: str
    display_name: str
    role: str


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, min(float(value), 300.0))
    except ValueError:
        return None


def error_for(response: httpx.Response, body: bytes) -> SyncError:
    """The error a failed answer stands for, sorted by what the caller can do about it."""
    try:
        data = json.loads(body) if body else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    code = str(data.get("error", ""))
    message = str(data.get("message", "")) or f"HTTP {response.status_code}"
    status = response.status_code
    if status == 401:
        return SessionExpired("The platform did not accept your sign-in. Please log in again.")
    if status == 409:
        current = data.get("current_version")
        return VersionConflict(message, current if isinstance(current, int) else None)
    if status in (429, 503) or status >= 500 or status == 408:
        return Retryable(f"The platform is busy or failing ({status}).", _retry_after(response))
    return Refused(status, code or str(status), message)


class PlatformClient:
    """One platform, one user. Thread-safe for concurrent downloads (httpx.Client is)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=8),
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------

    @contextmanager
    def _stream(self, method: str, path: str, **kwargs: Any) -> Iterator[httpx.Response]:
        try:
            with self._http.stream(method, API_PREFIX + path, **kwargs) as response:
                yield response
        except httpx.ConnectError as exc:
            raise Offline(f"The platform at {self.base_url} cannot be reached ({exc}).") from None
        except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise Retryable(
                f"The connection to the platform failed ({type(exc).__name__})."
            ) from None
        except httpx.TransportError as exc:
            raise Offline(f"The platform at {self.base_url} cannot be reached ({exc}).") from None

    def _read_capped(self, response: httpx.Response, limit: int) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise TooLarge(f"The platform sent {declared} bytes; the limit is {limit}.")
        chunks = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"The platform sent more than {limit} bytes.")
                chunks.append(chunk)
        except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise Retryable(f"The answer was cut short ({type(exc).__name__}).") from None
        return b"".join(chunks)

    def _call(
        self, method: str, path: str, limit: int = MAX_SMALL_BYTES, **kwargs: Any
    ) -> tuple[httpx.Response, bytes]:
        with self._stream(method, path, **kwargs) as response:
            body = self._read_capped(response, limit)
            if response.status_code >= 400:
                raise error_for(response, body)
            return response, body

    @staticmethod
    def _json(body: bytes) -> Any:
        try:
            return json.loads(body)
        except ValueError:
            # A body that is not JSON was cut short or mangled on the way.
            raise Retryable("The platform's answer was not complete JSON.") from None

    # -- the API ------------------------------------------------------------------------

    def login(self, username: str, password: str) -> Session:
        _, body = self._call("POST", "/session", json={"username": username, "password": password})
        data = self._json(body)
        try:
            user = data["user"]
            return Session(
                token=str(data["token"]),
                expires_at=str(data.get("expires_at", "")),
                username=str(user["username"]),
                display_name=str(user.get("display_name", user["username"])),
                role=str(user["role"]),
            )
        except (KeyError, TypeError):
            raise Retryable("The platform's sign-in answer was incomplete.") from None

    def changes(self, cursor: str | None, limit: int) -> dict[str, Any]:
        """One page of the changes feed, as parsed JSON (documents not yet validated)."""
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        _, body = self._call("GET", "/changes", limit=MAX_PAGE_BYTES, params=params)
        data = self._json(body)
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("changes"), list)
            or not isinstance(data.get("next_cursor"), str)
        ):
            raise Retryable("The platform's changes page was malformed.")
        return data

    def get_case(self, case_id: str) -> tuple[int | None, bytes]:
        """The current document of one case and the version its ETag names."""
        response, body = self._call("GET", f"/cases/{case_id}", limit=MAX_PAGE_BYTES)
        etag = response.headers.get("ETag", "")
        return parse_version_tag(etag) if etag else None, body

    def open_file(self, path: str, offset: int) -> AbstractContextManager[httpx.Response]:
        """Stream a file (evidence or document), from ``offset`` with a Range request."""
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        return self._stream("GET", path, headers=headers)

    def post_action(
        self, case_id: str, body: dict[str, Any], idempotency_key: str, base_version: int
    ) -> dict[str, Any]:
        _, answer = self._call(
            "POST",
            f"/cases/{case_id}/actions",
            json=body,
            headers={"Idempotency-Key": idempotency_key, "If-Match": version_etag(base_version)},
        )
        data = self._json(answer)
        if not isinstance(data, dict) or not isinstance(data.get("case_version"), int):
            raise Retryable("The platform's answer to an action was malformed.")
        return data
