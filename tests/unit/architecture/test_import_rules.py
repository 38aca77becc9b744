"""The package boundaries of DESIGN.md, checked on the source (not by importing it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

QT = ("PySide6", "shiboken6")


def _imports(folder: Path) -> list[tuple[Path, str]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


def _offenders(folder: str, forbidden: tuple[str, ...], skip: str | None = None) -> list[str]:
    root = REPO / folder
    if not root.is_dir():
        pytest.fail(f"{folder}/ is missing")
    return [
        f"{path.relative_to(REPO)} imports {module}"
        for path, module in _imports(root)
        if module.split(".")[0] in forbidden and not (skip and path.is_relative_to(REPO / skip))
    ]


def test_the_core_never_imports_qt_or_the_ui() -> None:
    assert _offenders("app", (*QT, "ui")) == []


def test_reports_never_import_qt_or_the_ui() -> None:
    assert _offenders("reports", (*QT, "ui")) == []


def test_only_the_command_line_reaches_outside_the_core() -> None:
    """The core's services return plain data; only ``app/cli`` may call reports or the platform."""
    assert _offenders("app", ("reports", "platform_server"), skip="app/cli") == []


def test_the_platform_server_uses_only_the_shared_contract_from_the_core() -> None:
    offenders = [
        f"{path.relative_to(REPO)} imports {module}"
        for path, module in _imports(REPO / "platform_server")
        if module.split(".")[0] == "app" and not module.startswith(("app.contract", "app.errors"))
    ]
    assert offenders == []
    assert _offenders("platform_server", (*QT, "ui", "reports")) == []


def test_the_rules_would_catch_an_offender(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "bad.py").write_text(
        "from PySide6.QtCore import QObject\n", encoding="utf-8"
    )
    monkeypatch.setattr("tests.unit.architecture.test_import_rules.REPO", tmp_path)
    assert _offenders("app", QT) == ["app/bad.py imports PySide6.QtCore"]
