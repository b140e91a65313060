"""A process keeps the calendar it read until the database's revision token moves."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ogi.web.workcalendar.days import db_calendar
from ogi.web.workcalendar.models import CalendarDay, CalendarRevision, CalendarYear

# 2027-03-01 is a Monday: a working day until an admin makes it a day off
MONDAY = date(2027, 3, 1)


@pytest.mark.django_db
def test_a_kept_calendar_costs_one_query():
    db_calendar()
    with CaptureQueriesContext(connection) as read:
        calendar = db_calendar()
    assert len(read) == 1 and "workcalendar_calendarrevision" in read[0]["sql"]
    assert calendar.is_workday(date(2024, 10, 1)) is False  # 国庆节, seeded from chinesecalendar


@pytest.mark.django_db
def test_an_edit_through_the_models_is_seen_at_once():
    assert db_calendar().is_workday(MONDAY)
    CalendarDay.objects.create(day=MONDAY, is_workday=False, name="调整")
    assert not db_calendar().is_workday(MONDAY)
    CalendarDay.objects.filter(day=MONDAY).update(is_workday=True)  # no signal: the database moves the token
    assert db_calendar().is_workday(MONDAY)
    CalendarDay.objects.filter(day=MONDAY).delete()
    assert db_calendar().is_workday(MONDAY) and CalendarDay.objects.filter(day=MONDAY).count() == 0


@pytest.mark.django_db
def test_an_edit_in_raw_sql_moves_the_token():
    db_calendar()
    before = CalendarRevision.objects.get().token
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO workcalendar_calendarday (day, is_workday, name) VALUES (%s, %s, %s)",
                       [MONDAY, False, "调整"])
    assert CalendarRevision.objects.get().token != before
    assert not db_calendar().is_workday(MONDAY)
    CalendarYear.objects.filter(year=2024).update(published=False)
    assert 2024 not in db_calendar().published_years


@pytest.mark.django_db
def test_without_the_token_row_the_calendar_is_read_each_time():
    CalendarRevision.objects.all().delete()
    with CaptureQueriesContext(connection) as read:
        db_calendar()
        db_calendar()
    assert len(read) == 6  # token, days, years — twice
