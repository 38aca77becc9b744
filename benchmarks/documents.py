"""Benchmark: decision documents.

1. **A ruling from a stored case, warm**: a case imported into a store and walked to
   "Draft the ruling" with the workflow service; then ``draft_document`` end to end —
   read the case and its workflow, re-hash its evidence, build the record, render, PDF/A,
   store the file, the row and the audit event, commit — with a new document date each
   time so every call makes a new version. Target: under 100 ms. Also the render alone.
2. **1,000 rulings in one process** (records of that case, each a different version):
   ``render_record`` against the floor, ReportLab alone building the same stories
   (the blocks are prepared before the clock starts; the floor turns them into
   flowables and builds the PDF). Target: within 1.3× of the floor, measured in the
   same run.

    .venv/bin/python benchmarks/documents.py [--rulings 1000]

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import keyring  # noqa: E402

from app.clock import FixedClock  # noqa: E402
from app.desk import Desk  # noqa: E402
from app.documents import document_record, draft_document  # noqa: E402
from reports import render_record  # noqa: E402
from reports.blocks import Placement, flowables  # noqa: E402
from reports.pdf import build_story_pdf  # noqa: E402
from reports.story import story_blocks  # noqa: E402
from reports.styles import styles_for  # noqa: E402
from tests.integration.documents.stored_cases import (  # noqa: E402
    MEDIATOR,
    import_case,
    walk_to_ruling_draft,
)
from tests.support.memory_keyring import MemoryKeyring  # noqa: E402
from tests.unit.documents.walks import START  # noqa: E402

CASE = "DSP-2026-004711"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rulings", type=int, default=1000)
    parser.add_argument("--drafts", type=int, default=30)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(START)
        desk = Desk.open(Path(folder) / "home", clock=clock)
        try:
            import_case(desk, Path(folder), CASE)
            walk_to_ruling_draft(desk, clock, CASE)
            draft_times, pages = _drafts(desk, args.drafts)
            with desk.unit_of_work(read_only=True) as uow:
                record = document_record(uow, CASE, "R1")
        finally:
            desk.close()
    render_times = []
    for _ in range(args.drafts):
        start = time.perf_counter()
        render_record(record)
        render_times.append(time.perf_counter() - start)

    records = [
        dataclasses.replace(
            record,
            case=dataclasses.replace(record.case, document_id=f"R{n}", version=n),
        )
        for n in range(1, args.rulings + 1)
    ]
    ours, floor = _thousand(records)
    ms = 1000
    print(f"Machine: {_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{date.today().isoformat()}")  # fmt: skip
    print()
    print("| what | figure |")
    print("|---|---|")
    print(f"| the ruling drafted from the stored case | {pages} pages |")
    print(
        f"| `draft_document`, warm, median of {args.drafts} (target < 100 ms) | "
        f"{statistics.median(draft_times) * ms:.1f} ms (best {min(draft_times) * ms:.1f} ms) |"
    )
    print(
        f"| `render_record` alone, warm, median | {statistics.median(render_times) * ms:.1f} ms |"
    )
    print(f"| {args.rulings} rulings, `render_record` | {ours:.2f} s ({ours / args.rulings * ms:.1f} ms each) |")  # fmt: skip
    print(f"| the same stories, ReportLab alone (the floor) | {floor:.2f} s ({floor / args.rulings * ms:.1f} ms each) |")  # fmt: skip
    print(f"| ratio to the floor (target ≤ 1.3×) | **{ours / floor:.2f}×** |")


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _drafts(desk: Desk, count: int) -> tuple[list[float], int]:
    times = []
    pages = 0
    with desk.unit_of_work() as uow:  # warm: fonts registered, templates read
        pages = draft_document(uow, CASE, render_record, actor_id=MEDIATOR).document.page_count
    for day in range(1, count + 1):
        start = time.perf_counter()
        with desk.unit_of_work() as uow:
            result = draft_document(
                uow,
                CASE,
                render_record,
                actor_id=MEDIATOR,
                document_date=date(2026, 3, 5) + timedelta(days=day),
            )
        times.append(time.perf_counter() - start)
        assert result.created
    return times, pages


def _thousand(records: list) -> tuple[float, float]:  # type: ignore[type-arg]
    # The floor's stories, prepared before its clock starts.
    prepared = [(record, story_blocks(record)) for record in records]
    start = time.perf_counter()
    for record in records:
        render_record(record)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for record, blocks in prepared:
        story = flowables(blocks, styles_for(record.case.language), Placement())
        build_story_pdf(record, story)
    floor = time.perf_counter() - start
    return ours, floor


if __name__ == "__main__":
    main()
