"""Benchmark: a desk's first sync of 10,000 cases, an incremental sync, peak memory.

    .venv/bin/python benchmarks/sync_initial.py [--cases 10000]

1. Generates a reference platform with ``--cases`` demo cases, all for one mediator, and
   serves it in its own process on loopback (``benchmarks/platform_feed.py --serve``).
2. The floor, in the same run: the same feed pages and the same file bytes fetched with
   plain parallel HTTP GETs (4 at a time, like the desk), written to disk, and the same
   case rows inserted in bulk in one transaction.
3. ``mediation-desk sync`` into an empty desk, as its own process: wall time, cases/s,
   MB/s, peak resident memory (the process's ru_maxrss).
4. 100 cases changed on the platform, then ``run_sync`` again: the incremental time.

Prints Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from floor_rows import insert_rows  # noqa: E402
from platform_feed import PASSWORD, bench_config  # noqa: E402

from app.desk import Desk  # noqa: E402
from app.security.credentials import KeyringCredentialStore  # noqa: E402
from app.sync import run_sync  # noqa: E402
from platform_server.app import build_platform  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "benchmarks" / "platform_feed.py"),
            "--serve",
            str(folder),
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the platform did not start")


def floor(url: str, work: Path) -> tuple[float, int, int, int]:
    """(seconds, cases, files, bytes): plain GETs of the same pages and files, bulk rows."""
    target = work / "floor-files"
    target.mkdir()
    Desk.open(work / "floor-home").close()  # the same schema for the rows
    started = time.perf_counter()
    with httpx.Client(base_url=url, timeout=120) as http:
        token = http.post(
            "/api/v1/session", json={"username": "mediator1", "password": PASSWORD}
        ).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        documents = []
        cursor = ""
        while True:
            page = http.get(
                "/api/v1/changes", params={"limit": 500, "cursor": cursor}, headers=headers
            ).json()
            documents += [change["document"] for change in page["changes"] if not change["deleted"]]
            cursor = page["next_cursor"]
            if page["end_of_stream"]:
                break
        wanted = {}
        for document in documents:
            for item in document["evidence"]:
                wanted.setdefault(
                    item["sha256"], f"/api/v1/cases/{document['case']['id']}/evidence/{item['id']}"
                )
            for item in document.get("documents") or []:
                wanted.setdefault(item["sha256"], f"/api/v1/documents/{item['sha256']}")

        def fetch(entry: tuple[str, str]) -> int:
            sha, path = entry
            data = http.get(path, headers=headers).content
            (target / sha).write_bytes(data)
            return len(data)

        with ThreadPoolExecutor(max_workers=4) as pool:
            size = sum(pool.map(fetch, wanted.items()))
    insert_rows(work / "floor-home" / "desk.sqlite3", documents, "platform")
    return time.perf_counter() - started, len(documents), len(wanted), size


def desk_sync_process(url: str, home: Path, keyring: Path) -> tuple[float, dict[str, object], int]:
    env = {
        **os.environ,
        "MEDIATION_DESK_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
        "MEDIATION_DESK_TEST_KEYRING": str(keyring),
        "PYTHONPATH": str(REPO),
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli.main",
            "login",
            "--platform",
            url,
            "--user",
            "mediator1",
            "--password-stdin",
        ],
        input=PASSWORD.encode(),
        env=env,
        check=True,
        capture_output=True,
    )
    summary_file = home.parent / "sync-summary.json"
    peak_file = home.parent / "sync-peak.txt"
    # The peak is read inside the sync process (VmHWM of its own memory after exec):
    # ru_maxrss of a child also counts the pages of this big parent it was forked from.
    wrapper = (
        "import sys; from app.cli.main import main; code = main(['sync', '--json']); "
        "peak = next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]; "
        f"open({str(peak_file)!r}, 'w').write(peak); sys.exit(code)"
    )
    started = time.perf_counter()
    with open(summary_file, "wb") as sink:
        subprocess.run([sys.executable, "-c", wrapper], env=env, stdout=sink, check=True)
    seconds = time.perf_counter() - started
    return seconds, json.loads(summary_file.read_text()), int(peak_file.read_text())


def change_cases(url: str, count: int) -> None:
    with httpx.Client(base_url=url, timeout=60) as http:
        token = http.post(
            "/api/v1/session", json={"username": "mediator1", "password": PASSWORD}
        ).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        page = http.get("/api/v1/changes", params={"limit": 500}, headers=headers).json()
        changed = 0
        for change in page["changes"]:
            if changed == count:
                break
            document = change.get("document")
            if not document or document["case"]["status"] not in (
                "open",
                "awaiting_buyer",
                "awaiting_merchant",
                "in_mediation",
            ):
                continue
            answer = http.post(
                f"/api/v1/cases/{change['case_id']}/actions",
                json={
                    "type": "message",
                    "to": ["P1"],
                    "channel": "platform",
                    "text": "基准测试：平台消息。",
                },
                headers={
                    **headers,
                    "Idempotency-Key": str(uuid.uuid4()),
                    "If-Match": f'"v{change["version"]}"',
                },
            )
            changed += answer.status_code == 200
    assert changed == count, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    try:
        built, _ = build_platform(bench_config(work / "platform", args.cases, 0))
        built.db.dispose()
        process, url = serve(work / "platform")
        try:
            floor_seconds, cases, files, size = floor(url, work)
            ours, summary, peak_kib = desk_sync_process(url, work / "home", work / "keyring.json")
            evidence_items = _count_evidence(work / "home" / "desk.sqlite3")
            change_cases(url, 100)
            # The keyring the sync process used (a file, standing for the OS keyring):
            # handed over explicitly, as keyring picks its default backend only once.
            from tests.support.file_keyring import FileKeyring

            os.environ["MEDIATION_DESK_TEST_KEYRING"] = str(work / "keyring.json")
            keyring = KeyringCredentialStore(FileKeyring())
            desk = Desk.open(work / "home", credentials=keyring)
            started = time.perf_counter()
            incremental = run_sync(desk, url, "mediator1", keyring)
            incremental_seconds = time.perf_counter() - started
            desk.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
        mb = size / 1e6
        print(
            f"# {platform.machine()} {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, {datetime.now(UTC).date().isoformat()}"
        )
        print(
            f"\n{cases} cases, {evidence_items} evidence items, {files} distinct files, {mb:.1f} MB\n"
        )
        print("| | seconds | cases/s | MB/s | ratio to the floor |")
        print("|---|---|---|---|---|")
        print(
            f"| floor (plain parallel GETs + bulk rows) | {floor_seconds:.1f} | {cases / floor_seconds:.0f} | {mb / floor_seconds:.1f} | 1.00× |"
        )
        print(
            f"| `mediation-desk sync`, first run (own process) | {ours:.1f} | {cases / ours:.0f} | {mb / ours:.1f} | {ours / floor_seconds:.2f}× |"
        )
        print(f"\nPeak resident memory of the sync process: {peak_kib / 1024:.0f} MB")
        print(
            f"Incremental sync of 100 changed cases: {incremental_seconds:.2f} s "
            f"({incremental.cases_updated} updated, {incremental.files_downloaded} files)"
        )
        print(f"First sync summary: {summary}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _count_evidence(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM evidence").fetchone()[0])


if __name__ == "__main__":
    main()
