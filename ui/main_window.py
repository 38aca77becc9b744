"""The window a mediator lives in: the queue on top, the open case below.

The queue is a full-width table (ten columns need the width); the case below it has
the case file, the timeline and the evidence side by side as tabs. Splitter, columns
and window geometry are remembered. Sync runs in the background with its own dialog;
when it finishes the queue and the open case are read again.
"""

from __future__ import annotations

import threading
from typing import Any

from app.desk import Desk
from app.errors import DeskError, describe_error
from ui.case_queue_view import CaseQueueView
from ui.case_view import CaseView
from ui.qt import (
    QAction,
    QCloseEvent,
    QEvent,
    QKeySequence,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    Qt,
    QToolBar,
    QWidget,
    Signal,
)
from ui.settings import DeskSettings
from ui.settings_dialog import SettingsDialog
from ui.sign_in_dialog import LoginFunction, SignInDialog
from ui.sync_dialog import SyncDialog, SyncFunction
from ui.tasks import TaskRunner
from ui.translations import Translations, resolve_language
from ui.widgets import plain_label


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    sync_completed = Signal(object)

    def __init__(
        self,
        desk: Desk,
        runner: TaskRunner,
        settings: DeskSettings,
        *,
        translations: Translations | None = None,
        credentials: Any = None,
        login: LoginFunction | None = None,
        run_sync: SyncFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.runner = runner
        self.settings = settings
        self._translations = translations
        self._credentials = credentials
        self._login = login
        self._run_sync = run_sync
        self.sync_dialog: SyncDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self._closing = False

        self.queue = CaseQueueView(desk, runner)
        self.case_view = CaseView(desk, runner)
        self.queue.case_chosen.connect(self._on_queue_case_chosen)
        self.queue.case_activated.connect(self._on_queue_case_activated)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.case_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._build_actions()
        self.sync_state = plain_label(selectable=False)
        self.statusBar().addPermanentWidget(self.sync_state)
        self.setMinimumSize(760, 520)
        self.resize(1440, 900)
        self._restore_layout()
        self._retranslate()

    # -- building ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(self.start_sync)
        self.sign_in_action = QAction(self)
        self.sign_in_action.triggered.connect(self._on_sign_in_action_triggered)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.triggered.connect(self._on_settings_action_triggered)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self.queue.focus_search)
        self.queue_action = QAction(self)
        self.queue_action.setShortcut(QKeySequence("Ctrl+0"))
        self.queue_action.triggered.connect(lambda: self.queue.table.setFocus())
        self.queue_visible_action = QAction(self)
        self.queue_visible_action.setCheckable(True)
        self.queue_visible_action.setChecked(True)
        self.queue_visible_action.setShortcut(QKeySequence("F9"))
        self.queue_visible_action.toggled.connect(self._on_queue_visible_action_toggled)
        self.tab_actions = []
        for number in range(3):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _checked=False, tab=number: self._show_case_tab(tab))
            self.tab_actions.append(action)

        self.desk_menu = self.menuBar().addMenu("")
        self.desk_menu.addActions([self.sync_action, self.sign_in_action])
        self.desk_menu.addSeparator()
        self.desk_menu.addAction(self.settings_action)
        self.desk_menu.addSeparator()
        self.desk_menu.addAction(self.quit_action)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addActions([self.find_action, self.queue_action, self.queue_visible_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions(self.tab_actions)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.sync_action)
        self.toolbar.addAction(self.sign_in_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.settings_action)
        self.addToolBar(self.toolbar)

    # -- the desk's life -------------------------------------------------------------------

    def start(self) -> None:
        """Ask for the first page of the queue (call once the window is shown)."""
        self.queue.start()
        self.queue.table.setFocus()

    def _adopt_signed_in_account(self) -> None:
        """Sync without a remembered sign-in: use the one made on the command line
        (``mediation-desk login``) if there is exactly one, else ask."""
        desk = self.desk

        def work(_progress: Any, _cancel: threading.Event) -> tuple[str, str] | None:
            try:
                from app.sync import signed_in_account
            except ImportError:
                return None
            try:
                return signed_in_account(desk, None)  # type: ignore[no-any-return]
            except DeskError:
                return None

        self.runner.run(work, on_success=self._on_signed_in_account_found)

    def _on_signed_in_account_found(self, account: tuple[str, str] | None) -> None:
        if account is None:
            self.sign_in(then_sync=True)
            return
        self._on_sign_in_dialog_signed_in(*account)
        self.start_sync()

    def _on_queue_case_chosen(self, case_id: str | None) -> None:
        self.case_view.show_case_id(case_id)

    def _on_queue_case_activated(self, _case_id: str) -> None:
        self.case_view.tabs.currentWidget().setFocus()

    def _on_queue_visible_action_toggled(self, visible: bool) -> None:
        # Hiding the queue gives the evidence the whole height of the window.
        self.queue.setVisible(visible)
        if visible:
            self.queue.table.setFocus()

    def _show_case_tab(self, tab: int) -> None:
        self.case_view.show_tab(tab)

    # -- sign-in and sync ------------------------------------------------------------------

    def credentials(self) -> Any:
        if self._credentials is None:
            from app.security.credentials import KeyringCredentialStore

            self._credentials = KeyringCredentialStore()
        return self._credentials

    def _on_sign_in_action_triggered(self) -> None:
        self.sign_in(then_sync=True)

    def sign_in(self, *, then_sync: bool, reason: str = "") -> SignInDialog:
        dialog = SignInDialog(
            self.desk,
            self.runner,
            self.credentials(),
            platform_url=self.settings.platform_url,
            username=self.settings.username,
            reason=reason,
            login=self._login,
            parent=self,
        )
        dialog.signed_in.connect(self._on_sign_in_dialog_signed_in)
        if then_sync:
            dialog.signed_in.connect(lambda *_: self.start_sync())
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def _on_sign_in_dialog_signed_in(self, platform_url: str, username: str) -> None:
        self.settings.platform_url = platform_url.strip().rstrip("/")
        self.settings.username = username
        self._retranslate_sync_state()

    def start_sync(self) -> SyncDialog | None:
        if self.sync_dialog is not None and self.sync_dialog.state in ("running", "cancelling"):
            self.sync_dialog.show()
            self.sync_dialog.raise_()
            return self.sync_dialog
        if not self.settings.platform_url or not self.settings.username:
            self._adopt_signed_in_account()
            return None
        dialog = SyncDialog(
            self.desk,
            self.runner,
            self.credentials(),
            self.settings.platform_url,
            self.settings.username,
            run_sync=self._run_sync,
            parent=self,
        )
        dialog.sync_finished.connect(self._on_sync_dialog_finished)
        dialog.sync_failed.connect(self._on_sync_dialog_failed)
        dialog.sign_in_requested.connect(self._on_sync_dialog_sign_in_requested)
        self.sync_dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def sign_in_and_sync(self, platform_url: str, username: str, password: str) -> None:
        """Sign in with a known password (the demo), then sync with the progress dialog."""
        from ui.sign_in_dialog import default_login

        login = self._login or default_login
        desk, credentials = self.desk, self.credentials()

        def work(_progress: Any, _cancel: threading.Event) -> tuple[str, str]:
            login(desk, platform_url, username, password, credentials)
            return platform_url, username

        def signed_in(result: tuple[str, str]) -> None:
            self._on_sign_in_dialog_signed_in(*result)
            self.start_sync()

        def failed(error: Exception) -> None:
            self.settings.platform_url = platform_url.strip().rstrip("/")
            self.settings.username = username
            words = describe_error(error)
            if words.kind == "sign_in_again":
                reason = self.tr("The platform did not accept this user name and password.")
            else:
                reason = f"{words.headline}\n{words.advice}"
            self.sign_in(then_sync=True, reason=reason)

        self.runner.run(work, pool="network", on_success=signed_in, on_failure=failed)

    def _on_sync_dialog_finished(self, summary: object) -> None:
        self.queue.refresh()
        self.case_view.reload()
        self.statusBar().showMessage(self.tr("Sync finished."), 8000)
        self.sync_completed.emit(summary)

    def _on_sync_dialog_failed(self, error: Exception) -> None:
        words = describe_error(error)
        self.statusBar().showMessage(words.headline, 15000)
        if words.kind == "conflict":
            self.queue.refresh()  # the conflicting cases are marked in the queue

    def _on_sync_dialog_sign_in_requested(self) -> None:
        self.sign_in(
            then_sync=True, reason=self.tr("Your sign-in has expired. Please sign in again.")
        )

    # -- settings and language ------------------------------------------------------------

    def _on_settings_action_triggered(self) -> None:
        dialog = SettingsDialog(self.settings.language, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.set_language(dialog.language)

    def set_language(self, setting: str) -> None:
        self.settings.language = setting
        language = resolve_language(setting)
        if self._translations is not None and not self._translations.apply(language):
            # An install without compiled catalogues: say so, keep working in English.
            self.statusBar().showMessage(
                self.tr("This language is not installed (run scripts/setup.sh); showing English."),
                15000,
            )
            language = "en"
        self.language_changed.emit(language)

    def _retranslate_sync_state(self) -> None:
        if self.settings.platform_url and self.settings.username:
            self.sync_state.setText(
                self.tr("Signed in as %1 · %2")
                .replace("%1", self.settings.username)
                .replace("%2", self.settings.platform_url)
            )
        else:
            self.sync_state.setText(self.tr("Working offline · not signed in"))

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Mediation Desk"))
        self.desk_menu.setTitle(self.tr("&Desk"))
        self.view_menu.setTitle(self.tr("&View"))
        self.sync_action.setText(self.tr("Sync"))
        self.sync_action.setToolTip(self.tr("Download new cases and send your work (F5)"))
        self.sign_in_action.setText(self.tr("Sign in…"))
        self.settings_action.setText(self.tr("Settings…"))
        self.quit_action.setText(self.tr("Quit"))
        self.find_action.setText(self.tr("Search the queue"))
        self.queue_action.setText(self.tr("Go to the queue"))
        self.queue_visible_action.setText(self.tr("Show the queue"))
        for action, name in zip(
            self.tab_actions,
            (self.tr("Case file"), self.tr("Timeline"), self.tr("Evidence")),
            strict=True,
        ):
            action.setText(name)
        self._retranslate_sync_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # -- layout memory ----------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.layout("window_geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.layout("window_state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.layout("main_splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([360, 540])
        columns = self.settings.layout("queue_columns")
        if columns is not None:
            self.queue.table.horizontalHeader().restoreState(columns)
            self.queue.columns_restored = True
        compare = self.settings.layout("evidence_splitter")
        if compare is not None:
            self.case_view.evidence.splitter.restoreState(compare)

    def save_layout(self) -> None:
        self.settings.set_layout("window_geometry", self.saveGeometry())
        self.settings.set_layout("window_state", self.saveState())
        self.settings.set_layout("main_splitter", self.splitter.saveState())
        self.settings.set_layout("queue_columns", self.queue.table.horizontalHeader().saveState())
        self.settings.set_layout("evidence_splitter", self.case_view.evidence.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self.sync_dialog is not None:
            self.sync_dialog.cancel_event.set()
        self.runner.cancel_all()
        self._closing = True
        super().closeEvent(event)
