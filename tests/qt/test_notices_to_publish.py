"""The supervisor's "Notices to publish": the queue filtered to the decided cases whose
notice is due, and the Notice tab previewing a notice of a decision the platform recorded
(this desk drafted none)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.desk import Desk
from app.services.case_import import import_bundle
from tests.qt.helpers import record_sign_in, wait_for_queue
from tests.support.bundles import bundle_variant
from ui.demo import MemoryCredentials
from ui.main_window import MainWindow

DECIDED = "DSP-2026-004799"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "notices-to-publish.png"


def _decided(document: dict[str, Any], _files: dict[str, bytes]) -> None:
    document["case"]["id"] = DECIDED
    document["case"]["status"] = "resolved"
    document["decision"] = {
        "id": "DEC-1",
        "kind": "ruling",
        "decided_at": "2026-10-10T10:00:00+08:00",
        "outcome": "partial",
        "remedies": [
            {
                "remedy": "partial_refund",
                "amount": {"value": 50000, "currency": "CNY"},
                "payer": "P2",
                "payee": "P1",
            }
        ],
    }


@pytest.fixture()
def supervisor_desk(examples_desk: Desk, tmp_path: Path) -> Desk:
    with examples_desk.unit_of_work() as uow:
        import_bundle(uow, bundle_variant(tmp_path, "decided.zip", _decided), "user:test")
        uow.commit()
    return examples_desk


def test_notices_to_publish_lists_the_decided_case_and_its_tab_previews_the_notice(
    qtbot: Any, ops_for: Any, settings: Any, show: Any, supervisor_desk: Desk
) -> None:
    record_sign_in(
        supervisor_desk, MemoryCredentials(), "https://p.test", "supervisor1", "supervisor"
    )
    window = show(MainWindow(ops_for(supervisor_desk), settings), 1400, 900)
    window.start()
    wait_for_queue(qtbot, window.queue.model)
    assert window.queue.model.rowCount() == 3  # the two examples in mediation, the decided one

    window.notices_action.trigger()
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 1, timeout=10_000)
    wait_for_queue(qtbot, window.queue.model)
    assert window.queue.model.index(0, 0).data() == DECIDED
    assert window.queue.selection_bar.isVisible()
    assert "Notices to publish" in window.queue.selection_label.text()
    assert window.notices_action.text() == "Notices to publish"

    notice = window.case_view.notice
    with qtbot.waitSignal(notice.preview_shown, timeout=20_000):
        window.queue.table.selectRow(0)
    published = notice.published.toPlainText()
    assert "张某" in published and "张伟" not in published and "冬天的风" not in published
    assert "部分支持；商家向买家部分退款 ¥500.00" in published
    assert "张伟" in notice.source.toPlainText()  # the source side shows what was removed
    window.case_view.tabs.setCurrentWidget(notice)
    assert notice.publish_button.isVisible() and notice.publish_button.isEnabled()
    if os.environ.get("MEDIATION_DESK_SCREENSHOTS"):
        qtbot.wait(200)
        window.grab().save(str(SCREENSHOT))
