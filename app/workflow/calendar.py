"""Working days in mainland China: weekends, public holidays and make-up working days (调休).

Three sources, in this order:

1. the data files ``resources/calendar/cn-<year>.toml`` (ours, updated when the State
   Council publishes a year's schedule; a file may be marked provisional);
2. the ``chinesecalendar`` package, for the years it knows;
3. for any other year, Monday to Friday — and every answer that relied on it says so.

Deadlines are counted the way the platform's rules count them: the day something starts
does not count; the deadline is the end of the working day (18:00 China time) on the Nth
working day after it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Literal

import chinese_calendar

from app.errors import ValidationError
from app.resources import resource_folder

# Mainland China has kept UTC+8 without daylight saving since 1991; a fixed offset avoids
# depending on the system's tz database.
CHINA_TIME = timezone(timedelta(hours=8), "CST")
END_OF_WORKING_DAY = time(18, 0)

YearSource = Literal["official", "provisional", "package", "weekdays_only"]

# A deadline never looks further than this; a script asking for more is refused on load.
MAX_WORKING_DAYS = 250


@dataclass(frozen=True)
class HolidayPeriod:
    """One published holiday: the days off and the weekend days worked in exchange."""

    name: str
    name_en: str
    first_day: date
    last_day: date
    make_up_workdays: tuple[date, ...]

    def days_off(self) -> tuple[date, ...]:
        count = (self.last_day - self.first_day).days + 1
        return tuple(self.first_day + timedelta(days=offset) for offset in range(count))


@dataclass(frozen=True)
class CalendarYear:
    """A year's schedule from a data file."""

    year: int
    status: Literal["official", "provisional"]
    source: str
    holidays: tuple[HolidayPeriod, ...]


class WorkingDayCalendar:
    """Answers "is this a working day?" and counts working days for deadlines."""

    def __init__(self, years: Iterable[CalendarYear] = (), *, use_package: bool = True) -> None:
        self._years: dict[int, CalendarYear] = {}
        self._days_off: dict[date, str] = {}
        self._make_up: dict[date, str] = {}
        for entry in years:
            if entry.year in self._years:
                raise ValueError(f"two calendar files for {entry.year}")
            self._years[entry.year] = entry
            for period in entry.holidays:
                for day in period.days_off():
                    self._days_off[day] = period.name
                for day in period.make_up_workdays:
                    self._make_up[day] = period.name
        self._use_package = use_package

    @classmethod
    def load(cls, folder: Path | None = None, *, use_package: bool = True) -> WorkingDayCalendar:
        """Read every ``cn-<year>.toml`` in ``folder`` (default: the bundled data)."""
        folder = folder if folder is not None else resource_folder("calendar")
        years = [load_calendar_year(path) for path in sorted(folder.glob("cn-*.toml"))]
        return cls(years, use_package=use_package)

    @property
    def years_from_files(self) -> Mapping[int, CalendarYear]:
        return dict(self._years)

    def source_of(self, year: int) -> YearSource:
        """Where the answers for ``year`` come from."""
        if year in self._years:
            return self._years[year].status
        if self._use_package and _package_knows(year):
            return "package"
        return "weekdays_only"

    def is_working_day(self, day: date) -> bool:
        """True on a working day: a weekday that is no holiday, or a make-up working day."""
        if day.year in self._years:
            if day in self._make_up:
                return True
            if day in self._days_off:
                return False
            return day.weekday() < 5
        if self._use_package and _package_knows(day.year):
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def add_working_days(self, start: date, working_days: int) -> date:
        """The ``working_days``-th working day after ``start`` (``start`` itself never counts).

        With 0 it is ``start`` when that is a working day, else the next working day.
        """
        if working_days < 0 or working_days > MAX_WORKING_DAYS:
            raise ValueError(f"working days must be between 0 and {MAX_WORKING_DAYS}")
        day = start
        if working_days == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        counted = 0
        while counted < working_days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def deadline(self, start: datetime, working_days: int) -> datetime:
        """End of business (18:00 China time) on the Nth working day after ``start``."""
        require_aware(start)
        first = start.astimezone(CHINA_TIME).date()
        last = self.add_working_days(first, working_days)
        return datetime.combine(last, END_OF_WORKING_DAY, tzinfo=CHINA_TIME)

    def working_days_left(self, now: datetime, deadline: datetime) -> int:
        """Whole working days from today until the deadline's day (0 on the day itself)."""
        require_aware(now)
        require_aware(deadline)
        today = now.astimezone(CHINA_TIME).date()
        return self.working_days_between(today, deadline.astimezone(CHINA_TIME).date())

    def uncertain_years(self, start: date, end: date) -> tuple[tuple[int, YearSource], ...]:
        """Years between two days whose schedule is provisional or unknown."""
        low, high = min(start, end).year, max(start, end).year
        found = []
        for year in range(low, high + 1):
            source = self.source_of(year)
            if source in ("provisional", "weekdays_only"):
                found.append((year, source))
        return tuple(found)


def require_aware(moment: datetime) -> None:
    """Refuse a time without a time zone: it would mean different moments on different desks."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time without a time zone cannot be placed on the calendar: {moment!r}")


@lru_cache(maxsize=64)
def _package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=1)
def default_calendar() -> WorkingDayCalendar:
    """The bundled calendar, read once per process."""
    return WorkingDayCalendar.load()


_YEAR_KEYS = {"year", "status", "source", "holidays"}
_PERIOD_KEYS = {"name", "name_en", "first_day", "last_day", "make_up_workdays"}


def load_calendar_year(path: Path) -> CalendarYear:
    """Read and check one ``cn-<year>.toml``; errors name the file and the field."""

    def fail(where: str, problem: str) -> ValidationError:
        return ValidationError(f"{path.name}: {where}: {problem}")

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise fail("(file)", f"not valid TOML ({exc})") from None
    unknown = sorted(set(data) - _YEAR_KEYS)
    if unknown:
        raise fail(unknown[0], "unknown field")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise fail("year", "must be a year such as 2026")
    if path.stem != f"cn-{year}":
        raise fail("year", f"says {year} but the file is named {path.name}")
    status = data.get("status")
    if status not in ("official", "provisional"):
        raise fail("status", "must be 'official' or 'provisional'")
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise fail("source", "must say where the dates come from")
    raw_periods = data.get("holidays")
    if not isinstance(raw_periods, list) or not raw_periods:
        raise fail("holidays", "must list the year's holidays ([[holidays]] tables)")
    periods: list[HolidayPeriod] = []
    seen: set[date] = set()
    for index, raw in enumerate(raw_periods):
        where = f"holidays[{index}]"
        if not isinstance(raw, dict):
            raise fail(where, "must be a table")
        unknown = sorted(set(raw) - _PERIOD_KEYS)
        if unknown:
            raise fail(f"{where}.{unknown[0]}", "unknown field")
        for key in ("name", "name_en"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise fail(f"{where}.{key}", "is required")
        first, last = raw.get("first_day"), raw.get("last_day")
        for key, value in (("first_day", first), ("last_day", last)):
            if not isinstance(value, date) or isinstance(value, datetime):
                raise fail(f"{where}.{key}", "must be a date such as 2026-10-01")
            if value.year != year:
                raise fail(f"{where}.{key}", f"{value} is not in {year}")
        assert isinstance(first, date) and isinstance(last, date)
        if last < first:
            raise fail(f"{where}.last_day", "is before first_day")
        make_up = raw.get("make_up_workdays", [])
        if not isinstance(make_up, list) or not all(
            isinstance(day, date) and not isinstance(day, datetime) for day in make_up
        ):
            raise fail(f"{where}.make_up_workdays", "must be a list of dates")
        for day in make_up:
            if day.weekday() < 5:
                raise fail(
                    f"{where}.make_up_workdays", f"{day} is a weekday, not a make-up working day"
                )
        period = HolidayPeriod(raw["name"], raw["name_en"], first, last, tuple(make_up))
        overlap = seen.intersection(period.days_off())
        if overlap:
            raise fail(f"{where}.first_day", f"{min(overlap)} is already in another holiday")
        seen.update(period.days_off())
        periods.append(period)
    return CalendarYear(year=year, status=status, source=source, holidays=tuple(periods))
