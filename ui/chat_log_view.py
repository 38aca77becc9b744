"""A chat log shown as a conversation: the buyer on the left, the merchant on the right,
the platform in the middle, each message with who said it and when.

The bubbles are painted by a delegate with ``QPainter.drawText`` — plain text by
construction, so a party's ``<b>`` or ``<script>`` is drawn as the characters typed.
"""

from __future__ import annotations

from typing import Any

from app.vocabulary import label_text
from ui.evidence_loading import ChatLine
from ui.formatting import local_time
from ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QColor,
    QCoreApplication,
    QFontMetrics,
    QListView,
    QModelIndex,
    QObject,
    QPainter,
    QPen,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QWidget,
)

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING = 8
GAP = 6
BUBBLE_SHARE = 0.72  # a bubble takes at most this share of the width

_COLOURS = {
    "left": (QColor("#eef4ff"), QColor("#c7d7fe")),
    "right": (QColor("#fdf2e9"), QColor("#f9dbaf")),
    "centre": (QColor("#f2f4f7"), QColor("#d0d5dd")),
}


def side_of(sender: str, roles: dict[str, str] | None = None) -> str:
    """Buyer left, merchant right, the platform and anyone else in the middle."""
    role = (roles or {}).get(sender, sender)
    if role == "buyer":
        return "left"
    if role == "merchant":
        return "right"
    return "centre"


class ChatLogModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[ChatLine, ...] = ()
        self._roles: dict[str, str] = {}
        self._names: dict[str, str] = {}

    def set_lines(
        self,
        lines: tuple[ChatLine, ...],
        roles: dict[str, str] | None = None,
        names: dict[str, str] | None = None,
    ) -> None:
        """``roles`` and ``names`` map party ids (P1) to their role and display name."""
        self.beginResetModel()
        self._lines = lines
        self._roles = roles or {}
        self._names = names or {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def sender_label(self, sender: str) -> str:
        if sender in ("buyer", "merchant"):
            return label_text("PartyRole", sender)
        if sender == "platform":
            return QCoreApplication.translate("ChatLogView", "Platform")
        name = self._names.get(sender)
        role = self._roles.get(sender)
        if name and role:
            return f"{name} ({label_text('PartyRole', role)})"
        return name or sender

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.text
        if role == LINE_ROLE:
            return (
                side_of(line.sender, self._roles),
                f"{self.sender_label(line.sender)}  ·  {local_time(line.at)}".strip(" ·"),
                line.text,
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.sender_label(line.sender)}: {line.text}"
        return None


class ChatBubbleDelegate(QStyledItemDelegate):
    def _bubble_width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget  # type: ignore[attr-defined]
        width = widget.viewport().width() if widget is not None else option.rect.width()  # type: ignore[attr-defined]
        return max(160, int(width * BUBBLE_SHARE))

    def _layout(self, option: QStyleOptionViewItem, header: str, text: str) -> tuple[int, int, int]:
        """Width of the text area, height of the header line and of the text."""
        metrics = QFontMetrics(option.font)  # type: ignore[attr-defined]
        width = self._bubble_width(option) - 2 * PADDING
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere)
        text_rect = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text or " ")
        header_width = metrics.horizontalAdvance(header)
        used = max(text_rect.width(), min(width, header_width))
        return used, metrics.height(), text_rect.height()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        _side, header, text = index.data(LINE_ROLE)
        width, header_height, text_height = self._layout(option, header, text)
        return QSize(width + 2 * PADDING, header_height + text_height + 2 * PADDING + GAP + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        side, header, text = index.data(LINE_ROLE)
        used, header_height, text_height = self._layout(option, header, text)
        rect: QRect = option.rect  # type: ignore[attr-defined]
        bubble_width = used + 2 * PADDING
        if side == "left":
            left = rect.left() + PADDING
        elif side == "right":
            left = rect.right() - PADDING - bubble_width
        else:
            left = rect.left() + (rect.width() - bubble_width) // 2
        bubble = QRect(left, rect.top() + GAP // 2, bubble_width, rect.height() - GAP)
        fill, border = _COLOURS[side]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.setPen(QPen(QColor("#2e90fa") if selected else border, 1.5 if selected else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(bubble, 8, 8)
        painter.setPen(QColor("#667085"))
        header_rect = QRect(bubble.left() + PADDING, bubble.top() + PADDING, used, header_height)
        painter.drawText(header_rect, int(Qt.AlignmentFlag.AlignLeft), header)
        painter.setPen(QColor("#101828"))
        text_rect = QRect(header_rect.left(), header_rect.bottom() + 2, used, text_height)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere)
        painter.drawText(text_rect, flags, text)
        painter.restore()


class ChatLogView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chat_model = ChatLogModel(self)
        self.setModel(self.chat_model)
        self.setItemDelegate(ChatBubbleDelegate(self))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setStyleSheet("QListView { background: #ffffff; }")
