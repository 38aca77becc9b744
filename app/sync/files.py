"""Downloading the files the store lacks: evidence and documents of the cases in the
queue, concurrently (bounded), each resumable and verified (:mod:`app.sync.downloads`),
recorded as stored in batches once they are durable."""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from sqlalchemy import select, update

from app.errors import SyncCancelled
from app.store import models as m
from app.sync.client import RedirectRefused, Refused, Retryable, TooSlow
from app.sync.context import SyncContext
from app.sync.downloads import BadFile, WantedFile, fetch_file
from app.vocabulary import words

# Downloaded files are recorded as stored this many at a time (one fsync, one commit).
RECORD_BATCH = 200


def wanted_files(ctx: SyncContext) -> list[WantedFile]:
    """Every file a case in the queue lists that the store lacks and is not quarantined."""
    quarantined: set[tuple[str | None, str]] = set()
    with ctx.desk.unit_of_work(read_only=True) as uow:
        for case_id, item in uow.session.execute(select(m.Quarantine.case_id, m.Quarantine.item)):
            quarantined.add((case_id, item))
        evidence = uow.session.execute(
            select(m.Evidence.case_id, m.Evidence.evidence_id, m.Evidence.sha256, m.Evidence.size)
            .join(m.Case, m.Case.id == m.Evidence.case_id)
            .where(m.Evidence.stored.is_(False), m.Case.in_queue.is_(True))
            .order_by(m.Evidence.case_id, m.Evidence.id)
        ).all()
        documents = uow.session.execute(
            select(m.Document.case_id, m.Document.document_id, m.Document.sha256, m.Document.size)
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
                sha, WantedFile(case_id, f"document:{document_id}", f"/documents/{sha}", sha, size)
            )
    return list(files.values())


class _Downloads:
    def __init__(self, ctx: SyncContext) -> None:
        self.ctx = ctx
        self.stored: list[str] = []  # downloaded, not yet recorded as stored

    def run(self) -> None:
        ctx = self.ctx
        wanted = wanted_files(ctx)
        if not wanted:
            return
        ctx.progress(
            phase="files", files_total=len(wanted), bytes_total=sum(item.size for item in wanted)
        )

        def on_bytes(count: int) -> None:
            with ctx.lock:
                ctx.tally.bytes += count
            ctx.progress(bytes_done=ctx.tally.bytes)

        pending = iter(wanted)
        running: dict[Future[bool], WantedFile] = {}
        with ThreadPoolExecutor(
            max_workers=ctx.workers, thread_name_prefix="sync-download"
        ) as pool:
            try:
                while True:
                    while len(running) < ctx.workers * 2 and not ctx.cancel.is_set():
                        item = next(pending, None)
                        if item is None:
                            break
                        future = pool.submit(
                            fetch_file,
                            ctx.client,
                            ctx.desk.evidence,
                            item,
                            ctx.policy,
                            ctx.cancel,
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
        ctx.check_cancel()

    def _file_done(self, item: WantedFile, future: Future[bool]) -> None:
        ctx = self.ctx
        label = (
            f"evidence {item.item}"
            if not item.item.startswith("document:")
            else f"document {item.item[9:]}"
        )
        try:
            future.result()
        except SyncCancelled:
            return
        except BadFile as exc:
            ctx.quarantine(item.case_id, label, str(exc))
            return
        except (Retryable, Refused, TooSlow, RedirectRefused) as exc:
            # Retries ran out, the platform refused, or the bytes trickled too slowly:
            # the file waits for the next sync (a partial download resumes).
            ctx.problem(
                "failed",
                item.case_id,
                label,
                words(
                    "sync.problem.not_downloaded", case=item.case_id, item=label, reason=exc.message
                ),
            )
            return
        self.stored.append(item.sha256)
        if len(self.stored) >= RECORD_BATCH:
            self._record_stored()
        ctx.tally.files += 1
        ctx.progress(files_done=ctx.tally.files)

    def _record_stored(self) -> None:
        """Make a batch of downloaded files durable, then record them as stored.

        Batched: one folder fsync and one transaction for many files. A kill before
        this leaves files in the store that the next sync finds and records.
        """
        if not self.stored:
            return
        hashes, self.stored = self.stored, []
        self.ctx.desk.evidence.make_durable()
        with self.ctx.desk.unit_of_work() as uow:
            uow.session.execute(
                update(m.Evidence).where(m.Evidence.sha256.in_(hashes)).values(stored=True)
            )
            uow.session.execute(
                update(m.Document).where(m.Document.sha256.in_(hashes)).values(stored=True)
            )
            uow.commit()


def download(ctx: SyncContext) -> None:
    """Fetch every wanted file; failures become problems of the sync, never a stop."""
    _Downloads(ctx).run()
