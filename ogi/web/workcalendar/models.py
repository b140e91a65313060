"""The working-day calendar kept in the database (seeded from chinesecalendar, edited by an admin)."""

from __future__ import annotations

from django.db import models


class CalendarYear(models.Model):
    """A year of the working-day calendar; ``published`` when its holiday schedule is known."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    published = models.BooleanField("已公布放假安排", default=False)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that differs from Mon–Fri work: a statutory holiday on a weekday, or a 调休 workday."""

    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    name = models.CharField("名称", max_length=60, blank=True)

    class Meta:
        verbose_name = "节假日/调休"
        verbose_name_plural = "节假日/调休"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'上班' if self.is_workday else '放假'} {self.name}"


class CalendarRevision(models.Model):
    """One row: a token the database changes on every write to CalendarDay or CalendarYear (triggers,
    migration 0003), so that a process may keep the calendar it read until the token moves. A random
    token, not a counter: a rolled-back edit cannot bring back a value an earlier read was kept under."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "日历版本"
        verbose_name_plural = "日历版本"

    def __str__(self) -> str:
        return self.token
