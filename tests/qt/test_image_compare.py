"""Two photos side by side: zoom and pan in step, overlay and swipe for a linked pair."""

from __future__ import annotations

import pytest

from app.services.case_file import get_case
from ui.evidence_compare_panel import EvidenceComparePanel, default_pair
from ui.evidence_loading import LoadedImage
from ui.image_compare_view import ImageBlendView, ViewState, ZoomableImageView, ZoomLink
from ui.qt import QColor, QHBoxLayout, QImage, QPointF, QSize, Qt, QWidget


def _picture(width: int, height: int, colour: str) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


@pytest.fixture()
def two_views(show):  # type: ignore[no-untyped-def]
    holder = QWidget()
    layout = QHBoxLayout(holder)
    first, second = ZoomableImageView(), ZoomableImageView()
    layout.addWidget(first)
    layout.addWidget(second)
    show(holder, 1000, 500)
    # A small listing picture and a large photo: linking works on the picture, not pixels.
    first.set_image(_picture(960, 720, "#c8a27c"), QSize(960, 720))
    second.set_image(_picture(1500, 1000, "#b9ad8c"), QSize(6000, 4000))
    return first, second, ZoomLink(first, second, holder)


def test_linked_views_keep_zoom_and_pan_in_step(qtbot, two_views) -> None:  # type: ignore[no-untyped-def]
    first, second, _link = two_views
    first.zoom_by(3.0, QPointF(100, 100))
    assert second.state() == first.state()
    assert first.state().zoom == pytest.approx(3.0)
    first.horizontalScrollBar().setValue(first.horizontalScrollBar().value() + 40)  # a drag
    assert second.state() == first.state()
    second.zoom_by(0.5)
    assert first.state() == second.state()
    second.fit()
    assert first.state() == ViewState()


def test_unlinked_views_move_alone_and_line_up_again_when_linked(qtbot, two_views) -> None:  # type: ignore[no-untyped-def]
    first, second, link = two_views
    link.enabled = False
    first.zoom_by(2.0)
    assert second.state() == ViewState()
    link.enabled = True
    link.align()
    assert second.state() == first.state()


def test_keys_zoom_fit_and_show_actual_pixels(qtbot, two_views) -> None:  # type: ignore[no-untyped-def]
    first, second, _link = two_views
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Plus)
    assert first.state().zoom > 1
    qtbot.keyClick(first, Qt.Key.Key_1)
    assert first.scale_to_original() == pytest.approx(1.0)
    assert second.state() == first.state()
    qtbot.keyClick(first, Qt.Key.Key_0)
    assert first.state() == ViewState()


def test_zooming_past_the_decoded_size_asks_for_a_sharper_decode(qtbot, two_views) -> None:  # type: ignore[no-untyped-def]
    _first, second, _link = two_views
    with qtbot.waitSignal(second.detail_wanted, timeout=2000):
        second.zoom_by(4.0)


def test_blend_view_overlays_and_swipes_two_pictures(qtbot, show) -> None:  # type: ignore[no-untyped-def]
    blend = show(ImageBlendView(), 400, 300)
    blend.set_images(
        _picture(400, 300, "#ff0000"),
        QSize(400, 300),
        _picture(800, 600, "#0000ff"),
        QSize(800, 600),
    )
    blend.set_mode("swipe")
    blend.set_divider(0.5)
    grabbed = blend.grab().toImage()
    assert QColor(grabbed.pixel(100, 150)) == QColor("#ff0000")  # left of the divider: the first
    assert QColor(grabbed.pixel(300, 150)) == QColor("#0000ff")  # right of it: the second
    blend.set_mode("overlay")
    blend.set_opacity(0.5)
    mixed = QColor(blend.grab().toImage().pixel(100, 150))
    assert 100 < mixed.red() < 160 and 100 < mixed.blue() < 160


@pytest.fixture()
def panel(qtbot, examples_desk, ops, show):  # type: ignore[no-untyped-def]
    panel = show(EvidenceComparePanel(ops), 1400, 800)
    with examples_desk.unit_of_work(read_only=True) as uow:
        detail = get_case(uow, "DSP-2026-004711")
    panel.show_case(detail)
    qtbot.waitUntil(
        lambda: (
            isinstance(panel.left.viewer.loaded, LoadedImage)
            and isinstance(panel.right.viewer.loaded, LoadedImage)
        ),
        timeout=15_000,
    )
    return panel


def test_the_linked_pair_opens_side_by_side_listing_left_received_right(panel) -> None:  # type: ignore[no-untyped-def]
    assert (panel.left.evidence_id, panel.right.evidence_id) == ("E1", "E2")
    assert panel.mode == "side_by_side"
    assert panel.mode_buttons["overlay"].isEnabled() and panel.mode_buttons["swipe"].isEnabled()
    assert not panel.pair_button.isEnabled()  # already showing the linked pair


def test_overlay_and_swipe_show_the_pair_in_one_frame(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.mode_buttons["overlay"], Qt.MouseButton.LeftButton)
    assert panel.mode == "overlay"
    assert panel.stack.currentIndex() == 1
    assert panel.blend_slider.isVisible()
    panel.blend_slider.setValue(20)
    assert panel.blend_view.opacity == pytest.approx(0.2)
    qtbot.mouseClick(panel.mode_buttons["swipe"], Qt.MouseButton.LeftButton)
    panel.blend_slider.setValue(70)
    assert panel.blend_view.divider == pytest.approx(0.7)
    assert "E1" in panel.blend_caption.text() and "E2" in panel.blend_caption.text()
    qtbot.mouseClick(panel.mode_buttons["side_by_side"], Qt.MouseButton.LeftButton)
    assert panel.stack.currentIndex() == 0


def test_any_item_can_go_in_either_pane_and_the_pair_is_one_click_away(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.right.viewer.content_shown, timeout=10_000):
        panel.right.chooser.setCurrentIndex(panel.right.chooser.findData("E4"))
    assert panel.right.viewer.page == "chat"
    assert not panel.mode_buttons["overlay"].isEnabled()  # overlay needs two pictures
    assert panel.pair_button.isEnabled()
    with qtbot.waitSignal(panel.right.viewer.content_shown, timeout=10_000):
        qtbot.mouseClick(panel.pair_button, Qt.MouseButton.LeftButton)
    assert (panel.left.evidence_id, panel.right.evidence_id) == ("E1", "E2")


def test_the_default_pair_is_the_linked_one_else_the_first_two(examples_desk) -> None:  # type: ignore[no-untyped-def]
    with examples_desk.unit_of_work(read_only=True) as uow:
        wool = get_case(uow, "DSP-2026-004711")
        parcel = get_case(uow, "DSP-2026-009102")
    assert default_pair(wool.evidence) == ("E1", "E2")
    assert default_pair(parcel.evidence) == ("E1", "E2")
    assert default_pair(()) == (None, None)
