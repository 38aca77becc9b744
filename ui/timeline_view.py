"""One timeline of the case: messages, shipment events, offers and answers, and history,
merged in time order, with the full text of the chosen line below.

``app.services.case_file.build_timeline`` merges the same parts for the command line,
but spells the codes (``partial_refund``, ``picked_up``) into its summaries; the desk
needs them translated, so it builds its rows here from the same frozen parts with the
same ordering rule (time, then messages, shipment, offers, history).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.services.case_file import CaseDetail
from app.vocabulary import format_money, label_text
from ui.formatting import local_time, one_line, tooltip_text
from ui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBrush,
    QColor,
    QComboBox,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPlainTextEdit,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.widgets import READ_ONLY_ROW, plain_label, row_table

KIND_COLOURS = {
    "message": QColor("#175cd3"),
    "shipment": QColor("#067647"),
    "offer": QColor("#b54708"),
    "response": QColor("#b54708"),
    "history": QColor("#475467"),
}


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    kind: str  # message | shipment | offer | response | history
    who: str
    text: str  # full text (plain); the table shows it on one line


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineView", text)


def timeline_rows(detail: CaseDetail) -> list[TimelineRow]:
    """The case's events in time order, in the user's language."""
    rows: list[TimelineRow] = []
    for message in detail.messages:
        channel = label_text("MessageChannel", message.channel)
        rows.append(
            TimelineRow(message.at, "message", message.sender_name, f"[{channel}] {message.text}")
        )
    for event in detail.order.shipment_events:
        status = label_text("ShipmentStatus", event.status)
        text = " — ".join(filter(None, [status, event.text]))
        rows.append(TimelineRow(event.at, "shipment", event.location or "", text))
    for offer in detail.offers:
        amount = format_money(offer.amount.value, offer.amount.currency) if offer.amount else ""
        head = " ".join(filter(None, [label_text("Remedy", offer.remedy), amount]))
        state = label_text("OfferStatus", offer.status)
        text = f"{head} ({state})" + (f": {offer.text}" if offer.text else "")
        rows.append(TimelineRow(offer.at, "offer", offer.proposed_by_name, text))
        for response in offer.responses:
            decision = label_text("ResponseDecision", response.decision)
            answer = f"{decision}: {response.text}" if response.text else decision
            rows.append(TimelineRow(response.at, "response", response.party_name, answer))
    for event in detail.history:
        name = label_text("HistoryEvent", event.event)
        text = f"{name}: {event.text}" if event.text else name
        who = (
            QCoreApplication.translate("TimelineView", "Platform")
            if event.actor == "platform"
            else event.actor_name
        )
        rows.append(TimelineRow(event.at, "history", who, text))
    rows.sort(key=lambda row: row.at)  # stable: same moment keeps the order above
    return rows


COLUMN_TITLES = (
    QT_TRANSLATE_NOOP("TimelineView", "Time"),
    QT_TRANSLATE_NOOP("TimelineView", "Kind"),
    QT_TRANSLATE_NOOP("TimelineView", "Who"),
    QT_TRANSLATE_NOOP("TimelineView", "What"),
)


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[TimelineRow] = []
        self._rows: list[TimelineRow] = []
        self._kinds: frozenset[str] | None = None

    def set_rows(self, rows: list[TimelineRow]) -> None:
        self.beginResetModel()
        self._all = rows
        self._rows = self._filtered()
        self.endResetModel()

    def set_kinds(self, kinds: frozenset[str] | None) -> None:
        self.beginResetModel()
        self._kinds = kinds
        self._rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[TimelineRow]:
        if self._kinds is None:
            return list(self._all)
        return [row for row in self._all if row.kind in self._kinds]

    def row_at(self, row: int) -> TimelineRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMN_TITLES)
        ):
            return _tr(COLUMN_TITLES[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return READ_ONLY_ROW

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(COLUMN_TITLES):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return local_time(row.at)
            if column == 1:
                return label_text("TimelineKind", row.kind)
            if column == 2:
                return one_line(row.who, 60)
            return one_line(row.text)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return tooltip_text(row.text) if len(row.text) > 60 else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(KIND_COLOURS.get(row.kind, QColor("#475467")))
        return None


KIND_FILTERS = (
    ("all", QT_TRANSLATE_NOOP("TimelineView", "Everything"), None),
    ("message", QT_TRANSLATE_NOOP("TimelineView", "Messages"), frozenset({"message"})),
    ("shipment", QT_TRANSLATE_NOOP("TimelineView", "Shipment"), frozenset({"shipment"})),
    (
        "offer",
        QT_TRANSLATE_NOOP("TimelineView", "Offers and answers"),
        frozenset({"offer", "response"}),
    ),
    ("history", QT_TRANSLATE_NOOP("TimelineView", "History"), frozenset({"history"})),
)


class TimelineView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: CaseDetail | None = None
        self.model = TimelineModel(self)
        self.table = row_table(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(2, 160)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._on_table_current_changed)
        self.kind_filter = QComboBox()
        self.kind_filter.currentIndexChanged.connect(self._on_kind_filter_changed)
        self.detail_text = QPlainTextEdit()
        self.detail_text.setReadOnly(True)
        self.detail_text.setMaximumHeight(140)
        self.filter_label = plain_label(selectable=False)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_label)
        bar.addWidget(self.kind_filter)
        bar.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_text)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._retranslate()

    def show_case(self, detail: CaseDetail | None) -> None:
        self._detail = detail
        self.model.set_rows(timeline_rows(detail) if detail else [])
        self.detail_text.setPlainText("")
        if self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(self.model.rowCount() - 1, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is None:
            self.detail_text.setPlainText("")
            return
        kind = label_text("TimelineKind", row.kind)
        self.detail_text.setPlainText(f"{local_time(row.at)} · {kind} · {row.who}\n\n{row.text}")

    def _on_kind_filter_changed(self, index: int) -> None:
        if 0 <= index < len(KIND_FILTERS):
            self.model.set_kinds(KIND_FILTERS[index][2])

    def _retranslate(self) -> None:
        self.filter_label.setText(self.tr("Show"))
        current = max(0, self.kind_filter.currentIndex())
        blocker = self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        for _key, title, _kinds in KIND_FILTERS:
            self.kind_filter.addItem(_tr(title))
        self.kind_filter.setCurrentIndex(current)
        self.kind_filter.blockSignals(blocker)
        if self._detail is not None:
            self.show_case(self._detail)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMN_TITLES) - 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
