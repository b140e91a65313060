from __future__ import annotations

from django.contrib import admin

from ogi.web.lib.frozen import ReadOnlyAdmin

from .models import ProactiveCount, ReportText


@admin.register(ProactiveCount)
class ProactiveCountAdmin(ReadOnlyAdmin):
    list_display = ("organ", "year", "path", "value")


@admin.register(ReportText)
class ReportTextAdmin(ReadOnlyAdmin):
    list_display = ("organ", "year", "section")
