"""Working days: Chinese public holidays, make-up working days (调休) and deadlines."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from app.errors import ValidationError
from app.resources import resource_folder
from app.workflow.calendar import (
    CHINA_TIME,
    WorkingDayCalendar,
    load_calendar_year,
)


@pytest.fixture(scope="module")
def calendar() -> WorkingDayCalendar:
    return WorkingDayCalendar.load()


@pytest.fixture(scope="module")
def files_only() -> WorkingDayCalendar:
    """The data files alone, without the chinesecalendar package behind them."""
    return WorkingDayCalendar.load(use_package=False)


def test_data_files_cover_2025_to_2027(calendar: WorkingDayCalendar) -> None:
    assert {2025, 2026, 2027} <= set(calendar.years_from_files)
    assert calendar.source_of(2025) == "official"
    assert calendar.source_of(2026) == "official"
    assert calendar.source_of(2027) == "provisional"


@pytest.mark.parametrize("year", [2025, 2026])
def test_data_files_agree_with_chinesecalendar_day_by_day(
    files_only: WorkingDayCalendar, year: int
) -> None:
    day = date(year, 1, 1)
    disagreements = []
    while day.year == year:
        if files_only.is_working_day(day) != chinese_calendar.is_workday(day):
            disagreements.append(day.isoformat())
        day += timedelta(days=1)
    assert disagreements == []


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2025 Spring Festival: 28 Jan – 4 Feb off; Sunday 26 Jan and Saturday 8 Feb worked.
        ("2025-01-26", True),
        ("2025-01-27", True),
        ("2025-01-28", False),
        ("2025-02-04", False),
        ("2025-02-05", True),
        ("2025-02-08", True),
        ("2025-02-09", False),
        # 2025 National Day and Mid-autumn: 1–8 Oct off; 28 Sep (Sun) and 11 Oct (Sat) worked.
        ("2025-09-28", True),
        ("2025-10-01", False),
        ("2025-10-08", False),
        ("2025-10-11", True),
        ("2025-10-12", False),
        # 2026: New Year 1–3 Jan off, Sunday 4 Jan worked; Spring Festival 15–23 Feb.
        ("2026-01-02", False),
        ("2026-01-04", True),
        ("2026-02-14", True),
        ("2026-02-23", False),
        ("2026-02-28", True),
        ("2026-09-20", True),
        ("2026-10-07", False),
        ("2026-10-10", True),
        # 2027 (provisional): the Spring Festival block from New Year's Eve, 5 Feb.
        ("2027-02-05", False),
        ("2027-02-12", False),
        ("2027-02-15", True),
        ("2027-06-09", False),
    ],
)
def test_known_holidays_and_make_up_working_days(
    calendar: WorkingDayCalendar, day: str, working: bool
) -> None:
    assert calendar.is_working_day(date.fromisoformat(day)) is working


def test_deadline_from_30_september_2025_skips_the_golden_week_and_counts_the_make_up_saturday(
    calendar: WorkingDayCalendar,
) -> None:
    start = datetime(2025, 9, 30, 10, 0, tzinfo=CHINA_TIME)
    # 1–8 Oct off; 9 Oct (Thu) is day 1, 10 Oct day 2, Saturday 11 Oct (make-up) day 3.
    assert calendar.deadline(start, 1) == datetime(2025, 10, 9, 18, 0, tzinfo=CHINA_TIME)
    assert calendar.deadline(start, 3) == datetime(2025, 10, 11, 18, 0, tzinfo=CHINA_TIME)
    assert calendar.deadline(start, 4) == datetime(2025, 10, 13, 18, 0, tzinfo=CHINA_TIME)


def test_deadline_from_a_saturday_before_the_holiday_counts_the_make_up_sunday(
    calendar: WorkingDayCalendar,
) -> None:
    start = datetime(2025, 9, 27, 15, 0, tzinfo=CHINA_TIME)
    assert calendar.deadline(start, 1) == datetime(2025, 9, 28, 18, 0, tzinfo=CHINA_TIME)
    assert calendar.deadline(start, 2) == datetime(2025, 9, 29, 18, 0, tzinfo=CHINA_TIME)
    assert calendar.deadline(start, 3) == datetime(2025, 9, 30, 18, 0, tzinfo=CHINA_TIME)
    assert calendar.deadline(start, 4) == datetime(2025, 10, 9, 18, 0, tzinfo=CHINA_TIME)


def test_deadline_across_the_2026_spring_festival(calendar: WorkingDayCalendar) -> None:
    # Friday 13 Feb 2026; Saturday 14 Feb is a make-up working day, 15–23 Feb are off.
    start = datetime(2026, 2, 13, 9, 0, tzinfo=CHINA_TIME)
    assert calendar.deadline(start, 1) == datetime(2026, 2, 14, 18, 0, tzinfo=CHINA_TIME)
    assert calendar.deadline(start, 2) == datetime(2026, 2, 24, 18, 0, tzinfo=CHINA_TIME)


def test_deadline_counts_in_china_time_whatever_the_offset_of_the_start(
    calendar: WorkingDayCalendar,
) -> None:
    # 23:30 UTC on 30 Sep is already 1 Oct in China: the holiday, so day 1 is 9 Oct.
    start = datetime.fromisoformat("2025-09-30T23:30:00+00:00")
    assert calendar.deadline(start, 1).date() == date(2025, 10, 9)


def test_working_days_between_counts_only_working_days(calendar: WorkingDayCalendar) -> None:
    assert calendar.working_days_between(date(2025, 9, 30), date(2025, 10, 13)) == 4
    assert calendar.working_days_between(date(2025, 10, 13), date(2025, 9, 30)) == -4
    assert calendar.working_days_between(date(2025, 10, 1), date(2025, 10, 1)) == 0


def test_naive_times_are_refused(calendar: WorkingDayCalendar) -> None:
    with pytest.raises(ValueError, match="time zone"):
        calendar.deadline(datetime(2025, 9, 30, 10, 0), 1)


def test_years_nobody_knows_fall_back_to_weekdays_and_are_reported(
    calendar: WorkingDayCalendar,
) -> None:
    assert calendar.source_of(2031) == "weekdays_only"
    assert calendar.is_working_day(date(2031, 10, 1))  # a Wednesday, holiday unknown
    assert not calendar.is_working_day(date(2031, 10, 4))  # a Saturday
    assert calendar.uncertain_years(date(2026, 12, 20), date(2027, 1, 10)) == (
        (2027, "provisional"),
    )


def test_the_package_answers_for_years_without_a_data_file(calendar: WorkingDayCalendar) -> None:
    assert calendar.source_of(2024) == "package"
    assert not calendar.is_working_day(date(2024, 10, 1))
    assert calendar.is_working_day(date(2024, 10, 12))  # make-up Saturday in 2024


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_calendar_file_that_calls_a_weekday_a_make_up_day_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "cn-2028.toml",
        """
year = 2028
status = "official"
source = "test"
[[holidays]]
name = "春节"
name_en = "Spring Festival"
first_day = 2028-01-25
last_day = 2028-02-01
make_up_workdays = [2028-01-24]
""",
    )
    with pytest.raises(
        ValidationError,
        match=r"cn-2028.toml: holidays\[0\].make_up_workdays: 2028-01-24 is a weekday",
    ):
        load_calendar_year(path)


def test_a_calendar_file_named_for_another_year_is_refused(tmp_path: Path) -> None:
    source = (resource_folder("calendar") / "cn-2026.toml").read_text(encoding="utf-8")
    path = _write(tmp_path, "cn-2029.toml", source)
    with pytest.raises(ValidationError, match=r"says 2026 but the file is named cn-2029\.toml"):
        load_calendar_year(path)


def test_a_new_year_is_added_by_dropping_in_a_file(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "cn-2030.toml",
        """
year = 2030
status = "official"
source = "test schedule"
[[holidays]]
name = "国庆节"
name_en = "National Day"
first_day = 2030-10-01
last_day = 2030-10-07
make_up_workdays = [2030-09-29]
""",
    )
    calendar = WorkingDayCalendar.load(tmp_path)
    assert calendar.source_of(2030) == "official"
    assert calendar.is_working_day(date(2030, 9, 29))  # a Sunday worked
    assert not calendar.is_working_day(date(2030, 10, 3))
