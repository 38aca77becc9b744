"""Signing in and syncing, with the core functions replaced by fakes (sync has its own tests).

The dialogs must pass the right arguments, show progress as it comes, stop on Cancel,
and explain each kind of failure in words a mediator understands.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import pytest

import app.errors as errors
from app.errors import ConflictError, CredentialStoreUnavailable, SyncError
from ui.messages import BugHandler
from ui.operations import OpRunner
from ui.qt import QApplication, QDialogButtonBox, QMessageBox, Qt
from ui.sign_in_dialog import SignInDialog
from ui.sync_dialog import SyncDialog

# The sync brings these two; until it lands, stand-ins with the same names and base.
SessionExpired = getattr(errors, "SessionExpired", None) or type("SessionExpired", (SyncError,), {})
Offline = getattr(errors, "Offline", None) or type("Offline", (SyncError,), {})
NotSignedIn = getattr(errors, "NotSignedIn", None) or type("NotSignedIn", (SyncError,), {})
SyncCancelled = getattr(errors, "SyncCancelled", None) or type("SyncCancelled", (SyncError,), {})

DESK: Any = object()  # the dialogs only hand the desk to the core functions
CREDENTIALS: Any = object()
PASSWORD = "s3cret"


@pytest.fixture()
def ops(runner):  # type: ignore[no-untyped-def]
    """Ops on the stand-in desk over the drained runner (what the dialogs take)."""
    return OpRunner(DESK, runner)


@pytest.fixture()
def bug_handler(tmp_path):  # type: ignore[no-untyped-def]
    handler = BugHandler(tmp_path / "logs")
    handler.install()
    yield handler
    handler.uninstall()


def _apologies() -> list[QMessageBox]:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    boxes += [box for w in QApplication.topLevelWidgets() for box in w.findChildren(QMessageBox)]
    return [box for box in set(boxes) if box.windowTitle() == "Sorry, something went wrong"]


@dataclass(frozen=True)
class Progress:
    phase: str
    cases_done: int = 0
    files_done: int = 0
    files_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0


@dataclass(frozen=True)
class Summary:
    cases_added: int = 0
    cases_updated: int = 0
    cases_removed: int = 0
    files_downloaded: int = 0
    bytes_downloaded: int = 0
    actions_pushed: int = 0
    conflicts: int = 0
    quarantined: int = 0
    errors: tuple[str, ...] = ()


class FakeLogin:
    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.error = error

    def __call__(self, desk: Any, url: str, user: str, password: str, credentials: Any) -> None:
        self.calls.append((desk, url, user, password, credentials))
        if self.error is not None:
            raise self.error


def _sign_in_dialog(show, ops, login: FakeLogin) -> SignInDialog:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(ops, CREDENTIALS, login=login)
    show(dialog, 480, 320)
    return dialog


def _submit(
    qtbot,
    dialog: SignInDialog,
    url: str = "https://platform.example.cn",
    user: str = "mediator1",
    password: str = PASSWORD,
) -> None:  # type: ignore[no-untyped-def]
    dialog.url.setText(url)
    dialog.user.setText(user)
    dialog.password.setText(password)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_signing_in_hands_the_password_to_login_and_keeps_no_copy(qtbot, ops, show) -> None:  # type: ignore[no-untyped-def]
    login = FakeLogin()
    dialog = _sign_in_dialog(show, ops, login)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signed_in:
        _submit(qtbot, dialog)
    assert signed_in.args == ["https://platform.example.cn", "mediator1"]
    assert login.calls == [
        (DESK, "https://platform.example.cn", "mediator1", "s3cret", CREDENTIALS)
    ]
    assert dialog.password.text() == ""
    assert dialog.result() == SignInDialog.DialogCode.Accepted


def test_the_sign_in_form_asks_for_what_is_missing_before_calling_the_platform(
    qtbot, ops, show
) -> None:  # type: ignore[no-untyped-def]
    login = FakeLogin()
    dialog = _sign_in_dialog(show, ops, login)
    _submit(qtbot, dialog, url="platform.example.cn")
    assert "https://" in dialog.error_label.text()
    _submit(qtbot, dialog, password="")
    assert "password" in dialog.error_label.text()
    assert login.calls == []


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (SessionExpired("401 unauthenticated"), "did not accept this user name and password"),
        (Offline("connection refused"), "cannot be reached"),
        (CredentialStoreUnavailable("no keyring"), "keyring"),
        (SyncError("503 unavailable"), "refused the request"),
    ],
    ids=["wrong-password", "offline", "no-keyring", "platform-error"],
)
def test_a_failed_sign_in_says_why_and_stays_open(qtbot, ops, show, error, words) -> None:  # type: ignore[no-untyped-def]
    dialog = _sign_in_dialog(show, ops, FakeLogin(error))
    _submit(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and not dialog.busy, timeout=5000)
    assert words in dialog.error_label.text()
    assert dialog.isVisible() and dialog.password.text() == ""


class ControlledSync:
    """A fake run_sync that reports progress, then waits for the test to let it finish.

    Like the real one, it raises SyncCancelled when the cancel event is set.
    """

    def __init__(self, outcome: Summary | Exception | None = None) -> None:
        self.outcome = (
            outcome
            if outcome is not None
            else Summary(cases_added=3, files_downloaded=5, bytes_downloaded=2_500_000)
        )
        self.reported = threading.Event()
        self.release = threading.Event()
        self.cancel: threading.Event | None = None
        self.arguments: tuple[Any, ...] = ()

    def __call__(self, desk, url, user, credentials, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        self.arguments = (desk, url, user, credentials)
        self.cancel = cancel
        assert progress is not None and cancel is not None
        progress(Progress("cases", cases_done=120))
        progress(
            Progress(
                "files",
                cases_done=120,
                files_done=2,
                files_total=5,
                bytes_done=1_048_576,
                bytes_total=4_194_304,
            )
        )
        self.reported.set()
        deadline = time.monotonic() + 20  # a failing test must not leave it waiting forever
        while not self.release.wait(0.01):
            if cancel.is_set():
                raise SyncCancelled("Sync stopped; everything finished so far is kept.")
            if time.monotonic() > deadline:
                return Summary(cases_added=1)
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


def _sync_dialog(show, ops, fake: ControlledSync) -> SyncDialog:  # type: ignore[no-untyped-def]
    dialog = SyncDialog(ops, CREDENTIALS, "https://platform.example.cn", "mediator1", run_sync=fake)
    show(dialog, 480, 360)
    dialog.start()
    return dialog


def test_sync_shows_cases_files_and_bytes_as_they_come_then_what_changed(qtbot, ops, show) -> None:  # type: ignore[no-untyped-def]
    fake = ControlledSync()
    dialog = _sync_dialog(show, ops, fake)
    assert fake.reported.wait(5)
    qtbot.waitUntil(lambda: dialog.files_label.text() == "2 of 5", timeout=5000)
    assert dialog.cases_label.text() == "120"
    assert dialog.bytes_label.text() == "1.0 MB of 4.0 MB"
    assert dialog.bar.value() == 250
    assert dialog.cancel_button.isVisible() and not dialog.close_button.isVisible()
    with qtbot.waitSignal(dialog.sync_finished, timeout=5000):
        fake.release.set()
    assert fake.arguments == (DESK, "https://platform.example.cn", "mediator1", CREDENTIALS)
    assert dialog.headline.text() == "Sync finished"
    assert "New cases: 3" in dialog.advice.text()
    assert "Files downloaded: 5" in dialog.advice.text()
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()


def test_cancel_stops_the_sync_and_keeps_what_was_done(qtbot, ops, show) -> None:  # type: ignore[no-untyped-def]
    fake = ControlledSync()
    dialog = _sync_dialog(show, ops, fake)
    assert fake.reported.wait(5)
    with qtbot.waitSignal(dialog.sync_finished, timeout=5000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.state == "cancelling"
    assert fake.cancel is not None and fake.cancel.is_set()
    assert dialog.headline.text() == "Sync stopped"
    assert "next sync continues" in dialog.advice.text()


def test_escape_while_syncing_means_stop_not_hide(qtbot, ops, show) -> None:  # type: ignore[no-untyped-def]
    fake = ControlledSync()
    dialog = _sync_dialog(show, ops, fake)
    assert fake.reported.wait(5)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.state == "cancelling"
    qtbot.waitUntil(lambda: dialog.state == "done", timeout=5000)


@pytest.mark.parametrize(
    ("error", "headline", "sign_in_offered"),
    [
        (SessionExpired("token expired"), "Please sign in again", True),
        (Offline("no route to host"), "The platform cannot be reached", False),
        (
            ConflictError("DSP-2026-004711 changed on the platform"),
            "A case was changed on the platform meanwhile",
            False,
        ),
        (NotSignedIn("mediator1 is not signed in"), "Please sign in first", True),
    ],
    ids=["log-in-again", "offline", "conflict", "never-signed-in"],
)
def test_a_failed_sync_is_explained_by_its_kind(
    qtbot, ops, show, error, headline, sign_in_offered
) -> None:  # type: ignore[no-untyped-def]
    fake = ControlledSync(error)
    dialog = _sync_dialog(show, ops, fake)
    fake.release.set()
    with qtbot.waitSignal(dialog.sync_failed, timeout=5000):
        pass
    assert dialog.state == "failed"
    assert dialog.headline.text() == headline
    assert dialog.advice.text()
    assert str(error) in dialog.details.toPlainText()
    assert dialog.sign_in_button.isVisible() is sign_in_offered


def test_a_bug_in_the_sync_is_logged_and_apologised_for_once(qtbot, ops, show, bug_handler) -> None:  # type: ignore[no-untyped-def]
    fake = ControlledSync(KeyError("cursor"))
    dialog = _sync_dialog(show, ops, fake)
    fake.release.set()
    with qtbot.waitSignal(dialog.sync_broke, timeout=5000):
        pass
    # The bug handler wrote the report and apologised; the dialog does not say it again.
    assert len(bug_handler.reports) == 1
    assert "KeyError" in bug_handler.reports[0].read_text(encoding="utf-8")
    assert len(_apologies()) == 1
    assert dialog.state == "broken"
    assert dialog.headline.text() == "The sync did not finish"
    assert "next sync continues" in dialog.advice.text()
    assert dialog.close_button.isVisible()
    for box in _apologies():
        box.close()


def test_a_bug_while_signing_in_is_apologised_for_once_and_the_form_comes_back(
    qtbot, ops, show, bug_handler
) -> None:  # type: ignore[no-untyped-def]
    dialog = _sign_in_dialog(show, ops, FakeLogin(KeyError("session")))
    _submit(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert len(bug_handler.reports) == 1
    assert len(_apologies()) == 1
    assert not dialog.error_label.isVisible()  # one message: the apology, not a second one
    assert dialog.isVisible() and dialog.url.isEnabled()
    for box in _apologies():
        box.close()


def test_a_rewound_audit_trail_is_the_sync_dialogs_headline_and_first_line(
    qtbot, ops, show
) -> None:  # type: ignore[no-untyped-def]
    """Issue 11.2: a desk whose record went back in time is told first and loudly."""
    from app.sync import SyncSummary
    from app.vocabulary import words

    warning = words("sync.anchor.rewound", desk="d", seq=3, platform_seq=9, url="https://p")
    fake = ControlledSync(
        SyncSummary(anchor_rewound=True, warnings=(warning,))  # type: ignore[arg-type]
    )
    dialog = _sync_dialog(show, ops, fake)
    with qtbot.waitSignal(dialog.sync_finished, timeout=5000):
        fake.release.set()
    assert dialog.headline.text() == "Sync finished — this desk's record went back in time"
    assert dialog.advice.text().splitlines()[0] == warning.text("en")
