"""Small widgets the desk uses everywhere, made safe for untrusted text."""

from __future__ import annotations

from ui.qt import QAbstractItemModel, QAbstractItemView, QFrame, QLabel, Qt, QTableView, QWidget

# What a row of a read-only list (the queue, the timeline) allows: select it, nothing more.
READ_ONLY_ROW = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def row_table(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    """A table of read-only rows, one selected at a time, on one line each."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    return table


def plain_label(
    text: str = "",
    *,
    word_wrap: bool = False,
    alignment: Qt.AlignmentFlag | None = None,
    selectable: bool = True,
    parent: QWidget | None = None,
) -> QLabel:
    """A label that shows ``text`` literally: Qt would otherwise guess rich text from a ``<``."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(word_wrap)
    if alignment is not None:
        label.setAlignment(alignment)
    if selectable:
        # Mediators copy order and tracking numbers from here.
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def section_title(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = plain_label(text, selectable=False, parent=parent)
    label.setObjectName("sectionTitle")
    return label


def separator(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setObjectName("separator")
    return line
