#!/usr/bin/env python3
"""Compile the desk's translations: resources/translations/*.ts → .qm (pyside6-lrelease).

Run by scripts/setup.sh on every install; compiles only what changed since the last
run, so a second run does nothing. The .qm files are build output (git-ignored).

    python scripts/build_translations.py            # compile what changed
    python scripts/build_translations.py --force    # compile everything again
    python scripts/build_translations.py --update   # collect new strings from ui/ into
                                                    # the .ts files first (pyside6-lupdate)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS = REPO / "resources" / "translations"
SOURCES = REPO / "ui"


def find_tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(
            f"{name} not found: install the project's dependencies (pyside6-essentials)"
        )
    return found


def out_of_date(source: Path, target: Path) -> bool:
    return not target.exists() or target.stat().st_mtime < source.stat().st_mtime


def build(folder: Path = TRANSLATIONS, *, force: bool = False) -> list[Path]:
    """Compile each .ts whose .qm is missing or older; returns the .qm files written."""
    stale = [
        ts for ts in sorted(folder.glob("*.ts")) if force or out_of_date(ts, ts.with_suffix(".qm"))
    ]
    if not stale:
        return []
    lrelease = find_tool("pyside6-lrelease")
    for ts in stale:
        subprocess.run(
            [lrelease, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
        )
    return [ts.with_suffix(".qm") for ts in stale]


def update(folder: Path = TRANSLATIONS) -> None:
    """Collect every translatable string under ui/ into the .ts files (new ones unfinished)."""
    sources = sorted(str(path) for path in SOURCES.rglob("*.py"))
    targets = sorted(str(path) for path in folder.glob("*.ts"))
    subprocess.run(
        [
            find_tool("pyside6-lupdate"),
            "-silent",
            "-locations",
            "none",
            "-no-obsolete",
            *sources,
            "-ts",
            *targets,
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="compile every catalogue again")
    parser.add_argument("--update", action="store_true", help="collect new strings from ui/ first")
    args = parser.parse_args(argv)
    if args.update:
        update()
    built = build(force=args.force or args.update)
    for path in built:
        print(f"compiled {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
