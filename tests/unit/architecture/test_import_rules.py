"""The package boundaries of docs/design.md, checked on the source (not by importing it).

An import is found whether it is a statement or a string: ``importlib.import_module``,
``__import__`` and ``importlib.util.find_spec`` with a constant module name count too.
Only the composition root (``app/cli/main.py``) may name the packages outside the core.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

QT = ("PySide6", "shiboken6")
COMPOSITION_ROOT = "app/cli/main.py"
_BY_NAME = {"import_module", "__import__", "find_spec"}


def _string_imports(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        first = node.args[0]
        if name in _BY_NAME and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(first.value)
    # A tuple of module names handed to import_module in a loop (the root's own pattern).
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
            values = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
            if values and all(isinstance(v, str) and "." in v and " " not in v for v in values):
                found += [v for v in values if isinstance(v, str)]
    return found


def _imports(folder: Path) -> list[tuple[Path, str]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
        found += [(path, module) for module in _string_imports(tree)]
    return found


def _offenders(folder: str, forbidden: tuple[str, ...], allowed: str | None = None) -> list[str]:
    root = REPO / folder
    if not root.is_dir():
        pytest.fail(f"{folder}/ is missing")
    return [
        f"{path.relative_to(REPO)} imports {module}"
        for path, module in _imports(root)
        if module.split(".")[0] in forbidden and not (allowed and path == REPO / allowed)
    ]


def test_the_core_never_imports_qt_or_the_ui() -> None:
    assert _offenders("app", (*QT, "ui"), allowed=COMPOSITION_ROOT) == []


def test_reports_never_import_qt_or_the_ui() -> None:
    assert _offenders("reports", (*QT, "ui")) == []


def test_only_the_composition_root_reaches_outside_the_core() -> None:
    """Services return plain data; only the entry point names reports, the platform, the UI."""
    outside = ("reports", "platform_server", "ui", *QT)
    assert _offenders("app", outside, allowed=COMPOSITION_ROOT) == []


def test_the_platform_server_uses_only_the_shared_contract_from_the_core() -> None:
    """The reference platform is another party: from the desk it shares only the contract
    (``app.contract``), never the desk's errors, words, store or sync; ``from app import
    errors`` is caught too (its module is ``app``)."""
    offenders = [
        f"{path.relative_to(REPO)} imports {module}"
        for path, module in _imports(REPO / "platform_server")
        if module.split(".")[0] == "app"
        and module != "app.contract"
        and not module.startswith("app.contract.")
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


def test_a_string_import_outside_the_composition_root_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "app" / "cli").mkdir(parents=True)
    (tmp_path / "app" / "sneaky.py").write_text(
        "import importlib\nwindow = importlib.import_module('ui.main_window')\n"
        "server = __import__('platform_server.app')\n",
        encoding="utf-8",
    )
    (tmp_path / "app" / "cli" / "main.py").write_text(
        "import importlib\nimportlib.import_module('ui.cli')\n", encoding="utf-8"
    )
    monkeypatch.setattr("tests.unit.architecture.test_import_rules.REPO", tmp_path)
    assert _offenders("app", ("ui", "platform_server"), allowed=COMPOSITION_ROOT) == [
        "app/sneaky.py imports ui.main_window",
        "app/sneaky.py imports platform_server.app",
    ]


def test_the_composition_root_names_the_outside_packages_it_wires() -> None:
    named = {module.split(".")[0] for _, module in _imports(REPO / "app" / "cli")}
    assert {"ui", "platform_server"} <= named  # otherwise the test above checks nothing


def test_the_core_leaves_documents_signatures_and_servers_to_their_packages() -> None:
    libraries = ("reportlab", "pyhanko", "pyhanko_certvalidator", "pikepdf", "fastapi", "uvicorn")
    assert _offenders("app", libraries, allowed=COMPOSITION_ROOT) == []


def test_only_the_demo_command_starts_the_platform_from_the_desk() -> None:
    """``ui/demo.py`` composes the reference platform and the desk for ``mediation-desk
    demo``; no other part of the desk may reach the platform."""
    importers = {
        path.relative_to(REPO).as_posix()
        for path, module in _imports(REPO / "ui")
        if module.split(".")[0] == "platform_server"
    }
    assert importers <= {"ui/demo.py"}
