"""Starting the desk: the Qt application, its translations and look, the main window.

``run_desk`` is the one entry the command line calls (``mediation-desk`` with no
command, and ``mediation-desk demo`` after it has started the reference platform).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Any

from app.desk import Desk
from app.files import PrivateRotatingLog, private_folder
from ui.main_window import MainWindow
from ui.messages import BugHandler
from ui.operations import OpRunner
from ui.qt import QApplication, QFont
from ui.settings import APPLICATION, ORGANIZATION, DeskSettings
from ui.sign_in_dialog import LoginFunction
from ui.style import apply_style, desk_font
from ui.sync_dialog import SyncFunction
from ui.tasks import TaskRunner
from ui.translations import Translations, resolve_language

log = logging.getLogger("mediation_desk.ui")


def _log_to_file(desk: Desk) -> logging.Handler:
    """The desk's log in its data folder (``logs/desk.log``): where a bug's traceback goes."""
    folder = private_folder(desk.paths.log_folder)
    handler = PrivateRotatingLog(
        folder / "desk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("mediation_desk")
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return handler


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication, created once with the desk's names."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName("Mediation Desk")
    return QApplication(list(argv) if argv is not None else sys.argv[:1])


def build_window(
    desk: Desk,
    *,
    settings: DeskSettings | None = None,
    runner: TaskRunner | None = None,
    credentials: Any = None,
    login: LoginFunction | None = None,
    run_sync: SyncFunction | None = None,
) -> MainWindow:
    """The main window with translations and style applied (not shown yet)."""
    app = application()
    settings = settings or DeskSettings()
    translations = Translations()
    language = resolve_language(settings.language)
    translations.apply(language)
    base_font = QFont(app.font())
    apply_style(app, translations.language)
    window = MainWindow(
        OpRunner(desk, runner or TaskRunner()),
        settings,
        translations=translations,
        credentials=credentials,
        login=login,
        run_sync=run_sync,
    )
    window.language_changed.connect(lambda chosen: app.setFont(desk_font(chosen, base_font)))
    # The workflow's instructions come from the scripts, in the desk's language.
    window.case_view.workflow.set_language(translations.language)
    window.language_changed.connect(window.case_view.workflow.set_language)
    return window


def run_desk(
    desk: Desk,
    *,
    argv: Sequence[str] | None = None,
    platform_url: str | None = None,
    username: str | None = None,
    password: str | None = None,
    sync_on_start: bool = False,
    credentials: Any = None,
    login: LoginFunction | None = None,
    run_sync: SyncFunction | None = None,
    settings: DeskSettings | None = None,
) -> int:
    """Open the desk's window on ``desk`` and run until it is closed; the exit code.

    With ``platform_url``, ``username`` and ``password`` (the demo) the desk signs in
    and syncs right away with the progress dialog; with ``sync_on_start`` it syncs with
    the sign-in it remembers.
    """
    log_handler = _log_to_file(desk)
    app = application(argv)
    runner = TaskRunner()
    window = build_window(
        desk,
        settings=settings,
        runner=runner,
        credentials=credentials,
        login=login,
        run_sync=run_sync,
    )
    previous_hook = sys.excepthook
    bug_handler = BugHandler(desk.paths.log_folder)
    bug_handler.install()
    try:
        window.show()
        window.start()
        if platform_url and username and password:
            window.sign_in_and_sync(platform_url, username, password)
        elif sync_on_start:
            window.start_sync()
        code = app.exec()
        runner.cancel_all()
        runner.wait_for_done(10_000)
    finally:
        sys.excepthook = previous_hook
        bug_handler.uninstall()
        logging.getLogger("mediation_desk").removeHandler(log_handler)
        log_handler.close()
    return int(code)
