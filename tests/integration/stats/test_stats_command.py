"""``mediation-desk stats``: the same numbers as the service, as text, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from app.cli.main import main
from app.clock import FixedClock
from app.desk import Desk
from app.services.statistics import compute_statistics
from app.stats.scope import StatsScope
from app.stats.tables import LONG_COLUMNS, jsonable, long_rows
from tests.integration.stats.conftest import NOW
from tests.integration.stats.known_cases import PERIOD

PERIOD_ARGS = ("--from", "2026-09-01", "--to", "2026-11-22")


@pytest.fixture()
def stats_command(
    known_desk: Desk, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):  # type: ignore[no-untyped-def]
    """Run ``mediation-desk stats …`` on the known cases' store at the tests' "now"."""
    monkeypatch.setattr("app.desk.SystemClock", lambda: FixedClock(NOW))
    where = ("--home", str(known_desk.paths.home), "--db-url", known_desk.paths.db_url)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["stats", *where, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _service(desk: Desk, scope: StatsScope = PERIOD):  # type: ignore[no-untyped-def]
    with desk.unit_of_work(read_only=True) as uow:
        return compute_statistics(uow, scope, NOW)


def test_json_gives_every_figure_the_service_computes(stats_command, known_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    code, out, err = stats_command(*PERIOD_ARGS, "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert shown == json.loads(json.dumps(jsonable(_service(known_desk)), default=str))
    assert shown["headline"]["opened"] == 13
    assert shown["handling"][0] == {
        "category": None,
        "cases": 8,
        "median": 4.5,
        "p90": pytest.approx(9.8),
    }


def test_csv_round_trips_to_the_same_numbers(stats_command, known_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = stats_command(*PERIOD_ARGS, "--csv", "--lang", "zh-Hans")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == LONG_COLUMNS
    read = {
        (figure, key or None, parent or None, measure): value
        for figure, key, parent, measure, value, _label in rows[1:]
    }
    expected = long_rows(_service(known_desk), "zh-Hans")
    assert len(read) == len(expected) == len(rows) - 1
    for figure, key, parent, measure, value, _label in expected:
        text = read[(figure, key, parent, measure)]
        if value is None:
            assert text == ""
        elif isinstance(value, float):
            assert float(text) == pytest.approx(value)
        else:
            assert text == str(value)
    assert read[("city", "杭州市", "浙江省", "cases")] == "3"
    labels = {(r[0], r[1]): r[5] for r in rows[1:]}
    assert labels[("category", "quality")] == "商品质量"
    assert labels[("province", "香港特别行政区")] == "香港特别行政区"


def test_the_text_report_speaks_the_users_language(stats_command) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = stats_command(*PERIOD_ARGS, "--lang", "zh-Hans")
    assert code == 0
    assert "统计：2026-09-01 至 2026-11-22（北京时间）" in out
    assert "受理 13 件 · 办结 8 件 · 重新处理 5 件" in out
    assert "当前在办 6 件 · 已逾期 2 件 · 两个工作日内到期（2026-11-24 18:00 前）2 件" in out
    assert "全部类型：办结 8 件，中位数 4.5 个工作日，90 分位 9.8" in out
    assert "调解成功率 28.6%（已决 7 件中调解 2 件）" in out
    assert "¥520.00" in out
    code, out, _err = stats_command(*PERIOD_ARGS, "--lang", "en")
    assert "Settled 2, Ruled 4, Dismissed 1, Withdrawn 1" in out
    assert "2 of 5 rulings and dismissals appealed (40.0%)" in out
    code, out, _err = stats_command(*PERIOD_ARGS, "--lang", "zh-Hant")
    assert "香港特別行政區" in out


def test_category_and_mediator_options_narrow_the_figures(stats_command, known_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    _code, out, _err = stats_command(*PERIOD_ARGS, "--category", "quality", "--json")
    assert json.loads(out)["headline"]["opened"] == 3
    _code, out, _err = stats_command(*PERIOD_ARGS, "--mediator", "mediator2", "--json")
    assert json.loads(out)["headline"]["opened"] == 6


def test_the_period_defaults_to_the_last_30_days_and_all_counts_everything(stats_command) -> None:  # type: ignore[no-untyped-def]
    _code, out, _err = stats_command("--json")
    scope = json.loads(out)["scope"]
    assert (scope["first_day"], scope["last_day"]) == ("2026-10-24", "2026-11-22")
    _code, out, _err = stats_command("--all", "--json")
    shown = json.loads(out)
    assert (shown["scope"]["first_day"], shown["headline"]["opened"]) == (None, 14)
    _code, out, _err = stats_command("--from", "2026-11-01", "--json")
    assert json.loads(out)["scope"]["last_day"] == "2026-11-22"


def test_a_backwards_period_or_a_bad_date_is_refused_in_words(stats_command, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = stats_command("--from", "2026-11-02", "--to", "2026-11-01", "--lang", "en")
    assert (code, out) == (2, "")
    assert "The period ends (2026-11-01) before it starts (2026-11-02)." in err
    with pytest.raises(SystemExit) as stopped:
        stats_command("--from", "1 Nov", "--lang", "zh-Hans")
    assert stopped.value.code == 2
    assert "“1 Nov”不是日期" in capsys.readouterr().err
