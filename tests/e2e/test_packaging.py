"""The repository stands on its own, and ``pip install`` of its wheel gives a working desk.

Both tests work from a copy of the files git would commit, in a temporary folder with
nothing beside it — what a fresh clone has.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own files in a folder of their own (no ``../shared`` beside it)."""
    target = tmp_path_factory.mktemp("clone") / "mediation-desk"
    for name in _project_files():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, destination)
    return target


def test_nothing_in_the_repository_reads_files_from_beside_it() -> None:
    this_test = Path(__file__).relative_to(REPO).as_posix()  # it names what it looks for
    offenders = []
    for name in _project_files():
        if name == this_test or not name.endswith((".py", ".md", ".toml", ".sh")):
            continue
        text = (REPO / name).read_text(encoding="utf-8", errors="replace")
        if "../shared" in text or "MEDIATION_DESK_SHARED" in text:
            offenders.append(name)
    assert offenders == []


def test_the_suite_runs_from_a_copy_of_the_repository_alone(clone: Path) -> None:
    assert not (clone.parent / "shared").exists()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/unit/contract",
            "tests/unit/vocabulary",
            "tests/integration/store/test_bundle_import.py",
            "tests/integration/cli/test_case_commands.py",
        ],
        cwd=clone,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(clone)},
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


@pytest.fixture(scope="module")
def wheel(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(clone),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("mediation_desk-*.whl")
    return built


def test_the_wheel_carries_the_data_the_desk_reads(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        "mediation_desk_resources/workflows/quality.toml",
        "mediation_desk_resources/calendar/cn-2026.toml",
        "mediation_desk_resources/vocabulary/errors.toml",
        "mediation_desk_resources/vocabulary/labels.toml",
        "mediation_desk_resources/translations/mediation_desk_zh_CN.qm",
        "app/store/migrations/env.py",
        "app/store/migrations/script.py.mako",
        "app/store/migrations/versions/0004_keyed_audit_chain.py",
        "app/contract/case-document.schema.json",
        "app/store/migrations/versions/0005_decision_documents.py",
        "mediation_desk_resources/fonts/uming.ttc",
        "mediation_desk_resources/fonts/wqy-microhei.ttc",
        "mediation_desk_resources/fonts/LiberationSerif-Regular.ttf",
        "mediation_desk_resources/fonts/ARPHICPL.TXT",
        "mediation_desk_resources/documents/zh-Hant.toml",
        "mediation_desk_resources/documents/sRGB.icc",
        "mediation_desk_resources/vocabulary/documents.toml",
        "mediation_desk_resources/documents/notice/zh-Hant.toml",
        "mediation_desk_resources/vocabulary/notices.toml",
    ]
    assert [name for name in expected if name not in names] == []
    metadata = next(name for name in names if name.endswith("METADATA"))
    assert (
        "License-Expression: LicenseRef-Proprietary"
        in zipfile.ZipFile(wheel).read(metadata).decode()
    )


def test_the_installed_wheel_imports_a_bundle_and_shows_its_workflow(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from the development environment's site-packages (a .pth
    # file: its own .pth files, such as the editable install of this checkout, are not
    # read), so everything of the desk itself comes from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    outside = tmp_path / "somewhere-else"
    outside.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH",)} | {
        "MEDIATION_DESK_HOME": str(tmp_path / "home"),
        "LANG": "en_US.UTF-8",
    }
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import app, mediation_desk_resources as r; print(app.__file__, r.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=True,
    ).stdout.split()
    assert all(path.startswith(str(venv)) for path in where), where

    command = venv / "bin" / "mediation-desk"
    example = REPO / "tests" / "data" / "examples" / "DSP-2026-004711.zip"
    imported = subprocess.run(
        [str(command), "cases", "import", str(example)],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    status = subprocess.run(
        [str(command), "workflow", "status", "DSP-2026-004711", "--lang", "zh-Hans"],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=False,
    )
    assert status.returncode == 0, status.stderr
    assert "DSP-2026-004711" in status.stdout
    documents = subprocess.run(
        [str(command), "documents", "list", "DSP-2026-004711", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=False,
    )
    assert documents.returncode == 0, documents.stderr
    assert "no decision documents yet" in documents.stdout
    fonts = subprocess.run(  # the document fonts load from the installed wheel
        [str(python), "-c", "from reports.fonts import register_fonts; register_fonts()"],
        capture_output=True,
        text=True,
        cwd=outside,
        env=env,
        check=False,
    )
    assert fonts.returncode == 0, fonts.stderr
