"""Small widgets the desk uses everywhere, made safe for untrusted text."""

from __future__ import annotations

from ui.qt import QFrame, QLabel, Qt, QWidget


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
