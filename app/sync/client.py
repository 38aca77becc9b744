"""The HTTP client of the platform sync API (``docs/platform-api.md``).

Speaks to any server that honours the contract, including slow, flaky or hostile ones:
every body is read with a size cap and a minimum rate, JSON is parsed with a depth
limit, no redirect is followed off the platform's origin (and a redirect's body is never
taken for an answer), and every failure is sorted into what the caller can do about it —
retry later (:class:`Retryable`), log in again (:class:`SessionExpired`), nothing
reachable (:class:`Offline`), a version conflict, or a refusal. No message ever quotes
the sign-in token.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from app.contract.wire import API_PREFIX, parse_version_tag, version_etag
from app.errors import Offline, SessionExpired, SyncError
from app.sync.json_limits import MAX_DEPTH, AnswerNotJson, AnswerTooLarge, parse_json
from app.vocabulary import Words, words

# A changes page holds at most 500 documents of bounded size; anything larger is hostile.
MAX_PAGE_BYTES = 64 * 1024 * 1024
MAX_SMALL_BYTES = 4 * 1024 * 1024
MAX_TIMESTAMP_BYTES = 64 * 1024  # a token with its certificates is ~2 kB
MAX_REDIRECTS = 5
MAX_CURSOR = 500  # what the store keeps (sync_state.cursor)
# The longest wait a Retry-After may ask for before the client calls the platform down.
MAX_RETRY_AFTER = 300.0
# An answer slower than this (bytes per second, measured over each window) is refused.
MIN_RATE = 1024.0
RATE_WINDOW = 30.0

# RFC 6750 b64token: what a bearer token may be made of. Anything else is refused
# before it reaches a header, so that no error message can ever quote it.
_TOKEN = re.compile(r"^[A-Za-z0-9\-._~+/]{1,4096}=*$")


def is_token_shaped(token: str) -> bool:
    """True when ``token`` can be sent as ``Authorization: Bearer <token>``."""
    return _TOKEN.fullmatch(token) is not None


class Retryable(SyncError):
    """A transient failure (5xx, 429, timeout, cut connection): try again later."""

    def __init__(
        self, message: Any, retry_after: float | None = None, status: int | None = None
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


class VersionConflict(SyncError):
    """409: the case changed on the platform since the version the action was based on."""

    def __init__(self, message: Any, current_version: int | None) -> None:
        super().__init__(message)
        self.current_version = current_version


class Refused(SyncError):
    """A 4xx (or an unexpected 3xx) the client cannot fix by retrying."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(words("sync.client.refused", message=message, code=code))
        self.status = status
        self.code = code
        self.platform_message = message


class RedirectRefused(SyncError):
    """The platform sent the client elsewhere: never followed off the platform's origin."""


class TooSlow(SyncError):
    """An answer trickling in below the minimum rate: given up, not waited on for ever."""


class AnchorRewound(SyncError):
    """409 from the anchor endpoint: the platform holds a later (or another) audit head."""

    def __init__(self, message: Any, platform_seq: int | None) -> None:
        super().__init__(message)
        self.platform_seq = platform_seq


TooLarge = AnswerTooLarge


@dataclass(frozen=True)
class Session:
    # Kept out of repr: a session printed in a log or a traceback must not sign anyone in.
    token: str = field(repr=False)
    expires_at: str
    username: str
    display_name: str
    role: str


@dataclass(frozen=True)
class PlatformAnchor:
    """An audit anchor as the platform holds it."""

    desk_id: str
    seq: int
    digest: str
    at: str


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP-date
    (RFC 9110 §10.2.3); None when absent or unreadable. Capped at five minutes."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit() or re.fullmatch(r"\d+\.\d+", value):
        return max(0.0, min(float(value), MAX_RETRY_AFTER))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        when = when.replace(tzinfo=UTC)
    delay = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, min(delay, MAX_RETRY_AFTER))


def _error_data(body: bytes) -> dict[str, Any]:
    try:
        data = (
            parse_json(body, max_bytes=MAX_SMALL_BYTES, what=words("sync.what.error"))
            if body
            else {}
        )
    except SyncError:
        return {}  # an unreadable error body: the status still says what happened
    return data if isinstance(data, dict) else {}


def error_for(response: httpx.Response, body: bytes) -> SyncError:
    """The error a failed answer stands for, sorted by what the caller can do about it."""
    data = _error_data(body)
    status = response.status_code
    code = str(data.get("error", ""))[:100]
    message = str(data.get("message", ""))[:1000] or f"HTTP {status}"
    if status == 401:
        return SessionExpired(words("sync.client.unauthenticated"))
    if status == 409:
        current = data.get("current_version")
        return VersionConflict(
            words("sync.client.conflict", message=message),
            current if isinstance(current, int) else None,
        )
    if status in (408, 429) or (status >= 500 and status != 501):  # 501: not implemented
        return Retryable(
            words("sync.client.busy", status=status),
            parse_retry_after(response.headers.get("Retry-After")),
            status,
        )
    return Refused(status, code or str(status), message)


class _RateGuard:
    """Refuses an answer whose bytes arrive slower than ``min_rate`` over each window."""

    def __init__(self, min_rate: float, window: float) -> None:
        self.min_rate = min_rate
        self.window = window
        self._start = time.monotonic()
        self._bytes = 0

    def received(self, count: int) -> None:
        self._bytes += count
        now = time.monotonic()
        elapsed = now - self._start
        if elapsed < self.window:
            return
        if self._bytes < self.min_rate * elapsed:
            raise TooSlow(
                words(
                    "sync.client.too_slow",
                    rate=round(self._bytes / elapsed, 1),
                    limit=round(self.min_rate),
                )
            )
        self._start, self._bytes = now, 0


class PlatformClient:
    """One platform, one user. Thread-safe for concurrent downloads (httpx.Client is)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        min_rate: float = MIN_RATE,
        rate_window: float = RATE_WINDOW,
        max_depth: int = MAX_DEPTH,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        if token is not None and not is_token_shaped(token):
            # Never put it in a header (httpx would quote it in its error) nor a message.
            raise SessionExpired(words("sync.token_malformed"))
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.min_rate = min_rate
        self.rate_window = rate_window
        self.max_depth = max_depth
        self._http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=8),
        )
        self._origin = _origin(self._http.base_url)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------

    def rate_guard(self) -> _RateGuard:
        """A fresh minimum-rate check for one answer's body."""
        return _RateGuard(self.min_rate, self.rate_window)

    @contextmanager
    def _stream(self, method: str, path: str, **kwargs: Any) -> Iterator[httpx.Response]:
        try:
            request = self._http.build_request(method, API_PREFIX + path, **kwargs)
            response = self._send(request)
            try:
                yield response
            finally:
                response.close()
        except httpx.ConnectError as exc:
            raise Offline(
                words("sync.client.offline", url=self.base_url, reason=_reason(exc))
            ) from None
        except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise Retryable(
                words("sync.client.connection_failed", reason=broken_off(exc))
            ) from None
        except httpx.TransportError as exc:
            raise Offline(
                words("sync.client.offline", url=self.base_url, reason=_reason(exc))
            ) from None

    def _send(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``, following redirects only within the platform's origin and
        only for reads; a redirect anywhere else is refused with its body unread."""
        for _ in range(MAX_REDIRECTS + 1):
            response = self._http.send(request, stream=True)
            if not response.is_redirect:
                return response
            target = response.next_request
            location = response.headers.get("Location", "")[:300]
            response.close()
            if request.method != "GET" or target is None or _origin(target.url) != self._origin:
                raise RedirectRefused(
                    words("sync.client.redirect_refused", location=location, url=self.base_url)
                )
            request = target
        raise RedirectRefused(words("sync.client.too_many_redirects", count=MAX_REDIRECTS))

    def _read_capped(self, response: httpx.Response, limit: int) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise AnswerTooLarge(
                words("sync.client.too_large_declared", size=declared, limit=limit)
            )
        chunks = []
        size = 0
        guard = self.rate_guard()
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise AnswerTooLarge(words("sync.client.too_large", limit=limit))
                chunks.append(chunk)
                guard.received(len(chunk))
        except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise Retryable(words("sync.client.cut_short", reason=broken_off(exc))) from None
        return b"".join(chunks)

    def _call(
        self, method: str, path: str, limit: int = MAX_SMALL_BYTES, **kwargs: Any
    ) -> tuple[httpx.Response, bytes]:
        with self._stream(method, path, **kwargs) as response:
            if not 200 <= response.status_code < 300:
                # An error body is small; a hostile one is cut, never read whole.
                body = self._read_capped(response, min(limit, MAX_SMALL_BYTES))
                raise error_for(response, body)
            body = self._read_capped(response, limit)
            return response, body

    def _json(self, body: bytes, what: Words, limit: int = MAX_SMALL_BYTES) -> Any:
        try:
            return parse_json(body, max_bytes=limit, max_depth=self.max_depth, what=what)
        except AnswerNotJson as exc:
            # A body that is not JSON was cut short or mangled on the way: try again.
            raise Retryable(exc.message) from None

    # -- the API ------------------------------------------------------------------------

    def login(self, username: str, password: str) -> Session:
        _, body = self._call("POST", "/session", json={"username": username, "password": password})
        data = self._json(body, words("sync.what.sign_in"))
        try:
            user = data["user"]
            token = data["token"]
            session = Session(
                token=token if isinstance(token, str) else "",
                expires_at=str(data.get("expires_at", ""))[:100],
                username=str(user["username"])[:64],
                display_name=str(user.get("display_name", user["username"]))[:200],
                role=str(user["role"])[:20],
            )
        except (KeyError, TypeError):
            raise Retryable(words("sync.login.incomplete_answer")) from None
        if not is_token_shaped(session.token):
            raise SyncError(words("sync.login.malformed_token"))
        return session

    def logout(self) -> None:
        """Revoke this client's token on the platform (``DELETE /session``)."""
        self._call("DELETE", "/session")

    def changes(self, cursor: str | None, limit: int) -> dict[str, Any]:
        """One page of the changes feed, as parsed JSON (documents not yet validated)."""
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        _, body = self._call("GET", "/changes", limit=MAX_PAGE_BYTES, params=params)
        data = self._json(body, words("sync.what.changes_page"), MAX_PAGE_BYTES)
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("changes"), list)
            or not isinstance(data.get("next_cursor"), str)
            or len(data["next_cursor"]) > MAX_CURSOR
        ):
            raise Retryable(words("sync.client.page_malformed"))
        return data

    def get_case(self, case_id: str) -> tuple[int | None, bytes]:
        """The current document of one case and the version its ETag names."""
        response, body = self._call("GET", f"/cases/{case_id}", limit=MAX_PAGE_BYTES)
        self._json(
            body, words("sync.what.case_document"), MAX_PAGE_BYTES
        )  # depth and syntax checked
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
        data = self._json(answer, words("sync.what.action_answer"))
        if not isinstance(data, dict) or not isinstance(data.get("case_version"), int):
            raise Retryable(words("sync.client.action_answer_malformed"))
        return data

    def put_document(self, sha256: str, data: bytes) -> bool:
        """Upload a PDF under its SHA-256 (idempotent: the platform answers 201 when it
        stored it, 200 when it already had it). True when it is stored now."""
        response, _ = self._call(
            "PUT",
            f"/documents/{sha256}",
            content=data,
            headers={"Content-Type": "application/pdf"},
        )
        return response.status_code in (200, 201)

    def timestamp(self, query: bytes) -> bytes:
        """An RFC 3161 timestamp (API 1.2): a DER ``TimeStampReq`` in, the platform's DER
        ``TimeStampResp`` out (checked for its media type only; the caller reads it). A
        platform without a timestamp authority answers 404 (:class:`Refused`)."""
        response, body = self._call(
            "POST",
            "/timestamp",
            limit=MAX_TIMESTAMP_BYTES,
            content=query,
            headers={"Content-Type": "application/timestamp-query"},
        )
        if response.headers.get("Content-Type", "").split(";")[0] != "application/timestamp-reply":
            raise Retryable(words("sync.client.timestamp_malformed"))
        return body

    def put_anchor(self, desk_id: str, seq: int, digest: str, at: str) -> PlatformAnchor:
        """Send this desk's audit head; the platform answers the anchor it now holds.

        Raises :class:`AnchorRewound` when the platform already holds a later one, or
        another digest for the same sequence number.
        """
        with self._stream(
            "PUT", f"/anchors/{desk_id}", json={"seq": seq, "digest": digest, "at": at}
        ) as response:
            body = self._read_capped(response, MAX_SMALL_BYTES)
            if response.status_code == 409:
                stored = _error_data(body).get("stored_seq")
                raise AnchorRewound(
                    words("sync.client.anchor_conflict"),
                    stored if isinstance(stored, int) and not isinstance(stored, bool) else None,
                )
            if not 200 <= response.status_code < 300:
                raise error_for(response, body)
        return self._anchor(body)

    def get_anchor(self, desk_id: str) -> PlatformAnchor | None:
        """The anchor the platform holds for this desk and user, or None."""
        try:
            _, body = self._call("GET", f"/anchors/{desk_id}")
        except Refused as exc:
            if exc.status == 404:
                return None
            raise
        return self._anchor(body)

    def _anchor(self, body: bytes) -> PlatformAnchor:
        data = self._json(body, words("sync.what.anchor_answer"))
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("seq"), int)
            or not isinstance(data.get("digest"), str)
        ):
            raise Retryable(words("sync.client.anchor_answer_malformed"))
        return PlatformAnchor(
            desk_id=str(data.get("desk_id", ""))[:128],
            seq=int(data["seq"]),
            digest=str(data["digest"])[:64],
            at=str(data.get("at", ""))[:64],
        )


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, url.port or default


def _reason(exc: BaseException) -> str:
    # httpx's messages name the address and the OS's reason; never a header.
    return str(exc)[:200] or type(exc).__name__


def broken_off(exc: BaseException) -> Words:
    """Why an answer stopped coming, in words (not the HTTP library's class name)."""
    if isinstance(exc, httpx.TimeoutException):
        return words("sync.client.reason.timeout")
    if isinstance(exc, httpx.RemoteProtocolError):
        return words("sync.client.reason.protocol")
    return words("sync.client.reason.read")
