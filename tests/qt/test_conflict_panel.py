"""A real conflict on screen: offline work the platform would not take, and the choice.

The reference platform runs on loopback; the desk syncs, the mediator queues two actions
offline, the same case changes on the platform meanwhile, and the next sync holds both
(as in tests/integration/sync/test_conflicts.py). The open case shows them beside what
changed, and each is decided on its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.desk import Desk
from app.security.credentials import KeyringCredentialStore
from app.services.outbox import enqueue_action, list_outbox
from app.store import models as m
from app.sync import login
from tests.integration.sync.conftest import (
    PASSWORD,
    Platform,
    open_case_ids,
    start_platform,
    sync,
)
from tests.qt.helpers import wait_for_queue
from tests.support.memory_keyring import MemoryKeyring
from ui.case_queue_model import COLUMN_KEYS
from ui.case_view import CONFLICT_TAB
from ui.main_window import MainWindow
from ui.qt import Qt

STATUS_NOTE = "等待商家举证"
MESSAGE = "请补充发货凭证。"


@dataclass
class Conflict:
    desk: Desk
    credentials: KeyringCredentialStore
    case_id: str
    before: str  # the case's status when the desk last saw it
    theirs: str  # the status the platform set meanwhile


@pytest.fixture()
def conflict(tmp_path: Path) -> Iterator[Conflict]:
    server = start_platform(tmp_path / "platform")
    platform = Platform(server)
    desk = Desk.open(tmp_path / "home")
    credentials = KeyringCredentialStore(MemoryKeyring())
    try:
        login(desk, platform.url, "mediator1", PASSWORD, credentials)
        sync(desk, platform, credentials)
        [case_id] = open_case_ids(desk, 1)
        document = platform.case(case_id)
        before = document["case"]["status"]
        theirs = "in_mediation" if before != "in_mediation" else "awaiting_buyer"
        buyer = next(p["id"] for p in document["parties"] if p["role"] == "buyer")
        with desk.unit_of_work() as uow:  # offline, on the desk
            enqueue_action(
                uow,
                case_id,
                {"type": "set_status", "status": "awaiting_merchant", "note": STATUS_NOTE},
                "user:mediator1",
            )
        with desk.unit_of_work() as uow:
            enqueue_action(
                uow,
                case_id,
                {"type": "message", "to": [buyer], "channel": "platform", "text": MESSAGE},
                "user:mediator1",
            )
        answer = httpx.post(  # meanwhile, on the platform's own web desk
            f"{platform.url}/api/v1/cases/{case_id}/actions",
            json={"type": "set_status", "status": theirs, "note": "平台调整"},
            headers={
                "Authorization": f"Bearer {platform.token('mediator1')}",
                "Idempotency-Key": str(uuid.uuid4()),
                "If-Match": f'"v{document["case"]["version"]}"',
            },
        )
        assert answer.status_code == 200, answer.text
        assert sync(desk, platform, credentials).conflicts == 1
        yield Conflict(desk, credentials, case_id, before, theirs)
    finally:
        desk.close()
        server.stop()


def _states(desk: Desk, case_id: str) -> tuple[bool, dict[str, str]]:
    with desk.unit_of_work(read_only=True) as uow:
        case = uow.session.get(m.Case, case_id)
        assert case is not None
        return case.in_conflict, {i.action_type: i.state for i in list_outbox(uow, case_id)}


def _conflict_cell(window: MainWindow, case_id: str) -> str:
    model = window.queue.model
    row = model.row_of(case_id)
    assert row is not None
    return str(model.index(row, COLUMN_KEYS.index("conflict")).data())


def test_a_held_action_is_shown_beside_what_changed_and_decided_one_by_one(
    qtbot, conflict: Conflict, ops_for, settings, show
) -> None:  # type: ignore[no-untyped-def]
    window = show(
        MainWindow(ops_for(conflict.desk), settings, credentials=conflict.credentials), 1400, 900
    )
    window.start()
    wait_for_queue(qtbot, window.queue.model)
    assert _conflict_cell(window, conflict.case_id) == "Conflict"
    case_view, panel = window.case_view, window.case_view.conflict
    with qtbot.waitSignal(panel.conflict_read, timeout=10_000):
        window.queue.table.selectRow(window.queue.model.row_of(conflict.case_id))
    assert case_view.tabs.isTabVisible(CONFLICT_TAB) and case_view.conflict_button.isVisible()
    case_view.conflict_button.click()
    assert case_view.tabs.currentWidget() is panel

    # What the mediator did offline: each held action, its words, and why it is held.
    assert panel.view is not None and len(panel.cards) == 2
    status_card, message_card = panel.cards.values()
    assert status_card.kind.text() == "Status change"
    assert status_card.content.text() == f"Awaiting merchant\n{STATUS_NOTE}"
    assert status_card.why.text() == (
        f"Based on version {panel.view.local_version - 1} of the case; "
        f"the platform is now at version {panel.view.local_version}."
    )
    assert message_card.kind.text() == "Message"
    buyer = next(p for p in case_view.detail.parties if p.role == "buyer")
    assert message_card.content.text() == f"→ {buyer.display_name} (Buyer)\n{MESSAGE}"
    assert "Based on version" in message_card.why.text()
    # Beside it, what changed on the platform: old → new, in words.
    rows = {
        panel.changes.index(row, 0).data(): (
            panel.changes.index(row, 1).data(),
            panel.changes.index(row, 2).data(),
        )
        for row in range(panel.changes.rowCount())
    }
    assert rows["Status"] == (
        panel._value("status", conflict.before),
        panel._value("status", conflict.theirs),
    )
    assert rows["Status"][1] in ("In mediation", "Awaiting buyer")

    # Send the message again on the new version: pending once more, still in conflict.
    with qtbot.waitSignal(case_view.case_changed, timeout=10_000):
        qtbot.mouseClick(message_card.rebase_button, Qt.MouseButton.LeftButton)
    assert _states(conflict.desk, conflict.case_id) == (
        True,
        {"set_status": "held", "message": "pending"},
    )
    qtbot.waitUntil(lambda: len(panel.cards) == 1, timeout=10_000)

    # Discard the status change: nothing is held, the case leaves conflict everywhere.
    [status_card] = panel.cards.values()
    with qtbot.waitSignal(case_view.case_changed, timeout=10_000):
        qtbot.mouseClick(status_card.discard_button, Qt.MouseButton.LeftButton)
    assert _states(conflict.desk, conflict.case_id) == (
        False,
        {"set_status": "discarded", "message": "pending"},
    )
    qtbot.waitUntil(lambda: not case_view.tabs.isTabVisible(CONFLICT_TAB), timeout=10_000)
    assert not case_view.conflict_button.isVisible()
    qtbot.waitUntil(lambda: _conflict_cell(window, conflict.case_id) == "", timeout=10_000)
    assert window.queue.current_case_id() == conflict.case_id


def test_the_conflict_reads_in_chinese(qtbot, conflict: Conflict, ops_for, show) -> None:  # type: ignore[no-untyped-def]
    from ui.conflict_panel import ConflictPanel
    from ui.translations import Translations

    Translations().apply("zh_CN")
    panel = show(ConflictPanel(ops_for(conflict.desk)), 1000, 700)
    with qtbot.waitSignal(panel.conflict_read, timeout=10_000):
        panel.show_case_id(conflict.case_id)
    status_card = next(iter(panel.cards.values()))
    assert status_card.kind.text() == "变更状态"
    assert status_card.content.text().startswith("等待商家")
    assert status_card.discard_button.text() != "Discard"  # translated, not the source
    assert panel.changes.headerData(0, Qt.Orientation.Horizontal) != "What"
    assert panel.cards and all(card.rebase_button.isEnabled() for card in panel.cards.values())


def test_an_action_the_platform_refused_shows_the_platforms_reason_as_plain_text(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta, timezone

    from app.services.outbox import ConflictView, OutboxItem
    from ui.conflict_panel import HeldActionCard
    from ui.formatting import local_time

    refused = OutboxItem(
        id=7,
        case_id="DSP-1",
        action_type="propose_offer",
        body={
            "type": "propose_offer",
            "remedy": "partial_refund",
            "amount": {"value": 25980, "currency": "CNY"},
            "text": "补偿20%，不退货。",
            "expires_at": "2026-10-20T18:00:00+08:00",
        },
        base_version=3,
        idempotency_key="k",
        state="failed",
        created_at=datetime(2026, 10, 12, 9, 30, tzinfo=timezone(timedelta(hours=8))),
        created_by="user:li.na",
        attempts=1,
        last_error="<b>offer_expired</b>: the buyer already accepted another offer",
        result=None,
    )
    card = HeldActionCard(refused, ConflictView("DSP-1", 4, (refused,), {}), {})
    qtbot.addWidget(card)
    assert card.kind.text() == "Offer"
    assert card.content.text() == "Partial refund · CNY 259.80\n补偿20%，不退货。"
    assert card.why.text() == (
        "The platform refused it: <b>offer_expired</b>: the buyer already accepted another offer"
    )
    assert card.why.textFormat() == Qt.TextFormat.PlainText
    assert card.when.text() == f"Taken {local_time(refused.created_at)} by li.na"
