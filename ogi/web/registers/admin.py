"""Django admin: reference data (the calendar) is edited here; the registers are only shown —
they change through the services so that every change is checked and audited."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from .audit import record, snapshot
from .models import (
    Appeal,
    Application,
    AuditEntry,
    CalendarDay,
    CalendarYear,
    ProactiveCount,
    ReportText,
)


class AuditedAdmin(admin.ModelAdmin):
    """Reference data edited in the admin is audited like everything else (who, when, before, after)."""

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        before = snapshot(type(obj).objects.filter(pk=obj.pk).first()) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record(request.user, None, f"admin.{'change' if change else 'add'}", obj, before, snapshot(obj))

    def delete_model(self, request, obj) -> None:  # noqa: ANN001
        with transaction.atomic():
            record(request.user, None, "admin.delete", obj, snapshot(obj), None)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:  # noqa: ANN001
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdmin):
    list_display = ("year", "published", "note")


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ("day", "is_workday", "name")
    list_filter = ("is_workday",)
    date_hierarchy = "day"
    search_fields = ("name",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("number", "organ", "applicant_type", "received_on", "status", "due_date", "outcome")
    list_filter = ("status", "organ", "applicant_type")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("organ", "kind", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result")


@admin.register(ProactiveCount)
class ProactiveCountAdmin(ReadOnlyAdmin):
    list_display = ("organ", "year", "path", "value")


@admin.register(ReportText)
class ReportTextAdmin(ReadOnlyAdmin):
    list_display = ("organ", "year", "section")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "organ", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
