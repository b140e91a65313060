"""The working-day calendar: chinesecalendar data, overrides, published years.

Expected values come from the State Council holiday notices (国务院办公厅关于部分节假日安排的通知) and counting
by hand on a wall calendar, never from the program.
"""

from __future__ import annotations

from datetime import date

import pytest

from ogi.workdays import Calendar, package_calendar


def test_it_treats_national_day_2024_as_days_off_and_the_makeup_sundays_as_workdays() -> None:
    # 国办发明电〔2023〕7号: 国庆节 10月1日至7日放假，9月29日（星期日）、10月12日（星期六）上班.
    cal = package_calendar()
    assert not cal.is_workday(date(2024, 10, 1))
    assert not cal.is_workday(date(2024, 10, 7))  # Monday, but holiday
    assert cal.is_workday(date(2024, 9, 29))  # Sunday, 调休上班
    assert cal.is_workday(date(2024, 10, 12))  # Saturday, 调休上班
    assert not cal.is_workday(date(2024, 9, 28))  # plain Saturday
    assert cal.is_workday(date(2024, 10, 8))


def test_it_knows_the_holiday_names_in_chinese() -> None:
    cal = package_calendar()
    assert cal.holiday_name(date(2024, 10, 3)) == "国庆节"
    assert cal.holiday_name(date(2020, 1, 25)) == "春节"
    assert cal.makeup_name(date(2024, 9, 29)) == "国庆节"
    assert cal.holiday_name(date(2024, 10, 8)) is None


def test_it_counts_from_the_day_after_start() -> None:
    # 2024-09-27 Fri → 9-28 Sat off, 9-29 Sun make-up = 1st, 9-30 Mon = 2nd, 10-1..7 off, 10-8 Tue = 3rd.
    cal = package_calendar()
    assert cal.add_workdays(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert cal.add_workdays(date(2024, 9, 27), 2) == date(2024, 9, 30)
    assert cal.add_workdays(date(2024, 9, 27), 3) == date(2024, 10, 8)
    # starting on a working day does not count that day: Mon 2024-11-04 + 1 → Tue 11-05
    assert cal.add_workdays(date(2024, 11, 4), 1) == date(2024, 11, 5)


def test_it_does_not_count_skipped_dates() -> None:
    # 2024-11-04 Mon + 3 = 11-07 Thu; skipping 11-05 and 11-06 → 11-07, 11-08, 11-11 → 11-11 Mon.
    cal = package_calendar()
    skip = {date(2024, 11, 5), date(2024, 11, 6)}
    assert cal.add_workdays(date(2024, 11, 4), 3) == date(2024, 11, 7)
    assert cal.add_workdays(date(2024, 11, 4), 3, skip=skip) == date(2024, 11, 11)


def test_it_crosses_the_year_boundary() -> None:
    # 2024-12-30 Mon: 12-31 Tue = 1st, 2025-01-01 元旦 off, 01-02 Thu = 2nd.
    assert package_calendar().add_workdays(date(2024, 12, 30), 2) == date(2025, 1, 2)


# The package gains a year with each release; tests about "a year not published yet" pretend that 2026
# is the last published one, so that they hold whatever the installed chinesecalendar version carries.
UNTIL_2026 = package_calendar().up_to(2026)


def test_it_reports_which_years_have_published_data() -> None:
    cal = package_calendar()
    assert cal.has_data(2004) and cal.has_data(2024) and cal.has_data(2026)
    assert not cal.has_data(2003)
    assert UNTIL_2026.has_data(2026) and not UNTIL_2026.has_data(2027)


def test_it_keeps_the_published_years_when_cut_at_a_year() -> None:
    # 国办发明电〔2023〕7号 stays in a calendar cut at 2026; what lies after 2026 is gone.
    assert not UNTIL_2026.is_workday(date(2024, 10, 1)) and UNTIL_2026.is_workday(date(2024, 9, 29))
    assert UNTIL_2026.published_years == frozenset(range(2004, 2027))
    assert all(d.year <= 2026 for d in (*UNTIL_2026.holidays, *UNTIL_2026.makeup_workdays))


def test_it_falls_back_to_monday_to_friday_in_a_year_without_data() -> None:
    assert UNTIL_2026.is_workday(date(2027, 1, 1))  # a Friday; the 2027 元旦 is not published yet
    assert not UNTIL_2026.is_workday(date(2027, 1, 2))  # Saturday
    assert not UNTIL_2026.is_workday(date(2026, 1, 1))  # 元旦 2026 is published: a day off


def test_it_applies_overrides_and_declared_complete_years_without_changing_the_original() -> None:
    base = UNTIL_2026
    cal = base.with_overrides(
        holidays={date(2027, 1, 1): "元旦"},
        workdays={date(2027, 1, 2): "元旦"},
        complete_years={2027},
    )
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 1, 2))
    assert cal.has_data(2027)
    assert base.is_workday(date(2027, 1, 1)) and not base.has_data(2027)


def test_it_lets_an_override_win_over_the_package() -> None:
    # Declaring the package's 2024-10-07 holiday a working day, and its 10-12 make-up day a day off.
    cal = package_calendar().with_overrides(
        workdays={date(2024, 10, 7): "国庆节"}, holidays={date(2024, 10, 12): "国庆节"}
    )
    assert cal.is_workday(date(2024, 10, 7))
    assert not cal.is_workday(date(2024, 10, 12))


def test_it_refuses_a_date_that_is_both_holiday_and_workday() -> None:
    with pytest.raises(ValueError):
        Calendar({date(2027, 1, 1): "元旦"}, {date(2027, 1, 1): "元旦"}, [2027])


def test_it_builds_from_the_package_once() -> None:
    assert Calendar.from_package() is package_calendar()
