"""Benchmark: importing bundles, and searching a large queue.

1. Import N generated bundles (about five evidence files each) into a fresh SQLite desk,
   against a floor measured in the same run: the same bytes read from the same zips,
   hashed, written and fsynced (the durability the importer promises), plus the same
   case rows inserted with plain executemany in one transaction.
2. ``cases list --search`` over M cases: the query through the service for several
   terms (two-character Chinese among them), and the whole command as a user runs it.

    .venv/bin/python benchmarks/import_and_search.py [--bundles 1000] [--cases 100000]

Prints a Markdown table to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from floor_rows import insert_rows  # noqa: E402

from app.contract.case_document import parse_case_document  # noqa: E402
from app.desk import Desk  # noqa: E402
from app.services.case_import import import_bundles  # noqa: E402
from app.services.queue import QueueQuery, fetch_page  # noqa: E402
from app.store.case_writer import write_case  # noqa: E402

EXAMPLE = REPO / "tests" / "data" / "examples"

GOODS = [
    "羊毛大衣",
    "蓝牙耳机",
    "保温杯",
    "儿童座椅",
    "面霜",
    "运动鞋",
    "充电宝",
    "茶叶礼盒",
    "羽绒服",
    "扫地机器人",
]
PROBLEMS = [
    "与描述不符",
    "收到破损",
    "快递丢失",
    "优惠券未生效",
    "退货被拒",
    "疑似假货",
    "发货延迟",
    "客服态度差",
]


def _template() -> dict:
    with zipfile.ZipFile(EXAMPLE / "DSP-2026-004711.zip") as archive:
        return json.loads(archive.read("case.json"))


def make_bundles(folder: Path, count: int, rng: random.Random) -> list[Path]:
    template = _template()
    paths = []
    for index in range(count):
        document = json.loads(json.dumps(template))
        document["case"]["id"] = f"DSP-2026-{index:06d}"
        good, problem = rng.choice(GOODS), rng.choice(PROBLEMS)
        document["case"]["title"] = f"{good}{problem}"
        files = {}
        evidence = []
        for number in range(1, 6):
            size = rng.randint(20_000, 80_000)
            data = rng.randbytes(size)
            evidence_id = f"E{number}"
            files[evidence_id] = data
            evidence.append(
                {
                    "id": evidence_id,
                    "kind": "photo",
                    "submitted_by": "P1",
                    "submitted_at": "2026-10-05T18:12:00+08:00",
                    "filename": f"IMG_{number}.jpg",
                    "media_type": "image/jpeg",
                    "size": size,
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            )
        document["evidence"] = evidence
        document["order"]["items"][0].pop("listing_evidence_id", None)
        path = folder / f"{document['case']['id']}.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(
                "case.json", json.dumps(document, ensure_ascii=False), zipfile.ZIP_DEFLATED
            )
            for evidence_id, data in files.items():
                archive.writestr(f"evidence/{evidence_id}", data, zipfile.ZIP_STORED)
        paths.append(path)
    return paths


def measure_import(bundles: list[Path], work: Path) -> float:
    desk = Desk.open(work / "desk-home")
    try:
        start = time.perf_counter()
        results = import_bundles(desk.unit_of_work, bundles, "user:benchmark").results
        elapsed = time.perf_counter() - start
    finally:
        desk.close()
    failed = [result for result in results if result.outcome != "added"]
    assert not failed, failed[:3]
    return elapsed


def measure_floor(bundles: list[Path], work: Path, fsync: bool) -> float:
    """Same bytes hashed, copied (and fsynced); same case rows inserted in one transaction."""
    floor_home = work / f"floor-{fsync}"
    Desk.open(floor_home).close()  # the same migrated schema, so the inserts are the same
    target = floor_home / "copies"
    target.mkdir()
    start = time.perf_counter()
    documents = []
    for path in bundles:
        with zipfile.ZipFile(path) as archive:
            documents.append(json.loads(archive.read("case.json")))
            for info in archive.infolist():
                if not info.filename.startswith("evidence/"):
                    continue
                digest = hashlib.sha256()
                with (
                    archive.open(info) as source,
                    open(target / f"{path.stem}-{info.filename.replace('/', '_')}", "wb") as sink,
                ):
                    while chunk := source.read(1024 * 1024):
                        digest.update(chunk)
                        sink.write(chunk)
                    if fsync:
                        sink.flush()
                        os.fsync(sink.fileno())
    insert_rows(floor_home / "desk.sqlite3", documents, "bundle")
    return time.perf_counter() - start


def fill_queue(desk: Desk, count: int, rng: random.Random) -> float:
    template = _template()
    start_time = datetime(2026, 9, 1, tzinfo=UTC)
    started = time.perf_counter()
    batch = 2000
    for first in range(0, count, batch):
        with desk.unit_of_work() as uow:
            for index in range(first, min(first + batch, count)):
                document = template
                document["case"]["id"] = f"DSP-2026-{index:06d}"
                good, problem = rng.choice(GOODS), rng.choice(PROBLEMS)
                document["case"]["title"] = f"{good}{problem}"
                document["case"]["description"] = f"买家反映{good}{problem}，要求处理。"
                document["order"]["items"][0]["title"] = good
                document["case"]["due_at"] = (start_time + timedelta(minutes=index)).isoformat()
                raw = json.dumps(document, ensure_ascii=False).encode()
                write_case(
                    uow.session,
                    parse_case_document(raw),
                    raw,
                    source="bundle",
                    received_at=start_time,
                    stored_files=set(),
                    replace=False,
                )
            uow.commit()
    return time.perf_counter() - started


def measure_search(desk: Desk, term: str, repeats: int = 7) -> tuple[float, int]:
    times = []
    found = 0
    for _ in range(repeats):
        with desk.unit_of_work(read_only=True) as uow:
            start = time.perf_counter()
            page = fetch_page(uow, QueueQuery(search=term), limit=200)
            times.append(time.perf_counter() - start)
            found = len(page.cases)
    return statistics.median(times), found


def measure_command(home: Path, term: str, repeats: int = 3) -> float:
    command = Path(sys.executable).with_name("mediation-desk")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(
            [str(command), "--home", str(home), "cases", "list", "--search", term, "--json"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bundles", type=int, default=1000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    try:
        print(
            f"# machine: {platform.machine()} {os.cpu_count()} cores, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}; "
            f"{datetime.now(UTC).date().isoformat()}"
        )
        bundles = make_bundles(work, args.bundles, rng)
        total_bytes = sum(path.stat().st_size for path in bundles)
        floor_fsync = measure_floor(bundles, work, fsync=True)
        floor_plain = measure_floor(bundles, work, fsync=False)
        ours = measure_import(bundles, work)
        print("\n| import | seconds | bundles/s | MB/s | ratio to floor (fsync) |")
        print("|---|---|---|---|---|")
        for label, seconds in (
            ("floor, no fsync", floor_plain),
            ("floor, fsync per file", floor_fsync),
            ("mediation-desk import", ours),
        ):
            print(
                f"| {label} | {seconds:.2f} | {args.bundles / seconds:.0f} | {total_bytes / seconds / 1e6:.1f} | {seconds / floor_fsync:.2f}× |"
            )

        queue = Desk.open(work / "queue-home")
        try:
            fill_seconds = fill_queue(queue, args.cases, rng)
            print(f"\nQueue of {args.cases} cases written in {fill_seconds:.1f} s.")
            print("\n| search term | matches shown (limit 200) | query, median ms |")
            print("|---|---|---|")
            for term in ("羊毛", "耳机", "假货", "羊毛大衣", "毛", "DSP-2026-00099", "不存在"):
                seconds, found = measure_search(queue, term)
                print(f"| {term} | {found} | {seconds * 1000:.1f} |")
        finally:
            queue.close()
        command = measure_command(work / "queue-home", "羊毛")
        print(
            f"\nWhole command `mediation-desk cases list --search 羊毛 --json`: {command * 1000:.0f} ms median "
            "(including Python start-up and imports)."
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
