"""The case queue as a Qt table model: pages by key, sorts and filters in SQL.

The model holds only the rows fetched so far (frozen ``CaseSummary`` objects, a page
of 500 at a time) and asks for the next page in ``fetchMore`` when the view scrolls
near the end. Every query is a :class:`~ui.operations.ReadOp` on the store's read thread; the GUI
thread only inserts the rows that arrive.

A new filter, search or sort starts a new *generation*. Results of older generations
are dropped, and while one first page is loading, further changes (fast typing in the
search box) only replace the query waiting behind it, so the store answers the latest
question next and never a queue of stale ones. The old rows stay on screen until the
new ones are there: no flash of an empty table on every keystroke.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.errors import DeskError
from app.services.queue import (
    CaseSummary,
    QueueKey,
    QueuePage,
    QueueQuery,
    SortColumn,
    count,
    due_state,
    fetch_page,
)
from app.vocabulary import format_money, label_text
from ui.formatting import local_time, one_line, tooltip_text
from ui.operations import OpRunner, ReadOp
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBrush,
    QColor,
    QCoreApplication,
    QFont,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from ui.tasks import Task
from ui.widgets import READ_ONLY_ROW

PAGE_SIZE = 500

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
DUE_STATE_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: SortColumn
    title: str  # translation source, context "CaseQueueModel"


COLUMNS = (
    Column("id", QT_TRANSLATE_NOOP("CaseQueueModel", "Case number")),
    Column("title", QT_TRANSLATE_NOOP("CaseQueueModel", "Title")),
    Column("category", QT_TRANSLATE_NOOP("CaseQueueModel", "Category")),
    Column("status", QT_TRANSLATE_NOOP("CaseQueueModel", "Status")),
    Column("buyer", QT_TRANSLATE_NOOP("CaseQueueModel", "Buyer")),
    Column("merchant", QT_TRANSLATE_NOOP("CaseQueueModel", "Merchant")),
    Column("amount", QT_TRANSLATE_NOOP("CaseQueueModel", "Claim")),
    Column("due", QT_TRANSLATE_NOOP("CaseQueueModel", "Due")),
    Column("priority", QT_TRANSLATE_NOOP("CaseQueueModel", "Priority")),
    Column("conflict", QT_TRANSLATE_NOOP("CaseQueueModel", "Conflict")),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)

OVERDUE_COLOUR = QColor("#b42318")
DUE_SOON_COLOUR = QColor("#b54708")
URGENT_COLOUR = QColor("#b42318")
QUIET_COLOUR = QColor("#667085")


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ANSWERED_ROLES = frozenset(
    {_DISPLAY, _FOREGROUND, _FONT, _ALIGNMENT, _TOOLTIP, CASE_ID_ROLE, SUMMARY_ROLE, DUE_STATE_ROLE}
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
OVERDUE_BRUSH = QBrush(OVERDUE_COLOUR)
DUE_SOON_BRUSH = QBrush(DUE_SOON_COLOUR)
URGENT_BRUSH = QBrush(URGENT_COLOUR)
QUIET_BRUSH = QBrush(QUIET_COLOUR)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseQueueModel", text)


def _settle_rows() -> None:
    """Tell the cyclic garbage collector to stop re-examining the rows already held.

    The queue keeps up to 100,000 rows for as long as the window is open; every full
    collection walked all of them (80 ms with the event loop stopped, on a queue scrolled
    to its end). Frozen objects are still freed by reference counting when the queue
    drops them; only the cycle search skips them.
    """
    gc.freeze()


class CaseQueueModel(QAbstractTableModel):
    """Rows of the queue for a ``QTableView``; plain strings only (nothing is rich text)."""

    page_loaded = Signal(int)  # generation whose page arrived
    count_changed = Signal(int)
    query_failed = Signal(object)  # the exception: a DeskError the user can act on
    loading_changed = Signal(bool)

    def __init__(
        self,
        ops: OpRunner,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._page_size = page_size
        self._now = now or ops.desk.clock.now
        self._query = QueueQuery()
        self._rows: list[CaseSummary] = []
        self._cells: dict[int, tuple[str, ...]] = {}  # display strings of rows painted so far
        self._after: QueueKey | None = None
        self._generation = 0
        self._shown_generation = -1
        self._first_page_task: Task | None = None
        self._first_page_generation = -1
        self._more_task: Task | None = None
        self._more_requests = 0  # which fetchMore is the latest
        self._count_task: Task | None = None
        self._total: int | None = None
        self.count_failed = False  # the latest count could not be made (the store said why)
        self._bold = QFont()
        self._bold.setBold(True)
        self._marked_now = self._now()
        self._started = False  # set_query before the first reload only remembers the query

    # -- what the rest of the desk asks -------------------------------------------------

    @property
    def query(self) -> QueueQuery:
        return self._query

    @property
    def total(self) -> int | None:
        """How many cases match the current query (None until counted)."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._first_page_task is not None or self._more_task is not None

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def shown_generation(self) -> int:
        """The generation whose rows are on screen (equals ``generation`` when current)."""
        return self._shown_generation

    def set_query(self, query: QueueQuery) -> None:
        if query != self._query:
            self._query = query
            if self._started:
                self.reload()

    def reload(self) -> None:
        """Ask again (after a sync, or when the query changed); rows stay until it answers."""
        self._started = True
        self._generation += 1
        if self._more_task is not None:
            self._more_task.cancel()
            self._more_task = None
        if self._count_task is not None:
            self._count_task.cancel()
            self._count_task = None
        if self._first_page_task is None:
            self._start_first_page()
        # else: the running first page is now stale; when it returns, the latest query starts.

    def case_at(self, row: int) -> CaseSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: str) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == case_id:
                return row
        return None

    def column_of(self, key: SortColumn) -> int:
        return COLUMN_KEYS.index(key)

    def retranslate(self) -> None:
        """The language changed: headers and cells are asked again."""
        self._cells.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )

    # -- Qt's model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _tr(COLUMNS[section].title)
            if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section].key == "amount":
                return _RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return READ_ONLY_ROW

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called thousands of times per paint: roles the model never answers leave first.
        if role not in _ANSWERED_ROLES:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows) or not 0 <= column < len(COLUMNS) or not index.isValid():
            return None
        if role == _DISPLAY:
            cells = self._cells.get(row)
            if cells is None:
                summary = self._rows[row]
                cells = self._cells[row] = tuple(self._display(summary, c.key) for c in COLUMNS)
            return cells[column]
        summary = self._rows[row]
        key = COLUMNS[column].key
        if role == _FOREGROUND:
            return self._foreground(summary, key)
        if role == _FONT:
            if key == "due" and self._due(summary) == "overdue":
                return self._bold
            if key == "priority" and summary.priority == "urgent":
                return self._bold
            return None
        if role == _ALIGNMENT:
            return _RIGHT if key == "amount" else None
        if role == _TOOLTIP:
            return self._tooltip(summary, key)
        if role == CASE_ID_ROLE:
            return summary.id
        if role == SUMMARY_ROLE:
            return summary
        if role == DUE_STATE_ROLE:
            return self._due(summary)
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return (
            not parent.isValid()
            and self._after is not None
            and self._more_task is None
            and self._first_page_task is None
            and self._shown_generation == self._generation
        )

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        generation, query, after = self._generation, self._query, self._after
        now, limit = self._marked_now, self._page_size
        self._more_requests += 1
        request = self._more_requests
        self._more_task = (
            ReadOp(
                self._ops, lambda uow, _op: fetch_page(uow, query, now, limit=limit, after=after)
            )
            .in_pool("reads", priority=1)
            .success(lambda page: self._on_more_loaded(generation, page))
            .failure(lambda error: self._on_more_failed(generation, error))
            .finished(lambda: self._on_more_ended(request))
            .run()
        )
        self.loading_changed.emit(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_query(
                self._query.with_changes(
                    sort=COLUMNS[column].key, descending=order == Qt.SortOrder.DescendingOrder
                )
            )

    # -- loading ---------------------------------------------------------------------

    def _start_first_page(self) -> None:
        generation, query = self._generation, self._query
        now, limit = self._now(), self._page_size

        def read(uow: Any, _op: Any) -> tuple[QueuePage, datetime]:
            return fetch_page(uow, query, now, limit=limit), now

        self._first_page_generation = generation
        self._first_page_task = (
            ReadOp(self._ops, read)
            .in_pool("reads", priority=2)
            .success(lambda result: self._on_first_page_loaded(generation, result))
            .failure(lambda error: self._on_first_page_failed(generation, error))
            .finished(lambda: self._on_first_page_ended(generation))
            .run()
        )
        self.loading_changed.emit(True)

    def _start_count(self) -> None:
        generation, query, now = self._generation, self._query, self._marked_now
        self.count_failed = False
        self._count_task = (
            ReadOp(self._ops, lambda uow, _op: count(uow, query, now))
            .in_pool("counting")
            .success(lambda total: self._on_count_done(generation, total))
            # The pages say what went wrong; the header stops saying "Counting…".
            .failure(lambda _error: self._on_count_failed(generation))
            .finished(lambda: self._on_count_ended(generation))
            .run()
        )

    def _first_page_settled(self, generation: int) -> bool:
        """Forget the finished first page; True if it is still the one wanted."""
        self._first_page_task = None
        if generation != self._generation:
            self._start_first_page()  # the query changed meanwhile: ask the latest one
            return False
        self.loading_changed.emit(self.loading)
        return True

    def _on_first_page_loaded(self, generation: int, result: tuple[QueuePage, datetime]) -> None:
        if not self._first_page_settled(generation):
            return
        page, now = result
        self.beginResetModel()
        self._cells.clear()
        self._rows = list(page.cases)
        self._after = page.after
        self._marked_now = now
        self._shown_generation = generation
        self._total = len(self._rows) if page.after is None else None
        self.endResetModel()
        self.page_loaded.emit(generation)
        if page.after is None:
            self.count_changed.emit(len(self._rows))
        else:
            self._start_count()

    def _on_first_page_failed(self, generation: int, error: DeskError) -> None:
        if not self._first_page_settled(generation):
            return
        # An expected refusal (a search of only symbols): nothing matches; say why.
        self.beginResetModel()
        self._cells.clear()
        self._rows, self._after, self._total = [], None, 0
        self._shown_generation = generation
        self.endResetModel()
        self.count_changed.emit(0)
        self.query_failed.emit(error)

    def _on_more_loaded(self, generation: int, page: QueuePage) -> None:
        if generation == self._generation and generation == self._shown_generation:
            # The key moves first and the task is forgotten last: a view that asks for
            # more while it hears about these rows gets nothing twice.
            self._after = page.after
            if page.cases:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page.cases) - 1)
                self._rows.extend(page.cases)
                self.endInsertRows()
                _settle_rows()
            self._more_task = None
            self.loading_changed.emit(self.loading)
            self.page_loaded.emit(generation)
        else:
            self._more_task = None
            self.loading_changed.emit(self.loading)

    def _on_more_failed(self, generation: int, error: DeskError) -> None:
        self._more_task = None
        self.loading_changed.emit(self.loading)
        if generation == self._generation:
            self._after = None  # stop asking; the message says what went wrong
            self.query_failed.emit(error)

    def _on_first_page_ended(self, generation: int) -> None:
        # After a bug (the bug handler has it) neither handler ran: stop loading all the same.
        if (
            self._first_page_task is not None
            and self._first_page_generation == generation
            and self._first_page_settled(generation)
        ):
            self._after = None

    def _on_more_ended(self, request: int) -> None:
        if self._more_task is not None and request == self._more_requests:
            self._more_task = None
            self._after = None
            self.loading_changed.emit(self.loading)

    def _on_count_done(self, generation: int, total: int) -> None:
        self._count_task = None
        if generation == self._generation:
            self.count_failed = False
            self._total = total
            self.count_changed.emit(total)

    def _on_count_failed(self, generation: int) -> None:
        if generation == self._generation:
            self.count_failed = True
            self.count_changed.emit(-1)

    def _on_count_ended(self, generation: int) -> None:
        if generation == self._generation:
            self._count_task = None

    # -- cells -------------------------------------------------------------------------

    def _due(self, summary: CaseSummary) -> str | None:
        return due_state(summary.due_at, summary.status, self._marked_now)

    def _display(self, summary: CaseSummary, key: str) -> str:
        if key == "id":
            return summary.id
        if key == "title":
            return one_line(summary.title)
        if key == "category":
            return label_text("Category", summary.category)
        if key == "status":
            return label_text("CaseStatus", summary.status)
        if key == "buyer":
            return one_line(summary.buyer_name)
        if key == "merchant":
            return one_line(summary.merchant_name)
        if key == "amount":
            if summary.claim_amount is None or summary.claim_currency is None:
                return ""
            return format_money(summary.claim_amount, summary.claim_currency)
        if key == "due":
            when = local_time(summary.due_at)
            state = self._due(summary)
            return f"{when} · {label_text('DueState', state)}" if state else when
        if key == "priority":
            return label_text("Priority", summary.priority)
        if key == "conflict":
            return (
                QCoreApplication.translate("CaseQueueModel", "Conflict")
                if summary.in_conflict
                else ""
            )
        return ""

    def _tooltip(self, summary: CaseSummary, key: str) -> str | None:
        if key == "title":
            flags = ", ".join(label_text("Flag", flag) for flag in summary.flags)
            return tooltip_text("\n".join(filter(None, [summary.title, flags])))
        if key == "category":
            return (
                f"{label_text('Category', summary.category)} — "
                f"{label_text('Reason', summary.reason)}"
            )
        if key == "conflict" and summary.in_conflict:
            return QCoreApplication.translate(
                "CaseQueueModel", "The platform and this desk changed the case at the same time."
            )
        if key in ("buyer", "merchant"):
            return tooltip_text(summary.buyer_name if key == "buyer" else summary.merchant_name)
        return None

    def _foreground(self, summary: CaseSummary, key: str) -> QBrush | None:
        if key == "due":
            state = self._due(summary)
            if state == "overdue":
                return OVERDUE_BRUSH
            if state == "due_soon":
                return DUE_SOON_BRUSH
        elif key == "priority":
            if summary.priority == "urgent":
                return URGENT_BRUSH
            if summary.priority == "normal":
                return QUIET_BRUSH
        elif key == "conflict" and summary.in_conflict:
            return OVERDUE_BRUSH
        elif key == "id":
            return QUIET_BRUSH
        return None
