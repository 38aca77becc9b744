"""Small helpers the Qt tests share."""

from __future__ import annotations

from typing import Any

from ui.case_queue_model import CaseQueueModel
from ui.qt import QCoreApplication, QInputMethodEvent, QWidget


def wait_for_queue(qtbot: Any, model: CaseQueueModel, timeout: int = 20_000) -> None:
    """Until the rows of the latest query are on screen and nothing is loading."""

    def settled() -> None:
        assert model.shown_generation == model.generation
        assert not model.loading

    qtbot.waitUntil(settled, timeout=timeout)


def wait_for_count(qtbot: Any, model: CaseQueueModel, timeout: int = 20_000) -> int:
    wait_for_queue(qtbot, model, timeout)
    qtbot.waitUntil(lambda: model.total is not None, timeout=timeout)
    assert model.total is not None
    return model.total


def fetch_everything(qtbot: Any, model: CaseQueueModel, timeout: int = 60_000) -> None:
    """Page through the whole query the way a view does: fetchMore until nothing is left."""
    from ui.qt import QModelIndex

    wait_for_queue(qtbot, model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        wait_for_queue(qtbot, model, timeout)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as an input method commits it: how Chinese arrives from an IME.

    (``qtbot.keyClicks`` with non-ASCII characters aborts the interpreter.)
    """
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def record_sign_in(
    desk: Any, credentials: Any, platform_url: str, username: str, role: str = "mediator"
) -> None:
    """What a sign-in (``mediation-desk login``, the sign-in dialog) leaves behind: the
    account in this store and its token in the keyring."""
    from app.security.credentials import platform_token_key
    from app.store import models as m

    url = platform_url.strip().rstrip("/")
    with desk.unit_of_work() as uow:
        user = uow.session.get(m.User, username) or m.User(username=username)
        user.display_name, user.role, user.platform_url = username, role, url
        uow.session.add(user)
        if uow.session.get(m.SyncState, (url, username)) is None:
            uow.session.add(m.SyncState(platform_url=url, username=username))
        uow.commit()
    credentials.set(platform_token_key(url, username, desk.desk_id), f"token-of-{username}")
