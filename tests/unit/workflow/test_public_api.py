"""The engine is one package with one public API: the rest of the desk imports
``app.workflow``, never its modules, and each module stays small enough to read."""

from __future__ import annotations

import ast
from pathlib import Path

import app.workflow
from tests.conftest import REPO

ENGINE = REPO / "app" / "workflow"
MOST_LINES = 600


def _engine_imports(path: Path) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append(node.module)
        elif isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
    return [module for module in modules if module.startswith("app.workflow.")]


def test_the_desk_uses_the_engine_only_through_its_public_api() -> None:
    offenders = [
        f"{path.relative_to(REPO)} imports {module}"
        for folder in ("app", "ui", "reports", "platform_server")
        for path in sorted((REPO / folder).rglob("*.py"))
        if not path.is_relative_to(ENGINE)
        for module in _engine_imports(path)
    ]
    assert offenders == []


def test_everything_the_public_api_names_is_there() -> None:
    missing = [name for name in app.workflow.__all__ if not hasattr(app.workflow, name)]
    assert missing == []


def test_no_module_of_the_engine_is_a_wall_of_code() -> None:
    long = {
        path.name: lines
        for path in sorted(ENGINE.glob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) >= MOST_LINES
    }
    assert long == {}
    assert not (ENGINE / "engine.py").exists()  # "engine" is the package, not a module
