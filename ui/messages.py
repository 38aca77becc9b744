"""One way to tell the user something: plain-text message boxes, and the bug handler.

Every text shown here may quote the platform or a party, so message boxes are always
plain text (``QMessageBox`` would otherwise guess rich text from a ``<``).
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from ui.error_words import describe_error
from ui.qt import QApplication, QCoreApplication, QLabel, QMessageBox, Qt, QWidget

log = logging.getLogger("mediation_desk.ui")


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


def show_error(
    parent: QWidget | None, error: BaseException, log_folder: Path | None = None
) -> None:
    """Tell the user about ``error`` by its kind; a bug is logged with its traceback first."""
    words = describe_error(error)
    detail = words.detail
    if words.kind == "bug":
        log.error(
            "Unexpected error",
            exc_info=(type(error), error, error.__traceback__),
        )
        where = (
            str(log_folder)
            if log_folder
            else QCoreApplication.translate("Messages", "the desk's log")
        )
        detail = QCoreApplication.translate("Messages", "Details were written to %1.").replace(
            "%1", where
        )
    box = message_box(
        parent, QMessageBox.Icon.Warning, words.headline, words.headline, words.advice, detail
    )
    box.exec()


class BugHandler:
    """``sys.excepthook`` while the window is open: log the traceback, apologise once."""

    def __init__(self, log_folder: Path | None) -> None:
        self._log_folder = log_folder
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            error.__traceback__ = tb
            show_error(QApplication.activeWindow(), error, self._log_folder)
        finally:
            self._showing = False
