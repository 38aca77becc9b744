"""The supervisor's dashboard: headline figures and four charts, each a way into the queue.

Everything on it is one :class:`app.services.statistics.Statistics`, read by a
:class:`~ui.operations.ReadOp` (the same function ``mediation-desk stats`` calls, for the
same period: the last 30 days unless another is chosen). A newer refresh replaces the
answer of an older one still running. Clicking a figure or a bar emits
``cases_requested`` with the :class:`~app.services.statistics.CaseSelection` of exactly
the cases it counts; the window filters the queue to them. Each chart exports a PNG and
its data as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Chinese).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.contract.case_document import Category, choices
from app.services.statistics import compute_statistics
from app.stats.figures import Statistics
from app.stats.scope import StatsScope, china_today
from app.stats.selection import CaseSelection
from app.stats.tables import chart_table, key_text, to_csv
from app.vocabulary import label_text
from ui.bar_chart import Bar, BarChart, Segment
from ui.formatting import local_time, tooltip_text
from ui.operations import OpRunner, ReadOp
from ui.qt import (
    QComboBox,
    QEvent,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QKeyEvent,
    QMouseEvent,
    QScrollArea,
    QSizePolicy,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.widgets import plain_label

CATEGORIES: tuple[str, ...] = choices(Category)
# (preset, days): None is every case, 0 the calendar year so far.
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("7", 7),
    ("30", 30),
    ("90", 90),
    ("year", 0),
    ("all", None),
)
DEFAULT_PERIOD = "30"
# The charts, in reading order (three a row), and how each draws its bars.
CHARTS_SHOWN: tuple[tuple[str, str], ...] = (
    ("opened_over_time", "vertical"),
    ("handling", "horizontal"),
    ("by_province", "horizontal"),
    ("outcomes", "horizontal"),
    ("top_merchants", "horizontal"),
    ("mediators", "horizontal"),
)
PROVINCES_SHOWN = 10


def scope_for(preset: str, today: date, category: str | None, mediator: str | None) -> StatsScope:
    """The period a preset names, ending today (China time)."""
    days = dict(PERIODS)[preset]
    if days is None:
        return StatsScope(category=category, mediator=mediator)
    if days == 0:
        return StatsScope(today.replace(month=1, day=1), today, category, mediator)
    return StatsScope.last_days(today, days, category=category, mediator=mediator)


class FigureTile(QFrame):
    """A headline number with its name under it; a click asks for its cases."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.value = plain_label(selectable=False)
        self.value.setObjectName("figureValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = plain_label(selectable=False)
        self.caption.setObjectName("figureCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_figure(self, value: str, caption: str, tooltip: str = "") -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        # The caption is one line; a narrow tile elides it and the tooltip says it whole.
        self.caption.setMinimumWidth(40)
        self.setToolTip(tooltip_text(f"{caption}\n{tooltip}" if tooltip else caption) or "")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class ChartCard(QFrame):
    """A chart with its title and its two exports."""

    def __init__(self, name: str, chart: BarChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.chart = chart
        self.setObjectName("chartCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = plain_label(selectable=False)
        self.title.setObjectName("chartTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.png_button = QToolButton()
        self.csv_button = QToolButton()
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.png_button)
        header.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(chart, 1)


@dataclass(frozen=True)
class _Request:
    generation: int
    preset: str
    category: str | None
    mediator: str | None


class DashboardView(QWidget):
    cases_requested = Signal(object, str)  # a CaseSelection, and what it is in words
    statistics_shown = Signal(object)  # the Statistics now on screen

    def __init__(self, ops: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.statistics: Statistics | None = None
        self._generation = 0
        self._mediators: set[str] = set()

        self.period = QComboBox()
        self.category = QComboBox()
        self.mediator = QComboBox()
        for combo in (self.period, self.category, self.mediator):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.refresh_button = QToolButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.state = plain_label(selectable=False)
        self.state.setObjectName("dashboardState")
        self.note = plain_label(selectable=False, word_wrap=True)
        self.note.setObjectName("dashboardNote")
        self.note.setVisible(False)

        self.tiles: dict[str, FigureTile] = {}
        tiles = QHBoxLayout()
        tiles.setSpacing(6)
        for name in (
            "opened",
            "closed",
            "open_now",
            "overdue",
            "due_soon",
            "settlement",
            "appeals",
            "malicious",
        ):
            tile = FigureTile()
            tile.clicked.connect(lambda name=name: self._on_tile_clicked(name))
            self.tiles[name] = tile
            tiles.addWidget(tile)

        self.charts: dict[str, ChartCard] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, (name, orientation) in enumerate(CHARTS_SHOWN):
            chart = BarChart(orientation)  # type: ignore[arg-type]
            chart.segment_clicked.connect(lambda key, name=name: self._on_chart_clicked(name, key))
            card = ChartCard(name, chart)
            card.png_button.clicked.connect(
                lambda _=False, card=card: self._ask_and_export(card, "png")
            )
            card.csv_button.clicked.connect(
                lambda _=False, card=card: self._ask_and_export(card, "csv")
            )
            self.charts[name] = card
            grid.addWidget(card, index // 3, index % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.period)
        filters.addWidget(self.category)
        filters.addWidget(self.mediator)
        filters.addWidget(self.refresh_button)
        filters.addStretch(1)
        filters.addWidget(self.state)

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(8, 8, 8, 8)
        body.setSpacing(6)
        body.addLayout(filters)
        body.addLayout(tiles)
        body.addWidget(self.note)
        body.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._retranslate()

    # -- reading -------------------------------------------------------------------------

    def _request(self) -> _Request:
        self._generation += 1
        return _Request(
            self._generation,
            self.period.currentData() or DEFAULT_PERIOD,
            self.category.currentData(),
            self.mediator.currentData(),
        )

    def refresh(self) -> None:
        """Read every figure again (in the background); a newer refresh wins."""
        request = self._request()
        self.state.setText(self.tr("Counting…"))

        def read(uow: Any, _op: Any) -> Statistics:
            now = uow.clock.now()
            scope = scope_for(request.preset, china_today(now), request.category, request.mediator)
            return compute_statistics(uow, scope, now)

        (
            ReadOp(self.ops, read)
            .success(lambda stats: self._on_statistics_read(request, stats))
            .failure(lambda error: self._on_statistics_failed(request, error))
            .run(self)
        )

    def _on_statistics_read(self, request: _Request, stats: Statistics) -> None:
        if request.generation != self._generation:
            return  # a newer refresh is on its way
        self.show_statistics(stats)

    def _on_statistics_failed(self, request: _Request, error: Exception) -> None:
        if request.generation == self._generation:
            self.state.setText(str(error))

    def _on_filter_changed(self, _index: int) -> None:
        if self.isVisible():
            self.refresh()

    # -- showing -------------------------------------------------------------------------

    def show_statistics(self, stats: Statistics) -> None:
        self.statistics = stats
        known = {f.mediator for f in stats.mediators if f.mediator}
        if not known <= self._mediators:
            self._mediators |= known
            self._fill_mediators()
        self.state.setText(self.tr("Counted at %1").replace("%1", local_time(stats.now)))
        self._show_tiles(stats)
        self._show_charts(stats)
        uncertain = [str(year) for year, _source in stats.uncertain_years]
        self.note.setVisible(bool(uncertain))
        self.note.setText(
            self.tr(
                "Working days of %1 are provisional or weekdays only: handling times across "
                "their holidays may be off by a day or two."
            ).replace("%1", ", ".join(uncertain))
        )
        self.statistics_shown.emit(stats)

    def _show_tiles(self, stats: Statistics) -> None:
        head = stats.headline
        t = self.tiles
        t["opened"].show_figure(
            f"{head.opened:,}", self.tr("Opened"), self.tr("Cases opened in the period")
        )
        t["closed"].show_figure(
            f"{head.closed:,}", self.tr("Closed"), self.tr("Cases closed (finished) in the period")
        )
        t["open_now"].show_figure(
            f"{head.open_now:,}", self.tr("Open now"), self.tr("Cases in progress now")
        )
        t["overdue"].show_figure(
            f"{head.overdue:,}",
            self.tr("Overdue"),
            self.tr("Cases in progress past their due date"),
        )
        t["due_soon"].show_figure(
            f"{head.due_soon:,}",
            self.tr("Due in 2 working days"),
            self.tr("Cases in progress due by %1").replace("%1", local_time(stats.due_soon_until)),
        )
        endings = stats.endings
        t["settlement"].show_figure(
            _percent(endings.settlement_rate),
            self.tr("Settlement rate"),
            self.tr("%1 of %2 decided cases were settled")
            .replace("%1", str(endings.settled))
            .replace("%2", str(endings.decided)),
        )
        appeals = stats.appeals
        t["appeals"].show_figure(
            _percent(appeals.appeal_rate),
            self.tr("Appeal rate · %1 changed").replace("%1", str(appeals.changed)),
            self.tr("%1 of %2 rulings and dismissals appealed; %3 appeals pending")
            .replace("%1", str(appeals.appealed))
            .replace("%2", str(appeals.rulings))
            .replace("%3", str(appeals.pending)),
        )
        t["malicious"].show_figure(
            f"{head.malicious:,}",
            self.tr("Possibly malicious"),
            self.tr(
                "Cases opened in the period whose complainant is flagged as possibly malicious"
            ),
        )

    def _show_charts(self, stats: Statistics) -> None:
        empty = self.tr("No cases in this period")
        # Cases opened over time, stacked by category.
        buckets: dict[date, dict[str, Any]] = {}
        for item in stats.opened_over_time:
            buckets.setdefault(item.first_day, {"last": item.last_day, "counts": {}})
            buckets[item.first_day]["counts"][item.category] = item.count
        bars = []
        for first in sorted(buckets):
            last = buckets[first]["last"]
            segments = tuple(
                Segment(
                    CATEGORIES.index(category),
                    count,
                    ("opened_in", first.isoformat(), last.isoformat(), category),
                    f"{_bucket_text(first, last)}\n{label_text('Category', category)}: {count}",
                )
                for category, count in sorted(
                    buckets[first]["counts"].items(), key=lambda item: CATEGORIES.index(item[0])
                )
            )
            bars.append(Bar(_bucket_label(first, stats.bucket), segments))
        self.charts["opened_over_time"].chart.set_bars(
            bars, tuple(label_text("Category", c) for c in CATEGORIES), empty_text=empty
        )
        # Handling time: the median, with the 90th percentile marked.
        rows = []
        for handling in stats.handling:
            if not handling.cases or handling.median is None:
                continue
            name = key_text("handling", handling.category)
            colour = CATEGORIES.index(handling.category) if handling.category else 7
            note = self.tr("%1 · p90 %2 · %3 cases")
            note = (
                note.replace("%1", _days(handling.median))
                .replace("%2", _days(handling.p90))
                .replace("%3", str(handling.cases))
            )
            rows.append(
                Bar(
                    name,
                    (
                        Segment(
                            colour,
                            handling.median,
                            ("handling", handling.category),
                            f"{name}\n{note}",
                        ),
                    ),
                    note=note,
                    marker=handling.p90,
                )
            )
        self.charts["handling"].chart.set_bars(
            rows,
            empty_text=self.tr("No case closed in this period"),
            marker_name=self.tr("90th percentile"),
        )
        # Ruling outcomes.
        outcomes = [
            Bar(
                key_text("outcome", c.key),
                (
                    Segment(
                        index,
                        c.count,
                        ("outcome", c.key),
                        f"{key_text('outcome', c.key)}: {c.count}",
                    ),
                ),
                note=str(c.count),
            )
            for index, c in enumerate(stats.outcomes)
            if c.count
        ]
        self.charts["outcomes"].chart.set_bars(
            outcomes, empty_text=self.tr("No ruling in this period")
        )
        # Merchants with the most disputes.
        merchants = []
        for merchant in stats.top_merchants:
            name = merchant.name or merchant.key
            note = self.tr("%1 disputes · %2 sanctions")
            note = note.replace("%1", str(merchant.disputes)).replace("%2", str(merchant.sanctions))
            merchants.append(
                Bar(
                    name,
                    (Segment(0, merchant.disputes, ("merchant", merchant.key), f"{name}\n{note}"),),
                    note=note,
                )
            )
        self.charts["top_merchants"].chart.set_bars(merchants, empty_text=empty)
        # Where the buyers live.
        provinces = [
            Bar(
                key_text("province", c.key),
                (
                    Segment(
                        4, c.count, ("province", c.key), f"{key_text('province', c.key)}: {c.count}"
                    ),
                ),
                note=str(c.count),
            )
            for c in stats.by_province[:PROVINCES_SHOWN]
            if c.count
        ]
        self.charts["by_province"].chart.set_bars(provinces, empty_text=empty, colours=(4,))
        # Each mediator's open cases: overdue, due within two working days, the rest.
        loads = []
        for load in stats.mediators:
            if not load.open_now:
                continue
            name = key_text("mediator", load.mediator)
            note = self.tr("%1 open · %2 overdue").replace("%1", str(load.open_now))
            note = note.replace("%2", str(load.overdue))
            rest = load.open_now - load.overdue - load.due_soon
            segments = [
                Segment(0, load.overdue, ("mediator_overdue", load.mediator), f"{name}\n{note}"),
                Segment(1, load.due_soon, ("mediator_due_soon", load.mediator), f"{name}\n{note}"),
                Segment(2, rest, ("mediator_open", load.mediator), f"{name}\n{note}"),
            ]
            loads.append(Bar(name, tuple(s for s in segments if s.value), note=note))
        self.charts["mediators"].chart.set_bars(
            loads,
            (
                self.tr("Overdue"),
                self.tr("Due within two working days"),
                self.tr("Other open cases"),
            ),
            empty_text=self.tr("No open case"),
            colours=(5, 1, 0),
        )

    # -- clicking ------------------------------------------------------------------------

    def _on_tile_clicked(self, name: str) -> None:
        stats = self.statistics
        if stats is None:
            return
        figure: tuple[str, ...] = {
            "settlement": ("ending", "settlement"),
            "appeals": ("appealed",),
        }.get(name, (name,))
        self._ask_for(stats.selection(*figure), self.tiles[name].caption.text())

    def _on_chart_clicked(self, chart: str, key: tuple[str | None, ...]) -> None:
        stats = self.statistics
        if stats is None:
            return
        figure, *rest = key
        selection = stats.selection(str(figure), *rest)
        title = self.charts[chart].title.text()
        if figure == "opened_in":
            what = f"{_bucket_text(date.fromisoformat(str(rest[0])), date.fromisoformat(str(rest[1])))}, {label_text('Category', rest[2])}"
        elif figure == "merchant":
            what = next((m.name or m.key for m in stats.top_merchants if m.key == rest[0]), "")
        elif figure == "handling":
            what = key_text("handling", rest[0])
        elif str(figure).startswith("mediator_"):
            what = key_text("mediator", rest[0])
        else:
            what = key_text(str(figure), rest[0])
        self._ask_for(selection, f"{title}: {what}")

    def _ask_for(self, selection: CaseSelection, description: str) -> None:
        self.cases_requested.emit(selection, description)

    # -- exporting -----------------------------------------------------------------------

    def export_png(self, chart: str, path: Path) -> bool:
        return self.charts[chart].chart.save_png(path)

    def export_csv(self, chart: str, path: Path) -> None:
        if self.statistics is None:
            return
        header, rows = chart_table(self.statistics, chart)
        # With a byte-order mark: spreadsheets then read the file as UTF-8.
        path.write_text(to_csv(header, rows), encoding="utf-8-sig", newline="")

    def _ask_and_export(self, card: ChartCard, kind: str) -> None:
        suggested = f"{card.name}.{kind}"
        title = (
            self.tr("Export the chart as PNG")
            if kind == "png"
            else self.tr("Export the chart's data as CSV")
        )
        filter_ = self.tr("PNG image (*.png)") if kind == "png" else self.tr("CSV file (*.csv)")
        chosen, _ = QFileDialog.getSaveFileName(self, title, suggested, filter_)
        if not chosen:
            return
        export: Callable[[str, Path], Any] = self.export_png if kind == "png" else self.export_csv
        export(card.name, Path(chosen))

    # -- words ---------------------------------------------------------------------------

    def _fill_mediators(self) -> None:
        current = self.mediator.currentData()
        blocker = self.mediator.blockSignals(True)
        self.mediator.clear()
        self.mediator.addItem(self.tr("All mediators"), None)
        for name in sorted(self._mediators):
            self.mediator.addItem(name, name)
        self.mediator.setCurrentIndex(max(0, self.mediator.findData(current)))
        self.mediator.blockSignals(blocker)

    def _fill(
        self, combo: QComboBox, entries: list[tuple[str, str | None]], default: str | None
    ) -> None:
        current = combo.currentData() if combo.count() else default
        blocker = combo.blockSignals(True)
        combo.clear()
        for text, value in entries:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(blocker)

    def _retranslate(self) -> None:
        names = {
            "7": self.tr("Last 7 days"),
            "30": self.tr("Last 30 days"),
            "90": self.tr("Last 90 days"),
            "year": self.tr("This year"),
            "all": self.tr("All time"),
        }
        self._fill(self.period, [(names[p], p) for p, _days in PERIODS], DEFAULT_PERIOD)
        self._fill(
            self.category,
            [(self.tr("All categories"), None)]
            + [(label_text("Category", c), c) for c in CATEGORIES],
            None,
        )
        self._fill_mediators()
        self.period.setToolTip(self.tr("Period (China time)"))
        self.category.setToolTip(self.tr("Category"))
        self.mediator.setToolTip(self.tr("Mediator"))
        self.refresh_button.setText(self.tr("Refresh"))
        titles = {
            "opened_over_time": self.tr("Cases opened, by category"),
            "handling": self.tr("Handling time per category (median working days)"),
            "outcomes": self.tr("Ruling outcomes"),
            "top_merchants": self.tr("Merchants with the most disputes"),
            "by_province": self.tr("Cases opened, by the buyer's province"),
            "mediators": self.tr("Mediators: open cases now"),
        }
        for name, card in self.charts.items():
            card.title.setText(titles[name])
            card.png_button.setText(self.tr("PNG…"))
            card.png_button.setToolTip(self.tr("Export the chart as PNG"))
            card.csv_button.setText(self.tr("CSV…"))
            card.csv_button.setToolTip(self.tr("Export the chart's data as CSV"))
        if self.statistics is not None:
            self.show_statistics(self.statistics)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}%"


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _bucket_label(first: date, bucket: str) -> str:
    if bucket == "month":
        return first.strftime("%Y-%m")
    return first.strftime("%m-%d")


def _bucket_text(first: date, last: date) -> str:
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} – {last.isoformat()}"


__all__ = ["CHARTS_SHOWN", "DashboardView", "scope_for"]
