"""The one op API: results on the GUI thread, expected errors shown once, bugs to the
bug handler, environment faults named, writes one at a time."""

from __future__ import annotations

import errno
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from app.desk import Desk
from app.errors import NotFound
from ui.messages import BugHandler
from ui.operations import DeskOp, OpRunner, ReadOp, WriteOp
from ui.qt import QApplication, QMessageBox, QWidget


@pytest.fixture()
def ops(desk: Desk, runner) -> OpRunner:  # type: ignore[no-untyped-def]
    return OpRunner(desk, runner)


@pytest.fixture()
def bug_handler(tmp_path: Path):  # type: ignore[no-untyped-def]
    handler = BugHandler(tmp_path / "logs")
    handler.install()
    yield handler
    handler.uninstall()


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)] + [
        box for w in QApplication.topLevelWidgets() for box in w.findChildren(QMessageBox)
    ]


def _close_boxes() -> None:
    for box in _message_boxes():
        box.close()


def test_a_read_op_hands_its_result_to_the_gui_thread(qtbot, ops: OpRunner) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[object, bool]] = []

    def read(uow, _op):  # type: ignore[no-untyped-def]
        return (uow.dialect, threading.current_thread() is threading.main_thread())

    ReadOp(ops, read).success(lambda result: seen.append(result)).run()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [("sqlite", False)]


def test_an_unhandled_expected_error_is_shown_in_words_for_its_kind(
    qtbot, ops: OpRunner, show
) -> None:  # type: ignore[no-untyped-def]
    parent = show(QWidget(), 400, 300)

    def read(_uow, _op):  # type: ignore[no-untyped-def]
        raise NotFound("There is no case DSP-1 here.")

    finished: list[bool] = []
    ReadOp(ops, read).finished(lambda: finished.append(True)).run(parent)
    qtbot.waitUntil(lambda: bool(finished))
    boxes = parent.findChildren(QMessageBox)
    assert len(boxes) == 1
    assert boxes[0].text() == "There is no case DSP-1 here."
    assert boxes[0].windowTitle() == "Not found"
    _close_boxes()


def test_a_failure_handler_replaces_the_message_box(qtbot, ops: OpRunner, show) -> None:  # type: ignore[no-untyped-def]
    parent = show(QWidget(), 400, 300)
    caught: list[BaseException] = []

    def read(_uow, _op):  # type: ignore[no-untyped-def]
        raise NotFound("gone")

    ReadOp(ops, read).failure(caught.append).run(parent)
    qtbot.waitUntil(lambda: bool(caught))
    assert isinstance(caught[0], NotFound)
    assert parent.findChildren(QMessageBox) == []


def test_an_unhandled_bug_goes_to_the_bug_handler_not_the_failure_handler(
    qtbot, ops: OpRunner, bug_handler: BugHandler
) -> None:  # type: ignore[no-untyped-def]
    caught: list[BaseException] = []
    finished: list[bool] = []

    party = {"name": "張三", "phone": "13800138000"}

    def read(_uow, _op):  # type: ignore[no-untyped-def]
        raise KeyError(f"{party['name']} {party['phone']}")

    ReadOp(ops, read).failure(caught.append).finished(lambda: finished.append(True)).run()
    qtbot.waitUntil(lambda: bool(finished))
    assert caught == []
    assert len(bug_handler.reports) == 1
    report = bug_handler.reports[0].read_text(encoding="utf-8")
    assert "KeyError" in report and "in read" in report
    assert "張三" not in report and "13800138000" not in report  # personal data stays out
    apologies = [
        box for box in _message_boxes() if box.windowTitle() == "Sorry, something went wrong"
    ]
    assert len(apologies) == 1
    assert str(bug_handler.reports[0]) in apologies[0].informativeText()
    _close_boxes()


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (sqlite3.OperationalError("database is locked"), "The local store is busy"),
        (
            OSError(errno.ENOSPC, "No space left on device", "/data/evidence"),
            "The disk is full (/data/evidence)",
        ),
    ],
)
def test_a_locked_database_and_a_full_disk_are_named_not_reported_as_bugs(
    qtbot, ops: OpRunner, show, bug_handler: BugHandler, fault: Exception, expected: str
) -> None:  # type: ignore[no-untyped-def]
    parent = show(QWidget(), 400, 300)

    def write(_uow, _op):  # type: ignore[no-untyped-def]
        raise fault

    finished: list[bool] = []
    WriteOp(ops, write).finished(lambda: finished.append(True)).run(parent)
    qtbot.waitUntil(lambda: bool(finished))
    boxes = parent.findChildren(QMessageBox)
    assert len(boxes) == 1
    assert boxes[0].text().startswith(expected)
    assert bug_handler.reports == []
    _close_boxes()


def test_write_ops_run_one_at_a_time(qtbot, ops: OpRunner) -> None:  # type: ignore[no-untyped-def]
    inside = 0
    most = 0
    lock = threading.Lock()
    done: list[int] = []

    def write(_uow, _op):  # type: ignore[no-untyped-def]
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        time.sleep(0.02)
        with lock:
            inside -= 1
        return 1

    for _ in range(5):
        WriteOp(ops, write).success(done.append).run()
    qtbot.waitUntil(lambda: len(done) == 5)
    assert most == 1


def test_progress_arrives_and_cancel_stops_the_work(qtbot, ops: OpRunner) -> None:  # type: ignore[no-untyped-def]
    reports: list[object] = []
    started = threading.Event()
    stopped = threading.Event()

    def work(op):  # type: ignore[no-untyped-def]
        op.progress(1)
        started.set()
        while True:
            try:
                op.check_cancelled()
            except BaseException:
                stopped.set()
                raise
            time.sleep(0.005)

    task = DeskOp(ops, work).on_progress(reports.append).run()
    assert started.wait(5)
    qtbot.waitUntil(lambda: reports == [1])
    task.cancel()
    assert stopped.wait(5)
