"""Seed the working-day calendar from the ``chinesecalendar`` package (holidays, 调休, years with data)."""

from __future__ import annotations

from django.db import migrations


def seed(apps, schema_editor) -> None:
    from ogi.workdays import package_calendar

    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    cal = package_calendar()
    days = [CalendarDay(day=d, is_workday=False, name=n) for d, n in cal.holidays.items()]
    days += [CalendarDay(day=d, is_workday=True, name=n) for d, n in cal.makeup_workdays.items()]
    CalendarDay.objects.bulk_create(days, ignore_conflicts=True)
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, published=True, note="chinesecalendar") for y in sorted(cal.published_years)],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor) -> None:
    apps.get_model("workcalendar", "CalendarDay").objects.all().delete()
    apps.get_model("workcalendar", "CalendarYear").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
