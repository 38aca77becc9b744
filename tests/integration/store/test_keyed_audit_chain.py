"""The keyed audit chain: someone who can write the database but not the user's keyring
can neither recompute the chain after an edit nor delete the newest events unnoticed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from app import audit
from app.clock import FixedClock
from app.desk import Desk
from app.security.credentials import KeyringCredentialStore
from app.services.case_import import import_bundle
from app.services.verification import verify_audit_trail
from app.store.models import AuditEvent, AuditHead
from tests.support.bundles import LOST_PARCEL, WOOL_COAT
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture()
def keyring() -> KeyringCredentialStore:
    return KeyringCredentialStore(MemoryKeyring())


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def _open(home: Path, clock: FixedClock, credentials: KeyringCredentialStore) -> Desk:
    return Desk.open(home, clock=clock, credentials=credentials)


@pytest.fixture()
def keyed_desk(home: Path, clock: FixedClock, keyring: KeyringCredentialStore) -> Iterator[Desk]:
    desk = _open(home, clock, keyring)
    for bundle in (WOOL_COAT, LOST_PARCEL):
        with desk.unit_of_work() as uow:
            import_bundle(uow, bundle, "user:tester")
        clock.advance(minutes=5)
    desk.close()  # leaves the chain's head in the keyring
    reopened = _open(home, clock, keyring)
    yield reopened
    reopened.close()


def _verify(desk: Desk) -> audit.ChainReport:
    with desk.unit_of_work(read_only=True) as uow:
        anchors = [anchor for anchor in [desk.kept_anchor()] if anchor is not None]
        return verify_audit_trail(uow, anchors)


def _events(desk: Desk) -> list[AuditEvent]:
    with desk.unit_of_work(read_only=True) as uow:
        events = list(uow.session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars())
        uow.session.expunge_all()  # plain values to compare with after the unit of work
        return events


def test_events_are_sealed_with_the_key_from_the_keyring(keyed_desk: Desk) -> None:
    events = _events(keyed_desk)
    assert len(events) >= 2
    assert {event.scheme for event in events} == {audit.KEYED}
    key = keyed_desk.chain_key()
    assert key is not None and {event.key_id for event in events} == {key.key_id}
    report = _verify(keyed_desk)
    assert (report.intact, report.unkeyed, report.anchors_checked) == (True, 0, 1)


def test_the_key_never_reaches_the_database(keyed_desk: Desk, home: Path) -> None:
    key = keyed_desk.chain_key()
    assert key is not None
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert key.secret not in data and key.to_text().encode() not in data, path


def test_an_edit_with_every_later_hash_recomputed_is_caught_and_dated(keyed_desk: Desk) -> None:
    events = _events(keyed_desk)
    target = events[1]
    # The forger rewrites event 2 and recomputes every later link the only way open to
    # them without the key: plain SHA-256, or HMAC under a key of their own.
    forged_key = audit.ChainKey.generate()
    with keyed_desk.unit_of_work() as uow:
        prev = events[0].hash
        for event in events[1:]:
            row = uow.session.get(AuditEvent, event.seq)
            assert row is not None
            if row.seq == target.seq:
                row.actor = "user:mallory"
            row.prev_hash = prev
            row.hash = audit.keyed_hash(
                forged_key, prev, row.seq, row.at, row.actor, row.action, row.case_id, row.changes
            )
            prev = row.hash
        uow.session.execute(update(AuditHead).values(last_hash=prev))
        uow.commit()
    report = _verify(keyed_desk)
    assert (report.intact, report.broken_at) == (False, target.seq)
    assert report.trusted_until == events[0].at  # since when: after the last good event
    assert "changed after it was recorded" in str(report.problem)


def test_an_edit_recomputed_as_plain_sha256_is_caught(keyed_desk: Desk) -> None:
    events = _events(keyed_desk)
    with keyed_desk.unit_of_work() as uow:
        prev = events[0].hash
        for event in events[1:]:
            row = uow.session.get(AuditEvent, event.seq)
            assert row is not None
            row.changes = {"forged": True} if row.seq == 2 else row.changes
            row.scheme, row.key_id, row.prev_hash = audit.LEGACY, None, prev
            row.hash = audit.event_hash(
                prev, row.seq, row.at, row.actor, row.action, row.case_id, row.changes
            )
            prev = row.hash
        uow.session.execute(update(AuditHead).values(last_hash=prev))
        uow.commit()
    report = _verify(keyed_desk)
    assert (report.intact, report.broken_at) == (False, 2)
    assert "rewritten" in str(report.problem)


def test_deleting_the_last_event_and_rewinding_the_head_is_caught_by_the_anchor(
    keyed_desk: Desk,
) -> None:
    events = _events(keyed_desk)
    last, before = events[-1], events[-2]
    with keyed_desk.unit_of_work() as uow:
        uow.session.execute(delete(AuditEvent).where(AuditEvent.seq == last.seq))
        uow.session.execute(update(AuditHead).values(last_seq=before.seq, last_hash=before.hash))
        uow.commit()
    report = _verify(keyed_desk)
    assert (report.intact, report.broken_at) == (False, last.seq)
    problem = str(report.problem)
    assert f"reached event {last.seq}" in problem and "keyring" in problem


def test_a_rewound_desk_does_not_move_the_keyring_anchor_back(keyed_desk: Desk) -> None:
    events = _events(keyed_desk)
    with keyed_desk.unit_of_work() as uow:
        uow.session.execute(delete(AuditEvent).where(AuditEvent.seq == events[-1].seq))
        uow.session.execute(
            update(AuditHead).values(last_seq=events[-2].seq, last_hash=events[-2].hash)
        )
        uow.commit()
    keyed_desk.keep_anchor()
    anchor = keyed_desk.kept_anchor()
    assert anchor is not None and anchor.seq == events[-1].seq


def test_events_from_before_the_key_verify_and_are_counted_as_unkeyed(
    home: Path, clock: FixedClock, keyring: KeyringCredentialStore
) -> None:
    without = Desk.open(home, clock=clock, credentials=KeyringCredentialStore(_NoKeyring()))
    with without.unit_of_work() as uow:
        import_bundle(uow, WOOL_COAT, "user:tester")
    without.close()
    legacy = len(_events(without))
    keyed = _open(home, clock, keyring)
    with keyed.unit_of_work() as uow:
        import_bundle(uow, LOST_PARCEL, "user:tester")
    report = _verify(keyed)
    keyed.close()
    assert report.intact
    assert (report.unkeyed, report.keyed_from) == (legacy, legacy + 1)


def test_a_desk_without_a_keyring_keeps_working_and_says_its_chain_is_unkeyed(
    home: Path, clock: FixedClock
) -> None:
    desk = Desk.open(home, clock=clock, credentials=KeyringCredentialStore(_NoKeyring()))
    with desk.unit_of_work() as uow:
        import_bundle(uow, WOOL_COAT, "user:tester")
    report = _verify(desk)
    desk.close()
    assert report.intact and report.unkeyed == report.events > 0


def test_keyed_events_cannot_be_verified_without_their_key(
    keyed_desk: Desk, home: Path, clock: FixedClock
) -> None:
    elsewhere = Desk.open(home, clock=clock, credentials=KeyringCredentialStore(MemoryKeyring()))
    report = _verify(elsewhere)
    elsewhere.close()
    assert (report.intact, report.broken_at) == (False, 1)
    assert "does not hold" in str(report.problem)


class _NoKeyring(MemoryKeyring):
    """Stands for keyring's fail backend: no secure place at all."""

    priority = 0  # type: ignore[assignment]


class _LockedKeyring(MemoryKeyring):
    """A keyring that is there but locked (the user's session is not unlocked)."""

    def get_password(self, service: str, username: str) -> str | None:
        from keyring.errors import KeyringLocked

        raise KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        from keyring.errors import KeyringLocked

        raise KeyringLocked("locked")


def test_a_locked_keyring_refuses_writes_to_a_keyed_chain_instead_of_writing_unkeyed(
    keyed_desk: Desk, home: Path, clock: FixedClock
) -> None:
    from app.errors import CredentialStoreUnavailable

    before = len(_events(keyed_desk))
    locked = Desk.open(home, clock=clock, credentials=KeyringCredentialStore(_LockedKeyring()))
    try:
        from app.services.outbox import enqueue_action

        message = {"type": "message", "to": ["P1"], "channel": "platform", "text": "请补充。"}
        with pytest.raises(CredentialStoreUnavailable) as refused, locked.unit_of_work() as uow:
            enqueue_action(uow, "DSP-2026-004711", message, "user:tester")
        assert "locked" in refused.value.text("en")
        with pytest.raises(CredentialStoreUnavailable):  # verifying says "unlock", too
            _verify(locked)
    finally:
        locked.close()
    assert len(_events(keyed_desk)) == before  # nothing written, keyed or not
    assert _verify(keyed_desk).intact  # and once unlocked, the chain still verifies
