"""How one platform server runs: where its data lives, its demo data and its behaviour."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from platform_server.faults import FaultSpec

DEFAULT_PORT = 8765


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("mediator1", "王敏（调解员）", "mediator"),
    DemoUser("mediator2", "李志强（调解员）", "mediator"),
    DemoUser("supervisor1", "陈静（复核主管）", "supervisor"),
)


@dataclass
class PlatformConfig:
    """Everything a server needs; the defaults are what ``platform serve`` uses."""

    data_dir: Path
    db_url: str | None = None
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    cases: int = 200
    seed: int = 1
    anchor: date | None = None
    demo_password: str | None = None
    party_delay: float = 5.0
    edit_rate: float = 0.0
    faults: FaultSpec = field(default_factory=FaultSpec)
    token_ttl_seconds: float = 8 * 3600
    max_upload_bytes: int = 50 * 1024 * 1024
    max_json_bytes: int = 1024 * 1024
    admin_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    users: tuple[DemoUser, ...] = DEMO_USERS
    simulate: bool = True
    # The supervisor's demo: move some generated rulings on to every stage of review
    # (returned, approved, published, appealed; platform_server/demo/review_stages.py).
    review_stages: bool = False
    # Signs the demo's rulings as their mediator (and approvals as the demo supervisor):
    # ``(pdf, username) -> signed pdf``, handed in by the demo command, which may use the
    # signing code the platform itself never imports (platform_server/demo/review_stages.py).
    ruling_signer: Callable[[bytes, str], bytes] | None = None
    # Wrong passwords allowed per user name and per address within login_window seconds;
    # the next attempt is 429 with Retry-After.
    login_failures_per_user: int = 10
    login_failures_per_address: int = 10
    login_window_seconds: float = 60.0
    # The timestamp authority's PKCS#12 (``pki init`` writes ``tsa.p12``) and its
    # passphrase, which comes from the environment or a prompt, never from a file here.
    tsa_p12: Path | None = None
    tsa_passphrase: str | None = field(default=None, repr=False)

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{self.data_dir / 'platform.sqlite3'}"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"
