"""The desk's own rules: Qt from one module, the store only through services, and no
database query or file hashing on the GUI thread."""

from __future__ import annotations

import ast
import hashlib
import threading
from pathlib import Path

from sqlalchemy.orm import Session

from tests.conftest import REPO
from tests.qt.helpers import type_text, wait_for_queue
from ui.case_queue_model import COLUMN_KEYS
from ui.main_window import MainWindow
from ui.qt import Qt

UI = REPO / "ui"


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _importers(prefixes: tuple[str, ...]) -> set[str]:
    return {
        path.name
        for path in sorted(UI.rglob("*.py"))
        if any(
            module.split(".")[0] in prefixes or module.startswith(prefixes)
            for module in _imports(path)
        )
    }


def test_qt_is_imported_from_one_module() -> None:
    assert _importers(("PySide6", "shiboken6")) == {"qt.py"}


def test_the_ui_builds_no_sql_and_calls_services() -> None:
    assert _importers(("sqlalchemy", "app.store")) == set()


def test_the_gui_thread_never_queries_the_store_or_hashes_files(  # type: ignore[no-untyped-def]
    qtbot, ops, runner, settings, show, monkeypatch
) -> None:
    gui = threading.main_thread()
    on_gui_thread: list[str] = []
    real_execute, real_sha256 = Session.execute, hashlib.sha256

    def execute(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread() is gui:
            on_gui_thread.append("query")
        return real_execute(self, *args, **kwargs)

    def sha256(*args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread() is gui:
            on_gui_thread.append("hash")
        return real_sha256(*args, **kwargs)

    window = show(MainWindow(ops, settings), 1400, 900)
    monkeypatch.setattr(Session, "execute", execute)
    monkeypatch.setattr(hashlib, "sha256", sha256)
    window.start()
    wait_for_queue(qtbot, window.queue.model)
    with qtbot.waitSignal(window.case_view.integrity_checked, timeout=10_000):
        window.queue.table.selectRow(0)
    window.case_view.show_tab(2)
    panel = window.case_view.evidence
    qtbot.waitUntil(lambda: panel.right.viewer.page == "image", timeout=10_000)
    type_text(window.queue.search, "羊毛")
    wait_for_queue(qtbot, window.queue.model)
    window.queue.table.sortByColumn(COLUMN_KEYS.index("title"), Qt.SortOrder.DescendingOrder)
    wait_for_queue(qtbot, window.queue.model)
    runner.wait_for_done()
    assert on_gui_thread == []


TASK_RUNNER_KEYWORDS = {"on_success", "on_failure", "on_progress", "pool", "priority"}


def _task_runner_calls(path: Path) -> list[str]:
    """``….run(…)`` calls made straight on a task runner (``self._runner.run(work, …)``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "run"
        ):
            continue
        receiver = node.func.value
        named = isinstance(receiver, ast.Name | ast.Attribute) and any(
            word in ast.unparse(receiver).lower() for word in ("runner", "tasks")
        )
        keywords = {keyword.arg for keyword in node.keywords} & TASK_RUNNER_KEYWORDS
        if named or keywords:
            found.append(f"{path.name}:{node.lineno} {ast.unparse(node.func)}")
    return found


def test_every_background_call_goes_through_the_op_api() -> None:
    calls = [
        call
        for path in sorted(UI.rglob("*.py"))
        if path.name not in {"operations.py", "tasks.py"}
        for call in _task_runner_calls(path)
    ]
    assert calls == []


def test_the_scan_for_task_runner_calls_finds_them(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "self._runner.run(work, pool='files', on_success=done)\n"
        "runner.run(work)\n"
        "self.ops.tasks.run(work)\n"
        "ReadOp(self._ops, read).success(done).run(self)\n",
        encoding="utf-8",
    )
    assert [call.split()[0] for call in _task_runner_calls(sample)] == [
        "sample.py:1",
        "sample.py:2",
        "sample.py:3",
    ]
