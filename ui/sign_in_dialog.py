"""Signing in to the platform: URL, user name and password; the token goes to the keyring.

The password is handed to ``app.sync.login`` by a :class:`~ui.operations.DeskOp` on
the network thread and forgotten: it is never stored, and the field is cleared after
every attempt. Expected errors are shown in the dialog in words a mediator understands
(wrong password, platform unreachable, no keyring); a bug goes to the desk's bug
handler, which logs it and apologises once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.desk import Desk
from app.errors import DeskError, describe_error
from ui.operations import DeskOp, OpContext, OpRunner
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import plain_label

LoginFunction = Callable[[Desk, str, str, str, Any], None]


def default_login(
    desk: Desk, platform_url: str, username: str, password: str, credentials: Any
) -> None:
    from app.sync import login  # lands with the sync; imported only when used

    login(desk, platform_url, username, password, credentials)


class SignInDialog(QDialog):
    signed_in = Signal(str, str)  # platform URL, user name

    def __init__(
        self,
        ops: OpRunner,
        credentials: Any,
        *,
        platform_url: str = "",
        username: str = "",
        reason: str = "",
        login: LoginFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._credentials = credentials
        self._login = login or default_login
        self._busy = False
        self.setModal(True)
        self.setMinimumWidth(440)

        self.intro = plain_label(word_wrap=True, selectable=False)
        self.reason_label = plain_label(reason, word_wrap=True, selectable=False)
        self.reason_label.setObjectName("warningText")
        self.reason_label.setVisible(bool(reason))
        self.url = QLineEdit(platform_url)
        self.user = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = plain_label(word_wrap=True)
        self.error_label.setObjectName("errorText")
        self.error_label.setVisible(False)
        self.status_label = plain_label(selectable=False)
        self.status_label.setObjectName("hintLabel")

        self.form = QFormLayout()
        self.url_label, self.user_label, self.password_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.url_label, self.url)
        self.form.addRow(self.user_label, self.user)
        self.form.addRow(self.password_label, self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        (self.password if platform_url and username else self.url).setFocus()
        self._retranslate()

    @property
    def busy(self) -> bool:
        return self._busy

    def _on_buttons_accepted(self) -> None:
        if self._busy:
            return
        url, user, password = (
            self.url.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )
        problem = None
        if not url.startswith(("https://", "http://")):
            problem = self.tr("Enter the platform's address, starting with https://")
        elif not user:
            problem = self.tr("Enter your user name.")
        elif not password:
            problem = self.tr("Enter your password.")
        if problem:
            self._show_error(problem)
            return
        self._set_busy(True)
        credentials, login = self._credentials, self._login

        def sign_in(op: OpContext) -> tuple[str, str]:
            login(op.desk, url, user, password, credentials)
            return url, user

        (
            DeskOp(self._ops, sign_in)
            .success(self._on_login_succeeded)
            .failure(self._on_login_failed)
            .finished(self._on_login_ended)
            .run(self)
        )
        self.password.clear()  # the worker has it; the dialog keeps no copy

    def _on_login_succeeded(self, result: tuple[str, str]) -> None:
        self._set_busy(False)
        self.signed_in.emit(*result)
        self.accept()

    def _on_login_ended(self) -> None:
        # Last, whatever happened; after a bug (the bug handler has told the user) the
        # form simply comes back for another try.
        if self._busy:
            self._set_busy(False)
            self.password.setFocus()

    def _on_login_failed(self, error: DeskError) -> None:
        self._set_busy(False)
        words = describe_error(error)
        if words.kind == "sign_in_again":
            text = self.tr("The platform did not accept this user name and password.")
        elif words.kind == "platform" and words.detail:
            text = f"{words.headline}\n{words.detail}"
        else:
            text = f"{words.headline}\n{words.advice}"
        self._show_error(text)
        self.password.setFocus()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.url, self.user, self.password):
            widget.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        self.status_label.setText(self.tr("Signing in…") if busy else "")
        if busy:
            self.error_label.setVisible(False)

    def reject(self) -> None:
        if self._busy:
            return  # the attempt finishes quickly either way; closing now would lose its answer
        super().reject()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in to the platform"))
        self.intro.setText(
            self.tr(
                "Sign in to download your cases and send your work. Your password is not "
                "stored; the desk keeps only a sign-in token, in the system keyring."
            )
        )
        self.url_label.setText(self.tr("Platform address"))
        self.user_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.url.setPlaceholderText("https://")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        for label in (self.url_label, self.user_label, self.password_label):
            label.setTextFormat(Qt.TextFormat.PlainText)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
