"""The desk sends its audit chain's head with each sync (issue 11.2), so a desk whose
database was rewound is caught at its next sync — reported loudly, not a failure."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx

from app import audit
from app.desk import Desk
from app.security.credentials import KeyringCredentialStore
from tests.integration.sync.conftest import Platform, queue_messages, sync


def _head(desk: Desk) -> audit.AuditAnchor:
    with desk.unit_of_work(read_only=True) as uow:
        anchor = audit.current_anchor(uow)
    assert anchor is not None
    return anchor


def test_a_sync_leaves_the_audit_head_with_the_platform(
    signed_in: Desk, platform: Platform, credentials: KeyringCredentialStore
) -> None:
    summary = sync(signed_in, platform, credentials)
    head = _head(signed_in)
    assert summary.anchor_seq == head.seq and not summary.anchor_rewound
    held = httpx.get(
        f"{platform.url}/api/v1/anchors/{head.desk_id}",
        headers={"Authorization": f"Bearer {platform.token()}"},
    ).json()
    assert (held["seq"], held["digest"]) == (head.seq, head.digest)


def test_a_rewound_desk_is_reported_prominently_and_the_sync_still_finishes(
    signed_in: Desk, platform: Platform, credentials: KeyringCredentialStore, tmp_path: Path
) -> None:
    sync(signed_in, platform, credentials)
    home = signed_in.paths.home
    signed_in.close()
    backup = tmp_path / "backup"
    backup.mkdir()
    for path in home.glob("desk.sqlite3*"):
        shutil.copy2(path, backup / path.name)
    desk = Desk.open(home, clock=signed_in.clock)
    try:
        queue_messages(desk, 2, "已收到。")
        ahead = sync(desk, platform, credentials)
        assert ahead.actions_pushed == 2 and ahead.anchor_seq == _head(desk).seq
    finally:
        desk.close()
    for path in home.glob("desk.sqlite3*"):
        path.unlink()
    for path in backup.iterdir():
        shutil.copy2(path, home / path.name)  # the database goes back in time
    rewound = Desk.open(home, clock=signed_in.clock)
    try:
        assert _head(rewound).seq < (ahead.anchor_seq or 0)
        summary = sync(rewound, platform, credentials)
    finally:
        rewound.close()
    assert summary.anchor_rewound and summary.anchor_seq is None
    assert summary.anchor_platform_seq == ahead.anchor_seq
    assert summary.has_problems
    [warning] = summary.warnings
    assert summary.errors[0] == warning  # first, before any other line
    assert "went back in time" in warning.text("en")
    assert "审计记录出现了回退" in warning.text("zh-Hans")
    assert "稽核紀錄出現了倒退" in warning.text("zh-Hant")
    assert summary.as_json()["anchor"] == {
        "seq": None,
        "rewound": True,
        "platform_seq": ahead.anchor_seq,
    }


def test_audit_verify_online_catches_a_rewind_the_keyring_never_saw(
    signed_in: Desk, platform: Platform, credentials: KeyringCredentialStore, tmp_path: Path
) -> None:
    """A laptop set up again (its keyring anchor lost) still has the platform's."""
    from sqlalchemy import delete, update

    from app.store.models import AuditEvent, AuditHead
    from app.sync.anchor import platform_anchor

    sync(signed_in, platform, credentials)
    held = platform_anchor(signed_in, credentials)
    assert held is not None and held.seq == _head(signed_in).seq
    with signed_in.unit_of_work() as uow:  # the newest event deleted, the head rewound
        before = uow.session.get(AuditEvent, held.seq - 1)
        assert before is not None
        uow.session.execute(delete(AuditEvent).where(AuditEvent.seq == held.seq))
        uow.session.execute(update(AuditHead).values(last_seq=before.seq, last_hash=before.hash))
        uow.commit()
    with signed_in.unit_of_work(read_only=True) as uow:
        from app.services.verification import verify_audit_trail

        offline = verify_audit_trail(uow)  # no anchor at all: the rewind goes unseen
        online = verify_audit_trail(uow, [platform_anchor(signed_in, credentials)])  # type: ignore[list-item]
    assert offline.intact
    assert (online.intact, online.broken_at) == (False, held.seq)
    assert "on the platform" in str(online.problem)
