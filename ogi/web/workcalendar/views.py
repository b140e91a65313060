"""The working-day calendar screen: a year's months with holidays and 调休 workdays."""

from __future__ import annotations

import calendar as monthcal
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ogi.web.lib import checks
from ogi.web.organs.access import is_admin

from .days import db_calendar
from .models import CalendarDay, CalendarYear


@login_required
def working_calendar(request: HttpRequest) -> HttpResponse:
    year = _year_param(request.GET.get("year"), checks.today().year)
    cal = db_calendar()
    days = {d.day: d for d in CalendarDay.objects.filter(day__year=year)}
    years = CalendarYear.objects.all()
    return render(request, "workcalendar/calendar.html", {
        "year": year, "published": cal.has_data(year), "years": years,
        "months": [_month(cal, year, m, days) for m in range(1, 13)],
        "specials": sorted(days.values(), key=lambda d: d.day),
        "provisional_years": [y.year for y in years if not y.published],
        "first_unknown": max((y.year for y in years if y.published), default=year) + 1,
        "is_admin": is_admin(request.user),
    })


def _year_param(raw: str | None, default: int) -> int:
    try:
        year = int(raw) if raw else default
    except ValueError:
        return default
    return year if 1990 <= year <= 2199 else default


def _month(cal, year: int, month: int, days: dict) -> dict:  # noqa: ANN001
    """One month as weeks of (day, css class, title) for the calendar grid."""
    weeks = []
    for week in monthcal.Calendar().monthdatescalendar(year, month):
        weeks.append([_day_cell(cal, d, days, month) for d in week])
    return {"month": month, "weeks": weeks}


def _day_cell(cal, d: date, days: dict, month: int) -> dict:  # noqa: ANN001
    if d.month != month:
        return {"day": None}
    special = days.get(d)
    kind = "work" if cal.is_workday(d) else "off"
    if special is not None:
        kind = "makeup" if special.is_workday else "holiday"
    return {"day": d, "kind": kind, "title": special.name if special else ""}
