"""Syncing with the platform in the background: cases, files and bytes, and Cancel.

``app.sync.run_sync`` runs in a :class:`~ui.operations.DeskOp` on the network thread
with a progress callback and a cancel event; the dialog shows what it reports and, at
the end, what changed. A failure is shown by its kind — sign in again, offline,
conflict — with a button to sign in again when that is what it takes. A bug goes to the
desk's bug handler (which logs it and apologises); the dialog then only says the sync
did not finish. Cancelling keeps everything already stored: the sync resumes from
there next time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from app.desk import Desk
from app.errors import DeskError, describe_error
from ui.formatting import file_size
from ui.operations import DeskOp, OpContext, OpRunner
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.tasks import Task
from ui.widgets import plain_label

SyncFunction = Callable[..., Any]


def default_run_sync(
    desk: Desk,
    platform_url: str,
    username: str,
    credentials: Any,
    progress: Callable[[Any], None] | None = None,
    cancel: threading.Event | None = None,
) -> Any:
    from app.sync import run_sync  # lands with the sync; imported only when used
    from reports.signing.timestamping import desk_stamper  # offline signatures' timestamps

    return run_sync(
        desk,
        platform_url,
        username,
        credentials,
        progress=progress,
        cancel=cancel,
        stamper=desk_stamper(desk),
    )


class SyncDialog(QDialog):
    sync_finished = Signal(object)  # the SyncSummary (also after a cancelled sync)
    sync_failed = Signal(object)  # the DeskError (a bug goes to the bug handler instead)
    sync_broke = Signal()  # a bug stopped the sync; the bug handler has told the user
    sign_in_requested = Signal()

    def __init__(
        self,
        ops: OpRunner,
        credentials: Any,
        platform_url: str,
        username: str,
        *,
        run_sync: SyncFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._credentials = credentials
        self._platform_url = platform_url
        self._username = username
        self._run_sync = run_sync or default_run_sync
        self._cancel = threading.Event()
        self._task: Task | None = None
        self._state = "idle"  # idle → running → (cancelling →) done | failed | broken
        self._progress: Any = None
        self._summary: Any = None
        self._error: BaseException | None = None
        self.setModal(True)
        self.setMinimumWidth(460)

        self.headline = plain_label(word_wrap=True, selectable=False)
        self.headline.setObjectName("dialogHeadline")
        self.where = plain_label(word_wrap=True)
        self.where.setObjectName("hintLabel")
        self.phase_label = plain_label(selectable=False)
        self.cases_label, self.files_label, self.bytes_label = (
            plain_label(),
            plain_label(),
            plain_label(),
        )
        self.cases_name, self.files_name, self.bytes_name = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.cases_name, self.cases_label)
        form.addRow(self.files_name, self.files_label)
        form.addRow(self.bytes_name, self.bytes_label)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.advice = plain_label(word_wrap=True, selectable=False)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMaximumHeight(120)
        self.buttons = QDialogButtonBox()
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)  # Enter must not stop a sync by accident
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        self.sign_in_button = QPushButton()
        self.sign_in_button.clicked.connect(self._on_sign_in_button_clicked)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.where)
        layout.addWidget(self.phase_label)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.advice)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        for name in (self.cases_name, self.files_name, self.bytes_name):
            name.setTextFormat(Qt.TextFormat.PlainText)
        self._retranslate()

    @property
    def state(self) -> str:
        return self._state

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel

    def start(self) -> None:
        """Start syncing in the background; the dialog reports until it is done."""
        if self._state in ("running", "cancelling"):
            return
        self._cancel = threading.Event()
        self._state = "running"
        self._progress = self._summary = self._error = None
        url, user, credentials = self._platform_url, self._username, self._credentials
        run_sync, cancel = self._run_sync, self._cancel

        def sync(op: OpContext) -> Any:
            # The dialog's own cancel event: Cancel stops the sync, yet its summary (what
            # was kept) still arrives, which cancelling the op itself would drop.
            return run_sync(op.desk, url, user, credentials, progress=op.progress, cancel=cancel)

        self._task = (
            DeskOp(self._ops, sync)
            .on_progress(self._on_sync_progressed)
            .success(self._on_sync_succeeded)
            .failure(self._on_sync_failed)
            .finished(self._on_sync_ended)
            .run(self)
        )
        self._refresh()

    # -- reports from the worker ----------------------------------------------------------

    def _on_sync_progressed(self, progress: Any) -> None:
        self._progress = progress
        self._refresh()

    def _on_sync_succeeded(self, summary: Any) -> None:
        self._task = None
        self._summary = summary
        self._state = "done"
        self._refresh()
        self.sync_finished.emit(summary)

    def _on_sync_failed(self, error: DeskError) -> None:
        self._task = None
        self._error = error
        words = describe_error(error)
        if words.kind == "cancelled":
            # The sync stopped because the user asked it to: not a failure.
            self._state = "done"
            self._refresh()
            self.sync_finished.emit(None)
            return
        self._state = "failed"
        self._refresh()
        self.sync_failed.emit(error)

    def _on_sync_ended(self) -> None:
        # Neither an answer nor an expected error: a bug, which the bug handler has logged
        # and apologised for. The dialog only says the sync did not finish.
        if self._state in ("running", "cancelling"):
            self._task = None
            self._state = "broken"
            self._refresh()
            self.sync_broke.emit()

    # -- the user -------------------------------------------------------------------------

    def _on_cancel_button_clicked(self) -> None:
        if self._state == "running":
            self._cancel.set()
            self._state = "cancelling"
            self._refresh()

    def _on_sign_in_button_clicked(self) -> None:
        self.sign_in_requested.emit()
        self.accept()

    def reject(self) -> None:
        # Escape or the window's close button while syncing means "stop", not "hide".
        if self._state == "running":
            self._on_cancel_button_clicked()
            return
        if self._state == "cancelling":
            return
        super().reject()

    # -- showing ----------------------------------------------------------------------------

    def _refresh(self) -> None:
        running = self._state in ("running", "cancelling")
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(self._state == "running")
        self.close_button.setVisible(not running)
        self.close_button.setDefault(not running)
        self.sign_in_button.setVisible(False)
        self.details.setVisible(False)
        self.where.setText(
            self.tr("%1 as %2").replace("%1", self._platform_url).replace("%2", self._username)
        )
        progress = self._progress
        if progress is not None:
            phase = getattr(progress, "phase", "")
            cases = getattr(progress, "cases_done", 0)
            files_done, files_total = (
                getattr(progress, "files_done", 0),
                getattr(progress, "files_total", 0),
            )
            done, total = getattr(progress, "bytes_done", 0), getattr(progress, "bytes_total", 0)
            words = self._phase_words(phase)
            actions = getattr(progress, "actions_done", 0) or 0
            if phase == "push" and actions:
                words = f"{words} {actions:,}"
            self.phase_label.setText(words)
            self.cases_label.setText(f"{cases:,}")
            self.files_label.setText(
                self.tr("%1 of %2")
                .replace("%1", f"{files_done:,}")
                .replace("%2", f"{files_total:,}")
            )
            self.bytes_label.setText(
                self.tr("%1 of %2").replace("%1", file_size(done)).replace("%2", file_size(total))
            )
            if total > 0 and phase == "files":
                self.bar.setRange(0, 1000)
                self.bar.setValue(round(1000 * min(done, total) / total))
            else:
                self.bar.setRange(0, 0)  # busy: no total to measure against
        elif running:
            self.phase_label.setText(self.tr("Connecting…"))
            self.bar.setRange(0, 0)
        if self._state == "running":
            self.headline.setText(self.tr("Syncing with the platform"))
            self.advice.setText(
                self.tr("You can keep working; the queue updates when the sync is done.")
            )
        elif self._state == "cancelling":
            self.headline.setText(self.tr("Stopping the sync…"))
            self.advice.setText(
                self.tr(
                    "Everything already downloaded is kept; the next sync continues from there."
                )
            )
        elif self._state == "done":
            self._show_summary()
        elif self._state == "failed":
            self._show_failure()
        elif self._state == "broken":
            self._show_broken()
        self.phase_label.setVisible(bool(self.phase_label.text()))
        if self._state in ("done", "failed", "broken"):
            # The summary may be longer than the progress it replaces; once the layout has
            # seen the buttons change, fit the dialog to it.
            QTimer.singleShot(0, self, self.adjustSize)  # (dropped if the dialog is gone)

    def _show_summary(self) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        summary = self._summary
        stopped = self._cancel.is_set()
        if stopped:
            self.headline.setText(self.tr("Sync stopped"))
        elif getattr(summary, "anchor_rewound", False):
            # First and loudest: this desk's audit trail went back in time.
            self.headline.setText(self.tr("Sync finished — this desk's record went back in time"))
        elif getattr(summary, "has_problems", False):
            self.headline.setText(self.tr("Sync finished with problems"))
        else:
            self.headline.setText(self.tr("Sync finished"))
        self.headline.setObjectName(
            "errorText" if getattr(summary, "anchor_rewound", False) else "dialogHeadline"
        )
        self.headline.style().unpolish(self.headline)
        self.headline.style().polish(self.headline)
        self.phase_label.setText("")
        if summary is None:
            self.advice.setText(
                self.tr(
                    "Everything already downloaded is kept; the next sync continues from there."
                )
            )
            return
        lines = []
        counts = (
            ("cases_added", self.tr("New cases: %1")),
            ("cases_updated", self.tr("Updated cases: %1")),
            ("cases_removed", self.tr("Cases no longer assigned to you: %1")),
            ("files_downloaded", self.tr("Files downloaded: %1")),
            ("actions_pushed", self.tr("Your actions sent: %1")),
            ("conflicts", self.tr("Conflicts to look at: %1")),
            ("quarantined", self.tr("Files refused (did not match their fingerprint): %1")),
        )
        for name, words in counts:
            value = getattr(summary, name, 0) or 0
            if value:
                lines.append(words.replace("%1", f"{value:,}"))
        downloaded = getattr(summary, "bytes_downloaded", 0) or 0
        if downloaded:
            lines.append(self.tr("Downloaded: %1").replace("%1", file_size(downloaded)))
        if getattr(summary, "full_reconcile", False):
            lines.append(self.tr("The desk compared every case with the platform once more."))
        warnings = tuple(getattr(summary, "warnings", ()) or ())
        lines = [str(warning) for warning in warnings] + lines
        if not lines:
            lines.append(self.tr("Everything was already up to date."))
        if stopped:
            lines.append(
                self.tr(
                    "Everything already downloaded is kept; the next sync continues from there."
                )
            )
        self.advice.setText("\n".join(lines))
        errors = tuple(getattr(summary, "errors", ()) or ())
        if errors:
            self.details.setPlainText("\n".join(str(error) for error in errors))
            self.details.setVisible(True)

    def _show_failure(self) -> None:
        assert self._error is not None
        words = describe_error(self._error)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.headline.setText(words.headline)
        self.phase_label.setText("")
        self.advice.setText(words.advice)
        if words.detail:
            self.details.setPlainText(words.detail)
            self.details.setVisible(True)
        sign_in = words.kind in ("sign_in", "sign_in_again", "keyring")
        self.sign_in_button.setVisible(sign_in)
        if sign_in:
            self.sign_in_button.setDefault(True)  # what it takes to go on

    def _show_broken(self) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.headline.setText(self.tr("The sync did not finish"))
        self.phase_label.setText("")
        self.advice.setText(
            self.tr("Everything already downloaded is kept; the next sync continues from there.")
        )

    def _phase_words(self, phase: str) -> str:
        if phase == "cases":
            return self.tr("Fetching cases…")
        if phase == "files":
            return self.tr("Downloading evidence files…")
        if phase == "push":
            return self.tr("Sending your actions…")
        return phase

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sync"))
        self.cases_name.setText(self.tr("Cases"))
        self.files_name.setText(self.tr("Files"))
        self.bytes_name.setText(self.tr("Data"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))
        self.sign_in_button.setText(self.tr("Sign in again…"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
