"""No module of the core grows past what a newcomer can read in one sitting: a module
that does several jobs is split by job (as ``app/stats/`` is), not left to grow."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO

LONGEST = 600  # lines


def _too_long(folder: Path) -> list[str]:
    return [
        f"{path.relative_to(REPO)}: {count} lines"
        for path in sorted(folder.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) >= LONGEST
    ]


def test_every_module_of_the_core_is_under_six_hundred_lines() -> None:
    assert _too_long(REPO / "app") == []


def test_the_rule_would_catch_a_long_module(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("tests.unit.architecture.test_module_size.REPO", tmp_path)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "long.py").write_text("x = 1\n" * LONGEST)
    (tmp_path / "app" / "short.py").write_text("x = 1\n")
    assert _too_long(tmp_path / "app") == [f"app/long.py: {LONGEST} lines"]
