"""``mediation-desk platform import`` and ``platform serve``, run as a user runs them."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLES
from tests.integration.platform.conftest import PASSWORD, Api, start_platform

CLI = [sys.executable, "-m", "app.cli.main"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120, check=False)


def test_both_example_bundles_import_and_are_served_with_their_evidence(tmp_path: Path) -> None:
    bundles = sorted(EXAMPLES.glob("*.zip"))
    assert len(bundles) == 2
    result = _run("platform", "import", "--data", str(tmp_path), *map(str, bundles))
    assert result.returncode == 0, result.stderr
    assert "imported DSP-2026-004711 (6 evidence files)" in result.stdout
    assert "imported DSP-2026-009102 (3 evidence files)" in result.stdout

    again = _run("platform", "import", "--data", str(tmp_path), str(bundles[0]))
    assert again.returncode != 0 and "already on the platform" in again.stderr

    server = start_platform(tmp_path, cases=0)
    try:
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            api = Api(server, http)
            seen = api.pull("mediator1")
            assert {"DSP-2026-004711", "DSP-2026-009102"} <= set(seen)
            with zipfile.ZipFile(bundles[0]) as archive:
                original = archive.read("evidence/E6")
            document = seen["DSP-2026-004711"]["document"]
            assert document["case"]["version"] == 6
            item = next(e for e in document["evidence"] if e["id"] == "E6")
            download = http.get(
                "/api/v1/cases/DSP-2026-004711/evidence/E6", headers=api.headers("mediator1")
            )
            assert (
                download.content == original
                and hashlib.sha256(original).hexdigest() == item["sha256"]
            )
    finally:
        server.stop()


def test_a_tampered_bundle_is_refused_and_leaves_nothing_behind(tmp_path: Path) -> None:
    source = sorted(EXAMPLES.glob("*.zip"))[1]
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(tampered, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "evidence/E1":
                data = data.replace(b"Parcelway", b"Parcelwey")
            copy.writestr(info, data)
    data_dir = tmp_path / "platform"
    data_dir.mkdir()
    result = _run("platform", "import", "--data", str(data_dir), str(tampered))
    assert result.returncode != 0
    assert "SHA-256" in result.stderr
    objects = data_dir / "files" / "objects"
    assert not objects.exists() or not any(path.is_file() for path in objects.rglob("*"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.skipif(shutil.which("true") is None, reason="needs a POSIX system")
def test_serve_prints_the_url_and_passwords_and_serves_demo_cases(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [
            *CLI,
            "platform",
            "serve",
            "--data",
            str(tmp_path),
            "--port",
            str(port),
            "--cases",
            "12",
            "--demo-password",
            PASSWORD,
            "--seed",
            "4",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "admin token" in line:
                break
        output = "".join(lines)
        assert f"http://127.0.0.1:{port}" in output
        for user in ("mediator1", "mediator2", "supervisor1"):
            assert user in output
        assert PASSWORD in output
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        login = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/session",
            json={"username": "mediator2", "password": PASSWORD},
        )
        assert login.status_code == 200
        page = httpx.get(
            f"http://127.0.0.1:{port}/api/v1/changes",
            headers={"Authorization": f"Bearer {login.json()['token']}"},
        ).json()
        assert page["changes"] and page["end_of_stream"]
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_refuses_a_bad_fault_spec_with_one_line(tmp_path: Path) -> None:
    result = _run("platform", "serve", "--data", str(tmp_path), "--faults", "meteor=1")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "--faults" in result.stderr
