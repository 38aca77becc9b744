"""Looking at photos closely: zoom and pan, two views kept in step, overlay and swipe.

A view's position is a :class:`ViewState` that does not depend on the image's pixel
size — zoom relative to "fit in the window" and the centre as a fraction of the image —
so a 960-pixel listing picture and a 24-megapixel photo of the item received show the
same part of the picture at the same relative size when their views are linked.

The scene is always in the *original* image's pixels: a picture decoded smaller (the
quick first decode) is scaled up in the scene, and the sharper decode that replaces it
when the user zooms in lands in exactly the same place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ui.qt import (
    QColor,
    QCoreApplication,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QObject,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPointF,
    QRectF,
    QResizeEvent,
    QSize,
    Qt,
    QTransform,
    QWheelEvent,
    QWidget,
    Signal,
)

MIN_ZOOM = 0.1  # relative to fit
MAX_ZOOM = 64.0
WHEEL_STEP = 1.25


@dataclass(frozen=True)
class ViewState:
    zoom: float = 1.0  # 1.0: the whole picture fits the window
    centre_x: float = 0.5  # fraction of the picture's width
    centre_y: float = 0.5


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


class ZoomableImageView(QGraphicsView):
    """One picture with wheel zoom under the mouse, drag to pan, and keys (+ − 0 1)."""

    view_changed = Signal(object)  # ViewState, after the user zoomed or panned
    scale_changed = Signal()  # the picture is shown at another scale (by the user or a link)
    detail_wanted = Signal()  # the user zoomed past the decoded resolution

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setBackgroundBrush(QColor("#f2f4f7"))
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._original = QSize()
        self._decoded_width = 0
        self._state = ViewState()
        self._applying = False
        self._detail_asked = False
        self._follow_width = False  # fit_width until the user zooms another way
        self._width_top = 0.0  # while following the width: the top line, in picture pixels
        self.horizontalScrollBar().valueChanged.connect(self._on_scrollbar_moved)
        self.verticalScrollBar().valueChanged.connect(self._on_scrollbar_moved)

    # -- the picture -------------------------------------------------------------------

    def has_image(self) -> bool:
        return not self._original.isEmpty()

    def set_image(self, image: QImage, original: QSize, *, keep_view: bool = False) -> None:
        """Show ``image`` (perhaps decoded smaller) as a picture of ``original`` pixels."""
        self._item.setPixmap(QPixmap.fromImage(image))
        self._decoded_width = image.width()
        self._original = QSize(original)
        self._item.setScale(original.width() / max(1, image.width()))
        self._scene.setSceneRect(QRectF(0, 0, original.width(), original.height()))
        if not keep_view:
            self._state = ViewState()
            self._detail_asked = False
            self._follow_width = False
        self._apply()

    def clear(self) -> None:
        self._item.setPixmap(QPixmap())
        self._original = QSize()
        self._decoded_width = 0
        self._state = ViewState()

    @property
    def decoded_width(self) -> int:
        return self._decoded_width

    # -- position --------------------------------------------------------------------

    def state(self) -> ViewState:
        return self._state

    def set_state(self, state: ViewState) -> None:
        """Move to ``state`` without reporting it back (used by the linked view)."""
        self._state = state
        self._apply()

    def scale_to_original(self) -> float:
        """Screen pixels per original pixel (1.0 is "100 %")."""
        return self._fit_scale() * self._state.zoom

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        if not self.has_image():
            return
        self._follow_width = False
        old = self._state
        zoom = _clamp(old.zoom * factor, MIN_ZOOM, MAX_ZOOM)
        centre_x, centre_y = old.centre_x, old.centre_y
        if anchor is not None:
            # Keep the point under the mouse where it is.
            width, height = self._original.width(), self._original.height()
            under = self.mapToScene(anchor.toPoint())
            view_centre = QPointF(self.viewport().width() / 2, self.viewport().height() / 2)
            offset = anchor - view_centre
            scale = self._fit_scale() * zoom
            centre_x = (under.x() - offset.x() / scale) / width
            centre_y = (under.y() - offset.y() / scale) / height
        self._set_by_user(ViewState(zoom, _clamp(centre_x, 0, 1), _clamp(centre_y, 0, 1)))

    def fit(self) -> None:
        self._follow_width = False
        self._set_by_user(ViewState())

    def fit_width(self) -> None:
        """The picture's width across the window and its top in view: a page to read.

        Kept as the window changes size (a pane resized, a tab shown), with the same line
        at the top, until the user zooms some other way."""
        self._follow_width = True
        self._width_top = 0.0
        self._fit_width_now()

    def _fit_width_now(self) -> None:
        if self._original.isEmpty():
            return
        fit = self._fit_scale()
        viewport = self.maximumViewportSize()
        # A page taller than the window has a vertical scroll bar: leave it its room.
        bar = self.verticalScrollBar().sizeHint().width() + 1
        across = (viewport.width() - bar) / self._original.width()
        if fit <= 0 or across <= 0:
            return
        height = self._original.height()
        half = viewport.height() / across / 2 / height  # half the window, as a fraction
        centre_y = _clamp(self._width_top / height + half, min(0.5, half), max(0.5, 1 - half))
        state = ViewState(max(1.0, across / fit), 0.5, centre_y)
        self._state = state
        self._apply()
        self.view_changed.emit(state)

    def actual_size(self) -> None:
        self._follow_width = False
        fit = self._fit_scale()
        if fit > 0:
            self._set_by_user(ViewState(1.0 / fit, self._state.centre_x, self._state.centre_y))

    def _fit_scale(self) -> float:
        if self._original.isEmpty():
            return 1.0
        # The area as if there were no scroll bars: a scroll bar that comes or goes must
        # not change the scale (it would make the other one come or go, for ever).
        viewport = self.maximumViewportSize()
        return min(
            viewport.width() / self._original.width(), viewport.height() / self._original.height()
        )

    def _apply(self) -> None:
        if self._original.isEmpty():
            return
        self._applying = True
        try:
            scale = self.scale_to_original()
            self.setTransform(QTransform.fromScale(scale, scale))
            self.centerOn(
                self._state.centre_x * self._original.width(),
                self._state.centre_y * self._original.height(),
            )
        finally:
            self._applying = False
        self.scale_changed.emit()
        self._want_detail_if_needed()

    def _set_by_user(self, state: ViewState) -> None:
        self._state = state
        self._apply()
        self.view_changed.emit(state)

    def _want_detail_if_needed(self) -> None:
        shown_width = self._original.width() * self.scale_to_original()
        if (
            not self._detail_asked
            and self._decoded_width
            and shown_width > self._decoded_width * 1.1
        ):
            self._detail_asked = True
            self.detail_wanted.emit()

    # -- events ----------------------------------------------------------------------

    def _on_scrollbar_moved(self, _value: int) -> None:
        if self._applying or self._original.isEmpty():
            return
        centre = self.mapToScene(self.viewport().rect().center())
        state = ViewState(
            self._state.zoom,
            _clamp(centre.x() / self._original.width(), 0, 1),
            _clamp(centre.y() / self._original.height(), 0, 1),
        )
        if state != self._state:
            self._state = state
            if self._follow_width:  # read on from here when the window changes size
                top = self.mapToScene(self.viewport().rect().topLeft()).y()
                self._width_top = max(0.0, top)
            self.view_changed.emit(state)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(WHEEL_STEP**steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(WHEEL_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / WHEEL_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_1:
            self.actual_size()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._follow_width:
            self._fit_width_now()
        else:
            self._apply()


class ZoomLink(QObject):
    """Keeps two views showing the same part of their pictures while enabled."""

    def __init__(
        self, first: ZoomableImageView, second: ZoomableImageView, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._views = (first, second)
        self.enabled = True
        first.view_changed.connect(self._on_first_view_changed)
        second.view_changed.connect(self._on_second_view_changed)

    def _on_first_view_changed(self, state: ViewState) -> None:
        if self.enabled and self._views[1].has_image():
            self._views[1].set_state(state)

    def _on_second_view_changed(self, state: ViewState) -> None:
        if self.enabled and self._views[0].has_image():
            self._views[0].set_state(state)

    def align(self) -> None:
        """Bring the second view to the first one's position (when linking is switched on)."""
        if self._views[0].has_image() and self._views[1].has_image():
            self._views[1].set_state(self._views[0].state())


BlendMode = Literal["overlay", "swipe"]


class ImageBlendView(QWidget):
    """Two pictures in one frame: the second drawn over the first (overlay) or beside a
    movable divider (swipe). Both are fitted to the same frame and share zoom and pan."""

    divider_moved = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first = QPixmap()
        self._second = QPixmap()
        self._first_size = QSize()
        self._second_size = QSize()
        self.mode: BlendMode = "overlay"
        self._opacity = 0.5
        self._divider = 0.5  # fraction of the width
        self._state = ViewState()
        self._drag_from: QPointF | None = None
        self._dragging_divider = False
        self.setMinimumSize(200, 150)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_images(
        self, first: QImage, first_size: QSize, second: QImage, second_size: QSize
    ) -> None:
        self._first, self._first_size = QPixmap.fromImage(first), QSize(first_size)
        self._second, self._second_size = QPixmap.fromImage(second), QSize(second_size)
        self.update()

    def set_mode(self, mode: BlendMode) -> None:
        self.mode = mode
        self.update()

    def set_opacity(self, opacity: float) -> None:
        self._opacity = _clamp(opacity, 0.0, 1.0)
        self.update()

    def set_divider(self, fraction: float) -> None:
        self._divider = _clamp(fraction, 0.0, 1.0)
        self.update()

    @property
    def divider(self) -> float:
        return self._divider

    @property
    def opacity(self) -> float:
        return self._opacity

    def set_state(self, state: ViewState) -> None:
        self._state = state
        self.update()

    def state(self) -> ViewState:
        return self._state

    def _target(self, size: QSize) -> QRectF:
        if size.isEmpty():
            return QRectF()
        fit = min(self.width() / size.width(), self.height() / size.height())
        scale = fit * self._state.zoom
        width, height = size.width() * scale, size.height() * scale
        left = self.width() / 2 - self._state.centre_x * width
        top = self.height() / 2 - self._state.centre_y * height
        return QRectF(left, top, width, height)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.fillRect(self.rect(), QColor("#f2f4f7"))
        if self._first.isNull() or self._second.isNull():
            painter.end()
            return
        painter.drawPixmap(self._target(self._first_size), self._first, QRectF(self._first.rect()))
        second = self._target(self._second_size)
        if self.mode == "overlay":
            painter.setOpacity(self._opacity)
            painter.drawPixmap(second, self._second, QRectF(self._second.rect()))
            painter.setOpacity(1.0)
        else:
            split = self.width() * self._divider
            painter.save()
            painter.setClipRect(QRectF(split, 0, self.width() - split, self.height()))
            painter.drawPixmap(second, self._second, QRectF(self._second.rect()))
            painter.restore()
            painter.setPen(QPen(QColor("#ffffff"), 3))
            painter.drawLine(QPointF(split, 0), QPointF(split, self.height()))
            painter.setPen(QPen(QColor("#344054"), 1))
            painter.drawLine(QPointF(split, 0), QPointF(split, self.height()))
        painter.end()

    def _near_divider(self, x: float) -> bool:
        return self.mode == "swipe" and abs(x - self.width() * self._divider) < 8

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            if self._near_divider(event.position().x()):
                self._dragging_divider = True
            else:
                self._drag_from = event.position()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        if self._dragging_divider:
            self.set_divider(position.x() / max(1, self.width()))
            self.divider_moved.emit(self._divider)
        elif self._drag_from is not None and not self._first_size.isEmpty():
            target = self._target(self._first_size)
            delta = position - self._drag_from
            self._drag_from = position
            self._state = ViewState(
                self._state.zoom,
                _clamp(self._state.centre_x - delta.x() / max(1.0, target.width()), 0, 1),
                _clamp(self._state.centre_y - delta.y() / max(1.0, target.height()), 0, 1),
            )
            self.update()
        cursor = (
            Qt.CursorShape.SplitHCursor
            if self._dragging_divider or self._near_divider(position.x())
            else Qt.CursorShape.OpenHandCursor
        )
        self.setCursor(cursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        self._dragging_divider = False
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            zoom = _clamp(self._state.zoom * WHEEL_STEP**steps, MIN_ZOOM, MAX_ZOOM)
            self._state = ViewState(zoom, self._state.centre_x, self._state.centre_y)
            self.update()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Left and self.mode == "swipe":
            self.set_divider(self._divider - 0.05)
        elif key == Qt.Key.Key_Right and self.mode == "swipe":
            self.set_divider(self._divider + 0.05)
        elif key == Qt.Key.Key_0:
            self.set_state(ViewState())
        else:
            super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(640, 480)


def zoom_percent(view: ZoomableImageView) -> str:
    return QCoreApplication.translate("ImageCompare", "%1 %").replace(
        "%1", f"{view.scale_to_original() * 100:.0f}"
    )
