"""The Chinese working-day calendar (工作日历): statutory holidays and make-up working days (调休).

"工作日" is not defined in the 条例; like practice we take Monday–Friday, minus the statutory holidays, plus
the make-up working days the State Council announces each year (annual-report.md §7.4).

A :class:`Calendar` is plain data: two maps ``date -> name of the holiday`` (days off, make-up days) and the set
of years whose schedule is published. :meth:`Calendar.from_package` seeds it from the ``chinesecalendar``
package (data up to 2026); :meth:`Calendar.with_overrides` lays an administrator's entries on top (for example
the 2027 schedule, which no package has yet) and returns a new calendar. For a year without published data
the calendar still answers, with plain Monday–Friday, and :meth:`Calendar.has_data` says so, so that callers
can mark a result as provisional.

Each year's working days are computed once per calendar instance and cached; a calendar is never mutated.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta
from functools import cache

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
ONE_DAY = timedelta(days=1)


def weekday_name(day: date) -> str:
    """``星期一`` … ``星期日``."""
    return WEEKDAYS[day.weekday()]


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


class Calendar:
    """Working days: Monday–Friday minus ``holidays`` plus ``makeup_workdays``.

    ``holidays`` and ``makeup_workdays`` map a date to the Chinese name of the holiday it belongs to
    (``国庆节``); ``published_years`` are the years whose whole schedule is known.
    """

    def __init__(
        self,
        holidays: Mapping[date, str] | None = None,
        makeup_workdays: Mapping[date, str] | None = None,
        published_years: Iterable[int] = (),
    ) -> None:
        self.holidays: Mapping[date, str] = dict(holidays or {})
        self.makeup_workdays: Mapping[date, str] = dict(makeup_workdays or {})
        self.published_years: frozenset[int] = frozenset(published_years)
        clash = set(self.holidays) & set(self.makeup_workdays)
        if clash:
            raise ValueError(f"日期既是假日又是调休上班日：{min(clash).isoformat()}")
        self._years: dict[int, tuple[date, ...]] = {}
        self._sets: dict[int, frozenset[date]] = {}

    @classmethod
    def from_package(cls) -> Calendar:
        """The schedule of the ``chinesecalendar`` package (2004 up to its last year)."""
        return package_calendar()

    def with_overrides(
        self,
        *,
        holidays: Mapping[date, str] | None = None,
        workdays: Mapping[date, str] | None = None,
        complete_years: Iterable[int] = (),
    ) -> Calendar:
        """A new calendar with these dates declared days off / working days, and these years complete.

        An override wins over what this calendar says about the same date.
        """
        off = {d: n for d, n in self.holidays.items() if d not in (workdays or {})}
        on = {d: n for d, n in self.makeup_workdays.items() if d not in (holidays or {})}
        off.update(holidays or {})
        on.update(workdays or {})
        return Calendar(off, on, self.published_years | frozenset(complete_years))

    def up_to(self, last_year: int) -> Calendar:
        """This calendar as it stood when ``last_year`` was the last year published: later dates and
        years dropped (tests and what-ifs about a year whose schedule is not out yet)."""
        return Calendar(
            {d: n for d, n in self.holidays.items() if d.year <= last_year},
            {d: n for d, n in self.makeup_workdays.items() if d.year <= last_year},
            (y for y in self.published_years if y <= last_year),
        )

    def has_data(self, year: int) -> bool:
        """True when the holiday schedule of ``year`` is published (package or declared complete)."""
        return year in self.published_years

    def is_workday(self, day: date) -> bool:
        return day in self._workday_set(day.year)

    def holiday_name(self, day: date) -> str | None:
        """The holiday a day off belongs to (``春节``), or None."""
        return self.holidays.get(day)

    def makeup_name(self, day: date) -> str | None:
        """For a make-up working day (调休上班), the holiday it belongs to; else None."""
        return self.makeup_workdays.get(day)

    def workdays_of(self, year: int) -> tuple[date, ...]:
        """All working days of ``year``, in order (computed once)."""
        found = self._years.get(year)
        if found is None:
            found = self._years[year] = tuple(self._scan_year(year))
        return found

    def add_workdays(self, start: date, n: int, skip: Collection[date] = frozenset()) -> date:
        """The ``n``-th working day counted from the day **after** ``start``, not counting days in ``skip``."""
        if n < 1:
            raise ValueError("n must be at least 1")
        year, days = start.year, self.workdays_of(start.year)
        index = bisect_right(days, start)
        while True:
            for day in days[index:]:
                if day not in skip:
                    n -= 1
                    if n == 0:
                        return day
            year, index = year + 1, 0
            days = self.workdays_of(year)

    def _workday_set(self, year: int) -> frozenset[date]:
        found = self._sets.get(year)
        if found is None:
            found = self._sets[year] = frozenset(self.workdays_of(year))
        return found

    def _scan_year(self, year: int) -> Iterable[date]:
        day, end = date(year, 1, 1), date(year, 12, 31)
        while day <= end:
            if day in self.makeup_workdays or (not is_weekend(day) and day not in self.holidays):
                yield day
            day += ONE_DAY


def _chinese_name(english: str) -> str:
    from chinese_calendar.constants import Holiday

    try:
        return Holiday(english).chinese
    except ValueError:
        return english


@cache
def package_calendar() -> Calendar:
    """The calendar of the ``chinesecalendar`` package, built once per process."""
    from chinese_calendar import constants

    holidays = {d: _chinese_name(n) for d, n in constants.holidays.items()}
    makeup = {d: _chinese_name(n) for d, n in constants.workdays.items()}
    years = range(min(holidays).year, max(holidays).year + 1)
    return Calendar(holidays, makeup, years)
