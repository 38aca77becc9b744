"""One sync: pull, push, pull again, download files.

- **Pull** reads the changes feed from the stored cursor. Each page is applied in one
  transaction together with the new cursor, so a sync killed half-way resumes where the
  last committed page ended. A version not newer than the stored one is a no-op; a
  document that breaks the schema is quarantined with its reason and the rest goes on.
- **Push** sends waiting actions in order, case by case, with the idempotency key they
  were given when queued and the version they were based on. A lost answer is retried
  with the same key (the platform answers the first result again); a 409 brings the
  case's current version in and either re-bases the action or holds it as a conflict.
- **Files** are downloaded concurrently (bounded), resumable and verified.

Progress goes to a callback; a cancel event stops cleanly between steps.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from sqlalchemy import select, update

from app import audit
from app.contract.case_document import CaseDocumentError, parse_case_document
from app.contract.problems import Problem
from app.desk import Desk
from app.errors import NotSignedIn, SessionExpired, SyncCancelled, SyncError
from app.security.credentials import CredentialStore
from app.services.workflow_service import link_pushed_offer
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.sync.client import PlatformClient, Refused, Retryable, TooLarge, VersionConflict
from app.sync.downloads import BadFile, WantedFile, fetch_file
from app.sync.reconcile import apply_platform_version, remove_from_queue
from app.sync.retry import RetryPolicy, with_retries


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "cases" | "push" | "files"
    cases_done: int = 0
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    actions_done: int = 0


@dataclass(frozen=True)
class SyncSummary:
    cases_added: int = 0
    cases_updated: int = 0
    cases_removed: int = 0
    files_downloaded: int = 0
    bytes_downloaded: int = 0
    actions_pushed: int = 0
    conflicts: int = 0
    quarantined: int = 0
    errors: tuple[str, ...] = ()
    full_reconcile: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "cases_added": self.cases_added,
            "cases_updated": self.cases_updated,
            "cases_removed": self.cases_removed,
            "files_downloaded": self.files_downloaded,
            "bytes_downloaded": self.bytes_downloaded,
            "actions_pushed": self.actions_pushed,
            "conflicts": self.conflicts,
            "quarantined": self.quarantined,
            "errors": list(self.errors),
            "full_reconcile": self.full_reconcile,
        }


@dataclass
class _Tally:
    added: int = 0
    updated: int = 0
    removed: int = 0
    files: int = 0
    bytes: int = 0
    pushed: int = 0
    conflicts: set[str] = field(default_factory=set)
    quarantined: int = 0
    errors: list[str] = field(default_factory=list)
    reconcile: bool = False


def token_key(platform_url: str, username: str) -> str:
    return f"token:{platform_url.rstrip('/')}:{username}"


def normalise_url(platform_url: str) -> str:
    url = platform_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncError(f"'{platform_url}' is not a web address (it must start with https://).")
    return url


# ---------------------------------------------------------------------------------------
# Signing in and out


def login(
    desk: Desk,
    platform_url: str,
    username: str,
    password: str,
    credentials: CredentialStore,
    *,
    transport: Any = None,
) -> m.User:
    """Sign in; the token goes to the keyring, the user's name and role to the store."""
    url = normalise_url(platform_url)
    with PlatformClient(url, transport=transport) as client:
        try:
            session = client.login(username, password)
        except SessionExpired:
            raise SessionExpired(
                "The platform did not accept this user name and password."
            ) from None
        except Retryable as exc:
            raise SyncError(f"Signing in failed: {exc}") from None
    credentials.set(token_key(url, session.username), session.token)
    with desk.unit_of_work() as uow:
        user = uow.session.get(m.User, session.username) or m.User(username=session.username)
        user.display_name = session.display_name
        user.role = session.role
        user.platform_url = url
        uow.session.add(user)
        state = uow.session.get(m.SyncState, (url, session.username))
        if state is None:
            uow.session.add(m.SyncState(platform_url=url, username=session.username))
        audit.record(
            uow.session,
            at=uow.clock.now(),
            actor=f"user:{session.username}",
            action="user.signed_in",
            case_id=None,
            changes={"platform": url, "role": session.role},
        )
        uow.commit()
        uow.session.expunge(user)
    return user


def logout(desk: Desk, platform_url: str, username: str, credentials: CredentialStore) -> None:
    url = normalise_url(platform_url)
    credentials.delete(token_key(url, username))
    with desk.unit_of_work() as uow:
        audit.record(
            uow.session,
            at=uow.clock.now(),
            actor=f"user:{username}",
            action="user.signed_out",
            case_id=None,
            changes={"platform": url},
        )
        uow.commit()


def signed_in_account(desk: Desk, platform_url: str | None) -> tuple[str, str]:
    """(platform URL, user name) of the account to sync: the given platform's, or the only one."""
    with desk.unit_of_work(read_only=True) as uow:
        query = select(m.SyncState.platform_url, m.SyncState.username)
        if platform_url:
            query = query.where(m.SyncState.platform_url == normalise_url(platform_url))
        rows = uow.session.execute(query).all()
    if not rows:
        where = f" to {platform_url}" if platform_url else ""
        raise NotSignedIn(
            f"Nobody has signed in{where} yet: run `mediation-desk login --platform URL --user NAME`."
        )
    if len(rows) > 1:
        raise NotSignedIn("Several accounts are signed in; say which platform with --platform URL.")
    return rows[0][0], rows[0][1]


# ---------------------------------------------------------------------------------------
# The sync


class _Sync:
    def __init__(
        self,
        desk: Desk,
        client: PlatformClient,
        platform_url: str,
        username: str,
        progress: Callable[[SyncProgress], None] | None,
        cancel: threading.Event,
        policy: RetryPolicy,
        page_limit: int,
        workers: int,
    ) -> None:
        self.desk = desk
        self.client = client
        self.url = platform_url
        self.username = username
        self.actor = f"user:{username}"
        self.report = progress or (lambda _progress: None)
        self.cancel = cancel
        self.policy = policy
        self.page_limit = page_limit
        self.workers = workers
        self.tally = _Tally()
        self.state = SyncProgress("cases")
        self._lock = threading.Lock()
        self._stored: list[str] = []  # downloaded, not yet recorded as stored

    def _progress(self, **changes: int | str) -> None:
        with self._lock:
            self.state = replace(self.state, **changes)  # type: ignore[arg-type]
            state = self.state
        self.report(state)

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise SyncCancelled("Sync stopped; everything finished so far is kept.")

    def _retrying(self, action: Callable[[], Any]) -> Any:
        return with_retries(action, self.policy, self.cancel)

    # -- pull ---------------------------------------------------------------------------

    def pull(self) -> None:
        with self.desk.unit_of_work(read_only=True) as uow:
            state = uow.session.get(m.SyncState, (self.url, self.username))
            cursor = state.cursor if state else None
        limit = self.page_limit
        seen_in_reconcile: set[str] | None = None
        while True:
            self._check_cancel()
            try:
                page = self._retrying(partial(self.client.changes, cursor, limit))
            except TooLarge as exc:
                if limit > 1:
                    limit = max(1, limit // 4)  # smaller pages, to get past a huge document
                    continue
                self._quarantine(None, f"changes feed after cursor {cursor!r}", str(exc))
                self.tally.errors.append(
                    f"The changes feed holds an entry too large to read: {exc}"
                )
                return
            except Refused as exc:
                if exc.status == 400 and cursor is not None and not self.tally.reconcile:
                    # The platform no longer knows our cursor (restored from a backup?).
                    self.tally.reconcile = True
                    cursor, seen_in_reconcile = None, set()
                    continue
                raise
            regressed = self._apply_page(page, seen_in_reconcile)
            if regressed and not self.tally.reconcile:
                # A case went back to an older version: the platform was restored.
                # Read the whole feed again, once, and take the platform's word.
                self.tally.reconcile = True
                cursor, seen_in_reconcile = None, set()
                continue
            cursor = page["next_cursor"]
            limit = self.page_limit
            if page.get("end_of_stream") is True or not page["changes"]:
                break
        if seen_in_reconcile is not None:
            self._drop_unseen(seen_in_reconcile)

    def _apply_page(self, page: dict[str, Any], seen: set[str] | None) -> bool:
        """Apply one page and store its cursor, in one transaction. True if a case regressed."""
        regressed = False
        with self.desk.unit_of_work() as uow:
            state = uow.session.get(m.SyncState, (self.url, self.username))
            if state is None:
                state = m.SyncState(platform_url=self.url, username=self.username)
                uow.session.add(state)
            last_seq = state.last_seq_seen or 0
            for change in page["changes"]:
                regressed |= self._apply_change(uow, change, seen, last_seq)
            seqs = [
                c["seq"]
                for c in page["changes"]
                if isinstance(c, dict) and isinstance(c.get("seq"), int)
            ]
            if seqs and (seen is not None or max(seqs) > last_seq):
                # During a full reconcile the platform's numbering starts afresh.
                state.last_seq_seen = max(seqs)
            if not regressed or self.tally.reconcile:
                state.cursor = page["next_cursor"]
            state.last_sync_at = uow.clock.now()
            uow.commit()
        self._progress(phase="cases", cases_done=self.state.cases_done + len(page["changes"]))
        return regressed and not self.tally.reconcile

    def _apply_change(
        self, uow: UnitOfWork, change: Any, seen: set[str] | None, last_seq: int
    ) -> bool:
        """Apply one change; True if it shows the platform went back in time.

        That is a change we have not seen before (its ``seq`` is past the last one seen)
        carrying an older version than we hold. A repeated page carries old versions too,
        but with sequence numbers we have already seen.
        """
        if not isinstance(change, dict) or not isinstance(change.get("case_id"), str):
            self._quarantine(None, "changes feed entry", "an entry without a case id", uow)
            return False
        case_id = change["case_id"][:64]
        if change.get("deleted") is True:
            if seen is not None:
                seen.discard(case_id)
            if remove_from_queue(uow, case_id, self.actor, "no longer visible on the platform"):
                self.tally.removed += 1
            return False
        raw = json.dumps(change.get("document"), ensure_ascii=False).encode("utf-8")
        try:
            document = parse_case_document(raw)
            if document.case.id != case_id:
                raise CaseDocumentError(
                    [Problem.of("case.id", "other_case", found=document.case.id, expected=case_id)]
                )
        except CaseDocumentError as exc:
            self._quarantine(case_id, f"case {case_id}", str(exc), uow)
            return False
        if seen is not None:
            seen.add(case_id)
        stored = uow.session.get(m.Case, case_id)
        seq = change.get("seq")
        if (
            seen is None
            and stored is not None
            and document.case.version < stored.version
            and isinstance(seq, int)
            and seq > last_seq
        ):
            return True
        savepoint = uow.session.begin_nested()
        try:
            applied = apply_platform_version(
                uow, document, raw, self.actor, allow_older=seen is not None
            )
            savepoint.commit()
        except ValueError as exc:
            savepoint.rollback()
            self._quarantine(case_id, f"case {case_id}", str(exc), uow)
            return False
        if applied.outcome == "added":
            self.tally.added += 1
        elif applied.outcome in ("updated", "restored"):
            self.tally.updated += 1
        if applied.conflict:
            self.tally.conflicts.add(case_id)
        return False

    def _drop_unseen(self, seen: set[str]) -> None:
        """After a full reconcile: cases the platform no longer shows leave the queue."""
        with self.desk.unit_of_work() as uow:
            shown = uow.session.execute(
                select(m.Case.id).where(m.Case.in_queue.is_(True), m.Case.source == "platform")
            ).scalars()
            for case_id in [case_id for case_id in shown if case_id not in seen]:
                if remove_from_queue(
                    uow, case_id, self.actor, "not on the platform after a full reconcile"
                ):
                    self.tally.removed += 1
            uow.commit()

    def _quarantine(
        self, case_id: str | None, item: str, reason: str, uow: UnitOfWork | None = None
    ) -> None:
        """Keep what failed its checks out of the store, with the reason; once per fault."""

        def add(work: UnitOfWork) -> None:
            known = work.session.execute(
                select(m.Quarantine.id).where(
                    m.Quarantine.case_id == case_id,
                    m.Quarantine.item == item[:200],
                    m.Quarantine.reason == reason,
                )
            ).first()
            if known is None:
                self.tally.quarantined += 1
                work.session.add(
                    m.Quarantine(
                        case_id=case_id, item=item[:200], reason=reason, at=work.clock.now()
                    )
                )

        if uow is not None:
            add(uow)
            return
        with self.desk.unit_of_work() as own:
            add(own)
            own.commit()

    # -- push ---------------------------------------------------------------------------

    def push(self) -> None:
        with self.desk.unit_of_work(read_only=True) as uow:
            case_ids = list(
                dict.fromkeys(
                    uow.session.execute(
                        select(m.OutboxEntry.case_id)
                        .where(m.OutboxEntry.state == "pending")
                        .order_by(m.OutboxEntry.id)
                    ).scalars()
                )
            )
        for case_id in case_ids:
            self._check_cancel()
            try:
                self._push_case(case_id)
            except Retryable as exc:
                self.tally.errors.append(
                    f"{case_id}: not sent yet, will retry at the next sync ({exc})"
                )

    def _next_entry(self, case_id: str) -> tuple[int, str, dict[str, Any], int] | None:
        with self.desk.unit_of_work(read_only=True) as uow:
            row = uow.session.execute(
                select(
                    m.OutboxEntry.id,
                    m.OutboxEntry.idempotency_key,
                    m.OutboxEntry.body,
                    m.OutboxEntry.base_version,
                )
                .where(m.OutboxEntry.case_id == case_id, m.OutboxEntry.state == "pending")
                .order_by(m.OutboxEntry.id)
                .limit(1)
            ).first()
        return None if row is None else (row[0], row[1], dict(row[2]), row[3])

    def _push_case(self, case_id: str) -> None:
        conflicts_handled = 0
        while (entry := self._next_entry(case_id)) is not None:
            self._check_cancel()
            entry_id, key, body, base_version = entry
            self._count_attempt(entry_id)
            try:
                answer = self._retrying(
                    partial(self.client.post_action, case_id, body, key, base_version)
                )
            except VersionConflict:
                conflicts_handled += 1
                if conflicts_handled > 3 or not self._take_current_version(case_id):
                    return  # held as a conflict: the mediator decides
                continue  # re-based onto the current version: send again
            except Refused as exc:
                self._refused(case_id, entry_id, exc)
                return
            self._sent(case_id, entry_id, answer)
            self.tally.pushed += 1
            self._progress(phase="push", actions_done=self.tally.pushed)

    def _count_attempt(self, entry_id: int) -> None:
        with self.desk.unit_of_work() as uow:
            uow.session.execute(
                update(m.OutboxEntry)
                .where(m.OutboxEntry.id == entry_id)
                .values(attempts=m.OutboxEntry.attempts + 1)
            )
            uow.commit()

    def _take_current_version(self, case_id: str) -> bool:
        """After a 409: store the platform's current version; True if the action may go again."""
        _, raw = self._retrying(lambda: self.client.get_case(case_id))
        try:
            document = parse_case_document(raw)
        except CaseDocumentError as exc:
            self._quarantine(case_id, f"case {case_id}", str(exc))
            return False
        with self.desk.unit_of_work() as uow:
            applied = apply_platform_version(uow, document, raw, self.actor)
            uow.commit()
        if applied.conflict:
            self.tally.conflicts.add(case_id)
            return False
        return True

    def _refused(self, case_id: str, entry_id: int, exc: Refused) -> None:
        with self.desk.unit_of_work() as uow:
            uow.session.execute(
                update(m.OutboxEntry)
                .where(m.OutboxEntry.id == entry_id)
                .values(state="failed", last_error=str(exc))
            )
            later = list(
                uow.session.execute(
                    select(m.OutboxEntry.id).where(
                        m.OutboxEntry.case_id == case_id,
                        m.OutboxEntry.state == "pending",
                        m.OutboxEntry.id > entry_id,
                    )
                ).scalars()
            )
            if later:
                uow.session.execute(
                    update(m.OutboxEntry)
                    .where(m.OutboxEntry.id.in_(later))
                    .values(
                        state="held", last_error="waits for an earlier action the platform refused"
                    )
                )
            uow.session.execute(update(m.Case).where(m.Case.id == case_id).values(in_conflict=True))
            audit.record(
                uow.session,
                at=uow.clock.now(),
                actor=self.actor,
                action="outbox.refused",
                case_id=case_id,
                changes={"outbox_id": entry_id, "error": str(exc), "held": later},
            )
            uow.commit()
        self.tally.conflicts.add(case_id)
        self.tally.errors.append(f"{case_id}: the platform refused an action: {exc}")

    def _sent(self, case_id: str, entry_id: int, answer: dict[str, Any]) -> None:
        new_version = int(answer["case_version"])
        with self.desk.unit_of_work() as uow:
            entry = uow.session.get(m.OutboxEntry, entry_id)
            assert entry is not None
            entry.state = "sent"
            entry.sent_at = uow.clock.now()
            entry.result = answer
            entry.last_error = None
            platform_offer = (answer.get("result") or {}).get("offer_id")
            if (
                entry.action_type == "propose_offer"
                and entry.local_offer_id
                and isinstance(platform_offer, str)
            ):
                link_pushed_offer(uow, case_id, entry.local_offer_id, platform_offer)
            # Our own next actions on this case follow from the version this one made.
            uow.session.execute(
                update(m.OutboxEntry)
                .where(
                    m.OutboxEntry.case_id == case_id,
                    m.OutboxEntry.state == "pending",
                    m.OutboxEntry.base_version == entry.base_version,
                )
                .values(base_version=new_version)
            )
            audit.record(
                uow.session,
                at=uow.clock.now(),
                actor=self.actor,
                action="outbox.sent",
                case_id=case_id,
                changes={
                    "outbox_id": entry_id,
                    "type": entry.action_type,
                    "case_version": new_version,
                },
            )
            uow.commit()

    # -- files --------------------------------------------------------------------------

    def wanted_files(self) -> list[WantedFile]:
        quarantined: set[tuple[str | None, str]] = set()
        with self.desk.unit_of_work(read_only=True) as uow:
            for case_id, item in uow.session.execute(
                select(m.Quarantine.case_id, m.Quarantine.item)
            ):
                quarantined.add((case_id, item))
            evidence = uow.session.execute(
                select(
                    m.Evidence.case_id, m.Evidence.evidence_id, m.Evidence.sha256, m.Evidence.size
                )
                .join(m.Case, m.Case.id == m.Evidence.case_id)
                .where(m.Evidence.stored.is_(False), m.Case.in_queue.is_(True))
                .order_by(m.Evidence.case_id, m.Evidence.id)
            ).all()
            documents = uow.session.execute(
                select(
                    m.Document.case_id, m.Document.document_id, m.Document.sha256, m.Document.size
                )
                .where(m.Document.stored.is_(False))
                .order_by(m.Document.case_id, m.Document.id)
            ).all()
        files: dict[str, WantedFile] = {}
        for case_id, evidence_id, sha, size in evidence:
            if (case_id, f"evidence {evidence_id}") not in quarantined:
                files.setdefault(
                    sha,
                    WantedFile(
                        case_id, evidence_id, f"/cases/{case_id}/evidence/{evidence_id}", sha, size
                    ),
                )
        for case_id, document_id, sha, size in documents:
            if (case_id, f"document {document_id}") not in quarantined:
                files.setdefault(
                    sha,
                    WantedFile(case_id, f"document:{document_id}", f"/documents/{sha}", sha, size),
                )
        return list(files.values())

    def download(self) -> None:
        wanted = self.wanted_files()
        if not wanted:
            return
        self._progress(
            phase="files", files_total=len(wanted), bytes_total=sum(item.size for item in wanted)
        )

        def on_bytes(count: int) -> None:
            with self._lock:
                self.tally.bytes += count
            self._progress(bytes_done=self.tally.bytes)

        pending = iter(wanted)
        running: dict[Future[bool], WantedFile] = {}
        with ThreadPoolExecutor(
            max_workers=self.workers, thread_name_prefix="sync-download"
        ) as pool:
            try:
                while True:
                    while len(running) < self.workers * 2 and not self.cancel.is_set():
                        item = next(pending, None)
                        if item is None:
                            break
                        future = pool.submit(
                            fetch_file,
                            self.client,
                            self.desk.evidence,
                            item,
                            self.policy,
                            self.cancel,
                            on_bytes,
                        )
                        running[future] = item
                    if not running:
                        break
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        self._file_done(running.pop(future), future)
            finally:
                for future in running:
                    future.cancel()
                self._record_stored()
        self._check_cancel()

    def _file_done(self, item: WantedFile, future: Future[bool]) -> None:
        try:
            future.result()
        except SyncCancelled:
            return
        except BadFile as exc:
            label = (
                f"evidence {item.item}"
                if not item.item.startswith("document:")
                else f"document {item.item[9:]}"
            )
            self._quarantine(item.case_id, label, str(exc))
            self.tally.errors.append(f"{item.case_id}: {label} quarantined: {exc}")
            return
        except (Retryable, Refused) as exc:
            self.tally.errors.append(f"{item.case_id}: {item.item} not downloaded yet ({exc})")
            return
        self._stored.append(item.sha256)
        if len(self._stored) >= 200:
            self._record_stored()
        self.tally.files += 1
        self._progress(files_done=self.tally.files)

    def _record_stored(self) -> None:
        """Make a batch of downloaded files durable, then record them as stored.

        Batched: one folder fsync and one transaction for many files. A kill before
        this leaves files in the store that the next sync finds and records.
        """
        if not self._stored:
            return
        hashes, self._stored = self._stored, []
        self.desk.evidence.make_durable()
        with self.desk.unit_of_work() as uow:
            uow.session.execute(
                update(m.Evidence).where(m.Evidence.sha256.in_(hashes)).values(stored=True)
            )
            uow.session.execute(
                update(m.Document).where(m.Document.sha256.in_(hashes)).values(stored=True)
            )
            uow.commit()

    def summary(self) -> SyncSummary:
        with self.desk.unit_of_work(read_only=True) as uow:
            conflicts = len(
                list(
                    uow.session.execute(
                        select(m.Case.id).where(m.Case.in_conflict.is_(True))
                    ).scalars()
                )
            )
        return SyncSummary(
            cases_added=self.tally.added,
            cases_updated=self.tally.updated,
            cases_removed=self.tally.removed,
            files_downloaded=self.tally.files,
            bytes_downloaded=self.tally.bytes,
            actions_pushed=self.tally.pushed,
            conflicts=conflicts,
            quarantined=self.tally.quarantined,
            errors=tuple(self.tally.errors),
            full_reconcile=self.tally.reconcile,
        )


def run_sync(
    desk: Desk,
    platform_url: str,
    username: str,
    credentials: CredentialStore,
    progress: Callable[[SyncProgress], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    policy: RetryPolicy | None = None,
    page_limit: int = 500,
    workers: int = 4,
    timeout: float = 30.0,
    transport: Any = None,
) -> SyncSummary:
    """Pull, push, pull again and download files; see the module docstring."""
    url = normalise_url(platform_url)
    token = credentials.get(token_key(url, username))
    if token is None:
        raise NotSignedIn(
            f"{username} is not signed in to {url}: run `mediation-desk login --platform {url} --user {username}`."
        )
    cancel = cancel or threading.Event()
    with PlatformClient(url, token, timeout=timeout, transport=transport) as client:
        sync = _Sync(
            desk,
            client,
            url,
            username,
            progress,
            cancel,
            policy or RetryPolicy(),
            page_limit,
            workers,
        )
        try:
            sync.pull()
            sync.push()
            if sync.tally.pushed:
                sync.pull()  # bring back what our own actions changed
            sync.download()
        except SessionExpired:
            raise SessionExpired(
                f"Your sign-in to {url} has expired. Log in again: "
                f"mediation-desk login --platform {url} --user {username}"
            ) from None
        except Retryable as exc:
            raise SyncError(f"The platform kept failing; try again later ({exc}).") from None
        return sync.summary()
