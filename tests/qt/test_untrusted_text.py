"""Text from the platform or a party is shown as the characters typed, never as markup.

A case whose title, description, messages, party names, offer, evidence titles, chat
log and record all hold HTML and script tags: every place the desk shows them must
show the tags literally.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.desk import Desk
from app.services.case_import import import_bundle
from tests.qt.helpers import wait_for_queue
from tests.support.bundles import bundle_variant, declare
from ui.case_queue_model import COLUMN_KEYS
from ui.chat_log_view import LINE_ROLE
from ui.main_window import MainWindow
from ui.qt import QComboBox, QLabel, QPlainTextEdit, Qt

TITLE = "<b>加粗</b><script>alert('title')</script>"
DESCRIPTION = '<img src="http://198.51.100.7/track.png">看不见的图片'
MESSAGE = '<a href="http://198.51.100.7/">点我退款</a> & <i>more</i>'
SHOP = "<u>暖冬</u>旗舰店"
EVIDENCE_TITLE = "<h1>大标题</h1>"
CHAT = "<script>document.cookie</script>你好"
RECORD = "<table><tr><td>1299</td></tr></table>"


def _hostile(document: dict, files: dict[str, bytes]) -> None:  # type: ignore[type-arg]
    case = document["case"]
    case["title"] = TITLE
    case["description"] = DESCRIPTION
    case["claim"]["text"] = MESSAGE
    for message in document["messages"]:
        message["text"] = MESSAGE
    merchant = document["parties"][1]
    merchant["display_name"] = SHOP
    merchant["shop"]["name"] = SHOP
    document["offers"][0]["text"] = MESSAGE
    document["history"][0]["text"] = MESSAGE
    document["order"]["items"][0]["title"] = TITLE
    document["order"]["shipment"]["events"][0]["text"] = MESSAGE
    for item in document["evidence"]:
        item["title"] = EVIDENCE_TITLE
        item["description"] = DESCRIPTION
    chat = json.dumps(
        [{"at": "2026-10-06T10:12:00+08:00", "from": "buyer", "text": CHAT}], ensure_ascii=False
    ).encode()
    files["E4"] = chat
    declare(document, "E4", chat)
    record = json.dumps({"order_id": RECORD, "paid": RECORD}, ensure_ascii=False).encode()
    files["E5"] = record
    declare(document, "E5", record)


@pytest.fixture()
def hostile_desk(desk: Desk, tmp_path: Path) -> Desk:
    bundle = bundle_variant(tmp_path, "hostile.zip", _hostile)
    with desk.unit_of_work() as uow:
        import_bundle(uow, bundle, "user:test")
        uow.commit()
    return desk


@pytest.fixture()
def window(qtbot, hostile_desk, ops_for, settings, show) -> MainWindow:  # type: ignore[no-untyped-def]
    window = show(MainWindow(ops_for(hostile_desk), settings), 1500, 1000)
    window.start()
    wait_for_queue(qtbot, window.queue.model)
    with qtbot.waitSignal(window.case_view.integrity_checked, timeout=15_000):
        window.queue.table.selectRow(0)
    return window


def _labels_showing_markup(window: MainWindow) -> list[QLabel]:
    return [
        label
        for label in window.findChildren(QLabel)
        if "<" in label.text() and label.textFormat() != Qt.TextFormat.PlainText
    ]


def test_the_queue_returns_the_title_as_typed(window) -> None:  # type: ignore[no-untyped-def]
    model = window.queue.model
    assert model.index(0, COLUMN_KEYS.index("title")).data() == TITLE
    assert model.index(0, COLUMN_KEYS.index("merchant")).data() == SHOP
    # Tooltips are rich text whenever they look like it: the desk escapes them.
    tooltip = model.index(0, COLUMN_KEYS.index("title")).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;加粗&lt;/b&gt;&lt;script&gt;" in tooltip and "<b>" not in tooltip


def test_every_label_in_the_case_file_shows_markup_literally(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.case_view.title.text() == TITLE
    texts = {label.text() for label in window.findChildren(QLabel)}
    assert TITLE in texts and DESCRIPTION in texts and MESSAGE in texts
    assert any(SHOP in text for text in texts)
    assert _labels_showing_markup(window) == []


def test_the_timeline_shows_messages_literally(window) -> None:  # type: ignore[no-untyped-def]
    timeline = window.case_view.timeline
    texts = [timeline.model.row_at(row).text for row in range(timeline.model.rowCount())]
    assert any(MESSAGE in text for text in texts)
    first_message = next(
        row for row in range(len(texts)) if timeline.model.row_at(row).kind == "message"
    )
    timeline.table.selectRow(first_message)
    assert isinstance(timeline.detail_text, QPlainTextEdit)
    assert MESSAGE in timeline.detail_text.toPlainText()


def test_evidence_titles_chat_and_records_show_markup_literally(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.case_view.show_tab(2)
    panel = window.case_view.evidence
    assert EVIDENCE_TITLE in panel.left.viewer.title_label.text()
    assert all(
        EVIDENCE_TITLE in panel.left.chooser.itemText(i) for i in range(panel.left.chooser.count())
    )

    with qtbot.waitSignal(panel.right.viewer.content_shown, timeout=10_000):
        panel.right.chooser.setCurrentIndex(panel.right.chooser.findData("E4"))
    chat = panel.right.viewer.chat_view.chat_model
    assert chat.index(0, 0).data(LINE_ROLE)[2] == CHAT

    with qtbot.waitSignal(panel.right.viewer.content_shown, timeout=10_000):
        panel.right.chooser.setCurrentIndex(panel.right.chooser.findData("E5"))
    tree = panel.right.viewer.record_view.tree.model()
    assert tree.index(0, 1).data() == RECORD
    assert _labels_showing_markup(window) == []
    assert all(
        not isinstance(box, QComboBox) or box.count() for box in window.findChildren(QComboBox)
    )
