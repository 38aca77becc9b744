"""A bar chart drawn with QPainter: horizontal bars (categories, merchants, outcomes) or
stacked columns over time, every bar — every segment of a stacked one — clickable.

Why not a plotting library: the dashboard needs few, plain charts whose every bar is a
link to the cases behind it, labels in Chinese that the desk's own fonts draw, and a
PNG at print resolution; QPainter does all of that in a few hundred lines, with nothing
to install and nothing that warns on the offscreen platform the tests run on.

Labels can be untrusted text (a shop's name): they are drawn as plain text and their
tooltips escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ui.formatting import tooltip_text
from ui.qt import (
    QColor,
    QEvent,
    QFont,
    QFontMetrics,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QWidget,
    Signal,
)

# Eight colours that stay apart for the common kinds of colour blindness (Okabe–Ito,
# with a grey), one per series; categories keep their colour on every chart.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#7F7F7F",
)
MARKER_COLOUR = "#222222"
GRID_COLOUR = "#DDDDDD"
TEXT_COLOUR = "#333333"
Orientation = Literal["horizontal", "vertical"]


@dataclass(frozen=True)
class Segment:
    series: int  # index into the chart's series (its colour)
    value: float
    key: object  # what a click on this segment reports
    tooltip: str = ""


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    note: str = ""  # written after a horizontal bar (its value, in words)
    marker: float | None = None  # a tick on the bar's axis (a 90th percentile)

    @property
    def total(self) -> float:
        return sum(segment.value for segment in self.segments)


class BarChart(QWidget):
    """Bars from :meth:`set_bars`; ``segment_clicked`` says which one was clicked."""

    segment_clicked = Signal(object)

    def __init__(
        self, orientation: Orientation = "horizontal", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.orientation: Orientation = orientation
        self.bars: tuple[Bar, ...] = ()
        self.series: tuple[str, ...] = ()
        self.empty_text = ""
        self.marker_name = ""
        self.colours: tuple[int, ...] = ()
        self._hit: list[tuple[QRectF, Segment]] = []
        self._hovered: Segment | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(240, 120)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(420, 200)

    def set_bars(
        self,
        bars: tuple[Bar, ...] | list[Bar],
        series: tuple[str, ...] = (),
        *,
        empty_text: str = "",
        marker_name: str = "",
        colours: tuple[int, ...] = (),
    ) -> None:
        """``colours``: the palette entry of each series (default: its index)."""
        self.bars = tuple(bars)
        self.series = series
        self.empty_text = empty_text
        self.marker_name = marker_name
        self.colours = colours
        self._hovered = None
        self.update()

    # -- drawing ----------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.draw(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(area, QColor("white"))
        painter.setFont(self.font())
        self._hit = []
        bars = [bar for bar in self.bars if bar.segments]
        if not bars:
            painter.setPen(QColor(TEXT_COLOUR))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        area = area.adjusted(6, 6, -6, -6)
        area = self._draw_legend(painter, area)
        if self.orientation == "horizontal":
            self._draw_rows(painter, area, bars)
        else:
            self._draw_columns(painter, area, bars)

    def _colour(self, series: int) -> QColor:
        if series < len(self.colours):
            series = self.colours[series]
        return QColor(PALETTE[series % len(PALETTE)])

    def _draw_legend(self, painter: QPainter, area: QRectF) -> QRectF:
        names = list(self.series) if len(self.series) > 1 else []
        if self.marker_name:
            names.append(self.marker_name)
        if not names:
            return area
        metrics = QFontMetrics(painter.font())
        x, y = area.left(), area.top()
        line = metrics.height() + 4
        for index, name in enumerate(names):
            width = 16 + metrics.horizontalAdvance(name) + 14
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + line
            swatch = QRectF(x, y + (line - 10) / 2, 10, 10)
            if self.marker_name and index == len(names) - 1:
                painter.setPen(QPen(QColor(MARKER_COLOUR), 2))
                painter.drawLine(swatch.center() + QPointF(0, -6), swatch.center() + QPointF(0, 6))
            else:
                painter.fillRect(swatch, self._colour(index))
            painter.setPen(QColor(TEXT_COLOUR))
            painter.drawText(QRectF(x + 14, y, width, line), Qt.AlignmentFlag.AlignVCenter, name)
            x += width
        return area.adjusted(0, y - area.top() + line + 2, 0, 0)

    def _draw_rows(self, painter: QPainter, area: QRectF, bars: list[Bar]) -> None:
        metrics = QFontMetrics(painter.font())
        label_width = min(
            max(metrics.horizontalAdvance(bar.label) for bar in bars) + 14, area.width() * 0.38
        )
        note_width = max(metrics.horizontalAdvance(bar.note) for bar in bars) + 8
        top = max(bar.total for bar in bars)
        top = max(top, max((bar.marker or 0) for bar in bars)) or 1
        row = min(30.0, max(14.0, area.height() / len(bars)))
        left = area.left() + label_width
        span = max(10.0, area.right() - note_width - left)
        for index, bar in enumerate(bars):
            y = area.top() + index * row
            if y + row > area.bottom() + 1:
                break
            painter.setPen(QColor(TEXT_COLOUR))
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(label_width - 8))
            painter.drawText(
                QRectF(area.left(), y, label_width - 8, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            x = left
            height = row * 0.66
            for segment in bar.segments:
                width = span * segment.value / top
                rect = QRectF(x, y + (row - height) / 2, max(width, 1.0), height)
                self._fill(painter, rect, segment)
                x += width
            if bar.marker is not None:
                mx = left + span * bar.marker / top
                painter.setPen(QPen(QColor(MARKER_COLOUR), 2))
                painter.drawLine(QPointF(mx, y + row * 0.1), QPointF(mx, y + row * 0.9))
                x = max(x, mx)
            painter.setPen(QColor(TEXT_COLOUR))
            painter.drawText(
                QRectF(x + 4, y, note_width, row), Qt.AlignmentFlag.AlignVCenter, bar.note
            )

    def _draw_columns(self, painter: QPainter, area: QRectF, bars: list[Bar]) -> None:
        metrics = QFontMetrics(painter.font())
        top = max(bar.total for bar in bars) or 1
        step = _nice_step(top)
        top = step * max(1, -(-top // step))
        axis_width = metrics.horizontalAdvance(f"{int(top):,}") + 8
        label_height = metrics.height() + 4
        plot = area.adjusted(axis_width, 4, 0, -label_height)
        painter.setPen(QPen(QColor(GRID_COLOUR), 1))
        value = 0.0
        while value <= top:
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(QColor(GRID_COLOUR), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(TEXT_COLOUR))
            painter.drawText(
                QRectF(area.left(), y - label_height / 2, axis_width - 6, label_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{int(value):,}",
            )
            value += step
        width = plot.width() / len(bars)
        widest = max(metrics.horizontalAdvance(bar.label) for bar in bars) + 10
        every = max(1, int(-(-widest // max(width, 1))))
        for index, bar in enumerate(bars):
            x = plot.left() + index * width
            y = plot.bottom()
            inner = max(width * 0.72, 1.0)
            for segment in bar.segments:
                height = plot.height() * segment.value / top
                rect = QRectF(x + (width - inner) / 2, y - height, inner, height)
                self._fill(painter, rect, segment)
                y -= height
            if index % every == 0:
                painter.setPen(QColor(TEXT_COLOUR))
                painter.drawText(
                    QRectF(x - widest / 2 + width / 2, plot.bottom() + 2, widest, label_height),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    bar.label,
                )

    def _fill(self, painter: QPainter, rect: QRectF, segment: Segment) -> None:
        colour = self._colour(segment.series)
        if segment is self._hovered:
            colour = colour.darker(130)
        painter.fillRect(rect, colour)
        self._hit.append((rect, segment))

    # -- the mouse ---------------------------------------------------------------------

    def segment_at(self, point: QPointF) -> Segment | None:
        for rect, segment in self._hit:
            # A thin bar is hard to hit: give it a few pixels either way.
            if rect.adjusted(-2, -2, 2, 2).contains(point):
                return segment
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        segment = self.segment_at(event.position())
        if segment is not self._hovered:
            self._hovered = segment
            self.setToolTip((tooltip_text(segment.tooltip) or "") if segment else "")
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if segment else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            segment = self.segment_at(event.position())
            if segment is not None:
                self.segment_clicked.emit(segment.key)
        super().mouseReleaseEvent(event)

    def centre_of(self, key: object) -> QPointF | None:
        """Where the segment reporting ``key`` is drawn (for tests and keyboard users)."""
        for rect, segment in self._hit:
            if segment.key == key:
                return rect.center()
        return None

    # -- export ------------------------------------------------------------------------

    def image(self, scale: float = 2.0) -> QImage:
        """The chart as a picture at ``scale`` times its size on screen."""
        size = self.size()
        image = QImage(
            int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32
        )
        image.setDevicePixelRatio(scale)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            painter.setFont(QFont(self.font()))
            self.draw(painter, QRectF(0, 0, size.width(), size.height()))
        finally:
            painter.end()
        return image

    def save_png(self, path: Path) -> bool:
        return bool(self.image().save(str(path), "PNG"))


def _nice_step(top: float) -> float:
    """A round step for about four grid lines up to ``top`` (1, 2, 5 × 10ⁿ)."""
    raw = top / 4
    magnitude = 1.0
    while magnitude * 10 <= raw:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return max(1.0, factor * magnitude)
    return max(1.0, 10 * magnitude)
