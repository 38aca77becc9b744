"""Filling a platform: demo users, generated demo cases, imported case bundles."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import secrets
import time
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.contract.bundle import Bundle, BundleError, read_bundle
from app.contract.case_document import CaseDocumentError, parse_case_document
from app.contract.content_store import ContentStore
from platform_server import cases
from platform_server.config import DemoUser
from platform_server.db import (
    CaseRow,
    ChangeRow,
    Database,
    DocumentRef,
    FeedRow,
    StoredDocument,
    User,
    next_seq,
)

# Moderate argon2 costs: the demo server hashes three passwords at every start.
PASSWORDS = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def create_users(db: Database, users: Sequence[DemoUser], password: str | None) -> dict[str, str]:
    """Create (or reset) the demo users; returns each user's password in clear, to print.

    Without ``password`` each user gets a fresh random one at every start.
    """
    chosen: dict[str, str] = {}
    with db.write() as session:
        for user in users:
            secret = password or secrets.token_urlsafe(9)
            chosen[user.username] = secret
            hashed = PASSWORDS.hash(secret)
            row = session.get(User, user.username)
            if row is None:
                session.add(
                    User(
                        username=user.username,
                        display_name=user.display_name,
                        role=user.role,
                        password_hash=hashed,
                    )
                )
            else:
                row.display_name, row.role, row.password_hash = user.display_name, user.role, hashed
        session.commit()
    return chosen


def case_count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(CaseRow)) or 0)


def put_file(store: ContentStore, data: bytes, durable: bool = True) -> str:
    """Store bytes under their hash. ``durable`` False skips fsync (bulk demo data,
    which can be generated again)."""
    sha = hashlib.sha256(data).hexdigest()
    if store.has(sha):
        return sha
    if durable:
        with store.staging() as staging:
            store.commit([staging.stage_bytes(data)])
        return sha
    target = store.path_of(sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = store.tmp / f"seed-{os.getpid()}-{sha[:16]}"
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return sha


# ---------------------------------------------------------------------------------------
# Demo cases


@dataclass(frozen=True)
class _Made:
    index: int
    data: bytes
    extra: dict[str, Any]
    documents: list[tuple[str, int, str]]


def _make_cases(
    files_dir: str,
    seed: int,
    anchor: date,
    indexes: list[int],
    mediators: tuple[str, ...],
) -> list[_Made]:
    """Build the given cases in index order, storing their files. Every case of a render
    group is built by the same worker, so the bytes do not depend on the worker count."""
    from platform_server.demo import generator

    store = ContentStore(Path(files_dir))
    cache = generator.RenderCache()
    made: list[_Made] = []
    for index in sorted(indexes):
        case = generator.build_case(index, seed, anchor, mediators, cache)
        for data in case.files.values():
            put_file(store, data, durable=False)
        documents = []
        for sha, data in case.documents.items():
            put_file(store, data, durable=False)
            author = case.document["documents"][0]["created_by"].removeprefix("user:")
            documents.append((sha, len(data), author))
        encoded = cases.dumps(case.document)
        parse_case_document(encoded)  # a generator bug must never reach a client
        made.append(_Made(index, encoded, case.extra, documents))
    return made


def seed_demo_cases(
    db: Database,
    store: ContentStore,
    count: int,
    seed: int,
    anchor: date,
    mediators: tuple[str, ...],
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Generate ``count`` cases into an empty platform, in parallel where it pays."""
    from platform_server.demo import generator

    if count <= 0:
        return 0
    started = time.perf_counter()
    workers = workers or (min(os.cpu_count() or 1, 4) if count >= 40 else 1)
    groups: list[list[int]] = [[] for _ in range(workers)]
    for index in range(count):
        group = generator.render_group(index, seed)
        groups[zlib.crc32(repr(group).encode()) % workers].append(index)
    results: list[_Made] = []
    if workers == 1:
        results = _make_cases(str(store.root), seed, anchor, groups[0], mediators)
    else:
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        db.engine.dispose(close=False)  # forked workers must not share pooled connections
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [
                pool.submit(_make_cases, str(store.root), seed, anchor, group, mediators)
                for group in groups
                if group
            ]
            for future in futures:
                results.extend(future.result())
    results.sort(key=lambda made: made.index)
    with db.write() as session:
        insert_many(session, results)
        session.commit()
    if progress:
        progress(f"generated {count} demo cases in {time.perf_counter() - started:.1f} s")
    return count


def insert_many(session: Session, made: Sequence[_Made]) -> None:
    """Insert new cases in bulk: one change each, feed rows for their first viewers."""
    import json

    supervisor_names = cases.supervisors(session)
    now = time.time()
    for item in made:
        document = json.loads(item.data)
        info = document["case"]
        review = cases.awaiting_review(document)
        row = CaseRow(
            id=info["id"],
            version=info["version"],
            document=item.data,
            status=info["status"],
            assigned_to=info.get("assigned_to"),
            awaiting_review=review,
            extra=item.extra,
            updated_seq=0,
        )
        seq = next_seq(session)
        row.updated_seq = seq
        session.add(row)
        session.add(
            ChangeRow(
                seq=seq,
                case_id=row.id,
                version=row.version,
                at=now,
                actor="platform",
                kind="case.created",
            )
        )
        for username in sorted(
            cases.viewers(row.status, row.assigned_to, review, supervisor_names)
        ):
            session.add(FeedRow(username=username, case_id=row.id, seq=seq, deleted=False))
        for sha, size, author in item.documents:
            if session.get(StoredDocument, sha) is None:
                session.add(
                    StoredDocument(sha256=sha, size=size, uploaded_by=author, uploaded_at=now)
                )
        for entry in document.get("documents") or []:
            session.merge(DocumentRef(sha256=entry["sha256"], case_id=row.id))
    session.flush()


# ---------------------------------------------------------------------------------------
# Bundles


class ImportRefused(ValueError):
    pass


def import_bundle(
    db: Database, store: ContentStore, path: Path, replace: bool = False
) -> tuple[str, int]:
    """Import one bundle with the desk's own checks; returns (case id, evidence count).

    The files are verified and staged first; only then are they committed and the case
    stored, in one transaction. A refused bundle leaves nothing behind.
    """
    with store.staging() as staging:
        bundle: Bundle = read_bundle(path, staging)
        document = bundle.document.to_json_dict()
        case_id = bundle.document.case_id
        with db.write() as session:
            existing = cases.lock_case(session, case_id)
            if existing is not None and not replace:
                raise ImportRefused(
                    f"{bundle.source}: case {case_id} is already on the platform "
                    f"(version {existing.version}); use --replace to overwrite it"
                )
            store.commit([*bundle.evidence_files.values(), *bundle.document_files.values()])
            now = time.time()
            for sha, staged in bundle.document_files.items():
                if session.get(StoredDocument, sha) is None:
                    session.add(
                        StoredDocument(
                            sha256=sha, size=staged.size, uploaded_by="import", uploaded_at=now
                        )
                    )
            if existing is None:
                cases.insert_case(session, document, actor="platform", kind="case.imported")
            else:
                cases.replace_case(
                    session, existing, document, actor="platform", kind="case.imported"
                )
            session.commit()
        return case_id, len(bundle.evidence_files)


__all__ = [
    "PASSWORDS",
    "BundleError",
    "CaseDocumentError",
    "ImportRefused",
    "case_count",
    "create_users",
    "import_bundle",
    "put_file",
    "seed_demo_cases",
]
