"""The calendar is reference data: edited in the admin, every edit audited."""

from __future__ import annotations

from django.contrib import admin

from ogi.web.audit.admin import AuditedAdmin

from .models import CalendarDay, CalendarYear


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdmin):
    list_display = ("year", "published", "note")


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ("day", "is_workday", "name")
    list_filter = ("is_workday",)
    date_hierarchy = "day"
    search_fields = ("name",)
