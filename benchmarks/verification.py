"""Benchmark: verifying the record and the evidence of a large store.

Builds a store of N cases (generated bundles, five evidence files each, imported the way
a user imports them), then times, each against a floor measured in the same run:

1. **Record verification** (``verify_records``: every snapshot's hash and its audit
   record, every derived row against its document). Floor: read every snapshot, hash
   it and parse it as JSON (``json.loads``) — the least any check of the documents does.
2. **Evidence verification** (``verify_evidence``: every stored file re-hashed once).
   Floor: ``hashlib.sha256`` over every file in the store's folder.
3. **The audit chain** (``verify_audit_trail``: every keyed link recomputed). Floor:
   the same number of HMAC-SHA-256 computations over the events' stored JSON.

    .venv/bin/python benchmarks/verification.py [--cases 10000]

Prints a Markdown table to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from import_and_search import make_bundles  # noqa: E402

from app.desk import Desk  # noqa: E402
from app.security.credentials import KeyringCredentialStore  # noqa: E402
from app.services.case_import import import_bundles  # noqa: E402
from app.services.record_check import verify_records  # noqa: E402
from app.services.verification import verify_audit_trail, verify_evidence  # noqa: E402
from app.store import models as m  # noqa: E402
from tests.support.memory_keyring import MemoryKeyring  # noqa: E402


def _best(function, runs: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="verify-bench-"))
    (work / "bundles").mkdir()
    bundles = make_bundles(work / "bundles", args.cases, random.Random(7))
    # The keyring is a boundary we do not own: an in-memory one, as in the tests.
    credentials = KeyringCredentialStore(MemoryKeyring())
    desk = Desk.open(work / "home", credentials=credentials)
    started = time.perf_counter()
    batch = import_bundles(desk.unit_of_work, bundles, "user:benchmark")
    imported = time.perf_counter() - started
    assert batch.stopped is None and all(r.outcome == "added" for r in batch.results)
    for path in bundles:
        path.unlink()

    def records():  # type: ignore[no-untyped-def]
        with desk.unit_of_work(read_only=True) as uow:
            return verify_records(uow)

    def records_floor():  # type: ignore[no-untyped-def]
        with desk.unit_of_work(read_only=True) as uow:
            count = 0
            for (document,) in uow.session.execute(
                m.CaseSnapshot.__table__.select().with_only_columns(m.CaseSnapshot.document)
            ):
                hashlib.sha256(document).hexdigest()
                json.loads(document)
                count += 1
            return count

    def evidence():  # type: ignore[no-untyped-def]
        with desk.unit_of_work(read_only=True) as uow:
            return verify_evidence(uow)

    def evidence_floor():  # type: ignore[no-untyped-def]
        count = 0
        for path in desk.evidence.objects.iterdir():
            digest = hashlib.sha256()
            with open(path, "rb") as source:
                while chunk := source.read(1024 * 1024):
                    digest.update(chunk)
            count += 1
        return count

    def chain():  # type: ignore[no-untyped-def]
        with desk.unit_of_work(read_only=True) as uow:
            return verify_audit_trail(uow)

    key = desk.chain_key()
    assert key is not None

    def chain_floor():  # type: ignore[no-untyped-def]
        with desk.unit_of_work(read_only=True) as uow:
            count = 0
            for (changes,) in uow.session.execute(
                m.AuditEvent.__table__.select().with_only_columns(m.AuditEvent.changes)
            ):
                hmac.new(key.secret, json.dumps(changes).encode(), hashlib.sha256).hexdigest()
                count += 1
            return count

    rows = []
    for name, measured, floor in (
        ("record verification", records, records_floor),
        ("evidence verify", evidence, evidence_floor),
        ("audit chain", chain, chain_floor),
    ):
        seconds, report = _best(measured)
        floor_seconds, _ = _best(floor)
        ok = getattr(report, "ok", getattr(report, "intact", None))
        rows.append((name, seconds, floor_seconds, ok))
    desk.close()

    print(
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
        f"{platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {args.cases} cases "
        f"(imported in {imported:.1f} s); best of three.\n"
    )
    print("| check | seconds | floor | ratio to the floor | verdict |")
    print("|---|---|---|---|---|")
    for name, seconds, floor_seconds, ok in rows:
        print(
            f"| {name} | {seconds:.2f} | {floor_seconds:.2f} | {seconds / floor_seconds:.2f}× | {ok} |"
        )


if __name__ == "__main__":
    main()
