"""The queue's table model: Qt's model rules, paging by key, SQL sorting and filtering."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.desk import Desk
from app.services.queue import (
    CATEGORY_ORDER,
    PRIORITY_ORDER,
    STATUS_ORDER,
    CaseSummary,
    QueueQuery,
    count,
    due_state,
    fetch_page,
)
from app.vocabulary import label_text
from tests.qt.conftest import LARGE_NOW
from tests.qt.helpers import fetch_everything, type_text, wait_for_count, wait_for_queue
from tests.qt.queue_at_scale import build_large_queue
from ui.case_queue_model import (
    CASE_ID_ROLE,
    COLUMN_KEYS,
    DUE_STATE_ROLE,
    CaseQueueModel,
)
from ui.case_queue_view import CaseQueueView
from ui.qt import QModelIndex, Qt

CASES = 1_200


@pytest.fixture(scope="module")
def queue_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_large_queue(tmp_path_factory.mktemp("queue") / "home", CASES, LARGE_NOW, seed=3)


@pytest.fixture()
def queue_desk(queue_home: Path) -> Iterator[Desk]:
    desk = Desk.open(queue_home, clock=FixedClock(LARGE_NOW))
    yield desk
    desk.close()


@pytest.fixture()
def model(queue_desk: Desk, ops_for) -> CaseQueueModel:  # type: ignore[no-untyped-def]
    return CaseQueueModel(ops_for(queue_desk), page_size=250)


def _rows(model: CaseQueueModel) -> list[CaseSummary]:
    return [model.case_at(row) for row in range(model.rowCount())]  # type: ignore[misc]


def _all_cases(desk: Desk) -> list[CaseSummary]:
    with desk.unit_of_work(read_only=True) as uow:
        return list(fetch_page(uow, QueueQuery(sort="id"), limit=CASES + 1).cases)


def test_the_queue_model_follows_qts_model_rules(qtbot, qtmodeltester, model) -> None:  # type: ignore[no-untyped-def]
    model.reload()
    wait_for_queue(qtbot, model)
    qtmodeltester.check(model, force_py=True)
    fetch_everything(qtbot, model)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == CASES


def test_the_queue_pages_by_key_without_gaps_or_repeats(qtbot, model, queue_desk) -> None:  # type: ignore[no-untyped-def]
    model.reload()
    wait_for_queue(qtbot, model)
    assert model.rowCount() == 250  # one page, not the whole queue
    fetch_everything(qtbot, model)
    ids = [case.id for case in _rows(model)]
    assert len(ids) == len(set(ids)) == CASES
    expected = sorted(
        _all_cases(queue_desk), key=lambda c: (c.due_at is None, c.due_at or LARGE_NOW, c.id)
    )
    assert ids == [case.id for case in expected]


def _rank(order: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return lambda value: order.index(value) if value in order else len(order)


SORT_KEYS = {
    "id": lambda c: c.id,
    "title": lambda c: c.title,
    "category": lambda c: _rank(CATEGORY_ORDER)(c.category),
    "status": lambda c: _rank(STATUS_ORDER)(c.status),
    "buyer": lambda c: c.buyer_name,
    "merchant": lambda c: c.merchant_name,
    "amount": lambda c: c.claim_amount,
    "due": lambda c: c.due_at,
    "priority": lambda c: _rank(PRIORITY_ORDER)(c.priority),
    "conflict": lambda c: 0 if c.in_conflict else 1,
}


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("column", COLUMN_KEYS)
def test_every_column_sorts_in_the_store_either_way(
    qtbot, model, queue_desk, column, descending
) -> None:  # type: ignore[no-untyped-def]
    model.reload()
    model.sort(
        COLUMN_KEYS.index(column),
        Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
    )
    fetch_everything(qtbot, model)
    shown = [case.id for case in _rows(model)]
    key = SORT_KEYS[column]
    with_value = [c for c in _all_cases(queue_desk) if key(c) is not None]
    without_value = [c for c in _all_cases(queue_desk) if key(c) is None]
    with_value.sort(key=lambda c: (key(c), c.id), reverse=descending)
    without_value.sort(key=lambda c: c.id, reverse=descending)
    # Cases lacking the value (no due date, no amount) come last either way.
    assert shown == [c.id for c in with_value + without_value]


def test_filters_by_status_category_and_due_state(qtbot, model, queue_desk) -> None:  # type: ignore[no-untyped-def]
    everything = _all_cases(queue_desk)
    model.reload()
    model.set_query(QueueQuery(status="in_mediation", category="logistics"))
    fetch_everything(qtbot, model)
    expected = {
        c.id for c in everything if c.status == "in_mediation" and c.category == "logistics"
    }
    assert expected and {c.id for c in _rows(model)} == expected
    assert wait_for_count(qtbot, model) == len(expected)

    for due in ("overdue", "due_soon"):
        model.set_query(QueueQuery(due=due))
        fetch_everything(qtbot, model)
        expected = {c.id for c in everything if due_state(c.due_at, c.status, LARGE_NOW) == due}
        assert expected and {c.id for c in _rows(model)} == expected

    model.set_query(QueueQuery(due="no_due"))
    fetch_everything(qtbot, model)
    assert {c.id for c in _rows(model)} == {c.id for c in everything if c.due_at is None}


def test_cells_are_plain_strings_with_overdue_and_due_soon_marked(qtbot, model) -> None:  # type: ignore[no-untyped-def]
    model.reload()
    fetch_everything(qtbot, model)
    due_column = COLUMN_KEYS.index("due")
    seen: set[str | None] = set()
    for row in range(model.rowCount()):
        case = model.case_at(row)
        assert case is not None
        for column in range(model.columnCount()):
            shown = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            assert isinstance(shown, str)
        index = model.index(row, due_column)
        state = index.data(DUE_STATE_ROLE)
        assert state == due_state(case.due_at, case.status, LARGE_NOW)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if state is not None:
            assert text.endswith(label_text("DueState", state))
            assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
        seen.add(state)
        assert model.index(row, 0).data(CASE_ID_ROLE) == case.id
    assert {"overdue", "due_soon", None} <= seen


@pytest.fixture()
def queue_view(queue_desk, ops_for, show) -> CaseQueueView:  # type: ignore[no-untyped-def]
    view = show(CaseQueueView(ops_for(queue_desk)))
    view.start()
    return view


def test_a_two_character_chinese_search_finds_its_cases(qtbot, queue_view, queue_desk) -> None:  # type: ignore[no-untyped-def]
    wait_for_queue(qtbot, queue_view.model)
    type_text(queue_view.search, "羊毛")
    assert queue_view.search.text() == "羊毛"
    total = wait_for_count(qtbot, queue_view.model)
    with queue_desk.unit_of_work(read_only=True) as uow:
        assert total == count(uow, QueueQuery(search="羊毛")) > 0
    fetch_everything(qtbot, queue_view.model)
    assert all("羊毛" in case.title for case in _rows(queue_view.model))
    assert queue_view.count_label.text().startswith(f"{total:,}")


def test_a_search_of_only_symbols_says_what_to_type(qtbot, queue_view) -> None:  # type: ignore[no-untyped-def]
    wait_for_queue(qtbot, queue_view.model)
    qtbot.keyClicks(queue_view.search, "(*)")
    qtbot.waitUntil(lambda: queue_view.hint_label.isVisible())
    assert "Type letters, digits or Chinese characters" in queue_view.hint_label.text()
    assert queue_view.model.rowCount() == 0
    queue_view.search.clear()
    wait_for_queue(qtbot, queue_view.model)
    assert queue_view.model.rowCount() > 0 and not queue_view.hint_label.isVisible()


def test_typing_fast_asks_the_store_only_for_the_latest_search(qtbot, model, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ui.case_queue_model as module

    asked: list[str | None] = []
    real = module.fetch_page

    def counting(uow, query, now, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("after") is None:
            asked.append(query.search)
        return real(uow, query, now, **kwargs)

    monkeypatch.setattr(module, "fetch_page", counting)
    model.reload()
    for typed in ("D", "DS", "DSP", "DSP-", "DSP-2", "DSP-20", "DSP-202", "DSP-2025"):
        model.set_query(QueueQuery(search=typed))
    wait_for_queue(qtbot, model)
    assert asked[-1] == "DSP-2025"
    assert len(asked) <= 3  # the first, perhaps one in flight, and the latest
    assert model.rowCount() > 0 and model.query.search == "DSP-2025"


def test_rows_stay_until_the_new_answer_arrives(qtbot, model) -> None:  # type: ignore[no-untyped-def]
    model.reload()
    wait_for_queue(qtbot, model)
    before = model.rowCount()
    with qtbot.waitSignal(model.modelReset, timeout=10_000):
        model.set_query(QueueQuery(status="open"))
        assert model.rowCount() == before  # no empty flash while the store answers
    assert all(case.status == "open" for case in _rows(model))
    assert not model.canFetchMore(QModelIndex()) or model.rowCount() == 250


def test_a_bug_while_paging_goes_to_the_bug_handler_once_and_loading_stops(
    qtbot, model, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import ui.case_queue_model as module
    from ui.messages import BugHandler
    from ui.qt import QApplication, QMessageBox

    handler = BugHandler(tmp_path / "logs")
    handler.install()
    try:
        model.reload()
        wait_for_queue(qtbot, model)
        shown = model.rowCount()

        def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
            raise KeyError("after")

        monkeypatch.setattr(module, "fetch_page", broken)
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
        assert len(handler.reports) == 1
        assert model.rowCount() == shown  # the rows already there stay
        assert not model.canFetchMore(QModelIndex())  # and it does not ask again and again
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        assert [box.windowTitle() for box in boxes] == ["Sorry, something went wrong"]
        for box in boxes:
            box.close()
    finally:
        handler.uninstall()
