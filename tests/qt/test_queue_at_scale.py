"""The queue over 100,000 cases: one page at a time, every case reachable, SQL doing the work.

No timings here (the benchmark measures them); these tests prove the queue stays
correct at the size where shortcuts — loading everything, sorting in Python — would
start to show.
"""

from __future__ import annotations

from app.services.queue import QueueQuery, count
from tests.qt.conftest import LARGE_COUNT
from tests.qt.helpers import type_text, wait_for_count, wait_for_queue
from ui.case_queue_model import COLUMN_KEYS, PAGE_SIZE
from ui.case_queue_view import CaseQueueView
from ui.qt import QModelIndex, Qt


def test_the_window_opens_a_hundred_thousand_cases_one_page_at_a_time(
    qtbot, large_desk, ops_for, show
) -> None:  # type: ignore[no-untyped-def]
    view = show(CaseQueueView(ops_for(large_desk)))
    view.start()
    assert wait_for_count(qtbot, view.model) == LARGE_COUNT
    assert view.model.rowCount() == PAGE_SIZE
    assert view.count_label.text().startswith("100,000")


def test_scrolling_to_the_end_reaches_every_case_exactly_once(
    qtbot, large_desk, ops_for, show
) -> None:  # type: ignore[no-untyped-def]
    view = show(CaseQueueView(ops_for(large_desk)), 1280, 600)
    view.start()
    model = view.model
    wait_for_queue(qtbot, model)
    pages = 1
    while model.canFetchMore(QModelIndex()):
        # What the end key does: the view asks the model for more when it reaches the end.
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda: not model.loading, timeout=30_000)
        pages += 1
        assert pages <= LARGE_COUNT // PAGE_SIZE + 2, "the queue keeps asking for more"
    ids = [model.case_at(row).id for row in range(model.rowCount())]  # type: ignore[union-attr]
    assert len(ids) == LARGE_COUNT
    assert len(set(ids)) == LARGE_COUNT


def test_search_and_sort_at_scale_are_answered_by_the_store(
    qtbot, large_desk, ops_for, show
) -> None:  # type: ignore[no-untyped-def]
    view = show(CaseQueueView(ops_for(large_desk)))
    view.start()
    wait_for_queue(qtbot, view.model)
    type_text(view.search, "羊毛")
    total = wait_for_count(qtbot, view.model)
    with large_desk.unit_of_work(read_only=True) as uow:
        assert total == count(uow, QueueQuery(search="羊毛"))
    assert 0 < total < LARGE_COUNT
    assert all("羊毛" in view.model.case_at(row).title for row in range(view.model.rowCount()))  # type: ignore[union-attr]

    view.search.clear()
    view.table.sortByColumn(COLUMN_KEYS.index("amount"), Qt.SortOrder.DescendingOrder)
    wait_for_queue(qtbot, view.model)
    amounts = [view.model.case_at(row).claim_amount for row in range(view.model.rowCount())]  # type: ignore[union-attr]
    assert amounts == sorted(amounts, reverse=True)
    with large_desk.unit_of_work(read_only=True) as uow:
        from sqlalchemy import func, select

        from app.store import models as m

        largest = uow.session.execute(select(func.max(m.Case.claim_amount))).scalar_one()
    assert amounts[0] == largest
