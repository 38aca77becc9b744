"""The dashboard: drawn offscreen from the hand-built cases, the same numbers as the
command line, a click on a bar filters the queue to exactly its cases, and each chart
exports a PNG and its data as CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.main import main
from app.clock import FixedClock
from app.desk import Desk
from app.stats.tables import chart_table, jsonable
from tests.integration.stats.conftest import NOW
from tests.integration.stats.known_cases import import_known_cases
from tests.qt.helpers import wait_for_count, wait_for_queue
from ui.dashboard_view import CHARTS_SHOWN, DashboardView
from ui.main_window import MainWindow
from ui.qt import QImage, QPointF, Qt


@pytest.fixture(scope="module")
def known_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dashboard")
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    desk = Desk.open(folder / "home", clock=FixedClock(NOW))
    try:
        import_known_cases(desk, folder)
    finally:
        desk.close()
        keyring.set_keyring(previous)
    return folder / "home"


@pytest.fixture()
def known(known_home: Path) -> Iterator[Desk]:
    desk = Desk.open(known_home, clock=FixedClock(NOW))
    yield desk
    desk.close()


def _shown(qtbot, view: DashboardView):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.statistics_shown, timeout=20_000) as shown:
        view.refresh()
    return shown.args[0]


def _period(view: DashboardView, preset: str) -> None:
    view.period.setCurrentIndex(view.period.findData(preset))


def test_the_dashboard_draws_the_figures_of_the_last_30_days(qtbot, known, ops_for, show) -> None:  # type: ignore[no-untyped-def]
    view = show(DashboardView(ops_for(known)), 1366, 700)
    stats = _shown(qtbot, view)
    assert (stats.scope.first_day.isoformat(), stats.scope.last_day.isoformat()) == (
        "2026-10-24",
        "2026-11-22",
    )
    # Opened 24 Oct – 22 Nov: E F G H I L M O.
    assert view.tiles["opened"].value.text() == "8"
    assert view.tiles["overdue"].value.text() == "2"
    assert view.tiles["due_soon"].value.text() == "2"
    for name, _orientation in CHARTS_SHOWN:
        assert view.charts[name].chart.bars, name
    image = view.grab().toImage()
    assert not image.isNull()


def test_the_dashboard_and_the_command_line_give_the_same_numbers(  # type: ignore[no-untyped-def]
    qtbot, known, ops_for, show, capsys, monkeypatch
) -> None:
    view = show(DashboardView(ops_for(known)), 1366, 700)
    _period(view, "90")
    stats = _shown(qtbot, view)
    monkeypatch.setattr("app.desk.SystemClock", lambda: FixedClock(NOW))
    first, last = stats.scope.first_day.isoformat(), stats.scope.last_day.isoformat()
    assert (
        main(["stats", "--home", str(known.paths.home), "--from", first, "--to", last, "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(jsonable(view.statistics)))


def test_clicking_a_bar_filters_the_queue_to_its_cases(
    qtbot, known, ops_for, settings, show
) -> None:  # type: ignore[no-untyped-def]
    window = show(MainWindow(ops_for(known), settings), 1366, 740)
    window.start()
    wait_for_queue(qtbot, window.queue.model)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.dashboard
    view = window.dashboard
    qtbot.waitUntil(lambda: view.statistics is not None, timeout=20_000)
    _period(view, "90")
    qtbot.waitUntil(
        lambda: (
            view.statistics is not None
            and view.statistics.scope.first_day.isoformat() == "2026-08-25"
        ),
        timeout=20_000,
    )
    chart = view.charts["top_merchants"].chart
    chart.repaint()
    where = chart.centre_of(("merchant", "S-2"))
    assert where is not None
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=where.toPoint())
    assert window.pages.currentWidget() is window.splitter
    # Opened 25 Aug – 22 Nov at 极速物流优选店: C D M, and J (31 Aug).
    assert wait_for_count(qtbot, window.queue.model) == 4
    model = window.queue.model
    assert {model.index(row, 0).data() for row in range(model.rowCount())} == {
        "DSP-2026-TC",
        "DSP-2026-TD",
        "DSP-2026-TJ",
        "DSP-2026-TM",
    }
    assert window.queue.selection_bar.isVisible()
    assert "极速物流优选店" in window.queue.selection_label.text()
    # A headline figure too, and the queue's own filters apply on top.
    window.show_dashboard(True)
    qtbot.waitUntil(lambda: view.statistics is not None, timeout=20_000)
    qtbot.mouseClick(view.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert wait_for_count(qtbot, window.queue.model) == 2  # G N
    # Undone: every case again.
    qtbot.mouseClick(window.queue.selection_clear, Qt.MouseButton.LeftButton)
    assert not window.queue.selection_bar.isVisible()
    assert wait_for_count(qtbot, window.queue.model) == 14


def test_each_chart_exports_a_png_and_its_data_as_csv(
    qtbot, known, ops_for, show, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    view = show(DashboardView(ops_for(known)), 1366, 700)
    _period(view, "90")
    stats = _shown(qtbot, view)
    for name, _orientation in CHARTS_SHOWN:
        png = tmp_path / f"{name}.png"
        assert view.export_png(name, png)
        image = QImage(str(png))
        size = view.charts[name].chart.size()
        assert (image.width(), image.height()) == (size.width() * 2, size.height() * 2)
        data = tmp_path / f"{name}.csv"
        view.export_csv(name, data)
        assert data.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read it as UTF-8
        with data.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.reader(file))
        header, expected = chart_table(stats, name, "en")
        assert tuple(rows[0]) == header
        assert rows[1:] == [["" if v is None else str(v) for v in row] for row in expected]
    handling = list(csv.reader((tmp_path / "handling.csv").open(encoding="utf-8-sig")))
    assert handling[1] == ["", "All categories", "8", "4.5", "9.8"]


def test_the_dashboard_speaks_chinese(qtbot, known, ops_for, show, compiled_translations) -> None:  # type: ignore[no-untyped-def]
    from ui.translations import Translations

    translations = Translations()
    assert translations.apply("zh_CN")
    try:
        view = show(DashboardView(ops_for(known)), 1366, 700)
        _shown(qtbot, view)
        assert view.tiles["overdue"].caption.text() == "已逾期"
        assert view.charts["handling"].title.text().startswith("各类纠纷处理时长")
        assert view.period.currentText() == "最近 30 天"
        # Opened 24 Oct – 22 Nov: E F (广东), G M (浙江), I O (香港), H (上海), L (London).
        assert [bar.label for bar in view.charts["by_province"].chart.bars] == [
            "广东省",
            "浙江省",
            "香港特别行政区",
            "上海市",
            "未能识别",
        ]
    finally:
        translations.apply("en")


def test_a_hovered_bar_tells_its_numbers_as_plain_text(qtbot, known, ops_for, show) -> None:  # type: ignore[no-untyped-def]
    view = show(DashboardView(ops_for(known)), 1366, 700)
    _period(view, "90")
    _shown(qtbot, view)
    chart = view.charts["top_merchants"].chart
    chart.repaint()
    where = chart.centre_of(("merchant", "S-1"))
    assert isinstance(where, QPointF)
    qtbot.mouseMove(chart, where.toPoint())
    qtbot.waitUntil(lambda: "暖冬服饰旗舰店" in chart.toolTip(), timeout=5_000)
    assert chart.toolTip().startswith("<p style='white-space:pre-wrap'>")
