"""One way to tell the user something: plain-text message boxes, and the one bug handler.

Every text shown here may quote the platform or a party, so message boxes are always
plain text (``QMessageBox`` would otherwise guess rich text from a ``<``). The words come
from the core's one error table (:func:`app.errors.describe_error`), in the desk's
language; a bug's report is written by :mod:`app.bug_log`, the same as on the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from app.bug_log import write_bug_report
from app.errors import ErrorDescription, describe_error
from ui.qt import QApplication, QLabel, QMessageBox, Qt, QWidget


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    detail: str = "",
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    if detail:
        box.setDetailedText(detail)  # the detailed text is always plain
    # QMessageBox reuses its label for the informative text; keep that plain too.
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return box


def _box_for(parent: QWidget | None, words: ErrorDescription) -> QMessageBox:
    # The detail (the error's own message) is what the user must read: it goes in the
    # box's main text, the kind's advice under it.
    text = words.detail or words.headline
    return message_box(parent, QMessageBox.Icon.Warning, words.headline, text, words.advice)


# Boxes without a parent window, kept alive until closed (Python would delete them).
_open_boxes: set[QMessageBox] = set()


def _present(box: QMessageBox) -> QMessageBox:
    # Never a nested event loop: the box is window-modal over its parent (or a window of
    # its own) and deletes itself when closed.
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if box.parentWidget() is not None:
        box.open()
    else:
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
        box.show()
    return box


def show_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """Tell the user about an expected error in words for its kind."""
    return _present(_box_for(parent, describe_error(error)))


class BugHandler:
    """The one place the desk hands a bug to: writes its report, apologises once.

    Installed as ``sys.excepthook`` while the window is open (a bug in a slot), and
    called by ops whose work raised something unexpected (:func:`report_bug`).
    """

    _installed: BugHandler | None = None

    def __init__(self, log_folder: Path | None) -> None:
        self._log_folder = log_folder
        self._showing = False
        self.reports: list[Path] = []

    def install(self) -> None:
        BugHandler._installed = self
        sys.excepthook = self

    def uninstall(self) -> None:
        if BugHandler._installed is self:
            BugHandler._installed = None

    @classmethod
    def current(cls) -> BugHandler:
        return cls._installed or cls(None)

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        error.__traceback__ = tb
        self.report(error, doing="desk")

    def report(self, error: BaseException, *, doing: str) -> Path | None:
        path = None
        if self._log_folder is not None:
            path = write_bug_report(self._log_folder, error, doing)
            if path is not None:
                self.reports.append(path)
        else:
            sys.__excepthook__(type(error), error, error.__traceback__)
        if not self._showing and QApplication.instance() is not None:
            # One apology at a time: a bug repeated by every row of a table is one box.
            self._showing = True
            words = describe_error(error, bug_log=str(path) if path else None)
            box = _present(_box_for(QApplication.activeWindow(), words))
            box.finished.connect(self._on_box_finished)
        return path

    def _on_box_finished(self, _result: int) -> None:
        self._showing = False


def report_bug(error: BaseException, *, doing: str) -> Path | None:
    """Hand ``error`` (not a DeskError) to the installed bug handler."""
    return BugHandler.current().report(error, doing=doing)
