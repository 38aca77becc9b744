"""The queue: search and filters above a table of every local case.

The table is a plain ``QTableView`` over :class:`CaseQueueModel`; sorting a column asks
the store for that order. Moving through the rows with the keyboard opens each case
after a short pause, so holding the arrow key does not read every case on the way.
"""

from __future__ import annotations

from app.errors import ValidationError
from app.services.queue import CATEGORY_ORDER, STATUS_ORDER, CaseSet, QueueQuery
from app.vocabulary import label_text
from ui.case_queue_model import CASE_ID_ROLE, COLUMN_KEYS, CaseQueueModel
from ui.operations import OpRunner
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QItemSelectionModel,
    QKeyEvent,
    QLineEdit,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import plain_label, row_table

# Opening a case waits this long after the current row changes (arrow keys held down).
OPEN_DELAY_MS = 120
ROW_HEIGHT = 26

DEFAULT_WIDTHS = {
    "id": 140,
    "title": 320,
    "category": 110,
    "status": 130,
    "buyer": 120,
    "merchant": 150,
    "amount": 100,
    "due": 200,
    "priority": 70,
    "conflict": 70,
}
# On a laptop (1366 px) every column fits when the title gives way down to this.
TITLE_MIN_WIDTH = 200


class CaseQueueView(QWidget):
    case_chosen = Signal(object)  # case id, or None when nothing is chosen
    case_activated = Signal(str)  # Enter or double-click: go to the case

    def __init__(self, ops: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseQueueModel(ops, self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.status_filter = QComboBox()
        self.category_filter = QComboBox()
        self.due_filter = QComboBox()
        for combo in (self.status_filter, self.category_filter, self.due_filter):
            combo.currentIndexChanged.connect(self._on_filter_changed)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = plain_label(selectable=False)
        self.count_label.setObjectName("countLabel")
        self.hint_label = plain_label(selectable=False)
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setVisible(False)
        # The cases of a dashboard figure, when one was clicked: said, and undone here.
        self.selection_label = plain_label(selectable=False)
        self.selection_label.setObjectName("selectionLabel")
        self.selection_clear = QToolButton()
        self.selection_clear.clicked.connect(lambda: self.show_cases(None))
        self.selection_bar = QWidget()
        selection = QHBoxLayout(self.selection_bar)
        selection.setContentsMargins(0, 0, 0, 0)
        selection.addWidget(self.selection_label, 1)
        selection.addWidget(self.selection_clear)
        self.selection_bar.setVisible(False)

        self.table = row_table(self.model)
        self.table.setObjectName("caseQueue")
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for key, width in DEFAULT_WIDTHS.items():
            header.resizeSection(COLUMN_KEYS.index(key), width)
        header.setSortIndicator(COLUMN_KEYS.index("due"), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # after the indicator: the store's default order
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.activated.connect(self._on_table_activated)

        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._on_open_timer_timeout)
        self._restore_case: str | None = None
        self.columns_restored = False  # the window restored a saved column layout
        self._opened_first = False

        self.model.count_changed.connect(self._on_model_count_changed)
        self.model.query_failed.connect(self._on_model_query_failed)
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.model.modelReset.connect(self._on_model_reset)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.category_filter)
        filters.addWidget(self.due_filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.selection_bar)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.category_filter)
        self.setTabOrder(self.category_filter, self.due_filter)
        self.setTabOrder(self.due_filter, self.table)
        self._retranslate()

    def _fit_title(self) -> None:
        """First run: the title takes the width the other columns leave (every column on
        screen down to a laptop's width; wider screens give the title the rest)."""
        header = self.table.horizontalHeader()
        title = COLUMN_KEYS.index("title")
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != title)
        scrollbar = self.table.verticalScrollBar().sizeHint().width()
        spare = self.table.width() - 2 * self.table.frameWidth() - scrollbar - others - 4
        header.resizeSection(title, max(TITLE_MIN_WIDTH, spare))

    # -- what the window asks ------------------------------------------------------------

    def start(self) -> None:
        self.model.reload()

    def refresh(self) -> None:
        """Ask the store again (after a sync), keeping the chosen case chosen."""
        self._restore_case = self.current_case_id()
        self.model.reload()

    def current_case_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(CASE_ID_ROLE) if index.isValid() else None

    def show_cases(
        self, cases: CaseSet | None, description: str = "", heading: str | None = None
    ) -> None:
        """Only ``cases`` (a dashboard figure's, or ``heading`` names whose), every other
        filter cleared; None: all."""
        controls = (self.search, self.status_filter, self.category_filter, self.due_filter)
        blockers = [control.blockSignals(True) for control in controls]
        self.search.clear()
        for combo in controls[1:]:
            combo.setCurrentIndex(0)  # type: ignore[attr-defined]
        for control, blocker in zip(controls, blockers, strict=True):
            control.blockSignals(blocker)
        self.selection_label.setText(
            heading
            if heading is not None
            else self.tr("Cases from the dashboard: %1").replace("%1", description)
        )
        self.selection_bar.setVisible(cases is not None)
        self.model.set_query(self._query_from_controls().with_changes(cases=cases))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- reacting ------------------------------------------------------------------------

    def _query_from_controls(self) -> QueueQuery:
        text = self.search.text().strip()
        return self.model.query.with_changes(
            search=text or None,
            status=self.status_filter.currentData(),
            category=self.category_filter.currentData(),
            due=self.due_filter.currentData() or "any",
        )

    def _on_search_text_changed(self, _text: str) -> None:
        self.model.set_query(self._query_from_controls())

    def _on_filter_changed(self, _index: int) -> None:
        self.model.set_query(self._query_from_controls())

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._open_timer.start()

    def _on_open_timer_timeout(self) -> None:
        self.case_chosen.emit(self.current_case_id())

    def _on_table_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self._open_timer.stop()
            self.case_chosen.emit(case_id)
            self.case_activated.emit(case_id)

    def _on_model_reset(self) -> None:
        self.hint_label.setVisible(False)

    def _on_model_page_loaded(self, _generation: int) -> None:
        if not self._opened_first and self.model.rowCount():
            # The desk opens on the top of the queue, ready for the keyboard.
            self._opened_first = True
            if not self.columns_restored:
                self._fit_title()
            if not self.table.currentIndex().isValid():
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(0, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        if self._restore_case is not None:
            row = self.model.row_of(self._restore_case)
            self._restore_case = None
            if row is not None:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        self._show_count()

    def _on_model_count_changed(self, _total: int) -> None:
        self._show_count()

    def _on_model_query_failed(self, error: Exception) -> None:
        if isinstance(error, ValidationError) and self.model.query.search:
            self.hint_label.setText(
                self.tr("Type letters, digits or Chinese characters to search.")
            )
        else:
            self.hint_label.setText(str(error))
        self.hint_label.setVisible(True)

    def _show_count(self) -> None:
        total = self.model.total
        if total is None and self.model.count_failed:
            self.count_label.setText(self.tr("Count unavailable"))
        elif total is None:
            self.count_label.setText(self.tr("Counting…"))
        else:
            self.count_label.setText(
                self.tr("%n case(s)", "", total).replace(str(total), f"{total:,}")
            )

    # -- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # From the search box straight into the results.
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.table.currentIndex().isValid() and self.model.rowCount():
                    self.table.selectionModel().setCurrentIndex(
                        self.model.index(0, 0),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                return True
        return super().eventFilter(watched, event)

    # -- words -----------------------------------------------------------------------------

    def _fill_combo(self, combo: QComboBox, entries: list[tuple[str, str | None]]) -> None:
        current = combo.currentData()
        blocker = combo.blockSignals(True)
        combo.clear()
        for text, value in entries:
            combo.addItem(text, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(blocker)

    def _retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search case number, title, party, order or tracking number  (Ctrl+F)")
        )
        self.search.setToolTip(self.tr("Two Chinese characters are enough, e.g. 羊毛"))
        self._fill_combo(
            self.status_filter,
            [(self.tr("All statuses"), None)]
            + [(label_text("CaseStatus", s), s) for s in STATUS_ORDER],
        )
        self._fill_combo(
            self.category_filter,
            [(self.tr("All categories"), None)]
            + [(label_text("Category", c), c) for c in CATEGORY_ORDER],
        )
        self._fill_combo(
            self.due_filter,
            [
                (self.tr("Any due date"), "any"),
                (self.tr("Overdue"), "overdue"),
                (self.tr("Due within 48 hours"), "due_soon"),
                (self.tr("No due date"), "no_due"),
            ],
        )
        self.selection_clear.setText(self.tr("Show all cases"))
        self.status_filter.setToolTip(self.tr("Status"))
        self.category_filter.setToolTip(self.tr("Category"))
        self.due_filter.setToolTip(self.tr("Due date"))
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
