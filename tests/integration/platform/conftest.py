"""A real platform server on loopback per test module, and a small client for tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
import pytest

from platform_server.config import PlatformConfig
from platform_server.server import RunningServer, start_in_thread

PASSWORD = "correct horse battery staple"
ANCHOR = date(2026, 11, 20)
ACTIVE = ("open", "awaiting_buyer", "awaiting_merchant", "in_mediation")


@dataclass
class Api:
    """HTTP calls as a test writes them: log in once per user, act with fresh keys."""

    server: RunningServer
    http: httpx.Client
    tokens: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return self.server.base_url

    def headers(self, user: str) -> dict[str, str]:
        if user not in self.tokens:
            answer = self.http.post(
                "/api/v1/session", json={"username": user, "password": PASSWORD}
            )
            assert answer.status_code == 200, answer.text
            self.tokens[user] = answer.json()["token"]
        return {"Authorization": f"Bearer {self.tokens[user]}"}

    def pull(self, user: str, limit: int = 500) -> dict[str, dict[str, Any]]:
        """Every change this user's feed holds, the latest per case (follows cursors)."""
        seen: dict[str, dict[str, Any]] = {}
        cursor = None
        for _ in range(1000):
            params: dict[str, Any] = {"limit": limit}
            if cursor:
                params["cursor"] = cursor
            answer = self.http.get("/api/v1/changes", params=params, headers=self.headers(user))
            assert answer.status_code == 200, answer.text
            page = answer.json()
            for change in page["changes"]:
                seen[change["case_id"]] = change
            cursor = page["next_cursor"]
            if page["end_of_stream"]:
                return seen
        raise AssertionError("the feed never ended")

    def case(self, user: str, case_id: str) -> dict[str, Any]:
        answer = self.http.get(f"/api/v1/cases/{case_id}", headers=self.headers(user))
        assert answer.status_code == 200, answer.text
        document: dict[str, Any] = answer.json()
        return document

    def fresh_case(
        self, user: str = "mediator1", statuses: tuple[str, ...] = ACTIVE
    ) -> dict[str, Any]:
        """A case assigned to ``user`` that no other test in the module has touched."""
        for case_id, change in sorted(self.pull(user).items()):
            if change["deleted"] or case_id in self.used:
                continue
            if change["document"]["case"]["status"] in statuses:
                self.used.add(case_id)
                return self.case(user, case_id)
        raise AssertionError(f"no unused case in {statuses} for {user}")

    def act(
        self,
        user: str,
        case_id: str,
        body: dict[str, Any],
        version: int,
        key: str | None = None,
    ) -> httpx.Response:
        return self.http.post(
            f"/api/v1/cases/{case_id}/actions",
            json=body,
            headers={
                **self.headers(user),
                "Idempotency-Key": key or str(uuid.uuid4()),
                "If-Match": f'"v{version}"',
            },
        )

    def admin(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"X-Admin-Token": self.server.admin_token}
        return self.http.request(method, f"/admin{path}", headers=headers, **kwargs)

    def upload_pdf(self, user: str, data: bytes) -> str:
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
        answer = self.http.put(
            f"/api/v1/documents/{sha}",
            content=data,
            headers={**self.headers(user), "Content-Type": "application/pdf"},
        )
        assert answer.status_code in (200, 201), answer.text
        return sha


def start_platform(tmp_path: Any, **overrides: Any) -> RunningServer:
    settings: dict[str, Any] = {
        "data_dir": tmp_path,
        "port": 0,
        "cases": 60,
        "seed": 7,
        "anchor": ANCHOR,
        "demo_password": PASSWORD,
        "party_delay": 3600.0,
    }
    settings.update(overrides)
    return start_in_thread(PlatformConfig(**settings))


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    server = start_platform(tmp_path_factory.mktemp("platform"))
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        yield Api(server, http)
    server.stop()


def pdf_bytes(text: str = "ruling") -> bytes:
    """A small real PDF with distinct content per ``text``."""
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return out.getvalue()
