"""The supervisor's desk over a large store: the review queue and the consistency aid.

    .venv/bin/python benchmarks/review.py [--cases 100000] [--waiting 500] [--runs 7]

Builds the store with ``tests/qt/queue_at_scale.py`` (with outcomes: a decision for every
finished case), adds ``--waiting`` platform documents awaiting review to cases under
review, then times ``review_queue`` (every waiting document with its working-day
deadline) and ``similar_cases`` (past decided cases of one category and reason, with
percentiles and flags) for cases of the most common category and reason.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=CHINA)


def _time(run: Callable[[], object], runs: int) -> list[float]:
    run()  # warm the caches
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        found.append((time.perf_counter() - start) * 1000)
    return found


def main() -> int:
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from sqlalchemy import func, insert, select

    from app.clock import FixedClock
    from app.desk import Desk
    from app.review.service import review_queue
    from app.review.similar import DraftDecision, similar_cases
    from app.store import models as m
    from tests.qt.queue_at_scale import build_large_queue

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--waiting", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{platform.machine()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="review-bench-") as folder:
        home = Path(folder) / "home"
        started = time.perf_counter()
        build_large_queue(home, args.cases, NOW, with_outcomes=True)
        print(f"built {args.cases:,} cases in {time.perf_counter() - started:.1f} s")
        desk = Desk.open(home, clock=FixedClock(NOW))
        try:
            with desk.unit_of_work() as uow:
                ids = list(uow.session.execute(select(m.Case.id).limit(args.waiting)).scalars())
                uow.session.execute(
                    insert(m.Document),
                    [
                        {
                            "case_id": case_id,
                            "document_id": "D1",
                            "kind": "ruling",
                            "sha256": f"{index:064x}",
                            "size": 1000,
                            "created_at": NOW - timedelta(hours=index % 200),
                            "created_by": "user:mediator1",
                            "status": "submitted",
                            "reviews": [],
                            "stored": False,
                        }
                        for index, case_id in enumerate(ids)
                    ],
                )
                uow.commit()
                category, reason, decided = uow.session.execute(
                    select(m.Case.category, m.Case.reason, func.count())
                    .join(m.Decision, m.Decision.case_id == m.Case.id)
                    .group_by(m.Case.category, m.Case.reason)
                    .order_by(func.count().desc())
                    .limit(1)
                ).one()
                target = uow.session.execute(
                    select(m.Case.id).where(m.Case.category == category, m.Case.reason == reason)
                ).scalar()
            assert target is not None
            draft = DraftDecision("R1", "partial", 30000, "CNY")

            def queue() -> object:
                with desk.unit_of_work(read_only=True) as uow:
                    return review_queue(uow)

            def similar() -> object:
                with desk.unit_of_work(read_only=True) as uow:
                    return similar_cases(uow, target, draft)

            for label, run in (
                (f"review queue ({args.waiting} waiting)", queue),
                (f"similar cases ({category}/{reason}: {decided:,} decided)", similar),
            ):
                runs = _time(run, args.runs)
                print(
                    f"{label:48}  median {statistics.median(runs):6.0f} ms"
                    f"  min {min(runs):6.0f} ms  max {max(runs):6.0f} ms"
                )
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
