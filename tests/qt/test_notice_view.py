"""The Notice tab: the preview beside its source with every removal highlighted, plain
text only, a Publish button for supervisors that runs the gate."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.clock import FixedClock
from app.desk import Desk
from app.services.outbox import list_outbox
from app.store import models as m
from app.vocabulary.catalog import current_language, set_language
from reports import render_notice
from tests.integration.documents.stored_cases import MEDIATOR, SUPERVISOR
from tests.integration.notices.stored_notices import CASE, LEAKY_FINDINGS, ruling_case
from tests.integration.notices.test_notices import _leaky_template
from tests.unit.documents.walks import START
from ui.notice_view import NoticeTab
from ui.operations import OpRunner

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "notice-tab.png"


def _desk(tmp_path: Path, findings: str, username: str | None) -> Desk:
    clock = FixedClock(START)
    desk = Desk.open(tmp_path / "home", clock=clock)
    ruling_case(desk, clock, tmp_path, findings)
    if username:
        with desk.unit_of_work() as uow:
            uow.session.add(m.SyncState(platform_url="https://p.test", username=username))
            uow.commit()
    return desk


@pytest.fixture()
def supervisor_desk(tmp_path: Path) -> Any:
    desk = _desk(tmp_path, LEAKY_FINDINGS, "wang.qiang")
    yield desk
    desk.close()


@pytest.fixture()
def in_chinese() -> Any:
    before = current_language()
    set_language("zh-Hans")
    yield
    set_language(before)


def _tab(qtbot: Any, desk: Desk, runner: Any, **options: Any) -> NoticeTab:
    tab = NoticeTab(OpRunner(desk, runner), lambda _uow: SUPERVISOR, **options)
    qtbot.addWidget(tab)
    tab.resize(1280, 820)
    tab.show()
    return tab


def test_the_preview_shows_source_and_notice_side_by_side_with_every_removal_marked(
    qtbot: Any, runner: Any, supervisor_desk: Desk, in_chinese: None
) -> None:
    tab = _tab(qtbot, supervisor_desk, runner)
    with qtbot.waitSignal(tab.preview_shown, timeout=20_000):
        tab.show_case_id(CASE)
    source, published = tab.source.toPlainText(), tab.published.toPlainText()
    assert "13800138000" in source and "13800138000" not in published
    assert "[电话已隐去]" in published and "张某" in published
    count = tab.model.rowCount()
    assert count >= 7
    # Every removal is marked on both sides: what went in the source, what stands in the notice.
    removed, replaced = tab.highlighted_text("source"), tab.highlighted_text("published")
    assert len(removed) == len(replaced) == count
    assert "13800138000" in removed and "[电话已隐去]" in replaced
    assert all(text.startswith("[") or "某" in text for text in replaced)
    kinds = {tab.model.item(row, 1).text() for row in range(count)}
    assert {"电话号码", "自然人姓名", "居民身份证号码", "详细地址", "订单号"} <= kinds
    assert "法释〔2016〕19号" in tab.model.item(0, 3).text()
    assert tab.publish_button.isVisible() and tab.publish_button.isEnabled()
    tab.redactions.setCurrentIndex(tab.model.index(1, 0))
    if os.environ.get("MEDIATION_DESK_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        tab.grab().save(str(SCREENSHOT))


def test_publish_runs_the_gate_and_queues_the_notice(
    qtbot: Any, runner: Any, supervisor_desk: Desk
) -> None:
    tab = _tab(qtbot, supervisor_desk, runner)
    with qtbot.waitSignal(tab.preview_shown, timeout=20_000):
        tab.show_case_id(CASE)
    with qtbot.waitSignal(tab.notice_changed, timeout=30_000):
        tab.publish()
    assert "N2" in tab.message_label.text()
    with supervisor_desk.unit_of_work(read_only=True) as uow:
        queued = [i for i in list_outbox(uow, CASE) if i.action_type == "publish_notice"]
    assert len(queued) == 1


def test_a_leaking_pdf_is_refused_on_the_desk_without_showing_the_value(
    qtbot: Any, runner: Any, supervisor_desk: Desk
) -> None:
    leaky = _leaky_template("如有异议请致电19912345678联系。")
    tab = _tab(qtbot, supervisor_desk, runner, render=lambda r: render_notice(r, leaky))
    with qtbot.waitSignal(tab.preview_shown, timeout=20_000):
        tab.show_case_id(CASE)
    with qtbot.waitSignal(tab.failure_shown, timeout=30_000) as failed:
        tab.publish()
    message = failed.args[0]
    assert "detector" in message and "19912345678" not in message
    with supervisor_desk.unit_of_work(read_only=True) as uow:
        assert [i for i in list_outbox(uow, CASE) if i.action_type == "publish_notice"] == []


def test_a_mediator_sees_no_publish_button(qtbot: Any, runner: Any, tmp_path: Path) -> None:
    desk = _desk(tmp_path, LEAKY_FINDINGS, "li.na")
    try:
        tab = NoticeTab(OpRunner(desk, runner), lambda _uow: MEDIATOR)
        qtbot.addWidget(tab)
        tab.show()
        with qtbot.waitSignal(tab.preview_shown, timeout=20_000):
            tab.show_case_id(CASE)
        assert not tab.publish_button.isVisible() and tab.draft_button.isEnabled()
    finally:
        from tests.qt.conftest import drain

        drain(runner)
        desk.close()


def test_untrusted_text_is_shown_as_the_characters_it_is(
    qtbot: Any, runner: Any, tmp_path: Path
) -> None:
    desk = _desk(tmp_path, "经查，<b>买家</b> &amp; 商家<script>x</script>协商未果。", None)
    try:
        tab = _tab(qtbot, desk, runner)
        with qtbot.waitSignal(tab.preview_shown, timeout=20_000):
            tab.show_case_id(CASE)
        assert "<b>买家</b> &amp; 商家<script>x</script>" in tab.published.toPlainText()
        assert "<b>买家</b>" in tab.source.toPlainText()
    finally:
        from tests.qt.conftest import drain

        drain(runner)
        desk.close()


def test_the_drafter_submits_the_full_notice_and_a_supervisor_publishes_the_reviewed_copy(
    qtbot: Any, runner: Any, tmp_path: Path
) -> None:
    """The two reviewed-notice steps from the tab (app/notices/reviewed.py): Submit for
    review on the drafter's desk; on a supervisor's, Publish takes the platform's
    reviewed copy (gated again) instead of drafting a shorter notice there."""
    from tests.qt.conftest import drain

    desk = _desk(tmp_path, LEAKY_FINDINGS, "li.na")
    try:
        tab = NoticeTab(OpRunner(desk, runner), lambda _uow: MEDIATOR)
        qtbot.addWidget(tab)
        tab.show()
        with qtbot.waitSignal(tab.preview_shown, timeout=20_000):
            tab.show_case_id(CASE)
        assert tab.submit_button.isVisible() and tab.submit_button.isEnabled()
        with qtbot.waitSignal(tab.notice_changed, timeout=30_000):
            tab.submit()
        assert "supervisor's review" in tab.message_label.text()
        with desk.unit_of_work(read_only=True) as uow:
            [submitted] = [i for i in list_outbox(uow, CASE) if i.action_type == "submit_document"]
        assert submitted.body["kind"] == "notice"
        drain(runner)
        tab.close()

        # The platform has the copy, approved; the supervisor works on this store now.
        with desk.unit_of_work() as uow:
            uow.session.query(m.SyncState).delete()
            uow.session.add(m.SyncState(platform_url="https://p.test", username="wang.qiang"))
            uow.session.add(
                m.Document(
                    case_id=CASE,
                    document_id="D5",
                    kind="notice",
                    sha256=submitted.body["sha256"],
                    size=desk.evidence.path_of(submitted.body["sha256"]).stat().st_size,
                    created_at=uow.clock.now(),
                    created_by=MEDIATOR,
                    status="approved",
                    reviews=[],
                    stored=True,
                )
            )
            uow.commit()
        tab = _tab(qtbot, desk, runner)
        with qtbot.waitSignal(tab.preview_shown, timeout=20_000):
            tab.show_case_id(CASE)
        assert not tab.submit_button.isVisible()
        assert "D5" in tab.state_label.text() and tab.publish_button.isEnabled()
        with qtbot.waitSignal(tab.notice_changed, timeout=30_000):
            tab.publish()
        assert "D5" in tab.message_label.text()
        with desk.unit_of_work(read_only=True) as uow:
            published = [i for i in list_outbox(uow, CASE) if i.action_type == "publish_notice"]
        assert [item.body for item in published] == [
            {"type": "publish_notice", "document_id": "D5"}
        ]
    finally:
        drain(runner)
        desk.close()
