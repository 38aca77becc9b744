"""Evidence side by side: two panes, each able to show any item of the case.

What mediators do most is put two pieces of evidence next to each other and decide who
is right. The panel opens on the pair the platform linked for comparison (an item's
``compare_with``: the photo of what arrived against the listing), keeps zoom and pan of
two photos in step, and can lay one photo over the other (overlay) or show them either
side of a divider that the mediator drags across (swipe).
"""

from __future__ import annotations

from typing import Literal

from app.services.case_file import CaseDetail, EvidenceView
from app.vocabulary import label_text
from ui.evidence_loading import LoadedImage
from ui.evidence_viewer import EvidenceViewer, PartyDirectory
from ui.image_compare_view import ImageBlendView, ViewState, ZoomLink
from ui.operations import OpRunner
from ui.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSize,
    QSlider,
    QSplitter,
    QStackedWidget,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import plain_label

CompareMode = Literal["side_by_side", "overlay", "swipe"]
MODES: tuple[CompareMode, ...] = ("side_by_side", "overlay", "swipe")


def default_pair(items: tuple[EvidenceView, ...]) -> tuple[str | None, str | None]:
    """The linked pair if there is one (reference left, the item compared right)."""
    ids = {item.evidence_id for item in items}
    for item in items:
        if item.compare_with and item.compare_with in ids:
            return item.compare_with, item.evidence_id
    if not items:
        return None, None
    if len(items) == 1:
        return items[0].evidence_id, None
    return items[0].evidence_id, items[1].evidence_id


def item_caption(item: EvidenceView) -> str:
    kind = label_text("EvidenceKind", item.kind)
    return f"{item.evidence_id} · {kind} · {item.title or item.filename}"


class EvidencePane(QWidget):
    """A chooser of any evidence item above the viewer that shows it."""

    item_chosen = Signal(str)

    def __init__(self, ops: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[EvidenceView, ...] = ()
        self._parties = PartyDirectory()
        self.chooser = QComboBox()
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(20)
        self.chooser.currentIndexChanged.connect(self._on_chooser_changed)
        self.viewer = EvidenceViewer(ops)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.chooser)
        layout.addWidget(self.viewer, 1)

    def set_items(self, items: tuple[EvidenceView, ...], parties: PartyDirectory) -> None:
        self._items = items
        self._parties = parties
        blocker = self.chooser.blockSignals(True)
        self.chooser.clear()
        for item in items:
            # QComboBox items are plain text.
            self.chooser.addItem(item_caption(item), item.evidence_id)
        self.chooser.blockSignals(blocker)

    def choose(self, evidence_id: str | None) -> None:
        index = self.chooser.findData(evidence_id) if evidence_id else -1
        blocker = self.chooser.blockSignals(True)
        self.chooser.setCurrentIndex(index)
        self.chooser.blockSignals(blocker)
        item = self._items[index] if 0 <= index < len(self._items) else None
        self.viewer.show_item(item, self._parties)

    @property
    def evidence_id(self) -> str | None:
        data = self.chooser.currentData()
        return str(data) if data else None

    def _on_chooser_changed(self, index: int) -> None:
        if 0 <= index < len(self._items):
            self.viewer.show_item(self._items[index], self._parties)
            self.item_chosen.emit(self._items[index].evidence_id)

    def retranslate(self) -> None:
        for index, item in enumerate(self._items):
            self.chooser.setItemText(index, item_caption(item))


class EvidenceComparePanel(QWidget):
    mode_changed = Signal(str)

    def __init__(self, ops: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: CaseDetail | None = None
        self.left = EvidencePane(ops)
        self.right = EvidencePane(ops)
        self.link = ZoomLink(self.left.viewer.image_view, self.right.viewer.image_view, self)

        self.mode_buttons: dict[CompareMode, QToolButton] = {}
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for mode in MODES:
            button = QToolButton()
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _checked=False, chosen=mode: self.set_mode(chosen))
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            bar.addWidget(button)
        self.mode_buttons["side_by_side"].setChecked(True)
        self.link_box = QCheckBox()
        self.link_box.setChecked(True)
        self.link_box.toggled.connect(self._on_link_box_toggled)
        self.pair_button = QPushButton()
        self.pair_button.clicked.connect(self._on_pair_button_clicked)
        self.blend_label = QLabel()
        self.blend_slider = QSlider(Qt.Orientation.Horizontal)
        self.blend_slider.setRange(0, 100)
        self.blend_slider.setValue(50)
        self.blend_slider.setFixedWidth(160)
        self.blend_slider.valueChanged.connect(self._on_blend_slider_moved)
        bar.addSpacing(12)
        bar.addWidget(self.link_box)
        bar.addSpacing(12)
        bar.addWidget(self.blend_label)
        bar.addWidget(self.blend_slider)
        bar.addStretch(1)
        bar.addWidget(self.pair_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.right)
        self.splitter.setChildrenCollapsible(False)
        self.blend_view = ImageBlendView()
        self.blend_view.divider_moved.connect(self._on_blend_view_divider_moved)
        self.blend_caption = plain_label(word_wrap=True)
        self.blend_caption.setStyleSheet("color: #475467;")
        blend_page = QWidget()
        blend_layout = QVBoxLayout(blend_page)
        blend_layout.setContentsMargins(0, 0, 0, 0)
        blend_layout.addWidget(self.blend_caption)
        blend_layout.addWidget(self.blend_view, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(blend_page)
        self.empty_label = plain_label(alignment=Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        for pane in (self.left, self.right):
            pane.viewer.image_changed.connect(self._on_viewer_image_changed)
            pane.viewer.content_shown.connect(self._on_viewer_content_shown)
        self.mode: CompareMode = "side_by_side"
        self._retranslate()
        self._update_controls()

    # -- what the case view asks ---------------------------------------------------------

    def show_case(self, detail: CaseDetail) -> None:
        self._detail = detail
        parties = PartyDirectory(
            {party.party_id: party.display_name for party in detail.parties},
            {party.party_id: party.role for party in detail.parties},
        )
        self.left.set_items(detail.evidence, parties)
        self.right.set_items(detail.evidence, parties)
        if not detail.evidence:
            self.left.choose(None)
            self.right.choose(None)
            self.stack.setCurrentIndex(2)
            self._update_controls()
            return
        first, second = default_pair(detail.evidence)
        self.set_mode("side_by_side")
        self.show_pair(first, second)

    def show_pair(self, left_id: str | None, right_id: str | None) -> None:
        self.left.choose(left_id)
        self.right.choose(right_id)
        self._update_controls()

    def show_item(self, evidence_id: str) -> None:
        """Open one item: in the right pane, against its linked reference if it has one."""
        if self._detail is None:
            return
        item = next((i for i in self._detail.evidence if i.evidence_id == evidence_id), None)
        if item is None:
            return
        self.set_mode("side_by_side")
        if item.compare_with:
            self.show_pair(item.compare_with, item.evidence_id)
        else:
            self.right.choose(evidence_id)
            self._update_controls()

    def clear(self) -> None:
        self._detail = None
        self.left.viewer.release()
        self.right.viewer.release()

    def set_integrity(self, states: dict[str, str]) -> None:
        for pane in (self.left, self.right):
            item = pane.viewer.item
            if item is not None and item.evidence_id in states:
                pane.viewer.set_integrity(item.evidence_id, states[item.evidence_id])

    def set_mode(self, mode: CompareMode) -> None:
        if mode != "side_by_side" and not self._both_images():
            mode = "side_by_side"
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        if mode == "side_by_side":
            self.stack.setCurrentIndex(0 if self._detail is None or self._detail.evidence else 2)
        else:
            self._fill_blend_view()
            self.blend_view.set_mode(mode)
            self.blend_view.set_state(self.left.viewer.image_view.state())
            if mode == "overlay":
                self.blend_slider.setValue(round(self.blend_view.opacity * 100))
            else:
                self.blend_slider.setValue(round(self.blend_view.divider * 100))
            self.stack.setCurrentIndex(1)
            self.blend_view.setFocus()
        self._update_controls()
        self.mode_changed.emit(mode)

    # -- internals -----------------------------------------------------------------------

    def _both_images(self) -> bool:
        return isinstance(self.left.viewer.loaded, LoadedImage) and isinstance(
            self.right.viewer.loaded, LoadedImage
        )

    def _linked_pair(self) -> tuple[str, str] | None:
        if self._detail is None:
            return None
        for item in self._detail.evidence:
            if item.compare_with:
                return item.compare_with, item.evidence_id
        return None

    def _fill_blend_view(self) -> None:
        first, second = self.left.viewer.loaded, self.right.viewer.loaded
        if isinstance(first, LoadedImage) and isinstance(second, LoadedImage):
            self.blend_view.set_images(
                first.image,
                QSize(first.facts.width, first.facts.height),
                second.image,
                QSize(second.facts.width, second.facts.height),
            )
            left_item, right_item = self.left.viewer.item, self.right.viewer.item
            if left_item and right_item:
                self.blend_caption.setText(
                    self.tr("Under: %1    Over: %2")
                    .replace("%1", item_caption(left_item))
                    .replace("%2", item_caption(right_item))
                )

    def _update_controls(self) -> None:
        both = self._both_images()
        for mode in ("overlay", "swipe"):
            self.mode_buttons[mode].setEnabled(both)
        blending = self.mode != "side_by_side"
        self.blend_label.setVisible(blending)
        self.blend_slider.setVisible(blending)
        self.link_box.setVisible(not blending)
        pair = self._linked_pair()
        self.pair_button.setVisible(pair is not None)
        if pair is not None:
            self.pair_button.setEnabled((self.left.evidence_id, self.right.evidence_id) != pair)
        if blending:
            self.blend_label.setText(
                self.tr("Opacity") if self.mode == "overlay" else self.tr("Divider")
            )

    def _on_viewer_image_changed(self) -> None:
        if self._both_images() and self.link_box.isChecked():
            self.link.align()
        if self.mode != "side_by_side":
            self._fill_blend_view()
        self._update_controls()

    def _on_viewer_content_shown(self, _page: str) -> None:
        if self.mode != "side_by_side" and not self._both_images():
            self.set_mode("side_by_side")
        self._update_controls()

    def _on_link_box_toggled(self, checked: bool) -> None:
        self.link.enabled = checked
        if checked:
            self.link.align()

    def _on_pair_button_clicked(self) -> None:
        pair = self._linked_pair()
        if pair is not None:
            self.show_pair(*pair)

    def _on_blend_slider_moved(self, value: int) -> None:
        if self.mode == "overlay":
            self.blend_view.set_opacity(value / 100)
        elif self.mode == "swipe":
            self.blend_view.set_divider(value / 100)

    def _on_blend_view_divider_moved(self, fraction: float) -> None:
        blocker = self.blend_slider.blockSignals(True)
        self.blend_slider.setValue(round(fraction * 100))
        self.blend_slider.blockSignals(blocker)

    def blend_state(self) -> ViewState:
        return self.blend_view.state()

    def _retranslate(self) -> None:
        names = {
            "side_by_side": self.tr("Side by side"),
            "overlay": self.tr("Overlay"),
            "swipe": self.tr("Swipe"),
        }
        for mode, button in self.mode_buttons.items():
            button.setText(names[mode])
        self.mode_buttons["overlay"].setToolTip(
            self.tr("Lay the right picture over the left one and fade between them")
        )
        self.mode_buttons["swipe"].setToolTip(
            self.tr("Show the left picture on one side of a divider and the right one on the other")
        )
        self.link_box.setText(self.tr("Keep zoom in step"))
        self.pair_button.setText(self.tr("Compare the linked pair"))
        self.pair_button.setToolTip(
            self.tr("The photo of what arrived, next to the listing it should match")
        )
        self.empty_label.setText(self.tr("This case has no evidence."))
        self.left.retranslate()
        self.right.retranslate()
        self._update_controls()
        if self.mode != "side_by_side":
            self._fill_blend_view()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
