"""The window a mediator lives in: the queue on top, the open case below.

The queue is a full-width table (ten columns need the width); the case below it has
the case file, the timeline and the evidence side by side as tabs. Splitter, columns
and window geometry are remembered; the window is sized from the screen it opens on
and kept inside it (a layout saved on a large monitor still fits a laptop). Sync runs
in the background with its own dialog; when it finishes the queue and the open case
are read again.

The status bar says who is signed in to *this* store: an account recorded in it whose
token is still in the keyring (:func:`app.services.sign_in_status.usable_sign_ins`),
read through an op whenever it may have changed — never what the settings remember
from another data folder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from app.desk import Desk
from app.errors import DeskError, describe_error
from app.notices.queue import NoticesToPublish
from app.review.service import AwaitingReview
from app.services.identity import SignedInUser
from app.services.sign_in_status import usable_sign_ins
from app.vocabulary import words
from ui.case_queue_view import CaseQueueView
from ui.case_view import CaseView
from ui.dashboard_view import DashboardView
from ui.operations import DeskOp, OpContext, OpRunner, ReadOp
from ui.qt import (
    QAction,
    QCloseEvent,
    QEvent,
    QKeySequence,
    QMainWindow,
    QRect,
    QShowEvent,
    QSize,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    Qt,
    QToolBar,
    QWidget,
    Signal,
)
from ui.settings import DeskSettings
from ui.settings_dialog import SettingsDialog
from ui.sign_in_dialog import LoginFunction, SignInDialog
from ui.sync_dialog import SyncDialog, SyncFunction
from ui.translations import Translations, resolve_language
from ui.widgets import plain_label

# The window's size on a screen with room for it; smaller screens get their available
# area less a margin (a 1366 × 768 laptop, a 1280 × 720 projector).
PREFERRED_SIZE = QSize(1440, 900)
SCREEN_SHARE = 0.94


def first_geometry(available: QRect, preferred: QSize = PREFERRED_SIZE) -> QRect:
    """Where a window opened for the first time goes: centred, within ``available``."""
    width = min(preferred.width(), round(available.width() * SCREEN_SHARE))
    height = min(preferred.height(), round(available.height() * SCREEN_SHARE))
    frame = QRect(0, 0, width, height)
    frame.moveCenter(available.center())
    return frame


def clamped_geometry(wanted: QRect, available: QRect) -> QRect:
    """``wanted`` made to fit inside ``available``: smaller if it must be, then moved in."""
    width = min(wanted.width(), available.width())
    height = min(wanted.height(), available.height())
    left = max(available.left(), min(wanted.left(), available.right() + 1 - width))
    top = max(available.top(), min(wanted.top(), available.bottom() + 1 - height))
    return QRect(left, top, width, height)


class MainWindow(QMainWindow):
    store_waiting = Signal(str)  # a write waits for another process (text: who holds it)
    language_changed = Signal(str)
    sync_completed = Signal(object)

    sign_in_changed = Signal(object)  # the usable sign-ins (a tuple of SignedInUser)

    def __init__(
        self,
        ops: OpRunner,
        settings: DeskSettings,
        *,
        translations: Translations | None = None,
        credentials: Any = None,
        login: LoginFunction | None = None,
        run_sync: SyncFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.desk: Desk = ops.desk
        self.settings = settings
        self._translations = translations
        self._credentials = credentials
        self._login = login
        self._run_sync = run_sync
        self.sync_dialog: SyncDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self._closing = False
        # None until the store and the keyring have been read once.
        self.sign_ins: tuple[SignedInUser, ...] | None = None
        self._sign_in_problem = ""
        self._fit_on_show = False

        self.queue = CaseQueueView(ops)
        self.case_view = CaseView(ops)
        self.queue.case_chosen.connect(self._on_queue_case_chosen)
        self.queue.case_activated.connect(self._on_queue_case_activated)
        self.case_view.case_changed.connect(self._on_case_view_case_changed)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.case_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        # The dashboard is a page of its own; a click on it comes back to the queue.
        self.dashboard = DashboardView(ops)
        self.dashboard.cases_requested.connect(self._on_dashboard_cases_requested)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.dashboard)
        self.setCentralWidget(self.pages)

        self._build_actions()
        self.sync_state = plain_label(selectable=False)
        self.statusBar().addPermanentWidget(self.sync_state)
        # A write that must wait for another process (a sync from the command line) says
        # who holds the store. The listener runs on the waiting worker: it only emits.
        self.store_waiting.connect(self._on_store_waiting)
        self.desk.database.waiting.append(self._tell_store_waiting)
        self.setMinimumSize(760, 520)
        self._restore_layout()
        self._retranslate()

    # -- building ---------------------------------------------------------------------------

    def _tell_store_waiting(self) -> None:
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self.store_waiting.emit(self.desk.waiting_words().text())

    def _on_store_waiting(self, text: str) -> None:
        self.statusBar().showMessage(text, 15000)

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
        self.queue_action.triggered.connect(lambda: self.show_dashboard(False))
        self.dashboard_action = QAction(self)
        self.dashboard_action.setCheckable(True)
        self.dashboard_action.setShortcut(QKeySequence("Ctrl+D"))
        self.dashboard_action.toggled.connect(self.show_dashboard)
        self.notices_action = QAction(self)
        self.notices_action.triggered.connect(self.show_notices_to_publish)
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
        self.view_menu.addActions(
            [self.find_action, self.queue_action, self.queue_visible_action, self.dashboard_action]
        )
        self.view_menu.addAction(self.notices_action)
        self.view_menu.addSeparator()
        self.view_menu.addActions(self.tab_actions)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.sync_action)
        self.toolbar.addAction(self.sign_in_action)
        self.toolbar.addAction(self.dashboard_action)
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
        self.refresh_sign_in()

    def refresh_sign_in(
        self, then: Callable[[tuple[SignedInUser, ...]], None] | None = None
    ) -> None:
        """Read who is signed in to this store (and has a token) in the background."""
        credentials = self.credentials()

        def got(users: tuple[SignedInUser, ...]) -> None:
            self._on_sign_ins_read(users)
            if then is not None:
                then(users)

        def failed(error: DeskError) -> None:
            # A keyring that cannot be read: nobody can sync until it can; say why.
            self._on_sign_ins_read((), describe_error(error).detail)
            if then is not None:
                then(())

        (
            ReadOp(self.ops, lambda uow, _op: usable_sign_ins(uow, credentials))
            .success(got)
            .failure(failed)
            .run(self)
        )

    def _on_sign_ins_read(self, users: tuple[SignedInUser, ...], problem: str = "") -> None:
        supervisor = len(users) == 1 and users[0].role == "supervisor"
        if supervisor and users != self.sign_ins:
            # A supervisor's working day starts at the review queue.
            self.queue.show_cases(AwaitingReview(), heading=words("review.desk.queue").text())
        self.sign_ins = users
        self._sign_in_problem = problem
        self._retranslate_sync_state()
        self.sign_in_changed.emit(users)

    def show_notices_to_publish(self) -> None:
        """The queue filtered to the decided cases whose public notice is due."""
        self.show_dashboard(False)
        self.queue.show_cases(NoticesToPublish(), heading=words("notices.desk.queue").text())

    def _on_queue_case_chosen(self, case_id: str | None) -> None:
        self.case_view.show_case_id(case_id)

    def _on_case_view_case_changed(self, _case_id: str) -> None:
        self.queue.refresh()  # a decided conflict leaves the queue's conflict column

    def _on_queue_case_activated(self, _case_id: str) -> None:
        self.case_view.tabs.currentWidget().setFocus()

    def _on_queue_visible_action_toggled(self, visible: bool) -> None:
        # Hiding the queue gives the evidence the whole height of the window.
        self.queue.setVisible(visible)
        if visible:
            self.queue.table.setFocus()

    def _show_case_tab(self, tab: int) -> None:
        self.show_dashboard(False)
        self.case_view.show_tab(tab)

    def show_dashboard(self, shown: bool) -> None:
        """The dashboard (read afresh each time it is shown), or the queue and the case."""
        blocker = self.dashboard_action.blockSignals(True)
        self.dashboard_action.setChecked(shown)
        self.dashboard_action.blockSignals(blocker)
        if shown == (self.pages.currentWidget() is self.dashboard):
            if not shown:
                self.queue.table.setFocus()
            return
        self.pages.setCurrentWidget(self.dashboard if shown else self.splitter)
        if shown:
            self.dashboard.refresh()
        else:
            self.queue.table.setFocus()

    def _on_dashboard_cases_requested(self, selection: object, description: str) -> None:
        self.queue.show_cases(selection, description)  # type: ignore[arg-type]
        self.queue_visible_action.setChecked(True)
        self.show_dashboard(False)

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
            self.ops,
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
        # Remembered only to fill in the sign-in form next time; who is signed in is
        # always read from the store and the keyring.
        self.settings.platform_url = platform_url.strip().rstrip("/")
        self.settings.username = username
        self.refresh_sign_in()

    def start_sync(self) -> None:
        """Sync with this store's sign-in (the progress dialog opens); or ask to sign in."""
        if self.sync_dialog is not None and self.sync_dialog.state in ("running", "cancelling"):
            self.sync_dialog.show()
            self.sync_dialog.raise_()
            return
        self.refresh_sign_in(then=self._sync_as)

    def _sync_as(self, users: tuple[SignedInUser, ...]) -> None:
        if self._closing:
            return
        if self.sync_dialog is not None and self.sync_dialog.state in ("running", "cancelling"):
            return  # F5 twice: the first one's dialog is already syncing
        if not users:
            reason = self._sign_in_problem
            self.sign_in(then_sync=True, reason=reason)
            return
        # Several accounts on one store: the one last used in this window, else the first.
        remembered = (self.settings.platform_url, self.settings.username)
        user = next((u for u in users if (u.platform_url, u.username) == remembered), users[0])
        dialog = SyncDialog(
            self.ops,
            self.credentials(),
            user.platform_url,
            user.username,
            run_sync=self._run_sync,
            parent=self,
        )
        dialog.sync_finished.connect(self._on_sync_dialog_finished)
        dialog.sync_failed.connect(self._on_sync_dialog_failed)
        dialog.sync_broke.connect(self.refresh_sign_in)
        dialog.sign_in_requested.connect(self._on_sync_dialog_sign_in_requested)
        self.sync_dialog = dialog
        dialog.open()
        dialog.start()

    def sign_in_and_sync(self, platform_url: str, username: str, password: str) -> None:
        """Sign in with a known password (the demo), then sync with the progress dialog."""
        from ui.sign_in_dialog import default_login

        login = self._login or default_login
        credentials = self.credentials()

        def sign_in(op: OpContext) -> tuple[str, str]:
            login(op.desk, platform_url, username, password, credentials)
            return platform_url, username

        def signed_in(result: tuple[str, str]) -> None:
            self._on_sign_in_dialog_signed_in(*result)
            self.start_sync()

        def failed(error: DeskError) -> None:
            self.settings.platform_url = platform_url.strip().rstrip("/")
            self.settings.username = username
            words = describe_error(error)
            if words.kind == "sign_in_again":
                reason = self.tr("The platform did not accept this user name and password.")
            else:
                reason = f"{words.headline}\n{words.advice}"
            self.sign_in(then_sync=True, reason=reason)

        DeskOp(self.ops, sign_in).success(signed_in).failure(failed).run(self)

    def _on_sync_dialog_finished(self, summary: object) -> None:
        if self.pages.currentWidget() is self.dashboard:
            self.dashboard.refresh()
        self.queue.refresh()
        self.case_view.reload()
        self.refresh_sign_in()
        self.statusBar().showMessage(self.tr("Sync finished."), 8000)
        self.sync_completed.emit(summary)

    def _on_sync_dialog_failed(self, error: DeskError) -> None:
        # The dialog says what went wrong (one message); the window only catches up.
        self.refresh_sign_in()
        if describe_error(error).kind == "conflict":
            self.queue.refresh()  # the conflicting cases are marked in the queue
            self.case_view.reload()

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
        users = self.sign_ins
        if users is None:
            self.sync_state.setText("")
        elif users:
            self.sync_state.setText(
                "; ".join(
                    self.tr("Signed in as %1 · %2")
                    .replace("%1", user.username)
                    .replace("%2", user.platform_url)
                    for user in users
                )
            )
        else:
            self.sync_state.setText(self.tr("Working offline · not signed in"))
        self.sync_state.setToolTip(self._sign_in_problem)

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
        self.notices_action.setText(words("notices.desk.queue_action").text())
        self.dashboard_action.setText(self.tr("Dashboard"))
        self.dashboard_action.setToolTip(
            self.tr(
                "Figures and charts of the cases in this store; a click opens the cases (Ctrl+D)"
            )
        )
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
        elif (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self.sign_ins is not None
            and not self._closing
        ):
            # Back from a terminal where `mediation-desk logout` may have run: look again.
            self.refresh_sign_in()
        super().changeEvent(event)

    # -- layout memory ----------------------------------------------------------------------

    def _available(self) -> QRect:
        screen = self.screen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)

    def _restore_layout(self) -> None:
        geometry = self.settings.layout("window_geometry")
        available = self._available()
        if geometry is None or not self.restoreGeometry(geometry):
            self.setGeometry(first_geometry(available))
        else:
            # Saved on a larger monitor, perhaps: once shown (when the frame is known)
            # the window is made to fit this screen.
            self._fit_on_show = True
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_on_show:
            self._fit_on_show = False
            self.keep_on_screen()

    def keep_on_screen(self) -> None:
        """Shrink and move the window (with its frame) into its screen's available area."""
        frame, inner = self.frameGeometry(), self.geometry()
        fitted = clamped_geometry(frame, self._available())
        if fitted != frame:
            self.resize(
                max(self.minimumWidth(), fitted.width() - (frame.width() - inner.width())),
                max(self.minimumHeight(), fitted.height() - (frame.height() - inner.height())),
            )
            self.move(fitted.topLeft())

    def save_layout(self) -> None:
        self.settings.set_layout("window_geometry", self.saveGeometry())
        self.settings.set_layout("window_state", self.saveState())
        self.settings.set_layout("main_splitter", self.splitter.saveState())
        self.settings.set_layout("queue_columns", self.queue.table.horizontalHeader().saveState())
        self.settings.set_layout("evidence_splitter", self.case_view.evidence.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        with contextlib.suppress(ValueError):
            self.desk.database.waiting.remove(self._tell_store_waiting)
        self.save_layout()
        if self.sync_dialog is not None:
            self.sync_dialog.cancel_event.set()
        self.ops.cancel_all()
        self._closing = True
        super().closeEvent(event)
