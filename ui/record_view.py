"""A JSON record (order, transaction, logistics) as a readable table of its fields,
with the raw JSON one click away.

Nested objects and lists become expandable rows; lists of objects with the same fields
(shipment events, order items) read as numbered rows. Keys and values come from a party
or the platform and are shown as plain text in ``QStandardItem`` cells.
"""

from __future__ import annotations

from typing import Any

from ui.formatting import tooltip_text
from ui.qt import (
    QAbstractItemView,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QStandardItem,
    QStandardItemModel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

MAX_ROWS = 5000  # a record bigger than this is cut short in the table (raw JSON has all)


def _value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setToolTip((tooltip_text(text) or "") if len(text) > 40 else "")
    return item


def build_record_model(data: Any, parent: Any = None) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    model.setHorizontalHeaderLabels(
        [
            QCoreApplication.translate("RecordView", "Field"),
            QCoreApplication.translate("RecordView", "Value"),
        ]
    )
    budget = [MAX_ROWS]

    def add(parent_item: QStandardItem, key: str, value: Any) -> None:
        if budget[0] <= 0:
            return
        budget[0] -= 1
        name = _item(key)
        if isinstance(value, dict):
            parent_item.appendRow([name, _item("")])
            for child_key, child in value.items():
                add(name, str(child_key), child)
        elif isinstance(value, list):
            parent_item.appendRow([name, _item(f"[{len(value)}]")])
            for position, child in enumerate(value, start=1):
                add(name, f"#{position}", child)
        else:
            parent_item.appendRow([name, _item(_value_text(value))])

    root = model.invisibleRootItem()
    if isinstance(data, dict):
        for key, value in data.items():
            add(root, str(key), value)
    elif isinstance(data, list):
        for position, value in enumerate(data, start=1):
            add(root, f"#{position}", value)
    else:
        add(root, "", data)
    return model


class RecordView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: Any = None
        self.tree = QTreeView()
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.raw = QPlainTextEdit()
        self.raw.setReadOnly(True)
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.raw)
        self.raw_button = QPushButton()
        self.raw_button.setCheckable(True)
        self.raw_button.toggled.connect(self._on_raw_button_toggled)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.raw_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._retranslate()

    def show_record(self, data: Any, raw: str) -> None:
        self._data = data
        model = build_record_model(data, self.tree)
        old = self.tree.model()
        self.tree.setModel(model)
        if old is not None:
            old.deleteLater()
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.raw.setPlainText(raw)
        self.raw_button.setChecked(False)

    def _on_raw_button_toggled(self, checked: bool) -> None:
        self.stack.setCurrentIndex(1 if checked else 0)

    def _retranslate(self) -> None:
        self.raw_button.setText(self.tr("Raw JSON"))
        self.raw_button.setToolTip(self.tr("Show the file exactly as it was submitted"))
        if self._data is not None:
            self.show_record(self._data, self.raw.toPlainText())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
